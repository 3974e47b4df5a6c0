"""Page images of the exported PDFs for docs/export-pdf/ (run by hand, never part of the test run)::

    .venv/bin/python -m tests.export_pdf.doc_pages [--out DIR] [--dpi N]

Saves the example caseload (tests/export_pdf/examples.py ``save_caseload``) into a store in a temporary folder,
exports the 本人確認記録 of the individual (face-to-face, chip), the company (documents, high risk, the split
decision) and the agent (method ロ, 転送不要郵便), the matter's 取引記録 and minutes with
``kyc_desk.export.pdf``, and turns every page into a PNG with pdftoppm: ``individual-1.png``, ``company-1.png``…
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from kyc_desk.export.pdf import PdfKind, export_pdf
from kyc_desk.records import RecordStore, ScryptParams
from tests.export_pdf.examples import OFFICE, WORDING, save_caseload

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "export-pdf"
PRINTED = dt.datetime(2026, 12, 6, 1, 0, tzinfo=dt.UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, _recovery = RecordStore.create(
            mode="passphrase", folder=folder / "records", passphrase="doc pages", scrypt=ScryptParams(n=2**10)
        )
        with store:
            matter_id, ids = save_caseload(store)
            jobs: list[tuple[str, PdfKind, dict[str, object]]] = [
                ("individual", "record", {"record_ids": [ids["first"]]}),
                ("company", "record", {"record_ids": [ids["firm"]]}),
                ("agent", "record", {"record_ids": [ids["agent"]]}),
                ("transactions", "transactions", {"matter_id": matter_id}),
                ("minutes", "minutes", {"matter_id": matter_id}),
            ]
            for name, kind, which in jobs:
                pdf = folder / f"{name}.pdf"
                export_pdf(
                    store,
                    kind=kind,
                    out=pdf,
                    actor="山田",
                    office=OFFICE,
                    wording=WORDING,
                    lang="ja",
                    now=PRINTED,
                    **which,  # type: ignore[arg-type]
                )
                for old in args.out.glob(f"{name}-*.png"):
                    old.unlink()
                subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / name)], check=True)
                print(f"{name}: {sorted(p.name for p in args.out.glob(f'{name}-*.png'))}")


if __name__ == "__main__":
    main()
