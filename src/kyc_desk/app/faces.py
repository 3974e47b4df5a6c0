"""The face engine as the window uses it: comparisons in a separate process, and the camera.

Qt-free; the window runs these on its task pool. The face layer is imported inside the functions, so the
window starts without dlib or mediapipe loaded.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.faces import PreparedReference
    from kyc_desk.faces.engine import MatchEngine
    from kyc_desk.records.model import FaceResult

log = logging.getLogger(__name__)


class FaceEngineFailed(KycDeskError):
    """The face engine's process failed; the window keeps working and the scrivener decides by eye."""

    default_ja = "顔照合エンジンが停止しました。目視で確認してください。"


def _face_engine_warm_up() -> None:
    """Run in the face process: yield the CPU to the window first (on a 2-core office PC the engine must
    not take the core the UI thread needs), then check the model files and load the models once, before
    the first comparison.

    A face error here (a model file damaged or missing) must not kill the process: an initializer that
    raises breaks the pool, and the window would only learn "the engine stopped". The process stays up, and
    each comparison raises the error itself, which the window shows where the face result would be.
    """
    import contextlib
    import os

    with contextlib.suppress(AttributeError, OSError):  # os.nice does not exist on Windows
        os.nice(5)
    from kyc_desk.faces import FaceError, warm_up

    try:
        warm_up()
    except FaceError as exc:
        # info, not error: the face process has no log file of its own, and anything louder would reach the
        # terminal of a command-line run through logging's last-resort handler; the comparison reports it
        log.info("face engine unavailable: %s", exc.message)


#: In the face process: the chip photo of the card read last, analysed once (SHA-256 of its bytes, analysis).
#: A retaken live photo is then compared without decoding, checking and embedding the chip photo again —
#: about half of a comparison — with the same result. One entry: a new card replaces it, and the process
#: ends with the window, so the embedding lives no longer than the session (kyc_desk.faces.PreparedReference).
_prepared: tuple[bytes, str, PreparedReference] | None = None


def _prepared_reference(chip_photo: bytes, engine: MatchEngine) -> PreparedReference:
    """The chip photo's analysis by ``engine``, made on first use (raises what ``prepare_reference`` raises);
    kept per engine too: an analysis is never compared on another engine's scale."""
    global _prepared
    from kyc_desk.faces import prepare_reference

    digest = hashlib.sha256(chip_photo).digest()
    if _prepared is None or _prepared[:2] != (digest, engine.name):
        _prepared = (digest, engine.name, prepare_reference(chip_photo, engine=engine))
    return _prepared[2]


def _face_engine_prepare(chip_photo: bytes) -> None:
    """Run in the face process when a card has been read, while the scrivener takes the live photo, with
    the engine the settings choose; an unreadable chip photo is left for the comparison to report."""
    import contextlib

    from kyc_desk.faces.engine import selected_engine

    with contextlib.suppress(KycDeskError):  # a face error, or an unknown engine: the comparison says so
        _prepared_reference(chip_photo, selected_engine())


def _face_engine_compare(chip_photo: bytes, live_photo: bytes, engine: str | None = None) -> FaceResult:
    """Run in the face process; a desk error it raises arrives whole (class, Japanese text: errors.py). The
    result is the record's own neutral form: the embedding distance with its decision threshold, the engine
    and its version, the face layer's reason keys — the same figures a remote import stores
    (:mod:`kyc_desk.sync.face_checks`) — and both faces' embeddings for the duplicate-face check.
    ``engine``: the match engine's name or key; ``None`` = the one the settings choose."""
    from kyc_desk.faces import MatchResult, compare_faces
    from kyc_desk.faces.engine import engine_version, match_engine, selected_engine
    from kyc_desk.records import match_embeddings
    from kyc_desk.records.model import FaceKind, FaceMetric, FaceResult, FaceVerdict

    chosen = match_engine(engine) if engine else selected_engine()
    match = compare_faces(_prepared_reference(chip_photo, chosen), live_photo, engine=chosen)
    verdict = {MatchResult.MATCH: FaceVerdict.PASS, MatchResult.NO_MATCH: FaceVerdict.FAIL}.get(
        match.result, FaceVerdict.INCONCLUSIVE
    )
    version = engine_version(match.engine)
    return FaceResult(
        FaceKind.MATCH, match.engine, verdict, match.distance, match.thresholds.decision, FaceMetric.DISTANCE,
        version, tuple(r.key for r in match.reasons),
        # saved with the record for the duplicate-face check (records/_faces.py)
        match_embeddings(match.reference_embedding, match.probe_embedding, engine=match.engine,
                         engine_version=version),
    )


class FaceService:
    """Compares the chip photo with the live photo through the face layer, in a separate process.

    dlib holds the interpreter lock while it computes, which would freeze the window for most of a
    second; in its own process (``spawn``: a fresh interpreter without Qt) it cannot. The process starts
    and loads the models on :meth:`warm_up` (the flow calls it when the card has been read), is reused for
    every comparison, and is stopped by :meth:`close`.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._lock = threading.Lock()

    def _executor(self) -> Any:
        with self._lock:
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_face_engine_warm_up
                )
            return self._pool

    def warm_up(self, chip_photo: bytes | None = None) -> None:
        """Start the face process and load its models in the background (returns at once); with the card's
        ``chip_photo``, also analyse it there, so the comparison itself only has the live photo to do."""
        pool = self._executor()
        pool.submit(int)
        if chip_photo is not None:
            pool.submit(_face_engine_prepare, chip_photo)

    def compare(self, chip_photo: bytes, live_photo: bytes, engine: str | None = None) -> FaceResult:
        """Compare (blocking the calling worker thread, never the UI thread) with ``engine`` (``None``: the
        engine the settings choose)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            result: FaceResult = (
                self._executor().submit(_face_engine_compare, chip_photo, live_photo, engine).result()
            )
        except BrokenProcessPool as exc:
            with self._lock:
                self._pool = None
            log.error("face engine process failed")
            raise FaceEngineFailed("The face engine process stopped.") from exc
        return result

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


class FrameCamera:
    """One photo at a time from a face-layer frame source (a webcam, or an image sequence in the demo).

    The source is opened on the first capture (on a worker thread: opening a camera can take a second)
    and kept open for the next; :meth:`close` releases it. Each capture returns the frame as JPEG bytes,
    which is what the record keeps.
    """

    def __init__(self, open_source: Callable[[], Any]) -> None:
        self._open_source = open_source
        self._source: Any = None
        self._lock = threading.Lock()

    def __call__(self) -> bytes:
        import io

        from PIL import Image

        from kyc_desk.faces import CameraUnavailable

        with self._lock:
            if self._source is None:
                self._source = self._open_source()
            frame = self._source.read()
        if frame is None:
            raise CameraUnavailable("the camera gave no frame")
        out = io.BytesIO()
        Image.fromarray(frame).convert("RGB").save(out, format="JPEG", quality=92)
        return out.getvalue()

    def close(self) -> None:
        with self._lock:
            if self._source is not None:
                self._source.close()
                self._source = None


def default_camera(index: int = 0) -> FrameCamera:
    """The system's webcam ``index`` through the face layer."""

    def open_camera() -> Any:
        from kyc_desk.faces import CameraSource

        return CameraSource(index)

    return FrameCamera(open_camera)
