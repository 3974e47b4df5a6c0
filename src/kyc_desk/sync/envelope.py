"""暗号化封筒 — the envelope a submission travels in: HPKE (RFC 9180) to the office's public key.

Layout (docs/submission-format.md §3)::

    magic    8 bytes   b"KYCENV" 00 01
    length   2 bytes   u16 big-endian, length H of the header
    header   H bytes   UTF-8 JSON: {"v": 1, "suite": SUITE_NAME, "key_id": "<32 hex>",
                                    "request_id": "...", "method": "he" | "ho" | "wa"}
    sealed   the rest  HPKE single-shot output: enc (32 bytes) || AEAD ciphertext (with 16-byte tag)

The suite is HPKE base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20-Poly1305
(RFC 9180 ids 0x0020, 0x0001, 0x0003): the recipe :mod:`kyc_desk.crypto.hpke`.

**Binding.** ``info`` = ``b"kyc-desk/submission/v1" 00`` followed by the header bytes exactly as sent.
RFC 9180 §8.1 tells single-shot users to carry auxiliary authenticated data in ``info``, and the library's
public single-shot API has no separate ``aad``; since ``info`` enters the key schedule, every AEAD key
depends on the request id, method and key id, so a sealed body moved under another header (another
request, another method) fails authentication exactly as an altered associated data would. The decrypted
container repeats request id and method, and :func:`open_envelope` checks that they agree.

The endpoint reads only the header and the sizes (:mod:`kyc_desk.sync.envelope_header`, which holds the
layout's constants and imports no cryptography); it never holds the private key.
"""

from __future__ import annotations

import base64
from typing import Final

from kyc_desk.crypto import hpke
from kyc_desk.crypto.errors import DecryptionFailed, InvalidKey
from kyc_desk.sync.envelope_header import (
    FRAME,
    MAGIC,
    MAX_HEADER_BYTES,
    SUITE_NAME,
    VERSION,
    EnvelopeHeader,
    check_structure,
    key_id_of_raw,
)
from kyc_desk.sync.errors import EnvelopeInvalid, OfficeKeyError
from kyc_desk.sync.format import Submission, decode_submission, encode_submission

__all__ = [
    "MAGIC", "MAX_HEADER_BYTES", "SUITE_NAME", "VERSION", "EnvelopeHeader", "decode_public_key",
    "encode_public_key", "key_id_of", "open_envelope", "open_local", "read_header", "seal", "seal_local",
]

INFO_PREFIX: Final = b"kyc-desk/submission/v1\x00"
_HEADER: Final = FRAME


def key_id_of(public_key: hpke.PublicKey) -> str:
    """The key's id: the first 16 bytes of SHA-256 over its raw 32 bytes, lower-case hex."""
    return key_id_of_raw(hpke.public_key_raw(public_key))


def encode_public_key(public_key: hpke.PublicKey) -> str:
    """The public key as unpadded base64url of its 32 raw bytes (how the endpoint and links carry it)."""
    raw = hpke.public_key_raw(public_key)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_public_key(text: str) -> hpke.PublicKey:
    """Parse :func:`encode_public_key` output; raises :class:`OfficeKeyError`."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        if len(raw) != hpke.RAW_KEY_BYTES:
            raise ValueError("wrong length")
        return hpke.public_key_from_raw(raw)
    except (ValueError, InvalidKey) as exc:
        raise OfficeKeyError("the office public key is malformed", ja="事務所の公開鍵の形式が不正です。") from exc


def seal(submission: Submission, public_key: hpke.PublicKey) -> bytes:
    """Encrypt a submission to the office key; returns the envelope bytes."""
    header = EnvelopeHeader(submission.request_id, submission.method, key_id_of(public_key)).to_bytes()
    sealed = hpke.seal(encode_submission(submission), public_key, info=INFO_PREFIX + header)
    return _HEADER.pack(MAGIC, VERSION, len(header)) + header + sealed


def read_header(envelope: bytes) -> EnvelopeHeader:
    """The header of an envelope, checked for shape only (no key needed); raises SubmissionMalformed."""
    header, _ = _split(envelope)
    return header


def _split(envelope: bytes) -> tuple[EnvelopeHeader, int]:
    return check_structure(envelope, len(envelope))


def open_envelope(envelope: bytes, private_key: hpke.PrivateKey) -> Submission:
    """Decrypt and decode an envelope with the office private key.

    Raises :class:`EnvelopeInvalid` when it was encrypted to another key or altered (including a body
    moved under another header), and :class:`SubmissionMalformed` when it opens but is not a valid
    submission for the request and method its header names.
    """
    header, body = _split(envelope)
    if header.key_id != key_id_of(private_key.public_key()):
        raise EnvelopeInvalid(
            "the submission was encrypted to another office key",
            ja="提出データは別の事務所鍵で暗号化されています。",
        )
    info = INFO_PREFIX + envelope[_HEADER.size : body]
    try:
        plaintext = hpke.open_sealed(envelope[body:], private_key, info=info)
    except DecryptionFailed as exc:
        raise EnvelopeInvalid("the submission does not decrypt: altered or moved from another request") from exc
    submission = decode_submission(plaintext)
    if submission.request_id != header.request_id or submission.method is not header.method:
        raise EnvelopeInvalid("the submission's contents name another request or method than its envelope")
    return submission


LOCAL_INFO_PREFIX: Final = b"kyc-desk/desk-local/v1\x00"


def seal_local(data: bytes, public_key: hpke.PublicKey, label: str) -> bytes:
    """Encrypt desk-side state (the request registry) to the office key with the same HPKE suite.

    ``label`` (e.g. the request id) is bound through ``info``; only the public key is needed, so the desk
    can record a request without unlocking the private key.
    """
    return hpke.seal(data, public_key, info=LOCAL_INFO_PREFIX + label.encode("utf-8"))


def open_local(blob: bytes, private_key: hpke.PrivateKey, label: str) -> bytes:
    """Decrypt :func:`seal_local` output; :class:`EnvelopeInvalid` if it was altered or is for another label."""
    try:
        return hpke.open_sealed(blob, private_key, info=LOCAL_INFO_PREFIX + label.encode("utf-8"))
    except DecryptionFailed as exc:
        raise EnvelopeInvalid(
            "desk-side sync state does not decrypt with the office key",
            ja="このデスクの同期状態ファイルを事務所の鍵で復号できません。",
        ) from exc
