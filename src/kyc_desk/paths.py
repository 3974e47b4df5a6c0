"""Where the desk keeps its settings, data, logs and caches.

By default the platform's standard user directories (via platformdirs): on Linux
``~/.config/kyc-desk``, ``~/.local/share/kyc-desk``, ``~/.cache/kyc-desk``; on Windows under
``%APPDATA%``/``%LOCALAPPDATA%``; on macOS under ``~/Library``.

One environment variable, ``KYC_DESK_HOME``, moves everything under a single folder (``config/``,
``data/``, ``logs/``, ``cache/``) — for tests, demos and portable installs on a USB stick.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "kyc-desk"
HOME_ENV = "KYC_DESK_HOME"


@dataclass(frozen=True)
class DeskPaths:
    """The folders one desk uses. Create them with :meth:`ensure`."""

    config: Path
    data: Path
    logs: Path
    cache: Path

    def ensure(self) -> DeskPaths:
        """Create the folders (private to the user where the platform allows) and return self."""
        for folder in (self.config, self.data, self.logs, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # e.g. FAT filesystems on a USB stick
                folder.chmod(0o700)
        return self


def desk_paths() -> DeskPaths:
    """The folders for this process, honouring ``KYC_DESK_HOME``."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return DeskPaths(root / "config", root / "data", root / "logs", root / "cache")
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return DeskPaths(
        Path(dirs.user_config_dir),
        Path(dirs.user_data_dir),
        Path(dirs.user_log_dir),
        Path(dirs.user_cache_dir),
    )


def private_folder(path: Path) -> Path:
    """``path`` created if needed (with its parents) and made private to the user (0700); returns it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # e.g. FAT filesystems on a USB stick
        path.chmod(0o700)
    return path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to a file only the user can read (0600 temp file, fsync, rename)."""
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
