"""The file tables drive both the parser and the software card; offsets are checked, never trusted."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_unknown_sex_code_is_refused() -> None:
    with pytest.raises(MalformedData):
        parse_text_attributes(L.encode_template(L.TEXT_ATTRIBUTES, {**VALUES, "sex": b"7"}))


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
