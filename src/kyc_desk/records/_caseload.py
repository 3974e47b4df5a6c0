"""The caseload part of the record store: clients, matters with their parties, 取引記録 per matter, and
meetings (面談カード・面談記録). Mixed into :class:`~kyc_desk.records.store.RecordStore`; callers use it
through the store.

Every change runs in one write transaction with its audit entry, as in the rest of the store. Matters are
not tied to one client: a matter has parties (clients with roles); ``matters.client_id`` keeps the client
it was opened for (its first party).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kyc_desk.jp.text import fold
from kyc_desk.jp.time import legal_date
from kyc_desk.records import _convert as conv
from kyc_desk.records._db import translate_errors
from kyc_desk.records._orm import (
    ClientRow,
    MatterPartyRow,
    MatterRow,
    MeetingAttendeeRow,
    MeetingRow,
    MeetingVerificationRow,
    NameSearchRow,
    TransactionRow,
    VerificationRow,
)
from kyc_desk.records._rules import aware, now, require
from kyc_desk.records.audit import append_entry
from kyc_desk.records.errors import InvalidRecord, RecordNotFound
from kyc_desk.records.legal import PROFESSIONAL_YEARS, add_years, retention_until
from kyc_desk.records.model import (
    Client,
    ClientKind,
    ClientQuery,
    Confirmed,
    Matter,
    MatterQuery,
    MatterRecord,
    MeetingMode,
    MeetingQuery,
    MeetingRecord,
    MeetingStatus,
    NewMeeting,
    Party,
    PartyRole,
    Person,
    StoredParty,
    StoredTransaction,
    TransactionEntry,
)

Change = tuple[str, int, Any]


def refresh_retention(session: Session, row: VerificationRow) -> None:
    """Recompute a verification's last day of retention from its date, its 取引記録 and those of its matter,
    and its matter's end (:func:`~kyc_desk.records.legal.retention_until`)."""
    matter = session.get(MatterRow, row.matter_id) if row.matter_id is not None else None
    dates = [t.transacted_on for t in row.transactions]
    if matter is not None:
        dates += session.scalars(
            select(TransactionRow.transacted_on).where(TransactionRow.matter_id == matter.id)
        ).all()
    row.retention_until = retention_until(
        verified_on=row.verified_on,
        transaction_dates=tuple(dates),
        matter_ended_on=matter.ended_on if matter is not None else None,
    )


_NAMES_JA = {"client": "依頼者等", "matter": "事件", "meeting": "面談", "verification": "本人確認記録"}


def _not_found(what: str, number: int) -> RecordNotFound:
    what_ja = _NAMES_JA[what]
    return RecordNotFound(f"no {what} {number}", ja=f"該当する{what_ja}がありません（番号 {number}）。")


def _client(session: Session, client_id: int) -> ClientRow:
    row = session.get(ClientRow, client_id)
    if row is None:
        raise _not_found("client", client_id)
    return row


def _matter(session: Session, matter_id: int) -> MatterRow:
    row = session.get(MatterRow, matter_id)
    if row is None:
        raise _not_found("matter", matter_id)
    return row


def _check_party(party: Party) -> None:
    if party.role is PartyRole.OTHER and not (party.role_note or "").strip():
        raise InvalidRecord("a party with role 'other' needs a note", ja="「その他」の立場には内容を入力してください。")


def _check_matter(matter: Matter) -> None:
    require(matter.title, "title")
    require(matter.kind, "kind")
    if matter.ended_on is not None and matter.ended_on < matter.opened_on:
        raise InvalidRecord("the matter ends before it opens", ja="事件の終了日が受任日より前です。")


def _check_meeting(meeting: NewMeeting) -> None:
    aware(meeting.starts_at, "meeting start")
    if meeting.ends_at is not None:
        aware(meeting.ends_at, "meeting end")
        if meeting.ends_at <= meeting.starts_at:
            raise InvalidRecord("the meeting ends before it starts", ja="面談の終了時刻が開始時刻より前です。")
    if meeting.url:
        parts = urlsplit(meeting.url)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise InvalidRecord("the meeting URL is not a web address", ja="会議のURLが正しくありません（https://…）。")
    if meeting.confirmed and meeting.status is not MeetingStatus.HELD:
        raise InvalidRecord(
            "what a meeting confirmed can be recorded only once it was held",
            ja="人・物・意思の確認は、実施済みの面談にだけ記録できます。",
        )
    if meeting.verifications and meeting.status is MeetingStatus.CANCELLED:
        raise InvalidRecord(
            "a cancelled meeting has no verifications", ja="中止した面談に本人確認記録は結び付けられません。"
        )
    for party in meeting.attendees:
        _check_party(party)
    if any(not name.strip() for name in meeting.staff):
        raise InvalidRecord("an empty staff name", ja="同席した職員の名前が空です。")


def _json_list(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


class CaseloadStore:
    """Clients, matters, 取引記録 per matter and meetings (mixed into the record store)."""

    _engine: Engine
    _writer: Engine

    # --- clients -------------------------------------------------------------------------------------

    @translate_errors
    def add_client(self, person: Person, *, actor: str) -> Client:
        """Store a client, representative or agent on its own (e.g. a party before any verification)."""
        require(person.name, "name")
        with Session(self._writer) as session, session.begin():
            row = self._new_client(session, person)
            append_entry(session.connection(), actor=actor, action="add_client", verification_id=None,
                         changes=[("clients", row.id, "insert")])
            return conv.client_of(row)

    @staticmethod
    def _new_client(session: Session, person: Person) -> ClientRow:
        row = conv.client_row(person, now())
        session.add(row)
        session.flush()
        session.add_all(NameSearchRow(key=key, client_id=row.id) for key in conv.search_keys(row.name_key))
        return row

    @translate_errors
    def edit_client(self, client_id: int, person: Person, *, actor: str) -> Client:
        """Correct a client's details (the search index follows). Audited; the kind cannot change."""
        require(person.name, "name")
        with Session(self._writer) as session, session.begin():
            row = _client(session, client_id)
            if row.kind != person.kind.value:
                raise InvalidRecord("a client's kind cannot change", ja="個人・法人の区別は変更できません。")
            row.name, row.name_kana, row.birth_date = person.name, person.name_kana, person.birth_date
            row.address, row.occupation = person.address, person.occupation
            row.name_key = conv.name_key(person)
            session.query(NameSearchRow).filter(NameSearchRow.client_id == client_id).delete()
            session.add_all(NameSearchRow(key=key, client_id=client_id) for key in conv.search_keys(row.name_key))
            session.flush()
            append_entry(session.connection(), actor=actor, action="edit_client", verification_id=None,
                         changes=[("clients", client_id, "update")])
            return conv.client_of(row)

    @translate_errors
    def get_client(self, client_id: int) -> Client:
        """The client; :class:`RecordNotFound` if there is none."""
        with Session(self._engine) as session:
            return conv.client_of(_client(session, client_id))

    @translate_errors
    def find_clients(self, query: ClientQuery) -> list[Client]:
        """Clients matching every given field, by name (folded, anywhere in name or kana)."""
        with Session(self._engine) as session:
            stmt = select(ClientRow)
            key = fold(query.name) if query.name else ""
            if key:
                prefix = key[: conv.SUFFIX_CHARS]
                stmt = stmt.where(
                    ClientRow.id.in_(
                        select(NameSearchRow.client_id).where(
                            NameSearchRow.key >= prefix, NameSearchRow.key < prefix + "\U0010ffff"
                        )
                    ),
                    ClientRow.name_key.contains(key, autoescape=True),
                )
            if query.birth_date is not None:
                stmt = stmt.where(ClientRow.birth_date == query.birth_date)
            if query.kind is not None:
                stmt = stmt.where(ClientRow.kind == query.kind.value)
            stmt = stmt.order_by(ClientRow.id.desc()).limit(query.limit).offset(query.offset)
            return [conv.client_of(r) for r in session.scalars(stmt)]

    @translate_errors
    def find_existing_clients(self, person: Person) -> list[Client]:
        """Clients already stored as this person: the same folded name and birth date (an individual), or
        the same folded name and head-office address (a company). Empty without a birth date or address:
        a name alone does not identify anyone."""
        name = fold(person.name) + conv.NAME_KEY_SEPARATOR
        with Session(self._engine) as session:
            stmt = select(ClientRow).where(ClientRow.kind == person.kind.value)
            stmt = stmt.where(ClientRow.name_key.startswith(name, autoescape=True))
            if person.kind is ClientKind.INDIVIDUAL:
                if person.birth_date is None:
                    return []
                stmt = stmt.where(ClientRow.birth_date == person.birth_date)
            else:
                if not person.address:
                    return []
                rows = [r for r in session.scalars(stmt) if fold(r.address or "") == fold(person.address)]
                return [conv.client_of(r) for r in rows]
            return [conv.client_of(r) for r in session.scalars(stmt.order_by(ClientRow.id))]

    # --- matters -------------------------------------------------------------------------------------

    @translate_errors
    def create_matter(
        self, matter: Matter, parties: Sequence[Party], *, actor: str, note: str | None = None
    ) -> MatterRecord:
        """Open a matter with its parties (at least one: the first is the client it is opened for)."""
        _check_matter(matter)
        if not parties:
            raise InvalidRecord("a matter needs at least one party", ja="事件には依頼者等を1人以上登録してください。")
        for party in parties:
            _check_party(party)
        with Session(self._writer) as session, session.begin():
            for party in parties:
                _client(session, party.client_id)
            row = conv.matter_row(matter, parties[0].client_id)
            row.note = note
            session.add(row)
            session.flush()
            changes: list[Change] = [("matters", row.id, "insert")]
            changes += self._add_parties(session, row.id, parties)
            append_entry(session.connection(), actor=actor, action="create_matter", verification_id=None,
                         changes=changes)
            return self._matter_record(session, row)

    @staticmethod
    def _add_parties(session: Session, matter_id: int, parties: Sequence[Party]) -> list[Change]:
        rows = [MatterPartyRow(matter_id=matter_id, client_id=p.client_id, role=p.role.value, role_note=p.role_note)
                for p in parties]
        session.add_all(rows)
        session.flush()
        return [("matter_parties", r.id, "insert") for r in rows]

    @translate_errors
    def edit_matter(self, matter_id: int, matter: Matter, *, actor: str, note: str | None = None) -> MatterRecord:
        """Change a matter's title, kind, reference, dates and note; a changed end date recomputes the
        retention of its records. Audited."""
        _check_matter(matter)
        with Session(self._writer) as session, session.begin():
            row = _matter(session, matter_id)
            row.title, row.kind, row.reference = matter.title, matter.kind, matter.reference
            row.opened_on, row.ended_on, row.note = matter.opened_on, matter.ended_on, note
            changes: list[Change] = [("matters", matter_id, "update")]
            changes += self._refresh_matter(session, matter_id)
            append_entry(session.connection(), actor=actor, action="edit_matter", verification_id=None,
                         changes=changes)
            return self._matter_record(session, row)

    @translate_errors
    def close_matter(self, matter_id: int, ended_on: dt.date, *, actor: str) -> MatterRecord:
        """Enter the end date of a matter (終了日); the 10-year retention starts from it. Audited."""
        with Session(self._writer) as session, session.begin():
            row = _matter(session, matter_id)
            if ended_on < row.opened_on:
                raise InvalidRecord("the matter ends before it opens", ja="事件の終了日が受任日より前です。")
            row.ended_on = ended_on
            changes: list[Change] = [("matters", matter_id, "update")]
            changes += self._refresh_matter(session, matter_id)
            append_entry(session.connection(), actor=actor, action="end_matter", verification_id=None,
                         changes=changes)
            return self._matter_record(session, row)

    @staticmethod
    def _refresh_matter(session: Session, matter_id: int) -> list[Change]:
        session.flush()
        changes: list[Change] = []
        for row in session.scalars(select(VerificationRow).where(VerificationRow.matter_id == matter_id)):
            refresh_retention(session, row)
            changes.append(("verifications", row.id, "update"))
        session.flush()
        return changes

    @translate_errors
    def add_party(self, matter_id: int, party: Party, *, actor: str) -> MatterRecord:
        """Add a client to a matter in a role. Audited."""
        _check_party(party)
        with Session(self._writer) as session, session.begin():
            row = _matter(session, matter_id)
            _client(session, party.client_id)
            exists = session.scalars(select(MatterPartyRow).where(
                MatterPartyRow.matter_id == matter_id, MatterPartyRow.client_id == party.client_id,
                MatterPartyRow.role == party.role.value)).first()
            if exists is not None:
                raise InvalidRecord("the client already has this role in the matter",
                                    ja="この依頼者等は既にこの立場で事件に登録されています。")
            changes = self._add_parties(session, matter_id, [party])
            append_entry(session.connection(), actor=actor, action="add_party", verification_id=None,
                         changes=changes)
            return self._matter_record(session, row)

    @translate_errors
    def remove_party(self, matter_id: int, client_id: int, role: PartyRole, *, actor: str) -> MatterRecord:
        """Remove a client's role from a matter (the last party stays: a matter always has one). Audited."""
        with Session(self._writer) as session, session.begin():
            row = _matter(session, matter_id)
            parties = session.scalars(select(MatterPartyRow).where(MatterPartyRow.matter_id == matter_id)).all()
            found = [p for p in parties if p.client_id == client_id and p.role == role.value]
            if not found:
                raise RecordNotFound("no such party in the matter", ja="事件にこの関係者は登録されていません。")
            if len(parties) == 1:
                raise InvalidRecord("a matter keeps at least one party", ja="事件には依頼者等が1人以上必要です。")
            session.delete(found[0])
            session.flush()
            append_entry(session.connection(), actor=actor, action="remove_party", verification_id=None,
                         changes=[("matter_parties", found[0].id, "delete")])
            return self._matter_record(session, row)

    @translate_errors
    def get_matter(self, matter_id: int) -> MatterRecord:
        """The matter with its parties; :class:`RecordNotFound` if there is none."""
        with Session(self._engine) as session:
            return self._matter_record(session, _matter(session, matter_id))

    @translate_errors
    def list_matters(self, query: MatterQuery) -> list[MatterRecord]:
        """Matters matching every given field, newest first. ``text`` is folded and matched anywhere in
        the title or the reference."""
        with Session(self._engine) as session:
            stmt = select(MatterRow)
            if query.client_id is not None:
                stmt = stmt.where(MatterRow.id.in_(
                    select(MatterPartyRow.matter_id).where(MatterPartyRow.client_id == query.client_id)))
            if query.open_only:
                stmt = stmt.where(MatterRow.ended_on.is_(None))
            if query.kind:
                stmt = stmt.where(MatterRow.kind == query.kind)
            stmt = stmt.order_by(MatterRow.opened_on.desc(), MatterRow.id.desc())
            rows = list(session.scalars(stmt))
            if query.text:
                key = fold(query.text)
                rows = [r for r in rows if key in fold(r.title) or key in fold(r.reference or "")]
            page = rows[query.offset :] if query.limit < 0 else rows[query.offset : query.offset + query.limit]
            return [self._matter_record(session, r) for r in page]

    @staticmethod
    def _matter_record(session: Session, row: MatterRow) -> MatterRecord:
        parties = session.scalars(
            select(MatterPartyRow).where(MatterPartyRow.matter_id == row.id).order_by(MatterPartyRow.id)
        ).all()
        stored = tuple(
            StoredParty(conv.client_of(_client(session, p.client_id)), PartyRole(p.role), p.role_note) for p in parties
        )
        until: dt.date | None = None
        if row.ended_on is not None:
            kept = session.scalars(
                select(VerificationRow.retention_until).where(VerificationRow.matter_id == row.id)
            ).all()
            until = max([add_years(row.ended_on, PROFESSIONAL_YEARS), *(d for d in kept if d is not None)])
        base = conv.matter_of(row)
        return MatterRecord(base.id, base.client_id, base.matter, stored, row.note, until)

    # --- 取引記録 -------------------------------------------------------------------------------------

    @translate_errors
    def add_matter_transaction(
        self, matter_id: int, entry: TransactionEntry, *, verification_id: int, actor: str
    ) -> StoredTransaction:
        """Add a 取引記録 to a matter. ``verification_id`` is the 確認記録 it refers to (規則24条: the key to
        find it), which must belong to the matter. The retention of the matter's records is recomputed."""
        require(entry.kind, "kind")
        with Session(self._writer) as session, session.begin():
            _matter(session, matter_id)
            verification = session.get(VerificationRow, verification_id)
            if verification is None:
                raise _not_found("verification", verification_id)
            if verification.matter_id != matter_id:
                raise InvalidRecord("the verification belongs to another matter",
                                    ja="指定の本人確認記録はこの事件のものではありません。")
            row = conv.transaction_row(entry)
            row.matter_id = matter_id
            verification.transactions.append(row)
            session.flush()
            changes: list[Change] = [("transaction_records", row.id, "insert")]
            changes += self._refresh_matter(session, matter_id)
            append_entry(session.connection(), actor=actor, action="add_transaction", verification_id=verification_id,
                         changes=changes)
            return StoredTransaction(row.id, matter_id, verification_id, entry)

    @translate_errors
    def matter_transactions(self, matter_id: int) -> list[StoredTransaction]:
        """The 取引記録 of a matter: those entered for it and those of its verifications, oldest first."""
        with Session(self._engine) as session:
            _matter(session, matter_id)
            ids = select(VerificationRow.id).where(VerificationRow.matter_id == matter_id)
            rows = session.scalars(
                select(TransactionRow)
                .where((TransactionRow.matter_id == matter_id) | TransactionRow.verification_id.in_(ids))
                .order_by(TransactionRow.transacted_on, TransactionRow.id)
            ).all()
            return [
                StoredTransaction(r.id, matter_id, r.verification_id, conv.transaction_of(r)) for r in rows
            ]

    # --- meetings ------------------------------------------------------------------------------------

    @translate_errors
    def add_meeting(self, meeting: NewMeeting, *, actor: str) -> MeetingRecord:
        """Store a meeting card (planned, held or cancelled) with its people and links. Audited."""
        _check_meeting(meeting)
        with Session(self._writer) as session, session.begin():
            stamp = now()
            row = MeetingRow(created_at=stamp)
            changes = self._fill_meeting(session, row, meeting, stamp, insert=True)
            append_entry(session.connection(), actor=actor, action="add_meeting", verification_id=None,
                         changes=changes)
            return self._meeting_record(session, row)

    @translate_errors
    def edit_meeting(self, meeting_id: int, meeting: NewMeeting, *, actor: str) -> MeetingRecord:
        """Replace everything of a meeting card with ``meeting`` (people and links included). Audited."""
        _check_meeting(meeting)
        with Session(self._writer) as session, session.begin():
            row = self._meeting_row(session, meeting_id)
            changes = self._fill_meeting(session, row, meeting, now(), insert=False)
            append_entry(session.connection(), actor=actor, action="edit_meeting", verification_id=None,
                         changes=changes)
            return self._meeting_record(session, row)

    @translate_errors
    def set_meeting_status(self, meeting_id: int, status: MeetingStatus, *, actor: str) -> MeetingRecord:
        """Mark a meeting planned, held or cancelled. Audited."""
        current = self.get_meeting(meeting_id)
        return self.edit_meeting(meeting_id, _as_new(current, status=status), actor=actor)

    @translate_errors
    def write_minutes(
        self,
        meeting_id: int,
        *,
        minutes_kind: str,
        minutes: Mapping[str, str],
        confirmed: frozenset[Confirmed],
        actor: str,
        notes: str | None = None,
    ) -> MeetingRecord:
        """Store the minutes (議事録) of a held meeting and what it confirmed (人・物・意思). Audited.

        The section keys are the template's (:mod:`kyc_desk.meetings.minutes`; the application layer
        checks them against the template, the store keeps what it is given)."""
        current = self.get_meeting(meeting_id)
        changed = _as_new(current, minutes_kind=minutes_kind, minutes=dict(minutes), confirmed=confirmed,
                          notes=notes if notes is not None else current.notes)
        return self.edit_meeting(meeting_id, changed, actor=actor)

    @translate_errors
    def link_meeting_verification(self, meeting_id: int, verification_id: int, *, actor: str) -> MeetingRecord:
        """Record that a verification was done at this meeting. Audited."""
        current = self.get_meeting(meeting_id)
        if verification_id in current.verifications:
            return current
        return self.edit_meeting(
            meeting_id, _as_new(current, verifications=(*current.verifications, verification_id)), actor=actor
        )

    @translate_errors
    def get_meeting(self, meeting_id: int) -> MeetingRecord:
        """The meeting with its people and links; :class:`RecordNotFound` if there is none."""
        with Session(self._engine) as session:
            return self._meeting_record(session, self._meeting_row(session, meeting_id))

    @translate_errors
    def list_meetings(self, query: MeetingQuery) -> list[MeetingRecord]:
        """Meetings matching every given field, by start time (soonest first)."""
        with Session(self._engine) as session:
            stmt = select(MeetingRow)
            if query.matter_id is not None:
                stmt = stmt.where(MeetingRow.matter_id == query.matter_id)
            if query.client_id is not None:
                stmt = stmt.where(MeetingRow.id.in_(
                    select(MeetingAttendeeRow.meeting_id).where(MeetingAttendeeRow.client_id == query.client_id)))
            if query.status is not None:
                stmt = stmt.where(MeetingRow.status == query.status.value)
            if query.start_from is not None:
                stmt = stmt.where(MeetingRow.day >= query.start_from)
            if query.start_to is not None:
                stmt = stmt.where(MeetingRow.day <= query.start_to)
            stmt = stmt.order_by(MeetingRow.day, MeetingRow.starts_at, MeetingRow.id)
            rows = session.scalars(stmt.limit(query.limit).offset(query.offset)).all()
            return [self._meeting_record(session, r) for r in rows]

    @staticmethod
    def _meeting_row(session: Session, meeting_id: int) -> MeetingRow:
        row = session.get(MeetingRow, meeting_id)
        if row is None:
            raise _not_found("meeting", meeting_id)
        return row

    @staticmethod
    def _fill_meeting(
        session: Session, row: MeetingRow, meeting: NewMeeting, stamp: dt.datetime, *, insert: bool
    ) -> list[Change]:
        if meeting.matter_id is not None:
            _matter(session, meeting.matter_id)
        for party in meeting.attendees:
            _client(session, party.client_id)
        for vid in meeting.verifications:
            if session.get(VerificationRow, vid) is None:
                raise _not_found("verification", vid)
        row.matter_id = meeting.matter_id
        row.starts_at, row.ends_at, row.day = meeting.starts_at, meeting.ends_at, legal_date(meeting.starts_at)
        row.status, row.mode = meeting.status.value, meeting.mode.value
        row.place, row.platform, row.url = meeting.place, meeting.platform, meeting.url
        row.meeting_code, row.passcode = meeting.meeting_code, meeting.passcode
        row.staff = _json_list(meeting.staff)
        row.confirmed = _json_list(sorted(c.value for c in meeting.confirmed))
        row.minutes_kind = meeting.minutes_kind
        row.minutes = json.dumps(dict(meeting.minutes), ensure_ascii=False, sort_keys=True)
        row.notes, row.recorded_by, row.updated_at = meeting.notes, meeting.recorded_by, stamp
        if insert:
            session.add(row)
        session.flush()
        changes: list[Change] = [("meetings", row.id, "insert" if insert else "update")]
        old_people = session.scalars(select(MeetingAttendeeRow).where(MeetingAttendeeRow.meeting_id == row.id)).all()
        old_links = session.scalars(
            select(MeetingVerificationRow).where(MeetingVerificationRow.meeting_id == row.id)
        ).all()
        wanted_people = [(p.client_id, p.role.value, p.role_note) for p in meeting.attendees]
        if [(p.client_id, p.role, p.role_note) for p in old_people] != wanted_people:
            for p in old_people:
                session.delete(p)
                changes.append(("meeting_attendees", p.id, "delete"))
            session.flush()
            people = [MeetingAttendeeRow(meeting_id=row.id, client_id=c, role=r, role_note=n)
                      for c, r, n in wanted_people]
            session.add_all(people)
            session.flush()
            changes += [("meeting_attendees", p.id, "insert") for p in people]
        wanted_links = list(dict.fromkeys(meeting.verifications))
        if [link.verification_id for link in old_links] != wanted_links:
            for link in old_links:
                session.delete(link)
                changes.append(("meeting_verifications", link.id, "delete"))
            session.flush()
            links = [MeetingVerificationRow(meeting_id=row.id, verification_id=v) for v in wanted_links]
            session.add_all(links)
            session.flush()
            changes += [("meeting_verifications", link.id, "insert") for link in links]
        return changes

    @staticmethod
    def _meeting_record(session: Session, row: MeetingRow) -> MeetingRecord:
        people = session.scalars(
            select(MeetingAttendeeRow).where(MeetingAttendeeRow.meeting_id == row.id).order_by(MeetingAttendeeRow.id)
        ).all()
        links = session.scalars(
            select(MeetingVerificationRow.verification_id)
            .where(MeetingVerificationRow.meeting_id == row.id)
            .order_by(MeetingVerificationRow.id)
        ).all()
        return MeetingRecord(
            id=row.id,
            matter_id=row.matter_id,
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            status=MeetingStatus(row.status),
            mode=MeetingMode(row.mode),
            place=row.place,
            platform=row.platform,
            url=row.url,
            meeting_code=row.meeting_code,
            passcode=row.passcode,
            attendees=tuple(
                StoredParty(conv.client_of(_client(session, p.client_id)), PartyRole(p.role), p.role_note)
                for p in people
            ),
            staff=tuple(json.loads(row.staff)),
            confirmed=frozenset(Confirmed(c) for c in json.loads(row.confirmed)),
            minutes_kind=row.minutes_kind,
            minutes=json.loads(row.minutes),
            notes=row.notes,
            verifications=tuple(links),
            recorded_by=row.recorded_by,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def _as_new(record: MeetingRecord, **changes: Any) -> NewMeeting:
    """A stored meeting as the input that would store it again, with ``changes`` applied."""
    values: dict[str, Any] = {
        "starts_at": record.starts_at,
        "matter_id": record.matter_id,
        "ends_at": record.ends_at,
        "status": record.status,
        "mode": record.mode,
        "place": record.place,
        "platform": record.platform,
        "url": record.url,
        "meeting_code": record.meeting_code,
        "passcode": record.passcode,
        "attendees": tuple(Party(p.client.id, p.role, p.role_note) for p in record.attendees),
        "staff": record.staff,
        "confirmed": record.confirmed,
        "minutes_kind": record.minutes_kind,
        "minutes": record.minutes,
        "notes": record.notes,
        "verifications": record.verifications,
        "recorded_by": record.recorded_by,
    }
    values.update(changes)
    return NewMeeting(**values)


def meeting_as_new(record: MeetingRecord, **changes: Any) -> NewMeeting:
    """The public form of :func:`_as_new`: edit a stored meeting by changing some of its fields."""
    return _as_new(record, **changes)
