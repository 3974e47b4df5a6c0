"""A UI-thread watchdog: a QTimer ticking every 10 ms on the UI thread, recording the longest gap.

If anything blocks the UI thread (a card APDU, a face model, a database call done in the wrong place,
a lock held by a worker), ticks stop and the gap grows. Tests start it around the work they hand to
workers and check the longest stall afterwards.

The CI machines and the development machine are shared (2 cores, other test suites running), so a gap
can also mean the operating system had no free core for the UI thread. That is not the desk's doing:
on Linux the watchdog reads the thread's run-queue wait from ``/proc/thread-self/schedstat`` (time it was
ready to run but waiting for a CPU) and subtracts it. Everything else — the thread's own work, and any
time it spent *blocked* (I/O, locks, the interpreter lock held by a worker) — still counts. Both figures
are kept: ``longest_gap_ms`` (wall clock) and ``longest_stall_ms`` (what the desk is responsible for).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

TICK_MS = 10
_SCHEDSTAT = Path("/proc/thread-self/schedstat")


def _runqueue_wait_ms() -> float | None:
    """Milliseconds this thread has spent runnable but waiting for a CPU (None where unknown)."""
    try:
        fields = _SCHEDSTAT.read_text().split()
        return int(fields[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


class UiWatchdog(QObject):
    """Measures the gaps between consecutive 10 ms ticks on the thread it lives on (the UI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_wait: float | None = None
        self.longest_gap_ms = 0.0
        self.longest_stall_ms = 0.0
        self.ticks = 0

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_wait = _runqueue_wait_ms()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        wait = _runqueue_wait_ms()
        gap = (now - self._last) * 1000
        waited_for_cpu = wait - self._last_wait if wait is not None and self._last_wait is not None else 0.0
        self.longest_gap_ms = max(self.longest_gap_ms, gap)
        self.longest_stall_ms = max(self.longest_stall_ms, gap - waited_for_cpu - TICK_MS)
        self._last, self._last_wait = now, wait
        self.ticks += 1

    def summary(self) -> str:
        return (
            f"{self.ticks} ticks, longest gap {self.longest_gap_ms:.0f} ms, "
            f"longest stall not caused by CPU contention {self.longest_stall_ms:.0f} ms"
        )
