"""Fixtures of the frozen build's smoke test (installers/smoke runs it; the default test run never collects
installers/).

The desk under test is the frozen one folder named by ``KYC_DESK_FROZEN``; everything around it (the
software card, the trust anchors of the test issuers, the endpoint, the client's submission) comes from
the repository's own, non-frozen Python and its test kit, which the product never ships.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

_session_home = Path(tempfile.mkdtemp(prefix="kyc-desk-smoke-"))
os.environ["KYC_DESK_HOME"] = str(_session_home)
os.environ.setdefault("MPLCONFIGDIR", str(_session_home / "matplotlib"))
os.environ.pop("KYC_DESK_LANG", None)

#: Variables that would let the frozen desk see the checkout's Python instead of its own bundle, or a keyring
#: other than the one a step sets up (a desktop session's bus, a forced keyring backend).
_HIDDEN_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "DBUS_SESSION_BUS_ADDRESS",
                     "PYTHON_KEYRING_BACKEND")


#: The executables of a frozen folder, per platform (installers/kyc-desk.spec makes them): the one for
#: commands, and the one the Start menu or the application starts for the window.
EXECUTABLES = {
    "linux": ("kyc-desk", "kyc-desk"),
    "win32": ("kyc-desk.exe", "kyc-deskw.exe"),
    "darwin": ("Contents/MacOS/kyc-desk", "Contents/MacOS/kyc-desk"),
}


def platform_key() -> str:
    """The key of this platform in the installers' per-platform tables."""
    return sys.platform if sys.platform in ("win32", "darwin") else "linux"


@dataclass(frozen=True)
class FrozenDesk:
    """The frozen one folder (on macOS the application bundle) and a way to run its ``kyc-desk`` as a user
    would."""

    folder: Path
    home: Path

    @property
    def executable(self) -> Path:
        """The executable for commands (on Windows the console one, ``kyc-desk.exe``)."""
        return self.folder / EXECUTABLES[platform_key()][0]

    @property
    def window_executable(self) -> Path:
        """The executable shortcuts start for the window (on Windows the windowed ``kyc-deskw.exe``)."""
        return self.folder / EXECUTABLES[platform_key()][1]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _HIDDEN_VARIABLES}
        env["KYC_DESK_HOME"] = str(self.home)
        env.update(extra)
        return env

    def run(self, *args: str, stdin: str = "", timeout: float = 180, window: bool = False,
            **extra: str) -> subprocess.CompletedProcess[str]:
        """Run ``kyc-desk ARGS`` outside the checkout (cwd is the home), with the checkout's Python hidden;
        ``window`` runs the window's executable instead. The desk writes UTF-8 (on Windows in UTF-8 mode)."""
        executable = self.window_executable if window else self.executable
        return subprocess.run([str(executable), *args], input=stdin, capture_output=True, text=True,
                              encoding="utf-8", env=self.env(**extra), cwd=self.home, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def frozen_folder() -> Path:
    folder = os.environ.get("KYC_DESK_FROZEN")
    if not folder:
        pytest.fail("KYC_DESK_FROZEN names no frozen build: run installers/smoke dist/kyc-desk", pytrace=False)
    path = Path(folder).resolve()
    for name in set(EXECUTABLES[platform_key()]):
        if not (path / name).is_file():
            pytest.fail(f"{path} holds no {name}: run installers/build first (on macOS name the .app)", pytrace=False)
    return path


@pytest.fixture
def desk(frozen_folder: Path, tmp_path: Path) -> Iterator[FrozenDesk]:
    """The frozen desk with a fresh, empty home of its own (settings, data, logs)."""
    home = tmp_path / "home"
    home.mkdir()
    yield FrozenDesk(frozen_folder, home)


@dataclass(frozen=True)
class SecretService:
    """A private D-Bus session bus with gnome-keyring's Secret Service on it, its login keyring unlocked."""

    address: str

    def env(self) -> dict[str, str]:
        """What a process needs to reach this Secret Service (and nothing of the user's own session)."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address}


def _has_owner(address: str, name: str) -> bool:
    done = subprocess.run(
        ["dbus-send", f"--bus={address}", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
         "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
        capture_output=True, text=True, timeout=10, check=False,
    )
    return done.returncode == 0 and "boolean true" in done.stdout


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[SecretService]:
    """gnome-keyring-daemon (Debian's ``gnome-keyring``, which scripts/setup installs) as the Secret Service of
    a private session bus: the OS keyring a Linux desktop session provides. Both processes are ours and are
    stopped by their process ids."""
    missing = [tool for tool in ("dbus-daemon", "dbus-send", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: run scripts/setup (gnome-keyring, dbus)", pytrace=False)
    base = tmp_path / "session"
    run = base / "run"
    run.mkdir(parents=True, mode=0o700)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--address=unix:path={run / 'bus'}",
         "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    keyring_daemon: subprocess.Popen[str] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            pytest.fail("dbus-daemon did not start", pytrace=False)
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "HOME": str(base),
               "XDG_RUNTIME_DIR": str(run), "XDG_DATA_HOME": str(base / "data")}
        keyring_daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, text=True,
        )
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write("login keyring password")  # creates and unlocks the login keyring
        keyring_daemon.stdin.close()
        deadline = time.monotonic() + 20
        while not _has_owner(address, "org.freedesktop.secrets"):
            if keyring_daemon.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gnome-keyring-daemon did not take the Secret Service name", pytrace=False)
            time.sleep(0.1)
        yield SecretService(address)
    finally:
        for process in (keyring_daemon, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
