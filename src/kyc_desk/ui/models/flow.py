"""対面確認の進行 — the state of one face-to-face verification, from client to decision (no Qt).

:class:`DeskFlow` collects what each step produced — client and matter, the card reading and its
verification report, the live photo and the face match, the item confirmations, the decision — and
:meth:`DeskFlow.new_verification` turns it into the records layer's
:class:`~kyc_desk.records.model.NewVerification`, which the store saves in one transaction. The method is
the face-to-face check with chip reading (対面・ICチップ読取), whose required times are when the card was
presented and when the chip was read.

Every value is a frozen dataclass from the layer that made it; nothing here talks to a card, a database
or a face engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kyc_desk.ui.models.items import Confirmation, ItemRow, compare_items, item_checks, unconfirmed

if TYPE_CHECKING:
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.model import Decision, FaceResult, Matter, NewVerification, Person
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


@dataclass
class DeskFlow:
    """One verification in progress. Steps fill their fields; :meth:`reset` starts over."""

    #: The client: an existing client id, or a new :class:`Person` typed at the desk.
    client: Person | int | None = None
    #: What the client stated (for an existing client: the stored details), compared with the chip.
    stated: Person | None = None
    matter: Matter | int | None = None
    purpose: str = ""
    presented_at: dt.datetime | None = None
    reading: CardReading | None = None
    report: VerificationReport | None = None
    live_photo_jpeg: bytes | None = field(default=None, repr=False)
    live_photo_at: dt.datetime | None = None
    face_results: tuple[FaceResult, ...] = ()
    confirmations: dict[str, Confirmation] = field(default_factory=dict)
    decision: Decision | None = None
    decision_reason: str = ""
    #: The returning client's card proof to link to the record when it is saved (same transaction).
    card_link: CardLink | None = None

    def reset(self) -> None:
        """Forget everything (after saving, or when the scrivener starts over)."""
        self.__init__()  # type: ignore[misc]

    def item_rows(self) -> tuple[ItemRow, ...]:
        """The stated details beside the chip's (empty until both are known)."""
        if self.stated is None or self.reading is None:
            return ()
        return compare_items(self.stated, self.reading.holder)

    def items_waiting(self) -> list[str]:
        """Items the scrivener has not confirmed yet."""
        return list(unconfirmed(self.item_rows(), self.confirmations))

    def new_verification(self, *, operator: str, decided_at: dt.datetime) -> NewVerification:
        """The complete record to save; raises :class:`FlowIncomplete` naming the first missing step."""
        from kyc_desk.documents import documents
        from kyc_desk.records.legal import Event, Method
        from kyc_desk.records.model import (
            Decision,
            DecisionEntry,
            EvidenceItem,
            EvidenceKind,
            NewVerification,
        )

        if self.client is None:
            raise FlowIncomplete("client")
        if self.reading is None or self.presented_at is None:
            raise FlowIncomplete("reading")
        if self.decision is None:
            raise FlowIncomplete("decision")
        if self.decision is Decision.ACCEPTED and self.items_waiting():
            raise FlowIncomplete("items")
        if self.decision is not Decision.ACCEPTED and not self.decision_reason.strip():
            raise FlowIncomplete("decision")
        evidence = list(documents().get(self.reading.card_type).evidence(self.reading))  # the document's evidence
        if self.live_photo_jpeg is not None:
            evidence.append(
                EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", self.live_photo_jpeg, self.live_photo_at, "desk")
            )
        return NewVerification(
            client=self.client,
            method=Method.FACE_TO_FACE_CHIP,
            events={Event.PRESENTED: self.presented_at, Event.CHIP_READ: self.reading.read_at},
            document_type=self.reading.card_type,
            document_number=self.reading.card.number,
            document_has_chip=True,
            checked_by=operator,
            recorded_by=operator,
            matter=self.matter,
            purpose=self.purpose.strip() or None,
            evidence=tuple(evidence),
            item_checks=item_checks(self.item_rows(), self.confirmations, confirmed_by=operator),
            face_results=self.face_results,
            report=tuple(self.report.checks) if self.report is not None else (),
            decision=DecisionEntry(
                decision=self.decision,
                decided_by=operator,
                decided_at=decided_at,
                reason=self.decision_reason.strip() or None,
            ),
            card_link=self.card_link,  # saved in the record's own transaction
        )
