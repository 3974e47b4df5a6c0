"""The verification recipes raise the exact error for each kind of failure (flip one byte, expect it)."""

from __future__ import annotations

import pytest

from kyc_desk.cards.apps.mynumber import parse_card_face, parse_cvc, parse_text_attributes
from kyc_desk.verify import (
    MalformedCertificate,
    SignatureInvalid,
    TrustStore,
    UnknownIssuer,
    verify_card_face,
    verify_cvc,
    verify_text_record,
)
from kyc_desk.verify._primitives import recover_rsa_pkcs1v15, verify_certificate_issued_by
from kyc_desk.verify.errors import DigestMismatch
from kyc_desk_testkit.softcard.pki import softcard_issuers
from tests.mynumber.conftest import read_in_memory


def flip(data: bytes, index: int, mask: int = 0x80) -> bytes:
    return data[:index] + bytes((data[index] ^ mask,)) + data[index + 1 :]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return dict(read_in_memory().signed_files)


def test_cvc_by_trusted_unknown_and_altered(files: dict[str, bytes], anchors: TrustStore) -> None:
    cvc = parse_cvc(files["surface.certificate"])
    verify_cvc(cvc, anchors)
    with pytest.raises(UnknownIssuer):
        verify_cvc(cvc, TrustStore())
    with pytest.raises(SignatureInvalid):
        verify_cvc(parse_cvc(flip(files["surface.certificate"], 40)), anchors)  # subject key id altered


def test_card_face_signature(files: dict[str, bytes]) -> None:
    cvc = parse_cvc(files["surface.certificate"])
    face = parse_card_face(files["surface.face"])
    verify_card_face(face, cvc)
    other_key = parse_cvc(files["text.certificate"])  # a real key, but not the one that signed
    with pytest.raises(SignatureInvalid):
        verify_card_face(face, other_key)
    photo_at = files["surface.face"].index(face.photo) + len(face.photo) // 2
    with pytest.raises(SignatureInvalid):
        verify_card_face(parse_card_face(flip(files["surface.face"], photo_at)), cvc)  # one photo byte


def test_text_record(files: dict[str, bytes]) -> None:
    cvc = parse_cvc(files["text.certificate"])
    attributes = parse_text_attributes(files["text.attributes"])
    verify_text_record(attributes, files["text.signature"], cvc)
    with pytest.raises(SignatureInvalid):
        verify_text_record(attributes, flip(files["text.signature"], 100), cvc)  # inside the signature
    with pytest.raises(SignatureInvalid):
        verify_text_record(attributes, flip(files["text.signature"], 10), cvc)  # a signed digest byte
    name_at = files["text.attributes"].index("太郎".encode())
    altered = parse_text_attributes(flip(files["text.attributes"], name_at + 2, 0x01))  # 太 → another kanji
    with pytest.raises(DigestMismatch):
        verify_text_record(altered, files["text.signature"], cvc)


def test_primitives_translate_failures(files: dict[str, bytes]) -> None:
    issuers, rogue = softcard_issuers(), softcard_issuers(rogue=True)
    verify_certificate_issued_by(files["jpki.sign_cert"], issuers.sign_ca_cert)
    with pytest.raises(SignatureInvalid):
        verify_certificate_issued_by(files["jpki.sign_cert"], rogue.sign_ca_cert)  # same name, other key
    with pytest.raises(SignatureInvalid):
        verify_certificate_issued_by(files["jpki.sign_cert"], issuers.auth_ca_cert)  # other name
    with pytest.raises(MalformedCertificate):
        verify_certificate_issued_by(b"\x30\x03\x02\x01\x01", issuers.sign_ca_cert)
    key = parse_cvc(files["text.certificate"]).key
    with pytest.raises(SignatureInvalid):
        recover_rsa_pkcs1v15(key.modulus, key.exponent, bytes(255))  # wrong length
    with pytest.raises(SignatureInvalid):
        recover_rsa_pkcs1v15(key.modulus, key.exponent, b"\x01" * 256)  # not a type-1 block
