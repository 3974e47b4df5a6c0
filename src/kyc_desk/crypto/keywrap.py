"""Key wrapping recipe: AES-256-GCM under a key-encryption key, a fresh 96-bit nonce each time.

The record store's database key and the office private key are both kept this way; the files that hold
them store the nonce and the ciphertext (with its tag) side by side, so the recipe returns and takes them
separately.
"""

from __future__ import annotations

import secrets
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kyc_desk.crypto.errors import DecryptionFailed, InvalidKey

NONCE_BYTES: Final = 12
KEY_BYTES: Final = 32


def _aead(kek: bytes) -> AESGCM:
    if len(kek) != KEY_BYTES:
        raise InvalidKey("the key-encryption key must be 32 bytes")
    return AESGCM(kek)


def wrap(kek: bytes, secret: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """Encrypt ``secret`` under ``kek`` bound to ``aad``; returns ``(nonce, ciphertext)``."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce, _aead(kek).encrypt(nonce, secret, aad)


def unwrap(kek: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """Inverse of :func:`wrap`; :class:`DecryptionFailed` for a wrong key or ``aad``, or altered bytes."""
    try:
        return _aead(kek).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as exc:  # ValueError: a nonce of the wrong size from a damaged file
        raise DecryptionFailed("the wrapped key does not open with this key") from exc
