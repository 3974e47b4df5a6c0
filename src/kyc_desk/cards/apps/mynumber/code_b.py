"""照合番号B — the 14-digit key that opens the card face (券面事項確認AP) without the holder's PIN.

It is built from what is printed on the card (cards.md §A.4.2):

- the birth date as **Japanese-era YYMMDD**, without the era (昭和55年2月17日 → ``550217``);
- the expiry **year** in the Gregorian calendar (``2035``);
- the 4-digit **セキュリティコード** printed on the card face.

Example: born 1980-02-17, expiry 2035, code 2285 → ``55021720352285``. The same 14 digits open the
text AP's 基本4情報 (券面事項入力補助AP EF 0015).

:class:`CodeB` validates each part on its own and names the bad one in its error, so the user knows what
to retype. Full-width digits (２０３５) are accepted, as people type them from the printed card.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from kyc_desk.cards.apps.mynumber.errors import CodeBInvalid
from kyc_desk.jp.era import EraDateError, era_by_name, format_yymmdd, to_gregorian

#: Expiry years a My Number card can carry (first cards were issued in 2016; 10-year validity plus a
#: birthday), with room to spare; anything outside is a typing error.
EXPIRY_YEARS: Final = range(2016, 2100)

_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:生)?$")
_ERA = re.compile(
    r"^(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:生)?$", re.IGNORECASE
)


def _normalise(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII) and no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def parse_printed_birth_date(text: str) -> dt.date:
    """The birth date as printed or typed: ``昭和55年2月17日``, ``S55.2.17``, ``令和元年5月1日``,
    ``1980-02-17`` or ``1980年2月17日``.

    Raises :class:`CodeBInvalid` (part ``birth_date``) for anything else or a date that does not exist.
    """
    value = _normalise(text)
    try:
        if match := _ERA.match(value):
            era_name, year, month, day = match.groups()
            era = era_by_name(era_name)
            return to_gregorian(era, 1 if year == "元" else int(year), int(month), int(day))
        if match := _ISO.match(value):
            year, month, day = match.groups()
            return dt.date(int(year), int(month), int(day))
    except (EraDateError, ValueError) as exc:
        raise CodeBInvalid("birth_date", "no such date", reason_ja="存在しない日付です") from exc
    raise CodeBInvalid(
        "birth_date",
        "write it as printed (e.g. 昭和55年2月17日 or S55.2.17) or as YYYY-MM-DD",
        reason_ja="券面の表記（例: 昭和55年2月17日）か西暦（例: 1980-02-17）で入力してください",
    )


#: A birth date as separate printed parts: era name, era year, month, day.
EraParts = tuple[str, int, int, int]


def birth_date_from_era_parts(era: str, year: int, month: int, day: int) -> dt.date:
    """``("昭和", 55, 2, 17)`` → 1980-02-17; :class:`CodeBInvalid` (part ``birth_date``) if it does not exist."""
    try:
        return to_gregorian(era_by_name(era), year, month, day)
    except EraDateError as exc:
        raise CodeBInvalid("birth_date", "no such date in that era", reason_ja="その元号にない日付です") from exc


def _parse_expiry_year(value: int | str) -> int:
    text = _normalise(str(value)).removesuffix("年")
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise CodeBInvalid("expiry_year", "expected the 4-digit year", reason_ja="西暦4桁で入力してください")
    year = int(text)
    if year not in EXPIRY_YEARS:
        raise CodeBInvalid(
            "expiry_year",
            f"expected a year from {EXPIRY_YEARS.start} to {EXPIRY_YEARS.stop - 1}",
            reason_ja="有効期限の年としてありえない値です",
        )
    return year


def _parse_security_code(value: str) -> str:
    text = _normalise(value)
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise CodeBInvalid("security_code", "expected 4 digits", reason_ja="4桁の数字で入力してください")
    return text


@dataclass(frozen=True)
class CodeB:
    """照合番号B built from the printed card; ``digits`` is what the card is sent.

    The parts are personal data: they are kept out of ``repr`` (and so out of logs and tracebacks).
    """

    birth_date: dt.date = field(repr=False)
    expiry_year: int = field(repr=False)
    security_code: str = field(repr=False)

    @classmethod
    def from_printed(cls, birth_date: str | dt.date | EraParts, expiry_year: int | str, security_code: str) -> CodeB:
        """Validate each printed part (errors name the bad one) and build the code.

        ``birth_date``: as printed or typed (``"昭和55年2月17日"``, ``"S55.2.17"``, ``"1980-02-17"``), a
        :class:`datetime.date`, or the parts ``("昭和", 55, 2, 17)`` (era by kanji, romaji or initial).
        """
        if isinstance(birth_date, dt.date):
            day = birth_date
        elif isinstance(birth_date, tuple):
            day = birth_date_from_era_parts(*birth_date)
        else:
            day = parse_printed_birth_date(birth_date)
        year = _parse_expiry_year(expiry_year)
        code = _parse_security_code(security_code)
        try:
            format_yymmdd(day)
        except EraDateError as exc:
            raise CodeBInvalid("birth_date", "before the Meiji era", reason_ja="明治より前の日付です") from exc
        return cls(day, year, code)

    @property
    def digits(self) -> str:
        """The 14 ASCII digits: era YYMMDD + expiry year + security code."""
        return f"{format_yymmdd(self.birth_date)}{self.expiry_year:04d}{self.security_code}"


def validate_code_b_digits(text: str) -> str:
    """Check 14 typed digits (e.g. from ``--secrets-stdin``) part by part; returns them normalised.

    The era is not part of the code, so the birth-date part can only be checked as a month/day that
    exists in some year; the expiry year must be plausible.
    """
    value = _normalise(text)
    if not (len(value) == 14 and value.isascii() and value.isdigit()):
        raise CodeBInvalid("digits", "expected 14 digits", reason_ja="14桁の数字で入力してください")
    year, month, day = int(value[0:2]), int(value[2:4]), int(value[4:6])
    try:
        if year < 1:
            raise ValueError("era years start at 1")
        dt.date(2000, month, day)  # a leap year, so 02-29 passes
    except ValueError as exc:
        raise CodeBInvalid(
            "birth_date",
            "the first 6 digits are not an era YYMMDD date",
            reason_ja="先頭6桁が和暦の年月日ではありません",
        ) from exc
    _parse_expiry_year(value[6:10])
    _parse_security_code(value[10:14])
    return value
