"""The office's operators in the settings file: kept in order with their roles, a malformed list refused
clearly (never silently replaced), and older files without the key read as an empty list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kyc_desk.errors import ConfigError
from kyc_desk.settings import Operator, Settings, load_settings, save_settings


def test_operators_round_trip_in_order(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    office = (Operator("司法書士 山田", "scrivener"), Operator("補助者 佐藤", "assistant"))
    save_settings(Settings(operator="山田", operators=office), path)
    assert load_settings(path).operators == office
    stored = json.loads(path.read_text(encoding="utf-8"))["operators"]
    assert stored == [{"name": "司法書士 山田", "role": "scrivener"}, {"name": "補助者 佐藤", "role": "assistant"}]


def test_a_file_from_before_the_list_has_no_operators(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ja", "operator": "山田"}), encoding="utf-8")
    assert load_settings(path).operators == ()


@pytest.mark.parametrize(
    "operators",
    [
        "山田",
        [{"name": ""}],
        [{"name": "山田", "role": "boss"}],
        ["山田"],
    ],
)
def test_a_malformed_list_is_refused(tmp_path: Path, operators: object) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"operators": operators}), encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(path)
