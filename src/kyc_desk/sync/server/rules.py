"""The remote methods' last days, as the endpoint applies them.

The desk's one rule is :mod:`kyc_desk.records.legal` (ホ abolished from 2027-04-01); the endpoint must not
import the records layer, so it carries the remote methods' last days as this table, and
tests/sync/test_server_isolation.py checks, day by day around every date in it, that it gives the same
answer as the desk's rule (``kyc_desk.sync._legal``). A changed date is then one edit in records/legal.py
that the test reports here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from kyc_desk.sync.format import Method

#: The last Japanese calendar day each remote method may be used (None: no end).
LAST_DAY: Final[Mapping[Method, dt.date | None]] = {
    Method.HE: None,
    Method.HO: dt.date(2027, 3, 31),  # 犯収法施行規則 amendment promulgated 2025-06-24
    Method.WA: None,
}


def methods_allowed_on(day: dt.date) -> frozenset[Method]:
    """The remote methods that may be used on ``day`` (a Japanese calendar day)."""
    return frozenset(m for m, last in LAST_DAY.items() if last is None or day <= last)
