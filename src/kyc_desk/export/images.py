"""Images of a verification as files: the chip photo, the face photos used, card-face and document images.

Each file is named ``<date>_<client>_<kind>.<ext>``: the verification date (``2026-11-20``), the client's
name made safe for file names (:func:`~kyc_desk.export._files.safe_name`), and the kind:

============== ==============================================================
``chip-photo`` ICチップの顔写真
``face-photo`` 容貌画像 (the selfie or the photo taken at the desk; ``face-photo-2``… when several
               frames were used)
``card-…``     券面画像, with the card image's label (``card-front``, ``card-back``, ``card-thickness``)
``document-…`` 書類画像 (a label if it has one, else a number)
============== ==============================================================

JPEG 2000 (the chips' photos) becomes PNG, which every viewer opens; JPEG, PNG and TIFF are written as
stored, byte for byte. A JPEG 2000 image that does not decode is written as it is (``.jp2``), never
dropped. Chip data files and certificates are not images and stay out (the hand-off bundle carries them).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kyc_desk.export._files import safe_name, staged_folder
from kyc_desk.export._zip import ZipWriter, check_passphrase
from kyc_desk.export.audit import audit_export
from kyc_desk.export.result import ExportResult
from kyc_desk.export.selection import Progress, Selection, resolve
from kyc_desk.imaging import ImageRefused, ImageUse, open_image, sniff
from kyc_desk.records.model import EvidenceKind, StoredEvidence, VerificationRecord

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore

log = logging.getLogger(__name__)

#: Stored evidence images, decoded only to turn JPEG 2000 into PNG.
EXPORT_IMAGE: Final = ImageUse(
    "evidence image",
    formats=frozenset({"jpeg2000"}),
    max_pixels=8_000_000,
    max_claimed_pixels=8_000_000,
    max_side=20_000,
)
IMAGE_KINDS: Final = (EvidenceKind.CHIP_PHOTO, EvidenceKind.FACE_PHOTO, EvidenceKind.CARD_IMAGE, EvidenceKind.DOCUMENT)
_KIND_NAMES: Final = {
    EvidenceKind.CHIP_PHOTO: "chip-photo",
    EvidenceKind.FACE_PHOTO: "face-photo",
    EvidenceKind.CARD_IMAGE: "card",
    EvidenceKind.DOCUMENT: "document",
}
_EXTENSIONS: Final = {"jpeg": "jpg", "png": "png", "tiff": "tif", "jpeg2000": "jp2"}
_MEDIA_EXTENSIONS: Final = {"application/pdf": "pdf"}


@dataclass(frozen=True)
class ImageFile:
    """One file of a record's images: its name, its bytes, and the evidence it came from."""

    name: str
    data: bytes
    evidence: StoredEvidence


def record_prefix(record: VerificationRecord) -> str:
    """``<date>_<client>``, the start of every file name of the record."""
    return f"{record.verified_on.isoformat()}_{safe_name(record.client.person.name)}"


def record_folder(record: VerificationRecord) -> str:
    """The record's own folder (or ZIP) name: ``<date>_<client>_<record id>`` (two records of a client on
    one day stay apart)."""
    return f"{record_prefix(record)}_{record.id}"


def _converted(item: StoredEvidence) -> tuple[str, bytes]:
    """The file extension and bytes to write for one piece of evidence."""
    kind = sniff(item.data)
    if kind is None:
        return _MEDIA_EXTENSIONS.get(item.media_type, "bin"), item.data
    if kind != "jpeg2000":
        return _EXTENSIONS[kind], item.data
    try:
        with open_image(item.data, EXPORT_IMAGE) as image:
            out = io.BytesIO()
            image.save(out, format="PNG")
            return "png", out.getvalue()
    except ImageRefused:
        log.warning("a JPEG 2000 image (evidence %d) does not decode; written as it is", item.id)
        return "jp2", item.data


def record_images(record: VerificationRecord) -> list[ImageFile]:
    """The record's image files, chip photo first, named as the module says."""
    prefix = record_prefix(record)
    files: list[ImageFile] = []
    used: set[str] = set()
    for kind in IMAGE_KINDS:
        items = [e for e in record.evidence if e.kind is kind]
        for n, item in enumerate(items, start=1):
            base = _KIND_NAMES[kind]
            if kind in (EvidenceKind.CARD_IMAGE, EvidenceKind.DOCUMENT):
                base += "-" + (safe_name(item.label, limit=20) if item.label else str(n))
            elif len(items) > 1 and n > 1:
                base += f"-{n}"
            ext, data = _converted(item)
            name = f"{prefix}_{base}.{ext}"
            suffix = 2
            while name in used:  # two card images with the same label
                name = f"{prefix}_{base}-{suffix}.{ext}"
                suffix += 1
            used.add(name)
            files.append(ImageFile(name, data, item))
    return files


def export_images(
    store: RecordStore,
    selection: Selection,
    destination: Path,
    *,
    actor: str,
    as_zip: bool = False,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write a new folder ``destination`` with one folder per verification (or one ZIP each with
    ``as_zip``, encrypted with ``passphrase`` if given); audited; all or nothing."""
    if passphrase is not None and not as_zip:
        raise ValueError("only ZIP files can be encrypted")
    check_passphrase(passphrase)
    ids = resolve(store, selection)
    count = 0
    with staged_folder(destination) as staging:
        for done, record in enumerate(store.iter_records(ids), start=1):
            files = record_images(record)
            if as_zip:
                with ZipWriter(staging / f"{record_folder(record)}.zip", passphrase) as archive:
                    for f in files:
                        archive.add(f.name, f.data)
            else:
                folder = staging / record_folder(record)
                folder.mkdir()
                for f in files:
                    (folder / f.name).write_bytes(f.data)
            count += len(files)
            if progress is not None:
                progress(done, len(ids))
        audit = audit_export(
            store,
            kind="images",
            destination=destination,
            verification_ids=ids,
            actor=actor,
            encrypted=passphrase is not None,
            extra={"zip": as_zip, "files": count},
        )
    return ExportResult("images", destination, len(ids), count, audit, encrypted=passphrase is not None)

