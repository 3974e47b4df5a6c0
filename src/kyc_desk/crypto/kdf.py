"""Key derivation: scrypt for what people type, HKDF-SHA256 for what is already random."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt


def scrypt(secret: bytes, *, salt: bytes, length: int, n: int, r: int, p: int) -> bytes:
    """scrypt (RFC 7914) of ``secret``: slow on purpose, for passphrases."""
    return Scrypt(salt=salt, length=length, n=n, r=r, p=p).derive(secret)


def hkdf_sha256(secret: bytes, *, salt: bytes, info: bytes, length: int) -> bytes:
    """HKDF-SHA256 (RFC 5869): fast, for secrets that are already uniformly random (a recovery key)."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(secret)
