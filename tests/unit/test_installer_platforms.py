"""The Windows and macOS installer files agree with the one spec's per-platform table (offline, no build).

Those builds run only on other platforms' CI (.github/workflows/installers.yml), so a name changed in one
place (an executable, the bundle, the macOS minimum) would show only there, or on an office's PC. The
spec's table is read from the spec itself; the smoke's table from installers/conftest.py's source (that
module sets up a smoke session when imported, so it is parsed, not imported).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from kyc_desk import __version__

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def _spec_platforms() -> dict[str, Any]:
    """PLATFORMS as installers/kyc-desk.spec defines it (its table part, run on its own)."""
    text = (INSTALLERS / "kyc-desk.spec").read_text(encoding="utf-8")
    start, end = text.index("ICON = "), text.index("\ndef version_resource")
    namespace: dict[str, Any] = {"__version__": __version__}
    exec(text[start:end], namespace)  # our own spec's table: literals and __version__ only
    platforms: dict[str, Any] = namespace["PLATFORMS"]
    return platforms


def _smoke_executables() -> dict[str, tuple[str, str]]:
    """EXECUTABLES of installers/conftest.py (parsed)."""
    tree = ast.parse((INSTALLERS / "conftest.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "EXECUTABLES" for t in targets) and node.value is not None:
                found: dict[str, tuple[str, str]] = ast.literal_eval(node.value)
                return found
    raise AssertionError("installers/conftest.py has no EXECUTABLES table")


def test_the_smoke_runs_the_executables_the_spec_makes() -> None:
    platforms = _spec_platforms()
    smoke = _smoke_executables()
    assert set(smoke) == set(platforms)
    console = {p: [name for name, is_console in platforms[p]["executables"] if is_console] for p in platforms}
    windowed = {p: [name for name, is_console in platforms[p]["executables"] if not is_console] for p in platforms}
    assert smoke["linux"] == ("kyc-desk", "kyc-desk")
    # Windows: commands from the console executable, the window from the windowed one
    assert smoke["win32"] == (f"{console['win32'][0]}.exe", f"{windowed['win32'][0]}.exe")
    # macOS: the bundle's one executable
    assert smoke["darwin"] == (f"Contents/MacOS/{windowed['darwin'][0]}",) * 2


def test_the_windows_installer_starts_the_windowed_executable() -> None:
    platforms = _spec_platforms()
    names = {name: is_console for name, is_console in platforms["win32"]["executables"]}
    iss = (INSTALLERS / "windows" / "kyc-desk.iss").read_text(encoding="utf-8-sig")
    shortcuts = [line for line in iss.splitlines() if line.startswith("Name: \"{auto")]
    assert shortcuts and all(re.search(r'Filename: "\{app\}\\(\S+)\.exe"', line) for line in shortcuts)
    for line in shortcuts:
        target = re.search(r'Filename: "\{app\}\\(\S+)\.exe"', line)
        assert target and names[target.group(1)] is False, line  # windowed: no console window beside the desk
    # the version is read from the console executable's resource, which the spec writes
    version_from = re.search(r'GetStringFileInfo\(DistDir \+ "\\(\S+)\.exe"', iss)
    assert version_from and version_from.group(1) in names
    assert platforms["win32"]["version_resource"] is True


def test_the_macos_bundle_matches_the_dmg_recipe_and_the_lock() -> None:
    bundle = _spec_platforms()["darwin"]["bundle"]
    recipe = (INSTALLERS / "macos" / "build-dmg").read_text(encoding="utf-8")
    assert f'app="dist/{bundle["name"]}"' in recipe
    plist = bundle["info_plist"]
    assert plist["NSCameraUsageDescription"] and plist["CFBundleShortVersionString"] == __version__
    # the bundle's minimum macOS is the one requirements/lock-macos.txt was resolved for
    lock_script = (ROOT / "scripts" / "lock").read_text(encoding="utf-8")
    assert f"MACOSX_DEPLOYMENT_TARGET={plist['LSMinimumSystemVersion']} " in lock_script


def test_every_per_platform_file_exists() -> None:
    for platform, table in _spec_platforms().items():
        if table["icon"]:
            assert (INSTALLERS / table["icon"]).is_file(), platform
        for source, _folder in table["files"]:
            assert (INSTALLERS / source).is_file(), (platform, source)
