"""Fuzzing every parser of untrusted bytes: returns or raises a KycDeskError, in bounded memory.

Two profiles over the same targets (:mod:`tests.fuzz.targets`):

- **short** (the normal test run): each target gets its ``short`` number of cases, derandomized so the
  suite gives the same answer on every run; a few seconds of CPU a target.
- **long** (``scripts/fuzz [MINUTES]``, or ``KYC_DESK_FUZZ_MINUTES=…`` for this module): the minutes are
  shared out among the targets; each runs rounds of fresh random cases until its share is used, keeps
  going after a finding, and the figures (cases, seconds, findings with their shrunk input) go to
  ``KYC_DESK_FUZZ_REPORT`` (JSON) for docs/fuzzing.md.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed

from . import memory
from .targets import MEMORY_BOUND, TARGETS, Target

LONG_MINUTES = float(os.environ.get("KYC_DESK_FUZZ_MINUTES", "0") or 0)
REPORT = os.environ.get("KYC_DESK_FUZZ_REPORT")
_ROUND = 300  # cases per Hypothesis run in the long profile (a fresh seed each round)


@dataclass
class Tally:
    cases: int = 0
    peak: int = 0
    findings: list[dict[str, Any]] = field(default_factory=list)


def _check(target: Target, case: object, tally: Tally, measure: bool) -> None:
    tally.cases += 1
    if measure:
        outcome, growth = memory.peak_growth(lambda: target.run(case))
        tally.peak = max(tally.peak, growth)
        if isinstance(outcome, BaseException):
            raise outcome  # the run swallows KycDeskError only: anything raised is a finding
        assert growth <= MEMORY_BOUND, f"{target.name}: one case took {growth / memory.MB:.0f} MB at its peak"
    else:
        target.run(case)


def _round(target: Target, tally: Tally, *, examples: int, seed: int | None, measure: bool) -> None:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              suppress_health_check=list(HealthCheck), phases=(Phase.generate, Phase.shrink), print_blob=True)
    @given(target.cases())
    def case_passes(case: object) -> None:
        _check(target, case, tally, measure)

    (hypothesis_seed(seed)(case_passes) if seed is not None else case_passes)()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_parser_returns_or_raises_a_typed_error(name: str) -> None:
    target, tally = TARGETS[name], Tally()
    measure = memory.available()
    if not LONG_MINUTES:
        _round(target, tally, examples=target.short, seed=None, measure=measure)
        assert tally.cases >= target.short
        return
    started = time.monotonic()
    deadline = started + LONG_MINUTES * 60 / len(TARGETS)
    rng = random.Random()
    while time.monotonic() < deadline:
        try:
            _round(target, tally, examples=_ROUND, seed=rng.getrandbits(32), measure=measure)
        except Exception as exc:  # a finding: record it with Hypothesis's shrunk example, keep fuzzing
            tally.findings.append({"error": f"{type(exc).__name__}: {exc}"[:500],
                                   "example": "\n".join(getattr(exc, "__notes__", []))[:4000]})
    _record(name, tally, time.monotonic() - started)
    assert not tally.findings, json.dumps(tally.findings, ensure_ascii=False, indent=1)


def _record(name: str, tally: Tally, seconds: float) -> None:
    if not REPORT:
        return
    path = Path(REPORT)
    report = json.loads(path.read_text()) if path.exists() else {}
    report[name] = {"cases": tally.cases, "seconds": round(seconds), "peak_mb": round(tally.peak / memory.MB, 1),
                    "findings": tally.findings}
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1))
