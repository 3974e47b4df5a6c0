"""Sealing to a public key: HPKE (RFC 9180) base mode with one fixed suite, and its X25519 keys.

The suite is DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and ChaCha20-Poly1305 (RFC 9180 ids 0x0020,
0x0001, 0x0003), from ``cryptography``'s ``hazmat.primitives.hpke`` (cryptography 47 and later). Single-shot
only: ``info`` is where callers bind their context (RFC 9180 §8.1); the library's single-shot API has no
separate associated data.

Keys are handed out as ``cryptography``'s own X25519 key objects (:data:`PrivateKey`, :data:`PublicKey`)
so callers can keep and compare them, but callers create, encode and use them only through the
functions here.
"""

from __future__ import annotations

from typing import Final, TypeAlias

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import x25519
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from kyc_desk.crypto.errors import DecryptionFailed, InvalidKey

PrivateKey: TypeAlias = x25519.X25519PrivateKey
PublicKey: TypeAlias = x25519.X25519PublicKey

#: The sealed output starts with the KEM's encapsulated key (32 bytes for X25519) ...
ENC_BYTES: Final = 32
#: ... and ends with the AEAD's tag.
TAG_BYTES: Final = 16
RAW_KEY_BYTES: Final = 32

_SUITE: Final = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.CHACHA20_POLY1305)


def generate_private_key() -> PrivateKey:
    """A fresh X25519 private key from the operating system's random source."""
    return x25519.X25519PrivateKey.generate()


def private_key_from_raw(raw: bytes) -> PrivateKey:
    """The private key from its 32 raw bytes; :class:`InvalidKey` for anything else."""
    try:
        return x25519.X25519PrivateKey.from_private_bytes(raw)
    except ValueError as exc:
        raise InvalidKey("an X25519 private key has 32 bytes") from exc


def private_key_raw(key: PrivateKey) -> bytes:
    """The private key's 32 raw bytes (to be wrapped before it is stored)."""
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def public_key_from_raw(raw: bytes) -> PublicKey:
    """The public key from its 32 raw bytes; :class:`InvalidKey` for anything else."""
    try:
        return x25519.X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise InvalidKey("an X25519 public key has 32 bytes") from exc


def public_key_raw(key: PublicKey) -> bytes:
    """The public key's 32 raw bytes."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal(plaintext: bytes, public_key: PublicKey, *, info: bytes) -> bytes:
    """Encrypt to ``public_key``, bound to ``info``; returns ``enc ‖ ciphertext ‖ tag``."""
    return _SUITE.encrypt(plaintext, public_key, info=info)


def open_sealed(sealed: bytes, private_key: PrivateKey, *, info: bytes) -> bytes:
    """Inverse of :func:`seal`; :class:`DecryptionFailed` for another key, another ``info`` or altered bytes."""
    try:
        return _SUITE.decrypt(sealed, private_key, info=info)
    except InvalidTag as exc:  # also what a blob too short to hold an encapsulated key raises
        raise DecryptionFailed("the sealed data does not open with this key") from exc
