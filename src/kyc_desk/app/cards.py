"""The desk's card service: open, detect, read and verify a card through the one registry of documents.

Runs on the window's card-session thread (and anywhere else a blocking read is fine); every layer is
imported inside the methods, so the window starts without pyscard or the verification code loaded. The
window asks the user through :data:`Prompt`; this module turns the card layer's secret requests into
:class:`PromptRequest` and back, and never decides which reader or verifier a card needs — the
registry (:mod:`kyc_desk.documents`) does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.detect import CardKind
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.documents.registry import Purpose
    from kyc_desk.verify.report import VerificationReport
    from kyc_desk.verify.revocation import RevocationChecker
    from kyc_desk.verify.trust import TrustStore


@dataclass(frozen=True)
class PromptRequest:
    """What the window is asked before a secret: which one, the tries the card reported, whether it may be
    skipped. ``tries_left`` None = the card keeps no counter for it."""

    name: str
    tries_left: int | None
    max_tries: int | None = None
    skippable: bool = False


@dataclass(frozen=True)
class PromptAnswer:
    """What the user typed (card format) and whether they confirmed using the last try."""

    value: str = field(repr=False)
    confirm_last_try: bool = False


#: Asks the user (blocking the card thread until the window answers); None = skipped.
Prompt = Callable[[PromptRequest], "PromptAnswer | None"]
Progress = Callable[[str], None]


class CardService:
    """Detects, reads and verifies cards through the document registry."""

    def __init__(self, *, trust_dir: Path | None = None, now: Callable[[], dt.datetime] | None = None) -> None:
        self._trust_dir = trust_dir
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    def open_card(self, reader: str) -> Card:
        """An exclusive connection to the card on ``reader`` (close it with ``card.close()``)."""
        from kyc_desk.cards.card import Card
        from kyc_desk.cards.transport.pcsc import PcscTransport

        return Card(PcscTransport.connect(reader))

    def detect(self, card: Card) -> CardKind:
        from kyc_desk.cards.detect import detect_card

        return detect_card(card).kind

    def read(
        self, card: Card, kind: CardKind, prompt: Prompt, progress: Progress, *, card_proof: bool = False
    ) -> CardReading:
        """Read the whole card with its document's reader; every secret goes through ``prompt``.
        ``card_proof``: also the returning client's proof (My Number card: the user-authentication PIN and
        a fresh challenge; any other document refuses it)."""
        from kyc_desk.documents import documents

        purpose: Purpose = "card_proof" if card_proof else "desk"
        return documents().for_card(kind).read_card(card, card_prompt(prompt), purpose=purpose, progress=progress)

    def verify(self, reading: CardReading) -> VerificationReport:
        """The verification report of ``reading`` (signatures and certificates), checked now against the
        trust store (``KYC_DESK_TRUST_DIR`` or the config folder's ``trust/``)."""
        from kyc_desk.documents import documents
        from kyc_desk.verify.trust import load_trust_store

        anchors = load_trust_store(self._trust_dir)
        document = documents().get(reading.card_type)
        return document.verify_reading(reading, anchors, self._now(), revocation=desk_revocation(anchors))


def desk_revocation(anchors: TrustStore) -> RevocationChecker:
    """Where the desk looks up revocation when it reads a card itself (the window and ``kyc-desk card read``):
    the trust folder's CRLs, then the OCSP responder of the settings."""
    from kyc_desk.settings import load_settings
    from kyc_desk.verify.revocation_ocsp import desk_revocation as revocation_sources

    return revocation_sources(anchors, **load_settings().revocation_options())


def card_prompt(prompt: Prompt, *, all_required: bool = False) -> Callable[[SecretRequest], Secret | None]:
    """The card layer's prompt over the window's: a secret without a try counter (the residence card
    number) shows no count; at the desk every secret but the licence's PIN 1 and the card number may be
    skipped (the reader then leaves that part out); skipping the card number cancels the read.
    ``all_required`` (a remote client's read, where every secret asked opens a file the submission needs):
    none may be skipped, and not answering cancels the read."""

    def ask(request: SecretRequest) -> Secret | None:
        from kyc_desk.cards.apps.mynumber.unlock import Secret
        from kyc_desk.cards.errors import Cancelled

        counted = request.spec.max_tries is not None and request.tries_left >= 0  # < 0: no counter (6300)
        required = all_required or request.name in ("pin1", "card_number")
        answer = prompt(PromptRequest(request.name, request.tries_left if counted else None,
                                      request.spec.max_tries, not required))
        if answer is None and (all_required or request.name == "card_number"):
            raise Cancelled(f"{request.name} was not given")
        return None if answer is None else Secret(answer.value, answer.confirm_last_try)

    return ask
