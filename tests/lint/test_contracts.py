"""The import-linter contracts bite: a deliberate violation in a scratch copy of the package breaks the named one.

Each case copies the package's Python files to a temporary folder, writes one forbidden import into the copy,
and runs ``lint-imports`` with the project's own pyproject.toml against it. The copy comes first on
``PYTHONPATH``, so the checkout is never touched; the cases that must break prove the copy is what was read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "kyc_desk"

LAYERS = "Layers"
HAZMAT = "Only kyc_desk.crypto imports cryptography.hazmat (pyca's primitives)"
TESTKIT = "The product never imports the test kit (software cards, synthetic faces, demo mode)"
QT = "Only the UI imports Qt"
PYSCARD = "Only the PC/SC transport imports pyscard"
SQL = "Only the records layer imports SQLAlchemy and SQLCipher (the sync endpoint has its own store)"
CARD_STACK = "Inside the card stack: applications over the card over the transport"
CRYPTOGRAPHY = "Only kyc_desk.crypto and kyc_desk.verify import cryptography at all (verify: X.509, a pyca recipe)"
SERVER = "The internet-facing sync endpoint imports nothing of the desk (nor any cryptography)"
PYZIPPER = "Only kyc_desk.export._zip imports pyzipper (AES ZIPs of exports)"
NAMED = {LAYERS, CARD_STACK, HAZMAT, CRYPTOGRAPHY, TESTKIT, QT, PYSCARD, SQL, SERVER}


def _python_files_only(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__" or not (n.endswith(".py") or Path(folder, n).is_dir())]


def _lint(tmp_path: Path, edits: dict[str, str]) -> tuple[set[str], str]:
    """Copy the package, append each edit to its file (created if new), run lint-imports: (broken contracts, output)."""
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "kyc_desk", ignore=_python_files_only)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, code in edits.items():
        with open(src / "kyc_desk" / relative, "a", encoding="utf-8") as out:
            out.write("\n" + code + "\n")
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), str(REPO)]), "COLUMNS": "500", "NO_COLOR": "1"}
    run = subprocess.run(
        [lint_imports, "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)  # older releases colour even into a pipe
    verdicts = dict(re.findall(r"^(.+) (KEPT|BROKEN)(?: \(\d+ ignored imports?\))?$", output, flags=re.MULTILINE))
    broken = {name for name, verdict in verdicts.items() if verdict == "BROKEN"}
    kept = {name for name, verdict in verdicts.items() if verdict == "KEPT"}
    assert NAMED.issubset(broken | kept), output  # the contracts this test names exist (others may be added)
    assert run.returncode == (1 if broken else 0), output
    return broken, output


def test_the_tree_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    broken, output = _lint(tmp_path, {})
    assert broken == set(), output


def test_x509_in_verify_is_allowed(tmp_path: Path) -> None:
    """pyca's recipe layer (X.509) is not hazmat: verify may use it, so the hazmat contract must not over-reach."""
    broken, output = _lint(tmp_path, {"verify/_scratch.py": "from cryptography import x509"})
    assert broken == set(), output


@pytest.mark.parametrize(
    ("relative", "code", "expected", "named"),
    [
        # hazmat outside the crypto package, in each spelling an import can take
        ("sync/_scratch.py", "from cryptography.hazmat.primitives import hashes", {HAZMAT, CRYPTOGRAPHY},
         "kyc_desk.sync._scratch -> cryptography.hazmat.primitives"),
        ("verify/_scratch.py", "from cryptography import hazmat", {HAZMAT},
         "kyc_desk.verify._scratch -> cryptography.hazmat"),
        ("verify/jpki.py", "def _later():\n    import cryptography.hazmat.primitives.hashes", {HAZMAT},
         "kyc_desk.verify.jpki -> cryptography.hazmat.primitives.hashes"),
        ("cards/apps/residence/_sm.py", "from cryptography.hazmat.decrepit.ciphers import algorithms",
         {HAZMAT, CRYPTOGRAPHY}, "kyc_desk.cards.apps.residence._sm -> cryptography.hazmat.decrepit.ciphers"),
        # any cryptography import outside crypto and verify
        ("records/_scratch.py", "from cryptography import x509", {CRYPTOGRAPHY},
         "kyc_desk.records._scratch -> cryptography"),
        # the window never imports the demo, nor anything else of the test kit
        ("ui/_scratch.py", "from kyc_desk_testkit.demo import __main__", {TESTKIT},
         "kyc_desk.ui._scratch -> kyc_desk_testkit"),
        # the command line is the top: nothing imports it
        ("ui/_scratch.py", "import kyc_desk.cli.main", {LAYERS}, "kyc_desk.ui._scratch -> kyc_desk.cli.main"),
        # top-level modules are layers too
        # (the endpoint imports logs.py, so the endpoint's contract breaks too)
        ("logs.py", "import kyc_desk.doctor", {LAYERS, SERVER}, "kyc_desk.logs -> kyc_desk.doctor"),
        ("errors.py", "import kyc_desk.settings", {LAYERS}, "kyc_desk.errors -> kyc_desk.settings"),
        ("doctor.py", "import kyc_desk.ui", {LAYERS}, "kyc_desk.doctor -> kyc_desk.ui"),
        # the crypto package is the bottom: it imports nothing of the desk
        ("crypto/_scratch.py", "import kyc_desk.errors", {LAYERS}, "kyc_desk.crypto._scratch -> kyc_desk.errors"),
        # the contracts that were there before this test: each bites too
        ("crypto/_scratch.py", "import PySide6", {QT}, "kyc_desk.crypto._scratch -> PySide6"),
        ("records/_scratch.py", "import smartcard", {PYSCARD}, "kyc_desk.records._scratch -> smartcard"),
        ("verify/_scratch.py", "import sqlalchemy", {SQL}, "kyc_desk.verify._scratch -> sqlalchemy"),
        ("cards/transport/_scratch.py", "import kyc_desk.cards.apps", {CARD_STACK},
         "kyc_desk.cards.transport._scratch -> kyc_desk.cards.apps"),
        # encrypted ZIPs go through export/_zip.py only; the export layer sits below the application layer
        ("export/bundle.py", "import pyzipper", {PYZIPPER}, "kyc_desk.export.bundle -> pyzipper"),
        ("export/_scratch.py", "import kyc_desk.app", {LAYERS}, "kyc_desk.export._scratch -> kyc_desk.app"),
    ],
)  # fmt: skip
def test_a_deliberate_violation_breaks_its_contract(
    tmp_path: Path, relative: str, code: str, expected: set[str], named: str
) -> None:
    broken, output = _lint(tmp_path, {relative: code})
    assert broken == expected, output
    assert named in output, output
