"""Reader and card events, delivered from a worker thread (Qt-free; the UI wraps them in signals).

::

    monitor = CardMonitor(on_event, on_error=on_error)
    monitor.start()          # first delivers the current state: reader_added, card_inserted for each
    ...
    monitor.stop()           # returns promptly (SCardCancel), the thread is joined

``on_event(CardEvent)`` and ``on_error(KycDeskError)`` run on the monitor's thread: hand the event to your
own thread (a queued Qt signal, a queue) and return quickly. When pcscd goes away the monitor reports
``PcscUnavailable`` once through ``on_error``, reports every known reader as removed, and keeps trying to
reconnect every few seconds until stopped.

The monitor waits in ``SCardGetStatusChange`` (through
:class:`~kyc_desk.cards.transport.pcsc.StatusWatcher`, so pyscard stays in one module) with a short
timeout, and compares full snapshots, so readers without hot-plug notification are covered too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.cards.transport.pcsc import ReaderState, StatusWatcher

log = logging.getLogger(__name__)

EventKind = Literal["reader_added", "reader_removed", "card_inserted", "card_removed"]
_WAIT: Final = 0.5
_RETRY: Final = 2.0


@dataclass(frozen=True)
class CardEvent:
    """Something changed on a reader. ``atr`` is set for ``card_inserted``."""

    kind: EventKind
    reader: str
    atr: bytes = b""


def diff_states(before: dict[str, ReaderState], after: dict[str, ReaderState]) -> list[CardEvent]:
    """The events that turn the ``before`` snapshot into ``after`` (reader order kept)."""
    events: list[CardEvent] = []
    for name, old in before.items():
        if name not in after:
            if old.card_present:
                events.append(CardEvent("card_removed", name))
            events.append(CardEvent("reader_removed", name))
    for name, new in after.items():
        old_state = before.get(name)
        if old_state is None:
            events.append(CardEvent("reader_added", name))
            if new.card_present:
                events.append(CardEvent("card_inserted", name, new.atr))
            continue
        if old_state.card_present and (not new.card_present or new.atr != old_state.atr):
            events.append(CardEvent("card_removed", name))
        if new.card_present and (not old_state.card_present or new.atr != old_state.atr):
            events.append(CardEvent("card_inserted", name, new.atr))
    return events


class CardMonitor:
    """Watches every reader on a daemon thread and calls ``on_event`` for each change."""

    def __init__(
        self,
        on_event: Callable[[CardEvent], None],
        *,
        on_error: Callable[[KycDeskError], None] | None = None,
        wait: float = _WAIT,
    ) -> None:
        self.on_event = on_event
        self.on_error = on_error
        self.wait = wait
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._watcher_lock = threading.Lock()
        self._watcher: StatusWatcher | None = None

    def start(self) -> None:
        """Start watching (idempotent)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop and join the thread."""
        self._stop.set()
        with self._watcher_lock:
            watcher = self._watcher
        if watcher is not None:
            watcher.cancel()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    def __enter__(self) -> CardMonitor:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _emit(self, event: CardEvent) -> None:
        try:
            self.on_event(event)
        except Exception:  # a failing handler must not kill the monitor
            log.exception("card event handler failed for %s", event.kind)

    def _run(self) -> None:
        from kyc_desk.cards.transport.pcsc import StatusWatcher

        known: dict[str, ReaderState] = {}
        reported_error = False
        while not self._stop.is_set():
            try:
                watcher = StatusWatcher()
            except KycDeskError as exc:
                if not reported_error:
                    reported_error = True
                    self._lose(known, exc)
                    known = {}
                self._stop.wait(_RETRY)
                continue
            reported_error = False
            with self._watcher_lock:
                self._watcher = watcher
            try:
                while not self._stop.is_set():
                    current = {s.name: s for s in watcher.snapshot()}
                    for event in diff_states(known, current):
                        self._emit(event)
                    known = current
                    watcher.wait(self.wait)
            except KycDeskError as exc:
                reported_error = True
                self._lose(known, exc)
                known = {}
                self._stop.wait(_RETRY)
            finally:
                with self._watcher_lock:
                    self._watcher = None
                watcher.close()

    def _lose(self, known: dict[str, ReaderState], exc: KycDeskError) -> None:
        for event in diff_states(known, {}):
            self._emit(event)
        if self.on_error is not None:
            try:
                self.on_error(exc)
            except Exception:
                log.exception("card monitor error handler failed")
