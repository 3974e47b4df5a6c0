"""Writing an export where the user chose, all of it or nothing.

Every export is built under a hidden temporary name in the destination's own folder and renamed into place
only when it is complete (and its audit entry is written): an interrupted or failed export leaves nothing
behind that looks like an export. An existing file is replaced only when the caller says the user agreed
(``overwrite=True``: the window's save dialog asked); an existing folder never is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kyc_desk.export.errors import DestinationRefused


def check_destination(destination: Path, *, overwrite: bool = False, folder: bool = False) -> None:
    """Refuse a destination that cannot be used before any work is done."""
    if not destination.parent.is_dir():
        raise DestinationRefused(
            "the destination's folder does not exist", ja="書き出し先のフォルダがありません。"
        )
    if destination.exists() and (folder or destination.is_dir() or not overwrite):
        raise DestinationRefused("the destination exists; nothing is overwritten")


@contextlib.contextmanager
def staged_file(destination: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; on a clean exit it becomes ``destination``.

    The body writes the temporary file (and appends the audit entry last); if it raises, the temporary
    file is removed and ``destination`` is untouched.
    """
    check_destination(destination, overwrite=overwrite)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent)
    except OSError as exc:
        raise DestinationRefused(f"cannot write into the destination's folder: {exc.strerror}") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        _chmod_private(temporary)
        os.replace(temporary, destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise DestinationRefused(f"the export could not be written: {exc.strerror}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def staged_folder(destination: Path) -> Iterator[Path]:
    """Like :func:`staged_file` for a new folder (never merged into an existing one)."""
    check_destination(destination, folder=True)
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent))
    except OSError as exc:
        raise DestinationRefused(f"cannot write into the destination's folder: {exc.strerror}") from exc
    try:
        yield temporary
        os.replace(temporary, destination)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise DestinationRefused(f"the export could not be written: {exc.strerror}") from exc
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _chmod_private(path: Path) -> None:
    """Exports hold personal data: readable by the user only, where the file system allows."""
    with contextlib.suppress(OSError):
        path.chmod(0o600)


def safe_name(text: str, *, limit: int = 40) -> str:
    """``text`` usable in a file name on Windows, macOS and Linux (a client's name in image names).

    Path separators, characters Windows refuses and control characters become ``-``; white space is
    dropped; the result is cut to ``limit`` characters and is never empty.
    """
    out = []
    for ch in text.strip():
        if ch.isspace():
            continue
        out.append("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 or ch == "\x7f" else ch)
    name = "".join(out)[:limit].strip(". ")
    return name or "-"
