"""The watchdog itself: it must see the UI thread blocked (sleeping) or busy (computing)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.ui.watchdog import UiWatchdog


def _measure(qtbot: QtBot, block: object) -> UiWatchdog:
    watchdog = UiWatchdog()
    watchdog.start()
    started = time.perf_counter()
    qtbot.wait(60)
    QTimer.singleShot(0, block)  # type: ignore[call-overload]
    qtbot.wait(200)
    done = time.perf_counter()
    watchdog.wait_past(qtbot, done)
    watchdog.stop()
    assert watchdog.covers(started, done)
    return watchdog


def test_sees_a_blocked_ui_thread(qtbot: QtBot) -> None:
    watchdog = _measure(qtbot, lambda: time.sleep(0.15))
    assert watchdog.longest_stall_ms >= 120


def test_sees_a_busy_ui_thread(qtbot: QtBot) -> None:
    def spin() -> None:  # 150 ms of the UI thread's own CPU time, however loaded the machine is
        end = time.thread_time() + 0.15
        while time.thread_time() < end:
            pass

    watchdog = _measure(qtbot, spin)
    assert watchdog.longest_stall_ms >= 120


def test_quiet_ui_thread_has_no_stall(qtbot: QtBot) -> None:
    watchdog = _measure(qtbot, lambda: None)
    assert watchdog.longest_stall_ms < 50


def test_a_watchdog_that_never_ticks_cannot_vouch_for_anything(qtbot: QtBot) -> None:
    """Started but never given an event loop turn, it measured nothing: waiting for a tick must fail."""
    watchdog = UiWatchdog()
    watchdog.start()
    watchdog.stop()
    done = time.perf_counter()
    assert not watchdog.covers(watchdog.started_at, done)
    with pytest.raises(qtbot.TimeoutError):
        watchdog.wait_past(qtbot, done, timeout_ms=100)
