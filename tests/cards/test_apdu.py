"""APDU encoding and parsing: the seven ISO cases, the short/extended boundaries, errors not bad bytes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyc_desk.cards import apdu
from kyc_desk.cards.apdu import CommandApdu, ResponseApdu, StatusWord
from kyc_desk.cards.errors import ApduEncodingError, MalformedData


def test_case_1_and_2_short():
    assert CommandApdu(0x00, 0x20, 0x00, 0x80).to_bytes() == bytes.fromhex("00200080")
    assert CommandApdu(0x00, 0xB0, 0x00, 0x00, le=4).to_bytes() == bytes.fromhex("00B0000004")
    assert CommandApdu(0x00, 0xB0, 0x00, 0x00, le=256).to_bytes() == bytes.fromhex("00B0000000")


def test_select_matches_the_real_card_trace():
    # cards.md §A.7 (TEX2E real-card trace)
    assert apdu.select_aid(bytes.fromhex("D392F000260100000001")).to_bytes() == bytes.fromhex(
        "00A4040C0AD392F000260100000001"
    )
    assert apdu.select_fid(0x000A).to_bytes() == bytes.fromhex("00A4020C02000A")
    assert apdu.verify(b"1234").to_bytes() == bytes.fromhex("002000800431323334")
    assert apdu.verify_query(sfi=0x18).to_bytes() == bytes.fromhex("00200098")
    assert apdu.read_binary(4, 0x061F).to_bytes() == bytes.fromhex("00B0000400061F")  # extended Le


def test_lc_255_is_short_and_256_is_extended():
    short = CommandApdu(0x00, 0xD6, 0, 0, bytes(255))
    assert short.to_bytes()[:5] == bytes.fromhex("00D60000FF") and len(short.to_bytes()) == 260
    ext = CommandApdu(0x00, 0xD6, 0, 0, bytes(256))
    assert ext.to_bytes()[:7] == bytes.fromhex("00D6000000" "0100") and len(ext.to_bytes()) == 263


def test_le_256_is_short_and_257_extended_and_65536_is_0000():
    assert CommandApdu(0, 0xB0, 0, 0, le=257).to_bytes() == bytes.fromhex("00B00000000101")
    assert CommandApdu(0, 0xB0, 0, 0, le=65536).to_bytes() == bytes.fromhex("00B00000000000")
    assert CommandApdu(0, 0xB0, 0, 0, b"\x01", le=65536).to_bytes() == bytes.fromhex("00B0000000000101" "0000")


def test_forced_extended_and_refused_short():
    cmd = CommandApdu(0, 0xB0, 0, 0, le=16)
    assert cmd.to_bytes(extended=True) == bytes.fromhex("00B00000000010")
    with pytest.raises(ApduEncodingError):
        CommandApdu(0, 0xB0, 0, 0, le=300).to_bytes(extended=False)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cla": 256, "ins": 0, "p1": 0, "p2": 0},
        {"cla": 0, "ins": -1, "p1": 0, "p2": 0},
        {"cla": 0, "ins": 0, "p1": 0, "p2": 0, "le": 0},
        {"cla": 0, "ins": 0, "p1": 0, "p2": 0, "le": 65537},
        {"cla": 0, "ins": 0, "p1": 0, "p2": 0, "data": bytes(65536)},
    ],
)
def test_impossible_commands_raise_instead_of_encoding(kwargs):
    with pytest.raises(ApduEncodingError):
        CommandApdu(**kwargs)


def test_command_constructors_refuse_out_of_range():
    with pytest.raises(ApduEncodingError):
        apdu.read_binary(0x8000, 1)
    with pytest.raises(ApduEncodingError):
        apdu.read_binary(256, 1, sfi=1)
    with pytest.raises(ApduEncodingError):
        apdu.verify(b"")
    with pytest.raises(ApduEncodingError):
        apdu.select_aid(bytes(17))


@pytest.mark.parametrize("raw", ["", "00", "00A404", "00A4040C05D392", "00A4040C0000", "00B000000001020304"])
def test_parse_rejects_inconsistent_lengths(raw):
    with pytest.raises(MalformedData):
        CommandApdu.parse(bytes.fromhex(raw))


def test_parse_short_le_00_is_256():
    assert CommandApdu.parse(bytes.fromhex("00B0000000")).le == 256


commands = st.builds(
    CommandApdu,
    cla=st.integers(0, 255),
    ins=st.integers(0, 255),
    p1=st.integers(0, 255),
    p2=st.integers(0, 255),
    data=st.binary(max_size=600),
    le=st.none() | st.integers(1, 65536),
)


@settings(max_examples=1000)
@given(commands)
def test_encode_parse_round_trip(cmd):
    assert CommandApdu.parse(cmd.to_bytes()) == cmd
    assert CommandApdu.parse(cmd.to_bytes(extended=True)) == cmd


@settings(max_examples=3000)
@given(st.binary(max_size=300))
def test_parse_never_leaks_other_exceptions(raw):
    with contextlib.suppress(MalformedData):
        CommandApdu.parse(raw)


def test_status_word_questions():
    assert StatusWord(0x9000).is_success
    assert StatusWord(0x6110).more_data == 0x10 and StatusWord(0x6100).more_data == 256
    assert StatusWord(0x6C08).correct_le == 8
    assert StatusWord(0x63C2).retries_left == 2 and StatusWord(0x63C0).retries_left == 0
    assert StatusWord(0x6300).retries_left is None and StatusWord(0x6A82).retries_left is None
    assert str(StatusWord(0x6A82)) == "6A82"
    assert StatusWord(0x6A82).description == "file not found"


def test_response_parse():
    r = ResponseApdu.parse(bytes.fromhex("3082061F9000"))
    assert r.data == bytes.fromhex("3082061F") and r.sw.is_success
    with pytest.raises(MalformedData):
        ResponseApdu.parse(b"\x90")


def test_repr_never_shows_data():
    cmd = apdu.verify(b"9876")
    assert "9876" not in repr(cmd) and "39383736" not in repr(cmd).replace(" ", "")
