"""評価用データ（テスト・ベンチマーク専用） — the face-comparison test set. TEST AND BENCHMARK ONLY.

The set is small and says so: the real photos of kyc_desk_testkit.samples (three of one person, one of another),
turned into chip-like portraits with ``kyc_desk_testkit.softcard.portrait.card_portrait`` (greyscale
JPEG 2000 ≤ 2 kB as on the driver's licence and My Number card; colour ≤ 3 kB as on the residence card)
and into selfie-like copies by :func:`selfie_variant`. Pairs always use *different* photos for the card
and the selfie, so no pair compares a photo with itself. One identity pair cannot estimate error rates;
docs/faces.md says what it can and cannot show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

import numpy as np

from kyc_desk.faces.images import RGB

SAME_PERSON: Final = ("obama.jpg", "obama2.jpg", "obama3.jpg")
OTHER_PERSON: Final = "biden.jpg"
#: Selfie-like conditions; each is a plausible way a client's selfie or the desk webcam differs.
CONDITIONS: Final = ("as_is", "rotated", "darker", "blurred", "smaller", "webcam")


def selfie_variant(rgb: RGB, condition: str) -> RGB:
    """A selfie-like copy of a photo.

    ``as_is``: unchanged; ``rotated``: tilted 12°; ``darker``: exposure halved (gamma 1.3);
    ``blurred``: Gaussian blur of σ = 2.5 pixels (slight defocus); ``smaller``: scaled so the
    image is 360 pixels wide; ``webcam``: 640 pixels wide, sensor noise, JPEG quality 60.
    """
    import cv2

    height, width = rgb.shape[:2]
    if condition == "as_is":
        return rgb.copy()
    if condition == "rotated":
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 12, 1.0)
        return np.ascontiguousarray(cv2.warpAffine(rgb, matrix, (width, height), borderMode=cv2.BORDER_REFLECT))
    if condition == "darker":
        scaled = 255 * (rgb.astype(np.float64) / 255) ** 1.3 * 0.5
        return np.clip(scaled, 0, 255).astype(np.uint8)
    if condition == "blurred":
        return np.ascontiguousarray(cv2.GaussianBlur(rgb, (0, 0), 2.5))
    if condition in ("smaller", "webcam"):
        target = 360 if condition == "smaller" else 640
        scale = target / width
        small = cv2.resize(rgb, (target, max(1, round(height * scale))), interpolation=cv2.INTER_AREA)
        if condition == "smaller":
            return np.ascontiguousarray(small)
        rng = np.random.default_rng(7)
        noisy = np.clip(small.astype(np.float64) + rng.normal(0, 3, small.shape), 0, 255).astype(np.uint8)
        ok, encoded = cv2.imencode(".jpg", noisy[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, 60])
        assert ok
        return np.ascontiguousarray(cv2.imdecode(encoded, cv2.IMREAD_COLOR)[:, :, ::-1])
    raise ValueError(f"unknown selfie condition: {condition}")


@dataclass(frozen=True)
class Pair:
    """One comparison of the test set: a card portrait against a selfie-like copy of another photo."""

    card: str  # "grey" or "colour"
    reference: str  # sample photo the card portrait is made from
    probe: str  # sample photo the selfie is made from
    condition: str
    same_person: bool


def pairs() -> Iterator[Pair]:
    """Every pair of the set: each card kind × each reference photo × each other photo × each condition."""
    people = (*SAME_PERSON, OTHER_PERSON)
    for card in ("grey", "colour"):
        for reference in people:
            for probe in people:
                if probe == reference:
                    continue
                same = (reference in SAME_PERSON) == (probe in SAME_PERSON)
                for condition in CONDITIONS:
                    yield Pair(card, reference, probe, condition, same)


