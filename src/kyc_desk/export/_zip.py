"""ZIP files of exports, plain or encrypted with a passphrase (AES-256, WinZip's AE-2 format).

pyzipper writes and reads the AES entries (7-Zip, WinZip and pyzipper open them; Windows Explorer's own
ZIP support does not, and says so). Names are stored as UTF-8 (the ZIP flag for it is set), so Japanese
names survive. Images are stored as they are (they are compressed already); text is deflated.

Only this module imports pyzipper (an import-linter contract says so).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final

import pyzipper

from kyc_desk.export.errors import MIN_PASSPHRASE, PassphraseTooShort

#: What a damaged ZIP raises: pyzipper has its own copies of zipfile's classes (not subclasses of them).
ZIP_ERRORS: Final[tuple[type[Exception], ...]] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, pyzipper.BadZipFile, pyzipper.LargeZipFile, EOFError,
)  # fmt: skip
_STORED_SUFFIXES: Final = frozenset({".jpg", ".png", ".tif", ".jp2", ".j2k", ".pdf", ".bin"})


def check_passphrase(passphrase: str | None) -> None:
    """Refuse a passphrase too short to protect personal data (``None``: not encrypted)."""
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(f"the passphrase must have at least {MIN_PASSPHRASE} characters")


class ZipWriter:
    """A new ZIP at ``path``; AES-256 encrypted when ``passphrase`` is given."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        check_passphrase(passphrase)
        self.encrypted = passphrase is not None
        if passphrase is None:
            self._zip: zipfile.ZipFile = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        else:
            encrypted = pyzipper.AESZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES)
            encrypted.setpassword(passphrase.encode("utf-8"))
            encrypted.setencryption(pyzipper.WZ_AES, nbits=256)
            self._zip = encrypted

    def add(self, name: str, data: bytes) -> None:
        stored = Path(name).suffix.lower() in _STORED_SUFFIXES
        self._zip.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> ZipWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_zip(path: Path) -> zipfile.ZipFile:
    """A ZIP for reading, plain or AES (pyzipper reads both); raises what zipfile raises."""
    archive: zipfile.ZipFile = pyzipper.AESZipFile(path, "r")
    return archive


def is_encrypted(archive: zipfile.ZipFile) -> bool:
    return any(info.flag_bits & 0x1 for info in archive.infolist())
