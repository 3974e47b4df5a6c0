"""Face comparison: chip-like portraits against selfie-like photos of real faces."""

from __future__ import annotations

import json
from collections.abc import Callable

import numpy as np
import pytest

from kyc_desk.faces import FaceMatch, ImageUnreadable, MatchResult, compare_faces
from kyc_desk.faces.thresholds import DEFAULT_THRESHOLDS, Thresholds
from kyc_desk_testkit.samples import sample_photo

from .conftest import encode

pytestmark = pytest.mark.slow


def codes(match: FaceMatch) -> set[str]:
    return {r.code for r in match.reasons}


@pytest.mark.parametrize(
    ("reference", "probe", "condition"),
    [
        ("obama.jpg", "obama2.jpg", "as_is"),
        ("obama2.jpg", "obama3.jpg", "rotated"),
        ("obama3.jpg", "obama.jpg", "darker"),
        ("obama.jpg", "obama3.jpg", "blurred"),
        ("obama2.jpg", "obama.jpg", "webcam"),
    ],
)
def test_same_person_card_against_selfie_matches(
    grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray], reference: str, probe: str, condition: str
) -> None:
    match = compare_faces(grey_cards[reference], selfie(probe, condition))
    assert match.result is MatchResult.MATCH, match.distance
    assert match.distance is not None and match.distance <= DEFAULT_THRESHOLDS.match_at_most
    assert match.score == pytest.approx(1 - match.distance)
    assert "similar" in codes(match)
    assert match.conditioned  # the selfie was brought to the chip's condition
    assert "greyscale" in codes(match)


def test_colour_residence_card_matches_same_person(
    colour_cards: dict[str, bytes], photos: dict[str, np.ndarray]
) -> None:
    match = compare_faces(colour_cards["obama3.jpg"], photos["obama2.jpg"])
    assert match.result is MatchResult.MATCH
    assert not match.reference_quality.greyscale
    assert "greyscale" not in codes(match)


@pytest.mark.parametrize(("reference", "probe"), [("obama.jpg", "biden.jpg"), ("biden.jpg", "obama3.jpg")])
def test_different_people_do_not_match(
    grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray], reference: str, probe: str
) -> None:
    match = compare_faces(grey_cards[reference], selfie(probe, "webcam"))
    assert match.result is MatchResult.NO_MATCH
    assert match.distance is not None and match.distance >= DEFAULT_THRESHOLDS.no_match_at_least
    assert "dissimilar" in codes(match)


def test_no_face_is_inconclusive_with_reason(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    # The curtains and flag to the left of the face in a real photo: a real image without a face.
    background = np.ascontiguousarray(photos["obama.jpg"][0:300, 0:250])
    match = compare_faces(grey_cards["obama.jpg"], background)
    assert match.result is MatchResult.INCONCLUSIVE
    assert match.score is None and match.distance is None
    assert "no_face" in codes(match)
    assert match.probe_quality.face_count == 0
    assert not match.probe_quality.usable
    assert match.reference_quality.usable


def test_two_faces_in_the_selfie_is_inconclusive(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    import cv2

    left = cv2.resize(photos["obama.jpg"], (455, 568))
    right = cv2.resize(photos["biden.jpg"], (455, 1034))[:568]
    both = np.ascontiguousarray(np.hstack([left, right]))
    match = compare_faces(grey_cards["obama.jpg"], both)
    assert match.result is MatchResult.INCONCLUSIVE
    assert "multiple_faces" in codes(match)
    assert match.probe_quality.face_count == 2
    texts = [r.en for r in match.reasons if r.code == "multiple_faces"]
    assert texts == ["More than one face in the selfie"]


def test_far_too_small_face_is_inconclusive(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    import cv2

    tiny = np.ascontiguousarray(cv2.resize(photos["obama2.jpg"], (70, 134), interpolation=cv2.INTER_AREA))
    match = compare_faces(grey_cards["obama.jpg"], tiny)
    assert match.result is MatchResult.INCONCLUSIVE
    assert codes(match) & {"face_too_small", "no_face"}


def test_black_image_is_inconclusive_and_says_too_dark(grey_cards: dict[str, bytes]) -> None:
    black = np.zeros((480, 640, 3), np.uint8)
    match = compare_faces(grey_cards["obama.jpg"], black)
    assert match.result is MatchResult.INCONCLUSIVE
    assert {"no_face", "too_dark"} <= codes(match)
    too_dark = next(r for r in match.reasons if r.code == "too_dark")
    assert too_dark.ja == "本人の撮影画像が暗すぎます。"
    assert too_dark.en == "Selfie too dark"


def test_unusable_card_photo_is_named_as_the_card(photos: dict[str, np.ndarray]) -> None:
    black_card = np.zeros((128, 96), np.uint8)
    match = compare_faces(black_card, photos["obama.jpg"])
    assert match.result is MatchResult.INCONCLUSIVE
    no_face = next(r for r in match.reasons if r.code == "no_face")
    assert no_face.subject == "reference"
    assert no_face.en == "No face found in the card photo"


def test_score_in_the_band_is_inconclusive(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    reference = compare_faces(grey_cards["obama.jpg"], photos["obama2.jpg"])
    assert reference.distance is not None
    # Thresholds whose band is centred on this pair's distance: the engine must refuse to decide.
    centred = Thresholds(decision=reference.distance, margin=0.05)
    match = compare_faces(grey_cards["obama.jpg"], photos["obama2.jpg"], thresholds=centred)
    assert match.result is MatchResult.INCONCLUSIVE
    assert "near_threshold" in codes(match)
    assert match.distance == pytest.approx(reference.distance)


def test_inputs_as_paths_bytes_and_arrays_agree(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray],
                                                tmp_path: object) -> None:
    from pathlib import Path

    card_file = Path(str(tmp_path)) / "card.j2k"
    card_file.write_bytes(grey_cards["obama3.jpg"])
    by_path = compare_faces(card_file, sample_photo("obama.jpg"))
    by_bytes = compare_faces(grey_cards["obama3.jpg"], encode(photos["obama.jpg"], "PNG"))
    assert by_path.distance == pytest.approx(by_bytes.distance, abs=1e-6)


def test_conditioning_can_be_turned_off(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    plain = compare_faces(grey_cards["obama.jpg"], photos["obama2.jpg"], condition=False)
    assert not plain.conditioned
    assert plain.distance is not None


def test_corrupt_image_is_a_clear_error(grey_cards: dict[str, bytes]) -> None:
    with pytest.raises(ImageUnreadable) as caught:
        compare_faces(grey_cards["obama.jpg"], b"\xff\xd8\xff\xe0 this is not really a JPEG")
    assert caught.value.ja and caught.value.message
    with pytest.raises(ImageUnreadable):
        compare_faces(grey_cards["obama.jpg"], grey_cards["obama.jpg"][:100])  # a truncated codestream
    with pytest.raises(ImageUnreadable):
        compare_faces(np.zeros((128, 96), np.float32), grey_cards["obama.jpg"])


def test_missing_file_error_does_not_leak_the_file_name(grey_cards: dict[str, bytes]) -> None:
    with pytest.raises(ImageUnreadable) as caught:
        compare_faces(grey_cards["obama.jpg"], "/nonexistent/山田太郎_selfie.jpg")
    assert "山田" not in caught.value.message and "山田" not in caught.value.ja


def test_result_serialises_to_the_documented_json(grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]) -> None:
    document = json.loads(json.dumps(compare_faces(grey_cards["obama.jpg"], photos["biden.jpg"]).to_dict()))
    assert document["result"] == "no_match"
    assert {"result", "score", "threshold", "quality", "reasons"} <= document.keys()
    assert document["threshold"] == pytest.approx(1 - DEFAULT_THRESHOLDS.decision)
    assert set(document["quality"]) == {"reference", "probe"}
    assert document["quality"]["reference"]["face_width"] < 80  # the chip's small face was measured
    assert all({"code", "text", "ja", "en"} <= r.keys() for r in document["reasons"])


def test_prepared_reference_gives_the_same_answer(
    grey_cards: dict[str, bytes], photos: dict[str, np.ndarray]
) -> None:
    from kyc_desk.faces import prepare_reference

    prepared = prepare_reference(grey_cards["obama2.jpg"])
    assert prepared.quality.usable and prepared.embedding is not None
    assert "embedding" not in repr(prepared) and "0." not in repr(prepared)
    direct = compare_faces(grey_cards["obama2.jpg"], photos["obama3.jpg"])
    reused = [compare_faces(prepared, photos[name]) for name in ("obama3.jpg", "biden.jpg")]
    assert reused[0].distance == pytest.approx(direct.distance, abs=1e-9)
    assert [m.result for m in reused] == [MatchResult.MATCH, MatchResult.NO_MATCH]


def test_prepared_unusable_reference_is_inconclusive(photos: dict[str, np.ndarray]) -> None:
    from kyc_desk.faces import prepare_reference

    prepared = prepare_reference(np.zeros((128, 96), np.uint8))
    assert prepared.embedding is None
    match = compare_faces(prepared, photos["obama.jpg"])
    assert match.result is MatchResult.INCONCLUSIVE and "no_face" in codes(match)
