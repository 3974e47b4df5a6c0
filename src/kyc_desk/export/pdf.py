"""PDF exports: the 本人確認記録 of one verification or all of a matter, and a matter's 取引記録 and minutes.

:func:`export_pdf` is what the CLI and the window call: it loads the records, renders the PDF (A4,
IPAexGothic embedded, 和暦 with the Western year), optionally signs it (:mod:`.signing`), writes it only
where the user chose (atomically, readable by the user alone, never over an existing file unless asked)
and appends the export's audit entry (who, what, when, where to). The rendering functions take records
and seals and touch no store, so tests and benchmarks call them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from kyc_desk.export import _pdf_base as base
from kyc_desk.export.errors import NothingToExport
from kyc_desk.export.pdf_matter import MatterPapers, minutes_story, transactions_story
from kyc_desk.export.pdf_record import Office, record_story
from kyc_desk.export.pdf_words import Wording, label
from kyc_desk.i18n import Lang

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from kyc_desk.export.selection import Selection
    from kyc_desk.records.model import MeetingRecord, TransactionEntry, VerificationRecord
    from kyc_desk.records.printing import AuditSeal
    from kyc_desk.records.store import RecordStore

log = logging.getLogger(__name__)

PdfKind = Literal["record", "transactions", "minutes"]
PDF_KINDS: tuple[PdfKind, ...] = ("record", "transactions", "minutes")

#: Signs a finished PDF and returns the signed bytes (:class:`kyc_desk.export.signing.TokenSigner`).
PdfSigner = Callable[[bytes], bytes]

__all__ = [
    "PDF_KINDS",
    "MatterPapers",
    "Office",
    "PdfExport",
    "PdfKind",
    "PdfSigner",
    "PdfUnavailable",
    "Wording",
    "export_pdf",
    "render_pdf",
]

PdfUnavailable = base.PdfUnavailable


@dataclass(frozen=True)
class PdfExport:
    """What one export wrote (no personal data: ids, hashes, the path the user chose)."""

    path: Path
    kind: PdfKind
    record_ids: tuple[int, ...]
    seals: dict[int, AuditSeal]
    signed: bool
    sha256: str
    size: int


def render_pdf(
    kind: PdfKind,
    records: Sequence[VerificationRecord],
    seals: dict[int, AuditSeal],
    *,
    office: Office,
    wording: Wording,
    lang: Lang,
    printed_at: dt.datetime,
    papers: MatterPapers | None = None,
) -> bytes:
    """The PDF of ``records``: each 本人確認記録 from a new page (``record``), or the 取引記録 or minutes of
    ``papers`` (default: the records' own transactions, no meetings). ``seals`` holds each record's audit
    seal (``record`` only)."""
    from reportlab.platypus import PageBreak

    story: list[Flowable] = []
    if kind == "record":
        for index, record in enumerate(records):
            if index:
                story.append(PageBreak())
            story += record_story(
                record, seals[record.id], office=office, wording=wording, lang=lang, printed_at=printed_at
            )
    else:
        papers = papers or MatterPapers(tuple((t, r.id) for r in records for t in r.transactions))
        make = transactions_story if kind == "transactions" else minutes_story
        story = make(records, papers, office=office, wording=wording, lang=lang, printed_at=printed_at)
    ids = ", ".join(f"#{r.id}" for r in records)
    footer = f"{label(f'title.{kind}', lang)} {ids}"
    if kind == "record" and len(records) == 1:
        footer += f"  {label('seal.hash', lang)} {seals[records[0].id].hash[:16]}…"
    return base.build_pdf(story, title=label(f"title.{kind}", lang), author=office.name, footer=footer, lang=lang)


def _load(store: RecordStore, selection: Selection) -> tuple[list[VerificationRecord], MatterPapers]:
    """The selected records (:func:`kyc_desk.export.selection.resolve`, as every export selects), with the
    取引記録 and meetings to print beside them: a matter's own (entered for it or for its records), then
    those of records outside it."""
    from kyc_desk.export.selection import resolve
    from kyc_desk.records.model import MeetingQuery

    if not (selection.record_ids or selection.matter_id or selection.date_from or selection.date_to):
        raise NothingToExport("no record, matter or dates named")  # a PDF of every record is never meant
    ids = resolve(store, selection)
    matter_id = selection.matter_id
    transactions: list[tuple[TransactionEntry, int | None]] = []
    meetings: dict[int, MeetingRecord] = {}
    if matter_id is not None:
        transactions += [(t.entry, t.verification_id) for t in store.matter_transactions(matter_id)]
        meetings.update((m.id, m) for m in store.list_meetings(MeetingQuery(matter_id=matter_id, limit=1_000_000)))
    records = [store.get(i) for i in ids]
    matters = {r.matter.id: store.get_matter(r.matter.id) for r in records if r.matter is not None}
    # a record carries its matter without the parties; print the matter as the store holds it
    records = [r if r.matter is None else dataclasses.replace(r, matter=matters[r.matter.id]) for r in records]
    for record in records:
        if matter_id is None or record.matter is None or record.matter.id != matter_id:
            transactions += [(t, record.id) for t in record.transactions]
        for meeting_id in record.meetings:
            if meeting_id not in meetings:
                meetings[meeting_id] = store.get_meeting(meeting_id)
    return records, MatterPapers(tuple(transactions), tuple(meetings.values()))


def export_pdf(
    store: RecordStore,
    *,
    kind: PdfKind,
    out: Path,
    actor: str,
    office: Office,
    wording: Wording,
    lang: Lang,
    record_ids: Sequence[int] = (),
    matter_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    signer: PdfSigner | None = None,
    overwrite: bool = False,
    now: dt.datetime | None = None,
) -> PdfExport:
    """Render, optionally sign, write ``out`` and audit one PDF export (see the module docstring).

    Nothing is written when loading, rendering, signing or auditing fails: the file is written beside
    ``out``, the export's audit entry appended (:func:`kyc_desk.export.audit.audit_export`, the one helper of
    every export), and only then is it renamed into place (:func:`kyc_desk.export._files.staged_file`).
    Refusals are the exports' own errors (:class:`~kyc_desk.export.errors.DestinationRefused`,
    :class:`~kyc_desk.export.errors.NothingToExport`).
    """
    from kyc_desk.export._files import check_destination, staged_file
    from kyc_desk.export.audit import audit_export
    from kyc_desk.records.printing import audit_seal

    check_destination(out, overwrite=overwrite)  # before any work: a taken name or a missing folder
    from kyc_desk.export.selection import Selection

    records, papers = _load(store, Selection(tuple(record_ids), matter_id, date_from, date_to))
    seals = {r.id: audit_seal(store, r.id) for r in records}
    printed_at = now or dt.datetime.now(dt.UTC)
    data = render_pdf(
        kind, records, seals, office=office, wording=wording, lang=lang, printed_at=printed_at, papers=papers
    )
    if signer is not None:
        data = signer(data)
    ids = tuple(r.id for r in records)
    with staged_file(out, overwrite=overwrite) as staged:  # written beside, audited, then renamed into place
        staged.write_bytes(data)
        audit_export(
            store,
            kind="pdf",
            destination=out,
            verification_ids=ids,
            actor=actor,
            extra={"pdf": kind, "signed": signer is not None},
        )
    log.info("exported %s PDF of %d record(s), %d bytes%s", kind, len(ids), len(data), " (signed)" if signer else "")
    return PdfExport(out, kind, ids, seals, signer is not None, hashlib.sha256(data).hexdigest(), len(data))
