"""監査証跡 — the hash-chained audit log and its verification.

Every change the desk makes appends one entry in the same transaction as the change. An entry lists the
rows it changed as ``[table, id, op, digest]`` where ``digest`` is the SHA-256 of the row's canonical
serialisation (``None`` for a deletion), and its hash is::

    hash = SHA-256( canonical JSON of {seq, at, actor, action, verification_id, rows, prev_hash} )

with ``prev_hash`` the previous entry's hash (64 zeros for the first). The canonical serialisation of a
row is the JSON of its non-NULL column values exactly as stored (keys sorted, no spaces, UTF-8; a BLOB
becomes ``"sha256:<hex>"``), prefixed by the table name.

Migrations: adding a nullable column leaves every digest as it was. A migration that renames a column
or rewrites values of an audited table must append an entry (action ``migration``) that records the
rows it changed, or ``verify-audit`` will report them as altered. Entries carry digests, not the rows, so a purge that
deletes personal data leaves no copy of it in the log.

:func:`verify_audit` replays the chain and compares every live row with the digest the chain last
recorded for it. It finds an entry altered or removed, and a row altered, removed, or added behind the
app's back. What it cannot find: someone holding the database key who rewrites rows *and* re-computes the
whole chain after them. Against that, note the head hash ``verify-audit`` prints (or keep backups): a
later chain must extend it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from sqlalchemy import Connection, text

from kyc_desk.records._orm import AUDITED_TABLES

GENESIS: Final = "0" * 64

#: ``read``: the row was used as it is (an export lists what left the desk, in the state it left).
Op = Literal["insert", "update", "delete", "read"]
FindingKind = Literal[
    "entry_altered",  # an audit entry's content does not match its hash
    "entry_missing",  # a sequence number is missing from the chain
    "chain_broken",  # an entry does not point to the previous entry's hash
    "row_altered",  # a row differs from what the chain last recorded
    "row_removed",  # a row the chain recorded is gone (without a recorded deletion)
    "row_unaudited",  # a row exists that the chain never recorded (or recorded as deleted)
]


@dataclass(frozen=True)
class Finding:
    """One problem :func:`verify_audit` found (no personal data: table, row id, entry number)."""

    kind: FindingKind
    table: str | None = None
    row_id: int | None = None
    seq: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "table": self.table, "row_id": self.row_id, "seq": self.seq}


@dataclass(frozen=True)
class AuditResult:
    """What :func:`verify_audit` checked and found."""

    entries: int
    rows: int
    head_hash: str
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "rows": self.rows,
            "head_hash": self.head_hash,
            "findings": [f.to_json() for f in self.findings],
        }


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    return value


def row_digest(table: str, row: dict[str, Any]) -> str:
    """SHA-256 of a row's canonical serialisation (column values as stored; NULL columns left out, so a
    migration that adds a nullable column does not change the digest of existing rows)."""
    body = {key: _plain(value) for key, value in row.items() if value is not None}
    return hashlib.sha256(table.encode("ascii") + b"\x00" + _canonical(body)).hexdigest()


def entry_hash(entry: dict[str, Any]) -> str:
    """The hash of one entry (all fields except ``hash`` itself)."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _fetch_rows(conn: Connection, table: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    if table not in AUDITED_TABLES:
        raise ValueError(f"not an audited table: {table}")
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join(str(int(i)) for i in chunk)
        result = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE id IN ({marks})")
        names = list(result.keys())
        for values in result:
            row = dict(zip(names, values, strict=True))
            found[int(row["id"])] = row
    return found


def append_entry(
    conn: Connection,
    *,
    actor: str,
    action: str,
    verification_id: int | None,
    changes: Iterable[tuple[str, int, Op]],
    at: dt.datetime | None = None,
    detail: Mapping[str, Any] | None = None,
) -> str:
    """Append one entry for ``changes`` (rows already written or deleted in this transaction).

    ``detail`` (plain JSON values) is kept as the last item of the entry's ``rows`` list, as an object
    ``{"detail": {...}}``: the entry's hash covers it, and :func:`verify_audit` skips it when it replays the
    row digests. Returns the new head hash. Must run inside the transaction that made the changes.
    """
    by_table: dict[str, list[int]] = {}
    ordered = list(changes)
    for table, row_id, op in ordered:
        if op != "delete":
            by_table.setdefault(table, []).append(row_id)
    current = {table: _fetch_rows(conn, table, ids) for table, ids in by_table.items()}
    rows: list[list[Any]] = []
    for table, row_id, op in ordered:
        digest = None if op == "delete" else row_digest(table, current[table][row_id])
        rows.append([table, row_id, op, digest])
    entry_rows: list[Any] = list(rows)
    if detail:
        entry_rows.append({"detail": dict(detail)})
    last = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, str(last[1]))
    when = (at or dt.datetime.now(dt.UTC)).isoformat(timespec="microseconds")
    entry = {
        "seq": seq,
        "at": when,
        "actor": actor,
        "action": action,
        "verification_id": verification_id,
        "rows": entry_rows,
        "prev_hash": prev,
    }
    digest = entry_hash(entry)
    conn.execute(
        text(
            "INSERT INTO audit_log (seq, at, actor, action, verification_id, rows, prev_hash, hash) "
            "VALUES (:seq, :at, :actor, :action, :vid, :rows, :prev, :hash)"
        ),
        {
            "seq": seq,
            "at": when,
            "actor": actor,
            "action": action,
            "vid": verification_id,
            "rows": json.dumps(entry_rows, separators=(",", ":")),
            "prev": prev,
            "hash": digest,
        },
    )
    return digest


def verify_audit(conn: Connection) -> AuditResult:
    """Replay the chain and compare it with every audited row; returns the findings (empty if intact)."""
    findings: list[Finding] = []
    expected: dict[tuple[str, int], str | None] = {}
    prev = GENESIS
    expected_seq = 1
    entries = 0
    result = conn.exec_driver_sql(
        "SELECT seq, at, actor, action, verification_id, rows, prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for seq, at, actor, action, vid, rows_json, prev_hash, stored_hash in result:
        entries += 1
        if seq != expected_seq:
            findings.extend(Finding("entry_missing", seq=missing) for missing in range(expected_seq, seq))
        try:
            rows = json.loads(rows_json)
        except ValueError:
            rows = None
        entry = {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "verification_id": vid,
            "rows": rows,
            "prev_hash": prev_hash,
        }
        if entry_hash(entry) != stored_hash:
            findings.append(Finding("entry_altered", seq=seq))
        elif prev_hash != prev:
            findings.append(Finding("chain_broken", seq=seq))
        for item in rows if isinstance(rows, list) else ():
            if isinstance(item, dict):  # the entry's detail (an export's kind and destination), no row
                continue
            table, row_id, _op, digest = item
            expected[(str(table), int(row_id))] = digest
        prev = str(stored_hash)
        expected_seq = seq + 1
    seen: set[tuple[str, int]] = set()
    live = 0
    for table in AUDITED_TABLES:
        result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
        names = list(result.keys())
        for values in result:
            live += 1
            row = dict(zip(names, values, strict=True))
            key = (table, int(row["id"]))
            seen.add(key)
            want = expected.get(key)
            if want is None:
                findings.append(Finding("row_unaudited", table=table, row_id=key[1]))
            elif row_digest(table, row) != want:
                findings.append(Finding("row_altered", table=table, row_id=key[1]))
    for (table, row_id), digest in sorted(expected.items()):
        if digest is not None and (table, row_id) not in seen:
            findings.append(Finding("row_removed", table=table, row_id=row_id))
    return AuditResult(entries, live, prev, tuple(findings))
