"""本人確認書類の種類 — one registry of the documents the desk identifies people with.

Each :class:`Document` gives the whole path of one kind of document, from the reader to the record:

``detect``
    which :class:`~kyc_desk.cards.detect.CardKind` values mean this document (probing, no VERIFY);
``read``
    a whole read on a reader, every secret asked through one
    :data:`~kyc_desk.cards.apps.mynumber.unlock.SecretPrompt` (tries left first, never retried);
``reading_from_files``
    the same :class:`~kyc_desk.cards.reading.CardReading` from raw chip files (a remote ヘ submission);
``verify``
    the verification report of a reading against the trust store at a given time;
``evidence``
    what a record keeps of the reading (:func:`kyc_desk.records.from_card.evidence_from_reading`);
``statement``
    what the chip states about its holder for the comparison with what the client stated, which items it
    cannot be compared on and why, and what it states that no signature covers (:class:`ChipStatement`).

The window (``kyc_desk.app.cards``), ``kyc-desk card read``, the ヘ submitter and the importer all look a
document up here; none of them dispatches on the card kind itself. A document without a chip (the
caseload issue's paper documents) is an entry with ``card_kinds=()`` and ``read``/``reading_from_files``
left ``None``: :meth:`Document.read_card` and :meth:`Document.from_files` then refuse it with
:class:`DocumentNotReadable`, loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.cards.apps.mynumber.unlock import SecretPrompt
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.detect import CardKind
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.model import EvidenceItem
    from kyc_desk.verify.report import VerificationReport
    from kyc_desk.verify.revocation import RevocationChecker
    from kyc_desk.verify.trust import TrustStore

#: Why a card is read: at the desk (everything the secrets open), for a remote ヘ submission (what the
#: submission format carries: no signature certificate or challenge; the licence photo is required), or at
#: the desk with a returning client's card proof (My Number card only: the user-authentication key signs).
Purpose = Literal["desk", "remote", "card_proof"]
Progress = Callable[[str], None]
#: (card, prompt, purpose, progress, presence challenge, card-proof message) → reading.
Reader = Callable[["Card", "SecretPrompt", Purpose, "Progress | None", "bytes | None", "bytes | None"], "CardReading"]
FilesParser = Callable[..., "CardReading"]
Verifier = Callable[["CardReading", "TrustStore", dt.datetime, "RevocationChecker | None"], "VerificationReport"]


@dataclass(frozen=True)
class ChipStatement:
    """The holder as a reading states them for the item comparison (``None``: the chip names nobody), the
    items it cannot be compared on (item → reason code), and the reason codes of what it states that no
    signature covers (each becomes a NOT_VERIFIABLE check of that name)."""

    name: str | None
    name_kana: str | None
    birth_date: dt.date | None
    address: str | None
    notes: Mapping[str, str] = field(default_factory=dict)
    unsigned: tuple[str, ...] = ()


def _plain_statement(reading: CardReading) -> ChipStatement:
    holder = reading.holder
    return ChipStatement(holder.name, holder.name_kana, holder.birth_date, holder.address)


class DocumentNotReadable(KycDeskError):
    """The document (or the card on the reader) is not one the desk can read this way."""

    default_ja = "この本人確認書類の読み取りには対応していません。"


class SecretRequired(KycDeskError):
    """A secret the card cannot be read without was not given (nothing was sent to the card)."""

    default_ja = "読み取りに必要な番号が入力されていません。"


@dataclass(frozen=True)
class Document:
    """One kind of identity document and how the desk handles it (see the module docstring)."""

    #: Stable key: the reading's ``card_type`` and the records' ``document_type``.
    key: str
    label_ja: str
    label_en: str
    card_kinds: tuple[CardKind, ...]
    #: Secret names the read may ask for (``kyc-desk card read --secrets-stdin`` accepts these).
    secrets: tuple[str, ...]
    verify: Verifier
    read: Reader | None = None
    reading_from_files: FilesParser | None = None
    #: The submission format's document name (``sync.format.DocumentKind`` value), if it can be sent.
    submission: str | None = None
    #: Submission part name → the card layer's ``signed_files`` key. Files without an entry are never sent
    #: (the text AP's EF 0003, the licence's 本籍, the residence card's permission fields).
    submission_files: Mapping[str, str] = field(default_factory=dict)
    #: What a reading states for the item comparison (default: the holder as read, every item comparable).
    statement: Callable[[CardReading], ChipStatement] = _plain_statement

    @property
    def has_chip(self) -> bool:
        return self.read is not None

    def read_card(
        self,
        card: Card,
        prompt: SecretPrompt,
        *,
        purpose: Purpose = "desk",
        progress: Progress | None = None,
        presence_challenge: bytes | None = None,
        card_proof_challenge: bytes | None = None,
    ) -> CardReading:
        """Read this document's chip on ``card``; secrets through ``prompt`` only. ``presence_challenge``: a
        message the chip's own key signs, proving the chip itself is present (My Number card face AP; the
        other documents have no such key and ignore it). ``card_proof_challenge``: a message the
        user-authentication key signs after the client's PIN (a remote returning client's proof; My Number
        card only, the other documents refuse it)."""
        if self.read is None:
            raise DocumentNotReadable(f"{self.key} has no chip", ja=f"{self.label_ja}にはICチップがありません。")
        return self.read(card, prompt, purpose, progress, presence_challenge, card_proof_challenge)

    def from_files(self, files: Mapping[str, bytes], *, read_at: dt.datetime) -> CardReading:
        """The reading from raw chip files keyed by ``signed_files`` names (raises ``MalformedData``)."""
        if self.reading_from_files is None:
            raise DocumentNotReadable(f"{self.key} has no chip files", ja=f"{self.label_ja}にはICチップがありません。")
        return self.reading_from_files(files, read_at=read_at)

    def from_submission_parts(self, parts: Mapping[str, bytes], *, read_at: dt.datetime) -> CardReading:
        """The reading from a submission's chip parts (part name → bytes); unknown parts are ignored."""
        return self.from_files(self.files_of_parts(parts), read_at=read_at)

    def files_of_parts(self, parts: Mapping[str, bytes]) -> dict[str, bytes]:
        """Submission chip parts renamed to ``signed_files`` keys (parts not in the table are dropped)."""
        return {self.submission_files[name]: data for name, data in parts.items() if name in self.submission_files}

    def parts_of_reading(self, reading: CardReading) -> dict[str, bytes]:
        """The reading's files under their submission part names (only those the format carries)."""
        return {name: reading.signed_files[key] for name, key in self.submission_files.items()
                if key in reading.signed_files}

    def verify_reading(
        self, reading: CardReading, anchors: TrustStore, at: dt.datetime, *, revocation: RevocationChecker | None = None
    ) -> VerificationReport:
        """The reading's report at ``at``; ``revocation`` is where certificate revocation is looked up (None:
        the trust folder's CRLs only, as an offline import does; the desk adds its OCSP responder)."""
        return self.verify(reading, anchors, at, revocation)

    def evidence(self, reading: CardReading) -> tuple[EvidenceItem, ...]:
        from kyc_desk.records.from_card import evidence_from_reading

        return evidence_from_reading(reading)


class DocumentRegistry:
    """The documents by key, by detected card kind and by submission name."""

    def __init__(self, documents: tuple[Document, ...]) -> None:
        self._documents = documents
        self._by_key = {d.key: d for d in documents}
        if len(self._by_key) != len(documents):
            raise ValueError("two documents share a key")

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def keys(self) -> tuple[str, ...]:
        return tuple(self._by_key)

    def get(self, key: str) -> Document:
        """The document with this key (``CardReading.card_type``, ``document_type``)."""
        try:
            return self._by_key[key]
        except KeyError:
            raise DocumentNotReadable(f"unknown document kind {key!r}", ja="対応していない本人確認書類です。") from None

    def for_card(self, kind: CardKind) -> Document:
        """The document a detected card is; an unknown card is refused."""
        for document in self._documents:
            if kind in document.card_kinds:
                return document
        raise DocumentNotReadable(
            f"reading this kind of card ({kind.value}) is not supported", ja="対応していないカードです。"
        )

    def for_submission(self, name: str) -> Document:
        """The document a submission names (``sync.format.DocumentKind`` value)."""
        for document in self._documents:
            if document.submission == name:
                return document
        raise DocumentNotReadable(f"no document is sent as {name!r}", ja="対応していない提出書類です。")

    def detect(self, card: Card) -> Document:
        """Probe the card (no VERIFY) and return its document."""
        from kyc_desk.cards.detect import detect_card

        return self.for_card(detect_card(card).kind)

    def secret_names(self) -> tuple[str, ...]:
        """Every secret name any document may ask for, in registry order."""
        return tuple(dict.fromkeys(name for d in self._documents for name in d.secrets))

