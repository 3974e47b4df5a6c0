"""取込みの自動実行 — the sync layer's :class:`BackgroundPull` behind queued Qt signals.

The pull runs on BackgroundPull's own thread; its callbacks fire on that thread, and emitting this
object's signals from there queues them to the UI thread (this object lives there), so the window only
ever sees finished results. The record store is the window's shared one, borrowed for each round
(BackgroundPull closes what ``open_store`` returns, so it gets a non-closing wrapper).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore
    from kyc_desk.sync.desk import BackgroundPull, DeskSync
    from kyc_desk.sync.importer import FaceChecker
    from kyc_desk.verify.trust import TrustStore


class PullSession(QObject):
    """``pulled(PullResult)`` after each round, ``failed(KycDeskError)`` when a round failed."""

    pulled = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pull: BackgroundPull | None = None

    @property
    def running(self) -> bool:
        return self._pull is not None

    def start(
        self,
        desk: DeskSync,
        store: Callable[[], RecordStore],
        *,
        anchors: Callable[[], TrustStore],
        faces: FaceChecker,
        interval_seconds: float,
    ) -> None:
        """Start pulling now and then every ``interval_seconds`` (restarts if already running)."""
        from kyc_desk.sync.desk import BackgroundPull

        self.stop()

        def borrowed() -> RecordStore:
            # BackgroundPull uses ``with open_store() as store``; the shared store must stay open
            return cast("RecordStore", contextlib.nullcontext(store()))

        self._pull = BackgroundPull(desk, borrowed, anchors=anchors, faces=faces, interval=interval_seconds,
                                    on_result=self._emit_pulled, on_error=self._emit_failed)
        self._pull.start()

    def _emit_pulled(self, result: Any) -> None:
        self.pulled.emit(result)

    def _emit_failed(self, exc: Any) -> None:
        self.failed.emit(exc)

    def pull_now(self) -> None:
        if self._pull is not None:
            self._pull.pull_now()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop after the current submission (waits for the round in progress to end)."""
        pull, self._pull = self._pull, None
        if pull is not None:
            pull.stop(timeout)
