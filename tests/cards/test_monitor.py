"""Card events: snapshot diffs (pure) and the monitor thread through pcscd."""

from __future__ import annotations

import queue

import pytest

from kyc_desk.cards.monitor import CardEvent, CardMonitor, diff_states
from kyc_desk.cards.transport.pcsc import ReaderState
from kyc_desk_testkit.softcard.builders.diagnostic import build_diagnostic

A, B = "Reader A", "Reader B"


def _s(name: str, present: bool = False, atr: bytes = b"") -> ReaderState:
    return ReaderState(name, present, atr)


def test_diff_states():
    assert diff_states({}, {A: _s(A), B: _s(B, True, b"\x3b")}) == [
        CardEvent("reader_added", A),
        CardEvent("reader_added", B),
        CardEvent("card_inserted", B, b"\x3b"),
    ]
    assert diff_states({A: _s(A, True, b"\x3b")}, {A: _s(A)}) == [CardEvent("card_removed", A)]
    assert diff_states({A: _s(A, True, b"\x3b")}, {}) == [CardEvent("card_removed", A), CardEvent("reader_removed", A)]
    assert diff_states({A: _s(A, True, b"\x01")}, {A: _s(A, True, b"\x02")}) == [
        CardEvent("card_removed", A),
        CardEvent("card_inserted", A, b"\x02"),
    ]
    assert diff_states({A: _s(A)}, {A: _s(A)}) == []


def _next_for(events: queue.Queue, reader: str, kind: str) -> CardEvent:
    while True:
        event = events.get(timeout=5)
        if event.reader == reader and event.kind == kind:
            return event


@pytest.mark.pcsc
def test_monitor_reports_insert_and_remove_and_stops_cleanly(vpcd_slot):
    events: queue.Queue[CardEvent] = queue.Queue()
    errors: list[object] = []
    monitor = CardMonitor(events.put, on_error=errors.append, wait=0.2)
    with monitor:
        assert _next_for(events, vpcd_slot.reader, "reader_added")
        soft = vpcd_slot.insert(build_diagnostic())
        inserted = _next_for(events, vpcd_slot.reader, "card_inserted")
        assert inserted.atr == soft.atr
        vpcd_slot.remove()
        assert _next_for(events, vpcd_slot.reader, "card_removed")
    assert monitor._thread is None
    assert errors == []


@pytest.mark.pcsc
def test_a_failing_handler_does_not_stop_the_monitor(vpcd_slot):
    seen: queue.Queue[CardEvent] = queue.Queue()

    def handler(event: CardEvent) -> None:
        seen.put(event)
        raise RuntimeError("handler bug")

    with CardMonitor(handler, wait=0.2):
        vpcd_slot.insert(build_diagnostic())
        assert _next_for(seen, vpcd_slot.reader, "card_inserted")
