"""The test kit stays out of the product: no import, not in the wheel, not in the frozen build."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "src" / "kyc_desk"
TESTKIT = "kyc_desk_testkit"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(TESTKIT):
            names.append(node.value)  # importlib.import_module("kyc_desk_testkit…") or "python -m …" strings
    return names


def test_no_product_module_imports_the_test_kit() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted(PRODUCT.rglob("*.py"))
        for name in _imports(path)
        if name == TESTKIT or name.startswith(TESTKIT + ".")
    ]
    assert offenders == []


def test_the_scan_sees_an_import_of_the_test_kit(tmp_path: Path) -> None:
    """The scan above is not vacuous: it finds both a static and a by-name import."""
    module = tmp_path / "m.py"
    module.write_text("import importlib\nfrom kyc_desk_testkit.softcard import SoftCard\n"
                      "importlib.import_module('kyc_desk_testkit.demo')\n", encoding="utf-8")
    assert _imports(module).count("kyc_desk_testkit.softcard") == 1
    assert "kyc_desk_testkit.demo" in _imports(module)


def test_product_wheel_excludes_the_test_kit() -> None:
    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    find = config["tool"]["setuptools"]["packages"]["find"]
    packages = find_packages(where=str(ROOT / find["where"][0]), include=find["include"])
    assert "kyc_desk" in packages and "kyc_desk.cards.apps.mynumber" in packages
    assert not [p for p in packages if p.startswith(TESTKIT)]


def test_frozen_build_excludes_the_test_kit() -> None:
    spec = (ROOT / "installers" / "kyc-desk.spec").read_text(encoding="utf-8")
    excludes = ast.literal_eval(spec.split("excludes=", 1)[1].split("\n", 1)[0].rstrip(","))
    assert TESTKIT in excludes
    assert f'collect_submodules("{TESTKIT}' not in spec and f'collect_data_files("{TESTKIT}' not in spec


def test_product_cli_demo_flag_points_to_the_development_set_up(capsys: pytest.CaptureFixture[str]) -> None:
    from kyc_desk.cli.main import main

    assert main(["--demo"]) == 1
    assert "scripts/demo" in capsys.readouterr().err
