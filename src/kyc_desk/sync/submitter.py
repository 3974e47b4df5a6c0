"""提出クライアント — builds a submission, encrypts it to the office and uploads it (``kyc-desk submit``).

This is what a client's phone does, in a form tests, demos and office kiosks can run: the parts come from
files (chip EF dumps, JPEG/PNG frames, a JPKI signature and certificate) or from a card read through PC/SC
(for ヘ: a My Number card, a driver's licence or a residence card / special permanent resident
certificate, whichever is on the reader; its secrets are asked through the prompt, never taken from argv).
Before anything leaves the machine it checks, in order:

1. the link: the endpoint's request must allow the method, and the office key it hands out must match
   the key id in the link's ``#k=`` fragment (so a tampered endpoint cannot substitute its own key);
2. the date rule (ホ is refused from 2027-04-01, records/legal.py);
3. the submission format (:func:`kyc_desk.sync.format.build_submission`), which refuses the individual
   number and anything else the desk must not receive;
4. the size limit the endpoint announces.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from kyc_desk.crypto import hpke
from kyc_desk.jp.time import JAPAN_TIME as JST
from kyc_desk.sync._legal import check_allowed
from kyc_desk.sync.client import LinkClient, LinkInfo
from kyc_desk.sync.envelope import decode_public_key, key_id_of, seal
from kyc_desk.sync.errors import MethodNotAllowed, OfficeKeyError, SubmissionMalformed
from kyc_desk.sync.format import (
    CARD_PROOF_PART,
    JPKI_CERTIFICATE_PART,
    JPKI_SIGNATURE_PART,
    PRESENCE_PART,
    DocumentKind,
    Method,
    Part,
    PartKind,
    Submission,
    build_submission,
    he_card_proof_message,
    he_presence_message,
    selfie_part_name,
    wa_signed_message,
)

if TYPE_CHECKING:
    from kyc_desk.cards.apps.mynumber import SecretPrompt
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.reading import CardReading

log = logging.getLogger(__name__)

#: Told each stage of :func:`submit` as it starts: ``"link"`` (the request is read again), ``"encrypt"``,
#: ``"upload"``; and ``"done"`` when the endpoint has the envelope.
SubmitProgress = Callable[[str], None]


@dataclass(frozen=True)
class Receipt:
    """What the client learns after a successful upload."""

    submission_id: str
    request_id: str
    method: Method
    size: int


def _media_type(path: Path, data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    raise SubmissionMalformed(
        f"{path.name} is neither a JPEG nor a PNG image",
        ja="画像が JPEG・PNG 形式ではありません。",
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SubmissionMalformed(f"cannot read {path.name}", ja="ファイルを読み込めません。") from exc


def selfie_parts(frames: Iterable[Path | bytes]) -> list[Part]:
    """Selfie frames (JPEG or PNG files or bytes), numbered in order."""
    parts = []
    for i, frame in enumerate(frames):
        data = frame if isinstance(frame, bytes) else _read(frame)
        parts.append(Part(selfie_part_name(i), PartKind.SELFIE_FRAME, data, _media_type(Path(f"frame {i}"), data)))
    return parts


def chip_parts(files: dict[str, Path | bytes]) -> list[Part]:
    """Chip EF dumps keyed by part name (``chip/mynumber/surface/0002``)."""
    return [
        Part(name, PartKind.CHIP_FILE, data if isinstance(data, bytes) else _read(data))
        for name, data in files.items()
    ]


def document_parts(images: dict[str, Path | bytes]) -> list[Part]:
    """ホ document images keyed by side (front, back, thickness, tilt; ``thickness/01`` for more frames)."""
    parts = []
    for side, image in images.items():
        data = image if isinstance(image, bytes) else _read(image)
        parts.append(Part(f"document/{side}", PartKind.DOCUMENT_IMAGE, data, _media_type(Path(side), data)))
    return parts


def jpki_parts(signature: bytes, certificate: bytes, ca_certificates: Sequence[bytes] = ()) -> list[Part]:
    """ワ parts: the signature over :func:`~kyc_desk.sync.format.wa_signed_message`, the 署名用電子証明書 and
    optionally its CA chain (all DER)."""
    parts = [
        Part(JPKI_SIGNATURE_PART, PartKind.JPKI_SIGNATURE, signature),
        Part(JPKI_CERTIFICATE_PART, PartKind.JPKI_CERTIFICATE, certificate, "application/pkix-cert"),
    ]
    parts += [
        Part(f"jpki/ca/{i:02d}", PartKind.JPKI_CA_CERTIFICATE, der, "application/pkix-cert")
        for i, der in enumerate(ca_certificates)
    ]
    return parts


def prepare(
    info: LinkInfo, method: Method, document: DocumentKind | None, parts: Iterable[Part], *,
    expected_key_id: str | None, now: dt.datetime | None = None,
) -> tuple[Submission, bytes]:
    """Check and encrypt a submission for a link's request; returns it and its envelope."""
    if method not in info.methods:
        raise MethodNotAllowed(
            f"this request does not allow method {method.letter_ja} ({method.value})",
            ja=f"この依頼では「{method.letter_ja}」方式は使えません。",
        )
    when = now or dt.datetime.now(dt.UTC)
    check_allowed(method, when.astimezone(JST).date())
    public_key = check_office_key(info, expected_key_id)
    submission = build_submission(
        request_id=info.request_id, method=method, document=document, parts=parts, created_at=when
    )
    envelope = seal(submission, public_key)
    if len(envelope) > info.max_upload_bytes:
        raise SubmissionMalformed(
            f"the submission is {len(envelope)} bytes; the endpoint accepts at most {info.max_upload_bytes}",
            ja="提出データが大きすぎます。写真の枚数や大きさを減らしてください。",
        )
    return submission, envelope


def check_office_key(info: LinkInfo, expected_key_id: str | None) -> hpke.PublicKey:
    """The office public key the endpoint handed out, once it is known to be the one the link names (its
    key id equals the ``#k=`` fragment, which never reaches the endpoint); raises :class:`OfficeKeyError`."""
    public_key = decode_public_key(info.office_public_key)
    if key_id_of(public_key) != info.key_id or (expected_key_id is not None and expected_key_id != info.key_id):
        raise OfficeKeyError(
            "the endpoint offered an office key that does not match the link",
            ja="受付サーバーが示した事務所鍵がリンクと一致しません。送信を中止しました。",
        )
    return public_key


def submit(
    link: str, method: Method, document: DocumentKind | None, parts: Iterable[Part], *,
    transport: httpx.BaseTransport | None = None, now: dt.datetime | None = None,
    progress: SubmitProgress | None = None, on_sent: Callable[[int, int], None] | None = None,
) -> Receipt:
    """Build, encrypt and upload one submission for a one-time link (``progress``: see :data:`SubmitProgress`;
    ``on_sent(bytes sent, total)`` during the upload)."""
    step = progress or (lambda _stage: None)
    with LinkClient(link, transport=transport) as client:
        step("link")
        info = client.info()
        step("encrypt")
        _submission, envelope = prepare(info, method, document, parts, expected_key_id=client.expected_key_id,
                                       now=now)
        step("upload")
        submission_id = client.upload(envelope, on_sent=on_sent)
    step("done")
    log.info("submitted %s for request %s (%d bytes)", submission_id[:8], info.request_id[:8], len(envelope))
    return Receipt(submission_id, info.request_id, method, len(envelope))


def link_challenge(link: str, *, transport: httpx.BaseTransport | None = None) -> LinkInfo:
    """The link's request details (for signing the ワ challenge before :func:`submit`)."""
    with LinkClient(link, transport=transport) as client:
        return client.info()


# --- from a card ---------------------------------------------------------------------------------------

def parts_from_reading(
    reading: CardReading, *, presence_message: bytes | None = None, card_proof_message: bytes | None = None
) -> list[Part]:
    """The ヘ chip parts of a card reading, named by its document's table in the registry (files the format
    refuses have no entry there and are left out: EF 0003, the licence's 本籍, the residence card's
    permission fields), the presence part when the card key signed ``presence_message``
    (:func:`~kyc_desk.sync.format.he_presence_message`), and the card-proof part when the user-authentication
    key signed ``card_proof_message`` (:func:`~kyc_desk.sync.format.he_card_proof_message`) — a proof over
    any other challenge means nothing to the desk and is not sent."""
    from kyc_desk.cards.apps.mynumber.jpki import AUTH_PROOF_KEY as AUTH_KEY
    from kyc_desk.cards.apps.mynumber.surface import PRESENCE_KEY
    from kyc_desk.documents import documents

    document = documents().get(reading.card_type)
    if document.submission is None:
        raise SubmissionMalformed(
            f"remote submissions from a {reading.card_type} reading are not supported by this submitter",
            ja="この種類のカードからの提出データ作成には対応していません。",
        )
    parts = [Part(name, PartKind.CHIP_FILE, data) for name, data in document.parts_of_reading(reading).items()]
    for proof in reading.proofs:
        if proof.key == AUTH_KEY and card_proof_message is not None and proof.challenge == card_proof_message:
            if proof.refused:
                raise MethodNotAllowed(
                    f"the card refused the authentication signature (SW={proof.status:04X})",
                    ja="カードが利用者証明用の署名を拒否しました。カードによる確認なしで送る場合は、選択を外してください。",
                )
            parts.append(Part(CARD_PROOF_PART, PartKind.CARD_PROOF_SIGNATURE, proof.signature))
            continue
        if proof.key != PRESENCE_KEY or presence_message is None or proof.challenge != presence_message:
            continue
        if proof.refused:  # sent without it: the desk reports the presence as not proven
            log.warning("the card refused the presence challenge (SW=%04X)", proof.status)
            continue
        parts.append(Part(PRESENCE_PART, PartKind.PRESENCE_SIGNATURE, proof.signature))
    return parts


def document_of(parts: Iterable[Part]) -> DocumentKind | None:
    """The document a ヘ submission's chip parts come from (their names say it: ``chip/<document>/…``);
    None when there are no chip parts."""
    for part in parts:
        if part.kind is PartKind.CHIP_FILE:
            return DocumentKind(part.name.split("/")[1])
    return None


def read_he_parts(
    card: Card, prompt: SecretPrompt, info: LinkInfo | None = None, *, card_proof: bool = False,
    progress: Callable[[str], None] | None = None,
) -> list[Part]:
    """Read the card on the reader for ヘ: whichever document the registry finds (probed, no VERIFY sent),
    read for a remote submission (``purpose="remote"``):

    - My Number card: card face via 照合番号B or PIN, text AP, JPKI certificates; the signature password
      is not asked (ヘ does not need the signature certificate). With the link's ``info``, the card face
      AP's card key also signs the request's challenge (:func:`~kyc_desk.sync.format.he_presence_message`,
      one ``80 2A 00 00``, no secret): the ``presence/signature`` part that lets the desk tell the chip
      from a copy of its files;
    - driver's licence: ``pin1`` and ``pin2`` through ``prompt`` (tries left shown first, never retried);
      PIN 2 is needed, since it opens the photo the face match uses;
    - residence card / special permanent resident certificate: ``card_number`` through ``prompt``
      (``tries_left`` is ``NO_TRY_COUNTER``: the card keeps no counter).

    With ``card_proof`` (the client chose it; My Number card only, and the link's ``info`` is needed) the
    client's 4-digit user-authentication PIN is asked too (tries first, sent once) and the authentication key
    signs :func:`~kyc_desk.sync.format.he_card_proof_message`: the ``card-proof/signature`` part by which
    the desk recognises a returning client's card. Without the PIN (skipped) the read stops: the client
    asked for the proof, so nothing is sent without it.

    ``progress`` is told the card reader's steps (``"surface"``, ``"pin2"``, …) as they start.
    """
    from kyc_desk.documents import documents

    message = he_presence_message(info.request_id, info.challenge) if info is not None else None
    proof_message = None
    if card_proof:
        if info is None:
            raise MethodNotAllowed("a card proof needs the link's challenge",
                                   ja="カードによる確認には依頼のチャレンジが必要です。")  # fmt: skip
        proof_message = he_card_proof_message(info.request_id, info.challenge)
    document = documents().detect(card)
    reading = document.read_card(card, prompt, purpose="remote", presence_challenge=message,
                                 card_proof_challenge=proof_message, progress=progress)  # fmt: skip
    parts = parts_from_reading(reading, presence_message=message, card_proof_message=proof_message)
    if card_proof and not any(p.kind is PartKind.CARD_PROOF_SIGNATURE for p in parts):
        raise MethodNotAllowed("the user-authentication PIN was not given",
                               ja="利用者証明用電子証明書の暗証番号が入力されませんでした。")  # fmt: skip
    return parts


def sign_wa(card: Card, prompt: SecretPrompt, info: LinkInfo) -> list[Part]:
    """ワ parts from a My Number card: the card signs this request's challenge with the signature key.

    The 署名用パスワード is asked through ``prompt`` (tries left shown first, by the card layer) and sent
    once; a wrong one is never retried.
    """
    from kyc_desk.cards.apps.mynumber.jpki import JpkiApp

    tries: dict[str, int] = {}
    jpki = JpkiApp.select(card)
    ca = jpki.read_sign_ca_certificate()
    if not jpki.unlock_signature(prompt, tries):
        raise MethodNotAllowed("the signature password was not given", ja="署名用パスワードが入力されませんでした。")
    certificate = jpki.read_sign_certificate()
    proof = jpki.sign_challenge(wa_signed_message(info.request_id, info.challenge))
    return jpki_parts(proof.signature, certificate, [ca] if ca else [])
