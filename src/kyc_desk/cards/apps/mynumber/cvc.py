"""Card-verifiable certificates (EF 0004 of the 券面事項入力補助AP and the 券面事項確認AP), parsed.

Layout (cards.md §A.3.2; 568 bytes for RSA-2048)::

    7F 21 82 02 33
      5F 4E 82 01 29   body (297 bytes): 証明者鍵ID (16) ‖ 被証明者鍵ID (16) ‖ 90 03 <e> ‖ 91 82 01 00 <n>
      5F 37 82 01 00   signature: PKCS#1 v1.5 SHA-256 over the body, by the issuer's key

The card layer only parses; :mod:`kyc_desk.verify.mynumber` decides whether to trust it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import find, parse_ber


@dataclass(frozen=True)
class RsaPublicKey:
    """An RSA public key as the card writes it (``90`` exponent, ``91`` modulus)."""

    modulus: int
    exponent: int


@dataclass(frozen=True)
class CardVerifiableCertificate:
    """A parsed CVC: who issued it, whose key it certifies, the key, and the signed body."""

    issuer_id: bytes
    subject_id: bytes
    key: RsaPublicKey
    body: bytes
    signature: bytes


def parse_rsa_public_key(raw: bytes, *, where: str) -> RsaPublicKey:
    """``90 <e> 91 <n>`` → :class:`RsaPublicKey`; :class:`MalformedData` if either is missing."""
    objects = parse_ber(raw, allow_filler=False)
    exponent, modulus = find(objects, L.RSA_EXPONENT_TAG), find(objects, L.RSA_MODULUS_TAG)
    if exponent is None or modulus is None or not exponent.value or len(modulus.value) < 64:
        raise MalformedData("RSA public key incomplete", ef=where)
    return RsaPublicKey(int.from_bytes(modulus.value, "big"), int.from_bytes(exponent.value, "big"))


def parse_cvc(raw: bytes, *, where: str = "EF 0004") -> CardVerifiableCertificate:
    """Parse EF 0004 (filler after the certificate is ignored)."""
    objects = parse_ber(raw)
    if not objects or objects[0].tag != L.CVC_TAG:
        raise MalformedData("not a card-verifiable certificate", ef=where, tag=L.CVC_TAG)
    inner = objects[0].children()
    body, signature = find(inner, L.CVC_BODY_TAG), find(inner, L.CVC_SIGNATURE_TAG)
    if body is None or signature is None:
        raise MalformedData("certificate body or signature missing", ef=where)
    ids = 2 * L.KEY_ID_LENGTH
    if len(body.value) <= ids:
        raise MalformedData("certificate body too short", ef=where, tag=L.CVC_BODY_TAG)
    return CardVerifiableCertificate(
        issuer_id=body.value[: L.KEY_ID_LENGTH],
        subject_id=body.value[L.KEY_ID_LENGTH : ids],
        key=parse_rsa_public_key(body.value[ids:], where=where),
        body=body.value,
        signature=signature.value,
    )
