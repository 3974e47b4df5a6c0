"""Layer 5b: records that leave the desk — CSV for Excel, images, the practice-system hand-off bundle and
its importer (the PDF 本人確認記録 lives beside them in ``pdf*.py``).

Every export takes a :class:`Selection` (ids, a matter, dates), writes only where the user chose, all of
it or nothing (:mod:`._files`), and appends an audit entry (:func:`audit_export`). ZIPs may be encrypted
with a passphrase (AES-256, :mod:`._zip`). docs/export.md describes the files.

Names load on first use (:mod:`kyc_desk._lazy`): the window imports this package when it starts, and
the exports pull in the records layer (SQLAlchemy) only when one runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kyc_desk._lazy import lazy_names

if TYPE_CHECKING:
    from kyc_desk.export.audit import ExportKind, audit_export
    from kyc_desk.export.bundle import (
        ADAPTERS,
        FORMAT,
        VERSION,
        AdapterEntry,
        HandoffAdapter,
        export_bundle,
        record_digest,
    )
    from kyc_desk.export.csv_export import export_csv
    from kyc_desk.export.errors import (
        BundleConflict,
        BundleCorrupt,
        BundleError,
        BundleIncomplete,
        BundlePassphraseRequired,
        BundleVersionUnsupported,
        BundleWrongPassphrase,
        DestinationRefused,
        ExportCancelled,
        ExportError,
        NothingToExport,
        PassphraseTooShort,
        UnencodableText,
    )
    from kyc_desk.export.images import export_images, record_images
    from kyc_desk.export.importer import ImportResult, import_bundle, read_bundle
    from kyc_desk.export.result import ExportResult
    from kyc_desk.export.selection import Progress, Selection, resolve
    from kyc_desk.export.table import ENCODINGS, UNENCODABLE, CsvOptions, Encoding, Unencodable

_WHERE: dict[str, str] = {
    "ADAPTERS": "kyc_desk.export.bundle",
    "AdapterEntry": "kyc_desk.export.bundle",
    "BundleConflict": "kyc_desk.export.errors",
    "BundleCorrupt": "kyc_desk.export.errors",
    "BundleError": "kyc_desk.export.errors",
    "BundleIncomplete": "kyc_desk.export.errors",
    "BundlePassphraseRequired": "kyc_desk.export.errors",
    "BundleVersionUnsupported": "kyc_desk.export.errors",
    "BundleWrongPassphrase": "kyc_desk.export.errors",
    "CsvOptions": "kyc_desk.export.table",
    "DestinationRefused": "kyc_desk.export.errors",
    "ENCODINGS": "kyc_desk.export.table",
    "Encoding": "kyc_desk.export.table",
    "ExportCancelled": "kyc_desk.export.errors",
    "ExportError": "kyc_desk.export.errors",
    "ExportKind": "kyc_desk.export.audit",
    "ExportResult": "kyc_desk.export.result",
    "FORMAT": "kyc_desk.export.bundle",
    "HandoffAdapter": "kyc_desk.export.bundle",
    "ImportResult": "kyc_desk.export.importer",
    "NothingToExport": "kyc_desk.export.errors",
    "PassphraseTooShort": "kyc_desk.export.errors",
    "Progress": "kyc_desk.export.selection",
    "Selection": "kyc_desk.export.selection",
    "UNENCODABLE": "kyc_desk.export.table",
    "Unencodable": "kyc_desk.export.table",
    "UnencodableText": "kyc_desk.export.errors",
    "VERSION": "kyc_desk.export.bundle",
    "audit_export": "kyc_desk.export.audit",
    "export_bundle": "kyc_desk.export.bundle",
    "export_csv": "kyc_desk.export.csv_export",
    "export_images": "kyc_desk.export.images",
    "import_bundle": "kyc_desk.export.importer",
    "read_bundle": "kyc_desk.export.importer",
    "record_digest": "kyc_desk.export.bundle",
    "record_images": "kyc_desk.export.images",
    "resolve": "kyc_desk.export.selection",
}

__all__ = [
    "ADAPTERS",
    "ENCODINGS",
    "FORMAT",
    "UNENCODABLE",
    "VERSION",
    "AdapterEntry",
    "BundleConflict",
    "BundleCorrupt",
    "BundleError",
    "BundleIncomplete",
    "BundlePassphraseRequired",
    "BundleVersionUnsupported",
    "BundleWrongPassphrase",
    "CsvOptions",
    "DestinationRefused",
    "Encoding",
    "ExportCancelled",
    "ExportError",
    "ExportKind",
    "ExportResult",
    "HandoffAdapter",
    "ImportResult",
    "NothingToExport",
    "PassphraseTooShort",
    "Progress",
    "Selection",
    "Unencodable",
    "UnencodableText",
    "audit_export",
    "export_bundle",
    "export_csv",
    "export_images",
    "import_bundle",
    "read_bundle",
    "record_digest",
    "record_images",
    "resolve",
]


__getattr__ = lazy_names(__name__, _WHERE)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
