"""Refresh the English translation: extract new strings from the UI sources, then compile the .qm.

    .venv/bin/python resources/i18n/update.py          # lupdate + lrelease
    .venv/bin/python resources/i18n/update.py --check  # fail if the .ts lacks translations or the .qm is stale

Translate new ``<message>`` entries in ``kyc_desk_en.ts`` (with Qt Linguist, ``pyside6-linguist``, or
by hand) and run the script again. The compiled ``kyc_desk_en.qm`` is committed inside the package
(``src/kyc_desk/ui/i18n/``) so that it is found wherever the package is installed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "kyc_desk_en.ts"
QM = ROOT / "src" / "kyc_desk" / "ui" / "i18n" / "kyc_desk_en.qm"
BIN = Path(sys.executable).parent


def ui_sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "src" / "kyc_desk" / "ui").rglob("*.py"))


def unfinished(ts: Path = TS) -> list[str]:
    """Source texts that have no finished English translation."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            missing.append(message.findtext("source") or "")
        elif not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def compile_qm(out: Path) -> None:
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if args.check:
        missing = unfinished()
        for text in missing:
            print(f"untranslated: {text}", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "fresh.qm"
            compile_qm(fresh)
            stale = not QM.is_file() or fresh.read_bytes() != QM.read_bytes()
        if stale:
            print("kyc_desk_en.qm is stale: run resources/i18n/update.py", file=sys.stderr)
        return 1 if missing or stale else 0
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *ui_sources(), "-no-obsolete", "-locations", "none",
         "-source-language", "ja_JP", "-target-language", "en_US", "-ts", str(TS)],
        check=True,
    )
    QM.parent.mkdir(parents=True, exist_ok=True)
    compile_qm(QM)
    missing = unfinished()
    print(f"{len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
