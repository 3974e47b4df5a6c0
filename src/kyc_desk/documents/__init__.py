"""本人確認書類 — the one registry of document kinds: detect → read → reading_from_files → verify → evidence.

Qt-free and below the sync layer, so the window (through :mod:`kyc_desk.app`), the CLI, the ヘ submitter
and the importer all use the same entries. See :mod:`.registry` for the shape of an entry and
:mod:`.kinds` for the entries.
"""

from kyc_desk.documents.kinds import documents
from kyc_desk.documents.registry import (
    Document,
    DocumentNotReadable,
    DocumentRegistry,
    Purpose,
    SecretRequired,
)

__all__ = ["Document", "DocumentNotReadable", "DocumentRegistry", "Purpose", "SecretRequired", "documents"]
