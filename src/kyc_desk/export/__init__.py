"""Layer 5b: records that leave the desk — CSV for Excel, images, the practice-system hand-off bundle and
its importer (the PDF 本人確認記録 lives beside them in ``pdf*.py``).

Every export takes a :class:`Selection` (ids, a matter, dates), writes only where the user chose, all of
it or nothing (:mod:`._files`), and appends an audit entry (:func:`audit_export`). ZIPs may be encrypted
with a passphrase (AES-256, :mod:`._zip`). docs/export.md describes the files.
"""

from kyc_desk.export.audit import ExportKind, audit_export
from kyc_desk.export.bundle import ADAPTERS, FORMAT, VERSION, AdapterEntry, HandoffAdapter, export_bundle, record_digest
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
