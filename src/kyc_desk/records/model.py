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
class NewVerification:
    """A complete verification to save in one transaction.

    ``client`` and ``subject`` are a :class:`Person` (a new row) or the id of an existing client;
    ``subject`` ``None`` means the client was identified in person. ``matter`` likewise is a new
    :class:`Matter`, an existing matter id, or ``None``. ``events`` must hold every time the method
    requires (:data:`~kyc_desk.records.legal.METHOD_RULES`). ``external_id`` (e.g. a remote submission id)
    makes saving idempotent. Without ``decision`` the record is saved as pending review. ``card_link``
    (a returning client's card proof, :func:`kyc_desk.verify.card_link.card_link`) is stored with the
    record in the same transaction: a save that fails leaves no link behind.
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


# --- outputs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    """A stored client, representative or agent."""

    id: int
    person: Person


@dataclass(frozen=True)
class MatterRecord:
    """A stored matter."""

    id: int
    client_id: int
    matter: Matter


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
