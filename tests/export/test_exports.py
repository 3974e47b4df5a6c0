"""The export layer's public names: ``__all__`` complete, sorted, and every name importable."""

from __future__ import annotations

import kyc_desk.export


def test_all_is_sorted_and_resolves() -> None:
    names = kyc_desk.export.__all__
    assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
    for name in names:
        assert hasattr(kyc_desk.export, name), name


def test_all_lists_every_imported_public_name() -> None:
    module = kyc_desk.export
    submodules = {n for n, v in vars(module).items() if type(v).__name__ == "module"}
    exported = {n for n in vars(module) if not n.startswith("_")} - submodules - {"annotations"}
    assert exported == set(module.__all__)
