"""The hashed lock files agree with what they were compiled from (offline: no resolver, no network).

scripts/setup installs from requirements/lock.txt and requirements/no-deps.txt only, so a dependency added
to pyproject.toml without re-running scripts/lock would be missing from every fresh set-up; a bound
tightened without it would leave the old pin in place. Both fail here first.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _pins(path: Path) -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes) for each pin of a uv/pip-tools lock file."""
    pins: dict[str, tuple[Version, int]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            name = canonicalize_name(match.group(1))
            pins[name] = (Version(match.group(2)), 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def _requirements(path: Path) -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line]


def test_every_declared_dependency_is_pinned_within_its_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pins = _pins(ROOT / "requirements" / "lock.txt")
    for requirement in declared:
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements/lock.txt: run scripts/lock"
        version, _ = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), f"lock pins {name}=={version}: {requirement}"


def test_every_pin_carries_hashes() -> None:
    for lock in ("lock.txt", "no-deps.txt"):
        pins = _pins(ROOT / "requirements" / lock)
        assert pins, lock
        assert all(hashes > 0 for _, hashes in pins.values()), lock


def test_the_no_deps_lock_pins_exactly_the_no_deps_list() -> None:
    wanted = _requirements(ROOT / "requirements" / "no-deps.in")
    pins = _pins(ROOT / "requirements" / "no-deps.txt")
    assert {canonicalize_name(r.name) for r in wanted} == set(pins)
    for requirement in wanted:
        assert requirement.specifier.contains(pins[canonicalize_name(requirement.name)][0])
    # installed --no-deps: none of them may also come through the ordinary lock
    assert not set(pins) & set(_pins(ROOT / "requirements" / "lock.txt"))


#: Packages only one side's lock has: Linux's keyring backends (Secret Service over D-Bus), and what
#: Windows (click's and pytest's colours, PyInstaller's PE tools, keyring's Credential Manager calls) and
#: macOS (PyInstaller's Mach-O tools) need there. A new one fails here until it is looked at and listed.
PLATFORM_ONLY = {
    "lock.txt": {"jeepney", "secretstorage"},
    "lock-windows.txt": {"colorama", "pefile", "pywin32-ctypes"},
    "lock-macos.txt": {"macholib"},
}


def test_the_windows_and_macos_locks_pin_what_the_linux_lock_pins() -> None:
    """The Windows and macOS builds (docs/installers.md) install from their own locks, which scripts/lock
    compiles with lock.txt as constraint: every package they share is at the same version, with hashes."""
    linux = _pins(ROOT / "requirements" / "lock.txt")
    for lock in ("lock-windows.txt", "lock-macos.txt"):
        pins = _pins(ROOT / "requirements" / lock)
        assert all(hashes > 0 for _, hashes in pins.values()), lock
        assert set(pins) - set(linux) == PLATFORM_ONLY[lock], f"{lock}: run scripts/lock"
        assert set(linux) - set(pins) == PLATFORM_ONLY["lock.txt"], f"{lock}: run scripts/lock"
        shared = set(pins) & set(linux)
        moved = {name: (linux[name][0], pins[name][0]) for name in shared if pins[name][0] != linux[name][0]}
        assert moved == {}, f"{lock} pins other versions than lock.txt: run scripts/lock"
