"""RSA for software cards: the arithmetic a card chip (and a test issuer) does, in plain Python.

Software cards must *sign* — a JPKI card signs a DigestInfo, the issuers sign certificates and the card
files. The project keeps every ``cryptography.hazmat`` import in :mod:`kyc_desk.crypto`, which only
verifies, so the signing side is done here with Python's integers: PKCS#1 v1.5 type-1 padding
(RFC 8017 §9.2) and a CRT private operation. Verification never uses this module: the desk checks
everything with ``cryptography`` (the two sides are independent, so a bug here cannot hide a bug there).

Keys are fixed test keys (:mod:`kyc_desk_testkit.softcard.test_keys`), generated once by
``python -m kyc_desk_testkit.softcard.test_keys`` with :func:`generate_rsa_key`; they protect nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Final

from kyc_desk.cards.apps.mynumber.layouts import digest_info_sha256

PUBLIC_EXPONENT: Final = 65537

_SMALL_PRIMES: Final = tuple(p for p in range(3, 2000, 2) if all(p % q for q in range(3, int(p**0.5) + 1, 2)))


@dataclass(frozen=True)
class RsaKey:
    """An RSA private key (``e`` = 65537) that signs with PKCS#1 v1.5 type-1 padding."""

    p: int = field(repr=False)
    q: int = field(repr=False)

    @property
    def n(self) -> int:
        """The modulus."""
        return self.p * self.q

    @property
    def e(self) -> int:
        """The public exponent."""
        return PUBLIC_EXPONENT

    @property
    def size(self) -> int:
        """The modulus length in bytes (256 for RSA-2048)."""
        return (self.n.bit_length() + 7) // 8

    def modulus_bytes(self) -> bytes:
        """The modulus, big-endian, ``size`` bytes."""
        return self.n.to_bytes(self.size, "big")

    def sign_block(self, data: bytes) -> bytes:
        """Pad ``data`` as ``00 01 FF… 00 ‖ data`` and apply the private key (what ``80 2A 00 80`` does).

        Raises :class:`ValueError` when ``data`` leaves fewer than 8 padding bytes (RFC 8017).
        """
        k = self.size
        if len(data) > k - 11:
            raise ValueError("data too long for the key")
        block = b"\x00\x01" + b"\xff" * (k - 3 - len(data)) + b"\x00" + data
        m = int.from_bytes(block, "big")
        p, q = self.p, self.q
        d = pow(PUBLIC_EXPONENT, -1, (p - 1) * (q - 1))
        m1, m2 = pow(m, d % (p - 1), p), pow(m, d % (q - 1), q)
        h = (pow(q, -1, p) * (m1 - m2)) % p
        return (m2 + h * q).to_bytes(k, "big")

    def sign_sha256(self, message: bytes) -> bytes:
        """RSASSA-PKCS1-v1_5 with SHA-256 over ``message`` ("SHA256withRSA")."""
        return self.sign_block(digest_info_sha256(message))


def _probable_prime(n: int, rounds: int = 40) -> bool:
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int) -> int:
    while True:
        candidate = secrets.randbits(bits) | (3 << (bits - 2)) | 1  # top two bits set: n has 2×bits bits
        if (candidate - 1) % PUBLIC_EXPONENT and _probable_prime(candidate):
            return candidate


def generate_rsa_key(bits: int = 2048) -> RsaKey:
    """A fresh key (Miller–Rabin, 40 rounds). Slow in Python (seconds): used only to make test keys."""
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p != q:
            return RsaKey(max(p, q), min(p, q))
