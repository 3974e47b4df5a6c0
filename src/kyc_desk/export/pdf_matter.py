"""取引記録 (法7条 / 規則24条) and 面談記録 of a matter as printed forms.

A 取引記録 line holds the key of its 確認記録 (the record number), the date, kind and value of the
transaction, and where property came from and went (domain.md §1.5). The minutes print each meeting of the
matter (面談カード・面談記録: when, where, who, what was confirmed — 人・物・意思 — and the filled minutes
under their template's section names), then the older per-record meeting notes, each as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyc_desk.export import _pdf_base as base
from kyc_desk.export.pdf_record import party_text
from kyc_desk.export.pdf_words import Wording, day_text, label, moment_text
from kyc_desk.i18n import Lang

if TYPE_CHECKING:
    import datetime as dt

    from reportlab.platypus import Flowable

    from kyc_desk.export.pdf_record import Office
    from kyc_desk.records.model import MeetingRecord, TransactionEntry, VerificationRecord


@dataclass(frozen=True)
class MatterPapers:
    """What the 取引記録 and minutes print beside the records: each transaction with the record it refers
    to (``None``: entered for the matter alone), and the meetings."""

    transactions: tuple[tuple[TransactionEntry, int | None], ...] = ()
    meetings: tuple[MeetingRecord, ...] = ()


def _yen(amount: int | None, lang: Lang) -> str:
    if amount is None:
        return ""
    return f"{amount:,}円" if lang == "ja" else f"JPY {amount:,}"


def _heading_rows(
    records: Sequence[VerificationRecord], office: Office, w: Wording, lang: Lang, printed_at: dt.datetime
) -> list[tuple[str, str]]:
    matters = {r.matter.id: r.matter for r in records if r.matter is not None}
    clients = dict.fromkeys(r.client.person.name for r in records)
    separator = "、" if lang == "ja" else ", "
    rows = [(label("office.name", lang), office.name)]
    for stored in matters.values():
        matter = stored.matter
        title = matter.title + (f"（{matter.reference}）" if matter.reference else "")
        rows.append((label("matter.title", lang), title))
        rows.append((label("matter.kind", lang), w.matter_kind_text(matter.kind, lang)))
        rows.append((label("matter.opened", lang), day_text(w, matter.opened_on, lang)))
        if stored.parties:
            rows.append((label("matter.parties", lang), separator.join(party_text(p, w, lang) for p in stored.parties)))
    rows.append((label("section.client", lang), separator.join(clients)))
    rows.append((label("record.printed", lang), moment_text(w, printed_at, lang)))
    return rows


def _opening(
    title: str, records: Sequence[VerificationRecord], office: Office, wording: Wording, lang: Lang,
    printed_at: dt.datetime,
) -> list[Flowable]:
    """A matter paper's first lines: its title, then the office, matter and clients it speaks of."""
    return [
        base.para(label(title, lang), base.styles().title),
        base.field_table(_heading_rows(records, office, wording, lang, printed_at)),
    ]


def transactions_story(
    records: Sequence[VerificationRecord],
    papers: MatterPapers,
    *,
    office: Office,
    wording: Wording,
    lang: Lang,
    printed_at: dt.datetime,
) -> list[Flowable]:
    """The 取引記録 of ``papers`` (a matter's, or the records'), in date order."""
    out = _opening("title.transactions", records, office, wording, lang, printed_at)
    out.append(base.heading(label("title.transactions", lang)))
    lines = sorted(papers.transactions, key=lambda pair: pair[0].transacted_on)
    if not lines:
        out.append(base.para(label("none", lang)))
        return out
    header = [label(k, lang) for k in ("tx.record", "tx.date", "tx.kind", "tx.amount", "tx.from", "tx.to", "tx.note")]
    rows = [
        (
            f"#{record_id}" if record_id is not None else "",
            day_text(wording, t.transacted_on, lang),
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


def _meeting_story(meeting: MeetingRecord, w: Wording, lang: Lang) -> list[Flowable]:
    separator = "、" if lang == "ja" else ", "
    place = meeting.place or ""
    if meeting.platform:
        place = " ".join(p for p in (place, w.platform_text(meeting.platform, lang), meeting.meeting_code or "") if p)
    when = w.period_text(meeting.starts_at, meeting.ends_at, lang)
    out: list[Flowable] = [
        base.heading(when),
        base.field_table(
            [
                (label("meeting.when", lang), when),
                (label("meeting.status", lang), w.meeting_status_text(meeting.status.value, lang)),
                (label("meeting.mode", lang), w.meeting_mode_text(meeting.mode.value, lang)),
                (label("meeting.place", lang), place),
                (label("meeting.attendees", lang), separator.join(party_text(p, w, lang) for p in meeting.attendees)),
                (label("meeting.staff", lang), separator.join(meeting.staff)),
                (label("meeting.confirmed", lang), w.confirmed_text([c.value for c in meeting.confirmed], lang)),
                (
                    label("meeting.kind", lang),
                    w.matter_kind_text(meeting.minutes_kind, lang) if meeting.minutes_kind else "",
                ),
                (label("meeting.records", lang), separator.join(f"#{i}" for i in meeting.verifications)),
                (label("meeting.recorded_by", lang), meeting.recorded_by or ""),
            ]
        ),
    ]
    rows = [
        (w.minutes_section_text(meeting.minutes_kind, key, lang), text)
        for key, text in w.minutes_in_order(meeting.minutes_kind, meeting.minutes)
        if text.strip()
    ]
    if meeting.notes:
        rows.append((label("meeting.notes", lang), meeting.notes))
    if rows:
        out.append(base.field_table(rows))
    return out


def minutes_story(
    records: Sequence[VerificationRecord],
    papers: MatterPapers,
    *,
    office: Office,
    wording: Wording,
    lang: Lang,
    printed_at: dt.datetime,
) -> list[Flowable]:
    """The meetings of ``papers`` by start time, then the records' own meeting notes, oldest first."""
    out = _opening("title.minutes", records, office, wording, lang, printed_at)
    for meeting in sorted(papers.meetings, key=lambda m: m.starts_at):
        out += _meeting_story(meeting, wording, lang)
    notes = sorted(((n, r.id) for r in records for n in r.notes), key=lambda pair: pair[0].written_at)
    if not notes and not papers.meetings:
        out.append(base.para(label("none", lang)))
    for note, record_id in notes:
        out.append(base.heading(moment_text(wording, note.written_at, lang)))
        out.append(
            base.field_table(
                [
                    (label("tx.record", lang), f"#{record_id}"),
                    (label("note.at", lang), moment_text(wording, note.written_at, lang)),
                    (label("note.place", lang), note.place or ""),
                    (label("note.author", lang), note.author),
                    (label("note.text", lang), note.text),
                ]
            )
        )
    return out
