"""項目の照合 — the client's stated details beside the chip's, compared the way a scrivener would.

Plain Python (no Qt), so the rules are tested on their own. A difference only in how the text was typed
(full/half width, katakana/hiragana, spaces, old kanji forms — :func:`kyc_desk.jp.text.same_text`) counts
as the same, but the row says so, because the scrivener confirms every item and should see why two
spellings were accepted. Dates are compared as dates and shown in both calendars.

The desk never decides: each row only proposes; :func:`item_checks` turns the scrivener's
confirmations into the records layer's :class:`~kyc_desk.records.model.ItemCheck` values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from kyc_desk.jp.era import EraDateError, format_japanese
from kyc_desk.jp.text import same_text

if TYPE_CHECKING:
    from kyc_desk.cards.reading import Holder
    from kyc_desk.records.model import ItemCheck, Person

ItemName = Literal["name", "name_kana", "birth_date", "address"]
Comparison = Literal["same", "same_folded", "different", "missing", "not_on_document"]

#: The items compared, in the order the form shows them (本人特定事項 first).
ITEMS: Final[tuple[ItemName, ...]] = ("name", "name_kana", "birth_date", "address")
#: Items a chip may not carry (the My Number card holds no furigana): when it does not, what the client
#: stated is recorded, not compared — 照合対象外, never 不一致.
NOT_ON_CHIPS: Final[frozenset[ItemName]] = frozenset({"name_kana"})


def format_date(day: dt.date | None) -> str | None:
    """``昭和36年8月4日 (1961-08-04)``: both calendars, as the card and the client may use either."""
    if day is None:
        return None
    try:
        return f"{format_japanese(day)} ({day.isoformat()})"
    except EraDateError:
        return day.isoformat()


@dataclass(frozen=True)
class ItemRow:
    """One compared item. ``stated`` is what the client gave, ``chip`` what the chip holds."""

    item: ItemName
    stated: str | None
    chip: str | None
    comparison: Comparison

    @property
    def differs(self) -> bool:
        return self.comparison in ("different", "missing")

    @property
    def compared(self) -> bool:
        """False for an item the document does not carry: nothing to confirm, nothing that differs."""
        return self.comparison != "not_on_document"


def _compare_text(stated: str | None, chip: str | None) -> Comparison:
    if not stated or not chip:
        return "missing"
    if stated == chip:
        return "same"
    return "same_folded" if same_text(stated, chip) else "different"


def compare_items(stated: Person, holder: Holder) -> tuple[ItemRow, ...]:
    """Compare the stated person with the chip's holder, item by item (items neither side has are left out)."""
    rows: list[ItemRow] = []
    for item in ITEMS:
        if item == "birth_date":
            a, b = stated.birth_date, holder.birth_date
            if a is None and b is None:
                continue
            comparison: Comparison = "missing" if a is None or b is None else ("same" if a == b else "different")
            rows.append(ItemRow(item, format_date(a), format_date(b), comparison))
            continue
        text_a, text_b = getattr(stated, item), getattr(holder, item)
        if not text_a and not text_b:
            continue
        if item in NOT_ON_CHIPS and not text_b:
            rows.append(ItemRow(item, text_a, None, "not_on_document"))
            continue
        rows.append(ItemRow(item, text_a, text_b, _compare_text(text_a, text_b)))
    return tuple(rows)


@dataclass(frozen=True)
class Confirmation:
    """The scrivener's word on one row: confirmed or not, and a note (required for a difference)."""

    confirmed: bool = False
    note: str = ""


def unconfirmed(rows: Iterable[ItemRow], confirmations: Mapping[str, Confirmation]) -> list[ItemName]:
    """Items still waiting for the scrivener (a difference also needs a note saying why it is acceptable)."""
    waiting: list[ItemName] = []
    for row in rows:
        if not row.compared:
            continue
        mark = confirmations.get(row.item, Confirmation())
        if not mark.confirmed or (row.differs and not mark.note.strip()):
            waiting.append(row.item)
    return waiting


def item_checks(
    rows: Iterable[ItemRow], confirmations: Mapping[str, Confirmation], *, confirmed_by: str
) -> tuple[ItemCheck, ...]:
    """The rows as records: confirmed same → MATCH; confirmed difference → MISMATCH with its note;
    anything unconfirmed → NOT_CHECKED; an item the document does not carry → NOT_CHECKED with the
    reason code ``item.not_on_document`` (shown as 照合対象外, :func:`kyc_desk.app.texts.item_check_result_text`)."""
    from kyc_desk.records.decision import NOT_ON_DOCUMENT
    from kyc_desk.records.model import ItemCheck, ItemResult

    checks = []
    for row in rows:
        mark = confirmations.get(row.item, Confirmation())
        if not row.compared:
            checks.append(ItemCheck(item=row.item, result=ItemResult.NOT_CHECKED, confirmed_by=confirmed_by,
                                    stated_value=row.stated, note=mark.note.strip() or None,
                                    note_reason=NOT_ON_DOCUMENT))
            continue
        if not mark.confirmed:
            result = ItemResult.NOT_CHECKED
        else:
            result = ItemResult.MISMATCH if row.differs else ItemResult.MATCH
        checks.append(
            ItemCheck(
                item=row.item,
                result=result,
                confirmed_by=confirmed_by,
                document_value=row.chip,
                stated_value=row.stated,
                note=mark.note.strip() or None,
            )
        )
    return tuple(checks)
