"""What every export reads: the batched record loader gives exactly what ``get`` gives; a stopped export
leaves nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kyc_desk.export import ExportCancelled, Selection, export_bundle, export_csv
from kyc_desk.records import RecordNotFound, RecordStore, VerificationRecord


def test_batched_reading_equals_get(desk_a: RecordStore, saved: list[VerificationRecord]) -> None:
    ids = [saved[1].id, saved[0].id]
    loaded = list(desk_a.iter_records(ids, batch=1))
    assert loaded == [desk_a.get(i) for i in ids]
    light = list(desk_a.iter_records(ids, evidence=False))
    assert light == [dataclasses.replace(desk_a.get(i), evidence=()) for i in ids]
    with pytest.raises(RecordNotFound):
        list(desk_a.iter_records([saved[0].id, 999]))


def test_a_stopped_export_leaves_nothing(desk_a: RecordStore, saved: list[VerificationRecord], tmp_path: Path) -> None:
    def stop(done: int, total: int) -> None:
        if done == 1:
            raise ExportCancelled("stopped")

    before = desk_a.verify_audit().entries
    for export, name in ((export_csv, "x.csv"), (export_bundle, "x.zip")):
        with pytest.raises(ExportCancelled):
            export(desk_a, Selection(), tmp_path / name, actor="t", progress=stop)  # type: ignore[operator]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk-a"]
    assert desk_a.verify_audit().entries == before  # no audit entry for an export that did not happen
