"""運転免許証の文字 — JIS X 0208 text, 外字 placeholders, JIS X 0201 digits and era dates.

The licence stores text as bare 7-bit JIS X 0208 code pairs (no escape sequences): adding ``0x8080`` to
each pair gives EUC-JP (cards.md §B.2). Characters outside JIS X 0208 are written as placeholders whose
bitmaps sit in EF03/EF05: ``FF F1``–``FF F7`` = 外字1–7, ``FF FA`` = 欠字 (a character left out).

A placeholder is never dropped: the decoded text shows it as ``〈外字1〉`` / ``〈欠字〉`` so the scrivener
sees that the chip's name is not the whole name, and :class:`JisText` lists where each one sits. A code
pair that is neither JIS X 0208 nor a known placeholder is shown as ``〈未定義〉`` and listed too — it is
odd data, but the rest of the field is still worth showing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from kyc_desk.jp.era import EraDateError, parse_era_digit_yymmdd, to_era

#: Placeholder code → (kind, number). Kind ``gaiji`` = 外字 with a bitmap in EF03/EF05, ``missing`` = 欠字.
PLACEHOLDER_CODES: Final[dict[int, tuple[str, int]]] = {
    **{0xFFF0 + n: ("gaiji", n) for n in range(1, 8)},
    0xFFFA: ("missing", 0),
}
UNKNOWN_MARK: Final = "〈未定義〉"


@dataclass(frozen=True)
class Placeholder:
    """One 外字/欠字 placeholder inside a decoded field: its character index in ``JisText.text``."""

    index: int
    kind: str  # "gaiji", "missing" or "unknown"
    number: int = 0

    @property
    def mark(self) -> str:
        """The visible mark written into the text."""
        if self.kind == "gaiji":
            return f"〈外字{self.number}〉"
        if self.kind == "missing":
            return "〈欠字〉"
        return UNKNOWN_MARK


@dataclass(frozen=True)
class JisText:
    """A decoded JIS X 0208 field: the text with visible placeholder marks, and where they are."""

    text: str
    placeholders: tuple[Placeholder, ...] = ()

    @property
    def complete(self) -> bool:
        """True when every character was decoded (no 外字, 欠字 or unknown codes)."""
        return not self.placeholders

    def __str__(self) -> str:
        return self.text


class TextDecodeError(ValueError):
    """A field cannot be decoded at all (odd length, bad digits); the card layer turns it into MalformedData."""


def decode_jis_x0208(raw: bytes) -> JisText:
    """Decode 2-byte JIS X 0208 codes (``FF`` filler at the end is dropped; placeholders are kept)."""
    raw = raw.rstrip(b"\xff") if len(raw) % 2 else _strip_pair_filler(raw)
    if len(raw) % 2:
        raise TextDecodeError("JIS X 0208 text must have an even number of bytes")
    parts: list[str] = []
    placeholders: list[Placeholder] = []
    position = 0
    for i in range(0, len(raw), 2):
        code = int.from_bytes(raw[i : i + 2], "big")
        if code in PLACEHOLDER_CODES:
            kind, number = PLACEHOLDER_CODES[code]
            mark = Placeholder(position, kind, number)
        else:
            char = _jis_char(code)
            if char is not None:
                parts.append(char)
                position += len(char)
                continue
            mark = Placeholder(position, "unknown")
        placeholders.append(mark)
        parts.append(mark.mark)
        position += len(mark.mark)
    return JisText("".join(parts), tuple(placeholders))


def _strip_pair_filler(raw: bytes) -> bytes:
    """Drop trailing ``FF FF`` filler pairs (``FF Fx`` placeholders are not filler)."""
    while raw.endswith(b"\xff\xff"):
        raw = raw[:-2]
    return raw


def _jis_char(code: int) -> str | None:
    high, low = code >> 8, code & 0xFF
    if not (0x21 <= high <= 0x7E and 0x21 <= low <= 0x7E):
        return None
    try:
        return bytes((high | 0x80, low | 0x80)).decode("euc_jp")
    except UnicodeDecodeError:
        return None


def encode_jis_x0208(text: str) -> bytes:
    """The card form of ``text`` (used by the software card); marks like ``〈外字1〉`` become placeholders."""
    out = bytearray()
    i = 0
    reverse = {Placeholder(0, kind, number).mark: code for code, (kind, number) in PLACEHOLDER_CODES.items()}
    while i < len(text):
        for mark, code in reverse.items():
            if text.startswith(mark, i):
                out += code.to_bytes(2, "big")
                i += len(mark)
                break
        else:
            try:
                euc = text[i].encode("euc_jp")
            except UnicodeEncodeError:
                raise TextDecodeError("character outside JIS X 0208") from None
            if len(euc) != 2 or euc[0] < 0xA1:
                raise TextDecodeError("character outside JIS X 0208 (or a half-width character)")
            out += bytes((euc[0] & 0x7F, euc[1] & 0x7F))
            i += 1
    return bytes(out)


def decode_jis_x0201(raw: bytes) -> str:
    """JIS X 0201 Roman text as the licence uses it for numbers and dates (ASCII digits in practice)."""
    raw = raw.rstrip(b"\xff")
    if any(b >= 0x80 or b < 0x20 for b in raw):
        raise TextDecodeError("expected JIS X 0201 Roman characters")
    return raw.decode("ascii")


def decode_era_date(raw: bytes) -> dt.date:
    """An era digit and YYMMDD (``4300401`` = 平成30年4月1日) → the Gregorian date.

    A year past the era's end is accepted: licences issued before May 2019 print their expiry as
    「平成36年」 (= 2024) and the chip says the same."""
    try:
        return parse_era_digit_yymmdd(decode_jis_x0201(raw), overrun=True)
    except EraDateError as exc:
        raise TextDecodeError(f"bad era date: {exc}") from None


def encode_era_date(day: dt.date) -> bytes:
    """Inverse of :func:`decode_era_date` (software card)."""
    era, year = to_era(day)
    return f"{era.code}{year:02d}{day.month:02d}{day.day:02d}".encode("ascii")


def decode_bcd_date(raw: bytes) -> dt.date:
    """Four BCD bytes YYYYMMDD (MF/EF01 common data) → a date."""
    if len(raw) != 4:
        raise TextDecodeError("a BCD date has 4 bytes")
    digits = raw.hex()
    if not digits.isdigit():
        raise TextDecodeError("not a BCD date")
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise TextDecodeError("no such date") from None


def encode_bcd_date(day: dt.date) -> bytes:
    """Inverse of :func:`decode_bcd_date` (software card)."""
    return bytes.fromhex(day.strftime("%Y%m%d"))
