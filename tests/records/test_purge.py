"""Purge deletes only what is past retention, only when confirmed, and leaves an audit entry."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.records import Matter, PurgeRefused, RecordNotFound, RecordStore
from tests.records.conftest import full_verification

ENDED = Matter("相続登記", "inheritance", dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 1))
UNTIL = dt.date(2036, 3, 1)  # 10 years from the matter's end


def _counts(store: RecordStore) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one())
            for t in ("clients", "matters", "verifications", "evidence", "meeting_notes")
        }


def test_purge_candidates_follow_retention(store: RecordStore) -> None:
    old = store.save_verification(full_verification(matter=ENDED), actor="a")
    store.save_verification(full_verification(), actor="a")  # matter still open: kept indefinitely
    assert old.retention_until == UNTIL
    assert store.purge_candidates(UNTIL) == []
    assert [s.id for s in store.purge_candidates(UNTIL + dt.timedelta(days=1))] == [old.id]


def test_purge_needs_confirmation_and_refuses_records_under_retention(store: RecordStore) -> None:
    old = store.save_verification(full_verification(matter=ENDED), actor="a")
    young = store.save_verification(full_verification(), actor="a")
    later = UNTIL + dt.timedelta(days=1)
    before = _counts(store)
    with pytest.raises(PurgeRefused):
        store.purge([old.id], today=later, actor="a", confirmed=False)
    with pytest.raises(PurgeRefused) as info:
        store.purge([old.id, young.id], today=later, actor="a", confirmed=True)
    assert str(young.id) in info.value.message
    with pytest.raises(PurgeRefused):
        store.purge([old.id], today=UNTIL, actor="a", confirmed=True)  # the last day is still kept
    with pytest.raises(RecordNotFound):
        store.purge([999], today=later, actor="a", confirmed=True)
    assert _counts(store) == before
    assert store.verify_audit().ok


def test_purge_deletes_the_record_and_unshared_parents_and_is_audited(store: RecordStore) -> None:
    old = store.save_verification(full_verification(matter=ENDED), actor="a")
    # a second verification of the same client in another (open) matter keeps the client row alive
    kept = store.save_verification(full_verification(client=old.client.id), actor="a")
    entries = store.verify_audit().entries
    assert store.purge([old.id], today=UNTIL + dt.timedelta(days=1), actor="山田", confirmed=True) == 1
    with pytest.raises(RecordNotFound):
        store.get(old.id)
    assert store.get(kept.id).client == old.client
    counts = _counts(store)
    assert counts["verifications"] == 1 and counts["matters"] == 1 and counts["clients"] == 1
    assert counts["evidence"] == len(kept.evidence)
    result = store.verify_audit()
    assert result.ok and result.entries == entries + 1
    with store.engine.connect() as conn:
        action, rows = conn.exec_driver_sql("SELECT action, rows FROM audit_log ORDER BY seq DESC LIMIT 1").one()
    assert action == "purge"
    assert f'"verifications",{old.id},"delete",null' in rows
    assert "髙橋" not in rows  # the log keeps digests and ids, not the purged personal data


def test_purging_the_last_verification_removes_its_client(store: RecordStore) -> None:
    old = store.save_verification(full_verification(matter=ENDED), actor="a")
    store.purge([old.id], today=UNTIL + dt.timedelta(days=1), actor="a", confirmed=True)
    assert _counts(store) == {"clients": 0, "matters": 0, "verifications": 0, "evidence": 0, "meeting_notes": 0}
    assert store.verify_audit().ok
