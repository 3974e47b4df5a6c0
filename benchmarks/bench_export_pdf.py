"""The PDF 本人確認記録 of one verification: rendering alone, and the whole export from the store."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from benchmarks.harness import Measurement, median, time_call

TITLE = "PDF export"
NOTES = """
The record is the export tests' individual (tests/export_pdf/examples.py): a face-to-face My Number card
verification with a 240×320 JPEG 2000 chip photo (decoded and embedded losslessly), a 184 kB JPEG selfie
(obama2.jpg, embedded as captured), an 856×540 PNG card face, two chip checks, a face match and a
liveness result, two item checks, a decision, a 取引記録 line and a meeting note. It is saved with the
records API into a passphrase store in a temporary folder (the KDF is paid once, at opening, and not
timed).

"Render" is `render_pdf` from the loaded record to the PDF's bytes (reportlab, IPAexGothic embedded as a
subset; the page count is in the table). "Export" is what `kyc-desk export pdf --record ID` does after
the store is open: read the record with its evidence, its audit seal, render, write the file (fsync,
rename) and append the export's audit entry. The first render in a process also loads and parses the
font (about 6 MB), shown separately as "first render". Signing is not included: its cost is the token's
(a SoftHSM2 key in the tests, an IC card in an office). Medians of 7 calls after one untimed call, on
the shared 2-core development machine.
"""


def run() -> list[Measurement]:
    import subprocess
    import time

    from tests.export_pdf.examples import OFFICE, WORDING, individual

    from kyc_desk.export.pdf import export_pdf, render_pdf
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.records.printing import audit_seal

    printed_at = dt.datetime.now(dt.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, _recovery = RecordStore.create(
            mode="passphrase", folder=folder / "records", passphrase="bench passphrase", scrypt=ScryptParams(n=2**10)
        )
        with store:
            record = store.save_verification(individual(), actor="bench")
            seals = {record.id: audit_seal(store, record.id)}

            def render() -> bytes:
                return render_pdf(
                    "record", [record], seals, office=OFFICE, wording=WORDING, lang="ja", printed_at=printed_at
                )

            start = time.perf_counter()
            data = render()
            first = time.perf_counter() - start
            rendered = median(time_call(render, repeat=7))
            count = iter(range(1000))

            def export() -> object:
                out = folder / f"record-{next(count)}.pdf"
                return export_pdf(
                    store,
                    kind="record",
                    out=out,
                    actor="bench",
                    office=OFFICE,
                    wording=WORDING,
                    lang="ja",
                    record_ids=[record.id],
                )

            exported = median(time_call(export, repeat=7))
            info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
            pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    return [
        Measurement("PDF of one record: first render in a process (font loaded)", first * 1000, "ms"),
        Measurement(
            "PDF of one record: render", rendered * 1000, "ms", "< 1 s", rendered < 1.0, "render_pdf, images included"
        ),
        Measurement(
            "PDF of one record: export from the store (read, seal, render, write, audit)",
            exported * 1000,
            "ms",
            "< 1 s",
            exported < 1.0,
        ),
        Measurement("PDF size", len(data) / 1024, "kB", note=f"{pages} A4 pages; the selfie JPEG embedded as captured"),
    ]
