"""Japanese era dates: the conversions the cards and the UI rely on."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.jp import era


@pytest.mark.parametrize(
    ("day", "yymmdd", "printed"),
    [
        (dt.date(1980, 2, 17), "550217", "昭和55年2月17日"),  # the 照合番号B example in cards.md §A.4.2
        (dt.date(1989, 1, 7), "640107", "昭和64年1月7日"),  # last day of Showa
        (dt.date(1989, 1, 8), "010108", "平成元年1月8日"),  # first day of Heisei
        (dt.date(2019, 4, 30), "310430", "平成31年4月30日"),
        (dt.date(2019, 5, 1), "010501", "令和元年5月1日"),
        (dt.date(2020, 2, 24), "020224", "令和2年2月24日"),
    ],
)
def test_round_trip_through_era_forms(day: dt.date, yymmdd: str, printed: str) -> None:
    assert era.format_yymmdd(day) == yymmdd
    assert era.format_japanese(day) == printed
    code = era.era_of(day).code
    assert era.parse_era_digit_yymmdd(f"{code}{yymmdd}") == day
    assert era.parse_era_yyyymmdd(f"{code}{day:%Y%m%d}") == day


@pytest.mark.parametrize("text", ["4310501", "3640108", "5010430", "3550230", "9550217", "55021", "a550217"])
def test_impossible_era_dates_are_refused(text: str) -> None:
    with pytest.raises(era.EraDateError):
        era.parse_era_digit_yymmdd(text)


def test_certificate_form_unknown_era_and_mismatch() -> None:
    assert era.parse_era_yyyymmdd("000000000") is None
    with pytest.raises(era.EraDateError):
        era.parse_era_yyyymmdd("419800217")  # 1980 is Showa, not Heisei


def test_era_names() -> None:
    assert era.era_by_name("令和").code == 5
    assert era.era_by_name("S").kanji == "昭和"
    with pytest.raises(era.EraDateError):
        era.era_by_name("天平")


@pytest.mark.parametrize(
    ("day", "shown_ja", "shown_en"),
    [
        (dt.date(1989, 1, 7), "昭和64年1月7日（1989年）", "7 Jan 1989 (Showa 64)"),  # last day of Showa
        (dt.date(1989, 1, 8), "平成元年1月8日（1989年）", "8 Jan 1989 (Heisei 1)"),  # 元年, not 1年
        (dt.date(2019, 4, 30), "平成31年4月30日（2019年）", "30 Apr 2019 (Heisei 31)"),  # last day of Heisei
        (dt.date(2019, 5, 1), "令和元年5月1日（2019年）", "1 May 2019 (Reiwa 1)"),  # first day of Reiwa
        (dt.date(2020, 1, 1), "令和2年1月1日（2020年）", "1 Jan 2020 (Reiwa 2)"),
        (dt.date(2026, 12, 6), "令和8年12月6日（2026年）", "6 Dec 2026 (Reiwa 8)"),
        (dt.date(1926, 12, 25), "昭和元年12月25日（1926年）", "25 Dec 1926 (Showa 1)"),
        (dt.date(1926, 12, 24), "大正15年12月24日（1926年）", "24 Dec 1926 (Taisho 15)"),
    ],
)
def test_dates_are_shown_in_the_era_with_the_western_year(day: dt.date, shown_ja: str, shown_en: str) -> None:
    assert era.format_with_western_year(day) == shown_ja
    assert era.format_english(day) == shown_en


def test_a_date_before_meiji_has_no_era() -> None:
    with pytest.raises(era.EraDateError):
        era.format_with_western_year(dt.date(1868, 10, 22))
