"""One X.509 chain check for every card that carries a certificate (JPKI, the residence card).

A card certificate is checked against the CA certificates of the trust store in these steps:

1. **choose the issuer by key**: the anchors whose subject is the certificate's issuer name (compared
   as RFC 5280 names, so a PrintableString and a UTF8String spelling of ``JPKI`` are the same name) and,
   when the certificate names its Authority Key Identifier, whose Subject Key Identifier is that id.
   Issuers renew their keys under the same name (the three JPKI signature CA generations share one), so
   a name alone chooses nothing;
2. **no such anchor → :class:`UnknownIssuer`** (``untrusted``: nothing was checked). This includes a
   certificate whose key id matches no installed generation, and a certificate that names no key id and
   is signed by none of the same-named anchors: the desk cannot tell "another generation of the issuer"
   from "altered" there, and must not call a new generation a forgery;
3. **an anchor chosen by key id whose key does not verify the signature → :class:`SignatureInvalid`**
   (``invalid``: altered, or forged under the issuer's key id);
4. the CA certificate is valid at ``at`` and may sign certificates (keyCertSign), then the certificate
   itself is valid at ``at`` (:class:`CertificateExpired` / :class:`ChainInvalid`).

The key usage a certificate kind needs (a JPKI signature certificate, a check-code key) is the caller's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asn1crypto import x509 as asn1_x509

from kyc_desk.verify._primitives import verify_certificate_issued_by
from kyc_desk.verify.errors import (
    CertificateExpired,
    ChainInvalid,
    MalformedCertificate,
    SignatureInvalid,
    UnknownIssuer,
)
from kyc_desk.verify.trust import CaCertificate, TrustStore


@dataclass(frozen=True)
class ChainResult:
    """What a successful chain check established: the anchor that issued the certificate (or the anchor
    the certificate is, for a self-signed one an office installed), and the parsed certificate."""

    issuer: CaCertificate
    certificate: asn1_x509.Certificate


def load_certificate(der: bytes) -> asn1_x509.Certificate:
    """Parse a DER certificate far enough for the chain check; :class:`MalformedCertificate` otherwise."""
    try:
        cert = asn1_x509.Certificate.load(der, strict=True)
        _ = cert.issuer.hashable, cert.subject.hashable, cert.not_valid_before, cert.not_valid_after
        _ = cert.authority_key_identifier, cert.issuer.human_friendly, cert.key_usage_value
    except Exception as exc:  # asn1crypto parses lazily and raises many kinds on hostile DER (IndexError, …)
        raise MalformedCertificate("a certificate could not be parsed", ja="証明書の形式が不正です。") from exc
    return cert


def _valid_at(cert: asn1_x509.Certificate, at: dt.datetime, what: str, what_ja: str) -> None:
    if at < cert.not_valid_before:
        raise CertificateExpired(f"the {what} is not valid yet", ja=f"{what_ja}の有効期間の開始前です。")
    if at > cert.not_valid_after:
        raise CertificateExpired(f"the {what} has expired", ja=f"{what_ja}の有効期間が過ぎています。")


def choose_issuer(der: bytes, anchors: TrustStore) -> CaCertificate:
    """The anchor whose key signed ``der`` (steps 1–3 of the module docstring); validity is not checked."""
    cert = load_certificate(der)
    for anchor in anchors.certificates:
        if anchor.der == der:
            return anchor
    named = anchors.named(cert.issuer.hashable)
    if not named:
        raise UnknownIssuer(
            f"the issuer ({cert.issuer.human_friendly}) is not in the trust store",
            ja="この証明書の発行者は信頼済みの一覧にありません。",
        )
    key_id = cert.authority_key_identifier
    if key_id is not None:
        keyed = [ca for ca in named if ca.key_id == key_id] or [ca for ca in named if ca.key_id is None]
        if not keyed:
            raise UnknownIssuer(
                f"the trust store holds {len(named)} CA certificate(s) of this issuer's name, but not the one "
                f"with key id {key_id.hex().upper()} (another key generation: install it to check this card)",
                ja="同じ名前の認証局は登録済みですが、この証明書を発行した鍵の世代は信頼済みの一覧にありません。",
            )
        failure: SignatureInvalid | None = None
        for candidate in keyed:
            try:
                verify_certificate_issued_by(der, candidate.der)
            except SignatureInvalid as exc:
                failure = exc
                continue
            return candidate
        assert failure is not None
        raise failure
    for candidate in named:
        try:
            verify_certificate_issued_by(der, candidate.der)
        except SignatureInvalid:
            continue
        return candidate
    raise UnknownIssuer(
        f"none of the {len(named)} trusted CA certificate(s) named like the issuer signed this certificate, and "
        "it names no key id: another key generation of the issuer that is not installed, or altered",
        ja="同じ名前の信頼済み認証局のどの鍵でも署名を確認できません（未登録の鍵の世代か、改ざん）。",
    )


def verify_chain(der: bytes, anchors: TrustStore, *, at: dt.datetime) -> ChainResult:
    """Check ``der`` against the trust store at time ``at`` (timezone-aware); see the module docstring."""
    if at.tzinfo is None:
        raise ValueError("`at` must be timezone-aware")
    issuer = choose_issuer(der, anchors)
    anchor = load_certificate(issuer.der)
    _valid_at(anchor, at, "CA certificate", "認証局の証明書")
    usage = anchor.key_usage_value
    if issuer.der != der and usage is not None and "key_cert_sign" not in usage.native:
        raise ChainInvalid(
            "the CA certificate may not sign certificates (no keyCertSign)",
            ja="認証局の証明書に証明書署名の用途がありません。",
        )
    cert = load_certificate(der)
    _valid_at(cert, at, "certificate", "証明書")
    return ChainResult(issuer, cert)
