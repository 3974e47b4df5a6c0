"""ECDSA over NIST P-384 for software cards: the signing a test issuer does, in plain Python.

The second-generation residence card carries a SHA256withECDSA signature and an ECDSA P-384 certificate
issued by "ZairyuCard CA2" (cards.md §C.7). As with :mod:`.rsa`, the test kit signs with Python's integers
so that it never shares code with the desk's verification (``cryptography``, in
``kyc_desk.verify._primitives``): a bug on one side cannot hide one on the other.

Keys are fixed test scalars committed in the builder that uses them, generated once with
:func:`generate_ec_key`; they protect nothing. The nonce is derived deterministically from the key and the
message hash (HMAC-SHA-512, reduced mod n — not RFC 6979, but never reused across messages), so a card
built twice signs the same bytes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Final

# NIST P-384 (FIPS 186-4 D.1.2.4): y² = x³ - 3x + b over GF(p), base point G of prime order n.
P: Final = int("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", 16)
N: Final = int("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16)
A: Final = P - 3
B: Final = int("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", 16)
G: Final = (
    int("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7", 16),
    int("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f", 16),
)
SIZE: Final = 48

Point = tuple[int, int] | None


def _add(p1: Point, p2: Point) -> Point:
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0:
        return None
    doubling = p1 == p2
    slope = (3 * x1 * x1 + A) * pow(2 * y1, -1, P) if doubling else (y2 - y1) * pow(x2 - x1, -1, P)
    slope %= P
    x3 = (slope * slope - x1 - x2) % P
    return x3, (slope * (x1 - x3) - y1) % P


def _multiply(k: int, point: Point) -> Point:
    result: Point = None
    addend = point
    while k:
        if k & 1:
            result = _add(result, addend)
        addend = _add(addend, addend)
        k >>= 1
    return result


@dataclass(frozen=True)
class EcKey:
    """A P-384 private key that signs SHA-256 hashes (the card's SHA256withECDSA)."""

    d: int = field(repr=False)

    @property
    def public_point(self) -> bytes:
        """The uncompressed public point ``04 ‖ X ‖ Y`` (97 bytes)."""
        point = _multiply(self.d, G)
        assert point is not None
        return b"\x04" + point[0].to_bytes(SIZE, "big") + point[1].to_bytes(SIZE, "big")

    def sign_sha256(self, message: bytes) -> tuple[int, int]:
        """(r, s) of ECDSA over SHA-256 of ``message``."""
        digest = hashlib.sha256(message).digest()
        z = int.from_bytes(digest, "big")  # 256 bits < the order's 384: no truncation
        counter = 0
        while True:
            seed = self.d.to_bytes(SIZE, "big") + digest + counter.to_bytes(4, "big")
            k = int.from_bytes(hmac.new(b"kyc-desk test nonce", seed, hashlib.sha512).digest(), "big") % (N - 1) + 1
            point = _multiply(k, G)
            assert point is not None
            r = point[0] % N
            s = pow(k, -1, N) * (z + r * self.d) % N
            if r and s:
                return r, s
            counter += 1

    def sign_raw(self, message: bytes) -> bytes:
        """The signature as ``r ‖ s`` (48 + 48 bytes, big-endian)."""
        r, s = self.sign_sha256(message)
        return r.to_bytes(SIZE, "big") + s.to_bytes(SIZE, "big")


def generate_ec_key() -> EcKey:
    """A fresh random key (used once, to make the committed test keys)."""
    return EcKey(secrets.randbelow(N - 1) + 1)
