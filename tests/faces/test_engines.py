"""Match engines: chosen by name (setting, ``--engine``), each judged by its own thresholds in its own metric,
and the engine carried with every result and stored embedding.

Only one embedding model ships (dlib's ResNet; docs/faces.md, "Match engines", says why no second one
does). To run the engine plumbing on real photos with a *second* engine, these tests register ``ANGLE``:
the same dlib embeddings compared by angle (``1 − cosine``), with thresholds calibrated on the sample set
(same person 0.053–0.088, different people 0.117–0.177 over the 144 comparisons of the face benchmark).
Its thresholds are far below dlib's, so a result judged by the wrong engine's thresholds shows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from kyc_desk.errors import ConfigError
from kyc_desk.faces import MatchResult, compare_faces, prepare_reference
from kyc_desk.faces import engine as engines
from kyc_desk.faces.engine import DEFAULT_ENGINE, DLIB_RESNET, MATCH_ENGINE, MatchEngine, match_engine
from kyc_desk.faces.thresholds import DEFAULT_THRESHOLDS, DuplicateThresholds, Thresholds
from kyc_desk.settings import Settings, save_settings

ANGLE = MatchEngine(
    name="tests/dlib-resnet-v1-angle", key="dlib-angle", dims=128, metric="cosine",
    thresholds=Thresholds(decision=0.10, margin=0.012),
    duplicates=DuplicateThresholds(same_face_at_most=0.08, different_face_at_least=0.112),
    embedder="kyc_desk.faces.embed:dlib_embedding", model_files=DLIB_RESNET.model_files,
    libraries=DLIB_RESNET.libraries, description="dlib embeddings by angle (tests only)",
)


@pytest.fixture
def angle(monkeypatch: pytest.MonkeyPatch) -> MatchEngine:
    monkeypatch.setitem(engines._ENGINES, ANGLE.name, ANGLE)
    return ANGLE


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    yield tmp_path


def test_the_default_engine_is_dlib_with_the_documented_thresholds() -> None:
    assert DEFAULT_ENGINE is DLIB_RESNET and DLIB_RESNET.name == MATCH_ENGINE
    assert DLIB_RESNET.thresholds == DEFAULT_THRESHOLDS == Thresholds(0.60, 0.05)
    assert DLIB_RESNET.duplicates == DuplicateThresholds(0.50, 0.65)
    assert match_engine(None) is match_engine("") is match_engine("dlib-resnet-v1") is match_engine(MATCH_ENGINE)
    assert {f.name for f in DLIB_RESNET.model_files} == {
        "dlib_face_recognition_resnet_model_v1.dat", "shape_predictor_5_face_landmarks.dat"}


def test_an_unknown_engine_fails_loudly(home: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        match_engine("sface")
    assert "dlib-resnet-v1" in str(raised.value) and "sface" in raised.value.ja
    save_settings(Settings(face_engine="sface"))
    with pytest.raises(ConfigError):
        engines.selected_engine()


def test_the_setting_chooses_the_engine(home: Path, angle: MatchEngine) -> None:
    assert engines.selected_engine() is DEFAULT_ENGINE  # no settings file
    save_settings(Settings(face_engine=angle.key))
    assert engines.selected_engine() is angle


@pytest.mark.parametrize("engine", [DLIB_RESNET, ANGLE], ids=lambda e: e.key)
def test_each_engine_matches_the_same_person_and_not_another(
    engine: MatchEngine, angle: MatchEngine, grey_cards: dict[str, bytes],
    selfie: Callable[[str, str], np.ndarray],
) -> None:
    same = compare_faces(grey_cards["obama.jpg"], selfie("obama2.jpg", "as_is"), engine=engine.key)
    other = compare_faces(grey_cards["obama.jpg"], selfie("biden.jpg", "as_is"), engine=engine.key)
    assert same.result is MatchResult.MATCH and other.result is MatchResult.NO_MATCH
    for match in (same, other):
        assert match.engine == engine.name and match.thresholds == engine.thresholds
        assert match.to_dict()["engine"] == engine.name
    assert same.reference_embedding is not None and same.probe_embedding is not None
    a, b = same.reference_embedding, same.probe_embedding
    cosine = a @ b / np.linalg.norm(a) / np.linalg.norm(b)
    expected = np.linalg.norm(a - b) if engine.metric == "euclidean" else 1 - cosine
    assert same.distance == pytest.approx(float(expected), abs=1e-9)


def test_a_result_is_judged_by_its_own_engines_thresholds(
    angle: MatchEngine, grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray]
) -> None:
    """Another person by angle lies well inside dlib's match limit: only the angle engine's own thresholds
    call it no match, and an explicit ``thresholds`` still wins (a desk re-measuring on its own data)."""
    other = compare_faces(grey_cards["obama.jpg"], selfie("biden.jpg", "as_is"), engine=angle)
    assert other.distance is not None and other.distance < DLIB_RESNET.thresholds.match_at_most
    assert other.result is MatchResult.NO_MATCH
    loose = compare_faces(grey_cards["obama.jpg"], selfie("biden.jpg", "as_is"), engine=angle,
                          thresholds=DLIB_RESNET.thresholds)
    assert loose.result is MatchResult.MATCH and loose.engine == angle.name


def test_a_prepared_reference_keeps_its_engine(
    angle: MatchEngine, grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray]
) -> None:
    prepared = prepare_reference(grey_cards["obama.jpg"], engine=angle.key)
    assert prepared.engine == angle.name
    match = compare_faces(prepared, selfie("obama3.jpg", "as_is"))
    assert match.engine == angle.name and match.result is MatchResult.MATCH
    with pytest.raises(ValueError):  # its embedding is not on the other engine's scale
        compare_faces(prepared, selfie("obama3.jpg", "as_is"), engine=DLIB_RESNET)


def test_an_engine_answering_the_wrong_size_is_refused(
    monkeypatch: pytest.MonkeyPatch, grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray]
) -> None:
    wrong = MatchEngine(**{**vars(ANGLE), "name": "tests/wrong-size", "key": "wrong", "dims": 512})
    monkeypatch.setitem(engines._ENGINES, wrong.name, wrong)
    with pytest.raises(ValueError, match="malformed embedding"):
        compare_faces(grey_cards["obama.jpg"], selfie("obama2.jpg", "as_is"), engine=wrong)


def test_the_window_stores_the_engine_it_compared_with(home: Path, angle: MatchEngine,
                                                      grey_cards: dict[str, bytes]) -> None:
    """The face process (app.faces) compares with the engine the settings choose and stores its name with
    the figures and both embeddings; a result keeps the threshold it was judged against."""
    from kyc_desk.app.faces import _face_engine_compare
    from kyc_desk.records.model import FaceVerdict
    from kyc_desk_testkit.samples import sample_photo

    live = sample_photo("obama2.jpg").read_bytes()
    save_settings(Settings(face_engine=angle.key))
    result = _face_engine_compare(grey_cards["obama.jpg"], live)
    assert result.engine == angle.name and result.threshold == angle.thresholds.decision
    assert result.verdict is FaceVerdict.PASS
    assert {e.engine for e in result.embeddings} == {angle.name} and len(result.embeddings) == 2
    assert result.engine_version is not None and "dlib" in result.engine_version
    chosen = _face_engine_compare(grey_cards["obama.jpg"], live, engine="dlib-resnet-v1")
    assert chosen.engine == MATCH_ENGINE and chosen.threshold == DLIB_RESNET.thresholds.decision


def test_cli_compare_takes_an_engine(home: Path, angle: MatchEngine, grey_cards: dict[str, bytes],
                                     tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kyc_desk.cli.main import main
    from kyc_desk_testkit.samples import sample_photo

    card = tmp_path / "card.j2k"
    card.write_bytes(grey_cards["obama.jpg"])
    probe = str(sample_photo("biden.jpg"))
    assert main(["face", "compare", str(card), probe, "--engine", angle.key, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["engine"] == angle.name and document["result"] == "no_match"
    assert document["band"]["match_at_most"] == angle.thresholds.match_at_most
    assert main(["--lang", "en", "face", "compare", str(card), probe, "--engine", "sface"]) == 1
    assert "Unknown face match engine 'sface'" in capsys.readouterr().err
    assert main(["--lang", "en", "face", "search", probe, "--engine", "sface", "--stdin"]) == 1  # before any store
    assert "Unknown face match engine 'sface'" in capsys.readouterr().err


def test_doctor_reports_the_selected_engine_and_its_model_hashes(home: Path, angle: MatchEngine,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from kyc_desk.doctor import Status, check_face_engine

    found = check_face_engine()
    assert found.status is Status.OK and "dlib-resnet-v1" in found.detail
    assert all(f.sha256[:12] in found.detail for f in DLIB_RESNET.model_files)
    save_settings(Settings(face_engine="sface"))
    assert check_face_engine().status is Status.FAIL
    save_settings(Settings(face_engine=angle.key))
    assert check_face_engine().status is Status.OK and angle.key in check_face_engine().detail
    files = (angle.model_files[0], angle.model_files[1]._replace(sha256="0" * 64))
    monkeypatch.setitem(engines._ENGINES, angle.name, MatchEngine(**{**vars(angle), "model_files": files}))
    failed = check_face_engine()
    assert failed.status is Status.FAIL and "shape_predictor_5_face_landmarks.dat" in failed.detail
