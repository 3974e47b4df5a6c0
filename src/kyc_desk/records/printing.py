"""What a printed record needs from the store beyond the record itself: its audit seal.

The **audit seal** of a verification is the last audit entry that changed one of its rows (its sequence
number and hash). An entry's hash covers the digests of the rows it wrote (:mod:`.audit`), and the chain
covers every entry before it, so a print carrying the seal can be matched to the store: if
``kyc-desk records verify-audit`` finds the chain intact and the store gives the same seal for the record
today, the record is what was printed. Entries that change no rows (exports) do not move the seal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

from kyc_desk.records._db import translate_errors
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
