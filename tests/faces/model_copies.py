"""Copies of the recorded face model files for tests that damage one: the engine is pointed at the copies
(``model_files.package_dir`` answers with them), the installed files are never written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kyc_desk.faces import model_files as model_files_module
from kyc_desk.faces import models as models_module
from kyc_desk.faces.model_files import MODEL_FILES, ModelFile

#: dlib's ResNet: the model every comparison needs.
DAMAGED = MODEL_FILES[0]


def use_model_copies(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy every recorded model file under ``root/<package>/`` and make the engine use the copies; the
    engine's loaded models are forgotten for the test (monkeypatch restores them)."""
    for entry in MODEL_FILES:
        source = model_files_module.package_dir(entry.package)
        assert source is not None, entry.package
        target = root / entry.package / entry.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / entry.relative, target)  # a new file: the installed one is never written
    monkeypatch.setattr(model_files_module, "package_dir", lambda name: root / name)
    monkeypatch.setattr(models_module, "_models", None)
    monkeypatch.setattr(models_module, "_files_verified", False)
    return root


def damage(root: Path, entry: ModelFile = DAMAGED) -> Path:
    """Flip one byte in the middle of the copy of ``entry`` (same size)."""
    path = root / entry.package / entry.relative
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return path
