"""``kyc-desk face compare`` and ``kyc-desk face liveness`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk_testkit.samples import sample_photo

pytestmark = pytest.mark.slow


@pytest.fixture
def card_file(tmp_path: Path, grey_cards: dict[str, bytes]) -> Path:
    path = tmp_path / "card.j2k"
    path.write_bytes(grey_cards["obama.jpg"])
    return path


def test_compare_json(card_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["face", "compare", str(card_file), str(sample_photo("obama3.jpg")), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["result"] == "match"
    assert 0 < document["score"] <= 1 and document["threshold"] == pytest.approx(0.4)
    assert document["quality"]["reference"]["greyscale"] is True
    assert document["reasons"][0]["code"] == "similar"


def test_compare_text_in_english(card_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "face", "compare", str(card_file), str(sample_photo("biden.jpg"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("result: no match")


def test_compare_unreadable_image_is_one_line_and_status_1(
    card_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "selfie.jpg"
    junk.write_bytes(b"not an image at all")
    assert main(["face", "compare", str(card_file), str(junk), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_liveness_json(genuine_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["face", "liveness", str(genuine_folder), "--challenge", "blink,turn_left", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["result"] == "live"
    assert {c["name"]: c["passed"] for c in document["checks"]}["challenge"] is True


def test_liveness_wrong_challenge_is_not_live(genuine_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "face", "liveness", str(genuine_folder), "--challenge", "turn_right"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("result: not live")


def test_liveness_unknown_action_is_an_error(genuine_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["face", "liveness", str(genuine_folder), "--challenge", "nod"]) == 1
    assert "blink" in capsys.readouterr().err
