"""What the installed Debian package adds to the frozen desk (installers/deb-smoke runs it, after
test_smoke.py, against the installed /opt/kyc-desk): the command on the PATH, the desktop entry and its
icon, the files dpkg knows, the dependencies. ``KYC_DESK_PACKAGE`` names the installed package.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from installers.conftest import FrozenDesk

ENTRY = Path("/usr/share/applications/kyc-desk.desktop")
ICONS = Path("/usr/share/icons/hicolor")
#: PNG sizes installers/linux/render_icons.py renders next to the scalable SVG.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: A user's PATH as Debian's login shells set it (os.defpath puts /bin first, which merged /usr links).
USER_PATH = "/usr/local/bin:/usr/bin:/bin"


@pytest.fixture(scope="module")
def package() -> str:
    name = os.environ.get("KYC_DESK_PACKAGE")
    if not name:
        pytest.fail("KYC_DESK_PACKAGE names no installed package: run installers/deb-smoke", pytrace=False)
    return name


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(ENTRY, encoding="utf-8")
    return parser["Desktop Entry"]


def _dpkg_files(package: str) -> set[Path]:
    listing = subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True, check=True).stdout
    return {Path(line) for line in listing.splitlines() if line.startswith("/")}


def test_command_on_the_path_is_the_installed_desk(desk: FrozenDesk) -> None:
    """``kyc-desk`` as a user types it: /usr/bin/kyc-desk, a link to the installed folder's executable."""
    from kyc_desk import __version__

    found = shutil.which("kyc-desk", path=USER_PATH)
    assert found == "/usr/bin/kyc-desk"
    assert Path(found).resolve() == desk.executable
    done = subprocess.run(["kyc-desk", "--version"], capture_output=True, text=True, env=desk.env(PATH=USER_PATH),
                          cwd=desk.home, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kyc-desk {__version__}"


def test_desktop_entry_validates_and_names_the_desk() -> None:
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing (desktop-file-utils; scripts/setup installs it)"
    done = subprocess.run([validator, str(ENTRY)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "本人確認デスク"
    assert entry["Name[en]"] == "KYC Desk"
    assert entry["Categories"].split(";")[0] == "Office"
    assert entry["Exec"].split()[0] == "kyc-desk"


def test_icon_is_where_the_entry_says() -> None:
    """The entry's Icon= is a name the hicolor theme resolves: the SVG and every PNG size, the PNGs of the
    size their folder claims."""
    from PySide6.QtGui import QImage

    icon = _entry()["Icon"]
    svg = ICONS / "scalable" / "apps" / f"{icon}.svg"
    assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    for size in PNG_SIZES:
        image = QImage(str(ICONS / f"{size}x{size}" / "apps" / f"{icon}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_window_starts_from_the_desktop_entry(desk: FrozenDesk, tmp_path: Path) -> None:
    """The entry's Exec line, found on the PATH as a menu would, opens the window on the X display."""
    marker = tmp_path / "started"
    before = time.time()
    done = subprocess.run(_entry()["Exec"].split(), capture_output=True, text=True, cwd=desk.home, timeout=120,
                          env=desk.env(PATH=USER_PATH, DISPLAY=os.environ["DISPLAY"], QT_QPA_PLATFORM="xcb",
                                       KYC_DESK_STARTUP_MARKER=str(marker), KYC_DESK_EXIT_AFTER_START="1"),
                          check=False)
    assert done.returncode == 0, done.stderr
    assert float(marker.read_text(encoding="ascii")) > before


def test_dpkg_owns_exactly_the_installed_folder(desk: FrozenDesk, package: str) -> None:
    """Every file in the folder belongs to the package and matches its md5sums (``dpkg --verify``): running
    the desk wrote nothing there, so removing the package leaves nothing behind."""
    owned = _dpkg_files(package)
    present = set(desk.folder.rglob("*"))
    assert present - owned == set()
    assert {p for p in owned if p.is_relative_to(desk.folder) and p != desk.folder} - present == set()
    done = subprocess.run(["dpkg", "--verify", package], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == "", done.stdout


def test_depends_on_the_system_parts_it_does_not_bundle(package: str) -> None:
    depends = subprocess.run(["dpkg-query", "-W", "-f", "${Depends}", package], capture_output=True, text=True,
                             check=True).stdout
    names = {part.strip().split()[0] for part in depends.split(",")}
    assert {"pcscd", "libpcsclite1", "fonts-ipaexfont-gothic", "fontconfig", "libegl1", "libgl1", "libxcb1"} <= names
