"""What a printed record needs from the store beyond the record itself: its audit seal, and the audit entry
every export leaves.

The **audit seal** of a verification is the last audit entry that changed one of its rows (its sequence
number and hash). An entry's hash covers the digests of the rows it wrote (:mod:`.audit`), and the chain
covers every entry before it, so a print carrying the seal can be matched to the store: if
``kyc-desk records verify-audit`` finds the chain intact and the store gives the same seal for the record
today, the record is what was printed. Entries that change no rows (exports) do not move the seal.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

from kyc_desk.records._db import translate_errors
from kyc_desk.records.audit import append_entry
from kyc_desk.records.errors import RecordNotFound

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore


@dataclass(frozen=True)
class AuditSeal:
    """The audit entry that last changed a verification: number, hash and time (no personal data)."""

    seq: int
    hash: str
    at: dt.datetime


@translate_errors
def audit_seal(store: RecordStore, verification_id: int) -> AuditSeal:
    """The seal of one verification; :class:`RecordNotFound` if the audit log holds no entry for it.

    The entries that count: those of the verification that changed rows (its own changes and its child
    rows'), and those of anything else that rewrote its row (closing its matter recomputes its retention).
    """
    rewritten = f'%["verifications",{int(verification_id)},"update",%'
    with store.engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT seq, hash, at FROM audit_log "
                "WHERE ((verification_id = :vid AND rows != '[]') OR rows LIKE :rewritten) "
                "AND action NOT LIKE 'export%' ORDER BY seq DESC LIMIT 1"
            ),
            {"vid": verification_id, "rewritten": rewritten},
        ).first()
    if row is None:
        raise RecordNotFound(f"no audit entry for verification {verification_id}")
    return AuditSeal(int(row[0]), str(row[1]), dt.datetime.fromisoformat(str(row[2])))


@translate_errors
def record_export(store: RecordStore, *, actor: str, kind: str, verification_ids: list[int], destination: str) -> str:
    """Append the audit entry of one export (who, what, when, where to); returns the new head hash.

    The entry changes no rows, so verify-audit and the seals are unaffected. ``action`` is
    ``export:<kind>`` followed by a JSON object of the verification ids and the destination path; the
    entry's ``verification_id`` is the record's when there is exactly one.
    """
    detail = json.dumps({"ids": verification_ids, "to": destination}, ensure_ascii=False, separators=(",", ":"))
    only = verification_ids[0] if len(verification_ids) == 1 else None
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        return append_entry(conn, actor=actor, action=f"export:{kind} {detail}", verification_id=only, changes=())
