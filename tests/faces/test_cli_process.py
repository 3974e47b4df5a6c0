"""``kyc-desk face compare --process``: the comparison in the window's face process (``spawn``), the path a
frozen build's smoke test uses to prove its face process starts (installers/test_smoke.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk_testkit.samples import sample_photo

pytestmark = pytest.mark.slow


def test_same_person_passes_and_another_fails(capsys: pytest.CaptureFixture[str]) -> None:
    same = [str(sample_photo("obama.jpg")), str(sample_photo("obama2.jpg"))]
    assert main(["face", "compare", "--process", "--json", *same]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["verdict"] == "pass" and result["distance"] < result["threshold"]
    assert main(["face", "compare", "--json", *same]) == 0  # in this process: the same "result" key and word
    assert result["result"] == json.loads(capsys.readouterr().out)["result"] == "match"
    assert "similar@comparison" in result["reasons"]
    other = [str(sample_photo("obama.jpg")), str(sample_photo("biden.jpg"))]
    assert main(["--lang", "en", "face", "compare", "--process", *other]) == 0
    assert capsys.readouterr().out.startswith("result: no match")


@pytest.mark.parametrize("content", [None, b"not an image at all"], ids=["missing", "junk"])
def test_bad_image_is_one_line_and_status_1(
    content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file is refused before the process starts; an undecodable one in the face process, whose
    desk error arrives whole: either way one line, no traceback."""
    selfie = tmp_path / "selfie.jpg"
    if content is not None:
        selfie.write_bytes(content)
    assert main(["face", "compare", "--process", str(sample_photo("obama.jpg")), str(selfie)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
