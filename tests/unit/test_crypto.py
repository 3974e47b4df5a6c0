"""The crypto package's recipes fail with its own small errors, never with the library's."""

from __future__ import annotations

import pytest

from kyc_desk.crypto import hpke, kdf, keywrap
from kyc_desk.crypto.errors import DecryptionFailed, InvalidKey


def test_keywrap_round_trip_and_refusals() -> None:
    kek, other = bytes(range(32)), bytes(32)
    nonce, wrapped = keywrap.wrap(kek, b"secret key", b"aad")
    assert keywrap.unwrap(kek, nonce, wrapped, b"aad") == b"secret key"
    with pytest.raises(DecryptionFailed):
        keywrap.unwrap(other, nonce, wrapped, b"aad")
    with pytest.raises(DecryptionFailed):
        keywrap.unwrap(kek, nonce, wrapped, b"another context")
    with pytest.raises(DecryptionFailed):
        keywrap.unwrap(kek, nonce, wrapped[:-1] + bytes([wrapped[-1] ^ 1]), b"aad")
    with pytest.raises(InvalidKey):
        keywrap.wrap(kek[:16], b"secret key", b"aad")


def test_hpke_opens_only_with_its_key_and_info() -> None:
    key, stranger = hpke.generate_private_key(), hpke.generate_private_key()
    sealed = hpke.seal(b"submission", key.public_key(), info=b"request 1")
    assert len(sealed) == hpke.ENC_BYTES + len(b"submission") + hpke.TAG_BYTES
    assert hpke.open_sealed(sealed, key, info=b"request 1") == b"submission"
    for private_key, info, blob in [
        (stranger, b"request 1", sealed), (key, b"request 2", sealed), (key, b"request 1", sealed[:20]),
    ]:
        with pytest.raises(DecryptionFailed):
            hpke.open_sealed(blob, private_key, info=info)


def test_hpke_keys_round_trip_as_raw_bytes() -> None:
    key = hpke.generate_private_key()
    again = hpke.private_key_from_raw(hpke.private_key_raw(key))
    assert hpke.public_key_raw(again.public_key()) == hpke.public_key_raw(key.public_key())
    assert hpke.public_key_from_raw(hpke.public_key_raw(key.public_key())) == key.public_key()
    with pytest.raises(InvalidKey):
        hpke.public_key_from_raw(b"short")
    with pytest.raises(InvalidKey):
        hpke.private_key_from_raw(b"short")


def test_kdfs_are_deterministic_and_keyed() -> None:
    a = kdf.scrypt(b"pass", salt=b"salt" * 4, length=32, n=2**10, r=8, p=1)
    assert a == kdf.scrypt(b"pass", salt=b"salt" * 4, length=32, n=2**10, r=8, p=1)
    assert a != kdf.scrypt(b"pasS", salt=b"salt" * 4, length=32, n=2**10, r=8, p=1)
    h = kdf.hkdf_sha256(bytes(32), salt=b"s", info=b"i", length=32)
    assert len(h) == 32 and h != kdf.hkdf_sha256(bytes(32), salt=b"s", info=b"j", length=32)
