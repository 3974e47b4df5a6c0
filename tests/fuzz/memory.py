"""Peak memory of one call, as the kernel counts it (resident set), not only what Python allocates.

Pillow, libjpeg and OpenJPEG allocate outside Python's allocator, so ``tracemalloc`` does not see the
decoders' buffers; the resident set does. Linux keeps a high-water mark per process (``VmHWM`` in
``/proc/self/status``) that writing ``5`` to ``/proc/self/clear_refs`` resets, so the peak of one call is
measurable in the test process itself. Memory the allocator kept from earlier calls can hide part of a
peak (the figure is a lower bound); the regression cases therefore also run in a fresh interpreter
(:func:`peak_in_child`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")
MB = 1024 * 1024
_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_kb(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def available() -> bool:
    try:
        _CLEAR_REFS.write_text("5")
        _status_kb("VmHWM")
    except (OSError, LookupError):
        return False
    return True


def peak_growth(call: Callable[[], T]) -> tuple[T | BaseException, int]:
    """Run ``call``; its result (or the exception it raised) and the resident-set peak above the start, in bytes."""
    before = _status_kb("VmRSS")
    _CLEAR_REFS.write_text("5")
    outcome: T | BaseException
    try:
        outcome = call()
    except BaseException as exc:  # the caller decides what may be raised
        outcome = exc
    return outcome, (_status_kb("VmHWM") - before) * 1024


def require() -> None:
    if not available():
        pytest.skip("this kernel does not let a process reset its peak resident set (/proc/self/clear_refs)")


_CHILD = """
import importlib, json, sys
from pathlib import Path
sys.path[:0] = json.loads(sys.argv[3])
from tests.fuzz.memory import peak_growth
module, name = sys.argv[1].rsplit(".", 1)
target = getattr(importlib.import_module(module), name)
data = Path(sys.argv[2]).read_bytes()
try:
    target(b"")  # warm up: imports and codec tables are not the case's memory
except Exception:
    pass
outcome, growth = peak_growth(lambda: target(data))
print(json.dumps({"growth": growth, "raised": type(outcome).__name__ if isinstance(outcome, BaseException) else None}))
"""


def peak_in_child(target: str, data: bytes, tmp: Path) -> tuple[int, str | None]:
    """Peak growth of ``target(data)`` (a dotted name of a one-argument function) in a fresh interpreter.

    Returns the growth in bytes and the name of the exception raised (``None`` if it returned).
    """
    path = tmp / "case.bin"
    path.write_bytes(data)
    root = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, target, str(path), json.dumps([root, *sys.path])],
        capture_output=True, text=True, check=True, timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return int(report["growth"]), report["raised"]
