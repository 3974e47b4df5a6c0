"""The file tables drive both the parser and the software card; offsets are checked, never trusted."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyc_desk.cards.apps.mynumber import layouts as L
from kyc_desk.cards.apps.mynumber import parse_cvc, parse_text_attributes
from kyc_desk.cards.errors import MalformedData
from kyc_desk_testkit.softcard.pki import issue_cvc, key_id
from kyc_desk_testkit.softcard.test_keys import softcard_key

VALUES = {"name": "山田\u3000太郎".encode(), "address": "東京都".encode(), "birth_date": b"19610804", "sex": b"1"}


def test_attributes_round_trip_with_offset_table() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES)
    assert raw[:2] == b"\xff\x20" and raw[3:5] == b"\xdf\x21"
    attributes = parse_text_attributes(raw + b"\xff" * 20)  # filler after the data is allowed
    assert (attributes.name, attributes.birth_date, attributes.sex) == ("山田\u3000太郎", dt.date(1961, 8, 4), "male")
    assert attributes.signed_part.startswith(b"\xdf\x22")


def test_long_address_uses_long_form_lengths() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, {**VALUES, "address": "あ".encode() * 100})
    assert raw[2] == 0x82  # outer length in 82 xx xx form
    assert parse_text_attributes(raw).address == "あ" * 100


def test_a_lying_offset_table_is_refused() -> None:
    raw = bytearray(L.encode_template(L.TEXT_ATTRIBUTES, VALUES))
    raw[6] ^= 0x01  # first offset
    with pytest.raises(MalformedData, match="offset table"):
        parse_text_attributes(bytes(raw))


@pytest.mark.parametrize("cut", [3, 20, -3])
def test_truncated_files_raise_malformed_data(cut: int) -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES)
    with pytest.raises(MalformedData):
        parse_text_attributes(raw[:cut])


def test_unknown_sex_code_is_kept_as_unknown_with_its_raw_value() -> None:
    attributes = parse_text_attributes(L.encode_template(L.TEXT_ATTRIBUTES, {**VALUES, "sex": b"7"}))
    assert (attributes.sex, attributes.sex_code) == ("unknown", "7")
    assert parse_text_attributes(L.encode_template(L.TEXT_ATTRIBUTES, VALUES)).sex_code == "1"


def test_an_extra_object_is_kept_ignored_and_covered_by_the_digest() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES, extra=((0xDF2B, b"new item"),))
    fields = L.decode_template(L.TEXT_ATTRIBUTES, raw)
    assert fields[L.extra_name(0xDF2B)].value == b"new item"
    attributes = parse_text_attributes(raw)
    assert attributes.name == "山田\u3000太郎"
    # the digest input is the whole outer value after DF21 (cards.md §A.3.2), the new object included
    assert attributes.signed_part.startswith(b"\xdf\x22") and attributes.signed_part.endswith(b"new item")


def test_objects_are_found_by_tag_in_any_order() -> None:
    reversed_layout = dataclasses.replace(L.TEXT_ATTRIBUTES, fields=L.TEXT_ATTRIBUTES.fields[::-1])
    raw = L.encode_template(reversed_layout, VALUES)
    assert list(L.decode_template(L.TEXT_ATTRIBUTES, raw))[:2] == ["offset_table", "sex"]  # sex written first
    attributes = parse_text_attributes(raw)
    assert (attributes.name, attributes.sex) == ("山田\u3000太郎", "male")


def test_a_missing_or_repeated_field_is_still_malformed() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES)
    fields = L.decode_template(L.TEXT_ATTRIBUTES, raw)
    sex = fields["sex"]
    without_sex = raw[: sex.offset] + raw[sex.offset + sex.size :]
    shorter = bytearray(without_sex)
    shorter[2] -= sex.size  # outer length in short form here
    with pytest.raises(MalformedData, match="sex missing"):
        parse_text_attributes(bytes(shorter))
    twice = L.encode_template(L.TEXT_ATTRIBUTES, VALUES, extra=((0xDF25, b"2"),))
    with pytest.raises(MalformedData, match="twice"):
        parse_text_attributes(twice)


def test_an_unknown_object_twice_is_tolerated_a_known_one_is_not() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES, extra=((0xDF2B, b"one"), (0xDF2B, b"two")))
    assert L.decode_template(L.TEXT_ATTRIBUTES, raw)[L.extra_name(0xDF2B)].value == b"one"
    assert parse_text_attributes(raw).sex == "male"


def test_bytes_after_the_declared_length_are_never_parsed() -> None:
    raw = L.encode_template(L.TEXT_ATTRIBUTES, VALUES)
    assert parse_text_attributes(raw + b"\x5a\x01\x02" * 50).name == "山田\u3000太郎"


def test_cvc_layout_is_568_bytes_and_parses() -> None:
    issuer, subject = softcard_key("cvc_text_issuer"), softcard_key("card_text_signer")
    raw = issue_cvc(key_id("6999033"), issuer, key_id("7100001"), subject)
    assert len(raw) == 568 and raw[:5] == bytes.fromhex("7F21820233")
    cvc = parse_cvc(raw)
    assert cvc.issuer_id == b"6999033\x08\x05001\x00\x00\x00\x00"
    assert (cvc.key.modulus, cvc.key.exponent) == (subject.n, 65537)
    assert len(cvc.body) == 297 and len(cvc.signature) == 256
    with pytest.raises(MalformedData):
        parse_cvc(raw[:300])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([L.TEXT_ATTRIBUTES, L.SURFACE_FACE, L.TEXT_SIGNATURE]))
def test_any_bytes_parse_or_raise_malformed_data_only(blob: bytes, template: L.Template) -> None:
    """Tolerant parsing must not turn into crashing parsing: junk is MalformedData, nothing else."""
    for raw in (blob, L.encode_template(L.TEXT_ATTRIBUTES, VALUES)[:5] + blob):
        with contextlib.suppress(MalformedData):
            L.decode_template(template, raw)
