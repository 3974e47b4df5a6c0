"""The remote methods' legal dates, taken from the records layer's single rule (records/legal.py).

The sync layer has its own wire names for the three remote methods (:class:`kyc_desk.sync.format.Method`);
this module maps them onto :class:`kyc_desk.records.legal.Method` so that the endpoint, the submitter and
the desk all refuse ホ from 2027-04-01 by the same rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from kyc_desk.records import legal
from kyc_desk.records.errors import MethodNotAllowed as RecordsMethodNotAllowed
from kyc_desk.sync.errors import MethodNotAllowed
from kyc_desk.sync.format import Method

TO_RECORDS: Final = {Method.HE: legal.Method.HE, Method.HO: legal.Method.HO, Method.WA: legal.Method.WA}


def methods_allowed_on(day: dt.date) -> frozenset[Method]:
    """The remote methods that may be used on ``day`` (a Japanese calendar day)."""
    allowed = set(legal.allowed_methods(day))
    return frozenset(m for m, rm in TO_RECORDS.items() if rm in allowed)


def check_allowed(method: Method, day: dt.date) -> None:
    """Raise :class:`MethodNotAllowed` (with the records layer's reason) if ``method`` is refused on ``day``."""
    try:
        legal.check_method_allowed(TO_RECORDS[method], day)
    except RecordsMethodNotAllowed as exc:
        raise MethodNotAllowed(exc.message, ja=exc.ja) from exc
