"""The frozen one-folder desk (installers/): build time, installed size, start to idle window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_startup import RUNS, start_to_idle
from benchmarks.harness import Measurement, median

TITLE = "Frozen build (installers/)"
NOTES = """
`installers/build` is run once (PyInstaller one folder, `dist/kyc-desk/`, from this interpreter's
environment); its wall-clock time is the build figure. The installed size is every file under
`dist/kyc-desk/` (1 MB = 10^6 bytes), the target the issue sets for an installation. The start figure is
measured as in "Window start-up", with the frozen `dist/kyc-desk/kyc-desk` instead of `python -m
kyc_desk.cli.main`: median of 7 starts after one untimed start, warm file cache (a first start after boot
is slower and is not measured); "Xvfb" runs only when `DISPLAY` is set. What the build contains and what
its smoke test proves: docs/installers.md.
"""

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "kyc-desk"
SIZE_TARGET_MB = 700
START_TARGET_S = 2.0


def _build() -> float:
    env = {**os.environ, "PYTHON": sys.executable}
    start = time.perf_counter()
    subprocess.run([str(ROOT / "installers" / "build")], env=env, check=True, timeout=1800,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def _start(label: str, env: dict[str, str]) -> Measurement:
    command = [str(DIST / "kyc-desk")]
    start_to_idle(env, "ja", command)
    times = [start_to_idle(env, "ja", command) for _ in range(RUNS)]
    value = median(times)
    return Measurement(
        f"frozen start to idle window ({label}, ja)", round(value, 3), "s", target=f"< {START_TARGET_S} s",
        met=value < START_TARGET_S,
        note=f"min {min(times):.3f} s, max {max(times):.3f} s, {RUNS} runs, load average {os.getloadavg()[0]:.1f}",
    )


def run() -> list[Measurement]:
    load = os.getloadavg()[0]
    build_s = _build()
    size = _size_mb(DIST)
    results = [
        Measurement("installers/build (one folder)", round(build_s, 1), "s", note=f"load average {load:.1f}"),
        Measurement("installed size of dist/kyc-desk/", round(size), "MB", target=f"< {SIZE_TARGET_MB} MB",
                    met=size < SIZE_TARGET_MB),
    ]
    # the frozen desk must not see the checkout's Python
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "PYTHONPATH", "PYTHONHOME")}
    results.append(_start("offscreen", {**base, "QT_QPA_PLATFORM": "offscreen"}))
    display = os.environ.get("DISPLAY")
    if display:
        results.append(_start("Xvfb", {**base, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}))
    return results
