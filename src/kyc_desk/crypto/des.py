"""DES and two-key Triple DES block primitives, for the one protocol that demands them.

The residence card's card-number authentication and secure messaging (在留カード等仕様書 §4) use two-key
3DES in CBC mode and the ISO/IEC 9797-1 retail MAC, which is single DES underneath.
:mod:`kyc_desk.cards.apps.residence._sm` builds that protocol from these functions; nothing else should
use them. Triple DES comes from ``cryptography.hazmat.decrepit``: it is weak by today's standards, and
the card leaves no choice.

No padding is added or removed here; inputs must be whole 8-byte blocks.
"""

from __future__ import annotations

from typing import Final

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

BLOCK: Final = 8


def _whole_blocks(data: bytes) -> None:
    if not data or len(data) % BLOCK:
        raise ValueError("DES input must be a non-empty multiple of 8 bytes")


def _two_key(key: bytes) -> TripleDES:
    if len(key) != 16:
        raise ValueError("two-key Triple DES needs a 16-byte key")
    return TripleDES(key + key[:8])  # written out as K1 ‖ K2 ‖ K1


def _single(key: bytes) -> TripleDES:
    """Single DES as Triple DES with K ‖ K ‖ K (the 8-byte form is deprecated in ``cryptography``)."""
    if len(key) != BLOCK:
        raise ValueError("single DES needs an 8-byte key")
    return TripleDES(key * 3)


def tdes_cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """Two-key 3DES-CBC encryption of whole blocks."""
    _whole_blocks(data)
    encryptor = Cipher(_two_key(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def tdes_cbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """Two-key 3DES-CBC decryption of whole blocks."""
    _whole_blocks(data)
    decryptor = Cipher(_two_key(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def des_cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """Single-DES CBC encryption of whole blocks (the retail MAC's chaining)."""
    _whole_blocks(data)
    encryptor = Cipher(_single(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def des_encrypt_block(key: bytes, block: bytes) -> bytes:
    """Single DES on one 8-byte block."""
    if len(block) != BLOCK:
        raise ValueError("a DES block has 8 bytes")
    return Cipher(_single(key), modes.ECB()).encryptor().update(block)


def des_decrypt_block(key: bytes, block: bytes) -> bytes:
    """Single DES decryption of one 8-byte block."""
    if len(block) != BLOCK:
        raise ValueError("a DES block has 8 bytes")
    return Cipher(_single(key), modes.ECB()).decryptor().update(block)
