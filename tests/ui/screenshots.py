"""Screenshots of the window for docs/screenshots/ (run under Xvfb, never part of the test run).

    Xvfb :57 -screen 0 1600x1000x24 &
    DISPLAY=:57 KYC_DESK_VPCD_PORT=35963 .venv/bin/python -m tests.ui.screenshots [NAME ...]

Each shot drives the real window (the same code the tests drive) and saves ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def _settle(app: object, ms: int = 300) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(ms)


def shot_shell() -> None:
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language

    app = application()
    install_language(app, "ja")
    window = build_window(Settings())
    window.resize(1400, 900)
    window.show()
    _settle(app)
    window.grab().save(str(OUT / "01-shell.png"))
    dialog = window.show_about()
    dialog.resize(760, 560)
    _settle(app)
    dialog.grab().save(str(OUT / "02-about.png"))
    dialog.close()
    window.close()


SHOTS: dict[str, Callable[[], None]] = {"shell": shot_shell}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", default=list(SHOTS))
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (e.g. run Xvfb :57 and DISPLAY=:57)", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault("KYC_DESK_HOME", tempfile.mkdtemp(prefix="kyc-desk-shots-"))
    OUT.mkdir(parents=True, exist_ok=True)
    for name in args.names:
        SHOTS[name]()
        print(f"shot {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
