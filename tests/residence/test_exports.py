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

