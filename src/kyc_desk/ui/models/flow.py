"""対面確認の進行 — the state of one face-to-face verification, from client to decision (no Qt).

:class:`DeskFlow` collects what each step produced — the client (an individual, or a company with the
person acting for it), the agent or representative and their authority, the method and what it took
(the card reading and its report, or the documents shown, the mailing, the earlier record relied on),
the live photo and the face match, the item confirmations, a high-risk flag, and the split decision —
and :meth:`DeskFlow.new_verification` turns it into the records layer's
:class:`~kyc_desk.records.model.NewVerification`, which the store saves in one transaction.

:meth:`DeskFlow.checks` lists the checks that apply to the chosen method with their state; the decision
step asks for a reason whenever one is missing, failed or not done, and 確認済み is refused while a
high-risk case lacks its additional document.

Every value is a frozen dataclass from the layer that made it; nothing here talks to a card, a database
or a face engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

from kyc_desk.app.desk_methods import DESK_METHODS, DeskMethod
from kyc_desk.ui.models.items import Confirmation, ItemRow, compare_items, format_date, item_checks, unconfirmed

if TYPE_CHECKING:
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.legal import Method
    from kyc_desk.records.model import (
        DocumentEntry,
        DocumentPurpose,
        Engagement,
        EvidenceItem,
        FaceResult,
        IdentityResult,
        ItemCheck,
        Matter,
        NewVerification,
        Person,
    )
    from kyc_desk.verify.card_link import CardLink
    from kyc_desk.verify.report import VerificationReport


def document_name(document_type: str) -> str:
    """The name of a stored document type in the interface language (:func:`kyc_desk.app.texts.document_text`)."""
    from kyc_desk.app.texts import document_text

    return document_text(document_type)


class FlowIncomplete(Exception):
    """A step is missing; ``step`` names it (``client``, ``reading``, ``items``, ``decision``)."""

    def __init__(self, step: str) -> None:
        super().__init__(f"the {step} step is not complete")
        self.step = step


#: Why a case is high risk (犯収法 4条2項): the stored values of the records' ``RiskReason``.
HIGH_RISK_REASONS: Final[tuple[str, ...]] = ("impersonation", "false_statement", "foreign_pep", "specified_country")
#: How the person at the desk was matched to the earlier record (規則16条): values of ``MatchBasis``.
RELIANCE_MATCHES: Final[tuple[str, ...]] = ("document_shown", "known_in_person", "card_link", "shared_secret")

CheckState = Literal["done", "partial", "pending", "missing", "failed", "not_done"]
#: The states that need a reason before a decision is saved.
NEEDS_REASON: Final[frozenset[str]] = frozenset({"missing", "failed", "not_done"})


@dataclass(frozen=True)
class Authority:
    """The document showing the acting person's authority, with its date (発行日・作成日)."""

    kind: str
    dated: dt.date
    note: str = ""


@dataclass(frozen=True)
class ShownDocument:
    """A document shown at the desk: its kind (:data:`kyc_desk.records.legal.DOCUMENT_KINDS`), number,
    expiry, the name of an "other" kind (``note``) and, optionally, a photo of it (JPEG bytes)."""

    kind: str
    number: str = field(default="", repr=False)
    expires_on: dt.date | None = None
    image: bytes | None = field(default=None, repr=False)
    image_type: str = "image/jpeg"
    note: str = ""


@dataclass(frozen=True)
class Reliance:
    """The client's earlier verification relied on, and how the person at the desk was matched to it."""

    record_id: int
    matched_by: str  # a RELIANCE_MATCHES value
    note: str = ""


@dataclass(frozen=True)
class HighRisk:
    """A high-risk case (法4条2項): its reason and the additional document confirmed (``None``: not yet)."""

    reason: str  # a HIGH_RISK_REASONS value
    note: str = ""
    document: ShownDocument | None = None


@dataclass(frozen=True)
class FlowCheck:
    """One check that applies to the method, and where it stands."""

    code: str
    state: CheckState


@dataclass
class DeskFlow:
    """One verification in progress. Steps fill their fields; :meth:`reset` starts over."""

    #: The client: an existing client id, or a new :class:`Person` (an individual or a company).
    client: Person | int | None = None
    #: What the person identified stated (the client, or the representative or agent), compared with the chip.
    stated: Person | None = None
    #: The representative or agent identified for the client (``None``: the client in person).
    acting: Person | int | None = None
    acting_role: str = "self"  # records' SubjectRole value
    authority: Authority | None = None
    #: A company client's own document (登記事項証明書 …) with its date.
    company_document: Authority | None = None
    matter: Matter | int | None = None
    purpose: str = ""
    method: DeskMethod = DeskMethod.CHIP
    presented_at: dt.datetime | None = None
    reading: CardReading | None = None
    report: VerificationReport | None = None
    documents: tuple[ShownDocument, ...] = ()
    #: Photo ID by sight: the scrivener compared the document's photo with the person.
    face_by_sight: bool = False
    #: Documents by sight: the scrivener compared name, address and birth date with the documents.
    items_by_sight: bool = False
    mailed_on: dt.date | None = None
    #: The registered mail's tracking number (書留の引受番号), if the scrivener typed it.
    tracking_number: str = ""
    reliance: Reliance | None = None
    high_risk: HighRisk | None = None
    live_photo_jpeg: bytes | None = field(default=None, repr=False)
    live_photo_at: dt.datetime | None = None
    face_results: tuple[FaceResult, ...] = ()
    confirmations: dict[str, Confirmation] = field(default_factory=dict)
    result: IdentityResult | None = None
    #: The scrivener's reason for each gap (:meth:`gaps`), by the gap's key.
    gap_reasons: dict[str, str] = field(default_factory=dict)
    #: 所見: the scrivener's note on the result (the reason of 確認できず / 追加確認が必要 when no gap has one).
    result_reason: str = ""
    engagement: Engagement | None = None
    engagement_note: str = ""
    checked_by: str = ""
    recorded_by: str = ""
    #: The returning client's card proof to link to the record when it is saved (same transaction).
    card_link: CardLink | None = None

    def reset(self) -> None:
        """Forget everything (after saving, or when the scrivener starts over)."""
        self.__init__()  # type: ignore[misc]

    def item_rows(self) -> tuple[ItemRow, ...]:
        """The stated details beside the chip's (empty until both are known, and for other methods)."""
        if self.stated is None or self.reading is None or self.method is not DeskMethod.CHIP:
            return ()
        return compare_items(self.stated, self.reading.holder)

    def items_waiting(self) -> list[str]:
        """Items the scrivener has not confirmed yet."""
        return list(unconfirmed(self.item_rows(), self.confirmations))

    # -- checks --------------------------------------------------------------------------------------
    def checks(self, today: dt.date) -> tuple[FlowCheck, ...]:
        """The checks that apply to the chosen method, in the order the decision step lists them.

        Codes: ``chip`` (the chip's signatures and cross-checks), ``face`` (the face comparison: the
        engine's at the chip, the scrivener's eye at a photo ID), ``items`` (本人特定事項 against the chip
        or the documents), ``documents`` (every document the method needs entered), ``expiry``,
        ``mailing`` (転送不要郵便 sent; its return is recorded later), ``reliance``, ``authority``
        (the representative's or agent's), ``high_risk`` (the additional document).
        """
        checks: list[FlowCheck] = []
        method = self.method
        if method is DeskMethod.CHIP:
            checks.append(FlowCheck("chip", self._chip_state()))
            checks.append(FlowCheck("face", self._face_state()))
            if self.reading is None:
                checks.append(FlowCheck("items", "missing"))
            else:
                checks.append(FlowCheck("items", "not_done" if self.items_waiting() else "done"))
        elif method is DeskMethod.RELIANCE:
            checks.append(FlowCheck("reliance", "done" if self.reliance is not None else "missing"))
        else:
            needed = len(DESK_METHODS[method].slots)
            entered = [d for d in self.documents if d.number.strip()]
            checks.append(FlowCheck("documents", "done" if len(entered) >= needed else "missing"))
            checks.append(FlowCheck("expiry", self._expiry_state(today)))
            if method is DeskMethod.PHOTO_ID:
                checks.append(FlowCheck("face", "done" if self.face_by_sight else "not_done"))
            checks.append(FlowCheck("items", "done" if self.items_by_sight else "not_done"))
            if method is DeskMethod.DOCUMENTS_MAIL:
                checks.append(FlowCheck("mailing", "pending" if self.mailed_on is not None else "missing"))
        if self.acting is not None:
            checks.append(FlowCheck("authority", "done" if self.authority is not None else "missing"))
        if self.high_risk is not None:
            checks.append(FlowCheck("high_risk", "done" if self.high_risk.document is not None else "missing"))
        return tuple(checks)

    def _chip_state(self) -> CheckState:
        if self.report is None:
            return "missing"
        from kyc_desk.verify.report import Verdict

        failed = (Verdict.INVALID, Verdict.SUSPECTED_COPY, Verdict.UNTRUSTED, Verdict.EXPIRED, Verdict.REVOKED,
                  Verdict.MISMATCH)  # fmt: skip
        if any(c.verdict in failed for c in self.report):
            return "failed"
        return "done" if all(c.verdict.ok for c in self.report) else "partial"

    def _face_state(self) -> CheckState:
        from kyc_desk.records.model import FaceKind, FaceVerdict

        matches = [f for f in self.face_results if f.kind is FaceKind.MATCH]
        if not matches:
            return "not_done"
        return "done" if all(f.verdict is FaceVerdict.PASS for f in matches) else "failed"

    def _expiry_state(self, today: dt.date) -> CheckState:
        from kyc_desk.records.legal import DocumentCategory, document_kind

        for shown in self.documents:
            category = document_kind(shown.kind).category
            if shown.expires_on is None and category is DocumentCategory.PHOTO_ID:
                return "missing"
            if shown.expires_on is not None and shown.expires_on < today:
                return "failed"
        return "done"

    def record_item_checks(self) -> tuple[ItemCheck, ...]:
        """The item checks the record keeps: the chip's rows as confirmed in step 6, or — for documents
        checked by sight — name, birth date and address, confirmed together or not at all."""
        from kyc_desk.records.model import ItemCheck, ItemResult

        if self.method is DeskMethod.CHIP:
            return item_checks(self.item_rows(), self.confirmations, confirmed_by=self.checked_by)
        if self.method is DeskMethod.RELIANCE or self.stated is None:
            return ()
        stated = self.stated
        result = ItemResult.MATCH if self.items_by_sight else ItemResult.NOT_CHECKED
        values = {"name": stated.name, "birth_date": format_date(stated.birth_date), "address": stated.address}
        return tuple(
            ItemCheck(item=item, result=result, confirmed_by=self.checked_by, stated_value=value)
            for item, value in values.items()
        )

    def record_face_results(self) -> tuple[FaceResult, ...]:
        """The face results the record keeps: the engine's at the chip, the scrivener's eye at a photo ID."""
        if self.method is DeskMethod.CHIP:
            return self.face_results
        if self.method is DeskMethod.PHOTO_ID and self.face_by_sight:
            from kyc_desk.records.decision import BY_EYE_ENGINE
            from kyc_desk.records.model import FaceKind, FaceResult, FaceVerdict

            return (FaceResult(FaceKind.MATCH, BY_EYE_ENGINE, FaceVerdict.PASS),)
        return ()

    def record_documents(self) -> tuple[DocumentEntry, ...]:
        """The documents the record keeps, in order: the identity documents (the card read, or those typed),
        the company's own document, the authority of the person acting, the high-risk additional one."""
        from kyc_desk.records.model import DocumentEntry, DocumentPurpose, EvidenceItem, EvidenceKind

        documents: list[DocumentEntry] = []
        if self.method is DeskMethod.CHIP and self.reading is not None:
            documents.append(DocumentEntry(kind=self.reading.card_type, number=self.reading.card.number))
        elif self.method not in (DeskMethod.CHIP, DeskMethod.RELIANCE):
            for index, shown in enumerate(self.documents):
                image = (
                    EvidenceItem(EvidenceKind.CARD_IMAGE, shown.image_type, shown.image, self.presented_at,
                                 f"document{index + 1}")
                    if shown.image is not None
                    else None
                )  # fmt: skip
                documents.append(_entry(shown, DocumentPurpose.IDENTITY, image))
        if self.company_document is not None:
            documents.append(
                DocumentEntry(
                    self.company_document.kind, DocumentPurpose.COMPANY, issued_on=self.company_document.dated
                )
            )
        if self.acting is not None and self.authority is not None:
            documents.append(
                DocumentEntry(self.authority.kind, DocumentPurpose.AUTHORITY, issued_on=self.authority.dated,
                              note=self.authority.note or None)
            )  # fmt: skip
        if self.high_risk is not None and self.high_risk.document is not None:
            documents.append(_entry(self.high_risk.document, DocumentPurpose.ADDITIONAL, None))
        return tuple(documents)

    def gaps(self, today: dt.date) -> tuple[str, ...]:
        """What is missing, failed or was not done, as the records layer names it
        (:func:`kyc_desk.records.decision.gaps`: ``face.match``, ``item.<item>``, ``report.<check>``,
        ``document.<n>.expired``): each needs a reason before the identity may be 確認済み."""
        from kyc_desk.records.decision import gaps

        return gaps(
            method=self.legal_method(),
            verified_on=today,
            report=tuple(self.report.checks) if self.report is not None and self.method is DeskMethod.CHIP else (),
            item_checks=self.record_item_checks(),
            face_results=self.record_face_results(),
            documents=self.record_documents(),
            document_type=self.reading.card_type if self.reading is not None and self.method is DeskMethod.CHIP else "",
        )

    def legal_method(self) -> Method:
        """The method the record is saved as (its letter)."""
        return DESK_METHODS[self.method].method

    def suggested_reasons(self) -> dict[str, str]:
        """Reasons already written elsewhere: the note of an item confirmed with a difference in step 6."""
        return {f"item.{item}": mark.note.strip() for item, mark in self.confirmations.items() if mark.note.strip()}

    def decision_problem(self, today: dt.date) -> str | None:
        """Why the decision cannot be saved as it stands (a code the view words), or ``None``
        (:func:`kyc_desk.ui.models.decision.decision_problem`, the remote review's rules too)."""
        from kyc_desk.ui.models.decision import decision_problem

        return decision_problem(
            self.result,
            self.engagement,
            gaps=self.gaps(today),
            gap_reasons=self.gap_reasons,
            result_reason=self.result_reason,
            high_risk_unresolved=self.high_risk is not None and self.high_risk.document is None,
            checked_by=self.checked_by,
            recorded_by=self.recorded_by,
        )

    # -- the record ----------------------------------------------------------------------------------
    def new_verification(self, *, decided_at: dt.datetime, today: dt.date | None = None) -> NewVerification:
        """The complete record to save; raises :class:`FlowIncomplete` naming the first missing step."""
        from kyc_desk.records.model import EvidenceItem, EvidenceKind

        today = today or decided_at.date()
        if self.client is None:
            raise FlowIncomplete("client")
        method = self.method
        if method is DeskMethod.CHIP and (self.reading is None or self.presented_at is None):
            raise FlowIncomplete("reading")
        if method is DeskMethod.RELIANCE and (self.reliance is None or self.presented_at is None):
            raise FlowIncomplete("reliance")
        if method not in (DeskMethod.CHIP, DeskMethod.RELIANCE):
            if any(c.code == "documents" and c.state == "missing" for c in self.checks(today)):
                raise FlowIncomplete("documents")
            if self.presented_at is None:
                raise FlowIncomplete("documents")
            if method is DeskMethod.DOCUMENTS_MAIL and self.mailed_on is None:
                raise FlowIncomplete("mailing")
        if self.decision_problem(today) is not None:
            raise FlowIncomplete("decision")
        evidence: list[EvidenceItem] = []
        if self.reading is not None and method is DeskMethod.CHIP:
            from kyc_desk.documents import documents

            evidence.extend(documents().get(self.reading.card_type).evidence(self.reading))
        if self.live_photo_jpeg is not None and method is DeskMethod.CHIP:
            evidence.append(
                EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", self.live_photo_jpeg, self.live_photo_at, "desk")
            )
        return self._to_record(decided_at, tuple(evidence))

    def _to_record(self, decided_at: dt.datetime, evidence: tuple[EvidenceItem, ...]) -> NewVerification:
        from kyc_desk.jp.time import JAPAN_TIME
        from kyc_desk.records.legal import Event
        from kyc_desk.records.model import (
            EngagementDecision,
            GapReason,
            IdentityConclusion,
            Mailing,
            MatchBasis,
            NewVerification,
            RiskReason,
            SubjectRole,
        )
        from kyc_desk.records.model import HighRisk as RecordHighRisk
        from kyc_desk.records.model import Reliance as RecordReliance

        assert self.client is not None and self.result is not None and self.engagement is not None
        assert self.presented_at is not None
        method = self.method
        events: dict[Event, dt.datetime] = {}
        mailing = None
        if method is DeskMethod.CHIP:
            assert self.reading is not None
            events = {Event.PRESENTED: self.presented_at, Event.CHIP_READ: self.reading.read_at}
        elif method is DeskMethod.RELIANCE:
            events = {Event.MATCHED: self.presented_at}
        else:
            events = {Event.PRESENTED: self.presented_at}
            if method is DeskMethod.DOCUMENTS_MAIL and self.mailed_on is not None:
                events[Event.MAILED] = dt.datetime.combine(self.mailed_on, dt.time(), JAPAN_TIME)
                mailing = Mailing(mailed_at=events[Event.MAILED], tracking_number=self.tracking_number or None)
        reasons = tuple(GapReason(key, text.strip()) for key, text in self.gap_reasons.items() if text.strip())
        decider = self.checked_by
        return NewVerification(
            client=self.client,
            method=self.legal_method(),
            events=events,
            document_type="",  # named by the first identity document (the card read, or the first typed)
            checked_by=self.checked_by,
            recorded_by=self.recorded_by,
            subject=self.acting,
            subject_role=SubjectRole(self.acting_role),
            matter=self.matter,
            purpose=self.purpose.strip() or None,
            evidence=evidence,
            item_checks=self.record_item_checks(),
            face_results=self.record_face_results(),
            report=tuple(self.report.checks) if self.report is not None and method is DeskMethod.CHIP else (),
            card_link=self.card_link if method is DeskMethod.CHIP else None,  # saved in the record's transaction
            documents=self.record_documents(),
            mailing=mailing,
            reliance=(
                RecordReliance(
                    self.reliance.record_id, MatchBasis(self.reliance.matched_by), self.reliance.note or None
                )
                if self.reliance is not None and method is DeskMethod.RELIANCE
                else None
            ),
            high_risk=(
                RecordHighRisk((RiskReason(self.high_risk.reason),), self.high_risk.note or None)
                if self.high_risk is not None
                else None
            ),
            identity=IdentityConclusion(self.result, decider, decided_at, reasons, self.result_reason.strip() or None),
            engagement=EngagementDecision(self.engagement, decider, decided_at, self.engagement_note.strip() or None),
        )


def _entry(shown: ShownDocument, purpose: DocumentPurpose, image: EvidenceItem | None) -> DocumentEntry:
    from kyc_desk.records.model import DocumentEntry

    return DocumentEntry(
        kind=shown.kind,
        purpose=purpose,
        number=shown.number.strip() or None,
        expires_on=shown.expires_on,
        note=shown.note.strip() or None,
        image=image,
    )
