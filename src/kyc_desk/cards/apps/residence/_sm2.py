"""第２世代在留カード等の暗号 — the AES protocol steps of the second-generation card's authentication and SM.

The second-generation residence card and special permanent resident certificate (card types 05/06,
第２世代在留カード等仕様書 Ver 1.1 Appendix 1, cards.md §C.7) keep the first generation's sequence and key
derivation (:func:`~._sm.card_number_key`, :func:`~._sm.session_key`: SHA-1 of the card number, SHA-1 of
K.IFD ⊕ K.ICC ‖ 00000001) and change the block cipher and the MAC: AES-128 in CBC mode with a zero IV,
and AES-CMAC (NIST SP 800-38B) truncated to its first 8 bytes. Padding is ISO/IEC 9797-1 method 2 on
16-byte blocks (``card number ‖ 80 00 00 00`` for VERIFY).

The block cipher and CMAC come from :mod:`kyc_desk.crypto.aes` (the project's one ``cryptography.hazmat``
package), as ``_sm`` builds on :mod:`kyc_desk.crypto.des`; each step is tested against the official
Appendix 2 vectors byte for byte (tests/residence/test_sm2_vectors.py).
"""

from __future__ import annotations

from typing import Final

from kyc_desk.crypto import aes

BLOCK: Final = aes.BLOCK
MAC_SIZE: Final = 8
_ZERO_IV: Final = bytes(BLOCK)


def encrypt(key: bytes, data: bytes) -> bytes:
    """AES-128-CBC with a zero IV; ``data`` must already be a multiple of 16 bytes (no padding added)."""
    if len(data) % BLOCK:
        raise ValueError("AES-CBC input must be a multiple of 16 bytes")
    return aes.cbc_encrypt(key, _ZERO_IV, data)


def decrypt(key: bytes, data: bytes) -> bytes:
    """Inverse of :func:`encrypt` (padding, if any, is left for :func:`unpad`)."""
    if len(data) % BLOCK or not data:
        raise ValueError("AES-CBC ciphertext must be a non-empty multiple of 16 bytes")
    return aes.cbc_decrypt(key, _ZERO_IV, data)


def mac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC over ``data``, truncated to the first 8 bytes as the card sends it."""
    return aes.cmac(key, data)[:MAC_SIZE]


def pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 padding method 2 on 16-byte blocks: ``80`` then ``00`` up to the boundary."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % BLOCK)


def unpad(data: bytes) -> bytes:
    """Remove method-2 padding; ``ValueError`` when it is not there (wrong key or damaged data)."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80") or len(data) - len(stripped) >= BLOCK:
        raise ValueError("missing ISO/IEC 9797-1 method 2 padding")
    return stripped[:-1]
