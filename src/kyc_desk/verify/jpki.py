"""JPKI certificates: parse, check the chain to a trusted CA at a given time, check a card's signature.

The steps follow domain.md §1.7 as far as a desk can go offline:

1. the certificate's signature by a CA in the trust store (matched by name *and* key id, because all CA
   generations share one name — cards.md §A.6); no matching CA → :class:`UnknownIssuer` (nothing was
   checked), a matching CA whose key does not verify → :class:`SignatureInvalid`;
2. validity of the certificate and of the CA at the time ``at`` passed in → :class:`ChainInvalid`;
3. the key usage the certificate kind needs (signature: digitalSignature + nonRepudiation; user
   authentication: digitalSignature) and a CA that may sign certificates → :class:`ChainInvalid`;
4. revocation: J-LIS gives CRL/OCSP only to registered verifiers, so the desk cannot check it and says so
   (:data:`REVOCATION_NOT_CHECKED`), never implying it did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from asn1crypto import x509 as asn1_x509

from kyc_desk.cards.apps.mynumber.layouts import digest_info_sha256
from kyc_desk.cards.reading import ChallengeResponse
from kyc_desk.verify._primitives import verify_certificate_issued_by, verify_rsa_pkcs1v15_sha256
from kyc_desk.verify.errors import (
    CertificateExpired,
    ChainInvalid,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
)
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
    except (ValueError, TypeError, KeyError) as exc:
        raise MalformedCertificate("the certificate could not be parsed", ja="証明書の形式が不正です。") from exc


def _valid_at(not_before: dt.datetime, not_after: dt.datetime, at: dt.datetime, what: str) -> None:
    if at < not_before:
        raise CertificateExpired(f"the {what} is not valid yet", ja="証明書の有効期間の開始前です。")
    if at > not_after:
        raise CertificateExpired(f"the {what} has expired", ja="証明書の有効期間が過ぎています。")


def verify_jpki_chain(der: bytes, *, kind: CertKind, anchors: TrustStore, at: dt.datetime) -> JpkiCertificate:
    """Check a JPKI end-entity certificate against the trust store at time ``at`` (timezone-aware).

    Returns the parsed certificate; raises UnknownIssuer / SignatureInvalid / ChainInvalid /
    MalformedCertificate.
    """
    if at.tzinfo is None:
        raise ValueError("`at` must be timezone-aware")
    cert = parse_jpki_certificate(der)
    candidates = anchors.issuers_of(cert.issuer, cert.authority_key_id)
    if not candidates:
        raise UnknownIssuer(
            "no CA in the trust store issued this certificate", ja="この証明書の発行者は信頼済みの一覧にありません。"
        )
    issuer = None
    failure: SignatureInvalid | None = None
    for candidate in candidates:
        try:
            verify_certificate_issued_by(der, candidate.der)
        except SignatureInvalid as exc:
            failure = exc
            continue
        issuer = candidate
        break
    if issuer is None:
        assert failure is not None
        raise failure
    anchor = asn1_x509.Certificate.load(issuer.der)
    validity = anchor["tbs_certificate"]["validity"]
    _valid_at(validity["not_before"].native, validity["not_after"].native, at, "CA certificate")
    anchor_usage = anchor.key_usage_value
    if anchor_usage is not None and "key_cert_sign" not in anchor_usage.native:
        raise ChainInvalid(
            "the CA certificate may not sign certificates", ja="CA証明書に証明書署名の用途がありません。"
        )
    _valid_at(cert.not_before, cert.not_after, at, "certificate")
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
