"""Run the benchmarks and rewrite docs/benchmarks.md: ``python -m benchmarks.run [AREA ...]``.

With no AREA every ``bench_*.py`` runs; otherwise only the named ones (``cards`` runs bench_cards.py).
See :mod:`benchmarks.harness` for what a benchmark module defines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import sys
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DOC = HERE.parent / "docs" / "benchmarks.md"


def areas() -> list[str]:
    """Every benchmark area, by module name without ``bench_``."""
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def machine() -> str:
    """A one-line description of the machine the figures come from."""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def run_area(area: str) -> dict[str, object]:
    """Run one area and store its result."""
    module = importlib.import_module(f"benchmarks.bench_{area}")
    started = dt.datetime.now(dt.UTC)
    measurements = module.run()
    result = {
        "area": area,
        "title": getattr(module, "TITLE", area),
        "notes": getattr(module, "NOTES", ""),
        "when": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "measurements": [asdict(m) for m in measurements],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{area}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def _format_value(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.2f}"
    return f"{value:.3g}"


def render() -> str:
    """docs/benchmarks.md from every stored result."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m benchmarks.run` (see benchmarks/harness.py); do not edit by hand.",
        "Targets are the project's; tests never assert timings. Re-run an area with",
        "`.venv/bin/python -m benchmarks.run AREA` after changing what it measures.",
        "",
    ]
    for path in sorted(RESULTS.glob("*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        lines += [f"## {result['title']}", "", f"Measured {result['when']} on {result['machine']}.", ""]
        lines += ["| measure | value | unit | target | met | note |", "|---|---:|---|---|---|---|"]
        for m in result["measurements"]:
            met = {True: "yes", False: "**no**", None: ""}[m["met"]]
            lines.append(
                f"| {m['name']} | {_format_value(m['value'])} | {m['unit']} | {m['target']} | {met} | {m['note']} |"
            )
        if result["notes"]:
            lines += ["", result["notes"].strip()]
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("areas", nargs="*", help=f"areas to run (default: all of {', '.join(areas())})")
    args = parser.parse_args(argv)
    chosen = args.areas or areas()
    unknown = set(chosen) - set(areas())
    if unknown:
        parser.error(f"no such benchmark: {', '.join(sorted(unknown))}")
    for area in chosen:
        print(f"== {area}", file=sys.stderr)
        run_area(area)
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
