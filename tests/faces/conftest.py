"""Fixtures of the face-engine tests: real photos, chip-like portraits, selfie-like copies, and liveness
clips — each made once per session, because face models and synthesis are slow.

Everything comes from the real photos of kyc_desk_testkit.samples (face_recognition 1.3.0's test images):
several photos of one person (obama*.jpg) and one of another (biden.jpg).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from kyc_desk_testkit.samples import sample_photo

SAME_PERSON = ("obama.jpg", "obama2.jpg", "obama3.jpg")
OTHER_PERSON = "biden.jpg"


def rgb_of(name: str) -> np.ndarray:
    from kyc_desk.faces import load_rgb

    return load_rgb(sample_photo(name))


@pytest.fixture(scope="session")
def photos() -> dict[str, np.ndarray]:
    """The sample photos as RGB arrays."""
    return {name: rgb_of(name) for name in (*SAME_PERSON, OTHER_PERSON)}


@pytest.fixture(scope="session")
def grey_cards() -> dict[str, bytes]:
    """Chip-like portraits: 96×128 greyscale JPEG 2000 of at most 2 kB (driver's licence, My Number card)."""
    from kyc_desk_testkit.softcard.portrait import card_portrait

    return {name: card_portrait(sample_photo(name)) for name in (*SAME_PERSON, OTHER_PERSON)}


@pytest.fixture(scope="session")
def colour_cards() -> dict[str, bytes]:
    """Residence-card-like portraits: colour JPEG 2000 of at most 3 kB."""
    from kyc_desk_testkit.softcard.portrait import card_portrait

    people = (*SAME_PERSON, OTHER_PERSON)
    return {name: card_portrait(sample_photo(name), colour=True, max_bytes=3000) for name in people}


@pytest.fixture(scope="session")
def selfie() -> Callable[[str, str], np.ndarray]:
    """A selfie-like copy of a sample photo (see kyc_desk_testkit.faces.testset.selfie_variant), cached."""
    from kyc_desk_testkit.faces.testset import selfie_variant

    cache: dict[tuple[str, str], np.ndarray] = {}

    def make(name: str, condition: str) -> np.ndarray:
        key = (name, condition)
        if key not in cache:
            cache[key] = selfie_variant(rgb_of(name), condition)
        return cache[key]

    return make


def encode(rgb: np.ndarray, fmt: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture(scope="session")
def liveness_clips() -> dict[str, list[np.ndarray]]:
    """Liveness clips, made once: bona fide and each attack species (see kyc_desk_testkit.faces.synth)."""
    from kyc_desk.faces import Action
    from kyc_desk_testkit.faces.synth import genuine_sequence, print_attack, screen_replay_attack, static_photo_attack

    blink_left = (Action.BLINK, Action.TURN_LEFT)
    genuine = genuine_sequence(sample_photo("obama.jpg"), blink_left, seed=1)
    return {
        "genuine_blink_left": genuine,
        "genuine_right_blink": genuine_sequence(sample_photo("biden.jpg"), (Action.TURN_RIGHT, Action.BLINK), seed=2),
        "static_photo": static_photo_attack(sample_photo("obama.jpg"), frames=24),
        "print": print_attack(sample_photo("obama2.jpg"), blink_left, seed=3),
        "screen_replay": screen_replay_attack(genuine, seed=4),
        # A denser screen slightly out of focus: its grid no longer aliases into moiré.
        "dense_screen_replay": screen_replay_attack(genuine, seed=5, fine=True),
    }


@pytest.fixture(scope="session")
def genuine_folder(tmp_path_factory: pytest.TempPathFactory, liveness_clips: dict[str, list[np.ndarray]]) -> Path:
    """The bona fide blink-then-turn-left clip as a folder of PNG files (for the CLI and frame sources)."""
    folder = tmp_path_factory.mktemp("genuine-frames")
    for i, frame in enumerate(liveness_clips["genuine_blink_left"]):
        (folder / f"frame{i:03d}.png").write_bytes(encode(frame))
    return folder
