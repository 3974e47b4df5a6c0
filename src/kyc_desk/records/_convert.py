"""Conversions between the public dataclasses (:mod:`.model`) and the ORM rows (:mod:`._orm`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

from kyc_desk.jp.text import fold, fold_document_number
from kyc_desk.records._orm import (
    ClientRow,
    DocumentRow,
    EvidenceRow,
    FaceResultRow,
    ItemCheckRow,
    MailingRow,
    MatterRow,
    MeetingNoteRow,
    MethodEventRow,
    ReportCheckRow,
    TransactionRow,
    VerificationRow,
)
from kyc_desk.records.legal import Event, Method
from kyc_desk.records.model import (
    Client,
    ClientKind,
    Decision,
    DecisionEntry,
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    EvidenceItem,
    EvidenceKind,
    FaceKind,
    FaceMetric,
    FaceResult,
    FaceVerdict,
    GapReason,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    ItemCheck,
    ItemResult,
    Mailing,
    MailOutcome,
    MatchBasis,
    Matter,
    MatterRecord,
    MeetingNote,
    Person,
    Reliance,
    RiskReason,
    Status,
    StoredDocument,
    StoredEvidence,
    SubjectRole,
    TransactionEntry,
    VerificationRecord,
)
from kyc_desk.verify.report import Check, Verdict

#: Separates the folded name from the folded kana in ``clients.name_key`` (never produced by folding).
NAME_KEY_SEPARATOR = "\x1f"


def name_key(person: Person) -> str:
    """The stored search key of a person: folded name and folded kana."""
    return fold(person.name) + NAME_KEY_SEPARATOR + fold(person.name_kana or "")


#: Longest suffix kept in ``name_search``; a longer query is narrowed by its first characters, then
#: checked against the whole ``name_key``.
SUFFIX_CHARS = 12


def search_keys(key: str) -> set[str]:
    """Every suffix (cut to :data:`SUFFIX_CHARS`) of the folded name and of the folded kana.

    Any substring of a name is then the *prefix* of one of these keys, so substring search becomes an
    index range scan on ``name_search`` instead of a scan of every client.
    """
    return {part[i : i + SUFFIX_CHARS] for part in key.split(NAME_KEY_SEPARATOR) for i in range(len(part))}


def document_key(number: str | None) -> str | None:
    """The stored search key of a document number."""
    if not number:
        return None
    return fold_document_number(number) or None


def client_row(person: Person, now: dt.datetime) -> ClientRow:
    return ClientRow(
        kind=person.kind.value,
        name=person.name,
        name_kana=person.name_kana,
        name_key=name_key(person),
        birth_date=person.birth_date,
        address=person.address,
        occupation=person.occupation,
        created_at=now,
    )


def client_of(row: ClientRow) -> Client:
    return Client(
        row.id,
        Person(
            name=row.name,
            kind=ClientKind(row.kind),
            name_kana=row.name_kana,
            birth_date=row.birth_date,
            address=row.address,
            occupation=row.occupation,
        ),
    )


def matter_row(matter: Matter, client_id: int) -> MatterRow:
    return MatterRow(
        client_id=client_id,
        reference=matter.reference,
        title=matter.title,
        kind=matter.kind,
        opened_on=matter.opened_on,
        ended_on=matter.ended_on,
    )


def matter_of(row: MatterRow) -> MatterRecord:
    return MatterRecord(row.id, row.client_id, Matter(row.title, row.kind, row.opened_on, row.reference, row.ended_on))


def event_rows(events: dict[Event, dt.datetime]) -> list[MethodEventRow]:
    return [MethodEventRow(event=event.value, at=at) for event, at in events.items()]


def evidence_row(item: EvidenceItem) -> EvidenceRow:
    return EvidenceRow(
        kind=item.kind.value,
        label=item.label,
        media_type=item.media_type,
        sha256=hashlib.sha256(item.data).hexdigest(),
        size=len(item.data),
        data=item.data,
        captured_at=item.captured_at,
    )


def item_check_row(position: int, check: ItemCheck) -> ItemCheckRow:
    return ItemCheckRow(
        position=position,
        item=check.item,
        document_value=check.document_value,
        stated_value=check.stated_value,
        result=check.result.value,
        confirmed_by=check.confirmed_by,
        note=check.note,
        note_reason=check.note_reason,
    )


def face_row(result: FaceResult) -> FaceResultRow:
    return FaceResultRow(
        kind=result.kind.value,
        engine=result.engine,
        engine_version=result.engine_version,
        metric=result.metric.value if result.metric else None,
        score=result.value,
        threshold=result.threshold,
        verdict=result.verdict.value,
        reasons=json.dumps(list(result.reasons), ensure_ascii=False) if result.reasons else None,
    )


def face_of(row: FaceResultRow) -> FaceResult:
    reasons = tuple(str(r) for r in json.loads(row.reasons)) if row.reasons else ()
    if row.detail:  # a row from before 0004 whose text could not be turned into codes
        reasons += (LEGACY_TEXT_PREFIX + row.detail,)
    return FaceResult(FaceKind(row.kind), row.engine, FaceVerdict(row.verdict), row.score, row.threshold,
                      FaceMetric(row.metric) if row.metric else None, row.engine_version, reasons)


#: Marks a reason that is an old row's stored text, kept as it was (see migration 0004).
LEGACY_TEXT_PREFIX = "legacy:"


def params_json(params: Mapping[str, object]) -> str | None:
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True, separators=(",", ":")) if params else None


def report_row(position: int, check: Check) -> ReportCheckRow:
    return ReportCheckRow(position=position, name=check.name, status=check.verdict.value, reason=check.reason or None,
                          params=params_json(check.params))


def check_of(row: ReportCheckRow) -> Check:
    return Check(row.name, Verdict(row.status), row.reason or "", json.loads(row.params) if row.params else {})


def transaction_row(entry: TransactionEntry) -> TransactionRow:
    return TransactionRow(
        transacted_on=entry.transacted_on,
        kind=entry.kind,
        amount_yen=entry.amount_yen,
        property_from=entry.property_from,
        property_to=entry.property_to,
        note=entry.note,
    )


def transaction_of(row: TransactionRow) -> TransactionEntry:
    return TransactionEntry(row.transacted_on, row.kind, row.amount_yen, row.property_from, row.property_to, row.note)


def document_row(position: int, entry: DocumentEntry, evidence_id: int | None) -> DocumentRow:
    return DocumentRow(
        position=position, purpose=entry.purpose.value, kind=entry.kind, number=entry.number,
        number_key=document_key(entry.number), issued_on=entry.issued_on, expires_on=entry.expires_on,
        note=entry.note, evidence_id=evidence_id,
    )  # fmt: skip


def document_of(row: DocumentRow) -> StoredDocument:
    return StoredDocument(row.id, row.kind, DocumentPurpose(row.purpose), row.number, row.issued_on, row.expires_on,
                          row.note, row.evidence_id)


def mailing_row(mailing: Mailing) -> MailingRow:
    return MailingRow(
        mailed_at=mailing.mailed_at, tracking_number=mailing.tracking_number, address=mailing.address,
        outcome=mailing.outcome.value if mailing.outcome else None, outcome_on=mailing.outcome_on,
    )  # fmt: skip


def mailing_of(row: MailingRow | None) -> Mailing | None:
    if row is None:
        return None
    return Mailing(row.mailed_at, row.tracking_number, row.address,
                   MailOutcome(row.outcome) if row.outcome else None, row.outcome_on)


def reasons_json(reasons: tuple[GapReason, ...]) -> str | None:
    return json.dumps([[r.check, r.reason] for r in reasons], ensure_ascii=False) if reasons else None


def identity_of(row: VerificationRow) -> IdentityConclusion | None:
    if row.identity_result is None or row.identity_by is None or row.identity_at is None:
        return None
    reasons = tuple(GapReason(c, r) for c, r in json.loads(row.identity_reasons)) if row.identity_reasons else ()
    return IdentityConclusion(IdentityResult(row.identity_result), row.identity_by, row.identity_at, reasons,
                              row.identity_note)


def engagement_of(row: VerificationRow) -> EngagementDecision | None:
    if row.engagement is None or row.engagement_by is None or row.engagement_at is None:
        return None
    return EngagementDecision(Engagement(row.engagement), row.engagement_by, row.engagement_at, row.engagement_note)


def high_risk_of(row: VerificationRow) -> HighRisk | None:
    if row.risk_reasons is None:
        return None
    return HighRisk(tuple(RiskReason(r) for r in json.loads(row.risk_reasons)), row.risk_note)


def reliance_of(row: VerificationRow) -> Reliance | None:
    if row.relied_on_id is None or row.match_basis is None:
        return None
    return Reliance(row.relied_on_id, MatchBasis(row.match_basis), row.match_note)


def note_row(note: MeetingNote) -> MeetingNoteRow:
    return MeetingNoteRow(written_at=note.written_at, author=note.author, place=note.place, text=note.text)


def decision_of(row: VerificationRow) -> DecisionEntry | None:
    if row.decision is None or row.decided_by is None or row.decided_at is None:
        return None
    return DecisionEntry(Decision(row.decision), row.decided_by, row.decided_at, row.decision_reason)


def record_of(
    row: VerificationRow,
    client: ClientRow,
    subject: ClientRow,
    matter: MatterRow | None,
    mailing: MailingRow | None = None,
    meetings: tuple[int, ...] = (),
    *,
    evidence: bool = True,
) -> VerificationRecord:
    """The detached, fully loaded record of a verification row (call inside the session); ``evidence=False``
    leaves the evidence out without reading it."""
    return VerificationRecord(
        id=row.id,
        external_id=row.external_id,
        client=client_of(client),
        subject=client_of(subject),
        subject_role=SubjectRole(row.subject_role),
        authority=row.authority,
        matter=matter_of(matter) if matter is not None else None,
        method=Method(row.method),
        status=Status(row.status),
        events={Event(e.event): e.at for e in row.events},
        document_type=row.document_type,
        document_number=row.document_number,
        document_has_chip=row.document_has_chip,
        purpose=row.purpose,
        checked_by=row.checked_by,
        recorded_by=row.recorded_by,
        verified_on=row.verified_on,
        evidence=tuple(
            StoredEvidence(e.id, EvidenceKind(e.kind), e.media_type, e.sha256, e.size, e.data, e.captured_at, e.label)
            for e in row.evidence
        )
        if evidence
        else (),
        item_checks=tuple(
            ItemCheck(c.item, ItemResult(c.result), c.confirmed_by, c.document_value, c.stated_value, c.note,
                      c.note_reason)
            for c in row.item_checks
        ),
        face_results=tuple(face_of(f) for f in row.face_results),
        report=tuple(check_of(c) for c in row.report_checks),
        decision=decision_of(row),
        transactions=tuple(transaction_of(t) for t in row.transactions),
        notes=tuple(MeetingNote(n.written_at, n.author, n.text, n.place) for n in row.notes),
        retention_until=row.retention_until,
        created_at=row.created_at,
        documents=tuple(document_of(d) for d in row.documents),
        mailing=mailing_of(mailing),
        reliance=reliance_of(row),
        high_risk=high_risk_of(row),
        identity=identity_of(row),
        engagement=engagement_of(row),
        meetings=meetings,
    )
