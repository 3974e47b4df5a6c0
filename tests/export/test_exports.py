"""The export layer's public names: ``__all__`` complete and sorted, every name resolving (on first use)."""

from __future__ import annotations

import subprocess
import sys

import kyc_desk.export


def test_all_is_sorted_and_resolves() -> None:
    names = kyc_desk.export.__all__
    assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
    assert set(names) == set(kyc_desk.export._WHERE)
    for name in names:
        assert getattr(kyc_desk.export, name) is not None, name


def test_importing_the_package_loads_no_records_layer() -> None:
    """The window imports the export package when it starts; SQLAlchemy comes only with an export."""
    code = "import sys, kyc_desk.export, kyc_desk.export.errors; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
