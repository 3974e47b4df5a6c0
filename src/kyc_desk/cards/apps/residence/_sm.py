"""在留カード等 カード番号認証とセキュアメッセージングの暗号 — card-number authentication and SM crypto.

The residence card protects its images with a session set up from the 12-character card number
(在留カード等仕様書 §4, cards.md §C.4): SHA-1 key derivation, two-key Triple DES in CBC mode with a zero
IV, and the ISO/IEC 9797-1 MAC algorithm 3 ("Retail MAC") with padding method 2.

Why this lives in the card layer and not in ``verify/``: this is not verification but the card's
*transport* protocol — without it not one protected byte can be read — and both the reader and the
software card run it. The block ciphers come from :mod:`kyc_desk.crypto.des` (the project's one
``cryptography.hazmat`` import, below the card layer); this module composes them as the protocol names,
each step tested against the official worked example (別添2) byte for byte.
"""

from __future__ import annotations

import hashlib
from typing import Final

from kyc_desk.crypto import des

BLOCK: Final = des.BLOCK
_ZERO_IV: Final = bytes(BLOCK)
#: Appended to K.IFD ⊕ K.ICC before hashing to get the encryption session key (counter 1).
_KSENC_COUNTER: Final = b"\x00\x00\x00\x01"


def card_number_key(card_number: str) -> bytes:
    """Kenc = Kmac: the first 16 bytes of SHA-1 over the 12 ASCII characters of the card number."""
    return hashlib.sha1(card_number.encode("ascii")).digest()[:16]


def session_key(k_ifd: bytes, k_icc: bytes) -> bytes:
    """KSenc = SHA-1((K.IFD ⊕ K.ICC) ‖ 00 00 00 01)[0:16]; the card derives no MAC session key."""
    if len(k_ifd) != 16 or len(k_icc) != 16:
        raise ValueError("key halves must be 16 bytes each")
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_icc, strict=True))
    return hashlib.sha1(seed + _KSENC_COUNTER).digest()[:16]


def encrypt(key: bytes, data: bytes) -> bytes:
    """Two-key 3DES-CBC with a zero IV; ``data`` must already be a multiple of 8 bytes (no padding added)."""
    if len(data) % BLOCK:
        raise ValueError("3DES-CBC input must be a multiple of 8 bytes")
    return des.tdes_cbc_encrypt(key, _ZERO_IV, data)


def decrypt(key: bytes, data: bytes) -> bytes:
    """Inverse of :func:`encrypt` (padding, if any, is left for :func:`unpad` to remove)."""
    if len(data) % BLOCK or not data:
        raise ValueError("3DES-CBC ciphertext must be a non-empty multiple of 8 bytes")
    return des.tdes_cbc_decrypt(key, _ZERO_IV, data)


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2 (= ISO 7816-4): ``80`` then ``00`` up to a block boundary."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Remove method-2 padding; raises ``ValueError`` when it is not there (wrong key or damaged data)."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80") or len(data) - len(stripped) >= BLOCK:
        raise ValueError("missing ISO/IEC 9797-1 method 2 padding")
    return stripped[:-1]


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with padding method 2 and a 16-byte key K1 ‖ K2.

    Single-DES CBC with K1 over every block, then the last chaining value is decrypted with K2 and
    encrypted again with K1.
    """
    if len(key) != 16:
        raise ValueError("the retail MAC needs a 16-byte key")
    k1, k2 = key[:8], key[8:]
    chained = des.des_cbc_encrypt(k1, _ZERO_IV, pad(data))[-BLOCK:]
    return des.des_encrypt_block(k1, des.des_decrypt_block(k2, chained))
