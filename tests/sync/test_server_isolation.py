"""The internet-facing endpoint loads nothing of the desk, a contract enforces it, and its date table agrees
with the desk's one legal rule."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = "The internet-facing sync endpoint imports nothing of the desk (nor any cryptography)"
DESK = ("kyc_desk.records", "kyc_desk.verify", "kyc_desk.cards", "kyc_desk.faces", "kyc_desk.ui",
        "kyc_desk.export", "kyc_desk.cli", "kyc_desk_testkit", "cryptography", "PySide6")


def test_importing_the_endpoint_loads_no_desk_code():
    code = ("import json, sys; import kyc_desk.sync.server.app, kyc_desk.sync.server.run; "
            "print(json.dumps(sorted(sys.modules)))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    loaded = json.loads(done.stdout)
    assert "kyc_desk.sync.server.app" in loaded
    assert [m for m in loaded if m.startswith(DESK)] == []


def _contract_config(tmp_path: Path) -> Path:
    """A config holding only the endpoint contract, exactly as pyproject.toml states it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in project["tool"]["importlinter"]["contracts"] if c["name"] == CONTRACT]
    lines = ["[importlinter]", "root_package = kyc_desk", "include_external_packages = True", "",
             "[importlinter:contract:endpoint]"]
    for key, value in contract.items():
        lines.append(f"{key} = " + ("\n    ".join(["", *value]) if isinstance(value, list) else str(value)))
    path = tmp_path / "contract.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lint(tree: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return subprocess.run([lint, "--config", str(config), "--no-cache"], capture_output=True, text=True,
                          env=env, cwd=tree, check=False)


def test_the_contract_holds_and_fails_on_a_deliberate_violation(tmp_path):
    config = _contract_config(tmp_path)
    tree = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "kyc_desk", tree / "kyc_desk", ignore=shutil.ignore_patterns("__pycache__"))
    kept = _lint(tree, config)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    # a scratch violation, two steps away: the endpoint's rules module imports a sync module that uses records
    rules = tree / "kyc_desk" / "sync" / "server" / "rules.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nfrom kyc_desk.sync import _legal  # noqa\n",
                     encoding="utf-8")
    broken = _lint(tree, config)
    assert broken.returncode != 0
    assert "BROKEN" in broken.stdout and "kyc_desk.records" in broken.stdout


def _days_around(day: dt.date) -> list[dt.date]:
    return [day + dt.timedelta(days=n) for n in range(-2, 3)]


def test_the_endpoint_date_table_agrees_with_the_desk_rule():
    from kyc_desk.sync._legal import methods_allowed_on as desk_rule
    from kyc_desk.sync.server.rules import LAST_DAY, methods_allowed_on

    days = [dt.date(2026, 12, 5), dt.date(2030, 1, 1)]
    for last in LAST_DAY.values():
        if last is not None:
            days += _days_around(last)
    from kyc_desk.records import legal

    days += _days_around(legal.AMENDMENT_2027)
    for day in days:
        assert methods_allowed_on(day) == desk_rule(day), day


@pytest.mark.parametrize("name", ["Limits", "ServerConfig", "create_app"])
def test_the_package_names_still_resolve(name):
    import kyc_desk.sync.server as server

    assert getattr(server, name).__name__ == name
