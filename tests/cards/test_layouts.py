"""The generic FileLayout decoder: tables in, dict out, MalformedData (never partial results) on bad data."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.layouts import Field, FileLayout, ascii_text, decode, utf8, yyyymmdd
from kyc_desk.cards.tlv import encode_simple, encode_tlv


def _check_sex(values, raw):
    if values["sex"] not in {"1", "2", "9"}:
        raise MalformedData("unknown sex code", tag=0xDF25)


LAYOUT = FileLayout(
    name="test/EF0002",
    template=0xFF20,
    fields=(
        Field(0xDF22, "name", decode=utf8),
        Field(0xDF24, "birth_date", decode=yyyymmdd, length=8),
        Field(0xDF25, "sex", decode=ascii_text, length=1),
        Field(0xDF26, "extra", required=False),
    ),
    check=_check_sex,
)


def _file(name=b"\xe5\xb1\xb1\xe7\x94\xb0", birth=b"19610804", sex=b"1", extra=None):
    body = encode_tlv(0xDF22, name) + encode_tlv(0xDF24, birth) + encode_tlv(0xDF25, sex)
    if extra is not None:
        body += encode_tlv(0xDF26, extra)
    return encode_tlv(0xFF20, body) + b"\xff\xff"


def test_decodes_fields():
    assert decode(LAYOUT, _file(extra=b"\x01")) == {
        "name": "山田",
        "birth_date": dt.date(1961, 8, 4),
        "sex": "1",
        "extra": b"\x01",
    }
    assert "extra" not in decode(LAYOUT, _file())


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        (_file(birth=b"19611304"), 0xDF24),  # month 13
        (_file(birth=b"1961080"), 0xDF24),  # wrong fixed length
        (_file(name=b"\xff\xfe\xfa"), 0xDF22),  # not UTF-8
        (_file(sex=b"7"), 0xDF25),  # failed cross-check
        (encode_tlv(0xFF20, encode_tlv(0xDF22, b"a")), 0xDF24),  # missing field
        (encode_tlv(0xFF21, b""), 0xFF20),  # no template
    ],
)
def test_bad_data_raises_malformed_data_naming_ef_and_tag(raw, tag):
    with pytest.raises(MalformedData) as info:
        decode(LAYOUT, raw)
    assert info.value.ef == "test/EF0002"
    assert info.value.tag == tag
    assert "1961" not in str(info.value) and "山田" not in str(info.value)


def test_duplicate_and_unknown_tags():
    dup = encode_tlv(0xFF20, encode_tlv(0xDF22, b"a") * 2 + encode_tlv(0xDF24, b"19610804") + encode_tlv(0xDF25, b"1"))
    with pytest.raises(MalformedData, match="twice"):
        decode(LAYOUT, dup)
    strict = FileLayout(name="strict", fields=(Field(0xC1, "type"),), encoding="simple", allow_unknown=False)
    assert decode(strict, encode_simple(0xC1, b"1")) == {"type": b"1"}
    with pytest.raises(MalformedData, match="unexpected"):
        decode(strict, encode_simple(0xC1, b"1") + encode_simple(0xC2, b"x"))
