"""本人確認記録 as a printed form: one verification's story of flowables, in the order a scrivener files it.

The sections follow what 規則20条 and the scriveners' rules ask a record to hold (domain.md §1.4, §1.6):
who checked and who recorded, the client's 本人特定事項 (for a company its name and seat, and the person
acting for it), the method with each time it requires, the document, what the chip proved (per check,
with its verdict), the face comparison and liveness, the item checks, the decision, the images, the matter
and the retention date, and the audit seal that matches the print to the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kyc_desk.export import _pdf_base as base
from kyc_desk.export.pdf_words import Wording, label
from kyc_desk.i18n import Lang
from kyc_desk.records.model import ClientKind, EvidenceKind, FaceResult, Person, SubjectRole

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from kyc_desk.records.model import VerificationRecord
    from kyc_desk.records.printing import AuditSeal

#: The evidence printed as images, in this order (chip data and certificates are not pictures).
IMAGE_KINDS = (
    EvidenceKind.CHIP_PHOTO,
    EvidenceKind.FACE_PHOTO,
    EvidenceKind.CARD_IMAGE,
    EvidenceKind.DOCUMENT,
    EvidenceKind.OTHER,
)


@dataclass(frozen=True)
class Office:
    """The office printed on every record (from the settings)."""

    name: str
    address: str = ""


def _document_label(key: str, lang: Lang) -> str:
    from kyc_desk.documents import DocumentNotReadable, documents

    try:
        document = documents().get(key)
    except DocumentNotReadable:
        return key
    return document.label_ja if lang == "ja" else document.label_en


def _person_rows(person: Person, lang: Lang) -> list[tuple[str, str]]:
    return [
        (label("person.name", lang), person.name),
        (label("person.kana", lang), person.name_kana or ""),
        (label("person.birth_date", lang), base.date_text(person.birth_date, lang)),
        (label("person.address", lang), person.address or ""),
        (label("person.occupation", lang), person.occupation or ""),
    ]


def _client_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    client = r.client.person
    out: list[Flowable] = [base.heading(label("section.client", lang))]
    if client.kind is ClientKind.COMPANY:
        out.append(
            base.field_table(
                [
                    (label("company.name", lang), client.name),
                    (label("company.seat", lang), client.address or ""),
                ]
            )
        )
    else:
        out.append(base.field_table(_person_rows(client, lang)))
    acting = r.subject_role is not SubjectRole.SELF or r.subject.id != r.client.id
    if acting:
        out.append(base.heading(label("section.acting", lang)))
        rows = [(label("subject.role", lang), label(f"role.{r.subject_role.value}", lang))]
        rows += _person_rows(r.subject.person, lang)
        rows.append((label("subject.authority", lang), r.authority or ""))
        out.append(base.field_table(rows))
    if r.purpose:
        out.append(base.field_table([(label("purpose", lang), r.purpose)]))
    return out


def _method_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    rule = r.method.rule
    rows = [
        (label("method", lang), f"{rule.letter} {rule.name_ja}"),
        (label("method.article", lang), rule.article),
        (label("method.date", lang), base.date_text(r.verified_on, lang)),
    ]
    events = list(rule.required) + [e for e in r.events if e not in rule.required]
    for event in events:
        rows.append((label(f"event.{event.value}", lang), base.datetime_text(r.events.get(event), lang)))
    return [base.heading(label("section.method", lang)), base.field_table(rows)]


def _document_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    # the records keep no expiry yet (the caseload issue adds it); print the line so its absence shows
    expiry: dt.date | None = getattr(r, "document_expiry", None)
    rows = [
        (label("document.type", lang), _document_label(r.document_type, lang)),
        (label("document.number", lang), r.document_number or ""),
        (label("document.expiry", lang), base.date_text(expiry, lang) or label("none", lang)),
        (label("document.chip", lang), label("yes" if r.document_has_chip else "no", lang)),
    ]
    return [base.heading(label("section.document", lang)), base.field_table(rows)]


def _chip_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = [base.heading(label("section.chip", lang))]
    if not r.report:
        out.append(base.para(label("none", lang)))
        return out
    rows = [
        (
            wording.check_name_text(c.name, lang),
            c.verdict.badge_ja if lang == "ja" else c.verdict.badge_en,
            wording.check_text(c, lang),
        )
        for c in r.report
    ]
    header = [label("chip.check", lang), label("chip.verdict", lang), label("chip.what", lang)]
    out.append(base.grid_table(header, rows, (52, 28, base.CONTENT_WIDTH_MM - 80)))
    return out


def _face_rows(result: FaceResult, wording: Wording, lang: Lang) -> list[tuple[str, str]]:
    metric = label(f"metric.{result.metric.value}", lang) if result.metric else ""
    return [
        (label("face.verdict", lang), wording.face_verdict_text(result, lang)),
        (label("face.metric", lang), metric),
        (label("face.value", lang), f"{result.value:.3f}" if result.value is not None else ""),
        (label("face.threshold", lang), f"{result.threshold:.3f}" if result.threshold is not None else ""),
        (label("face.engine", lang), wording.face_engine_text(result)),
        (label("face.reasons", lang), " / ".join(wording.face_reason_text(k, lang) for k in result.reasons)),
    ]


def _face_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    heading = base.heading(label("section.face", lang))
    if not r.face_results:
        return [heading, base.para(label("none", lang))]
    out: list[Flowable] = []
    for index, result in enumerate(r.face_results):  # a result's name stays on the page with its figures
        kind = base.para(label(f"kind.{result.kind.value}", lang), base.styles().subheading)
        group = [kind, base.field_table(_face_rows(result, wording, lang))]
        out.append(KeepTogether([heading, *group] if index == 0 else group))
    return out


def _items_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = [base.heading(label("section.items", lang))]
    if not r.item_checks:
        out.append(base.para(label("none", lang)))
        return out
    header = [
        label(k, lang) for k in ("item.item", "item.result", "item.document", "item.stated", "item.by", "item.note")
    ]
    rows = [
        (
            label(f"item.{c.item}", lang),
            label(f"result.{c.result.value}", lang),
            c.document_value or "",
            c.stated_value or "",
            wording.source_text(c.confirmed_by, lang),
            wording.item_note_text(c, lang),
        )
        for c in r.item_checks
    ]
    out.append(base.grid_table(header, rows, (20, 18, 38, 38, 26, base.CONTENT_WIDTH_MM - 140)))
    return out


def _decision_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    d = r.decision
    rows = (
        [(label("decision.decision", lang), label("decision.pending", lang))]
        if d is None
        else [
            (label("decision.decision", lang), label(f"decision.{d.decision.value}", lang)),
            (label("decision.reason", lang), d.reason or ""),
            (label("decision.by", lang), d.decided_by),
            (label("decision.at", lang), base.datetime_text(d.decided_at, lang)),
        ]
    )
    return [base.heading(label("section.decision", lang)), base.field_table(rows)]


def _images_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    shown = [e for kind in IMAGE_KINDS for e in r.evidence if e.kind is kind and e.media_type.startswith("image/")]
    out: list[Flowable] = [base.heading(label("section.images", lang))]
    if not shown:
        out.append(base.para(label("none", lang)))
        return out
    cells: list[Any] = []
    for item in shown:
        caption = label(f"evidence.{item.kind.value}", lang)
        if item.label:
            caption += f"（{item.label}）" if lang == "ja" else f" ({item.label})"
        if item.captured_at is not None:
            caption += "\n" + base.datetime_text(item.captured_at, lang)
        image = base.image_or_note(
            item.data, lambda: label("image.unreadable", lang), max_width_mm=84, max_height_mm=80
        )
        cells.append([image, base.para(caption, base.styles().small)])
    grid = [cells[i : i + 2] + ([""] if i + 1 >= len(cells) else []) for i in range(0, len(cells), 2)]
    table = Table(grid, colWidths=[base.CONTENT_WIDTH_MM / 2 * mm] * 2)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    out.append(table)
    return out


def _matter_section(r: VerificationRecord, lang: Lang) -> list[Flowable]:
    m = r.matter.matter if r.matter else None
    rows = [
        (label("matter.title", lang), m.title if m else label("none", lang)),
        (label("matter.kind", lang), m.kind if m else ""),
        (label("matter.reference", lang), (m.reference or "") if m else ""),
        (label("matter.opened", lang), base.date_text(m.opened_on, lang) if m else ""),
        (label("matter.ended", lang), base.date_text(m.ended_on, lang) if m else ""),
        (label("retention", lang), base.date_text(r.retention_until, lang) or label("retention.open", lang)),
    ]
    return [base.heading(label("section.matter", lang)), base.field_table(rows)]


def _seal_section(seal: AuditSeal, lang: Lang) -> list[Flowable]:
    rows = [
        (label("seal.seq", lang), f"#{seal.seq}"),
        (label("seal.hash", lang), seal.hash),
        (label("seal.at", lang), base.datetime_text(seal.at, lang)),
    ]
    return [
        base.heading(label("section.seal", lang)),
        base.field_table(rows),
        base.para(label("seal.how", lang), base.styles().small),
    ]


def record_story(
    r: VerificationRecord, seal: AuditSeal, *, office: Office, wording: Wording, lang: Lang, printed_at: dt.datetime
) -> list[Flowable]:
    """The flowables of one 本人確認記録."""
    from reportlab.platypus import Spacer

    out: list[Flowable] = [
        base.para(label("title.record", lang), base.styles().title),
        base.field_table(
            [
                (label("record.id", lang), str(r.id)),
                (label("record.created", lang), base.datetime_text(r.created_at, lang)),
                (label("record.printed", lang), base.datetime_text(printed_at, lang)),
            ]
        ),
        base.heading(label("section.office", lang)),
        base.field_table(
            [
                (label("office.name", lang), office.name),
                (label("office.address", lang), office.address),
                (label("checked_by", lang), r.checked_by),
                (label("recorded_by", lang), r.recorded_by),
            ]
        ),
    ]
    out += _client_section(r, lang)
    out += _method_section(r, lang)
    out += _document_section(r, lang)
    out += _chip_section(r, wording, lang)
    out += _face_section(r, wording, lang)
    out += _items_section(r, wording, lang)
    out += _decision_section(r, lang)
    out += _matter_section(r, lang)
    out += _seal_section(seal, lang)
    out += _images_section(r, lang)
    out.append(Spacer(1, 4))
    return out
