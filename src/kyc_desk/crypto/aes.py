"""AES-128 block primitives for the second-generation residence card's secure messaging.

The second-generation residence card and special permanent resident certificate (第２世代在留カード等仕様書
Appendix 1) replace the first generation's two-key 3DES and retail MAC with AES-128 in CBC mode and
AES-CMAC (NIST SP 800-38B). :mod:`kyc_desk.cards.apps.residence._sm2` builds the protocol from these
functions; nothing else should use them (records and submissions have their recipes in
:mod:`~kyc_desk.crypto.keywrap` and :mod:`~kyc_desk.crypto.hpke`).

No padding is added or removed by the cipher functions; inputs must be whole 16-byte blocks.
"""

from __future__ import annotations

from typing import Final

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

BLOCK: Final = 16
KEY_SIZE: Final = 16


def _aes128(key: bytes) -> algorithms.AES:
    if len(key) != KEY_SIZE:
        raise ValueError("AES-128 needs a 16-byte key")
    return algorithms.AES(key)


def _whole_blocks(data: bytes) -> None:
    if not data or len(data) % BLOCK:
        raise ValueError("AES input must be a non-empty multiple of 16 bytes")


def cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-128-CBC encryption of whole blocks."""
    _whole_blocks(data)
    encryptor = Cipher(_aes128(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def cbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """AES-128-CBC decryption of whole blocks."""
    _whole_blocks(data)
    decryptor = Cipher(_aes128(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def cmac(key: bytes, data: bytes) -> bytes:
    """The full 16-byte AES-CMAC of ``data`` (CMAC pads internally; any length, empty included)."""
    mac = CMAC(_aes128(key))
    mac.update(data)
    return mac.finalize()
