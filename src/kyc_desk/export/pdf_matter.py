"""取引記録 (法7条 / 規則24条) and 面談記録 of a matter as printed forms.

A 取引記録 line holds the key of its 確認記録 (the record number), the date, kind and value of the
transaction, and where property came from and went (domain.md §1.5). Minutes print each meeting note as
written, with when, where and who wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kyc_desk.export import _pdf_base as base
from kyc_desk.export.pdf_words import label
from kyc_desk.i18n import Lang

if TYPE_CHECKING:
    import datetime as dt

    from reportlab.platypus import Flowable

    from kyc_desk.export.pdf_record import Office
    from kyc_desk.records.model import VerificationRecord


def _yen(amount: int | None, lang: Lang) -> str:
    if amount is None:
        return ""
    return f"{amount:,}円" if lang == "ja" else f"JPY {amount:,}"


def _heading_rows(
    records: Sequence[VerificationRecord], office: Office, lang: Lang, printed_at: dt.datetime
) -> list[tuple[str, str]]:
    matters = {r.matter.id: r.matter.matter for r in records if r.matter is not None}
    clients = dict.fromkeys(r.client.person.name for r in records)
    rows = [(label("office.name", lang), office.name)]
    for matter in matters.values():
        title = matter.title + (f"（{matter.reference}）" if matter.reference else "")
        rows.append((label("matter.title", lang), title))
        rows.append((label("matter.opened", lang), base.date_text(matter.opened_on, lang)))
    rows.append((label("section.client", lang), "、".join(clients) if lang == "ja" else ", ".join(clients)))
    rows.append((label("record.printed", lang), base.datetime_text(printed_at, lang)))
    return rows


def transactions_story(
    records: Sequence[VerificationRecord], *, office: Office, lang: Lang, printed_at: dt.datetime
) -> list[Flowable]:
    """The 取引記録 of ``records`` (usually all of one matter), in date order."""
    out: list[Flowable] = [
        base.para(label("title.transactions", lang), base.styles().title),
        base.field_table(_heading_rows(records, office, lang, printed_at)),
        base.heading(label("title.transactions", lang)),
    ]
    lines = sorted(((t, r.id) for r in records for t in r.transactions), key=lambda pair: pair[0].transacted_on)
    if not lines:
        out.append(base.para(label("none", lang)))
        return out
    header = [label(k, lang) for k in ("tx.record", "tx.date", "tx.kind", "tx.amount", "tx.from", "tx.to", "tx.note")]
    rows = [
        (
            f"#{record_id}",
            base.date_text(t.transacted_on, lang),
            t.kind,
            _yen(t.amount_yen, lang),
            t.property_from or "",
            t.property_to or "",
            t.note or "",
        )
        for t, record_id in lines
    ]
    out.append(base.grid_table(header, rows, (16, 30, 32, 26, 24, 24, base.CONTENT_WIDTH_MM - 152)))
    return out


def minutes_story(
    records: Sequence[VerificationRecord], *, office: Office, lang: Lang, printed_at: dt.datetime
) -> list[Flowable]:
    """The meeting notes of ``records`` as minutes, oldest first, each as written."""
    out: list[Flowable] = [
        base.para(label("title.minutes", lang), base.styles().title),
        base.field_table(_heading_rows(records, office, lang, printed_at)),
    ]
    notes = sorted(((n, r.id) for r in records for n in r.notes), key=lambda pair: pair[0].written_at)
    if not notes:
        out.append(base.para(label("none", lang)))
    for note, record_id in notes:
        out.append(base.heading(base.datetime_text(note.written_at, lang)))
        out.append(
            base.field_table(
                [
                    (label("tx.record", lang), f"#{record_id}"),
                    (label("note.at", lang), base.datetime_text(note.written_at, lang)),
                    (label("note.place", lang), note.place or ""),
                    (label("note.author", lang), note.author),
                    (label("note.text", lang), note.text),
                ]
            )
        )
    return out
