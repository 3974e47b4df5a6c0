"""Decoders for the small values inside My Number card files (dates, sex codes, text)."""

from __future__ import annotations

import datetime as dt

from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.reading import Sex


def yyyymmdd(raw: bytes, *, where: str) -> dt.date:
    """An ASCII ``YYYYMMDD`` Gregorian date."""
    try:
        text = raw.decode("ascii")
        if len(text) != 8 or not text.isdigit():
            raise ValueError("not 8 digits")
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedData("date is not YYYYMMDD", ef=where) from exc


def utf8(raw: bytes, *, where: str) -> str:
    """UTF-8 text (fillers stripped)."""
    try:
        return raw.rstrip(b"\x00\xff").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedData("text is not UTF-8", ef=where) from exc


def raw_code(raw: bytes) -> str:
    """A code value as written, for display next to ``"unknown"`` (printable ASCII, else hex)."""
    text = raw.decode("ascii", errors="replace")
    return text if text.isprintable() and "\ufffd" not in text else raw.hex().upper()


def sex_code(raw: bytes, table: dict[str, str], *, where: str) -> Sex:
    """One ASCII digit mapped through ``table`` (the card's and the certificate's tables differ).

    A code the table does not know is ``"unknown"`` — a card issued under a later rule must still read;
    the caller keeps the raw value (:func:`raw_code`) so the scrivener sees what the card says.
    """
    text = raw.decode("ascii", errors="replace")
    value = table.get(text, "unknown")
    if value not in ("male", "female", "other", "unknown"):  # pragma: no cover - tables are fixed
        raise MalformedData("bad sex table", ef=where)
    return value  # type: ignore[return-value]
