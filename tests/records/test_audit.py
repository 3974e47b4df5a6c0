"""The hash-chained audit log finds rows and entries changed behind the app's back (raw SQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from kyc_desk.records import Decision, DecisionEntry, Finding, PassphraseKeySource, RecordStore
from tests.records.conftest import FAST_SCRYPT, PASSPHRASE, WHEN, full_verification


@pytest.fixture
def saved(folder: Path) -> Iterator[tuple[RecordStore, list[int]]]:
    store, _ = RecordStore.create(mode="passphrase", folder=folder, passphrase=PASSPHRASE, scrypt=FAST_SCRYPT)
    ids = [store.save_verification(full_verification(), actor="a").id for _ in range(3)]
    store.set_decision(ids[1], DecisionEntry(Decision.REJECTED, "山田", WHEN), actor="山田")
    yield store, ids
    store.close()


def _raw(store: RecordStore, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Change the database with plain sqlcipher3, bypassing the app entirely."""
    conn = sqlcipher3.connect(str(store.location.db))
    try:
        conn.execute(f"PRAGMA key = \"x'{store.database_key.hex()}'\"")
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def _findings(store: RecordStore) -> tuple[Finding, ...]:
    # reopen so that nothing cached in the app's connections hides the change
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as fresh:
        return fresh.verify_audit().findings


def test_intact_chain(saved: tuple[RecordStore, list[int]]) -> None:
    store, _ids = saved
    result = store.verify_audit()
    assert result.ok and result.findings == ()
    assert result.entries == 1 + 3 + 1  # create_store, three saves, one decision
    assert len(result.head_hash) == 64


def test_altered_row_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    client_id = store.get(ids[0]).client.id
    _raw(store, "UPDATE clients SET address = ? WHERE id = ?", ("大阪府", client_id))
    assert _findings(store) == (Finding("row_altered", table="clients", row_id=client_id),)


def test_altered_decision_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    _raw(store, "UPDATE verifications SET decision = 'accepted' WHERE id = ?", (ids[1],))
    assert _findings(store) == (Finding("row_altered", table="verifications", row_id=ids[1]),)


def test_replaced_evidence_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    evidence_id = store.get(ids[2]).evidence[0].id
    _raw(store, "UPDATE evidence SET data = ? WHERE id = ?", (b"another photo", evidence_id))
    assert _findings(store) == (Finding("row_altered", table="evidence", row_id=evidence_id),)


def test_deleted_row_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    note_id = _one(store, "SELECT id FROM meeting_notes WHERE verification_id = ?", ids[0])
    _raw(store, "DELETE FROM meeting_notes WHERE id = ?", (note_id,))
    assert _findings(store) == (Finding("row_removed", table="meeting_notes", row_id=note_id),)


def test_inserted_row_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    _raw(
        store,
        "INSERT INTO meeting_notes (id, verification_id, written_at, author, text) VALUES (999, ?, ?, 'x', 'y')",
        (ids[0], dt.datetime.now(dt.UTC).isoformat()),
    )
    assert _findings(store) == (Finding("row_unaudited", table="meeting_notes", row_id=999),)


def test_altered_audit_entry_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, _ids = saved
    _raw(store, "UPDATE audit_log SET actor = 'someone else' WHERE seq = 3")
    assert _findings(store) == (Finding("entry_altered", seq=3),)


def test_removed_audit_entry_is_found(saved: tuple[RecordStore, list[int]]) -> None:
    store, ids = saved
    _raw(store, "DELETE FROM audit_log WHERE seq = 3")  # the save of the second verification
    findings = _findings(store)
    assert findings[:2] == (Finding("entry_missing", seq=3), Finding("chain_broken", seq=4))
    # the rows that entry recorded are now unknown to the chain (the verification row itself was
    # recorded again by the decision, entry 5)
    rest = findings[2:]
    assert rest and {f.kind for f in rest} == {"row_unaudited"}
    assert ("verifications", ids[1]) not in {(f.table, f.row_id) for f in rest}
    assert {f.table for f in rest} >= {"clients", "matters", "evidence", "method_events"}


def test_truncated_chain_is_found_through_the_rows(saved: tuple[RecordStore, list[int]]) -> None:
    """Removing the newest entry leaves no gap, but the row it recorded no longer matches."""
    store, ids = saved
    _raw(store, "DELETE FROM audit_log WHERE seq = 5")
    assert _findings(store) == (Finding("row_altered", table="verifications", row_id=ids[1]),)


def test_rewritten_entry_with_fresh_hash_breaks_the_chain(saved: tuple[RecordStore, list[int]]) -> None:
    """Someone re-hashes entry 3 after editing it: entry 4 no longer points at it."""
    import json

    from kyc_desk.records.audit import entry_hash

    store, _ids = saved
    conn = sqlcipher3.connect(str(store.location.db))
    conn.execute(f"PRAGMA key = \"x'{store.database_key.hex()}'\"")
    seq, at, _actor, action, vid, rows, prev = conn.execute(
        "SELECT seq, at, actor, action, verification_id, rows, prev_hash FROM audit_log WHERE seq = 3"
    ).fetchone()
    entry = {
        "seq": seq,
        "at": at,
        "actor": "forger",
        "action": action,
        "verification_id": vid,
        "rows": json.loads(rows),
        "prev_hash": prev,
    }
    conn.execute("UPDATE audit_log SET actor = 'forger', hash = ? WHERE seq = 3", (entry_hash(entry),))
    conn.commit()
    conn.close()
    assert _findings(store) == (Finding("chain_broken", seq=4),)


def _one(store: RecordStore, sql: str, *params: Any) -> int:
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql(sql, params).scalar_one())


def test_a_new_nullable_column_changes_no_digest(saved: tuple[RecordStore, list[int]]) -> None:
    """What a future migration adding a column does: existing rows stay verified until a value is set."""
    store, ids = saved
    _raw(store, "ALTER TABLE clients ADD COLUMN nickname TEXT")
    assert _findings(store) == ()
    client_id = store.get(ids[0]).client.id
    _raw(store, "UPDATE clients SET nickname = 'x' WHERE id = ?", (client_id,))
    assert _findings(store) == (Finding("row_altered", table="clients", row_id=client_id),)
