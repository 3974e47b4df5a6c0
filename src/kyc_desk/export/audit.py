"""Every export is an audit entry: who, what, when, where to.

One helper for every kind of export (CSV, images, the hand-off bundle, the PDF) and for the import of a
bundle. The entry goes into the record store's hash chain (:meth:`RecordStore.audit_event`): it lists the
verifications that left the desk with the digest of each row as it left (so a later change shows), and
keeps the kind, the destination the user chose, whether it was encrypted, and how many records, under the
action ``export_<kind>``. The moment and the actor are the entry's own fields.

The destination is kept as the user chose it (a path): offices should not put a client's name into it.
Call :func:`audit_export` after the export is complete and before it is moved into place (see
:mod:`kyc_desk.export._files`), so that no export exists without its entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

ExportKind = Literal["csv", "images", "bundle", "pdf", "import_bundle"]


def audit_export(
    store: RecordStore,
    *,
    kind: ExportKind,
    destination: Path,
    verification_ids: Sequence[int],
    actor: str,
    encrypted: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> str:
    """Append the audit entry of one export; returns the entry's hash.

    ``extra`` adds plain JSON facts about the export (``{"encoding": "cp932"}``, ``{"signed": true}``);
    never personal data.
    """
    where = "source" if kind == "import_bundle" else "destination"  # an import names the file it read
    detail: dict[str, Any] = {
        "kind": kind,
        where: str(destination.expanduser().absolute()),
        "encrypted": encrypted,
        "records": len(verification_ids),
    }
    detail.update(extra or {})
    action = "import_bundle" if kind == "import_bundle" else f"export_{kind}"
    return store.audit_event(action, actor=actor, verification_ids=verification_ids, detail=detail)
