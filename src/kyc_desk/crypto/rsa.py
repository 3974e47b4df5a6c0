"""RSA signature primitives over a bare public key (modulus and exponent), as IC cards carry them.

Only verification: the desk never signs with RSA. :mod:`kyc_desk.verify._primitives` wraps these in the
verification errors its recipes raise.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature as _PycaInvalidSignature
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kyc_desk.crypto.errors import InvalidKey, InvalidSignature, InvalidSignatureLength


def _public_key(modulus: int, exponent: int) -> rsa.RSAPublicKey:
    try:
        return rsa.RSAPublicNumbers(exponent, modulus).public_key()
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise InvalidKey("the RSA public key is not usable") from exc


def verify_pkcs1v15_sha256(modulus: int, exponent: int, signature: bytes, message: bytes) -> None:
    """RSASSA-PKCS1-v1_5 with SHA-256 over ``message`` ("SHA256withRSA"); returns ``None`` or raises."""
    key = _public_key(modulus, exponent)
    try:
        key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except _PycaInvalidSignature as exc:
        raise InvalidSignature("the signature does not match the data") from exc


def recover_pkcs1v15(modulus: int, exponent: int, signature: bytes) -> bytes:
    """The data inside a PKCS#1 v1.5 type-1 signature block (``00 01 FF… 00 ‖ data``).

    The caller compares the recovered bytes with what it expects (used where a card signs a
    non-standard digest). A signature of the wrong length or with wrong padding raises
    :class:`InvalidSignature`.
    """
    key = _public_key(modulus, exponent)
    if len(signature) != (key.key_size + 7) // 8:
        raise InvalidSignatureLength("the signature has the wrong length for the key")
    try:
        return key.recover_data_from_signature(signature, padding.PKCS1v15(), None)
    except (_PycaInvalidSignature, ValueError) as exc:
        raise InvalidSignature("the signature block is not valid") from exc
