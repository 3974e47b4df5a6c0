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


def test_aes_cbc_and_cmac_vectors() -> None:
    """NIST SP 800-38A F.2.1 (CBC-AES128) and RFC 4493 §4 (AES-CMAC) — the primitives the residence card's
    second generation builds its SM from (its own vectors are in tests/residence/test_sm2_vectors.py)."""
    from kyc_desk.crypto import aes

    key = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
    iv = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
    plain = bytes.fromhex("6bc1bee22e409f96e93d7e117393172a")
    assert aes.cbc_encrypt(key, iv, plain) == bytes.fromhex("7649abac8119b246cee98e9b12e9197d")
    assert aes.cbc_decrypt(key, iv, bytes.fromhex("7649abac8119b246cee98e9b12e9197d")) == plain
    assert aes.cmac(key, b"") == bytes.fromhex("bb1d6929e95937287fa37d129b756746")
    assert aes.cmac(key, plain) == bytes.fromhex("070a16b46b4d4144f79bdd9dd04a287c")
    with pytest.raises(ValueError):
        aes.cbc_encrypt(key, iv, plain[:15])
    with pytest.raises(ValueError):
        aes.cmac(key[:8], b"")


def test_ecdsa_p384_refuses_other_keys_and_altered_data() -> None:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from kyc_desk.crypto import ecdsa
    from kyc_desk.crypto.errors import InvalidSignature

    def spki(key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    key = ec.generate_private_key(ec.SECP384R1())
    signature = key.sign(b"printed entries", ec.ECDSA(hashes.SHA256()))
    ecdsa.verify_p384_sha256(spki(key), signature, b"printed entries")
    with pytest.raises(InvalidSignature):
        ecdsa.verify_p384_sha256(spki(key), signature, b"printed entrieS")
    with pytest.raises(InvalidKey):
        ecdsa.verify_p384_sha256(spki(ec.generate_private_key(ec.SECP256R1())), signature, b"printed entries")
    with pytest.raises(InvalidKey):
        ecdsa.verify_p384_sha256(b"\x30\x00", signature, b"printed entries")
