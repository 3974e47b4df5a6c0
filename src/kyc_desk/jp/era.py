"""Japanese eras (元号) and era dates (和暦).

The cards write dates with an era code: the driver's licence as an era digit plus YYMMDD, the JPKI
signature certificate as ``EYYYYMMDD``, and the My Number card's 照合番号B starts with the birth date as
era YYMMDD *without* the era digit. This module is the one place that converts between those forms and
ISO dates, and the one place that writes a date as people read it: :func:`format_with_western_year`
(``令和8年12月6日（2026年）``, what the desk shows scriveners) and :func:`format_english`. The era
boundaries are the data in :data:`ERAS`; a new era is one row. Stored dates stay ISO ``datetime.date``;
the desk's display helpers (:func:`kyc_desk.app.texts.date_text`, ``moment_text``) call these.

Era codes (cards.md §A.6, §B.2): 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final


class EraDateError(ValueError):
    """An era date that does not exist (bad digits, a day outside the era, an unknown era code)."""


@dataclass(frozen=True)
class Era:
    """One era: its card code, names and the first day (元年 starts on that day)."""

    code: int
    kanji: str
    romaji: str
    first_day: dt.date

    def year_offset(self) -> int:
        """Gregorian year = era year + this offset."""
        return self.first_day.year - 1


ERAS: Final[tuple[Era, ...]] = (
    Era(1, "明治", "Meiji", dt.date(1868, 10, 23)),
    Era(2, "大正", "Taisho", dt.date(1912, 7, 30)),
    Era(3, "昭和", "Showa", dt.date(1926, 12, 25)),
    Era(4, "平成", "Heisei", dt.date(1989, 1, 8)),
    Era(5, "令和", "Reiwa", dt.date(2019, 5, 1)),
)
#: How far past its end an era year may run on a document printed before the change (licences: 5 years).
MAX_OVERRUN_YEARS: Final = 10
_BY_CODE: Final[dict[int, Era]] = {era.code: era for era in ERAS}
_BY_NAME: Final[dict[str, Era]] = {
    **{era.kanji: era for era in ERAS},
    **{era.romaji.lower(): era for era in ERAS},
    **{era.romaji[0].lower(): era for era in ERAS},  # M, T, S, H, R as printed on some forms
}


def era_by_code(code: int) -> Era:
    """The era with this card code (1–5)."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise EraDateError(f"unknown era code {code}") from None


def era_by_name(name: str) -> Era:
    """The era named in kanji (令和), romaji (Reiwa) or by its initial (R)."""
    try:
        return _BY_NAME[name.strip().lower()]
    except KeyError:
        raise EraDateError(f"unknown era name {name!r}") from None


def era_of(day: dt.date) -> Era:
    """The era a Gregorian date falls in (dates before 明治 are refused)."""
    for era in reversed(ERAS):
        if day >= era.first_day:
            return era
    raise EraDateError("date before the Meiji era")


def to_gregorian(era: Era, year: int, month: int, day: int, *, overrun: bool = False) -> dt.date:
    """Convert an era date; the date must exist and lie within the era (元年 = year 1).

    ``overrun=True`` accepts a year past the era's end, as documents printed before a change of era carry
    them (a licence issued in 平成30年 expires in 「平成36年」 = 2024); the date must still be on or after
    the era's first day, and at most :data:`MAX_OVERRUN_YEARS` past its end.
    """
    if year < 1:
        raise EraDateError("era year must be 1 or more")
    try:
        result = dt.date(year + era.year_offset(), month, day)
    except ValueError as exc:
        raise EraDateError(f"no such date: {exc}") from None
    if result < era.first_day:
        raise EraDateError(f"the date is before the {era.romaji} era")
    if era_of(result) is not era:
        following = ERAS[ERAS.index(era) + 1].first_day
        if not overrun or result.year > following.year + MAX_OVERRUN_YEARS:
            raise EraDateError(f"the date is not within the {era.romaji} era")
    return result


def to_era(day: dt.date) -> tuple[Era, int]:
    """The era and era year of a Gregorian date."""
    era = era_of(day)
    return era, day.year - era.year_offset()


def parse_era_digit_yymmdd(text: str, *, overrun: bool = False) -> dt.date:
    """Parse the driver's licence form: era digit + YYMMDD (7 ASCII digits, e.g. ``4010101``); ``overrun``
    as for :func:`to_gregorian`."""
    if len(text) != 7 or not text.isascii() or not text.isdigit():
        raise EraDateError("expected 7 digits: era code and YYMMDD")
    return to_gregorian(era_by_code(int(text[0])), int(text[1:3]), int(text[3:5]), int(text[5:7]), overrun=overrun)


def parse_era_yyyymmdd(text: str) -> dt.date | None:
    """Parse the JPKI certificate form ``EYYYYMMDD`` (E = era code, then the *Gregorian* date).

    Era code ``0`` means the date is unknown; then ``None`` is returned. The Gregorian date must fall in
    the named era, so a mismatch is refused rather than silently accepted.
    """
    if len(text) != 9 or not text.isascii() or not text.isdigit():
        raise EraDateError("expected 9 digits: era code and YYYYMMDD")
    if text[0] == "0":
        return None
    era = era_by_code(int(text[0]))
    try:
        day = dt.date(int(text[1:5]), int(text[5:7]), int(text[7:9]))
    except ValueError as exc:
        raise EraDateError(f"no such date: {exc}") from None
    if era_of(day) is not era:
        raise EraDateError("the date does not fall in the era its code names")
    return day


def format_yymmdd(day: dt.date) -> str:
    """The era YYMMDD digits without the era code (as in the My Number card's 照合番号B)."""
    _era, year = to_era(day)
    if year > 99:  # pragma: no cover - no era has lasted 100 years
        raise EraDateError("era year does not fit in two digits")
    return f"{year:02d}{day.month:02d}{day.day:02d}"


def format_japanese(day: dt.date) -> str:
    """A date as printed on Japanese documents: ``昭和55年2月17日`` (元年 for the first year)."""
    era, year = to_era(day)
    year_text = "元" if year == 1 else str(year)
    return f"{era.kanji}{year_text}年{day.month}月{day.day}日"


def format_with_western_year(day: dt.date) -> str:
    """A date as the desk shows it to scriveners: ``令和8年12月6日（2026年）`` — the era date their forms
    use, with the Western year beside it so that nobody has to convert."""
    return f"{format_japanese(day)}（{day.year}年）"


#: English month abbreviations, independent of the process's locale.
MONTHS_EN: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_english(day: dt.date) -> str:
    """The same date for an English reader: ``6 Dec 2026 (Reiwa 8)`` (the era year beside, as on the forms)."""
    era, year = to_era(day)
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year} ({era.romaji} {year})"
