"""Small checks every store method shares (aware times, required text) and the store's clock."""

from __future__ import annotations

import datetime as dt

from kyc_desk.records.errors import InvalidRecord


def now() -> dt.datetime:
    """The store's clock (UTC, aware)."""
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime, what: str) -> None:
    """Refuse a naive time: its zone, and so its legal date, is unknown."""
    if value.tzinfo is None:
        raise InvalidRecord(f"the {what} time has no time zone", ja="日時にタイムゾーンがありません。")


#: The required fields as the form names them (the Japanese text never shows a field's Python name).
REQUIRED_JA = {
    "document_type": "本人確認書類の種類",
    "checked_by": "確認者",
    "recorded_by": "記録者",
    "name": "氏名",
    "decided_by": "判断者",
    "title": "事件名",
    "kind": "種類",
}


def require(value: str | None, what: str) -> None:
    """Refuse an empty required text."""
    if value is None or not value.strip():
        raise InvalidRecord(f"{what} is required", ja=f"必須項目が空です: {REQUIRED_JA.get(what, '入力項目')}")
