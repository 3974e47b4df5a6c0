"""ECDSA verification over NIST P-384, as the second-generation residence card signs (SHA256withECDSA).

Only verification, and only the curve the card uses: the key is given as its DER SubjectPublicKeyInfo
(from the certificate), the signature as DER ``Ecdsa-Sig-Value``. :mod:`kyc_desk.verify._primitives`
wraps the failures in the verification errors its recipes raise.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature as _PycaInvalidSignature
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kyc_desk.crypto.errors import InvalidKey, InvalidSignature


def verify_p384_sha256(public_key_info_der: bytes, signature_der: bytes, message: bytes) -> None:
    """ECDSA with SHA-256 over ``message`` by a P-384 key; returns ``None`` or raises.

    :class:`InvalidKey` when the key does not load or is not a P-384 EC key; :class:`InvalidSignature`
    when the signature does not verify (or is not a DER Ecdsa-Sig-Value).
    """
    try:
        key = serialization.load_der_public_key(public_key_info_der)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise InvalidKey("the EC public key is not usable") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP384R1):
        raise InvalidKey("the key is not an ECDSA P-384 key")
    try:
        key.verify(signature_der, message, ec.ECDSA(hashes.SHA256()))
    except _PycaInvalidSignature as exc:
        raise InvalidSignature("the signature does not match the data") from exc
