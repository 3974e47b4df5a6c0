"""The watchdog itself: it must see the UI thread blocked (sleeping) or busy (computing)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.ui.watchdog import UiWatchdog


def _measure(qtbot: QtBot, block: object) -> UiWatchdog:
    watchdog = UiWatchdog()
    watchdog.start()
    qtbot.wait(60)
    QTimer.singleShot(0, block)  # type: ignore[call-overload]
    qtbot.wait(200)
    watchdog.stop()
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
    assert watchdog.ticks >= 10
    assert watchdog.longest_stall_ms < 50
