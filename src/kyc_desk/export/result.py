"""What an export reports back (the CLI's ``--json``, the window's message)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ExportResult:
    """``kind`` of export, where it went, how many verifications and files, and its audit entry's hash."""

    kind: str
    destination: Path
    records: int
    files: int
    audit_hash: str
    encrypted: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "destination": str(self.destination),
            "records": self.records,
            "files": self.files,
            "encrypted": self.encrypted,
            "audit_hash": self.audit_hash,
        }
