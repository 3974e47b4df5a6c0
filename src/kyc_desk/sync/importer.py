"""提出データの検証と記録化 — turning one decrypted submission into a pending verification record.

:func:`plan_import` checks what can be checked offline and returns a :class:`~kyc_desk.records.NewVerification`
ready for :meth:`~kyc_desk.records.RecordStore.save_verification` (status: pending review, external id
``sync:<submission id>`` so a second import of the same submission creates nothing). It never decides
for the scrivener: every check lands in the report with its own verdict, and a failed check is stored
and shown, not hidden.

Per method:

- ヘ, every chip document: the document comes from the one registry (:func:`kyc_desk.documents.documents`),
  its chip parts become a :class:`~kyc_desk.cards.reading.CardReading` through that document's
  ``reading_from_files`` (the parser its live read uses) and are checked by its verifier.
- ヘ, My Number card: :func:`kyc_desk.verify.mynumber.verify_mynumber` (card face signature and certificate,
  the user authentication certificate's chain, cross-checks, and the chip's presence: the card key's
  signature over the request's challenge in the ``presence/signature`` part, checked against DF24 of the
  signed card face — a copy of the files on another chip is SUSPECTED_COPY; a version 1 submission, or one
  without the part, is "presence not proven"); a returning client's card proof (``card-proof/signature``,
  optional: the user-authentication key's signature over this request's challenge, checked with the
  submitted 利用者証明用電子証明書) gives ``jpki.auth_challenge``, the link saved with the record, and —
  with the records at hand — ``card.returning``: the earlier verification of the same card, or a broken
  link. The text AP's integrity record (EF 0003) is
  refused by the format because it carries a recoverable digest of the individual number, so the text of
  name and address is reported as not covered by a signature; the signed card face shows them as images.
- ヘ, driver's licence: :func:`kyc_desk.verify.driver_licence.check_driver_licence`. EF07 (電子署名) stays
  NOT_VERIFIABLE unless a signature scheme is registered (its layout and the police key are not public),
  so name, birth date and address are compared with the stated person but are not covered by a verified
  signature; recorded changes (EF04) are listed, and a changed address is what the address is compared
  with.
- ヘ, residence card / special permanent resident certificate:
  :func:`kyc_desk.verify.residence.check_residence_card`, with the trust store's X.509 certificates as
  anchors (the check code over the front image and photo: VALID, INVALID, UNTRUSTED without the
  issuer's anchor). The chip holds name and birth date only inside the front *image*: those items are
  not compared (the image is kept for the scrivener); the address written on the back is text, compared,
  and reported as not covered by the check code.
- A chip file that does not parse is not dropped: the submission is stored with ``chip.data`` INVALID
  naming the file, the raw files as evidence, and the verifier's verdict on the raw signed files.
- ホ: the document images and selfie frames are kept; whether the document is genuine is for the
  scrivener to judge from the images (NOT_VERIFIABLE).
- ワ: the 署名用電子証明書's chain (:func:`kyc_desk.verify.jpki.verify_jpki_chain`) and the signature over
  :func:`~kyc_desk.sync.format.wa_signed_message` with the request's challenge from the desk's own
  request copy; revocation cannot be checked offline and says so.

Faces (chip photo against selfie, liveness over the selfie frames) go through a :class:`FaceChecker`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from kyc_desk.cards.apps.mynumber.jpki import AUTH_PROOF_KEY, FourItems, parse_four_items
from kyc_desk.cards.apps.mynumber.layouts import digest_info_sha256
from kyc_desk.cards.apps.mynumber.surface import PRESENCE_KEY
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import CardReading, ChallengeResponse, Holder
from kyc_desk.documents import Document, documents
from kyc_desk.imaging import ImageRefused, ImageUse, open_image
from kyc_desk.jp.text import same_text
from kyc_desk.records.legal import Event
from kyc_desk.records.model import (
    EvidenceItem,
    EvidenceKind,
    FaceResult,
    ItemCheck,
    ItemResult,
    NewVerification,
    Person,
)
from kyc_desk.records.returning import recognise_link, recognition_check
from kyc_desk.sync._legal import TO_RECORDS
from kyc_desk.sync.errors import SubmissionMalformed
from kyc_desk.sync.format import (
    CARD_PROOF_PART,
    JPKI_CERTIFICATE_PART,
    JPKI_SIGNATURE_PART,
    PRESENCE_PART,
    Method,
    Part,
    PartKind,
    Submission,
    he_card_proof_message,
    he_presence_message,
    wa_signed_message,
)
from kyc_desk.sync.registry import DeskRequest
from kyc_desk.verify.card_link import CardLink, card_link
from kyc_desk.verify.errors import MalformedCertificate, SignatureInvalid, UnknownIssuer, VerificationError
from kyc_desk.verify.jpki import verify_challenge, verify_jpki_chain
from kyc_desk.verify.mynumber import AUTH_CHALLENGE
from kyc_desk.verify.reasons import error_reason
from kyc_desk.verify.report import Check, Verdict, VerificationReport
from kyc_desk.verify.revocation import RevocationChecker
from kyc_desk.verify.trust import TrustStore

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

EXTERNAL_ID_PREFIX: Final = "sync:"
#: ``ItemCheck.confirmed_by`` of an imported item check: the source compared, as a code (rendered on display).
SOURCE_CHIP: Final = "source:ic_chip"
SOURCE_SIGN_CERTIFICATE: Final = "source:jpki_sign_certificate"

WA_DOCUMENT_TYPE: Final = "jpki_sign_certificate"


class FaceChecker(Protocol):
    """Face match (reference photo against selfie frames) and liveness (the frames against ``challenge``,
    e.g. ``"blink,turn_left"``, empty when unknown, at ``fps`` frames per second)."""

    def check(
        self, reference: bytes | None, frames: Sequence[bytes], challenge: str, fps: float
    ) -> tuple[list[Check], list[FaceResult]]: ...


def external_id(submission_id: str) -> str:
    """The records external id of a submission (idempotent import)."""
    return EXTERNAL_ID_PREFIX + submission_id


@dataclass(frozen=True)
class ImportContext:
    """Everything :func:`plan_import` needs besides the submission."""

    submission_id: str
    received_at: dt.datetime
    request: DeskRequest | None
    anchors: TrustStore
    faces: FaceChecker
    actor: str = "kyc-desk sync"
    #: The desk's records, for a returning client's card proof (``card-proof/signature``): the earlier
    #: verification of the same card is named in the review. ``None``: the proof is checked, not looked up.
    records: RecordStore | None = None


def plan_import(submission: Submission, ctx: ImportContext) -> NewVerification:
    """A pending verification for the submission, with every check in its report.

    Raises :class:`SubmissionMalformed` when no person can be named for the record (a ホ submission, or a
    chip that states no name, for a request this desk has no copy of): such a submission is quarantined.
    """
    checks: list[Check] = [
        Check("submission.envelope", Verdict.VALID,
              "submission.decrypted"),
    ]
    evidence: list[EvidenceItem] = []
    face_results: list[FaceResult] = []
    at = ctx.received_at
    selfies = [p.data for p in submission.parts_of(PartKind.SELFIE_FRAME)]
    for part in submission.parts_of(PartKind.SELFIE_FRAME):
        evidence.append(EvidenceItem(EvidenceKind.FACE_PHOTO, part.media_type, part.data, at, part.name))

    document: Person | None = None
    reference_photo: bytes | None = None
    notes: dict[str, str] = {}
    document_type = submission.document.value if submission.document else WA_DOCUMENT_TYPE
    document_number: str | None = None
    has_chip = False
    card_link: CardLink | None = None
    if submission.method is Method.HE:
        has_chip = True
        chip = _he(submission, ctx)
        card_link = chip.card_link
        document, reference_photo, notes = chip.person, chip.photo, chip.notes
        document_type, document_number = chip.document_type or document_type, chip.document_number
        checks += chip.checks
        evidence += chip.evidence
        if reference_photo is None and selfies:
            checks.append(Check("face.match", Verdict.NOT_VERIFIABLE,
                                "face.no_chip_photo"))
        events = {Event.IMAGE_RECEIVED: at, Event.CHIP_RECEIVED: at}
    elif submission.method is Method.HO:
        more_checks, more_evidence, reference_photo = _ho(submission, at)
        checks += more_checks
        evidence += more_evidence
        events = {Event.IMAGE_RECEIVED: at}
    else:
        document, more_checks, more_evidence = _wa(submission, ctx)
        checks += more_checks
        evidence += more_evidence
        events = {Event.SIGNATURE_RECEIVED: at}

    if selfies:
        challenge = ctx.request.liveness if ctx.request else ""
        face_checks, face_results = ctx.faces.check(reference_photo, selfies, challenge, submission.selfie_fps)
        checks += face_checks

    stated = ctx.request.person if ctx.request else None
    item_checks = _item_checks(stated, document, submission, notes)
    client: Person | int
    if ctx.request is not None and ctx.request.client_id is not None:
        client = ctx.request.client_id
    elif stated is not None:
        client = stated
    elif document is not None and document.name:
        client = document
    else:
        raise SubmissionMalformed(
            "no person can be named for this submission: it carries no machine-readable name and this desk "
            "has no copy of its request",
            ja="提出データから氏名を取得できず、このデスクに依頼の控えもありません。",
        )
    if ctx.request is None:
        checks.append(Check("submission.request", Verdict.NOT_PRESENT,
                            "submission.no_request"))
    return NewVerification(
        client=client,
        subject=None,
        method=TO_RECORDS[submission.method],
        events=events,
        document_type=document_type,
        document_number=document_number,
        document_has_chip=has_chip,
        checked_by=ctx.actor,
        recorded_by=ctx.actor,
        evidence=tuple(evidence),
        item_checks=tuple(item_checks),
        face_results=tuple(face_results),
        report=tuple(checks),
        external_id=external_id(ctx.submission_id),
        card_link=card_link,
    )


# --- ヘ ------------------------------------------------------------------------------------------------


def _presence_proofs(submission: Submission, ctx: ImportContext) -> tuple[ChallengeResponse, ...]:
    """The ``presence/signature`` part as the card key's answer to this request's challenge."""
    part = submission.part(PRESENCE_PART)
    if part is None or ctx.request is None:
        return ()
    message = he_presence_message(ctx.request.request_id, ctx.request.challenge)
    return (ChallengeResponse(PRESENCE_KEY, message, digest_info_sha256(message), part.data),)


def _card_proofs(submission: Submission, ctx: ImportContext) -> tuple[ChallengeResponse, ...]:
    """The ``card-proof/signature`` part as the user-authentication key's answer to this request's challenge."""
    part = submission.part(CARD_PROOF_PART)
    if part is None or ctx.request is None:
        return ()
    message = he_card_proof_message(ctx.request.request_id, ctx.request.challenge)
    return (ChallengeResponse(AUTH_PROOF_KEY, message, digest_info_sha256(message), part.data),)


def _card_proof_checks(
    reading: CardReading, report: VerificationReport, submission: Submission, ctx: ImportContext
) -> tuple[list[Check], CardLink | None]:
    """A returning client's card proof: without a copy of the request the challenge is unknown; with one,
    the link it proves and, with the records at hand, what they know of the card (``card.returning``)."""
    if submission.part(CARD_PROOF_PART) is None:
        return [], None
    if ctx.request is None:
        return [Check(AUTH_CHALLENGE, Verdict.NOT_VERIFIABLE, "jpki.challenge_unknown")], None
    result = card_link(reading, report)
    if ctx.records is None:
        return [], result.link
    chain = report.get("jpki.auth_certificate")
    recognition = recognise_link(ctx.records, result.link, reading.holder.name, reading.holder.birth_date,
                                 expired=chain is not None and chain.verdict is Verdict.EXPIRED,
                                 reason=result.reason)  # fmt: skip
    return [recognition_check(recognition)], result.link


def _remote_presence(check: Check, submission: Submission, ctx: ImportContext) -> Check:
    """Say why a remote presence was not proven: an older format, or no copy of the request."""
    if check.verdict is not Verdict.NOT_PRESENT:
        return check
    if submission.version < 2:
        return Check(check.name, Verdict.NOT_PRESENT, "presence.old_format", {"version": submission.version})
    if submission.part(PRESENCE_PART) is not None and ctx.request is None:
        return Check(check.name, Verdict.NOT_VERIFIABLE, "presence.challenge_unknown")
    return check


@dataclass(frozen=True)
class _ChipOutcome:
    """What a ヘ submission gave: the person as the chip states them, the chip photo, the checks, the
    evidence, notes for items not compared, the precise document type."""

    person: Person | None
    photo: bytes | None
    checks: list[Check]
    evidence: list[EvidenceItem]
    notes: dict[str, str]
    document_type: str | None
    #: The document's number as the chip states it (licence number); None for the residence card, whose
    #: chip holds it only inside the front image, and the My Number card, whose number is never read.
    document_number: str | None = None
    #: The user-authentication certificate a returning client's card proof holds for (saved with the record).
    card_link: CardLink | None = None


def _he(submission: Submission, ctx: ImportContext) -> _ChipOutcome:
    """The chip files become a reading through the document's own ``reading_from_files`` (the parser the
    live read uses) and are verified by the document's verifier, both from the one registry."""
    if submission.document is None:  # decode_submission guarantees it; kept for a clear error
        raise SubmissionMalformed("a ヘ submission must name its document")
    document = documents().for_submission(submission.document.value)
    chips = submission.parts_of(PartKind.CHIP_FILE)
    files = document.files_of_parts({p.name: p.data for p in chips})
    try:
        reading = document.from_files(files, read_at=ctx.received_at)
    except MalformedData as exc:
        return _malformed_chip(document, chips, files, exc, ctx)
    proofs = (*reading.proofs, *_presence_proofs(submission, ctx), *_card_proofs(submission, ctx))
    reading = dataclasses.replace(reading, proofs=proofs)
    report = document.verify_reading(reading, ctx.anchors, ctx.received_at)
    checks = [_remote_presence(check, submission, ctx) if check.name == "surface.presence" else check
              for check in report.checks]
    proof_checks, link = _card_proof_checks(reading, report, submission, ctx)
    checks += proof_checks
    stated = document.statement(reading)  # what the chip states, and what no signature covers
    checks += [Check(code, Verdict.NOT_VERIFIABLE, code) for code in stated.unsigned]
    notes = dict(stated.notes)
    person = None if stated.name is None else Person(
        name=stated.name, name_kana=stated.name_kana, birth_date=stated.birth_date, address=stated.address)
    photo = reading.photo.data if reading.photo else None
    return _ChipOutcome(person, photo, checks, list(document.evidence(reading)), notes, reading.card_type,
                        reading.card.number, link)


def _malformed_chip(
    document: Document,
    chips: Sequence[Part],
    files: Mapping[str, bytes],
    exc: MalformedData,
    ctx: ImportContext,
) -> _ChipOutcome:
    """Stored, not dropped: the raw files as evidence, ``chip.data`` INVALID with where it failed (no
    personal data: the card layer's messages name files and tags only), and the verifier's verdict on
    the raw signed files, which it re-parses itself."""
    at = ctx.received_at
    evidence = [EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", p.data, at, p.name) for p in chips]
    reason, params = error_reason(exc)
    checks = [Check("chip.data", Verdict.INVALID, reason, params)]
    bare = CardReading(card_type=document.key, holder=Holder(), signed_files=files, read_at=at)  # type: ignore[arg-type]
    checks += document.verify_reading(bare, ctx.anchors, at).checks
    return _ChipOutcome(None, None, checks, evidence, {}, None)


# --- ホ ------------------------------------------------------------------------------------------------


#: ホ document photos from a phone's camera (JPEG or PNG), through the image gate.
DOCUMENT_PHOTO: Final = ImageUse(
    "document photo",
    formats=frozenset({"jpeg", "png"}),
    max_pixels=8_000_000,
    max_claimed_pixels=50_000_000,
    max_side=20_000,
    min_side=16,
)


def _decodes(data: bytes) -> bool:
    try:
        open_image(data, DOCUMENT_PHOTO).close()
    except ImageRefused:
        return False
    return True


def _ho(submission: Submission, at: dt.datetime) -> tuple[list[Check], list[EvidenceItem], bytes | None]:
    checks, evidence = [], []
    front: bytes | None = None
    for part in submission.parts_of(PartKind.DOCUMENT_IMAGE):
        side = part.name.removeprefix("document/")
        evidence.append(EvidenceItem(EvidenceKind.CARD_IMAGE, part.media_type, part.data, at, side))
        if side == "front":
            front = part.data
        if not _decodes(part.data):
            checks.append(Check(f"document.{side.replace('/', '_')}", Verdict.INVALID,
                                "document.undecodable"))
    checks.append(Check(
        "document.authenticity", Verdict.NOT_VERIFIABLE,
        "document.judge_by_eye",
    ))
    return checks, evidence, front


# --- ワ ------------------------------------------------------------------------------------------------


def _wa(submission: Submission, ctx: ImportContext) -> tuple[Person | None, list[Check], list[EvidenceItem]]:
    at = ctx.received_at
    cert_der = _part(submission, JPKI_CERTIFICATE_PART)
    signature = _part(submission, JPKI_SIGNATURE_PART)
    evidence = [
        EvidenceItem(EvidenceKind.CERTIFICATE, "application/pkix-cert", cert_der, at, "jpki.sign_cert"),
        EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", signature, at, "jpki.signature"),
    ]
    evidence += [
        EvidenceItem(EvidenceKind.CERTIFICATE, "application/pkix-cert", p.data, at, p.name)
        for p in submission.parts_of(PartKind.JPKI_CA_CERTIFICATE)
    ]
    checks: list[Check] = []
    cert = None
    try:
        cert = verify_jpki_chain(cert_der, kind="sign", anchors=ctx.anchors, at=at)
        chain = Check("jpki.sign_certificate", Verdict.VALID,
                      "jpki.sign_certificate_valid")
    except UnknownIssuer as exc:
        chain = Check("jpki.sign_certificate", Verdict.UNTRUSTED, *error_reason(exc))
    except VerificationError as exc:
        chain = Check("jpki.sign_certificate", Verdict.INVALID, *error_reason(exc))
    checks.append(chain)
    if chain.verdict is Verdict.VALID:  # the trust folder's CRLs (docs/trust-store.md); offline: not_verifiable
        checks.append(RevocationChecker.from_trust_store(ctx.anchors).check(cert_der, ctx.anchors, at)
                      .to_check("jpki.revocation"))  # fmt: skip
    else:
        checks.append(Check("jpki.revocation", Verdict.NOT_VERIFIABLE, "jpki.revocation_not_checked"))
    checks.append(_wa_signature(cert_der, cert, signature, chain, ctx))
    four: FourItems | None
    try:
        four = parse_four_items(cert_der)
    except MalformedData:
        four = None
    person = Person(name=four.name, birth_date=four.birth_date, address=four.address) if four else None
    if ctx.request is not None:
        message = wa_signed_message(submission.request_id, ctx.request.challenge)
        evidence.append(EvidenceItem(EvidenceKind.CHIP_DATA, "application/json",
                                     json.dumps({"signed_message": message.decode("ascii")}).encode(), at,
                                     "jpki.signed_message"))
    return person, checks, evidence


def _wa_signature(cert_der: bytes, cert: object, signature: bytes, chain: Check, ctx: ImportContext) -> Check:
    name = "jpki.signature"
    if ctx.request is None:
        return Check(name, Verdict.NOT_VERIFIABLE, "jpki.challenge_unknown")
    from kyc_desk.verify.jpki import JpkiCertificate, parse_jpki_certificate

    try:
        parsed = cert if isinstance(cert, JpkiCertificate) else parse_jpki_certificate(cert_der)
    except MalformedCertificate as exc:
        return Check(name, Verdict.INVALID, *error_reason(exc))
    message = wa_signed_message(ctx.request.request_id, ctx.request.challenge)
    proof = ChallengeResponse("jpki.sign", message, digest_info_sha256(message), signature)
    try:
        verify_challenge(proof, parsed)
    except SignatureInvalid as exc:
        return Check(name, Verdict.INVALID, *error_reason(exc))
    if chain.verdict is not Verdict.VALID:
        return Check(name, chain.verdict, "signature.certificate_unverified")
    return Check(name, Verdict.VALID, "jpki.request_challenge_signed")


def _part(submission: Submission, name: str) -> bytes:
    part = submission.part(name)
    if part is None:  # decode_submission guarantees it; kept for a clear error if that ever changes
        raise SubmissionMalformed(f"submission lacks {name}")
    return part.data


# --- 項目照合 ---------------------------------------------------------------------------------------


def _item_checks(
    stated: Person | None, document: Person | None, submission: Submission, notes: Mapping[str, str]
) -> list[ItemCheck]:
    """Stated against chip, per item; an item with a note (the chip cannot be compared on it) is
    NOT_CHECKED with that note, and so is one either side leaves empty."""
    if stated is None or document is None:
        return []
    source = SOURCE_SIGN_CERTIFICATE if submission.method is Method.WA else SOURCE_CHIP
    pairs = (
        ("name", stated.name, document.name),
        ("birth_date", stated.birth_date.isoformat() if stated.birth_date else None,
         document.birth_date.isoformat() if document.birth_date else None),
        ("address", stated.address, document.address),
    )
    out = []
    for item, said, shown in pairs:
        note = notes.get(item)
        if not said or not shown:
            result = ItemResult.NOT_CHECKED
        elif note is not None and not same_text(said, shown) and item != "address":
            result = ItemResult.NOT_CHECKED  # e.g. 外字 in the chip's name: a difference proves nothing
        else:
            result = ItemResult.MATCH if same_text(said, shown) else ItemResult.MISMATCH
        out.append(ItemCheck(item, result, source, document_value=shown or None, stated_value=said,
                             note_reason=note))
    return out
