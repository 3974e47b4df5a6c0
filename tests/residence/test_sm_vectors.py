"""The official worked example of 在留カード等仕様書 別添2 (cards.md §C.4), byte for byte.

Every intermediate value of card-number authentication and secure messaging is checked: if one
primitive were subtly wrong (padding, key order, IV), a real card would refuse us with nothing to go on.
"""

from __future__ import annotations

import pytest

from kyc_desk.cards.apps.residence import _sm


def h(text: str) -> bytes:
    return bytes.fromhex(text)


CARD_NUMBER = "AA12345678BB"
SHA1 = h("65 22 B4 E1 71 19 5B B2 18 22 3A 97 6C 04 01 11 BD C4 AA 25")
KENC = h("65 22 B4 E1 71 19 5B B2 18 22 3A 97 6C 04 01 11")
RND_ICC = h("5A 6E 7E 38 51 62 B7 A3")
RND_IFD = h("11 22 33 44 55 66 77 88")
K_IFD = h("40 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F")
E_IFD = h("93 77 45 C2 08 83 A1 BA D1 E0 41 93 72 2A 15 92 37 8F 81 A8 F1 DC 58 91 57 AE B0 F7 54 4F A1 BA")
M_IFD = h("1A D7 FB 6A 33 89 E0 17")
E_ICC = h("58 60 77 5B 4D 03 2C C5 64 BA 20 4B 8E A8 68 F6 94 A7 4E 74 75 A8 FE F2 40 58 8B DA 1A F4 96 CE")
M_ICC = h("59 38 8F D6 CD 45 24 8B")
K_ICC = h("19 D0 49 49 0F FF 52 EE DB FC B9 30 BC 81 0E D0")
KSENC = h("CE 94 93 8E 19 E3 B9 7D F9 6E AB CE DC 17 15 CC")
VERIFY_APDU = h("08 20 00 86 13 86 11 01 1A A8 29 73 DB 95 9A 81 1F 97 11 D7 28 F0 EE F6")


def test_card_number_hash_and_key() -> None:
    import hashlib

    assert hashlib.sha1(CARD_NUMBER.encode("ascii")).digest() == SHA1
    assert _sm.card_number_key(CARD_NUMBER) == KENC


def test_e_ifd_and_m_ifd() -> None:
    e_ifd = _sm.encrypt(KENC, RND_IFD + RND_ICC + K_IFD)
    assert e_ifd == E_IFD
    assert _sm.retail_mac(KENC, e_ifd) == M_IFD


def test_card_answer_decrypts_to_echoed_randoms_and_k_icc() -> None:
    assert _sm.retail_mac(KENC, E_ICC) == M_ICC
    plain = _sm.decrypt(KENC, E_ICC)
    assert plain[:8] == RND_ICC
    assert plain[8:16] == RND_IFD
    assert plain[16:] == K_ICC
    # and the card side, computed forwards, gives the same bytes
    assert _sm.encrypt(KENC, RND_ICC + RND_IFD + K_ICC) == E_ICC


def test_session_key() -> None:
    assert _sm.session_key(K_IFD, K_ICC) == KSENC


def test_encrypted_verify_data() -> None:
    cryptogram = _sm.encrypt(KSENC, _sm.pad(CARD_NUMBER.encode("ascii")))
    assert cryptogram == VERIFY_APDU[8:]
    assert _sm.unpad(_sm.decrypt(KSENC, cryptogram)) == CARD_NUMBER.encode("ascii")


def test_padding_round_trip_and_refusal() -> None:
    for length in range(0, 20):
        data = bytes(range(length))
        padded = _sm.pad(data)
        assert len(padded) % 8 == 0 and len(padded) > len(data)
        assert _sm.unpad(padded) == data
    with pytest.raises(ValueError):
        _sm.unpad(bytes(8))
    with pytest.raises(ValueError):
        _sm.unpad(b"\x01" * 8)


def test_wrong_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        _sm.encrypt(KENC, b"\x00" * 7)
    with pytest.raises(ValueError):
        _sm.retail_mac(KENC[:8], b"")
    with pytest.raises(ValueError):
        _sm.session_key(K_IFD, K_ICC[:8])


def test_the_whole_exchange_sends_the_official_bytes() -> None:
    """authenticate() with the example's randoms sends exactly the APDUs of 別添2 and derives KSenc."""
    from kyc_desk.cards.apps.residence.auth import SecureSession, authenticate
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import ScriptedTransport

    transport = ScriptedTransport([RND_ICC + b"\x90\x00", E_ICC + M_ICC + b"\x90\x00", b"\x90\x00"])
    randoms = {8: RND_IFD, 16: K_IFD}
    session = authenticate(Card(transport), CARD_NUMBER, random=lambda n: randoms[n])
    assert session.ks_enc == KSENC
    assert transport.sent == [
        h("00 84 00 00 08"),
        h("00 82 00 00 28") + E_IFD + M_IFD + h("00"),
        VERIFY_APDU,
    ]
    assert SecureSession.read_binary_command(0x05).to_bytes() == h("08 B0 85 00 00 00 04 96 02 00 00 00 00")
    assert SecureSession.read_binary_command(0x06).to_bytes() == h("08 B0 86 00 00 00 04 96 02 00 00 00 00")


def test_plain_read_of_df3_is_the_official_command() -> None:
    from kyc_desk.cards.apdu import read_binary

    assert read_binary(0, 65536, sfi=0x02).to_bytes() == h("00 B0 82 00 00 00 00")


def test_a_card_answer_with_a_bad_mac_is_refused() -> None:
    from kyc_desk.cards.apps.residence.auth import authenticate
    from kyc_desk.cards.apps.residence.errors import MutualAuthenticationFailed
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import ScriptedTransport

    bad_mac = M_ICC[:-1] + bytes((M_ICC[-1] ^ 1,))
    transport = ScriptedTransport([RND_ICC + b"\x90\x00", E_ICC + bad_mac + b"\x90\x00"])
    randoms = {8: RND_IFD, 16: K_IFD}
    with pytest.raises(MutualAuthenticationFailed):
        authenticate(Card(transport), CARD_NUMBER, random=lambda n: randoms[n])
    assert len(transport.sent) == 2  # the card number was not sent
