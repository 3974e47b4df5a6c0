"""日本時間 — the clock the law counts by.

犯収法 and the 日司連 rules count Japanese calendar days: the day of a confirmation, the last day a method
may be used (ホ ends on 2027-03-31), the start of the retention period. A moment stored in UTC becomes a
legal date only through :func:`legal_date`, never through ``.date()`` on a UTC timestamp, which gives the
previous day for everything before 09:00 in Japan.

Japan has had no daylight saving time since 1951, so a fixed +09:00 offset is exact and needs no time-zone
database (which frozen Windows builds may lack).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

JAPAN_TIME: Final = dt.timezone(dt.timedelta(hours=9), "JST")


def legal_date(moment: dt.datetime) -> dt.date:
    """The Japanese calendar day of an aware ``moment`` (a naive one is refused: its zone is unknown)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a legal date needs an aware datetime")
    return moment.astimezone(JAPAN_TIME).date()


def now_in_japan() -> dt.datetime:
    """The current moment in Japan time."""
    return dt.datetime.now(JAPAN_TIME)
