"""記載事項変更等 — EF04 (and EF06 for 本籍): changes the police recorded after the licence was issued.

A holder who moved has the **new** address here and the old one in EF01; a renamed holder likewise. The
latest change of a kind is the current value; the value printed at issue and every change stay visible as
history (cards.md §B.2.1).

Layout (two sources agree; UNCONFIRMED beyond them): tag ``50`` 追記の有無, then one object per change,
its tag naming the kind (:data:`~.layouts.CHANGE_KINDS`). Each value is a 1-byte JIS edition, a 14-byte full-width
和暦 date (7 JIS X 0208 characters, read as an era digit or era kanji plus YYMMDD), the text, and the
10-byte 公安委員会名 of the commission that recorded it. A change that does not fit this layout is kept
as *undecoded* (with its kind and length) and shown as such — never dropped, and never taken as the
current value.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from kyc_desk.cards.apps.driver_licence import layouts as L
from kyc_desk.cards.apps.driver_licence.text import JisText, TextDecodeError, decode_jis_x0208
from kyc_desk.cards.tlv import parse_simple
from kyc_desk.jp.era import EraDateError, era_by_name, parse_era_digit_yymmdd, to_gregorian


def change_kind(tag: int) -> L.ChangeKind | None:
    """The kind a change object's tag stands for, or ``None`` for a tag outside every known range."""
    for kind in L.CHANGE_KINDS:
        if kind.first_tag <= tag <= kind.last_tag:
            return kind
    return None


@dataclass(frozen=True)
class LicenceChange:
    """One recorded change. ``decoded`` is False when the value did not fit the layout: then only the kind,
    the tag and the length are known, and the change is shown as undecoded."""

    kind: L.ChangeKind
    tag: int
    order: int
    decoded: bool
    length: int
    date: dt.date | None = None
    date_text: str = ""
    text: JisText | None = None
    commission: JisText | None = None


@dataclass(frozen=True)
class LicenceChanges:
    """EF04 (or EF06) as a whole: 追記の有無, the changes in card order, and objects of unknown tags."""

    flagged: bool
    entries: tuple[LicenceChange, ...] = ()
    unknown_tags: tuple[int, ...] = ()

    @property
    def any(self) -> bool:
        """True when the card says or shows that something changed after issue."""
        return self.flagged or bool(self.entries) or bool(self.unknown_tags)

    def of_kind(self, key: str) -> tuple[LicenceChange, ...]:
        """The changes of one kind, oldest first (by date, then card order; undated ones last)."""
        found = [entry for entry in self.entries if entry.kind.key == key]
        return tuple(sorted(found, key=lambda e: (e.date is None, e.date or dt.date.min, e.order)))

    def latest(self, key: str) -> LicenceChange | None:
        """The change that holds the current value of ``key`` (possibly an undecoded one), or ``None``."""
        found = self.of_kind(key)
        undecoded = [entry for entry in found if not entry.decoded]
        if undecoded:
            return undecoded[-1]  # the current value cannot be known: the caller says so
        return found[-1] if found else None


def _date(raw: bytes) -> tuple[dt.date | None, str]:
    """The change's 和暦 date: 7 full-width characters, an era digit (or era kanji) then YYMMDD."""
    try:
        text = decode_jis_x0208(raw).text
    except TextDecodeError:
        return None, ""
    plain = unicodedata.normalize("NFKC", text).strip()
    try:
        if len(plain) == 7 and plain.isdigit():
            return parse_era_digit_yymmdd(plain, overrun=True), text
        if len(plain) == 7 and plain[1:].isdigit():
            era = era_by_name(plain[0])
            return to_gregorian(era, int(plain[1:3]), int(plain[3:5]), int(plain[5:7]), overrun=True), text
    except EraDateError:
        return None, text
    return None, text


def _change(kind: L.ChangeKind, tag: int, order: int, value: bytes) -> LicenceChange:
    if len(value) < L.CHANGE_EDITION_BYTES + L.CHANGE_DATE_BYTES + L.CHANGE_COMMISSION_BYTES:
        return LicenceChange(kind, tag, order, decoded=False, length=len(value))
    date, date_text = _date(value[L.CHANGE_EDITION_BYTES : L.CHANGE_EDITION_BYTES + L.CHANGE_DATE_BYTES])
    text_raw = value[L.CHANGE_EDITION_BYTES + L.CHANGE_DATE_BYTES : len(value) - L.CHANGE_COMMISSION_BYTES]
    try:
        text = decode_jis_x0208(text_raw)
        commission = decode_jis_x0208(value[len(value) - L.CHANGE_COMMISSION_BYTES :])
    except TextDecodeError:
        return LicenceChange(kind, tag, order, decoded=False, length=len(value), date=date, date_text=date_text)
    if date is None or not text.text:
        return LicenceChange(kind, tag, order, decoded=False, length=len(value), date=date, date_text=date_text)
    return LicenceChange(kind, tag, order, True, len(value), date, date_text, text, commission)


def parse_changes(raw: bytes) -> LicenceChanges:
    """EF04/EF06 bytes (``FF`` filler allowed) → :class:`LicenceChanges`. Raises MalformedData only when the
    file is not one-byte-tag TLV at all; a change that does not decode is kept as undecoded."""
    flagged, entries, unknown = False, [], []
    for order, obj in enumerate(parse_simple(raw.rstrip(b"\xff"))):
        if obj.tag == L.CHANGES_FLAG_TAG:
            flagged = obj.value not in (b"", b"\x00", b"0")
        elif (kind := change_kind(obj.tag)) is not None:
            entries.append(_change(kind, obj.tag, order, obj.value))
        else:
            unknown.append(obj.tag)
    return LicenceChanges(flagged, tuple(entries), tuple(unknown))


def describe(change: LicenceChange) -> str:
    """One history line, in Japanese as the licence prints it: ``2024-04-01 新住所 東京都… （東京都公安委員会）``."""
    if not change.decoded:
        return f"{change.kind.label_ja}（解読できない記録 {change.length}バイト）"
    assert change.date is not None and change.text is not None
    commission = f"（{change.commission.text}）" if change.commission is not None and change.commission.text else ""
    return f"{change.date.isoformat()} {change.kind.label_ja} {change.text.text}{commission}"
