"""照合番号B from what is printed on the card: each part validated, errors name the bad part."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.mynumber import CodeB, CodeBInvalid, parse_printed_birth_date, validate_code_b_digits


def test_reference_example() -> None:
    # cards.md §A.4.2: 1980-02-17 (昭和55年), expiry 2035, security code 2285
    assert CodeB.from_printed("昭和55年2月17日", 2035, "2285").digits == "55021720352285"
    assert CodeB.from_printed(dt.date(1980, 2, 17), "２０３５", "２２８５").digits == "55021720352285"
    assert CodeB.from_printed("1980-02-17", "2035年", "2285").digits == "55021720352285"


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("S55.2.17", "1980-02-17"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("H1.1.8", "1989-01-08"),
        ("昭和 36年 8月 4日生", "1961-08-04"),
        ("1961年8月4日", "1961-08-04"),
    ],
)
def test_printed_birth_dates(printed: str, iso: str) -> None:
    assert parse_printed_birth_date(printed).isoformat() == iso


def test_era_year_digits_use_the_era_not_the_gregorian_year() -> None:
    code = CodeB.from_printed("2019-05-01", 2029, "0001")  # 令和元年 → "01"
    assert code.digits == "01050120290001"
    assert CodeB.from_printed("2019-04-30", 2029, "0001").digits.startswith("310430")  # 平成31年


@pytest.mark.parametrize(
    ("birth", "year", "code", "part"),
    [
        ("昭和65年1月1日", 2035, "2285", "birth_date"),  # 昭和 ended in its 64th year
        ("平成31年5月1日", 2035, "2285", "birth_date"),  # already 令和
        ("1980-02-30", 2035, "2285", "birth_date"),
        ("yesterday", 2035, "2285", "birth_date"),
        ("1980-02-17", 35, "2285", "expiry_year"),
        ("1980-02-17", 1999, "2285", "expiry_year"),
        ("1980-02-17", 2035, "228", "security_code"),
        ("1980-02-17", 2035, "22a5", "security_code"),
    ],
)
def test_errors_name_the_bad_part(birth: str, year: int, code: str, part: str) -> None:
    with pytest.raises(CodeBInvalid) as caught:
        CodeB.from_printed(birth, year, code)
    assert caught.value.part == part
    assert caught.value.ja and caught.value.message
    assert "1980" not in caught.value.message and "2285" not in caught.value.message  # no personal data


def test_repr_hides_the_parts() -> None:
    assert "1980" not in repr(CodeB.from_printed("1980-02-17", 2035, "2285"))


def test_validate_typed_digits() -> None:
    assert validate_code_b_digits("５５０２１７２０３５２２８５") == "55021720352285"
    for bad, part in (("5502172035228", "digits"), ("55133120352285", "birth_date"), ("00021720352285", "birth_date"),
                      ("55021719992285", "expiry_year")):  # fmt: skip
        with pytest.raises(CodeBInvalid) as caught:
            validate_code_b_digits(bad)
        assert caught.value.part == part


def test_birth_date_as_era_parts() -> None:
    assert CodeB.from_printed(("昭和", 55, 2, 17), 2035, "2285").digits == "55021720352285"
    assert CodeB.from_printed(("R", 1, 5, 1), 2029, "0001").digits.startswith("010501")
    for parts in (("昭和", 65, 1, 1), ("大化", 1, 1, 1), ("平成", 0, 1, 1)):
        with pytest.raises(CodeBInvalid) as caught:
            CodeB.from_printed(parts, 2035, "2285")
        assert caught.value.part == "birth_date"
