"""Each card-stack package's __all__ is complete, sorted and importable (httpx-style)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize(
    "name", ["kyc_desk.cards", "kyc_desk.cards.transport", "kyc_desk.cards.tlv", "kyc_desk_testkit.softcard"]
)
def test_all_is_sorted_and_resolves(name):
    module = importlib.import_module(name)
    assert module.__all__ == sorted(module.__all__)
    for public in module.__all__:
        assert getattr(module, public) is not None


def test_importing_the_card_package_does_not_load_pyscard():
    import subprocess
    import sys

    code = "import sys, kyc_desk.cards, kyc_desk.cards.detect, kyc_desk.cli.readers; print('smartcard' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
