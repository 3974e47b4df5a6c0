"""CSV for Excel: one row per verification (:mod:`.columns`), written safely (:mod:`.table`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kyc_desk.export import columns
from kyc_desk.export._files import staged_file
from kyc_desk.export.audit import audit_export
from kyc_desk.export.result import ExportResult
from kyc_desk.export.selection import Progress, Selection, resolve
from kyc_desk.export.table import CsvOptions, table_bytes

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore


def export_csv(
    store: RecordStore,
    selection: Selection,
    destination: Path,
    *,
    actor: str,
    options: CsvOptions | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the selected verifications to ``destination`` as one CSV; audited; all or nothing.

    Raises :class:`~kyc_desk.export.errors.UnencodableText` (cp932 without a chosen replacement),
    :class:`~kyc_desk.export.errors.NothingToExport`, :class:`~kyc_desk.export.errors.DestinationRefused`.
    """
    options = options or CsvOptions()
    ids = resolve(store, selection)
    with staged_file(destination, overwrite=overwrite) as staging:
        data = table_bytes(columns.HEADER, _rows(store, ids, progress), options)
        staging.write_bytes(data)
        audit = audit_export(
            store,
            kind="csv",
            destination=destination,
            verification_ids=ids,
            actor=actor,
            extra={"encoding": options.encoding, "unencodable": options.unencodable},
        )
    return ExportResult("csv", destination, len(ids), 1, audit)


def _rows(store: RecordStore, ids: Sequence[int], progress: Progress | None) -> Iterator[tuple[int, list[str]]]:
    for done, record in enumerate(store.iter_records(ids, evidence=False), start=1):
        yield record.id, columns.row(record)
        if progress is not None:
            progress(done, len(ids))
