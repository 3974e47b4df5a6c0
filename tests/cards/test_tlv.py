"""BER-TLV and one-byte-tag TLV: the cards' quirks, malformed input, fuzzing, round trips."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.tlv import Tlv, encode_length, encode_simple, encode_tlv, find, parse_ber, parse_simple


def test_my_number_ef0001_shape_with_ff10_tag_and_ff_filler():
    # cards.md §A.3.2: FF 10 0C <12 ASCII digits> FF FF (digits here are not a real number)
    raw = bytes.fromhex("FF100C") + b"000000000000" + b"\xff\xff"
    (obj,) = parse_ber(raw)
    assert obj.tag == 0xFF10 and obj.value == b"000000000000" and obj.constructed
    assert obj.offset == 0 and obj.size == 15


def test_nested_template_with_long_lengths_and_trailing_filler():
    inner = encode_tlv(0xDF22, "山田 太郎".encode()) + encode_tlv(0xDF23, b"x" * 300)
    raw = b"\x00\x00" + encode_tlv(0xFF20, inner) + b"\xff" * 5 + b"\x00" * 3
    (outer,) = parse_ber(raw)
    assert outer.tag == 0xFF20
    children = outer.children()
    assert [c.tag for c in children] == [0xDF22, 0xDF23]
    assert find(children, 0xDF23).value == b"x" * 300
    assert raw[outer.offset : outer.offset + 4] == bytes.fromhex("FF20820137")[:4]


@pytest.mark.parametrize(
    ("length", "encoded"),
    [(0, "00"), (127, "7F"), (128, "8180"), (255, "81FF"), (256, "820100"), (65535, "82FFFF"), (65536, "83010000")],
)
def test_length_forms(length, encoded):
    assert encode_length(length) == bytes.fromhex(encoded)
    (obj,) = parse_ber(bytes.fromhex("C1") + bytes.fromhex(encoded) + bytes(length))
    assert len(obj.value) == length


def test_non_minimal_long_length_is_accepted():
    (obj,) = parse_ber(bytes.fromhex("DF2582000131"))
    assert obj.value == b"1"


@pytest.mark.parametrize(
    "raw",
    [
        "DF",  # tag cut short
        "DF21",  # no length
        "DF2105AA",  # value runs past the data
        "C180",  # indefinite length
        "C185",  # five length bytes
        "C182FF",  # long length cut short
        "DFFFFFFF01",  # tag longer than four bytes
    ],
)
def test_malformed_input_raises_malformed_data(raw):
    with pytest.raises(MalformedData):
        parse_ber(bytes.fromhex(raw))


def test_filler_can_be_refused():
    with pytest.raises(MalformedData):
        parse_ber(bytes.fromhex("C10131FFFF"), allow_filler=False)


@settings(max_examples=5000)
@given(st.binary(max_size=200))
def test_ber_fuzz_only_malformed_data(raw):
    try:
        for obj in parse_ber(raw):
            if obj.constructed:
                obj.children()
    except MalformedData:
        pass


@settings(max_examples=5000)
@given(st.binary(max_size=200))
def test_simple_fuzz_only_malformed_data(raw):
    with contextlib.suppress(MalformedData):
        parse_simple(raw)


ber_tags = st.one_of(
    st.integers(0x01, 0x1E).map(lambda n: n | 0xC0),
    st.integers(0x1F, 0x7F).map(lambda n: 0xDF00 | n),
    st.sampled_from([0x5F40, 0x7F21, 0x5F4E, 0xFF10, 0xFF20]),
)


@settings(max_examples=500)
@given(st.lists(st.tuples(ber_tags, st.binary(max_size=400)), max_size=6))
def test_ber_round_trip(objects):
    raw = b"".join(encode_tlv(tag, value) for tag, value in objects)
    parsed = parse_ber(raw)
    assert [(o.tag, o.value) for o in parsed] == objects
    assert b"".join(o.encode() for o in parsed) == raw


@settings(max_examples=500)
@given(st.lists(st.tuples(st.integers(0xC0, 0xDB), st.binary(max_size=400)), max_size=6))
def test_simple_round_trip_with_zero_padding(objects):
    raw = b"".join(encode_simple(tag, value) + b"\x00" * 3 for tag, value in objects)
    assert [(o.tag, o.value) for o in parse_simple(raw)] == objects


def test_residence_fixed_objects():
    # cards.md §C.3: C1 01 31 (在留カード), D0 82 1B 58 <7000 bytes>
    assert parse_simple(bytes.fromhex("C10131")) == [Tlv(0xC1, b"1", 0, 3)]
    (front,) = parse_simple(bytes.fromhex("D0821B58") + bytes(7000))
    assert len(front.value) == 7000
    with pytest.raises(MalformedData):
        parse_simple(bytes.fromhex("C183000001"))


def test_ff_as_a_length_byte_is_refused_by_both_parsers():
    # ISO SIMPLE-TLV's "FF xx xx" long length is not what these cards write: BER reads FF as 127 length
    # bytes, the residence form allows only 81/82; both must say so instead of guessing.
    with pytest.raises(MalformedData):
        parse_ber(bytes.fromhex("C1FF0100") + bytes(256))
    with pytest.raises(MalformedData):
        parse_simple(bytes.fromhex("D4FF0100") + bytes(256))


def test_length_boundaries_255_256():
    for n in (127, 128, 255, 256):
        raw = encode_simple(0xD4, bytes(n))
        assert raw[1:2] == (bytes((n,)) if n < 128 else b"\x81" if n < 256 else b"\x82")
        assert len(parse_simple(raw)[0].value) == n
        assert len(parse_ber(encode_tlv(0xDF23, bytes(n)))[0].value) == n
