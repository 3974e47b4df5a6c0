"""Decoding the licence's JIS X 0208 text, 外字 placeholders and era dates."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.driver_licence.text import (
    TextDecodeError,
    decode_bcd_date,
    decode_era_date,
    decode_jis_x0201,
    decode_jis_x0208,
    encode_bcd_date,
    encode_era_date,
    encode_jis_x0208,
)


def test_jis_x0208_decodes_kanji_and_kana() -> None:
    # 山 = JIS 3B33, 田 = 4544, ideographic space = 2121, タ = 253F
    decoded = decode_jis_x0208(bytes.fromhex("3B33 4544 2121 253F"))
    assert decoded.text == "山田\u3000タ"
    assert decoded.complete


def test_trailing_filler_is_dropped_but_placeholders_are_kept() -> None:
    raw = bytes.fromhex("3B33 FFF1 4544 FFFA FFFF FFFF")
    decoded = decode_jis_x0208(raw)
    assert decoded.text == "山〈外字1〉田〈欠字〉"
    assert not decoded.complete
    assert [(p.kind, p.number, p.index) for p in decoded.placeholders] == [("gaiji", 1, 1), ("missing", 0, 7)]


def test_undefined_code_is_shown_not_dropped() -> None:
    decoded = decode_jis_x0208(bytes.fromhex("3B33 FFF9 0101"))
    assert decoded.text == "山〈未定義〉〈未定義〉"
    assert [p.kind for p in decoded.placeholders] == ["unknown", "unknown"]


def test_odd_length_is_refused() -> None:
    with pytest.raises(TextDecodeError):
        decode_jis_x0208(bytes.fromhex("3B33 45"))


def test_encode_round_trip_with_marks() -> None:
    text = "鈴木〈外字3〉郎　東京都千代田区霞が関一丁目〈欠字〉"
    assert decode_jis_x0208(encode_jis_x0208(text)).text == text


def test_encode_refuses_characters_outside_jis_x0208() -> None:
    with pytest.raises(TextDecodeError):
        encode_jis_x0208("𠮷")  # JIS X 0213 only
    with pytest.raises(TextDecodeError):
        encode_jis_x0208("ｱ")  # half-width kana is JIS X 0201, not 0208


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"3600804", dt.date(1985, 8, 4)),  # 昭和60年8月4日
        (b"4010108", dt.date(1989, 1, 8)),  # 平成元年1月8日
        (b"5010501", dt.date(2019, 5, 1)),  # 令和元年5月1日
        (b"2150101", dt.date(1926, 1, 1)),  # 大正15年
    ],
)
def test_era_dates(raw: bytes, expected: dt.date) -> None:
    assert decode_era_date(raw) == expected
    assert decode_era_date(encode_era_date(expected)) == expected


@pytest.mark.parametrize("raw", [b"4010107", b"6010101", b"401010", b"4A10101", b"3641301"])
def test_bad_era_dates_are_refused(raw: bytes) -> None:
    with pytest.raises(TextDecodeError):
        decode_era_date(raw)


def test_bcd_dates() -> None:
    assert decode_bcd_date(bytes.fromhex("20240719")) == dt.date(2024, 7, 19)
    assert encode_bcd_date(dt.date(2031, 2, 4)) == bytes.fromhex("20310204")
    for bad in ("202407", "2024AB19", "20241319"):
        with pytest.raises(TextDecodeError):
            decode_bcd_date(bytes.fromhex(bad))


def test_jis_x0201_digits() -> None:
    assert decode_jis_x0201(b"123456789012\xff\xff") == "123456789012"
    with pytest.raises(TextDecodeError):
        decode_jis_x0201("山".encode())
