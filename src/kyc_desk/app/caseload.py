"""The caseload as the window and the CLI use it: clients, verifications by every method, matters, 取引記録
and meetings — one way for both, Qt-free.

:class:`CaseloadService` sits on the record store (:class:`~kyc_desk.records.store.RecordStore`) and adds
what the store cannot know: the office's operators from the settings (確認者, 記録作成者, 判断者 and the
staff at a meeting are chosen from them), the minutes templates of :mod:`kyc_desk.meetings.minutes` (a
meeting's minutes use the template's section keys), and the invitation reader of
:mod:`kyc_desk.meetings.parse` (paste to fill). The rules of the records themselves (methods by date,
documents, the split decision, high risk) stay in the records layer, so the store refuses a bad record
whoever calls it.

Every call returns the records layer's frozen dataclasses; every change is audited under ``actor()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kyc_desk.errors import KycDeskError
from kyc_desk.settings import Operator

if TYPE_CHECKING:
    from kyc_desk.meetings.invite import Invitation
    from kyc_desk.meetings.parse import ParsedInvitation
    from kyc_desk.records.legal import DocumentKind, Method, MethodRule
    from kyc_desk.records.model import (
        Client,
        ClientQuery,
        Confirmed,
        DocumentEntry,
        EngagementDecision,
        HighRisk,
        IdentityConclusion,
        MailOutcome,
        Matter,
        MatterQuery,
        MatterRecord,
        MeetingQuery,
        MeetingRecord,
        MeetingStatus,
        NewMeeting,
        NewVerification,
        Party,
        PartyRole,
        Person,
        SearchQuery,
        StoredTransaction,
        TransactionEntry,
        VerificationRecord,
        VerificationSummary,
    )
    from kyc_desk.records.store import RecordStore
    from kyc_desk.verify.card_link import CardLink


class OperatorNotListed(KycDeskError):
    """A name given as 確認者, 記録作成者, 判断者 or staff is not one of the office's operators."""

    default_ja = "担当者一覧（設定）にない名前です。設定で担当者を登録してから選んでください。"


class MinutesMismatch(KycDeskError):
    """Minutes written with sections the matter kind's template does not have."""

    default_ja = "議事録の項目がテンプレートと合いません。"


class MeetingIncomplete(KycDeskError):
    """An invitation was asked for a meeting card without its end time (the mail states the time range)."""

    default_ja = "面談の終了時刻が入力されていません。案内を作る前に入力してください。"


@dataclass(frozen=True)
class MethodChoice:
    """A method the office may use on a day, with what the form must ask for (the window's method step)."""

    method: Method
    rule: MethodRule
    #: The document kinds that can serve as its identity documents, in table order.
    document_kinds: tuple[DocumentKind, ...]


class CaseloadService:
    """Clients, verifications, matters, 取引記録 and meetings for the window and the CLI.

    ``store`` returns the open record store (the window's :meth:`RecordsService.store`, the CLI's opened
    store); ``operators`` the office's operators (settings); ``actor`` who is at the desk (the audit
    actor). With no operators in the settings any non-empty name is accepted, so a desk set up before
    the list existed keeps working; once the list has names, only they are.
    """

    def __init__(
        self,
        store: Callable[[], RecordStore],
        *,
        operators: Callable[[], Sequence[Operator]],
        actor: Callable[[], str],
    ) -> None:
        self._store = store
        self._operators = operators
        self._actor = actor

    # --- operators -----------------------------------------------------------------------------------

    def operators(self) -> tuple[Operator, ...]:
        """The office's operators (settings), in the order the office listed them."""
        return tuple(self._operators())

    def check_operator(self, name: str, what_ja: str) -> None:
        """Raise :class:`OperatorNotListed` unless ``name`` is one of the operators (any name while the
        list is empty)."""
        listed = self.operators()
        if not name.strip():
            raise OperatorNotListed(f"{what_ja} is empty", ja=f"{what_ja}を選んでください。")
        if listed and name not in {o.name for o in listed}:
            raise OperatorNotListed(
                f"{what_ja} is not a listed operator", ja=f"{what_ja}は担当者一覧から選んでください。"
            )

    # --- methods and documents -----------------------------------------------------------------------

    @staticmethod
    def methods_on(day: dt.date, *, face_to_face: bool | None = None) -> tuple[MethodChoice, ...]:
        """The methods that may be used on ``day`` (Japan calendar day), face to face or remote, with the
        document kinds each can take — what the method step offers."""
        from kyc_desk.records.legal import DOCUMENT_KINDS, allowed_methods

        choices = []
        for method in allowed_methods(day):
            rule = method.rule
            if face_to_face is not None and rule.face_to_face != face_to_face:
                continue
            categories = {cat for need in rule.documents for cat, _n in need}
            kinds = tuple(k for k in DOCUMENT_KINDS.values() if k.category in categories)
            choices.append(MethodChoice(method, rule, kinds))
        return tuple(choices)

    # --- clients -------------------------------------------------------------------------------------

    def find_existing(self, person: Person) -> list[Client]:
        """Clients already stored as this person (name + birth date; a company by name + address)."""
        return self._store().find_existing_clients(person)

    def find_by_card(self, link: CardLink) -> list[Client]:
        """The people earlier verifications proved with this card, newest first."""
        store = self._store()
        seen: dict[int, Client] = {}
        for summary in store.find_by_card(link):
            record = store.get(summary.id)
            seen.setdefault(record.subject.id, record.subject)
        return list(seen.values())

    def reuse_or_new(self, person: Person) -> Person | int:
        """The id of the one stored client this person already is, else the person (a new row on save).
        Several candidates are not guessed between: the person is returned and the window asks."""
        found = self.find_existing(person)
        return found[0].id if len(found) == 1 else person

    def add_client(self, person: Person) -> Client:
        return self._store().add_client(person, actor=self._actor())

    def edit_client(self, client_id: int, person: Person) -> Client:
        return self._store().edit_client(client_id, person, actor=self._actor())

    def get_client(self, client_id: int) -> Client:
        return self._store().get_client(client_id)

    def find_clients(self, query: ClientQuery) -> list[Client]:
        return self._store().find_clients(query)

    # --- verifications -------------------------------------------------------------------------------

    def save_verification(self, new: NewVerification) -> VerificationRecord:
        """Save a verification by any method; 確認者, 記録作成者 and the deciders must be operators."""
        self.check_operator(new.checked_by, "確認者")
        self.check_operator(new.recorded_by, "記録作成者")
        if new.identity is not None:
            self.check_operator(new.identity.decided_by, "本人確認の判断者")
        if new.engagement is not None:
            self.check_operator(new.engagement.decided_by, "受任の判断者")
        return self._store().save_verification(new, actor=self._actor())

    def gaps(self, verification_id: int) -> tuple[str, ...]:
        """What a stored verification is missing, failed or did not do (each needs a reason to confirm)."""
        from kyc_desk.records.store import record_gaps

        return record_gaps(self._store().get(verification_id))

    @staticmethod
    def gaps_for(new: NewVerification) -> tuple[str, ...]:
        """What a verification about to be saved is missing, failed or did not do — the rows the decision
        step asks a reason for before 確認済み can be chosen."""
        from kyc_desk.records.store import new_gaps

        return new_gaps(new)

    def conclude_identity(self, verification_id: int, conclusion: IdentityConclusion) -> VerificationRecord:
        """本人確認の結果 (確認済み / 確認できず / 追加確認が必要) with the reasons its gaps need."""
        self.check_operator(conclusion.decided_by, "本人確認の判断者")
        return self._store().set_identity(verification_id, conclusion, actor=self._actor())

    def decide_engagement(self, verification_id: int, decision: EngagementDecision) -> VerificationRecord:
        """受任の判断 (accepting needs the identity 確認済み)."""
        self.check_operator(decision.decided_by, "受任の判断者")
        return self._store().set_engagement(verification_id, decision, actor=self._actor())

    def decide(
        self, verification_id: int, conclusion: IdentityConclusion, engagement: EngagementDecision
    ) -> VerificationRecord:
        """本人確認の結果 and 受任の判断 saved together: both or neither (a review's one 保存)."""
        self.check_operator(conclusion.decided_by, "本人確認の判断者")
        self.check_operator(engagement.decided_by, "受任の判断者")
        return self._store().decide(verification_id, conclusion, engagement, actor=self._actor())

    def record_mail_outcome(self, verification_id: int, outcome: MailOutcome, on: dt.date) -> VerificationRecord:
        """What became of the 転送不要郵便 (a return takes 確認済み back to 追加確認が必要)."""
        return self._store().record_mail_outcome(verification_id, outcome, on, actor=self._actor())

    def flag_high_risk(
        self, verification_id: int, high_risk: HighRisk, additional: Sequence[DocumentEntry] = ()
    ) -> VerificationRecord:
        """Flag a verification high-risk (法4条2項) with the additional documents confirmed."""
        return self._store().set_high_risk(verification_id, high_risk, additional=additional, actor=self._actor())

    def get(self, verification_id: int) -> VerificationRecord:
        return self._store().get(verification_id)

    def search(self, query: SearchQuery) -> list[VerificationSummary]:
        return self._store().search(query)

    # --- matters -------------------------------------------------------------------------------------

    def create_matter(self, matter: Matter, parties: Sequence[Party], note: str | None = None) -> MatterRecord:
        """Open a matter; a kind given by a minutes template's name (不動産売買 …) is stored as its key."""
        return self._store().create_matter(_kind_key(matter), parties, note=note, actor=self._actor())

    def edit_matter(self, matter_id: int, matter: Matter, note: str | None = None) -> MatterRecord:
        """Change a matter (the note is replaced too: pass the current one to keep it)."""
        return self._store().edit_matter(matter_id, _kind_key(matter), note=note, actor=self._actor())

    def close_matter(self, matter_id: int, ended_on: dt.date) -> MatterRecord:
        """Close with the end date; the retention (10 years from the end) is recomputed and returned."""
        return self._store().close_matter(matter_id, ended_on, actor=self._actor())

    def add_party(self, matter_id: int, party: Party) -> MatterRecord:
        return self._store().add_party(matter_id, party, actor=self._actor())

    def remove_party(self, matter_id: int, client_id: int, role: PartyRole) -> MatterRecord:
        return self._store().remove_party(matter_id, client_id, role, actor=self._actor())

    def get_matter(self, matter_id: int) -> MatterRecord:
        return self._store().get_matter(matter_id)

    def list_matters(self, query: MatterQuery) -> list[MatterRecord]:
        return self._store().list_matters(query)

    def matter_verifications(self, matter_id: int) -> list[VerificationSummary]:
        """The verifications of a matter, newest first (search filtered by matter)."""
        from kyc_desk.records.model import SearchQuery

        self._store().get_matter(matter_id)
        return self._store().search(SearchQuery(matter_id=matter_id, limit=-1))

    def add_transaction(self, matter_id: int, entry: TransactionEntry, *, verification_id: int) -> StoredTransaction:
        """A 取引記録 of a matter, referring to its 確認記録."""
        return self._store().add_matter_transaction(
            matter_id, entry, verification_id=verification_id, actor=self._actor()
        )

    def transactions(self, matter_id: int) -> list[StoredTransaction]:
        return self._store().matter_transactions(matter_id)

    # --- meetings ------------------------------------------------------------------------------------

    def _check_meeting(self, meeting: NewMeeting) -> None:
        for name in meeting.staff:
            self.check_operator(name, "同席した職員")
        if meeting.recorded_by:
            self.check_operator(meeting.recorded_by, "記録作成者")
        self._check_minutes(meeting.minutes_kind, meeting.minutes)

    @staticmethod
    def _check_minutes(kind: str | None, minutes: Mapping[str, str]) -> None:
        if not minutes:
            return
        if kind is None:
            raise MinutesMismatch(
                "minutes need their template kind", ja="議事録のテンプレート（事件の種類）を選んでください。"
            )
        from kyc_desk.meetings.minutes import minutes_template

        template = minutes_template(kind)
        known = {s.key for s in template.sections}
        unknown = sorted(set(minutes) - known)
        if unknown:
            raise MinutesMismatch(
                f"sections not in the template {template.kind}: {', '.join(unknown)}",
                ja=f"議事録の項目がテンプレート「{template.ja}」と合いません。",
            )

    def minutes_kind(self, kind: str) -> str:
        """The stored template key for a kind given as a key or its Japanese name (不動産売買 …)."""
        from kyc_desk.meetings.minutes import minutes_template

        return minutes_template(kind).kind

    def add_meeting(self, meeting: NewMeeting) -> MeetingRecord:
        """Store a 面談カード; staff and the recorder must be operators, minutes use the template's sections."""
        meeting = _normal_minutes(meeting, self.minutes_kind)
        self._check_meeting(meeting)
        return self._store().add_meeting(meeting, actor=self._actor())

    def edit_meeting(self, meeting_id: int, meeting: NewMeeting) -> MeetingRecord:
        meeting = _normal_minutes(meeting, self.minutes_kind)
        self._check_meeting(meeting)
        return self._store().edit_meeting(meeting_id, meeting, actor=self._actor())

    def set_meeting_status(self, meeting_id: int, status: MeetingStatus) -> MeetingRecord:
        return self._store().set_meeting_status(meeting_id, status, actor=self._actor())

    def write_minutes(
        self,
        meeting_id: int,
        *,
        kind: str,
        minutes: Mapping[str, str],
        confirmed: frozenset[Confirmed],
        notes: str | None = None,
    ) -> MeetingRecord:
        """The minutes (議事録) of a held meeting against its template, and what it confirmed (人・物・意思)."""
        key = self.minutes_kind(kind)
        self._check_minutes(key, minutes)
        return self._store().write_minutes(
            meeting_id, minutes_kind=key, minutes=minutes, confirmed=confirmed, notes=notes, actor=self._actor()
        )

    def link_verification(self, meeting_id: int, verification_id: int) -> MeetingRecord:
        """Record that a verification was done at this meeting."""
        return self._store().link_meeting_verification(meeting_id, verification_id, actor=self._actor())

    def get_meeting(self, meeting_id: int) -> MeetingRecord:
        return self._store().get_meeting(meeting_id)

    def list_meetings(self, query: MeetingQuery) -> list[MeetingRecord]:
        return self._store().list_meetings(query)

    def invitation_for(
        self,
        meeting_id: int,
        *,
        office_name: str,
        stamp: dt.datetime,
        to: str = "",
        client_name: str | None = None,
        bring: str = "ic_card",
        extra_items: tuple[str, ...] = (),
        verification_link: str = "",
    ) -> Invitation:
        """The invitation mail (.eml with .ics) of a stored meeting card (:mod:`kyc_desk.meetings.invite`).
        The greeting names the first client attending unless ``client_name`` is given; the calendar uid
        is the card's, so a corrected invitation replaces the first in the client's calendar."""
        from kyc_desk.meetings.invite import invitation

        card = self.get_meeting(meeting_id)
        if card.ends_at is None:
            raise MeetingIncomplete("the meeting has no end time")
        name = client_name if client_name is not None else (card.attendees[0].client.person.name
                                                            if card.attendees else "")
        return invitation(
            start=card.starts_at, end=card.ends_at, office_name=office_name, url=card.url or "",
            platform=card.platform, place=card.place or "", meeting_id=card.meeting_code or "",
            passcode=card.passcode or "", bring="documents" if bring == "documents" else "ic_card",
            extra_items=extra_items, verification_link=verification_link, client_name=name, to=to,
            uid=f"kyc-desk-meeting-{card.id}-{int(card.created_at.timestamp() * 1_000_000)}", stamp=stamp,
        )

    @staticmethod
    def meeting_from_invitation(
        text: str, *, reference: dt.date, matter_id: int | None = None
    ) -> tuple[NewMeeting | None, ParsedInvitation]:
        """Paste to fill: the proposed meeting card from an invitation text, and what the reader found
        (its problems name what did not parse). ``None`` when no start time was read: nothing is guessed.
        The window shows the proposal for the scrivener to confirm before :meth:`add_meeting`."""
        from kyc_desk.meetings.parse import parse_invitation
        from kyc_desk.records.model import MeetingMode, NewMeeting

        parsed = parse_invitation(text, reference=reference)
        if parsed.start is None:
            return None, parsed
        online = parsed.url is not None
        proposal = NewMeeting(
            starts_at=parsed.start,
            ends_at=parsed.end,
            matter_id=matter_id,
            mode=MeetingMode.ONLINE if online else MeetingMode.IN_PERSON,
            platform=parsed.platform,
            url=parsed.url,
            meeting_code=parsed.meeting_id,
            passcode=parsed.passcode,
        )
        return proposal, parsed


def _kind_key(matter: Matter) -> Matter:
    """The matter with its kind as the minutes template's key when it names one (不動産売買 →
    ``real_estate_sale``); any other kind is the office's own and kept as given."""
    from kyc_desk.meetings.minutes import UnknownMatterKind, minutes_template

    try:
        return replace(matter, kind=minutes_template(matter.kind).kind)
    except UnknownMatterKind:
        return matter


def _normal_minutes(meeting: NewMeeting, key_of: Callable[[str], str]) -> NewMeeting:
    """The meeting with its minutes kind as the template's stored key (a Japanese name is accepted)."""
    if meeting.minutes_kind is None:
        return meeting
    return replace(meeting, minutes_kind=key_of(meeting.minutes_kind))


def add_operator(name: str, role: str = "scrivener") -> tuple[Operator, ...]:
    """Add one of the office's operators to this desk's settings (a name already listed changes its role);
    returns the list as saved."""
    from kyc_desk.settings import OPERATOR_ROLES, load_settings, save_settings

    name = name.strip()
    if not name:
        raise OperatorNotListed("an operator needs a name", ja="担当者の名前を入力してください。")
    if role not in OPERATOR_ROLES:
        raise OperatorNotListed(
            "unknown operator role", ja="担当者の役割は「司法書士」か「補助者」です。"
        )
    settings = load_settings()
    kept = [o for o in settings.operators if o.name != name]
    position = next((i for i, o in enumerate(settings.operators) if o.name == name), len(kept))
    kept.insert(position, Operator(name, role))
    save_settings(settings.but(operators=tuple(kept)))
    return tuple(kept)


def remove_operator(name: str) -> tuple[Operator, ...]:
    """Remove an operator from this desk's settings (records they made keep their name)."""
    from kyc_desk.settings import load_settings, save_settings

    settings = load_settings()
    kept = tuple(o for o in settings.operators if o.name != name)
    if len(kept) == len(settings.operators):
        raise OperatorNotListed(f"no operator {name!r}", ja="担当者一覧にない名前です。")
    save_settings(settings.but(operators=kept))
    return kept


def desk_caseload(store: Callable[[], RecordStore], actor: Callable[[], str]) -> CaseloadService:
    """The caseload service over ``store`` with the operators of this desk's settings (read on each use,
    so a change in the settings applies at once)."""
    from kyc_desk.settings import load_settings

    return CaseloadService(store, operators=lambda: load_settings().operators, actor=actor)
