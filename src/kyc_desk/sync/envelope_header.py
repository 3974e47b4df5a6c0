"""封筒の外形 — what can be known about an envelope without a key: its header and its sizes.

The endpoint reads this and nothing more of a submission, so it lives apart from the HPKE code in
:mod:`kyc_desk.sync.envelope`: the internet-facing server imports this module, never the cryptography.
Layout (docs/submission-format.md §3)::

    magic    8 bytes   b"KYCENV" 00 01
    length   2 bytes   u16 big-endian, length H of the header (at most MAX_HEADER_BYTES)
    header   H bytes   canonical ASCII JSON, see :meth:`EnvelopeHeader.to_bytes`
    sealed   the rest  enc (ENC_LENGTH bytes) || AEAD ciphertext of the container || tag (TAG_LENGTH bytes)

:func:`check_structure` refuses what cannot be a sealed submission — another version or suite, a
non-canonical header, a sealed part shorter than the KEM output, the tag and the smallest container —
so that a broken upload is refused before the endpoint accepts it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
from dataclasses import dataclass
from typing import Final

from kyc_desk.sync._framing import read_framed_json
from kyc_desk.sync.errors import OfficeKeyError, SubmissionMalformed
from kyc_desk.sync.format import REQUEST_ID_PATTERN, Method

MAGIC: Final = b"KYCENV"
VERSION: Final = 1
SUITE_NAME: Final = "DHKEM-X25519-HKDF-SHA256/HKDF-SHA256/ChaCha20Poly1305"
FRAME: Final = struct.Struct(">6sHH")
MAX_HEADER_BYTES: Final = 1024
#: Bytes an endpoint needs before it can judge the header: the frame and the longest header.
HEADER_PREFIX_BYTES: Final = FRAME.size + MAX_HEADER_BYTES
#: DHKEM(X25519) output (RFC 9180 §7.1: Nenc = 32) and the ChaCha20-Poly1305 tag (Nt = 16).
ENC_LENGTH: Final = 32
TAG_LENGTH: Final = 16
#: The smallest container a submission can be (docs/submission-format.md §2): its 12-byte frame and a
#: manifest that names at least format, version, request id, method and one part. A test seals the
#: smallest real submission and checks that it is larger.
MIN_CONTAINER_BYTES: Final = 12 + 160
MIN_SEALED_BYTES: Final = ENC_LENGTH + MIN_CONTAINER_BYTES + TAG_LENGTH
_KEY_ID: Final = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class EnvelopeHeader:
    """What the endpoint may know about a submission: which request, which method, to which key."""

    request_id: str
    method: Method
    key_id: str

    def to_bytes(self) -> bytes:
        return json.dumps(
            {"v": VERSION, "suite": SUITE_NAME, "key_id": self.key_id, "request_id": self.request_id,
             "method": self.method.value},
            separators=(",", ":"),
        ).encode("ascii")


def key_id_of_raw(raw: bytes) -> str:
    """A public key's id: the first 16 bytes of SHA-256 over its raw 32 bytes, lower-case hex."""
    return hashlib.sha256(raw).hexdigest()[:32]


def raw_public_key(text: str) -> bytes:
    """The 32 raw bytes of a base64url (unpadded) X25519 public key; raises :class:`OfficeKeyError`."""
    try:
        if len(text) != 43:
            raise ValueError("wrong length")
        raw = base64.urlsafe_b64decode(text + "=")
    except ValueError as exc:
        raise OfficeKeyError("the office public key is malformed", ja="事務所の公開鍵の形式が不正です。") from exc
    if len(raw) != 32:
        raise OfficeKeyError("the office public key is malformed", ja="事務所の公開鍵の形式が不正です。")
    return raw


def check_structure(prefix: bytes, total_length: int) -> tuple[EnvelopeHeader, int]:
    """The header of an envelope of ``total_length`` bytes that starts with ``prefix``, and where its
    sealed part starts; raises :class:`SubmissionMalformed` when it cannot be a sealed submission.

    ``prefix`` must hold at least :data:`HEADER_PREFIX_BYTES` bytes, or the whole envelope.
    """
    obj, body = read_framed_json(
        prefix, frame=FRAME, magic=MAGIC, version=VERSION, max_head=MAX_HEADER_BYTES, encoding="ascii",
        what="envelope",
    )
    if not isinstance(obj, dict) or obj.get("v") != VERSION or obj.get("suite") != SUITE_NAME:
        raise SubmissionMalformed("envelope header names another version or cipher suite")
    request_id, method, key_id = obj.get("request_id"), obj.get("method"), obj.get("key_id")
    if not isinstance(request_id, str) or not REQUEST_ID_PATTERN.match(request_id):
        raise SubmissionMalformed("envelope request id is malformed")
    if not isinstance(key_id, str) or not _KEY_ID.match(key_id):
        raise SubmissionMalformed("envelope key id is malformed")
    try:
        parsed_method = Method(method)
    except ValueError as exc:
        raise SubmissionMalformed("envelope method is unknown") from exc
    header = EnvelopeHeader(request_id, parsed_method, key_id)
    if header.to_bytes() != prefix[FRAME.size : body]:
        raise SubmissionMalformed("envelope header is not in canonical form")
    if total_length - body < MIN_SEALED_BYTES:
        raise SubmissionMalformed(
            "envelope is too short to hold the KEM output, a submission and the authentication tag"
        )
    return header, body
