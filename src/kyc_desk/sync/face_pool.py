"""顔照合の並列実行 — run a pull's face checks in worker processes, one submission per worker.

The face engine serialises every model call behind one lock (:data:`kyc_desk.faces.models.MODEL_LOCK`),
and dlib and mediapipe do most of their work on one core, so in one process the face checks of a pull run
one after another (about a second per submission on the development machine). :class:`ProcessFaceChecker`
wraps a :class:`~kyc_desk.sync.importer.FaceChecker` and runs its :meth:`check` in a pool of ``workers``
processes; :meth:`kyc_desk.sync.desk.DeskSync.pull` prepares that many submissions at once, so their
checks run side by side while the desk saves the previous one.

Nothing is weakened: each worker runs the very same checker on the very same frames, and returns the same
report checks and face results (plain frozen dataclasses). The workers are started with ``spawn`` (a fresh
interpreter: the desk's threads, Qt and open database connections are never forked) and load the models
once each, on their first check; :meth:`close` stops them. The interface language of the report text is
passed with every call.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kyc_desk.i18n import Lang, current_language, set_language
from kyc_desk.records.model import FaceResult
from kyc_desk.sync.errors import FaceWorkerStopped
from kyc_desk.sync.importer import FaceChecker
from kyc_desk.verify.report import Check

log = logging.getLogger(__name__)

_worker_checker: FaceChecker | None = None


def _start_worker(checker: FaceChecker) -> None:
    global _worker_checker
    _worker_checker = checker


def _check_in_worker(
    lang: Lang, reference: bytes | None, frames: list[bytes], challenge: str, fps: float
) -> tuple[list[Check], list[FaceResult]]:
    assert _worker_checker is not None
    set_language(lang)
    return _worker_checker.check(reference, frames, challenge, fps)


class ProcessFaceChecker:
    """A :class:`~kyc_desk.sync.importer.FaceChecker` that runs ``inner`` (picklable) in worker processes.

    :meth:`check` blocks its caller until a worker has answered, so several threads calling it at once
    keep several workers busy. Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, inner: FaceChecker, workers: int) -> None:
        if workers < 1:
            raise ValueError("at least one worker is needed")
        self.inner = inner
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # Worker processes start on the first check, not here.
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(self.inner,),
        )

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]:
        try:
            future = self._pool.submit(_check_in_worker, current_language(), reference, list(frames), challenge, fps)
            return future.result()
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory): nothing was checked
            log.warning("a face-check worker process stopped")
            self._pool = self._new_pool()  # a long-lived desk's next pull gets fresh workers
            raise FaceWorkerStopped("a face-check worker stopped; this submission was not saved") from exc

    def close(self) -> None:
        """Stop the workers (waits for checks in progress)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessFaceChecker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
