"""The software-card engine's ISO 7816-4 behaviour (in process; the same engine serves vpcd)."""

from __future__ import annotations

import pytest

from kyc_desk.cards.apdu import CommandApdu, ResponseApdu
from kyc_desk_testkit.softcard.engine import Access, CardStatus, SoftCard

AID_A = bytes.fromhex("F0000000000A")
AID_B = bytes.fromhex("F0000000000B")


def h(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", ""))


def sw(card: SoftCard, raw: str) -> str:
    return card.transmit(h(raw))[-2:].hex().upper()


@pytest.fixture
def card() -> SoftCard:
    c = SoftCard()
    c.mf.add_key("mf.pin", fid=0x0001, sfi=0x01, secret=b"1111", max_tries=3)
    a = c.add_df(AID_A, name="A")
    a.add_key("a.pin", fid=0x0011, sfi=0x11, secret=b"1234", max_tries=3)
    a.add_key("a.code", fid=0x0012, sfi=0x12, secret=b"55021720352285", max_tries=10)
    a.add_ef(0x0001, b"free")
    a.add_ef(0x0002, b"either", read=Access.any_of("a.pin", "a.code"))
    a.add_ef(0x0003, b"both", read=Access.all_of("a.pin", "mf.pin"))
    a.add_record_ef(0x0004, [b"rec1", b"rec2"], sfi=0x04)
    a.add_private_key(0x0017, sign=lambda cmd: b"S" + cmd.data, use=Access.any_of("a.pin"))
    c.add_df(AID_B, name="B")
    return c


def test_access_conditions(card):
    assert sw(card, "00A4040C06" + AID_A.hex()) == "9000"
    assert sw(card, "00A4020C020002") == "9000"
    assert sw(card, "00B0000000") == "6982"
    assert sw(card, "002000920E" + b"55021720352285".hex()) == "9000"  # code opens "either"
    assert card.transmit(h("00B0000000")) == b"either" + h("9000")
    assert sw(card, "00A4020C020003") == "9000"
    assert sw(card, "00B0000000") == "6982"  # needs pin AND mf.pin
    assert sw(card, "0020008104" + b"1111".hex()) == "9000"  # the MF's key by short id, from inside the DF
    assert sw(card, "00B0000000") == "6982"  # a.pin still missing
    assert sw(card, "0020009104" + b"1234".hex()) == "9000"
    assert card.transmit(h("00B0000000")) == b"both" + h("9000")
    assert sw(card, "0020009504" + b"1234".hex()) == "6A88"  # no key with short id 15


def test_retry_counter_and_lockout_exactly_as_cards_md(card):
    card.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(card, "00200091") == "63C3"  # query: no try spent
    assert sw(card, "00200091") == "63C3"
    assert sw(card, "0020009104" + b"0000".hex()) == "63C2"
    assert sw(card, "0020009104" + b"0000".hex()) == "63C1"
    assert sw(card, "0020009104" + b"0000".hex()) == "63C0"  # the blocking failure
    assert sw(card, "0020009104" + b"1234".hex()) == "6984"  # after: blocked
    assert sw(card, "00200091") == "63C0"
    card.reset()
    card.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(card, "00200091") == "63C0"  # counters survive a reset
    assert card.verify_attempts == 4 and card.verify_queries == 4


def test_success_resets_counter_and_verified_state_is_per_df(card):
    card.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(card, "0020009104" + b"0000".hex()) == "63C2"
    assert sw(card, "0020009104" + b"1234".hex()) == "9000"
    assert card.key("a.pin").tries_left == 3
    assert sw(card, "00A4020C020002") == "9000"
    assert sw(card, "00B0000000") == "9000"
    card.transmit(h("00A4040C06" + AID_B.hex()))
    card.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(card, "00A4020C020002") == "9000"
    assert sw(card, "00B0000000") == "6982"  # cleared on DF change


def test_wrong_verify_clears_verified_state(card):
    card.transmit(h("00A4040C06" + AID_A.hex()))
    card.transmit(h("0020009104" + b"1234".hex()))
    card.transmit(h("0020009104" + b"9999".hex()))
    card.transmit(h("00A4020C020002"))
    assert sw(card, "00B0000000") == "6982"


def test_query_answers_9000_when_verified_if_configured():
    c = SoftCard()
    df = c.add_df(AID_A)
    df.add_key("k", sfi=0x01, secret=b"1", query_answers_9000_when_verified=True)
    c.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(c, "00200081") == "63C3"
    c.transmit(h("0020008101" + "31"))
    assert sw(c, "00200081") == "9000"


def test_unlimited_key_answers_6300():
    c = SoftCard()
    c.mf.add_key("card_number", sfi=0x06, secret=b"AA12345678BB", max_tries=None)
    for _ in range(5):
        assert sw(c, "002000860C" + b"AA12345678BC".hex()) == "6300"
    assert sw(c, "002000860C" + b"AA12345678BB".hex()) == "9000"


def test_read_binary_edges(card):
    card.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(card, "00B0000000") == "6986"  # no current EF
    card.transmit(h("00A4020C020001"))
    assert card.transmit(h("00B0000210")) == b"ee" + h("9000")  # fewer bytes at the end
    assert sw(card, "00B0000410") == "6B00"
    assert sw(card, "00B0000000") == "9000"
    assert sw(card, "00B0990000") == "6A82"  # short id 19 not there
    assert card.transmit(h("00B2010400")) == h("6981")  # current EF is not a record EF
    assert card.transmit(h("00B2022400")) == b"rec2" + h("9000")


def test_errors_for_unknown_ins_cla_channel_and_sm(card):
    assert sw(card, "00EE000000") == "6D00"
    assert sw(card, "90B0000000") == "6E00"
    assert sw(card, "01B0000000") == "6881"
    assert sw(card, "0CB0000000") == "6882"
    assert sw(card, "00A4040C03F00000") == "6A82"
    assert sw(card, "00A4") == "6700"


def test_extended_length_can_be_refused():
    c = SoftCard(extended_length=False)
    c.mf.add_ef(0x0001, bytes(1000))
    c.transmit(h("00A4020C020001"))
    assert sw(c, "00B00000000300") == "6700"
    assert sw(c, "00B0000000") == "9000"


def test_my_number_mf_select_quirk():
    c = SoftCard(mf_select="mynumber")
    c.add_df(AID_A)
    assert sw(c, "00A40000") == "6A86"
    c.transmit(h("00A4040C06" + AID_A.hex()))
    assert sw(c, "00A40000") == "9000"
    assert c.current_df.aid == AID_A  # nothing changed
    assert sw(c, "00A40000023F00") == "6A82"


def test_signing_needs_the_key_verified(card):
    card.transmit(h("00A4040C06" + AID_A.hex()))
    card.transmit(h("00A4020C020017"))
    assert sw(card, "802A00800130" + "00") == "6982"
    card.transmit(h("0020009104" + b"1234".hex()))
    card.transmit(h("00A4020C020017"))
    assert card.transmit(h("802A0080013000")) == b"S0" + h("9000")
    assert sw(card, "002A0080013000") == "6E00"


def test_handler_registry_and_secure_messaging_hook():
    c = SoftCard()
    df = c.add_df(AID_A)
    df.add_handler(0xCA, lambda card, cmd: ResponseApdu.status(0x9000, b"df"))
    c.add_handler(0xCA, lambda card, cmd: ResponseApdu.status(0x9000, b"card"))
    assert c.transmit(h("00CA000000")) == b"card" + h("9000")
    c.transmit(h("00A4040C06" + AID_A.hex()))
    assert c.transmit(h("00CA000000")) == b"df" + h("9000")

    class Xor:
        resets = 0

        def unwrap(self, card, cmd):
            if not cmd.data:
                raise CardStatus(0x6987)
            return CommandApdu(0x00, cmd.ins, cmd.p1, cmd.p2, bytes(b ^ 0x55 for b in cmd.data), cmd.le)

        def wrap(self, card, cmd, response):
            return ResponseApdu(bytes(b ^ 0x55 for b in response.data), response.sw)

        def reset(self):
            Xor.resets += 1

    c.secure_messaging = Xor()
    c.mf.add_ef(0x0009, b"secret")
    c.transmit(h("00A40000023F00"))
    wrapped = bytes(b ^ 0x55 for b in h("0009"))
    assert c.transmit(h("08A4020C02") + wrapped) == h("9000")
    out = c.transmit(h("08B0000001AA06"))
    assert bytes(b ^ 0x55 for b in out[:-2]) == b"secret"
    assert sw(c, "08B00000") == "6987"
    c.reset()
    assert Xor.resets == 1


def test_duplicate_ids_are_refused():
    c = SoftCard()
    c.mf.add_ef(0x0001, b"")
    with pytest.raises(ValueError):
        c.mf.add_ef(0x0001, b"")
    with pytest.raises(ValueError):
        c.add_df(AID_A) and c.add_df(AID_A)
