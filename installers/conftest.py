"""Fixtures of the frozen build's smoke test (installers/smoke runs it; the default test run never collects
installers/).

The desk under test is the frozen one folder named by ``KYC_DESK_FROZEN``; everything around it (the
software card, the trust anchors of the test issuers, the endpoint, the client's submission) comes from
the repository's own, non-frozen Python and its test kit, which the product never ships.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

_session_home = Path(tempfile.mkdtemp(prefix="kyc-desk-smoke-"))
os.environ["KYC_DESK_HOME"] = str(_session_home)
os.environ.setdefault("MPLCONFIGDIR", str(_session_home / "matplotlib"))
os.environ.pop("KYC_DESK_LANG", None)

#: Variables that would let the frozen desk see the checkout's Python instead of its own bundle.
_PYTHON_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")


@dataclass(frozen=True)
class FrozenDesk:
    """The frozen one folder and a way to run its ``kyc-desk`` as a user would."""

    folder: Path
    home: Path

    @property
    def executable(self) -> Path:
        return self.folder / "kyc-desk"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _PYTHON_VARIABLES}
        env["KYC_DESK_HOME"] = str(self.home)
        env.update(extra)
        return env

    def run(self, *args: str, stdin: str = "", timeout: float = 180, **extra: str) -> subprocess.CompletedProcess[str]:
        """Run ``kyc-desk ARGS`` outside the checkout (cwd is the home), with the checkout's Python hidden."""
        return subprocess.run([str(self.executable), *args], input=stdin, capture_output=True, text=True,
                              env=self.env(**extra), cwd=self.home, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def frozen_folder() -> Path:
    folder = os.environ.get("KYC_DESK_FROZEN")
    if not folder:
        pytest.fail("KYC_DESK_FROZEN names no frozen build: run installers/smoke dist/kyc-desk", pytrace=False)
    path = Path(folder).resolve()
    if not (path / "kyc-desk").is_file():
        pytest.fail(f"{path} holds no kyc-desk executable: run installers/build first", pytrace=False)
    return path


@pytest.fixture
def desk(frozen_folder: Path, tmp_path: Path) -> Iterator[FrozenDesk]:
    """The frozen desk with a fresh, empty home of its own (settings, data, logs)."""
    home = tmp_path / "home"
    home.mkdir()
    yield FrozenDesk(frozen_folder, home)
