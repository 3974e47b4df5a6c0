"""The UI packages' public names: ``__all__`` complete, sorted as ruff sorts them, every name importable."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = (
    "kyc_desk.ui",
    "kyc_desk.ui.views",
    "kyc_desk.ui.dialogs",
    "kyc_desk.ui.widgets",
    "kyc_desk.ui.models",
    "kyc_desk.ui.workers",
    "kyc_desk_testkit.demo",
)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_resolves(name: str) -> None:
    module = importlib.import_module(name)
    names = module.__all__
    assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
    for public in names:
        assert getattr(module, public) is not None, public


@pytest.mark.parametrize("name", PACKAGES[1:])  # kyc_desk.ui loads its names lazily (no Qt for the face process)
def test_all_lists_every_imported_public_name(name: str) -> None:
    module = importlib.import_module(name)
    submodules = {n for n, v in vars(module).items() if type(v).__name__ == "module"}
    exported = {n for n in vars(module) if not n.startswith("_")} - submodules - {"annotations"}
    assert exported == set(module.__all__)
