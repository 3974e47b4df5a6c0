"""What callers give the record store and what they get back: frozen dataclasses, never ORM objects.

Inputs (``New…``/plain names) describe a verification to save; outputs (``…Record``, :class:`Client`,
:class:`VerificationSummary`) are read back with everything loaded, detached from any database session,
so the UI can pass them between threads and keep them after the store is closed.

Times are timezone-aware :class:`datetime.datetime` (naive ones are refused); dates are
:class:`datetime.date`. Enumerations store their ``value``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from kyc_desk.records.legal import Event, Method
from kyc_desk.verify.card_link import CardLink
from kyc_desk.verify.report import Check


class ClientKind(enum.Enum):
    """個人 / 法人."""

    INDIVIDUAL = "individual"
    COMPANY = "company"


class SubjectRole(enum.Enum):
    """Who was identified: the client in person, a company's representative (代表者), or an agent (代理人)."""

    SELF = "self"
    REPRESENTATIVE = "representative"
    AGENT = "agent"


class Status(enum.Enum):
    """審査状況: imported remote submissions wait for review; a decision closes the review."""

    PENDING_REVIEW = "pending_review"
    DECIDED = "decided"


class Decision(enum.Enum):
    """判断: 受任可 / 受任不可 / 要追加確認."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    FOLLOW_UP = "follow_up"


class EvidenceKind(enum.Enum):
    """証跡の種類."""

    FACE_PHOTO = "face_photo"  # 容貌画像 (selfie or camera at the desk)
    CHIP_PHOTO = "chip_photo"  # ICチップの顔写真
    CHIP_DATA = "chip_data"  # ICチップの読取データ (raw files, signed data)
    CERTIFICATE = "certificate"  # 電子証明書 (JPKI, document signer)
    CARD_IMAGE = "card_image"  # 券面画像 (front, back, thickness)
    DOCUMENT = "document"  # 委任状, 登記事項証明書, 補完書類 …
    OTHER = "other"


class ItemResult(enum.Enum):
    """項目照合の結果."""

    MATCH = "match"
    MISMATCH = "mismatch"
    CORRECTED = "corrected"  # a difference was explained and the record corrected (e.g. a move)
    NOT_CHECKED = "not_checked"


class FaceKind(enum.Enum):
    """顔照合 or 生体検知."""

    MATCH = "match"
    LIVENESS = "liveness"


class FaceVerdict(enum.Enum):
    """Outcome of a face match or liveness check (the human decision stays final)."""

    PASS = "pass"
    FAIL = "fail"
    INCONCLUSIVE = "inconclusive"


class DocumentPurpose(enum.Enum):
    """Why a document is in a record: it identifies the person, the company, shows authority, or is the
    additional document of a high-risk case."""

    IDENTITY = "identity"  # 本人確認書類 (and 補完書類) of the person identified
    COMPANY = "company"  # 法人の本人確認書類
    AUTHORITY = "authority"  # 代表権・代理権 (登記事項証明書, 委任状 …)
    ADDITIONAL = "additional"  # 法4条2項の追加の本人確認書類


class MailOutcome(enum.Enum):
    """What became of a 転送不要郵便 (recorded later, when the office knows)."""

    DELIVERED = "delivered"  # 到達（返送されなかった）
    RETURNED = "returned"  # 返戻（宛所に尋ね当たらず等）


class MatchBasis(enum.Enum):
    """How the person was matched to an earlier verification (規則16条)."""

    CARD_LINK = "card_link"  # 同じカードの電子証明書（カードによる再来確認）
    DOCUMENT_SHOWN = "document_shown"  # 本人確認書類の提示を受けた
    KNOWN_IN_PERSON = "known_in_person"  # 面識がある
    SHARED_SECRET = "shared_secret"  # 顧客等しか知り得ない事項の申告


class RiskReason(enum.Enum):
    """法4条2項: why a transaction is high-risk (the identity is then confirmed again, with more)."""

    IMPERSONATION = "impersonation"  # なりすましの疑い
    FALSE_STATEMENT = "false_statement"  # 本人特定事項を偽っていた疑い
    FOREIGN_PEP = "foreign_pep"  # 外国PEPs（外国の重要な公的地位にある者等）
    SPECIFIED_COUNTRY = "specified_country"  # 特定国等（イラン・北朝鮮）に居住・所在する者との取引


class IdentityResult(enum.Enum):
    """本人確認の結果."""

    CONFIRMED = "confirmed"  # 確認済み
    NOT_CONFIRMED = "not_confirmed"  # 確認できず
    NEEDS_MORE = "needs_more"  # 追加確認が必要


class Engagement(enum.Enum):
    """受任の判断 — separate from the identity result."""

    ACCEPTED = "accepted"  # 受任する
    DECLINED = "declined"  # 受任しない
    PENDING = "pending"  # 保留


class PartyRole(enum.Enum):
    """A client's role in a matter or at a meeting (``OTHER`` with a note for the rest)."""

    CLIENT = "client"  # 依頼者
    SELLER = "seller"  # 売主
    BUYER = "buyer"  # 買主
    HEIR = "heir"  # 相続人
    DECEASED = "deceased"  # 被相続人
    PROMOTER = "promoter"  # 発起人
    OFFICER = "officer"  # 役員
    MORTGAGOR = "mortgagor"  # 設定者
    MORTGAGEE = "mortgagee"  # 抵当権者
    DEBTOR = "debtor"  # 債務者
    REPRESENTATIVE = "representative"  # 代表者
    AGENT = "agent"  # 代理人
    WITNESS = "witness"  # 立会人
    OTHER = "other"


class MeetingStatus(enum.Enum):
    """面談カードの状態."""

    PLANNED = "planned"  # 予定
    HELD = "held"  # 実施済み
    CANCELLED = "cancelled"  # 中止


class MeetingMode(enum.Enum):
    """Where the meeting is: in a place, or online."""

    IN_PERSON = "in_person"
    ONLINE = "online"


class Confirmed(enum.Enum):
    """What a meeting confirmed: 人・物・意思."""

    PERSON = "person"  # 人
    THING = "thing"  # 物
    INTENT = "intent"  # 意思


# --- inputs -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """本人特定事項 of a client, representative or agent (a company uses ``name`` and ``address`` only)."""

    name: str
    kind: ClientKind = ClientKind.INDIVIDUAL
    name_kana: str | None = None
    birth_date: dt.date | None = None
    address: str | None = None
    occupation: str | None = None

    def __repr__(self) -> str:  # personal data stays out of logs and tracebacks
        return f"Person(kind={self.kind.value}, …)"


@dataclass(frozen=True)
class Matter:
    """事件: a new matter saved with the verification (pass a matter id to reuse one)."""

    title: str
    kind: str
    opened_on: dt.date
    reference: str | None = None
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence to store (bytes as captured; encrypted with the database).

    ``label`` names it within its kind, e.g. the chip file key ``"surface.ef0002"`` or the card image
    name ``"front"``.
    """

    kind: EvidenceKind
    media_type: str
    data: bytes = field(repr=False)
    captured_at: dt.datetime | None = None
    label: str | None = None


@dataclass(frozen=True)
class ItemCheck:
    """項目照合: ``item`` (e.g. ``"name"``, ``"address"``, ``"birth_date"``) compared across sources."""

    item: str
    result: ItemResult
    confirmed_by: str
    document_value: str | None = field(default=None, repr=False)
    stated_value: str | None = field(default=None, repr=False)
    #: What the person who confirmed it wrote (their own words, kept as typed).
    note: str | None = None
    #: Why the desk could not compare the item, as a reason code (rendered on display; never a sentence).
    note_reason: str | None = None


class FaceMetric(enum.Enum):
    """What a face result's ``value`` measures, and so which way is better."""

    DISTANCE = "distance"  # embedding distance: lower is more alike; a match at or below the threshold
    SIMILARITY = "similarity"  # higher is more alike; a match at or above the threshold


class FaceSource(enum.Enum):
    """Which image of a verification a stored face embedding was measured on."""

    CHIP_PHOTO = "chip_photo"  # the IC chip's photo (or the document's face image of a remote ホ)
    LIVE_CAPTURE = "live_capture"  # the webcam frame at the desk or the client's selfie


@dataclass(frozen=True, repr=False)
class FaceEmbedding:
    """顔特徴量: one face's embedding as the match engine measured it, for the duplicate-face check.

    Biometric data: stored with its record in the encrypted database, purged with it, never logged or
    exported (``repr`` hides the vector). ``engine`` and ``engine_version`` say which model made it;
    embeddings of different engines are never compared.
    """

    source: FaceSource
    engine: str
    vector: tuple[float, ...]
    engine_version: str | None = None

    def __post_init__(self) -> None:
        if not self.vector:
            raise ValueError("an empty face embedding")

    def __repr__(self) -> str:
        return f"FaceEmbedding({self.source.value}, {self.engine}, {len(self.vector)} dims)"


@dataclass(frozen=True)
class FaceResult:
    """A face match or liveness result, as codes and figures (rendered in the reader's language on display).

    ``value`` is the measured figure in ``metric`` units and ``threshold`` the decision threshold in the
    same units; ``engine`` and ``engine_version`` name what measured it; ``reasons`` are the face layer's
    reason codes (``code@subject``, :mod:`kyc_desk.faces.reasons`). A value without a metric is refused:
    a distance read as a similarity would invert the result.
    """

    kind: FaceKind
    engine: str
    verdict: FaceVerdict
    value: float | None = None
    threshold: float | None = None
    metric: FaceMetric | None = None
    engine_version: str | None = None
    reasons: tuple[str, ...] = ()
    #: The faces the match measured (chip photo, live capture), saved with the record for the
    #: duplicate-face check; not read back with the record (:meth:`RecordStore.face_embeddings` does).
    embeddings: tuple[FaceEmbedding, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.value is not None or self.threshold is not None) and self.metric is None:
            raise ValueError("a face result with a value or threshold must name its metric")


@dataclass(frozen=True)
class DecisionEntry:
    """判断: the decision with its reasons, who made it and when."""

    decision: Decision
    decided_by: str
    decided_at: dt.datetime
    reason: str | None = None


@dataclass(frozen=True)
class TransactionEntry:
    """取引記録 (規則24条): date, kind, value, and where property came from and went."""

    transacted_on: dt.date
    kind: str
    amount_yen: int | None = None
    property_from: str | None = None
    property_to: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MeetingNote:
    """面談記録."""

    written_at: dt.datetime
    author: str
    text: str = field(repr=False)
    place: str | None = None


@dataclass(frozen=True)
class DocumentEntry:
    """One document of a verification: its kind (:data:`~kyc_desk.records.legal.DOCUMENT_KINDS`), why it is
    there, its number, dates, and an optional image (a photo of an ID checked by sight, a scan of a 委任状).

    ``issued_on`` is the date the document bears (the 委任状's date, the certificate's issue date);
    ``expires_on`` its 有効期限.
    """

    kind: str
    purpose: DocumentPurpose = DocumentPurpose.IDENTITY
    number: str | None = field(default=None, repr=False)
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    note: str | None = None
    image: EvidenceItem | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Mailing:
    """転送不要郵便: when the transaction documents were mailed, how, and (later) what became of them."""

    mailed_at: dt.datetime
    tracking_number: str | None = None
    address: str | None = field(default=None, repr=False)
    outcome: MailOutcome | None = None
    outcome_on: dt.date | None = None


@dataclass(frozen=True)
class Reliance:
    """確認済みの顧客等: the earlier verification relied on and how the person was matched to it."""

    verification_id: int
    matched_by: MatchBasis
    note: str | None = None


@dataclass(frozen=True)
class HighRisk:
    """法4条2項: the reasons a transaction is high-risk; the additional document is a
    :class:`DocumentEntry` with purpose ``ADDITIONAL`` in the same record."""

    reasons: tuple[RiskReason, ...]
    note: str | None = None


@dataclass(frozen=True)
class GapReason:
    """Why the identity result stands although a check is missing, failed or was not done.

    ``check`` is the gap's key as :func:`kyc_desk.records.decision.gaps` names it (``face.match``,
    ``item.address``, ``report.surface.signature`` …); ``reason`` the scrivener's words.
    """

    check: str
    reason: str


@dataclass(frozen=True)
class IdentityConclusion:
    """本人確認の結果, who concluded it and when, and a reason for every gap (:mod:`.decision`)."""

    result: IdentityResult
    decided_by: str
    decided_at: dt.datetime
    reasons: tuple[GapReason, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class EngagementDecision:
    """受任の判断: whether the office takes the engagement (separate from the identity result)."""

    engagement: Engagement
    decided_by: str
    decided_at: dt.datetime
    note: str | None = None


@dataclass(frozen=True)
class Party:
    """A client in a matter or at a meeting, with their role (``role_note`` says what ``OTHER`` is)."""

    client_id: int
    role: PartyRole = PartyRole.CLIENT
    role_note: str | None = None


@dataclass(frozen=True)
class NewMeeting:
    """面談カード・面談記録: what the window's meeting card and the CLI give the store.

    ``starts_at`` (and ``ends_at``) are aware, shown in Japan time. ``attendees`` are the clients with their
    roles; ``staff`` the office's operators present; ``confirmed`` what was confirmed (人・物・意思);
    ``minutes`` the filled minutes, section key → text, of the template ``minutes_kind``
    (:mod:`kyc_desk.meetings.minutes`); ``verifications`` the verifications done at the meeting.
    """

    starts_at: dt.datetime
    matter_id: int | None = None
    ends_at: dt.datetime | None = None
    status: MeetingStatus = MeetingStatus.PLANNED
    mode: MeetingMode = MeetingMode.IN_PERSON
    place: str | None = None
    platform: str | None = None
    url: str | None = None
    meeting_code: str | None = None
    passcode: str | None = field(default=None, repr=False)
    attendees: tuple[Party, ...] = ()
    staff: tuple[str, ...] = ()
    confirmed: frozenset[Confirmed] = frozenset()
    minutes_kind: str | None = None
    minutes: Mapping[str, str] = field(default_factory=dict, repr=False)
    notes: str | None = field(default=None, repr=False)
    verifications: tuple[int, ...] = ()
    recorded_by: str | None = None


@dataclass(frozen=True)
class MatterQuery:
    """事件の検索: ``text`` matches the title or reference (folded); ``client_id`` a party."""

    text: str | None = None
    client_id: int | None = None
    open_only: bool = False
    kind: str | None = None
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True)
class MeetingQuery:
    """面談の検索; every given field must match. ``start_from``/``start_to`` are Japanese calendar days."""

    matter_id: int | None = None
    client_id: int | None = None
    status: MeetingStatus | None = None
    start_from: dt.date | None = None
    start_to: dt.date | None = None
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True)
class ClientQuery:
    """依頼者等の検索: ``name`` folded, anywhere in name or kana; ``birth_date`` exact."""

    name: str | None = None
    birth_date: dt.date | None = None
    kind: ClientKind | None = None
    limit: int = 200
    offset: int = 0


@dataclass(frozen=True)
class NewVerification:
    """A complete verification to save in one transaction.

    ``client`` and ``subject`` are a :class:`Person` (a new row) or the id of an existing client;
    ``subject`` ``None`` means the client was identified in person. ``matter`` likewise is a new
    :class:`Matter`, an existing matter id, or ``None``. ``events`` must hold every time the method
    requires (:data:`~kyc_desk.records.legal.METHOD_RULES`). ``external_id`` (e.g. a remote submission id)
    makes saving idempotent. ``card_link`` (a returning client's card proof,
    :func:`kyc_desk.verify.card_link.card_link`) is stored with the record in the same transaction: a save
    that fails leaves no link behind.

    The decision: ``identity`` (本人確認の結果) and ``engagement`` (受任) under the rules of
    :mod:`kyc_desk.records.decision`; the older single ``decision`` is still accepted and split on save.
    Without any the record is saved as pending review. ``documents`` are checked against the method
    (:func:`~kyc_desk.records.legal.check_documents`); without them ``document_type``/``document_number``
    name the one identity document (the chip path and the remote import). ``mailing`` (転送不要郵便),
    ``reliance`` (an earlier record, with :attr:`Method.RELIANCE`) and ``high_risk`` (法4条2項) as
    docs/records.md describes.
    """

    client: Person | int
    method: Method
    events: Mapping[Event, dt.datetime]
    document_type: str
    checked_by: str
    recorded_by: str
    document_number: str | None = field(default=None, repr=False)
    document_has_chip: bool = False
    subject: Person | int | None = None
    subject_role: SubjectRole = SubjectRole.SELF
    authority: str | None = None
    matter: Matter | int | None = None
    purpose: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    item_checks: tuple[ItemCheck, ...] = ()
    face_results: tuple[FaceResult, ...] = ()
    report: tuple[Check, ...] = ()
    decision: DecisionEntry | None = None
    transactions: tuple[TransactionEntry, ...] = ()
    notes: tuple[MeetingNote, ...] = ()
    external_id: str | None = None
    card_link: CardLink | None = None
    #: The documents of the verification (several per method, :func:`~kyc_desk.records.legal.check_documents`);
    #: without any, ``document_type``/``document_number`` name the one identity document (the older form).
    documents: tuple[DocumentEntry, ...] = ()
    mailing: Mailing | None = None
    reliance: Reliance | None = None
    high_risk: HighRisk | None = None
    identity: IdentityConclusion | None = None
    engagement: EngagementDecision | None = None


@dataclass(frozen=True)
class SearchQuery:
    """検索条件; every given field must match (AND). ``name`` is folded (:func:`kyc_desk.jp.text.fold`)
    and matched anywhere in the client's or the identified person's name or kana."""

    name: str | None = None
    birth_date: dt.date | None = None
    document_number: str | None = None
    verified_from: dt.date | None = None
    verified_to: dt.date | None = None
    status: Status | None = None
    limit: int = 200
    offset: int = 0
    matter_id: int | None = None
    identity_result: IdentityResult | None = None
    #: The client's own verifications and those where they were the person identified (代表者・代理人).
    client_id: int | None = None


# --- outputs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    """A stored client, representative or agent."""

    id: int
    person: Person


@dataclass(frozen=True)
class StoredParty:
    """A party of a stored matter or meeting, with the client loaded."""

    client: Client
    role: PartyRole
    role_note: str | None = None


@dataclass(frozen=True)
class MatterRecord:
    """A stored matter. ``client_id`` is the client it was opened for (its first party); ``parties``
    every client in it with their role; ``retention_until`` the last day its
    records must be kept (10 years from the end; ``None`` while open)."""

    id: int
    client_id: int
    matter: Matter
    parties: tuple[StoredParty, ...] = ()
    note: str | None = None
    retention_until: dt.date | None = None


@dataclass(frozen=True)
class StoredEvidence:
    """Stored evidence, its bytes loaded."""

    id: int
    kind: EvidenceKind
    media_type: str
    sha256: str
    size: int
    data: bytes = field(repr=False)
    captured_at: dt.datetime | None = None
    label: str | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A stored document; ``evidence_id`` names its image among the record's evidence."""

    id: int
    kind: str
    purpose: DocumentPurpose
    number: str | None = field(repr=False)
    issued_on: dt.date | None
    expires_on: dt.date | None
    note: str | None
    evidence_id: int | None


@dataclass(frozen=True)
class StoredTransaction:
    """A stored 取引記録 of a matter, with the verification it refers to (if any)."""

    id: int
    matter_id: int | None
    verification_id: int | None
    entry: TransactionEntry


@dataclass(frozen=True)
class MeetingRecord:
    """A stored meeting (面談カード・面談記録) with its people and links loaded."""

    id: int
    matter_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    status: MeetingStatus
    mode: MeetingMode
    place: str | None
    platform: str | None
    url: str | None
    meeting_code: str | None
    passcode: str | None = field(repr=False)
    attendees: tuple[StoredParty, ...]
    staff: tuple[str, ...]
    confirmed: frozenset[Confirmed]
    minutes_kind: str | None
    minutes: Mapping[str, str] = field(repr=False)
    notes: str | None = field(repr=False)
    verifications: tuple[int, ...]
    recorded_by: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class VerificationRecord:
    """A stored verification with everything loaded (detached; safe to keep and pass between threads)."""

    id: int
    external_id: str | None
    client: Client
    subject: Client
    subject_role: SubjectRole
    authority: str | None
    matter: MatterRecord | None
    method: Method
    status: Status
    events: Mapping[Event, dt.datetime]
    document_type: str
    document_number: str | None = field(repr=False)
    document_has_chip: bool
    purpose: str | None
    checked_by: str
    recorded_by: str
    verified_on: dt.date
    evidence: tuple[StoredEvidence, ...]
    item_checks: tuple[ItemCheck, ...]
    face_results: tuple[FaceResult, ...]
    report: tuple[Check, ...]
    decision: DecisionEntry | None
    transactions: tuple[TransactionEntry, ...]
    notes: tuple[MeetingNote, ...]
    retention_until: dt.date | None
    created_at: dt.datetime
    documents: tuple[StoredDocument, ...] = ()
    mailing: Mailing | None = None
    reliance: Reliance | None = None
    high_risk: HighRisk | None = None
    identity: IdentityConclusion | None = None
    engagement: EngagementDecision | None = None
    meetings: tuple[int, ...] = ()


@dataclass(frozen=True)
class VerificationSummary:
    """One line of a list or search result (no evidence loaded)."""

    id: int
    external_id: str | None
    client_name: str = field(repr=False)
    subject_name: str = field(repr=False)
    method: Method
    status: Status
    document_type: str
    verified_on: dt.date
    decision: Decision | None
    retention_until: dt.date | None
    identity_result: IdentityResult | None = None
    engagement: Engagement | None = None
    matter_id: int | None = None
    high_risk: bool = False
