"""本人確認記録ストア — the repository API the desk UI, the remote-submission import and the CLI call.

Typical use::

    store, recovery = RecordStore.create(mode="keyring")      # first run: show recovery.formatted() once
    store = RecordStore.open(KeyringKeySource())               # later runs
    record = store.save_verification(NewVerification(...), actor="scrivener")
    store.search(SearchQuery(name="やまだ"))

Every method returns frozen dataclasses from :mod:`kyc_desk.records.model`, fully loaded and detached
from the database (safe to keep, and to pass between threads). Every change runs in ONE write
transaction (``BEGIN IMMEDIATE``) together with its audit entry: all of it is stored, or nothing.

Files, in ``<data>/records/`` (:func:`kyc_desk.paths.desk_paths`):

- ``records.db``   — the SQLCipher database;
- ``records.keys`` — the key header (:mod:`.keys`): key mode, scrypt salt, recovery-wrapped key;
- ``records.key``  — the plaintext key file, only in the explicitly chosen ``keyfile`` mode.

A :class:`RecordStore` may be used from several threads; each call takes its own connection.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Final

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kyc_desk.jp.text import fold
from kyc_desk.jp.time import legal_date
from kyc_desk.paths import desk_paths
from kyc_desk.records import _convert as conv
from kyc_desk.records._caseload import CaseloadStore, refresh_retention
from kyc_desk.records._db import make_engine, translate_errors, upgrade
from kyc_desk.records._faces import FaceIndexStore, embedding_rows
from kyc_desk.records._orm import (
    CHILD_TABLES,
    CardLinkRow,
    ClientRow,
    DocumentRow,
    EvidenceRow,
    FaceResultRow,
    ItemCheckRow,
    MailingRow,
    MatterRow,
    MeetingNoteRow,
    MeetingVerificationRow,
    MethodEventRow,
    NameSearchRow,
    ReportCheckRow,
    TransactionRow,
    VerificationRow,
)
from kyc_desk.records._rules import aware as _aware
from kyc_desk.records._rules import now as _now
from kyc_desk.records._rules import require as _require
from kyc_desk.records.audit import AuditResult, Op, append_entry, verify_audit
from kyc_desk.records.decision import check_confirmable, check_engagement, check_identity, gaps
from kyc_desk.records.errors import (
    CorruptStore,
    HighRiskUnresolved,
    InvalidRecord,
    KeyUnavailable,
    PurgeRefused,
    RecordNotFound,
    StoreAlreadyExists,
    StoreNotInitialised,
)
from kyc_desk.records.keys import (
    KeyFileKeySource,
    KeyHeader,
    KeyMode,
    KeyringKeySource,
    KeySource,
    PassphraseKeySource,
    RecoveryKey,
    ScryptParams,
    new_database_key,
    new_header,
    read_header,
    write_header,
)
from kyc_desk.records.legal import (
    PROFESSIONAL_YEARS,
    DocumentCategory,
    Event,
    Method,
    add_years,
    check_documents,
    check_method_allowed,
    check_required_events,
    document_kind,
    method_date,
    past_retention,
    retention_until,
)
from kyc_desk.records.model import (
    ClientKind,
    Decision,
    DecisionEntry,
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    Mailing,
    MailOutcome,
    MeetingNote,
    NewVerification,
    Party,
    PartyRole,
    Person,
    Reliance,
    SearchQuery,
    Status,
    SubjectRole,
    TransactionEntry,
    VerificationRecord,
    VerificationSummary,
)
from kyc_desk.verify.card_link import CardLink

log = logging.getLogger(__name__)

_TABLE: Final = VerificationRow.__table__
#: A verification's child rows as :class:`VerificationRow`'s relationships order them (table, order column).
_CHILDREN: Final = (
    ("events", (MethodEventRow.__table__, "id")),
    ("evidence", (EvidenceRow.__table__, "id")),
    ("item_checks", (ItemCheckRow.__table__, "position")),
    ("face_results", (FaceResultRow.__table__, "id")),
    ("report_checks", (ReportCheckRow.__table__, "position")),
    ("transactions", (TransactionRow.__table__, "id")),
    ("notes", (MeetingNoteRow.__table__, "id")),
    ("documents", (DocumentRow.__table__, "position")),
)

DB_FILE: Final = "records.db"
HEADER_FILE: Final = "records.keys"
SYSTEM_ACTOR: Final = "kyc-desk"


@dataclass(frozen=True)
class StoreLocation:
    """The folder of one record store and its files."""

    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB_FILE

    @property
    def header(self) -> Path:
        return self.folder / HEADER_FILE

    def exists(self) -> bool:
        return self.header.exists() or self.db.exists()

    @classmethod
    def default(cls) -> StoreLocation:
        """``<data>/records`` of this desk (honours ``KYC_DESK_HOME``)."""
        return cls(desk_paths().data / "records")


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` readable by the user only (where the file system allows)."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)


def _location(folder: Path | None) -> StoreLocation:
    return StoreLocation(folder) if folder is not None else StoreLocation.default()


def key_source_for(folder: Path | None = None, *, ask_passphrase: Callable[[], str] | None = None) -> KeySource:
    """The key source the store's key header names: the keyring, the key file, or a passphrase.

    ``ask_passphrase`` is called only for a passphrase store (a prompt in the CLI, a dialog in the
    window); without it such a store raises :class:`KeyUnavailable`. :class:`StoreNotInitialised` when
    there is no store yet.
    """
    location = _location(folder)
    if not location.header.exists():
        raise StoreNotInitialised("no record store yet; run `kyc-desk records init`")
    mode = read_header(location.header).mode
    if mode == "keyfile":
        return KeyFileKeySource()
    if mode == "keyring":
        return KeyringKeySource()
    if ask_passphrase is None:
        raise KeyUnavailable(
            "this record store is protected by a passphrase",
            ja="記録データベースはパスフレーズで保護されています。パスフレーズを入力してください。",
        )
    return PassphraseKeySource(ask_passphrase())


def _add_card_link(
    session: Session, verification_id: int, link: CardLink, now: dt.datetime
) -> tuple[str, int, str]:
    """Insert the card link of a verification; returns the audit change that records it."""
    linked = CardLinkRow(
        verification_id=verification_id, issuer=link.issuer, issuer_key_id=link.issuer_key_id, serial=link.serial,
        not_after=link.not_after, linked_at=now,
    )  # fmt: skip
    session.add(linked)
    session.flush()
    return ("card_links", linked.id, "insert")


#: Which document kinds may serve each purpose (:data:`~kyc_desk.records.legal.DOCUMENT_KINDS`).
_PURPOSE_CATEGORIES: Final = {
    DocumentPurpose.IDENTITY: {
        DocumentCategory.PHOTO_ID, DocumentCategory.NON_PHOTO_ID, DocumentCategory.SUPPLEMENTARY
    },
    DocumentPurpose.ADDITIONAL: {DocumentCategory.PHOTO_ID, DocumentCategory.NON_PHOTO_ID,
                                 DocumentCategory.SUPPLEMENTARY, DocumentCategory.COMPANY},
    DocumentPurpose.COMPANY: {DocumentCategory.COMPANY},
    DocumentPurpose.AUTHORITY: {DocumentCategory.AUTHORITY, DocumentCategory.COMPANY},
}

#: The old single decision → (本人確認の結果, 受任の判断), as the old words said it (also migration 0005).
_LEGACY_SPLIT: Final = {
    Decision.ACCEPTED: (IdentityResult.CONFIRMED, Engagement.ACCEPTED),
    Decision.FOLLOW_UP: (IdentityResult.NEEDS_MORE, None),
    Decision.REJECTED: (None, Engagement.DECLINED),
}


def _events_of(new: NewVerification) -> dict[Event, dt.datetime]:
    """The method's events; a mailing given without its event supplies the mailing time."""
    events = dict(new.events)
    if new.mailing is not None:
        events.setdefault(Event.MAILED, new.mailing.mailed_at)
    return events


def _mailing_of(new: NewVerification, events: dict[Event, dt.datetime]) -> Mailing | None:
    """The mailing to store: the one given, or one made from the method's mailing event (so its outcome
    can be recorded later)."""
    if new.mailing is not None:
        return new.mailing
    if Event.MAILED in events and Event.MAILED in new.method.rule.required:
        return Mailing(events[Event.MAILED])
    return None


def _has_chip(new: NewVerification) -> bool:
    return new.document_has_chip or any(
        document_kind(d.kind).chip for d in new.documents if d.purpose is DocumentPurpose.IDENTITY
    )


def _split_decision(new: NewVerification) -> tuple[IdentityResult | None, Engagement | None]:
    """The split decision to store: the one given, else the old single decision's meaning."""
    if new.identity is not None or new.engagement is not None:
        return (new.identity.result if new.identity else None, new.engagement.engagement if new.engagement else None)
    if new.decision is not None:
        return _LEGACY_SPLIT[new.decision.decision]
    return None, None


def _legacy_decision(new: NewVerification) -> DecisionEntry | None:
    """The old single decision for readers that know only it, derived from the split one."""
    if new.decision is not None or (new.identity is None and new.engagement is None):
        return None
    identity = new.identity.result if new.identity else None
    engagement = new.engagement.engagement if new.engagement else None
    if engagement is Engagement.ACCEPTED:
        decision = Decision.ACCEPTED
    elif engagement is Engagement.DECLINED or identity is IdentityResult.NOT_CONFIRMED:
        decision = Decision.REJECTED
    elif identity is IdentityResult.NEEDS_MORE:
        decision = Decision.FOLLOW_UP
    else:
        return None
    by = new.engagement or new.identity
    assert by is not None
    return DecisionEntry(decision, by.decided_by, by.decided_at, (new.engagement.note if new.engagement else None)
                         or (new.identity.note if new.identity else None))


def _check_conclusion(record: VerificationRecord, conclusion: IdentityConclusion) -> None:
    """本人確認の結果 against the stored record's gaps, high risk, documents and mailing (:mod:`.decision`)."""
    check_identity(
        conclusion,
        gap_keys=record_gaps(record),
        high_risk=record.high_risk,
        documents=_entries(record),
        mailing=record.mailing,
    )


def _write_identity(row: VerificationRow, conclusion: IdentityConclusion) -> None:
    """Put 本人確認の結果 into the row; the review is closed."""
    row.identity_result = conclusion.result.value
    row.identity_reasons = conv.reasons_json(conclusion.reasons)
    row.identity_note = conclusion.note
    row.identity_by, row.identity_at = conclusion.decided_by, conclusion.decided_at
    row.status = Status.DECIDED.value


def _write_engagement(row: VerificationRow, engagement: EngagementDecision) -> None:
    """Put 受任の判断 into the row."""
    row.engagement, row.engagement_note = engagement.engagement.value, engagement.note
    row.engagement_by, row.engagement_at = engagement.decided_by, engagement.decided_at


def _follow_split(row: VerificationRow) -> None:
    """Bring the old single decision of a row in line with its split one (for readers that know only it)."""
    identity = IdentityResult(row.identity_result) if row.identity_result else None
    engagement = Engagement(row.engagement) if row.engagement else None
    use_engagement = engagement in (Engagement.ACCEPTED, Engagement.DECLINED)  # which half decided it
    if engagement is Engagement.ACCEPTED:
        decision: Decision | None = Decision.ACCEPTED
    elif engagement is Engagement.DECLINED or identity is IdentityResult.NOT_CONFIRMED:
        decision = Decision.REJECTED
    elif identity is IdentityResult.NEEDS_MORE:
        decision = Decision.FOLLOW_UP
    else:
        decision = None
    if decision is None:
        return
    row.decision = decision.value
    row.decided_by = row.engagement_by if use_engagement else row.identity_by
    row.decided_at = row.engagement_at if use_engagement else row.identity_at
    row.decision_reason = row.engagement_note if use_engagement else row.identity_note


def _entries(record: VerificationRecord) -> tuple[DocumentEntry, ...]:
    return tuple(
        DocumentEntry(d.kind, d.purpose, d.number, d.issued_on, d.expires_on, d.note) for d in record.documents
    )


def new_gaps(new: NewVerification) -> tuple[str, ...]:
    """The gap keys of a verification not saved yet (the decision step shows them before saving);
    :class:`MissingMethodTimestamp` while a time the method needs is still missing."""
    verified_on = method_date(new.method, _events_of(new))
    return gaps(method=new.method, verified_on=verified_on, report=new.report, item_checks=new.item_checks,
                face_results=new.face_results, documents=new.documents)


def record_gaps(record: VerificationRecord) -> tuple[str, ...]:
    """The gap keys of a stored verification (:func:`kyc_desk.records.decision.gaps`)."""
    return gaps(method=record.method, verified_on=record.verified_on, report=record.report,
                item_checks=record.item_checks, face_results=record.face_results, documents=_entries(record),
                document_type=record.document_type)


class RecordStore(CaseloadStore, FaceIndexStore):
    """An open record store. Create with :meth:`create` or :meth:`open`; close with :meth:`close`."""

    def __init__(self, location: StoreLocation, header: KeyHeader, key: bytes, engine: Engine) -> None:
        self.location = location
        self.header = header
        self._key = key
        self._engine = engine
        self._writer = engine.execution_options(kyc_write=True)

    # --- opening -------------------------------------------------------------------------------------

    @classmethod
    @translate_errors
    def create(
        cls,
        *,
        mode: KeyMode,
        folder: Path | None = None,
        passphrase: str | None = None,
        keyring: KeyringKeySource | None = None,
        scrypt: ScryptParams | None = None,
        actor: str = SYSTEM_ACTOR,
    ) -> tuple[RecordStore, RecoveryKey]:
        """Set up a new, empty store and return it with its recovery key (show that to the user ONCE).

        ``mode`` says where the database key is kept (:mod:`.keys`). The database is built under a
        temporary name and renamed last, so an interrupted set-up leaves no half store behind.
        """
        location = _location(folder)
        if location.exists():
            raise StoreAlreadyExists("a record store already exists in this folder")
        make_private_folder(location.folder)
        key = new_database_key()
        recovery = RecoveryKey.generate()
        header = new_header(key, recovery, mode, passphrase=passphrase, scrypt=scrypt)
        if mode == "keyring":
            (keyring or KeyringKeySource()).store(header.store_id, key)
        elif mode == "keyfile":
            KeyFileKeySource.write(location.folder, key)
        building = location.folder / (DB_FILE + ".new")
        building.unlink(missing_ok=True)
        engine = make_engine(building, key)
        try:
            upgrade(engine)
            with engine.execution_options(kyc_write=True).begin() as conn:
                append_entry(conn, actor=actor, action="create_store", verification_id=None, changes=())
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(str(building) + suffix).unlink(missing_ok=True)
        write_header(location.header, header)
        building.chmod(0o600)
        building.replace(location.db)
        log.info("record store created (key mode %s)", mode)
        return cls._open_checked(location, header, key), recovery

    @classmethod
    @translate_errors
    def open(cls, source: KeySource, *, folder: Path | None = None) -> RecordStore:
        """Open an existing store with its key from ``source``; migrates it to the latest schema.

        A wrong key, passphrase or key file raises :class:`WrongDatabaseKey` before the database file is
        opened, so nothing is written.
        """
        location = _location(folder)
        if not location.header.exists():
            if location.db.exists():
                raise CorruptStore(
                    "the key header of the record store is missing",
                    ja="記録データベースの鍵情報ファイルが見つかりません。",
                )
            raise StoreNotInitialised("no record store in this folder")
        if not location.db.exists():
            raise CorruptStore("the record database is missing", ja="記録データベースのファイルが見つかりません。")
        header = read_header(location.header)
        key = source.unlock(header, location.folder)
        return cls._open_checked(location, header, key)

    @classmethod
    def _open_checked(cls, location: StoreLocation, header: KeyHeader, key: bytes) -> RecordStore:
        engine = make_engine(location.db, key)
        try:
            upgrade(engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(location, header, key, engine)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database_key(self) -> bytes:
        """The raw database key (for backup and re-keying inside the records layer only)."""
        return self._key

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (records-layer internals and tests; the UI uses the methods)."""
        return self._engine

    # --- writing -------------------------------------------------------------------------------------

    @translate_errors
    def save_verification(self, new: NewVerification, *, actor: str) -> VerificationRecord:
        """Save a complete verification in one transaction with its audit entry; return it as stored.

        ``new.card_link`` (a returning client's card proof) is stored in the same transaction: a save that
        fails leaves no link behind.

        With ``new.external_id`` set, saving the same submission again returns the first record and
        changes nothing (idempotent import). Raises :class:`InvalidRecord` (subclasses
        :class:`MissingMethodTimestamp`, :class:`MethodNotAllowed`, :class:`DocumentsMissing`,
        :class:`UnknownDocumentKind`, :class:`ReasonRequired`, :class:`HighRiskUnresolved`) before anything
        is written.
        """
        verified_on = self._validate(new)
        if new.card_link is not None:
            _aware(new.card_link.not_after, "certificate end")
        if new.external_id is not None:
            existing = self.find_by_external_id(new.external_id)
            if existing is not None:
                return existing
        try:
            with Session(self._writer) as session, session.begin():
                row = self._insert(session, new, verified_on, actor)
                # built from the rows just flushed (their values are exactly what was bound), so the
                # 2 MB of evidence of an import is not read back and decoded a second time
                record = self._record(session, row)
        except IntegrityError as exc:
            if new.external_id is not None:
                existing = self.find_by_external_id(new.external_id)
                if existing is not None:
                    return existing
            raise InvalidRecord("the verification refers to a client or matter that does not exist") from exc
        log.info("verification %d saved (method %s)", record.id, new.method.value)
        return record

    @translate_errors
    def save_verifications(
        self, news: Sequence[NewVerification], *, actor: str, reliance_within: Mapping[int, int] | None = None
    ) -> list[VerificationRecord]:
        """Save several verifications in ONE transaction (one audit entry each): all of them, or none.

        For imports that must leave nothing partial (a hand-off bundle from another desk). Each is validated
        before anything is written; an ``external_id`` already in the store is refused here (the caller
        decides what a duplicate means) with :class:`InvalidRecord`. A :class:`Person` or :class:`Matter`
        object given in several of them becomes ONE row that they share. ``reliance_within`` maps the
        position of a verification that relies on another of the same call to that one's (earlier)
        position: its ``reliance`` then names the row just saved.
        """
        within = dict(reliance_within or {})
        dated = [(new, self._validate(new)) for new in news]
        for new, _ in dated:
            if new.card_link is not None:
                _aware(new.card_link.not_after, "certificate end")
        try:
            with Session(self._writer) as session, session.begin():
                shared: dict[int, int] = {}
                rows: list[VerificationRow] = []
                for position, (new, verified_on) in enumerate(dated):
                    if position in within and new.reliance is not None:
                        earlier = rows[within[position]]  # an IndexError here is a bug of the caller
                        relied = dataclasses.replace(new.reliance, verification_id=earlier.id)
                        new = dataclasses.replace(new, reliance=relied)
                    rows.append(self._insert(session, new, verified_on, actor, shared))
                records = [self._record(session, row) for row in rows]
        except IntegrityError as exc:
            raise InvalidRecord(
                "a verification refers to a client or matter that does not exist, or was imported before"
            ) from exc
        log.info("%d verifications saved in one transaction", len(records))
        return records

    def _validate(self, new: NewVerification) -> dt.date:
        events = _events_of(new)
        for at in events.values():
            _aware(at, "method event")
        check_required_events(new.method, events)
        verified_on = method_date(new.method, events)
        check_method_allowed(new.method, verified_on, document_has_chip=_has_chip(new))
        self._validate_documents(new)
        _require(new.checked_by, "checked_by")
        _require(new.recorded_by, "recorded_by")
        for person in (new.client, new.subject):
            if isinstance(person, Person):
                _require(person.name, "name")
        if isinstance(new.subject, Person) and new.subject.kind is not ClientKind.INDIVIDUAL:
            raise InvalidRecord("the person identified must be an individual", ja="本人確認の対象者は個人です。")
        if new.subject is None and new.subject_role is not SubjectRole.SELF:
            raise InvalidRecord("a representative or agent must be given", ja="代表者・代理人の情報がありません。")
        if new.subject is None and isinstance(new.client, Person) and new.client.kind is ClientKind.COMPANY:
            raise InvalidRecord(
                "a company is identified through its representative or agent",
                ja="法人の場合は代表者または代理人の本人確認が必要です。",
            )
        if new.subject_role is not SubjectRole.SELF and not (new.authority or "").strip() and not any(
            d.purpose is DocumentPurpose.AUTHORITY for d in new.documents
        ):
            raise InvalidRecord(
                "a representative or agent needs the document that shows their authority",
                ja="代表者・代理人の権限を示す書類（登記事項証明書・委任状など）を入力してください。",
            )
        if (new.method is Method.RELIANCE) != (new.reliance is not None):
            raise InvalidRecord(
                "reliance on an earlier verification needs the method and the earlier record together",
                ja="以前の確認記録によるときは、確認方法と以前の記録の両方を指定してください。",
            )
        if new.high_risk is not None:
            if not new.high_risk.reasons:
                raise InvalidRecord("a high-risk case needs its reason", ja="ハイリスク取引の理由を選んでください。")
            if new.reliance is not None:
                raise InvalidRecord(
                    "a high-risk transaction cannot rely on an earlier verification (法4条2項)",
                    ja="ハイリスク取引（法4条2項）では以前の確認記録に依拠できません。改めて本人確認をしてください。",
                )
        if new.decision is not None:
            _aware(new.decision.decided_at, "decision")
        for note in new.notes:
            _aware(note.written_at, "note")
        for item in (*new.evidence, *(d.image for d in new.documents if d.image is not None)):
            if item.captured_at is not None:
                _aware(item.captured_at, "evidence")
        if new.mailing is not None:
            _aware(new.mailing.mailed_at, "mailing")
            if (new.mailing.outcome is None) != (new.mailing.outcome_on is None):
                raise InvalidRecord("a mail outcome needs its date", ja="郵便の結果とその日付を入力してください。")
        mailing = _mailing_of(new, events)
        if new.identity is not None:
            check_identity(
                new.identity,
                gap_keys=gaps(method=new.method, verified_on=verified_on, report=new.report,
                              item_checks=new.item_checks, face_results=new.face_results, documents=new.documents,
                              document_type=new.document_type or next(
                                  (d.kind for d in new.documents if d.purpose is DocumentPurpose.IDENTITY), "")),
                high_risk=new.high_risk,
                documents=new.documents,
                mailing=mailing,
            )
        elif _split_decision(new)[0] is IdentityResult.CONFIRMED:  # the old single decision (受任可)
            check_confirmable(high_risk=new.high_risk, documents=new.documents, mailing=mailing)
        if new.engagement is not None:
            check_engagement(new.engagement, _split_decision(new)[0])
        return verified_on

    @staticmethod
    def _validate_documents(new: NewVerification) -> None:
        """The documents meet the method's needs; each purpose takes the kinds that can serve it."""
        if not new.documents:
            if new.method.rule.documents:
                _require(new.document_type, "document_type")
                if all(sum(n for _c, n in need) > 1 for need in new.method.rule.documents):
                    check_documents(new.method, [])  # a method of two documents cannot name just one
            return
        for doc in new.documents:
            kind = document_kind(doc.kind)
            if kind.category not in _PURPOSE_CATEGORIES[doc.purpose]:
                raise InvalidRecord(
                    f"a {kind.code} cannot serve as a {doc.purpose.value} document",
                    ja=f"「{kind.name_ja}」はこの用途の書類として使えません。",
                )
            if kind.code.startswith("other_") and not (doc.note or "").strip():
                raise InvalidRecord(
                    "an 'other' document needs a note naming it", ja="「その他」の書類は書類名を入力してください。"
                )
        check_documents(new.method, [d.kind for d in new.documents if d.purpose is DocumentPurpose.IDENTITY])
        company = isinstance(new.client, Person) and new.client.kind is ClientKind.COMPANY
        if company and not any(d.purpose is DocumentPurpose.COMPANY for d in new.documents):
            raise InvalidRecord(
                "a company needs its own document (登記事項証明書, 印鑑証明書)",
                ja="法人の本人確認書類（登記事項証明書・印鑑証明書など）を入力してください。",
            )

    def _client_id(
        self, session: Session, ref: Person | int, now: dt.datetime, changes: list[Any], shared: dict[int, int]
    ) -> int:
        if isinstance(ref, int):
            if session.get(ClientRow, ref) is None:
                raise InvalidRecord(f"client {ref} does not exist", ja="指定の依頼者が見つかりません。")
            return ref
        if id(ref) in shared:  # the same Person object in several verifications of one save: one row
            return shared[id(ref)]
        row = conv.client_row(ref, now)
        session.add(row)
        session.flush()
        session.add_all(NameSearchRow(key=key, client_id=row.id) for key in conv.search_keys(row.name_key))
        changes.append(("clients", row.id, "insert"))
        shared[id(ref)] = row.id
        return row.id

    def _insert(
        self,
        session: Session,
        new: NewVerification,
        verified_on: dt.date,
        actor: str,
        shared: dict[int, int] | None = None,
    ) -> VerificationRow:
        """``shared`` maps ``id()`` of the Person and Matter objects already inserted in this transaction to
        their rows, so that verifications saved together share them (:meth:`save_verifications`)."""
        now = _now()
        changes: list[Any] = []
        shared = {} if shared is None else shared
        client_id = self._client_id(session, new.client, now, changes, shared)
        subject_id = client_id if new.subject is None else self._client_id(session, new.subject, now, changes, shared)
        client_row = session.get(ClientRow, client_id)
        company = client_row is not None and client_row.kind == ClientKind.COMPANY.value
        if company and new.subject is None:
            raise InvalidRecord(
                "a company is identified through its representative or agent",
                ja="法人の場合は代表者または代理人の本人確認が必要です。",
            )
        if new.subject_role is SubjectRole.REPRESENTATIVE and not company:
            raise InvalidRecord("only a company has a representative", ja="代表者は法人の依頼者にだけ指定できます。")
        if company and new.documents and not any(d.purpose is DocumentPurpose.COMPANY for d in new.documents):
            raise InvalidRecord(
                "a company needs its own document (登記事項証明書, 印鑑証明書)",
                ja="法人の本人確認書類（登記事項証明書・印鑑証明書など）を入力してください。",
            )
        if new.reliance is not None:
            self._check_reliance(session, new.reliance, subject_id)
        matter: MatterRow | None = None
        if isinstance(new.matter, int):
            matter = session.get(MatterRow, new.matter)
            if matter is None:
                raise InvalidRecord(f"matter {new.matter} does not exist", ja="指定の事件が見つかりません。")
        elif new.matter is not None and id(new.matter) in shared:
            matter = session.get(MatterRow, shared[id(new.matter)])
        elif new.matter is not None:
            matter = conv.matter_row(new.matter, client_id)
            session.add(matter)
            session.flush()
            changes.append(("matters", matter.id, "insert"))
            shared[id(new.matter)] = matter.id
            # a matter opened with its first verification has that client as its party, as one opened alone
            changes += self._add_parties(session, matter.id, [Party(client_id, PartyRole.CLIENT)])
        decision = new.decision
        identity, engagement = new.identity, new.engagement
        legacy = _legacy_decision(new)
        if decision is None and legacy is not None:
            decision = legacy
        split_identity, split_engagement = _split_decision(new)
        # an old single decision given alone: its maker and time stand for the split one's
        legacy_by = decision if decision is not None and identity is None and split_identity else None
        legacy_to = decision if decision is not None and engagement is None and split_engagement else None
        events = _events_of(new)
        first_identity = next((d for d in new.documents if d.purpose is DocumentPurpose.IDENTITY), None)
        document_type = new.document_type or (first_identity.kind if first_identity else "")
        document_number = new.document_number
        if document_number is None and first_identity is not None and not new.document_type:
            document_number = first_identity.number
        row = VerificationRow(
            external_id=new.external_id,
            client_id=client_id,
            subject_id=subject_id,
            subject_role=new.subject_role.value,
            authority=new.authority,
            matter_id=matter.id if matter is not None else None,
            method=new.method.value,
            status=(Status.DECIDED if decision is not None or identity is not None else Status.PENDING_REVIEW).value,
            document_type=document_type,
            document_number=document_number,
            document_number_key=conv.document_key(document_number),
            document_has_chip=_has_chip(new),
            purpose=new.purpose,
            checked_by=new.checked_by,
            recorded_by=new.recorded_by,
            verified_on=verified_on,
            decision=decision.decision.value if decision else None,
            decision_reason=decision.reason if decision else None,
            decided_by=decision.decided_by if decision else None,
            decided_at=decision.decided_at if decision else None,
            retention_until=retention_until(
                verified_on=verified_on,
                transaction_dates=tuple(t.transacted_on for t in new.transactions),
                matter_ended_on=matter.ended_on if matter is not None else None,
            ),
            created_at=now,
            relied_on_id=new.reliance.verification_id if new.reliance else None,
            match_basis=new.reliance.matched_by.value if new.reliance else None,
            match_note=new.reliance.note if new.reliance else None,
            risk_reasons=json.dumps([r.value for r in new.high_risk.reasons]) if new.high_risk else None,
            risk_note=new.high_risk.note if new.high_risk else None,
            identity_result=split_identity.value if split_identity else None,
            identity_reasons=conv.reasons_json(identity.reasons) if identity else None,
            identity_note=identity.note if identity else (legacy_by.reason if legacy_by else None),
            identity_by=identity.decided_by if identity else (legacy_by.decided_by if legacy_by else None),
            identity_at=identity.decided_at if identity else (legacy_by.decided_at if legacy_by else None),
            engagement=split_engagement.value if split_engagement else None,
            engagement_note=engagement.note if engagement else None,
            engagement_by=engagement.decided_by if engagement else (legacy_to.decided_by if legacy_to else None),
            engagement_at=engagement.decided_at if engagement else (legacy_to.decided_at if legacy_to else None),
        )
        row.events = conv.event_rows(events)
        row.evidence = [conv.evidence_row(item) for item in new.evidence]
        row.item_checks = [conv.item_check_row(i, c) for i, c in enumerate(new.item_checks)]
        row.face_results = [conv.face_row(f) for f in new.face_results]
        row.report_checks = [conv.report_row(i, c) for i, c in enumerate(new.report)]
        row.transactions = [conv.transaction_row(t) for t in new.transactions]
        row.notes = [conv.note_row(n) for n in new.notes]
        session.add(row)
        session.flush()
        changes.append(("verifications", row.id, "insert"))
        for table, children in (
            ("method_events", row.events),
            ("evidence", row.evidence),
            ("item_checks", row.item_checks),
            ("face_results", row.face_results),
            ("report_checks", row.report_checks),
            ("transaction_records", row.transactions),
            ("meeting_notes", row.notes),
        ):
            changes.extend((table, child.id, "insert") for child in children)
        faces = embedding_rows([(r, f.embeddings) for r, f in zip(row.face_results, new.face_results, strict=True)])
        if faces:  # the duplicate-face check's embeddings, in this same transaction (records/_faces.py)
            session.add_all(faces)
            session.flush()
            changes.extend(("face_embeddings", f.id, "insert") for f in faces)
        changes += self._insert_documents(session, row, new.documents)
        mailing = _mailing_of(new, events)
        if mailing is not None:
            mailing_row = conv.mailing_row(mailing)
            mailing_row.verification_id = row.id
            session.add(mailing_row)
            session.flush()
            changes.append(("mailings", mailing_row.id, "insert"))
        if new.card_link is not None:
            changes.append(_add_card_link(session, row.id, new.card_link, now))
        append_entry(
            session.connection(),
            actor=actor,
            action="save_verification",
            verification_id=row.id,
            changes=changes,
            at=now,
        )
        return row

    @staticmethod
    def _check_reliance(session: Session, reliance: Reliance, subject_id: int) -> None:
        """The earlier record exists, concluded 確認済み, and identified this very person."""
        earlier = session.get(VerificationRow, reliance.verification_id)
        if earlier is None:
            raise RecordNotFound(
                f"no verification {reliance.verification_id} to rely on", ja="依拠する以前の本人確認記録がありません。"
            )
        if earlier.identity_result != IdentityResult.CONFIRMED.value:
            raise InvalidRecord(
                "the earlier verification did not confirm the identity",
                ja="以前の本人確認記録は「確認済み」ではないため、依拠できません。",
            )
        if earlier.subject_id != subject_id:
            raise InvalidRecord(
                "the earlier verification identified another person",
                ja="以前の本人確認記録は別の人物のものです。同じ依頼者等を指定してください。",
            )

    @staticmethod
    def _insert_documents(
        session: Session, row: VerificationRow, documents: Sequence[DocumentEntry]
    ) -> list[tuple[str, int, Any]]:
        """The documents of a verification; each image becomes evidence the document points to."""
        changes: list[tuple[str, int, Any]] = []
        start = len(row.documents)
        for i, doc in enumerate(documents, start=start):
            evidence_id: int | None = None
            if doc.image is not None:
                image = conv.evidence_row(doc.image)
                image.label = image.label or f"document:{i}"
                row.evidence.append(image)
                session.flush()
                evidence_id = image.id
                changes.append(("evidence", image.id, "insert"))
            doc_row = conv.document_row(i, doc, evidence_id)
            row.documents.append(doc_row)
            session.flush()
            changes.append(("documents", doc_row.id, "insert"))
        return changes

    def _update(self, verification_id: int, actor: str, action: str, apply: Any) -> VerificationRecord:
        with Session(self._writer) as session, session.begin():
            row = session.get(VerificationRow, verification_id)
            if row is None:
                raise RecordNotFound(f"no verification {verification_id}")
            changes: list[Any] = apply(session, row)
            session.flush()
            append_entry(
                session.connection(), actor=actor, action=action, verification_id=verification_id, changes=changes
            )
        return self.get(verification_id)

    @translate_errors
    def link_card(self, verification_id: int, link: CardLink, *, actor: str) -> None:
        """Remember the user-authentication certificate this verification was proven with (audited).

        ``link`` comes from :func:`kyc_desk.verify.card_link.card_link` on a verified reading: only its
        issuer, issuer key id, serial and end of validity are stored.
        """
        _aware(link.not_after, "certificate end")
        now = dt.datetime.now(dt.UTC)

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            return [_add_card_link(session, row.id, link, now)]

        self._update(verification_id, actor, "link_card", apply)

    @translate_errors
    def find_by_card(self, link: CardLink) -> list[VerificationSummary]:
        """The verifications proven with this certificate (same issuer and serial), newest first."""
        where = "v.id IN (SELECT verification_id FROM card_links WHERE issuer = :issuer AND serial = :serial)"
        return self._summaries(where, {"issuer": link.issuer, "serial": link.serial, "limit": 50, "offset": 0})

    @translate_errors
    def find_linked_holder(self, name: str, birth_date: dt.date) -> list[tuple[VerificationSummary, CardLink]]:
        """Earlier verifications of this person (same folded name and birth date) that were linked to a
        card, each with its link, newest first: when today's card proof is not among them, the card's
        certificate was renewed or reissued and the earlier link is broken."""
        where = (
            "v.id IN (SELECT verification_id FROM card_links) AND v.subject_id IN"
            " (SELECT id FROM clients WHERE instr(name_key, :name) = 1 AND birth_date = :birth)"
        )
        key = fold(name) + conv.NAME_KEY_SEPARATOR
        params = {"name": key, "birth": birth_date.isoformat(), "limit": 50, "offset": 0}
        found = self._summaries(where, params)
        if not found:
            return []
        with Session(self._engine) as session:
            rows = session.scalars(
                select(CardLinkRow).where(CardLinkRow.verification_id.in_([f.id for f in found]))
            ).all()
            links = {
                r.verification_id: CardLink(r.issuer, r.issuer_key_id, r.serial, r.not_after) for r in rows
            }
        return [(f, links[f.id]) for f in found if f.id in links]

    @translate_errors
    def set_decision(self, verification_id: int, decision: DecisionEntry, *, actor: str) -> VerificationRecord:
        """Record (or change) the old single decision; the status becomes decided. Audited.

        The split decision follows it as the old words said it (受任可 → 確認済み and 受任; 要追加確認 →
        追加確認が必要; 受任不可 → 受任しない), so readers of either agree; new callers use
        :meth:`set_identity` and :meth:`set_engagement`."""
        _aware(decision.decided_at, "decision")
        _require(decision.decided_by, "decided_by")
        identity, engagement = _LEGACY_SPLIT[decision.decision]
        if identity is IdentityResult.CONFIRMED:
            record = self.get(verification_id)
            check_confirmable(high_risk=record.high_risk, documents=_entries(record), mailing=record.mailing)

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            row.decision = decision.decision.value
            row.decision_reason = decision.reason
            row.decided_by = decision.decided_by
            row.decided_at = decision.decided_at
            row.status = Status.DECIDED.value
            if identity is not None:
                row.identity_result, row.identity_reasons, row.identity_note = identity.value, None, decision.reason
                row.identity_by, row.identity_at = decision.decided_by, decision.decided_at
            if engagement is not None:
                row.engagement, row.engagement_note = engagement.value, None
                row.engagement_by, row.engagement_at = decision.decided_by, decision.decided_at
            elif identity is not None and row.engagement == Engagement.ACCEPTED.value:
                row.engagement = Engagement.PENDING.value  # no longer confirmed: not accepted either
                row.engagement_by, row.engagement_at = decision.decided_by, decision.decided_at
            return [("verifications", row.id, "update")]

        return self._update(verification_id, actor, "set_decision", apply)

    @translate_errors
    def set_identity(self, verification_id: int, conclusion: IdentityConclusion, *, actor: str) -> VerificationRecord:
        """Record (or change) 本人確認の結果 under the rules of :mod:`.decision`; the review is closed.

        An engagement already accepted is refused unless the new result is 確認済み. Audited."""
        record = self.get(verification_id)
        _check_conclusion(record, conclusion)
        if record.engagement is not None:
            check_engagement(record.engagement, conclusion.result)

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            _write_identity(row, conclusion)
            _follow_split(row)
            return [("verifications", row.id, "update")]

        return self._update(verification_id, actor, "set_identity", apply)

    @translate_errors
    def set_engagement(
        self, verification_id: int, engagement: EngagementDecision, *, actor: str
    ) -> VerificationRecord:
        """Record (or change) 受任の判断; accepting needs the identity 確認済み. Audited."""
        record = self.get(verification_id)
        check_engagement(engagement, record.identity.result if record.identity else None)

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            _write_engagement(row, engagement)
            _follow_split(row)
            return [("verifications", row.id, "update")]

        return self._update(verification_id, actor, "set_engagement", apply)

    @translate_errors
    def decide(
        self, verification_id: int, conclusion: IdentityConclusion, engagement: EngagementDecision, *, actor: str
    ) -> VerificationRecord:
        """本人確認の結果 and 受任の判断 together, in one transaction: both are stored or neither.

        The engagement is checked against the result given here (accepting needs 確認済み), so a refused
        engagement leaves the stored result as it was. Audited as one entry."""
        _check_conclusion(self.get(verification_id), conclusion)
        check_engagement(engagement, conclusion.result)

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            _write_identity(row, conclusion)
            _write_engagement(row, engagement)
            _follow_split(row)
            return [("verifications", row.id, "update")]

        return self._update(verification_id, actor, "decide", apply)

    @translate_errors
    def record_mail_outcome(
        self, verification_id: int, outcome: MailOutcome, on: dt.date, *, actor: str
    ) -> VerificationRecord:
        """Record what became of the 転送不要郵便. A returned mail means the address is not confirmed: a
        result of 確認済み becomes 追加確認が必要 (reason ``mail.returned``) in the same entry. Audited."""

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            mailing = session.scalars(select(MailingRow).where(MailingRow.verification_id == row.id)).first()
            if mailing is None:
                raise InvalidRecord(
                    "this verification mailed nothing", ja="この記録には転送不要郵便の送付がありません。"
                )
            if on < legal_date(mailing.mailed_at):
                raise InvalidRecord(
                    "the outcome is dated before the mailing", ja="郵便の結果の日付が発送日より前です。"
                )
            mailing.outcome, mailing.outcome_on = outcome.value, on
            changes: list[Any] = [("mailings", mailing.id, "update")]
            if outcome is MailOutcome.RETURNED and row.identity_result == IdentityResult.CONFIRMED.value:
                row.identity_result = IdentityResult.NEEDS_MORE.value
                kept = json.loads(row.identity_reasons) if row.identity_reasons else []
                row.identity_reasons = json.dumps([*kept, ["mail.returned", "転送不要郵便が返送された"]],
                                                  ensure_ascii=False)
                row.identity_by, row.identity_at = actor, _now()
                if row.engagement == Engagement.ACCEPTED.value:
                    row.engagement = Engagement.PENDING.value
                    row.engagement_by, row.engagement_at = actor, row.identity_at
                _follow_split(row)
                changes.append(("verifications", row.id, "update"))
            return changes

        return self._update(verification_id, actor, "record_mail_outcome", apply)

    @translate_errors
    def set_high_risk(
        self,
        verification_id: int,
        high_risk: HighRisk,
        *,
        actor: str,
        additional: Sequence[DocumentEntry] = (),
    ) -> VerificationRecord:
        """Flag a verification high-risk (法4条2項) with its reasons, and add the additional documents.

        A record already 確認済み keeps that result only when an additional document is (or is now) there;
        otherwise the flag is refused: confirm the additional document first. Audited."""
        if not high_risk.reasons:
            raise InvalidRecord("a high-risk case needs its reason", ja="ハイリスク取引の理由を選んでください。")
        for doc in additional:
            if doc.purpose is not DocumentPurpose.ADDITIONAL:
                raise InvalidRecord("additional documents only", ja="追加の本人確認書類を指定してください。")
            document_kind(doc.kind)
        record = self.get(verification_id)
        if record.reliance is not None:
            raise InvalidRecord(
                "a high-risk transaction cannot rely on an earlier verification (法4条2項)",
                ja="ハイリスク取引（法4条2項）では以前の確認記録に依拠できません。改めて本人確認をしてください。",
            )
        has_additional = bool(additional) or any(d.purpose is DocumentPurpose.ADDITIONAL for d in record.documents)
        if record.identity is not None and record.identity.result is IdentityResult.CONFIRMED and not has_additional:
            raise HighRiskUnresolved("a confirmed record flagged high-risk needs its additional document")

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            row.risk_reasons = json.dumps([r.value for r in high_risk.reasons])
            row.risk_note = high_risk.note
            return [("verifications", row.id, "update"), *self._insert_documents(session, row, additional)]

        return self._update(verification_id, actor, "set_high_risk", apply)

    @translate_errors
    def add_transaction(self, verification_id: int, entry: TransactionEntry, *, actor: str) -> VerificationRecord:
        """Add a 取引記録 linked to the verification; its date may extend the retention. Audited."""

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            tx = conv.transaction_row(entry)
            row.transactions.append(tx)
            tx.matter_id = row.matter_id
            session.flush()
            refresh_retention(session, row)
            return [("transaction_records", tx.id, "insert"), ("verifications", row.id, "update")]

        return self._update(verification_id, actor, "add_transaction", apply)

    @translate_errors
    def add_meeting_note(self, verification_id: int, note: MeetingNote, *, actor: str) -> VerificationRecord:
        """Add a meeting note to the verification. Audited."""
        _aware(note.written_at, "note")

        def apply(session: Session, row: VerificationRow) -> list[Any]:
            note_row = conv.note_row(note)
            row.notes.append(note_row)
            session.flush()
            return [("meeting_notes", note_row.id, "insert")]

        return self._update(verification_id, actor, "add_meeting_note", apply)

    @translate_errors
    def end_matter(self, matter_id: int, ended_on: dt.date, *, actor: str) -> None:
        """Enter the end date of a matter; the retention of its verifications is recomputed. Audited.
        (The older name of :meth:`close_matter`.)"""
        self.close_matter(matter_id, ended_on, actor=actor)

    # --- reading -------------------------------------------------------------------------------------

    @translate_errors
    def get(self, verification_id: int) -> VerificationRecord:
        """The verification with everything loaded; :class:`RecordNotFound` if there is none."""
        with Session(self._engine) as session:
            row = session.get(VerificationRow, verification_id)
            if row is None:
                raise RecordNotFound(f"no verification {verification_id}")
            return self._record(session, row)

    def iter_records(
        self, ids: Sequence[int], *, evidence: bool = True, batch: int = 200
    ) -> Iterator[VerificationRecord]:
        """The verifications ``ids``, in that order, read in batches of ``batch`` (a long export reads each row
        once instead of one query per child table and record).

        ``evidence=False`` leaves each record's ``evidence`` empty without reading it: exports that carry no
        images (CSV) never decrypt the photos. :class:`RecordNotFound` names the first missing id.
        """
        for start in range(0, len(ids), batch):
            yield from self._load_batch(list(ids[start : start + batch]), evidence)

    @translate_errors
    def _load_batch(self, ids: list[int], evidence: bool) -> list[VerificationRecord]:
        """One batch as plain rows (SQLAlchemy Core: an export reads thousands of records, and ORM objects
        for their dozen child rows each cost more than the export itself), turned into records by the same
        :func:`conv.record_of` as :meth:`get` — the rows carry the ORM attribute names."""
        children = [(name, relation) for name, relation in _CHILDREN if evidence or name != "evidence"]
        with self._engine.connect() as conn:
            verifications = {r.id: r for r in conn.execute(select(_TABLE).where(_TABLE.c.id.in_(ids))).all()}
            grouped: dict[str, dict[int, list[Any]]] = {}
            for name, (table, order) in children:
                by_verification: dict[int, list[Any]] = {}
                query = select(table).where(table.c.verification_id.in_(ids)).order_by(table.c[order])
                for child in conn.execute(query).all():  # fetchall: one call, not one a row
                    by_verification.setdefault(child.verification_id, []).append(child)
                grouped[name] = by_verification
            people_ids = {r.client_id for r in verifications.values()} | {r.subject_id for r in verifications.values()}
            matter_ids = {r.matter_id for r in verifications.values() if r.matter_id is not None}
            clients, matter_rows = ClientRow.__table__, MatterRow.__table__
            people = {r.id: r for r in conn.execute(select(clients).where(clients.c.id.in_(people_ids))).all()}
            matters = {r.id: r for r in conn.execute(select(matter_rows).where(matter_rows.c.id.in_(matter_ids))).all()}
            mailing_rows = MailingRow.__table__
            mailings = {
                r.verification_id: r
                for r in conn.execute(select(mailing_rows).where(mailing_rows.c.verification_id.in_(ids))).all()
            }
            links = MeetingVerificationRow.__table__
            meetings: dict[int, list[int]] = {}
            query = select(links.c.verification_id, links.c.meeting_id).where(links.c.verification_id.in_(ids))
            for verification_id, meeting_id in conn.execute(query.order_by(links.c.meeting_id)).all():
                meetings.setdefault(verification_id, []).append(meeting_id)
        records = []
        for verification_id in ids:
            row = verifications.get(verification_id)
            if row is None:
                raise RecordNotFound(f"no verification {verification_id}")
            parts = {name: grouped[name].get(verification_id, []) for name, _ in children}
            plain = SimpleNamespace(**row._asdict(), **parts)
            client, subject = people.get(row.client_id), people.get(row.subject_id)
            if client is None or subject is None:
                raise CorruptStore("a verification refers to a missing client")
            matter = matters.get(row.matter_id) if row.matter_id is not None else None
            records.append(
                conv.record_of(
                    plain,  # type: ignore[arg-type]
                    client,  # type: ignore[arg-type]
                    subject,  # type: ignore[arg-type]
                    matter,  # type: ignore[arg-type]
                    mailings.get(verification_id),  # type: ignore[arg-type]
                    tuple(meetings.get(verification_id, ())),
                    evidence=evidence,
                )
            )
        return records

    @translate_errors
    def audit_event(
        self, action: str, *, actor: str, verification_ids: Sequence[int], detail: Mapping[str, Any]
    ) -> str:
        """Append an audit entry for something done WITH records that changes none (an export): the rows of
        ``verification_ids`` are listed with op ``"read"`` and their current digests (what left the desk, and
        in which state), ``detail`` (kind, destination, encryption…) is kept in the entry. Returns its hash."""
        with Session(self._writer) as session, session.begin():
            conn = session.connection()
            wanted = list(verification_ids)
            found: set[int] = set()
            for start in range(0, len(wanted), 500):
                query = select(VerificationRow.id).where(VerificationRow.id.in_(wanted[start : start + 500]))
                found.update(int(r[0]) for r in conn.execute(query))
            missing = [i for i in verification_ids if i not in found]
            if missing:
                raise RecordNotFound(f"no verification {missing[0]}")
            changes: list[tuple[str, int, Op]] = [("verifications", int(i), "read") for i in verification_ids]
            return append_entry(
                conn, actor=actor, action=action, verification_id=None, changes=changes, detail=detail
            )

    @translate_errors
    def find_by_external_id(self, external_id: str) -> VerificationRecord | None:
        """The verification imported under ``external_id``, if any."""
        with Session(self._engine) as session:
            row = session.scalars(select(VerificationRow).where(VerificationRow.external_id == external_id)).first()
            return None if row is None else self._record(session, row)

    @staticmethod
    def _record(session: Session, row: VerificationRow) -> VerificationRecord:
        client = session.get(ClientRow, row.client_id)
        subject = session.get(ClientRow, row.subject_id)
        matter = session.get(MatterRow, row.matter_id) if row.matter_id is not None else None
        if client is None or subject is None:
            raise CorruptStore("a verification refers to a missing client")
        mailing = session.scalars(select(MailingRow).where(MailingRow.verification_id == row.id)).first()
        meetings = tuple(session.scalars(
            select(MeetingVerificationRow.meeting_id).where(MeetingVerificationRow.verification_id == row.id)
            .order_by(MeetingVerificationRow.meeting_id)
        ).all())
        return conv.record_of(row, client, subject, matter, mailing, meetings)

    @translate_errors
    def search(self, query: SearchQuery) -> list[VerificationSummary]:
        """Verifications matching every given field of ``query``, newest first.

        ``name`` and ``birth_date`` select people (both must hold for the same person); a verification
        matches when that person is its client or the person identified. The people are found through
        the indexes on ``clients`` first, so a search never walks the whole verification table.
        """
        where: list[str] = []
        person: list[str] = []
        params: dict[str, Any] = {"limit": query.limit, "offset": query.offset}
        key = fold(query.name) if query.name else ""
        if key:
            params["name"] = key
            params["name_from"] = key[: conv.SUFFIX_CHARS]
            params["name_to"] = key[: conv.SUFFIX_CHARS] + "\U0010ffff"
            person.append(
                "id IN (SELECT client_id FROM name_search WHERE key >= :name_from AND key < :name_to)"
                " AND instr(name_key, :name) > 0"
            )
        if query.birth_date is not None:
            params["birth"] = query.birth_date.isoformat()
            person.append("birth_date = :birth")
        if query.document_number:
            params["doc"] = conv.document_key(query.document_number) or ""
            where.append("{v}document_number_key = :doc")
        if query.verified_from is not None:
            params["from"] = query.verified_from.isoformat()
            where.append("{v}verified_on >= :from")
        if query.verified_to is not None:
            params["to"] = query.verified_to.isoformat()
            where.append("{v}verified_on <= :to")
        if query.status is not None:
            params["status"] = query.status.value
            where.append("{v}status = :status")
        if query.matter_id is not None:
            params["matter"] = query.matter_id
            where.append("{v}matter_id = :matter")
        if query.identity_result is not None:
            params["identity"] = query.identity_result.value
            where.append("{v}identity_result = :identity")
        if query.client_id is not None:
            params["client"] = query.client_id
            where.append("({v}client_id = :client OR {v}subject_id = :client)")
        if person:
            return self._person_search(" AND ".join(person), where, params)
        return self._summaries(" AND ".join(w.format(v="v.") for w in where) or "1", params)

    def _person_search(self, person: str, where: list[str], params: dict[str, Any]) -> list[VerificationSummary]:
        """Search through people: the client index finds them, the (person, date) indexes their
        verifications, and only the page of results is read from the verification table."""
        filters = "".join(" AND " + w.format(v="") for w in where)
        prefix = (
            f"WITH people AS MATERIALIZED (SELECT id FROM clients WHERE {person}),"
            " hits AS MATERIALIZED ("
            f"SELECT id, verified_on FROM verifications WHERE client_id IN (SELECT id FROM people){filters}"
            f" UNION SELECT id, verified_on FROM verifications WHERE subject_id IN (SELECT id FROM people){filters}),"
            " page AS MATERIALIZED"
            " (SELECT id FROM hits ORDER BY verified_on DESC, id DESC LIMIT :limit OFFSET :offset) "
        )
        return self._summaries("v.id IN (SELECT id FROM page)", params, prefix, paged=False)

    def _summaries(
        self, where: str, params: dict[str, Any], prefix: str = "", *, paged: bool = True
    ) -> list[VerificationSummary]:
        sql = text(
            f"{prefix}SELECT v.id, v.external_id, c.name, s.name, v.method, v.status, v.document_type, v.verified_on,"
            " v.decision, v.retention_until, v.identity_result, v.engagement, v.matter_id, v.risk_reasons"
            " FROM verifications v JOIN clients c ON c.id = v.client_id JOIN clients s ON s.id = v.subject_id"
            f" WHERE {where} ORDER BY v.verified_on DESC, v.id DESC" + (" LIMIT :limit OFFSET :offset" if paged else "")
        )
        with self._engine.connect() as conn:
            rows = conn.execute(sql, params).all()
        return [
            VerificationSummary(
                id=r[0],
                external_id=r[1],
                client_name=r[2],
                subject_name=r[3],
                method=Method(r[4]),
                status=Status(r[5]),
                document_type=r[6],
                verified_on=dt.date.fromisoformat(r[7]),
                decision=Decision(r[8]) if r[8] else None,
                retention_until=dt.date.fromisoformat(r[9]) if r[9] else None,
                identity_result=IdentityResult(r[10]) if r[10] else None,
                engagement=Engagement(r[11]) if r[11] else None,
                matter_id=r[12],
                high_risk=r[13] is not None,
            )
            for r in rows
        ]

    @translate_errors
    def list_recent(self, limit: int = 50) -> list[VerificationSummary]:
        """The newest verifications."""
        return self.search(SearchQuery(limit=limit))

    @translate_errors
    def count(self) -> int:
        """How many verifications the store holds."""
        with self._engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM verifications").scalar_one())

    # --- retention and purge -------------------------------------------------------------------------

    @translate_errors
    def purge_candidates(self, today: dt.date) -> list[VerificationSummary]:
        """Verifications whose retention period ended before ``today`` (what :meth:`purge` would delete)."""
        return self._summaries(
            "v.retention_until IS NOT NULL AND v.retention_until < :today",
            {"today": today.isoformat(), "limit": -1, "offset": 0},
        )

    @translate_errors
    def purge(self, ids: Sequence[int], *, today: dt.date, actor: str, confirmed: bool) -> int:
        """Delete the given verifications, which must all be past retention, after the user confirmed.

        Clients and matters no other verification refers to go with them. One audit entry records
        what was deleted (row ids and tables only). Returns how many verifications were deleted.
        """
        if not confirmed:
            raise PurgeRefused("the purge was not confirmed", ja="削除が確認されていません。何も削除していません。")
        if not ids:
            return 0
        with Session(self._writer) as session, session.begin():
            conn = session.connection()
            rows = [session.get(VerificationRow, i) for i in ids]
            for vid, row in zip(ids, rows, strict=True):
                if row is None:
                    raise RecordNotFound(f"no verification {vid}")
                if not past_retention(row.retention_until, today):
                    raise PurgeRefused(f"verification {vid} is still within its retention period")
            relying = session.scalars(
                select(VerificationRow.id).where(VerificationRow.relied_on_id.in_(list(ids)),
                                                 VerificationRow.id.not_in(list(ids)))
            ).first()
            if relying is not None:
                raise PurgeRefused(
                    f"verification {relying} relies on one of these",
                    ja="削除しようとした記録に依拠している記録が残っています。何も削除していません。",
                )
            session.expunge_all()
            changes = self._delete_verifications(conn, list(ids), today)
            append_entry(conn, actor=actor, action="purge", verification_id=None, changes=changes)
        log.info("purged %d verifications", len(ids))
        return len(ids)

    @staticmethod
    def _delete_verifications(conn: Connection, ids: list[int], today: dt.date) -> list[tuple[str, int, Any]]:
        """Delete verifications and their rows; then the matters nothing keeps any more (no verification
        left and past their own retention) with their parties and meetings; then the clients nothing
        refers to."""
        marks = ",".join(str(int(i)) for i in ids)
        changes: list[tuple[str, int, Any]] = []
        for table in CHILD_TABLES:
            found = conn.exec_driver_sql(f"SELECT id FROM {table} WHERE verification_id IN ({marks})").all()
            changes.extend((table, int(r[0]), "delete") for r in found)
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE verification_id IN ({marks})")
        parents = conn.exec_driver_sql(
            f"SELECT client_id, subject_id, matter_id FROM verifications WHERE id IN ({marks})"
        ).all()
        conn.exec_driver_sql(f"DELETE FROM verifications WHERE id IN ({marks})")
        changes.extend(("verifications", int(i), "delete") for i in ids)
        clients = {int(c) for p in parents for c in p[:2]}
        matters = {int(p[2]) for p in parents if p[2] is not None}
        for matter_id in sorted(matters):
            used = conn.exec_driver_sql("SELECT 1 FROM verifications WHERE matter_id = ? LIMIT 1", (matter_id,))
            ended = conn.exec_driver_sql("SELECT ended_on FROM matters WHERE id = ?", (matter_id,)).scalar()
            kept = ended is None or not past_retention(
                add_years(dt.date.fromisoformat(str(ended)), PROFESSIONAL_YEARS), today
            )
            if used.first() is not None or kept:
                continue
            clients |= RecordStore._delete_matter(conn, matter_id, changes)
        for client_id in sorted(clients):
            used = conn.exec_driver_sql(
                "SELECT 1 FROM verifications WHERE client_id = ? OR subject_id = ? "
                "UNION ALL SELECT 1 FROM matters WHERE client_id = ? "
                "UNION ALL SELECT 1 FROM matter_parties WHERE client_id = ? "
                "UNION ALL SELECT 1 FROM meeting_attendees WHERE client_id = ? LIMIT 1",
                (client_id, client_id, client_id, client_id, client_id),
            )
            if used.first() is None:
                conn.exec_driver_sql("DELETE FROM name_search WHERE client_id = ?", (client_id,))
                conn.exec_driver_sql("DELETE FROM clients WHERE id = ?", (client_id,))
                changes.append(("clients", client_id, "delete"))
        return changes

    @staticmethod
    def _delete_matter(conn: Connection, matter_id: int, changes: list[tuple[str, int, Any]]) -> set[int]:
        """Delete a matter with its parties, meetings and remaining rows; returns the clients it named."""
        named = {int(r[0]) for r in conn.exec_driver_sql(
            "SELECT client_id FROM matter_parties WHERE matter_id = ? UNION SELECT client_id FROM meeting_attendees"
            " WHERE meeting_id IN (SELECT id FROM meetings WHERE matter_id = ?)", (matter_id, matter_id))}
        meetings = "(SELECT id FROM meetings WHERE matter_id = ?)"
        for table, where in (
            ("meeting_verifications", f"meeting_id IN {meetings}"),
            ("meeting_attendees", f"meeting_id IN {meetings}"),
            ("meetings", "matter_id = ?"),
            ("matter_parties", "matter_id = ?"),
            ("transaction_records", "matter_id = ?"),
        ):
            found = conn.exec_driver_sql(f"SELECT id FROM {table} WHERE {where}", (matter_id,)).all()
            changes.extend((table, int(r[0]), "delete") for r in found)
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE {where}", (matter_id,))
        named.add(int(conn.exec_driver_sql("SELECT client_id FROM matters WHERE id = ?", (matter_id,)).scalar_one()))
        conn.exec_driver_sql("DELETE FROM matters WHERE id = ?", (matter_id,))
        changes.append(("matters", matter_id, "delete"))
        return named

    # --- integrity -----------------------------------------------------------------------------------

    @translate_errors
    def verify_audit(self) -> AuditResult:
        """Check the audit chain and every row against it (see :mod:`.audit`)."""
        with self._engine.connect() as conn:
            return verify_audit(conn)

    @translate_errors
    def integrity_check(self) -> list[str]:
        """SQLite's ``PRAGMA integrity_check`` plus foreign keys; an empty list means the file is sound."""
        with self._engine.connect() as conn:
            problems = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check") if r[0] != "ok"]
            problems += [f"foreign key: {r[0]} row {r[1]}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")]
        return problems


def store_exists(folder: Path | None = None) -> bool:
    """True when a record store (or part of one) is in ``folder`` (default: this desk's)."""
    return _location(folder).exists()
