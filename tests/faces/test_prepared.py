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

    def counting(image: bytes) -> object:
        analysed.append(image)
        return prepare_reference(image)

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
