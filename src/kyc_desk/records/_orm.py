"""The record store's tables as typed SQLAlchemy models (private: callers get :mod:`.model` dataclasses).

Every table except ``audit_log`` is covered by the audit chain (:data:`AUDITED_TABLES`). Enumerations are
stored as their string values (see :mod:`.legal` and :mod:`.model`); times as ISO-8601 text with their
UTC offset (:class:`AwareDateTime`); the folded search keys (``name_key``, ``document_number_key``) are
derived from :mod:`kyc_desk.jp.text` on write and indexed — the database is encrypted as a whole, so an
index on personal data leaks nothing more than the table itself.

There is deliberately no column for the individual number (マイナンバー/個人番号); a test greps the
schema for likely names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class AwareDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime stored as ISO-8601 text with its offset (naive values are refused)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.isoformat()

    def process_result_value(self, value: str | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class Base(DeclarativeBase):
    """Declarative base of the record store."""


class ClientRow(Base):
    """依頼者等: an individual or a company (a representative or agent is an individual row too)."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    name_kana: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    address: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)


class NameSearchRow(Base):
    """氏名検索索引: the suffixes of each client's folded name and kana (derived from ``clients.name_key``).

    Derived data, rebuilt from ``clients`` by migration 0002; not covered by the audit chain (changing it
    can only change what a search finds, never a record).
    """

    __tablename__ = "name_search"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), primary_key=True, index=True)


class MatterRow(Base):
    """事件: the matter a verification belongs to; its end date starts the 10-year retention."""

    __tablename__ = "matters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    reference: Mapped[str | None] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    #: Added by 0005: the office's own note on the matter.
    note: Mapped[str | None] = mapped_column(Text)


class MatterPartyRow(Base):
    """事件の関係者: a client in a matter with their role (added by 0005)."""

    __tablename__ = "matter_parties"
    __table_args__ = (UniqueConstraint("matter_id", "client_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matters.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    role_note: Mapped[str | None] = mapped_column(Text)


class VerificationRow(Base):
    """確認記録 / 本人確認記録: one identity verification and its decision."""

    __tablename__ = "verifications"
    # (…, date) indexes: searches sort by date from the index alone and read only the page they show
    __table_args__ = (
        Index("ix_verifications_client_id_verified_on", "client_id", "verified_on"),
        Index("ix_verifications_subject_id_verified_on", "subject_id", "verified_on"),
        Index("ix_verifications_status_verified_on", "status", "verified_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(128), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("clients.id"))
    subject_role: Mapped[str] = mapped_column(String(16))
    authority: Mapped[str | None] = mapped_column(Text)
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id"), index=True)
    method: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    document_type: Mapped[str] = mapped_column(String(64))
    document_number: Mapped[str | None] = mapped_column(Text)
    document_number_key: Mapped[str | None] = mapped_column(String(64), index=True)
    document_has_chip: Mapped[bool] = mapped_column(Boolean)
    purpose: Mapped[str | None] = mapped_column(Text)
    checked_by: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(Text)
    verified_on: Mapped[dt.date] = mapped_column(Date, index=True)
    decision: Mapped[str | None] = mapped_column(String(16))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime)
    retention_until: Mapped[dt.date | None] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    # --- added by 0005 (all NULL on older rows, so their audit digests stay as they were) ---
    #: 確認済みの顧客等: the earlier verification relied on, and how the person was matched to it.
    relied_on_id: Mapped[int | None] = mapped_column(Integer)
    match_basis: Mapped[str | None] = mapped_column(String(32))
    match_note: Mapped[str | None] = mapped_column(Text)
    #: 法4条2項: the reasons as a JSON list (NULL when the case is not high-risk).
    risk_reasons: Mapped[str | None] = mapped_column(Text)
    risk_note: Mapped[str | None] = mapped_column(Text)
    #: 本人確認の結果 and the reasons for its gaps (JSON list of [check, reason]).
    identity_result: Mapped[str | None] = mapped_column(String(16), index=True)
    identity_reasons: Mapped[str | None] = mapped_column(Text)
    identity_note: Mapped[str | None] = mapped_column(Text)
    identity_by: Mapped[str | None] = mapped_column(Text)
    identity_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime)
    #: 受任の判断.
    engagement: Mapped[str | None] = mapped_column(String(16))
    engagement_note: Mapped[str | None] = mapped_column(Text)
    engagement_by: Mapped[str | None] = mapped_column(Text)
    engagement_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime)

    events: Mapped[list[MethodEventRow]] = relationship(order_by="MethodEventRow.id", cascade="all")
    evidence: Mapped[list[EvidenceRow]] = relationship(order_by="EvidenceRow.id", cascade="all")
    item_checks: Mapped[list[ItemCheckRow]] = relationship(order_by="ItemCheckRow.position", cascade="all")
    face_results: Mapped[list[FaceResultRow]] = relationship(order_by="FaceResultRow.id", cascade="all")
    report_checks: Mapped[list[ReportCheckRow]] = relationship(order_by="ReportCheckRow.position", cascade="all")
    transactions: Mapped[list[TransactionRow]] = relationship(order_by="TransactionRow.id", cascade="all")
    notes: Mapped[list[MeetingNoteRow]] = relationship(order_by="MeetingNoteRow.id", cascade="all")
    documents: Mapped[list[DocumentRow]] = relationship(order_by="DocumentRow.position", cascade="all")


class MethodEventRow(Base):
    """One dated step of the method (提示日時, 受信日, 発送日 …; 規則20条)."""

    __tablename__ = "method_events"
    __table_args__ = (UniqueConstraint("verification_id", "event"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    event: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(AwareDateTime)


class EvidenceRow(Base):
    """証跡: a photo, chip data, certificate or card image, encrypted with the rest of the database."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str | None] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    captured_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime)


class ItemCheckRow(Base):
    """項目照合: one field compared between the document and what was stated, and who confirmed it."""

    __tablename__ = "item_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(32))
    document_value: Mapped[str | None] = mapped_column(Text)
    stated_value: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(16))
    confirmed_by: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    note_reason: Mapped[str | None] = mapped_column(String(64))


class FaceResultRow(Base):
    """顔照合・生体検知: the result of a face match or a liveness check."""

    __tablename__ = "face_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64))
    #: The measured value, in ``metric`` units (the column keeps its first name).
    score: Mapped[float | None] = mapped_column(Float)
    threshold: Mapped[float | None] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(16))
    #: Only rows saved before 0004 that could not be converted keep their old rendered text here.
    detail: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(String(16))
    engine_version: Mapped[str | None] = mapped_column(String(64))
    #: The face layer's reason keys as a JSON list (``code@subject``, ``code@subject=detail``).
    reasons: Mapped[str | None] = mapped_column(Text)


class FaceEmbeddingRow(Base):
    """顔特徴量: a face embedding of a verification's chip photo or live capture (added by 0006).

    ``vector`` is the embedding as little-endian float32 (``dims`` values); the duplicate-face check
    (:mod:`kyc_desk.records.faces`) reads this table only. Biometric data, purged with its verification.
    """

    __tablename__ = "face_embeddings"
    # ids never reused, so (count, max id) changes with every insert or delete: the search's cache key
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    face_result_id: Mapped[int | None] = mapped_column(ForeignKey("face_results.id"))
    source: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(64), index=True)
    engine_version: Mapped[str | None] = mapped_column(String(64))
    dims: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class ReportCheckRow(Base):
    """検証結果: one :class:`kyc_desk.verify.report.Check` (name, verdict value, reason code, parameters)."""

    __tablename__ = "report_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(32))
    #: Always NULL since 0004: the reason is stored as a code with its parameters, never as a sentence.
    detail: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(String(64))
    #: The reason's parameters as canonical JSON (sorted keys), or NULL when it has none.
    params: Mapped[str | None] = mapped_column(Text)


class TransactionRow(Base):
    """取引記録 (犯収法7条, 規則24条): linked to its 確認記録 by ``verification_id``."""

    __tablename__ = "transaction_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    transacted_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(Text)
    amount_yen: Mapped[int | None] = mapped_column(Integer)
    property_from: Mapped[str | None] = mapped_column(Text)
    property_to: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    #: Added by 0005: the matter the transaction belongs to (NULL on older rows: the verification's matter).
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id"), index=True)


class MeetingNoteRow(Base):
    """面談記録: notes of the meeting (place, what was confirmed about capacity and intent)."""

    __tablename__ = "meeting_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    written_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    author: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class CardLinkRow(Base):
    """カードによる再来確認: the user-authentication certificate a verification was proven with (issuer and
    serial only; :mod:`kyc_desk.verify.card_link`). Added by migration 0003."""

    __tablename__ = "card_links"
    __table_args__ = (Index("ix_card_links_issuer_serial", "issuer", "serial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    issuer: Mapped[str] = mapped_column(Text)
    issuer_key_id: Mapped[str] = mapped_column(String(64))
    serial: Mapped[str] = mapped_column(String(64))
    not_after: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    linked_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)


class DocumentRow(Base):
    """本人確認書類等: one document of a verification (kind, purpose, number, dates; added by 0005)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(Text)
    number_key: Mapped[str | None] = mapped_column(String(64), index=True)
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence.id"))


class MailingRow(Base):
    """転送不要郵便: the mailing of a verification and, later, what became of it (added by 0005)."""

    __tablename__ = "mailings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), unique=True)
    mailed_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_on: Mapped[dt.date | None] = mapped_column(Date)


class MeetingRow(Base):
    """面談カード・面談記録 (added by 0005). ``day`` is the Japanese calendar day of the start, for filters."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matters.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(AwareDateTime)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(Text)
    platform: Mapped[str | None] = mapped_column(String(16))
    url: Mapped[str | None] = mapped_column(Text)
    meeting_code: Mapped[str | None] = mapped_column(String(64))
    passcode: Mapped[str | None] = mapped_column(String(64))
    #: JSON lists / object: the office staff present, 人・物・意思 confirmed, the minutes by section key.
    staff: Mapped[str] = mapped_column(Text)
    confirmed: Mapped[str] = mapped_column(Text)
    minutes_kind: Mapped[str | None] = mapped_column(String(64))
    minutes: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(AwareDateTime)


class MeetingAttendeeRow(Base):
    """A client at a meeting, with their role (added by 0005)."""

    __tablename__ = "meeting_attendees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    role_note: Mapped[str | None] = mapped_column(Text)


class MeetingVerificationRow(Base):
    """A verification done at a meeting (added by 0005)."""

    __tablename__ = "meeting_verifications"
    __table_args__ = (UniqueConstraint("meeting_id", "verification_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    verification_id: Mapped[int] = mapped_column(ForeignKey("verifications.id"), index=True)


class AuditRow(Base):
    """監査ログ: one hash-chained entry (see :mod:`.audit`)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(32))
    verification_id: Mapped[int | None] = mapped_column(Integer)
    rows: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


#: Tables whose rows the audit chain covers, parents first (deletion goes in reverse).
#: Child tables of a verification (rows keyed by ``verification_id``), in the order a purge deletes them
#: (``documents`` before the ``evidence`` its images point to).
CHILD_TABLES: Final[tuple[str, ...]] = (
    "method_events",
    "documents",
    "mailings",
    "evidence",
    "item_checks",
    "face_embeddings",
    "face_results",
    "report_checks",
    "transaction_records",
    "meeting_notes",
    "card_links",
    "meeting_verifications",
)
#: Rows of a matter (keyed by ``matter_id``), deleted with it: ``meeting_attendees`` go with their meeting.
MATTER_TABLES: Final[tuple[str, ...]] = ("matter_parties", "meetings")
AUDITED_TABLES: Final[tuple[str, ...]] = (
    "clients",
    "matters",
    "verifications",
    *CHILD_TABLES,
    "matter_parties",
    "meetings",
    "meeting_attendees",
)

__all__ = ["AUDITED_TABLES", "CHILD_TABLES", "MATTER_TABLES", "Base"]
