"""A UI-thread watchdog: a QTimer ticking every 10 ms on the UI thread, recording the longest gap.

If anything blocks the UI thread (a card APDU, a face model, a database call done in the wrong place,
a lock held by a worker), ticks stop and the gap grows. Tests start it around the work they hand to
workers and check the longest stall afterwards. A stall figure only speaks for the time the watchdog
measured, from :meth:`UiWatchdog.start` to its last tick: :meth:`UiWatchdog.wait_past` waits for a tick
after the work is done, so the work's last moments are measured too, and it fails when the watchdog is not
ticking at all. :meth:`UiWatchdog.covers` says whether a span was measured. A count of ticks says nothing
(a quiet machine finishes a read in three), so tests never assert one.

The CI machines and the development machine are shared (2 cores, other test suites running), so a gap
can also mean that the operating system had no free core: for the UI thread itself, or for the worker
thread that holds the interpreter lock the UI thread is waiting for. Neither is the desk's doing. On
Linux the watchdog therefore reads every thread's scheduler statistics (``/proc/self/task/*/schedstat``:
time on a CPU, time runnable but waiting for a CPU) and computes, per gap::

    stall = max(UI thread's own CPU time,
                gap − UI thread's wait for a CPU − the longest wait for a CPU of any other thread) − 10 ms

The UI thread's own work always counts in full; time it spent blocked (I/O, a lock, the interpreter lock)
counts unless a thread of the process was itself kept off the CPU that long. Elsewhere (no ``/proc``) the
wall-clock gap is used. Both figures are kept: ``longest_gap_ms`` (wall clock) and ``longest_stall_ms``.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

TICK_MS = 10
_TASKS = Path("/proc/self/task")


def _schedstat(tid: int | str) -> tuple[float, float] | None:
    """(ms on a CPU, ms runnable but waiting for a CPU) of one thread, or None where unknown."""
    try:
        run, wait, _slices = (_TASKS / str(tid) / "schedstat").read_text().split()
        return int(run) / 1e6, int(wait) / 1e6
    except (OSError, ValueError):
        return None


def _all_waits() -> dict[str, float]:
    waits = {}
    try:
        for task in _TASKS.iterdir():
            stat = _schedstat(task.name)
            if stat is not None:
                waits[task.name] = stat[1]
    except OSError:
        pass
    return waits


class UiWatchdog(QObject):
    """Measures the gaps between consecutive 10 ms ticks on the thread it lives on (the UI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._tid = threading.get_native_id()
        self._last = 0.0
        self._last_ui: tuple[float, float] | None = None
        self._last_waits: dict[str, float] = {}
        self.longest_gap_ms = 0.0
        self.longest_stall_ms = 0.0
        self.ticks = 0
        #: ``time.perf_counter()`` at start and at the last tick: the span the stall figures speak for.
        self.started_at = float("inf")
        self.last_tick_at = float("-inf")

    def start(self) -> None:
        self._tid = threading.get_native_id()
        self._last = self.started_at = time.perf_counter()
        self._last_ui = _schedstat(self._tid)
        self._last_waits = _all_waits()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        ui = _schedstat(self._tid)
        waits = _all_waits()
        gap = (now - self._last) * 1000
        stall = gap
        if ui is not None and self._last_ui is not None:
            ui_cpu = ui[0] - self._last_ui[0]
            ui_wait = ui[1] - self._last_ui[1]
            others = [
                wait - self._last_waits[tid]
                for tid, wait in waits.items()
                if tid != str(self._tid) and tid in self._last_waits
            ]
            stall = max(ui_cpu, gap - ui_wait - max(others, default=0.0))
        self.longest_gap_ms = max(self.longest_gap_ms, gap)
        self.longest_stall_ms = max(self.longest_stall_ms, stall - TICK_MS)
        self._last, self._last_ui, self._last_waits = now, ui, waits
        self.last_tick_at = now
        self.ticks += 1

    def wait_past(self, qtbot: QtBot, moment: float, timeout_ms: int = 5000) -> None:
        """Wait for a tick after ``moment`` (a ``time.perf_counter()`` value), so the gap holding it is measured.

        Fails (``qtbot.waitUntil`` times out) when the watchdog does not tick: a stall figure from a
        watchdog that never ran must not pass for a quiet UI thread.
        """
        qtbot.waitUntil(lambda: self.last_tick_at > moment, timeout=timeout_ms)

    def covers(self, start: float, end: float) -> bool:
        """True when every moment from ``start`` to ``end`` lies in a gap the watchdog measured."""
        return self.started_at <= start and self.last_tick_at >= end

    def summary(self) -> str:
        return (
            f"{self.ticks} ticks, longest gap {self.longest_gap_ms:.0f} ms, "
            f"longest stall not caused by CPU contention {self.longest_stall_ms:.0f} ms"
        )
