"""The face engine checks its model files against the recorded SHA-256 before it loads them: a damaged copy
is refused with a clear message (engine, face process, CLI, doctor), intact files are hashed once and then
remembered by their ``stat`` signature.

The engine is pointed at copies of the installed files in a temporary folder (``package_dir`` answers with
the copies); the installed files are never touched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk.faces import ModelDamaged, ModelUnavailable, compare_faces
from kyc_desk.faces import model_files as model_files_module
from kyc_desk.faces import models as models_module
from kyc_desk.faces.model_files import MODEL_FILES, check_model_files, verify_model_files
from kyc_desk_testkit.samples import sample_photo
from tests.faces.model_copies import DAMAGED, damage, use_model_copies


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_model_copies(tmp_path / "packages", monkeypatch)


def test_intact_copies_pass_and_are_hashed_only_once(
    copies: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache" / "model-hashes.json"
    verify_model_files(cache=cache)
    assert cache.is_file() and oct(cache.stat().st_mode & 0o777) == "0o600"

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path.name} hashed again although unchanged")

    monkeypatch.setattr(model_files_module, "file_sha256", no_hashing)
    verify_model_files(cache=cache)  # every file answered from the cache


def test_a_file_rewritten_in_place_is_hashed_again(copies: Path, tmp_path: Path) -> None:
    """Same size, modification time put back: the change time still differs, so the cache does not answer."""
    cache = tmp_path / "model-hashes.json"
    verify_model_files(cache=cache)
    path = copies / DAMAGED.package / DAMAGED.relative
    before = path.stat()
    damage(copies)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    with pytest.raises(ModelDamaged) as caught:
        verify_model_files(cache=cache)
    assert DAMAGED.label in caught.value.message
    # and a mismatch is never remembered: it is refused again
    with pytest.raises(ModelDamaged):
        verify_model_files(cache=cache)


def test_a_missing_file_is_reported_as_missing(copies: Path, tmp_path: Path) -> None:
    entry = MODEL_FILES[-1]
    (copies / entry.package / entry.relative).unlink()
    report = check_model_files()
    assert report.missing == (entry.label,) and report.changed == ()
    with pytest.raises(ModelUnavailable) as caught:
        verify_model_files(cache=tmp_path / "cache.json")
    assert not isinstance(caught.value, ModelDamaged)


@pytest.mark.slow
def test_the_engine_refuses_a_damaged_model(copies: Path) -> None:
    damage(copies)
    with pytest.raises(ModelDamaged) as caught:
        compare_faces(sample_photo("obama.jpg"), sample_photo("obama2.jpg"))
    assert caught.value.user_text("ja").startswith("顔認識モデルのファイルが記録と一致しません")
    assert DAMAGED.label in caught.value.user_text("en")
    assert models_module._models is None  # nothing was loaded


def test_the_face_process_stays_up_and_each_comparison_says_why(
    copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What runs in the window's face process: the warm-up logs the refusal instead of dying (a failing
    initializer would break the pool and the window would only say "the engine stopped"); the comparison
    raises the desk error, which reaches the window whole and is shown where the face result would be."""
    from kyc_desk.app.faces import _face_engine_compare, _face_engine_warm_up

    monkeypatch.setattr(os, "nice", lambda increment: 0)  # the warm-up lowers its process's priority
    damage(copies)
    _face_engine_warm_up()
    with pytest.raises(ModelDamaged):
        _face_engine_compare(sample_photo("obama.jpg").read_bytes(), sample_photo("obama2.jpg").read_bytes())


def test_cli_face_compare_refuses_in_one_line(copies: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damage(copies)
    pair = [str(sample_photo("obama.jpg")), str(sample_photo("obama2.jpg"))]
    assert main(["face", "compare", *pair]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err and captured.err.count("\n") == 1
    assert "顔認識モデルのファイルが記録と一致しません" in captured.err and "kyc-desk doctor" in captured.err
    assert main(["--lang", "en", "face", "compare", *pair]) == 1
    assert DAMAGED.label in capsys.readouterr().err


def test_doctor_names_the_damaged_copy(copies: Path) -> None:
    from kyc_desk import doctor

    assert doctor.check_face_models().status is doctor.Status.OK
    damage(copies, MODEL_FILES[3])
    finding = doctor.check_face_models()
    assert finding.status is doctor.Status.FAIL
    assert MODEL_FILES[3].label in finding.detail
    assert all(entry.label not in finding.detail for entry in MODEL_FILES if entry != MODEL_FILES[3])


def test_the_recorded_files_are_the_installed_ones() -> None:
    """The recorded set matches the packages as installed here (the pinned versions), mediapipe's graphs
    and models included."""
    assert check_model_files().ok
    assert {entry.package for entry in MODEL_FILES} == {"face_recognition_models", "mediapipe"}
    assert sum(entry.relative.endswith(".tflite") for entry in MODEL_FILES) == 3


def test_every_match_engines_files_are_checked_and_bundled() -> None:
    """One table: each registered engine's model files are in MODEL_FILES, which the start-up check covers
    and the frozen build collects; a new engine whose files were left out would load unchecked."""
    from kyc_desk.faces.engine import MATCH_ENGINES

    for engine in MATCH_ENGINES.values():
        assert set(engine.model_files) <= set(MODEL_FILES), engine.key
    assert len(set(MODEL_FILES)) == len(MODEL_FILES)
