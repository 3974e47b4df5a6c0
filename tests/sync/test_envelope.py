"""The HPKE envelope: opens only with the office key, and only under the header it was sealed with."""

from __future__ import annotations

import struct

import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.sync.envelope import (
    EnvelopeHeader,
    decode_public_key,
    encode_public_key,
    key_id_of,
    open_envelope,
    read_header,
    seal,
)
from kyc_desk.sync.errors import EnvelopeInvalid, OfficeKeyError, SubmissionMalformed
from kyc_desk.sync.format import Method, build_submission
from kyc_desk.sync.submitter import jpki_parts

REQ = "Req_0123456789abcdef"
OTHER = "Other_0123456789abcd"


def wa_submission(request_id: str = REQ):
    return build_submission(request_id=request_id, method=Method.WA, document=None,
                            parts=jpki_parts(b"\x01" * 256, b"\x30" * 300))


def test_round_trip(office_key):
    env = seal(wa_submission(), office_key.public_key())
    header = read_header(env)
    assert header == EnvelopeHeader(REQ, Method.WA, key_id_of(office_key.public_key()))
    assert open_envelope(env, office_key).part("jpki/signature").data == b"\x01" * 256


def test_plaintext_does_not_appear_in_the_envelope(office_key):
    env = seal(wa_submission(), office_key.public_key())
    assert b"\x01" * 32 not in env and b"jpki/signature" not in env


def test_another_office_key_cannot_open_it(office_key):
    env = seal(wa_submission(), office_key.public_key())
    with pytest.raises(EnvelopeInvalid, match="another office key"):
        open_envelope(env, x25519.X25519PrivateKey.generate())


def _swap_header(env: bytes, header: EnvelopeHeader) -> bytes:
    length = struct.unpack_from(">H", env, 8)[0]
    raw = header.to_bytes()
    return env[:8] + struct.pack(">H", len(raw)) + raw + env[10 + length:]


def test_a_body_moved_to_another_request_or_method_fails(office_key):
    env = seal(wa_submission(), office_key.public_key())
    kid = key_id_of(office_key.public_key())
    for header in (EnvelopeHeader(OTHER, Method.WA, kid), EnvelopeHeader(REQ, Method.HE, kid)):
        with pytest.raises(EnvelopeInvalid):
            open_envelope(_swap_header(env, header), office_key)


def test_a_flipped_ciphertext_byte_fails(office_key):
    env = bytearray(seal(wa_submission(), office_key.public_key()))
    env[-20] ^= 0x80
    with pytest.raises(EnvelopeInvalid):
        open_envelope(bytes(env), office_key)


@pytest.mark.parametrize("blob", [b"", b"KYCENV", b"KYCENV\x00\x01\x00\x05{}{}{", b"PK\x03\x04" + b"\x00" * 60])
def test_garbage_is_malformed_not_a_crash(blob):
    with pytest.raises(SubmissionMalformed):
        read_header(blob)


def test_non_canonical_header_is_refused(office_key):
    env = seal(wa_submission(), office_key.public_key())
    length = struct.unpack_from(">H", env, 8)[0]
    spaced = env[10:10 + length].replace(b",", b", ")
    with pytest.raises(SubmissionMalformed, match="canonical"):
        read_header(env[:8] + struct.pack(">H", len(spaced)) + spaced + env[10 + length:])


def test_public_key_text_round_trip_and_refusal(office_key):
    text = encode_public_key(office_key.public_key())
    assert len(text) == 43
    assert key_id_of(decode_public_key(text)) == key_id_of(office_key.public_key())
    with pytest.raises(OfficeKeyError):
        decode_public_key("not-a-key")
