"""The face engine's public names: ``__all__`` complete, sorted, and every name importable."""

from __future__ import annotations

import kyc_desk.faces
import kyc_desk.faces.liveness


def test_all_is_sorted_and_resolves() -> None:
    for module in (kyc_desk.faces, kyc_desk.faces.liveness):
        names = module.__all__
        # isort-style, as ruff keeps it: CONSTANTS, then Classes, then functions
        assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
        for name in names:
            assert hasattr(module, name), name


def test_all_lists_every_imported_public_name() -> None:
    # kyc_desk.faces loads its names on first use: its table of where each lives is the list
    assert set(kyc_desk.faces._WHERE) == set(kyc_desk.faces.__all__)
    module = kyc_desk.faces.liveness
    submodules = {n for n, v in vars(module).items() if type(v).__name__ == "module"}
    exported = {n for n in vars(module) if not n.startswith("_")} - submodules - {"annotations"}
    assert exported == set(module.__all__)


def test_importing_the_engine_table_loads_no_face_module() -> None:
    """``doctor`` reads the engines' model files: that must not import the comparison, numpy or a model."""
    import subprocess
    import sys

    code = ("import sys, kyc_desk.faces.engine; "
            "print(sorted(m for m in sys.modules if m.startswith('kyc_desk.faces.') or m in ('numpy', 'dlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == (  # the table, its thresholds and model files, and the errors they raise: nothing heavy
        "['kyc_desk.faces.engine', 'kyc_desk.faces.errors', 'kyc_desk.faces.model_files', 'kyc_desk.faces.thresholds']"
    )
