"""The benchmark harness's data types and timing helpers.

Each benchmark is a module ``benchmarks/bench_<area>.py`` that defines::

    TITLE = "Card stack"                 # the section heading in docs/benchmarks.md
    NOTES = "How it was measured ..."    # optional Markdown under the table
    def run() -> list[Measurement]: ...

``python -m benchmarks.run [AREA ...]`` runs them, keeps each area's latest result in
``benchmarks/results/<area>.json`` (committed, so one area can be re-run alone) and rewrites
``docs/benchmarks.md`` from all the results. Targets are written down, never asserted in tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """One figure: what was measured, its value and unit, the target if the project has one."""

    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


def time_call(fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``fn`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    """The median (benchmarks report medians, which ignore one-off stalls)."""
    return statistics.median(values)
