"""settings.json: defaults, round trip, unknown keys kept, damage reported rather than overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc_desk.errors import ConfigError
from kyc_desk.settings import Settings, load_settings, save_settings, settings_path


def test_missing_file_gives_defaults(desk_home: Path) -> None:
    assert load_settings() == Settings()
    assert load_settings().language == "ja"
    assert settings_path() == desk_home / "config" / "settings.json"


def test_round_trip_keeps_unknown_keys(desk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"language": "ja", "future_option": [1, 2]}), encoding="utf-8")
    settings = load_settings().but(language="en", operator="司法書士 甲")
    save_settings(settings)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    assert saved["operator"] == "司法書士 甲"
    assert saved["future_option"] == [1, 2]
    assert load_settings() == settings


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", json.dumps({"language": "fr"}), json.dumps({"operator": 5})],
)
def test_damaged_file_is_an_error_and_left_alone(desk_home: Path, content: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.ja and caught.value.message
    assert path.read_text(encoding="utf-8") == content
