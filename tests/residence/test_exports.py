"""The public names of the licence and residence packages: __all__ without duplicates and importable.

(Its order is ruff's isort-style order, RUF022, checked by ruff.)
"""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("name", ["kyc_desk.cards.apps.driver_licence", "kyc_desk.cards.apps.residence"])
def test_all_resolves(name: str) -> None:
    module = importlib.import_module(name)
    assert len(set(module.__all__)) == len(module.__all__)
    for public in module.__all__:
        assert getattr(module, public) is not None


def test_only_the_sm_module_imports_hazmat_in_the_card_apps() -> None:
    """The residence card's SM primitives are the card layer's one hazmat import (besides verify)."""
    from pathlib import Path

    import kyc_desk.cards.apps.driver_licence as licence
    import kyc_desk.cards.apps.residence as residence

    offenders = [
        path.name
        for package in (licence, residence)
        for path in Path(package.__path__[0]).glob("*.py")
        if "cryptography" in path.read_text(encoding="utf-8") and path.name != "_sm.py"
    ]
    assert offenders == []
