"""Image quality checks on real photos, chip-like portraits and degraded copies."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from kyc_desk.faces import ImageUnreadable, assess_quality
from kyc_desk.faces.quality import LIMITS

pytestmark = pytest.mark.slow


def codes(quality: object) -> set[str]:
    return {r.code for r in quality.reasons}  # type: ignore[attr-defined]


def test_good_selfie_has_no_reasons(photos: dict[str, np.ndarray]) -> None:
    quality = assess_quality(photos["obama.jpg"], role="probe")
    assert quality.usable and quality.reasons == ()
    assert quality.face_count == 1
    assert quality.face_width is not None and quality.face_width > 200
    assert quality.sharpness is not None and quality.sharpness > LIMITS["probe"].blurry
    assert quality.yaw is not None and abs(quality.yaw) < 10
    assert quality.eye_aspect_ratio is not None and quality.eye_aspect_ratio > LIMITS["probe"].eyes_closed
    assert not quality.greyscale


def test_chip_portrait_is_usable_as_a_reference_but_small_for_a_selfie(grey_cards: dict[str, bytes]) -> None:
    reference = assess_quality(grey_cards["obama2.jpg"], role="reference")
    assert reference.usable, [r.en for r in reference.reasons]
    assert reference.greyscale
    assert reference.width == 96 and reference.height == 128
    assert reference.face_width is not None and 30 < reference.face_width < 60
    as_selfie = assess_quality(grey_cards["obama2.jpg"], role="probe")
    assert "face_small" in codes(as_selfie)


def test_dark_and_very_dark(photos: dict[str, np.ndarray], selfie: Callable[[str, str], np.ndarray]) -> None:
    assert "dark" in codes(assess_quality(selfie("obama.jpg", "darker"), role="probe"))
    very_dark = (photos["obama.jpg"] * 0.2).astype(np.uint8)
    quality = assess_quality(very_dark, role="probe")
    assert "too_dark" in codes(quality) and not quality.usable


def test_overexposed(photos: dict[str, np.ndarray]) -> None:
    bright = np.clip(photos["obama2.jpg"].astype(np.int16) * 3, 0, 255).astype(np.uint8)
    assert "too_bright" in codes(assess_quality(bright, role="probe"))


def test_blur_is_measured(photos: dict[str, np.ndarray]) -> None:
    import cv2

    sharp = assess_quality(photos["obama2.jpg"], role="probe")
    soft = assess_quality(cv2.GaussianBlur(photos["obama2.jpg"], (0, 0), 4), role="probe")
    very = assess_quality(cv2.GaussianBlur(photos["obama2.jpg"], (0, 0), 12), role="probe")
    assert sharp.sharpness and soft.sharpness and very.sharpness is not None
    assert sharp.sharpness > soft.sharpness > very.sharpness
    assert "blurry" in codes(soft)
    assert codes(very) & {"too_blurry", "no_face"}


def test_pose_from_landmarks(photos: dict[str, np.ndarray]) -> None:
    # obama2.jpg shows the face turned a little to one side; obama.jpg is frontal.
    frontal = assess_quality(photos["obama.jpg"])
    turned = assess_quality(photos["obama2.jpg"])
    assert frontal.yaw is not None and turned.yaw is not None
    assert abs(turned.yaw) > abs(frontal.yaw) + 5


def test_face_cut_off_at_the_edge() -> None:
    from kyc_desk_testkit.samples import sample_photo

    assert "face_cut_off" in codes(assess_quality(sample_photo("obama_partial_face.jpg"), role="probe"))


def test_rotated_selfie_is_still_found(selfie: Callable[[str, str], np.ndarray]) -> None:
    quality = assess_quality(selfie("obama3.jpg", "rotated"), role="probe")
    assert quality.face_count == 1


def test_reasons_in_both_languages(photos: dict[str, np.ndarray]) -> None:
    from kyc_desk.i18n import set_language

    quality = assess_quality(np.zeros((200, 200, 3), np.uint8), role="reference")
    no_face = next(r for r in quality.reasons if r.code == "no_face")
    try:
        set_language("en")
        assert no_face.text == "No face found in the card photo"
        set_language("ja")
        assert no_face.text == "カードの顔写真に顔が見つかりません。"
    finally:
        set_language(None)


@pytest.mark.parametrize(
    "bad", [b"", b"GIF89a-not-really", np.zeros((4, 4, 3), np.uint8), np.zeros((10, 10, 2), np.uint8)]
)
def test_bad_input_raises_image_unreadable(bad: object) -> None:
    with pytest.raises(ImageUnreadable):
        assess_quality(bad)  # type: ignore[arg-type]
