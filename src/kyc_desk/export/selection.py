"""Which verifications an export takes: ids, a matter, a date range — the same for the CLI and the window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kyc_desk.export.errors import NothingToExport

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

#: ``progress(done, total)``: called from the exporting thread after each record.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Selection:
    """Every given condition must hold (AND); nothing given means every verification in the store.

    ``date_from``/``date_to`` are the verification date (the legal date of the method), both inclusive.
    """

    record_ids: tuple[int, ...] = ()
    matter_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def resolve(store: RecordStore, selection: Selection) -> list[int]:
    """The ids of the selected verifications, oldest first; :class:`NothingToExport` when there are none.

    Explicitly named ids that do not exist raise :class:`~kyc_desk.records.RecordNotFound`.
    """
    from kyc_desk.records.model import SearchQuery

    found = store.search(SearchQuery(verified_from=selection.date_from, verified_to=selection.date_to, limit=-1))
    found.reverse()  # the store lists newest first
    ids = [s.id for s in found]
    if selection.record_ids:
        wanted = set(selection.record_ids)
        for missing in sorted(wanted - set(ids)):
            store.get(missing)  # RecordNotFound for an id that is not there; else it is outside the dates
        ids = [i for i in ids if i in wanted]
    if selection.matter_id is not None:
        ids = [r.id for r in store.iter_records(ids, evidence=False) if r.matter and r.matter.id == selection.matter_id]
    if not ids:
        raise NothingToExport("the selection holds no verification")
    return ids
