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
from kyc_desk.export.pdf_words import Wording, day_text, label, moment_text
from kyc_desk.i18n import Lang
from kyc_desk.records.model import ClientKind, EvidenceKind, FaceResult, Person, StoredParty, SubjectRole

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


def _person_rows(person: Person, w: Wording, lang: Lang) -> list[tuple[str, str]]:
    return [
        (label("person.name", lang), person.name),
        (label("person.kana", lang), person.name_kana or ""),
        (label("person.birth_date", lang), w.date_text(person.birth_date, lang)),  # 未入力 when nobody entered it
        (label("person.address", lang), person.address or ""),
        (label("person.occupation", lang), person.occupation or ""),
    ]


def _authority_documents(r: VerificationRecord, w: Wording, lang: Lang) -> str:
    """The documents that show the authority (代表権・代理権), with their notes, for a record that keeps the
    authority as documents rather than as text."""
    shown = [
        _document_kind_label(d.kind, w, lang)
        + (f"（{d.note}）" if d.note and lang == "ja" else f" ({d.note})" if d.note else "")
        for d in r.documents
        if d.purpose.value == "authority"
    ]
    return ("、" if lang == "ja" else ", ").join(shown)


def _client_section(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
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
        out.append(base.field_table(_person_rows(client, w, lang)))
    acting = r.subject_role is not SubjectRole.SELF or r.subject.id != r.client.id
    if acting:
        out.append(base.heading(label("section.acting", lang)))
        rows = [(label("subject.role", lang), w.role_text(r.subject_role.value, lang))]
        rows += _person_rows(r.subject.person, w, lang)
        rows.append((label("subject.authority", lang), r.authority or _authority_documents(r, w, lang)))
        out.append(base.field_table(rows))
    if r.purpose:
        out.append(base.field_table([(label("purpose", lang), r.purpose)]))
    return out


def _method_section(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
    rule = r.method.rule
    rows = [
        (label("method", lang), w.method_text(r.method, lang)),
        (label("method.article", lang), rule.article),
        (label("method.date", lang), day_text(w, r.verified_on, lang)),
    ]
    events = list(rule.required) + [e for e in r.events if e not in rule.required]
    for event in events:
        rows.append((w.event_text(event.value, lang), moment_text(w, r.events.get(event), lang)))
    return [base.heading(label("section.method", lang)), base.field_table(rows)]


def _document_kind_label(kind: str, w: Wording, lang: Lang) -> str:
    return w.document_text(kind, lang)


def _document_section(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = [base.heading(label("section.document", lang))]
    if r.documents:  # the caseload form: every document of the method, with its purpose and dates
        from reportlab.platypus import KeepTogether

        out = [base.heading(label("section.documents", lang))]
        for number, d in enumerate(r.documents, start=1):
            title = f"{number}. {_document_kind_label(d.kind, w, lang)}"
            rows = [
                (label("doc.purpose", lang), w.document_purpose_text(d.purpose.value, lang)),
                (label("doc.number", lang), d.number or ""),
                (label("doc.issued", lang), day_text(w, d.issued_on, lang)),
                (label("doc.expires", lang), day_text(w, d.expires_on, lang)),
                (label("doc.note", lang), d.note or ""),
            ]
            out.append(KeepTogether([base.para(title, base.styles().subheading), base.field_table(rows)]))
        out.append(
            base.field_table([(label("document.chip", lang), label("yes" if r.document_has_chip else "no", lang))])
        )
        return out
    rows = [  # the older single-document form: no expiry was recorded with it
        (label("document.type", lang), _document_kind_label(r.document_type, w, lang)),
        (label("document.number", lang), r.document_number or ""),
        (label("document.expiry", lang), label("none", lang)),
        (label("document.chip", lang), label("yes" if r.document_has_chip else "no", lang)),
    ]
    out.append(base.field_table(rows))
    return out


def _mailing_reliance_risk(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = []
    if (m := r.mailing) is not None:
        outcome = w.mail_outcome_text(m.outcome.value, lang) if m.outcome else label("mail_outcome.unknown", lang)
        out += [
            base.heading(label("section.mailing", lang)),
            base.field_table(
                [
                    (label("mail.mailed_at", lang), moment_text(w, m.mailed_at, lang)),
                    (label("mail.tracking", lang), m.tracking_number or ""),
                    (label("mail.address", lang), m.address or ""),
                    (label("mail.outcome", lang), outcome),
                    (label("mail.outcome_on", lang), day_text(w, m.outcome_on, lang)),
                ]
            ),
        ]
    if (rel := r.reliance) is not None:
        out += [
            base.heading(label("section.reliance", lang)),
            base.field_table(
                [
                    (label("reliance.record", lang), f"#{rel.verification_id}"),
                    (label("reliance.basis", lang), w.match_basis_text(rel.matched_by.value, lang)),
                    (label("reliance.note", lang), rel.note or ""),
                ]
            ),
        ]
    if (risk := r.high_risk) is not None:
        reasons = [w.risk_reason_text(reason.value, lang) for reason in risk.reasons]
        out += [
            base.heading(label("section.high_risk", lang)),
            base.field_table(
                [
                    (label("risk.reasons", lang), ("、" if lang == "ja" else ", ").join(reasons)),
                    (label("risk.note", lang), risk.note or ""),
                ]
            ),
        ]
    return out


def _chip_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = [base.heading(label("section.chip", lang))]
    shown = wording.shown_checks(r.report, r.method.value, r.document_type)  # as the screen shows them
    if not shown:
        out.append(base.para(label("none", lang)))
        return out
    rows = [
        (
            wording.check_name_text(c.name, lang),
            c.verdict.badge_ja if lang == "ja" else c.verdict.badge_en,
            wording.check_text(c, lang),
        )
        for c in shown
    ]
    header = [label("chip.check", lang), label("chip.verdict", lang), label("chip.what", lang)]
    out.append(base.grid_table(header, rows, (52, 28, base.CONTENT_WIDTH_MM - 80)))
    return out


def _face_rows(result: FaceResult, wording: Wording, lang: Lang) -> list[tuple[str, str]]:
    metric = wording.face_metric_text(result.metric.value, lang) if result.metric else ""
    return [
        (label("face.verdict", lang), wording.face_verdict_text(result, lang)),
        (label("face.metric", lang), metric),
        (label("face.value", lang), wording.face_measure_text(result, lang)),  # value, threshold, which way
        (label("face.threshold", lang), f"{result.threshold:.3f}" if result.threshold is not None else ""),
        (label("face.engine", lang), wording.face_engine_text(result, lang)),
        (label("face.reasons", lang), " / ".join(wording.face_reason_text(k, lang) for k in result.reasons)),
    ]


def _face_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    from reportlab.platypus import KeepTogether

    heading = base.heading(label("section.face", lang))
    if not r.face_results:
        return [heading, base.para(label("none", lang))]
    out: list[Flowable] = []
    for index, result in enumerate(r.face_results):  # a result's name stays on the page with its figures
        kind = base.para(wording.face_kind_text(result.kind.value, lang), base.styles().subheading)
        group = [kind, base.field_table(_face_rows(result, wording, lang))]
        out.append(KeepTogether([heading, *group] if index == 0 else group))
    return out


def _items_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    out: list[Flowable] = [base.heading(label("section.items", lang))]
    if not r.item_checks:
        out.append(base.para(label("none", lang)))
        return out
    header = [
        label(k, lang)
        for k in ("items.item", "items.result", "items.document", "items.stated", "items.by", "items.note")
    ]
    rows = [
        (
            wording.item_text(c.item, lang),
            wording.item_check_result_text(c, lang),
            c.document_value or "",
            c.stated_value or "",
            wording.source_text(c.confirmed_by, lang),
            wording.item_note_text(c, lang),
        )
        for c in r.item_checks
    ]
    out.append(base.grid_table(header, rows, (20, 18, 38, 38, 26, base.CONTENT_WIDTH_MM - 140)))
    return out


def _decision_section(r: VerificationRecord, wording: Wording, lang: Lang) -> list[Flowable]:
    d = r.decision
    if r.identity is None and r.engagement is None and d is not None:  # decided in the older, single form
        rows = [
            (label("decision.decision", lang), wording.decision_text(d.decision.value, lang)),
            (label("decision.reason", lang), d.reason or ""),
            (label("decision.by", lang), d.decided_by),
            (label("decision.at", lang), moment_text(wording, d.decided_at, lang)),
        ]
        return [base.heading(label("section.decision", lang)), base.field_table(rows)]
    out: list[Flowable] = []
    identity = r.identity
    rows = (
        [(label("identity.result", lang), wording.identity_result_text(None, lang))]
        if identity is None
        else [
            (label("identity.result", lang), wording.identity_result_text(identity.result.value, lang)),
            (label("identity.by", lang), identity.decided_by),
            (label("identity.at", lang), moment_text(wording, identity.decided_at, lang)),
            (label("identity.note", lang), identity.note or ""),
        ]
    )
    out += [base.heading(label("section.identity", lang)), base.field_table(rows)]
    if identity is not None and identity.reasons:
        kinds = [d.kind for d in r.documents]
        out.append(base.para(label("identity.gaps", lang), base.styles().subheading))
        out.append(
            base.grid_table(
                [label("chip.check", lang), label("decision.reason", lang)],
                [(wording.gap_text(g.check, kinds, lang), g.reason) for g in identity.reasons],
                (60, base.CONTENT_WIDTH_MM - 60),
            )
        )
    e = r.engagement
    rows = (
        [(label("engagement.engagement", lang), wording.engagement_text(None, lang))]
        if e is None
        else [
            (label("engagement.engagement", lang), wording.engagement_text(e.engagement.value, lang)),
            (label("decision.by", lang), e.decided_by),
            (label("decision.at", lang), moment_text(wording, e.decided_at, lang)),
            (label("identity.note", lang), e.note or ""),
        ]
    )
    out += [base.heading(label("section.engagement", lang)), base.field_table(rows)]
    return out


def _images_section(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    shown = [e for kind in IMAGE_KINDS for e in r.evidence if e.kind is kind and e.media_type.startswith("image/")]
    out: list[Flowable] = [base.heading(label("section.images", lang))]
    if not shown:
        out.append(base.para(label("none", lang)))
        return out
    documents = {d.evidence_id: _document_kind_label(d.kind, w, lang) for d in r.documents if d.evidence_id is not None}
    cells: list[Any] = []
    for item in shown:
        caption = w.evidence_text(item, item.size, lang)
        if item.id in documents:
            caption += f"：{documents[item.id]}" if lang == "ja" else f": {documents[item.id]}"
        if item.captured_at is not None:
            caption += "\n" + moment_text(w, item.captured_at, lang)
        image = base.image_or_note(
            item.data, lambda: label("image.unreadable", lang), max_width_mm=84, max_height_mm=80
        )
        cells.append([image, base.para(caption, base.styles().small)])
    grid = [cells[i : i + 2] + ([""] if i + 1 >= len(cells) else []) for i in range(0, len(cells), 2)]
    table = Table(grid, colWidths=[base.CONTENT_WIDTH_MM / 2 * mm] * 2)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    out.append(table)
    return out


def party_text(party: StoredParty, w: Wording, lang: Lang) -> str:
    """A party as ``名前（売主）``."""
    role = w.party_role_text(party.role.value, party.role_note, lang)
    return f"{party.client.person.name}（{role}）" if lang == "ja" else f"{party.client.person.name} ({role})"


def _matter_section(r: VerificationRecord, w: Wording, lang: Lang) -> list[Flowable]:
    stored = r.matter
    m = stored.matter if stored else None
    separator = "、" if lang == "ja" else ", "
    rows = [
        (label("matter.title", lang), m.title if m else label("none", lang)),
        (label("matter.kind", lang), w.matter_kind_text(m.kind, lang) if m else ""),
        (label("matter.reference", lang), (m.reference or "") if m else ""),
        (
            label("matter.parties", lang),
            separator.join(party_text(p, w, lang) for p in stored.parties) if stored else "",
        ),
        (label("matter.opened", lang), day_text(w, m.opened_on, lang) if m else ""),
        (label("matter.ended", lang), day_text(w, m.ended_on, lang) if m else ""),
        (label("matter.note", lang), (stored.note or "") if stored else ""),
        (label("retention", lang), day_text(w, r.retention_until, lang) or label("retention.open", lang)),
    ]
    return [base.heading(label("section.matter", lang)), base.field_table(rows)]


def _seal_section(seal: AuditSeal, w: Wording, lang: Lang) -> list[Flowable]:
    rows = [
        (label("seal.seq", lang), f"#{seal.seq}"),
        (label("seal.hash", lang), seal.hash),
        (label("seal.at", lang), moment_text(w, seal.at, lang)),
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
                (label("record.created", lang), moment_text(wording, r.created_at, lang)),
                (label("record.printed", lang), moment_text(wording, printed_at, lang)),
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
    out += _client_section(r, wording, lang)
    out += _method_section(r, wording, lang)
    out += _document_section(r, wording, lang)
    out += _mailing_reliance_risk(r, wording, lang)
    out += _chip_section(r, wording, lang)
    out += _face_section(r, wording, lang)
    out += _items_section(r, wording, lang)
    out += _decision_section(r, wording, lang)
    out += _matter_section(r, wording, lang)
    out += _seal_section(seal, wording, lang)
    out += _images_section(r, wording, lang)
    out.append(Spacer(1, 4))
    return out
