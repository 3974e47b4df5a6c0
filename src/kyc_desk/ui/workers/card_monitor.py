"""リーダーの監視 — the card layer's Qt-free :class:`~kyc_desk.cards.monitor.CardMonitor` as Qt signals.

The monitor calls back on its own thread; emitting a signal from there queues the event to the window's
thread, so the reader panel updates live without ever blocking the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.cards.monitor import CardEvent, CardMonitor


class ReaderWatch(QObject):
    """Emits ``card_event(CardEvent)`` and ``monitor_failed(KycDeskError)``; start/stop from the window."""

    card_event = Signal(object)
    monitor_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._monitor: CardMonitor | None = None

    def start(self) -> None:
        """Start watching (imports pyscard now, not at window start)."""
        if self._monitor is not None:
            return
        from kyc_desk.cards.monitor import CardMonitor

        self._monitor = CardMonitor(self._on_event, on_error=self._on_error)
        self._monitor.start()

    def stop(self) -> None:
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor = None

    def _on_event(self, event: CardEvent) -> None:
        self.card_event.emit(event)

    def _on_error(self, error: KycDeskError) -> None:
        self.monitor_failed.emit(error)
