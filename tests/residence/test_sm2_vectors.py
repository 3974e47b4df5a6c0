"""The official vectors of 第２世代在留カード等仕様書 Appendix 2 (cards.md §C.7), byte for byte.

AES-128-CBC with a zero IV and AES-CMAC truncated to 8 bytes replace the first generation's 3DES and
Retail MAC; key derivation is unchanged. Every intermediate value is checked, and the whole exchange
through :func:`authenticate` sends exactly the spec's APDUs.
"""

from __future__ import annotations

import hashlib

import pytest

from kyc_desk.cards.apps.residence import _sm, _sm2
from kyc_desk.cards.apps.residence.auth import GENERATION_2, SecureSession, authenticate
from kyc_desk.cards.apps.residence.errors import MutualAuthenticationFailed
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import ScriptedTransport


def h(text: str) -> bytes:
    return bytes.fromhex(text)


CARD_NUMBER = "AA12345678BB"
SHA1 = h("65 22 B4 E1 71 19 5B B2 18 22 3A 97 6C 04 01 11 BD C4 AA 25")
KENC = h("65 22 B4 E1 71 19 5B B2 18 22 3A 97 6C 04 01 11")
RND_IFD = h("11 22 33 44 55 66 77 88")
K_IFD = h("40 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F")
RND_ICC = h("92 1C E2 77 32 3D A0 57")
E_IFD = h("4A D3 C7 B6 BB 48 4A 52 77 19 77 DE D6 18 B4 1D F8 41 FA 04 76 A0 5F BE 04 1D EA D6 10 9E 77 3B")
M_IFD = h("AC 85 46 17 63 4F 53 97")
MUTUAL_AUTHENTICATE = h(
    "00 82 00 00 28 4A D3 C7 B6 BB 48 4A 52 77 19 77 DE D6 18 B4 1D F8 41 FA 04 76 A0 5F BE 04 1D EA"
    "D6 10 9E 77 3B AC 85 46 17 63 4F 53 97 00"
)
E_ICC = h("28 9A 96 B1 DA 6A E3 DA 87 77 04 19 BF D1 4F 0B DA D1 5F 36 43 2B 5A 94 6C 18 8C 72 21 75 9A 62")
M_ICC = h("FA 94 2E C5 1E 62 FF 5F")
E_ICC_PLAIN = h("92 1C E2 77 32 3D A0 57 11 22 33 44 55 66 77 88 2C C6 AF 9B 8B 60 7C 66 2F DC AD 27 B4 01 D0 8B")
K_ICC = E_ICC_PLAIN[16:]
K_XOR = h("6C 87 ED D8 CF 25 3A 21 67 95 E7 6C F8 4C 9E C4")
KSENC_SHA1 = h("C1 9C F1 3D 3D 7F BE E9 EA 29 3D 83 4C 88 95 2F AD 53 37 F2")
KSENC = h("C1 9C F1 3D 3D 7F BE E9 EA 29 3D 83 4C 88 95 2F")
VERIFY_APDU = h("08 20 00 86 13 86 11 01 EE 0B 31 EF 87 7F 68 D0 71 C5 6D 58 C7 2E 67 48")


def test_card_number_key_is_the_first_generations() -> None:
    assert hashlib.sha1(CARD_NUMBER.encode("ascii")).digest() == SHA1
    assert _sm.card_number_key(CARD_NUMBER) == KENC


def test_e_ifd_and_m_ifd() -> None:
    e_ifd = _sm2.encrypt(KENC, RND_IFD + RND_ICC + K_IFD)
    assert e_ifd == E_IFD
    assert _sm2.mac(KENC, e_ifd) == M_IFD


def test_card_answer_mac_and_plaintext() -> None:
    assert _sm2.mac(KENC, E_ICC) == M_ICC
    assert _sm2.decrypt(KENC, E_ICC) == E_ICC_PLAIN
    assert _sm2.encrypt(KENC, E_ICC_PLAIN) == E_ICC  # the card side, forwards


def test_session_key() -> None:
    assert bytes(a ^ b for a, b in zip(K_IFD, K_ICC, strict=True)) == K_XOR
    assert hashlib.sha1(K_XOR + b"\x00\x00\x00\x01").digest() == KSENC_SHA1
    assert _sm.session_key(K_IFD, K_ICC) == KSENC


def test_encrypted_card_number() -> None:
    plain = _sm2.pad(CARD_NUMBER.encode("ascii"))
    assert plain == CARD_NUMBER.encode("ascii") + h("80 00 00 00")
    assert _sm2.encrypt(KSENC, plain) == VERIFY_APDU[8:]
    assert _sm2.unpad(_sm2.decrypt(KSENC, VERIFY_APDU[8:])) == CARD_NUMBER.encode("ascii")


def test_padding_round_trip_and_refusal() -> None:
    for length in range(0, 40):
        data = bytes(range(length))
        padded = _sm2.pad(data)
        assert len(padded) % 16 == 0 and len(padded) > len(data)
        assert _sm2.unpad(padded) == data
    with pytest.raises(ValueError):
        _sm2.unpad(bytes(16))
    with pytest.raises(ValueError):
        _sm2.encrypt(KENC, bytes(8))
    with pytest.raises(ValueError):
        _sm2.mac(KENC[:8], b"")


def test_the_whole_exchange_sends_the_official_bytes() -> None:
    transport = ScriptedTransport([RND_ICC + b"\x90\x00", E_ICC + M_ICC + b"\x90\x00", b"\x90\x00"])
    randoms = {8: RND_IFD, 16: K_IFD}
    session = authenticate(Card(transport), CARD_NUMBER, suite=GENERATION_2, random=lambda n: randoms[n])
    assert session.ks_enc == KSENC and session.suite is GENERATION_2
    assert transport.sent == [h("00 84 00 00 08"), MUTUAL_AUTHENTICATE, VERIFY_APDU]
    # the spec's SM READ BINARY of DF1/EF03 (name image + face)
    assert SecureSession.read_binary_command(0x04).to_bytes() == h("08 B0 84 00 00 00 04 96 02 00 00 00 00")


def test_sm_answer_of_the_spec_shape_unwraps() -> None:
    """``86 82 15 91 01 <5520>``: the name + face file (5508 bytes) padded to 5520 under KSenc."""
    from kyc_desk.cards.tlv import encode_tlv

    plain = h("D0 82 09 C4") + bytes(2500) + h("D1 82 0B B8") + bytes(3000)
    cryptogram = _sm2.encrypt(KSENC, _sm2.pad(plain))
    answer = encode_tlv(0x86, b"\x01" + cryptogram)
    assert answer[:5] == h("86 82 15 91 01") and len(cryptogram) == 5520
    assert SecureSession(KSENC, GENERATION_2).unwrap(answer, ef="DF1/EF03") == plain


def test_a_first_generation_mac_is_refused_by_the_second() -> None:
    """A card answering with the wrong generation's MAC is a failed authentication, never accepted."""
    transport = ScriptedTransport([RND_ICC + b"\x90\x00", E_ICC + _sm.retail_mac(KENC, E_ICC) + b"\x90\x00"])
    randoms = {8: RND_IFD, 16: K_IFD}
    with pytest.raises(MutualAuthenticationFailed):
        authenticate(Card(transport), CARD_NUMBER, suite=GENERATION_2, random=lambda n: randoms[n])
    assert len(transport.sent) == 2  # the card number was not sent


def test_two_byte_tags_and_three_byte_lengths() -> None:
    from kyc_desk.cards.tlv import parse_ber

    data = h("C1 02 30 35") + h("DF D1 82 09 C4") + bytes(2500) + h("DC 60") + bytes(96) + bytes(4)
    objects = parse_ber(data, max_tag_bytes=2)
    assert [(o.tag, len(o.value)) for o in objects] == [(0xC1, 2), (0xDFD1, 2500), (0xDC, 96)]
