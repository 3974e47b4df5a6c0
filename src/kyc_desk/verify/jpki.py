"""JPKI certificates: parse, check the chain to a trusted CA at a given time, check a card's signature.

The steps follow domain.md §1.7 as far as a desk can go offline:

1. the chain to a CA in the trust store, the one check of :mod:`kyc_desk.verify.chain` (issuer chosen by
   key id, because all CA generations share one name — cards.md §A.6; no matching CA →
   :class:`UnknownIssuer`, nothing was checked; the chosen CA's key does not verify →
   :class:`SignatureInvalid`; validity of both and the CA's keyCertSign at the time ``at``);
2. the key usage the certificate kind needs (signature: digitalSignature + nonRepudiation; user
   authentication: digitalSignature) → :class:`ChainInvalid`;
3. revocation is :mod:`kyc_desk.verify.revocation` (CRL files, OCSP); without either the desk says it did
   not check (:data:`REVOCATION_NOT_CHECKED`), never implying it did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apps.mynumber.layouts import digest_info_sha256
from kyc_desk.cards.reading import ChallengeResponse
from kyc_desk.verify._primitives import verify_rsa_pkcs1v15_sha256
from kyc_desk.verify.chain import verify_chain
from kyc_desk.verify.errors import ChainInvalid, MalformedCertificate, SignatureInvalid
from kyc_desk.verify.trust import TrustStore

CertKind = Literal["sign", "auth"]

REVOCATION_NOT_CHECKED: Final = (
    "revocation is not checked: J-LIS gives CRL/OCSP only to registered verifiers (use a platform operator)"
)
_REQUIRED_USAGE: Final[dict[str, frozenset[str]]] = {
    "sign": frozenset({"digital_signature", "non_repudiation"}),
    "auth": frozenset({"digital_signature"}),
}


@dataclass(frozen=True)
class JpkiCertificate:
    """What the desk uses from a JPKI certificate (no personal data: the four items are parsed by
    :func:`kyc_desk.cards.apps.mynumber.parse_four_items`)."""

    der: bytes
    serial: int
    issuer: bytes  # DER of the issuer name
    issuer_text: str
    not_before: dt.datetime
    not_after: dt.datetime
    modulus: int
    exponent: int
    key_usage: frozenset[str]
    authority_key_id: bytes | None
    policies: tuple[str, ...]


def parse_jpki_certificate(der: bytes) -> JpkiCertificate:
    """Parse a DER certificate; :class:`MalformedCertificate` if it is not an RSA X.509 certificate."""
    try:
        cert = asn1_x509.Certificate.load(der)
        tbs = cert["tbs_certificate"]
        key = cert.public_key
        if key.algorithm != "rsa":
            raise MalformedCertificate("the certificate's key is not RSA", ja="証明書の鍵がRSAではありません。")
        numbers = key["public_key"].parsed
        usage = cert.key_usage_value
        policies = cert.certificate_policies_value
        return JpkiCertificate(
            der=bytes(der),
            serial=int(cert.serial_number),
            issuer=cert.issuer.dump(),
            issuer_text=cert.issuer.human_friendly,
            not_before=tbs["validity"]["not_before"].native,
            not_after=tbs["validity"]["not_after"].native,
            modulus=int(numbers["modulus"].native),
            exponent=int(numbers["public_exponent"].native),
            key_usage=frozenset(usage.native) if usage is not None else frozenset(),
            authority_key_id=cert.authority_key_identifier,
            policies=tuple(p["policy_identifier"].dotted for p in policies) if policies is not None else (),
        )
    except MalformedCertificate:
        raise
    except Exception as exc:  # asn1crypto parses lazily and raises many kinds (IndexError, …) on hostile DER
        raise MalformedCertificate("the certificate could not be parsed", ja="証明書の形式が不正です。") from exc


def verify_jpki_chain(der: bytes, *, kind: CertKind, anchors: TrustStore, at: dt.datetime) -> JpkiCertificate:
    """Check a JPKI end-entity certificate against the trust store at time ``at`` (timezone-aware).

    The chain itself (issuer chosen by key, CA validity and keyCertSign, the certificate's validity) is
    :func:`kyc_desk.verify.chain.verify_chain`; this adds the key usage of the certificate kind. Returns the
    parsed certificate; raises UnknownIssuer / SignatureInvalid / ChainInvalid / MalformedCertificate.
    """
    cert = parse_jpki_certificate(der)
    verify_chain(der, anchors, at=at)
    missing = _REQUIRED_USAGE[kind] - cert.key_usage
    if missing:
        raise ChainInvalid(
            f"the certificate lacks the key usage {', '.join(sorted(missing))}", ja="証明書の鍵用途が不足しています。"
        )
    return cert


def verify_challenge(proof: ChallengeResponse, certificate: JpkiCertificate) -> None:
    """The card's signature over the desk's challenge verifies with the certificate's key.

    Also checks that what the card was given is the DigestInfo of the challenge (so the proof is about
    this challenge and nothing else).
    """
    if proof.signed != digest_info_sha256(proof.challenge):
        raise SignatureInvalid(
            "the signed data is not the digest of the challenge", ja="署名対象がチャレンジと一致しません。"
        )
    verify_rsa_pkcs1v15_sha256(certificate.modulus, certificate.exponent, proof.signature, proof.challenge)
