"""The chip photo analysed once per card gives exactly the comparison of analysing it every time."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from kyc_desk.app import faces as app_faces
from kyc_desk.faces import compare_faces, prepare_reference

from .conftest import encode

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("reference", "probe", "condition"),
    [("obama.jpg", "obama2.jpg", "as_is"), ("obama3.jpg", "obama.jpg", "webcam"), ("biden.jpg", "obama3.jpg", "as_is")],
)
def test_a_prepared_chip_photo_gives_identical_figures(
    grey_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray], reference: str, probe: str, condition: str
) -> None:
    live = selfie(probe, condition)
    every_time = compare_faces(grey_cards[reference], live)
    prepared = compare_faces(prepare_reference(grey_cards[reference]), live)
    assert prepared.distance == every_time.distance  # bit for bit, not approximately
    assert prepared.result is every_time.result
    assert prepared.reasons == every_time.reasons
    assert np.array_equal(prepared.reference_embedding, every_time.reference_embedding)  # type: ignore[arg-type]
    assert np.array_equal(prepared.probe_embedding, every_time.probe_embedding)  # type: ignore[arg-type]


def test_the_face_process_analyses_a_chip_photo_once_per_card(
    grey_cards: dict[str, bytes], photos: dict[str, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kyc_desk.faces
    import kyc_desk.faces.compare

    chip, other_chip = grey_cards["obama.jpg"], grey_cards["biden.jpg"]
    live, retaken = encode(photos["obama2.jpg"]), encode(photos["obama3.jpg"])
    expected = {(c, p): compare_faces(c, p).distance for c in (chip, other_chip) for p in (live, retaken)}
    analysed: list[bytes] = []

    def counting(image: bytes, **engine: object) -> object:
        analysed.append(image)
        return prepare_reference(image, **engine)  # type: ignore[arg-type]

    for module in (kyc_desk.faces, kyc_desk.faces.compare):  # every way a chip photo could be analysed
        monkeypatch.setattr(module, "prepare_reference", counting)
    monkeypatch.setattr(app_faces, "_prepared", None)

    app_faces._face_engine_prepare(chip)  # the card was read: analysed while the live photo is taken
    first = app_faces._face_engine_compare(chip, live)
    again = app_faces._face_engine_compare(chip, retaken)  # a retaken photo: the chip is not analysed again
    assert analysed == [chip]
    assert (first.value, again.value) == (expected[(chip, live)], expected[(chip, retaken)])

    other = app_faces._face_engine_compare(other_chip, live)  # another card replaces the analysis
    assert analysed == [chip, other_chip]
    assert other.value == expected[(other_chip, live)]

    app_faces._face_engine_prepare(b"not an image")  # an unreadable chip photo is left to the comparison
    assert len(analysed) == 3


#: Distances measured on 2026-12-06 with dlib-bin 20.0.1.post1 before the comparison pipeline was changed
#: (card kind, card photo, selfie photo, selfie condition, conditioned → distance). dlib compiled against
#: OpenBLAS (scripts/setup --fast-dlib) gives the same to within 4.1e-7 on all 288 sample-set comparisons
#: (summation order), so one tolerance holds for both builds; a change to the pipeline that moved a distance
#: by more than rounding fails here.
RECORDED_DISTANCES = (
    ("grey", "obama.jpg", "obama2.jpg", "as_is", True, 0.5362842533320125),
    ("grey", "obama3.jpg", "obama.jpg", "webcam", True, 0.5408450491008991),
    ("colour", "obama2.jpg", "obama3.jpg", "smaller", True, 0.48920100584345827),
    ("grey", "biden.jpg", "obama3.jpg", "rotated", True, 0.7692684799085399),
    ("colour", "obama.jpg", "biden.jpg", "darker", True, 0.808345686454925),
    ("grey", "obama2.jpg", "obama.jpg", "blurred", False, 0.5148359913257576),
)


@pytest.mark.parametrize(("card", "reference", "probe", "condition", "conditioned", "distance"), RECORDED_DISTANCES)
def test_sample_distances_are_those_recorded_with_either_dlib_build(
    grey_cards: dict[str, bytes], colour_cards: dict[str, bytes], selfie: Callable[[str, str], np.ndarray],
    card: str, reference: str, probe: str, condition: str, conditioned: bool, distance: float,
) -> None:
    cards = grey_cards if card == "grey" else colour_cards
    match = compare_faces(cards[reference], selfie(probe, condition), condition=conditioned)
    assert match.distance == pytest.approx(distance, abs=1e-6)
