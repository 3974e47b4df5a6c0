"""Verification primitives: the signature and certificate checks the recipes of :mod:`kyc_desk.verify` use.

A flat module of small functions over plain values (moduli and exponents as ``int``, data as ``bytes``),
so recipes elsewhere in :mod:`kyc_desk.verify` never touch key objects. The RSA and ECDSA arithmetic
comes from :mod:`kyc_desk.crypto.rsa` and :mod:`kyc_desk.crypto.ecdsa` (the project's one
``cryptography.hazmat`` package); X.509 parsing from
``cryptography.x509``, pyca's recipe layer. Every failure is translated here, at one boundary, into the
errors of :mod:`kyc_desk.verify.errors`: a signature that does not match
raises :class:`SignatureInvalid`, a key or structure that cannot be used raises
:class:`MalformedCertificate`. Functions return ``None`` or raise; none returns a bool.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm

from kyc_desk.crypto import ecdsa, rsa
from kyc_desk.crypto import errors as crypto_errors
from kyc_desk.verify.errors import MalformedCertificate, SignatureInvalid


def _unusable_key() -> MalformedCertificate:
    return MalformedCertificate("the RSA public key is not usable", ja="RSA公開鍵が不正です。")


def verify_rsa_pkcs1v15_sha256(modulus: int, exponent: int, signature: bytes, message: bytes) -> None:
    """RSASSA-PKCS1-v1_5 with SHA-256 over ``message`` (the standard "SHA256withRSA")."""
    try:
        rsa.verify_pkcs1v15_sha256(modulus, exponent, signature, message)
    except crypto_errors.InvalidKey as exc:
        raise _unusable_key() from exc
    except crypto_errors.InvalidSignature as exc:
        raise SignatureInvalid("the signature does not match the data", ja="署名がデータと一致しません。") from exc


def recover_rsa_pkcs1v15(modulus: int, exponent: int, signature: bytes) -> bytes:
    """The data inside a PKCS#1 v1.5 type-1 signature block (``00 01 FF… 00 ‖ data``).

    For signatures over non-standard DigestInfo values (the My Number card face signs a 96-byte
    digest), the caller compares the recovered bytes with the value it expects. A block whose padding is
    wrong raises :class:`SignatureInvalid`.
    """
    try:
        return rsa.recover_pkcs1v15(modulus, exponent, signature)
    except crypto_errors.InvalidKey as exc:
        raise _unusable_key() from exc
    except crypto_errors.InvalidSignatureLength as exc:
        raise SignatureInvalid(
            "the signature has the wrong length for the key", ja="署名の長さが鍵と合いません。"
        ) from exc
    except crypto_errors.InvalidSignature as exc:
        raise SignatureInvalid("the signature block is not valid", ja="署名がデータと一致しません。") from exc


def load_certificate(der: bytes) -> x509.Certificate:
    """A DER X.509 certificate; every parse failure is :class:`MalformedCertificate`.

    cryptography raises ``ValueError`` for most broken encodings but ``x509.InvalidVersion`` (not a
    ``ValueError``) for a version field other than v1–v3, so both are translated here.
    """
    try:
        return x509.load_der_x509_certificate(der)
    except (ValueError, x509.InvalidVersion) as exc:
        raise MalformedCertificate("a certificate could not be parsed", ja="証明書の形式が不正です。") from exc


def verify_certificate_issued_by(certificate_der: bytes, issuer_der: bytes) -> None:
    """The X.509 certificate names ``issuer`` as its issuer and carries a valid signature by its key.

    Only the signature and the name link are checked here; validity periods and extensions are the
    chain recipe's job.
    """
    cert, issuer = load_certificate(certificate_der), load_certificate(issuer_der)
    try:
        cert.verify_directly_issued_by(issuer)
    except InvalidSignature as exc:
        raise SignatureInvalid(
            "the certificate's signature does not match its issuer's key", ja="証明書の署名が発行者の鍵と一致しません。"
        ) from exc
    except ValueError as exc:  # issuer name differs, or the signature algorithm is not the issuer's
        raise SignatureInvalid(
            "the certificate was not issued by this CA", ja="証明書はこの認証局が発行したものではありません。"
        ) from exc
    except (TypeError, UnsupportedAlgorithm) as exc:
        raise MalformedCertificate(
            "the certificate uses an unsupported key or algorithm", ja="証明書の鍵または署名方式に対応していません。"
        ) from exc


def verify_ecdsa_p384_sha256(public_key_info_der: bytes, signature_der: bytes, message: bytes) -> None:
    """ECDSA over NIST P-384 with SHA-256 ("SHA256withECDSA"), the second-generation residence card's signature.

    ``public_key_info_der`` is the certificate's SubjectPublicKeyInfo; ``signature_der`` the DER
    ``Ecdsa-Sig-Value``. A key that is not a P-384 EC key raises :class:`MalformedCertificate`.
    """
    try:
        ecdsa.verify_p384_sha256(public_key_info_der, signature_der, message)
    except crypto_errors.InvalidKey as exc:
        raise MalformedCertificate(
            "the signature key is not a usable ECDSA P-384 key", ja="署名の鍵の種類が想定と異なります。"
        ) from exc
    except crypto_errors.InvalidSignature as exc:
        raise SignatureInvalid("the signature does not match the data", ja="署名がデータと一致しません。") from exc
