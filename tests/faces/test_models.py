"""Models: loaded lazily, only the 5-point landmark model, safe to call from several threads."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from kyc_desk.faces import compare_faces, warm_up
from kyc_desk.faces.models import LANDMARK_MODEL_FILE, models


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_importing_the_engine_loads_no_model_library() -> None:
    out = run_python(
        """
        import sys
        import kyc_desk.faces, kyc_desk.cli.face
        heavy = [m for m in ("cv2", "mediapipe", "dlib", "face_recognition", "face_recognition_models", "PIL")
                 if m in sys.modules]
        print(heavy)
        """
    )
    assert out.strip() == "[]"


@pytest.mark.slow
def test_only_the_five_point_landmark_model_is_ever_loaded() -> None:
    # dlib.shape_predictor is wrapped before the engine loads, so every landmark file opened is recorded;
    # face_recognition (whose api module loads the 68-point file at import) must never be imported.
    out = run_python(
        """
        import sys, dlib
        opened = []
        real = dlib.shape_predictor
        class Recording(real):
            def __init__(self, path):
                opened.append(path)
                super().__init__(path)
        dlib.shape_predictor = Recording
        from kyc_desk.faces import compare_faces
        from kyc_desk_testkit.samples import sample_photo
        from kyc_desk_testkit.softcard.portrait import card_portrait
        match = compare_faces(card_portrait(sample_photo("obama.jpg")), sample_photo("obama2.jpg"))
        print(match.result.value)
        print("|".join(opened))
        print("face_recognition" in sys.modules)
        """
    )
    result, opened, imported = out.strip().splitlines()[-3:]
    assert result == "match"
    assert [p.rsplit("/", 1)[-1] for p in opened.split("|")] == [LANDMARK_MODEL_FILE]
    assert "68" not in opened
    assert imported == "False"


@pytest.mark.slow
def test_loaded_models_name_the_five_point_file() -> None:
    warm_up()
    assert models().landmark_model_path.name == "shape_predictor_5_face_landmarks.dat"
    assert models() is models()  # loaded once


@pytest.mark.slow
def test_concurrent_comparisons_give_the_same_answers(
    grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]
) -> None:
    pairs = [(grey_cards["obama.jpg"], photos["obama2.jpg"]), (grey_cards["biden.jpg"], photos["obama3.jpg"])] * 2
    serial = [compare_faces(a, b).distance for a, b in pairs[:2]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(lambda ab: compare_faces(*ab).distance, pairs))
    assert parallel == pytest.approx(serial * 2, abs=1e-9)
