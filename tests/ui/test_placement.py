"""Where the window opens: remembered per screen, validated against the screens that exist, never off-screen.

The rules are Qt-free (:mod:`kyc_desk.ui.models.placement`); the last tests start the real ``kyc-desk``
on an offscreen screen of a given panel size and ``QT_SCALE_FACTOR`` (100/125/150/200 %) and read back
where it put its window from ``settings.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kyc_desk.settings import Settings, load_settings, save_settings
from kyc_desk.ui.models.placement import (
    FRAME_SIDE,
    FRAME_TITLE,
    PREFERRED,
    Placement,
    Rect,
    Screen,
    place_window,
    remember,
    saved_placements,
    screen_of,
)

LAPTOP = Screen("eDP-1", Rect(0, 0, 1366, 768), Rect(0, 0, 1366, 728))  # task bar at the bottom
MONITOR = Screen("HDMI-1", Rect(1366, 0, 1920, 1080), Rect(1366, 0, 1920, 1080))
SCALED = Screen("eDP-1", Rect(0, 0, 1280, 720), Rect(0, 0, 1280, 680))  # the same panel at 150 %


def frame_inside(screen: Screen, rect: Rect) -> bool:
    """The window including its frame and title bar lies within the screen's available area."""
    area = screen.available
    return (area.x <= rect.x - FRAME_SIDE and rect.right + FRAME_SIDE <= area.right
            and area.y <= rect.y - FRAME_TITLE and rect.bottom + FRAME_SIDE <= area.bottom)  # fmt: skip


def test_first_start_fits_the_laptop_panel_and_is_centred_on_a_large_one() -> None:
    screen, placement = place_window([LAPTOP], LAPTOP, {})
    assert screen is LAPTOP and frame_inside(LAPTOP, placement.rect)
    assert placement.rect.width == 1366 - 2 * FRAME_SIDE and placement.rect.height == 728 - FRAME_TITLE - FRAME_SIDE
    _screen, big = place_window([MONITOR], MONITOR, {})
    assert (big.rect.width, big.rect.height) == PREFERRED and frame_inside(MONITOR, big.rect)
    assert abs((big.rect.x - MONITOR.available.x) - (MONITOR.available.right - big.rect.right)) <= 1


def test_each_screen_keeps_its_own_place() -> None:
    raw = remember({}, LAPTOP, Placement(Rect(20, 60, 1200, 600)))
    raw = remember(raw, MONITOR, Placement(Rect(1500, 100, 1600, 900), maximized=True))
    assert json.loads(json.dumps(raw)) == raw  # plain JSON for settings.json
    # docked: the monitor was the last one
    assert place_window([LAPTOP, MONITOR], LAPTOP, raw) == (MONITOR, Placement(Rect(1500, 100, 1600, 900), True))
    # undocked: the monitor is gone, the laptop's own place comes back
    assert place_window([LAPTOP], LAPTOP, raw) == (LAPTOP, Placement(Rect(20, 60, 1200, 600)))


def test_a_place_that_is_off_screen_or_too_large_is_brought_back() -> None:
    for rect in (Rect(5000, 3000, 900, 600), Rect(-2000, -500, 900, 600), Rect(100, 100, 3000, 2000)):
        raw = remember({}, LAPTOP, Placement(rect))
        _screen, placement = place_window([LAPTOP], LAPTOP, raw)
        assert frame_inside(LAPTOP, placement.rect), rect
        assert placement.rect.width == min(rect.width, 1366 - 2 * FRAME_SIDE)


def test_a_new_scaling_is_a_new_screen_and_the_window_fits_it() -> None:
    raw = remember({}, LAPTOP, Placement(Rect(8, 32, 1350, 688)))
    screen, placement = place_window([SCALED], SCALED, raw)
    assert screen is SCALED and frame_inside(SCALED, placement.rect)


def test_the_minimum_size_wins_over_a_tiny_screen() -> None:
    tiny = Screen("x", Rect(0, 0, 800, 600), Rect(0, 0, 800, 600))
    _screen, placement = place_window([tiny], tiny, {}, minimum=(900, 640))
    assert (placement.rect.width, placement.rect.height) == (900, 640)


@pytest.mark.parametrize(
    "raw",
    [
        {"last": 5, "screens": []},
        {"screens": {"eDP-1 1366x768": {"x": "0", "y": 0, "width": 10, "height": 10}}},
        {"screens": {"eDP-1 1366x768": {"x": 0, "y": 0, "width": 0, "height": 10}}},
        {"screens": {"eDP-1 1366x768": {"x": True, "y": 0, "width": 10, "height": 10}}},
        {"screens": {"eDP-1 1366x768": None}},
    ],
)
def test_a_damaged_placement_only_costs_the_remembered_place(raw: dict[str, object]) -> None:
    assert saved_placements(raw)[1] == {}
    _screen, placement = place_window([LAPTOP], LAPTOP, raw)
    assert frame_inside(LAPTOP, placement.rect)


def test_the_screen_showing_most_of_the_window_is_the_one_remembered() -> None:
    assert screen_of([LAPTOP, MONITOR], Rect(1200, 0, 800, 600), LAPTOP) is MONITOR
    assert screen_of([LAPTOP, MONITOR], Rect(9000, 0, 800, 600), LAPTOP) is LAPTOP


def test_settings_keep_the_placement_and_drop_the_old_geometry_blob(desk_home: Path) -> None:
    path = desk_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"window_geometry": "01d9d0cb", "window_placement": [1]}), encoding="utf-8")
    assert load_settings().window_placement == {}  # a damaged placement is not a damaged settings file
    placement = remember({}, LAPTOP, Placement(Rect(8, 32, 1000, 600)))
    save_settings(load_settings().but(window_placement=placement))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert "window_geometry" not in saved and saved["window_placement"] == placement
    assert load_settings().window_placement == placement


def test_the_window_reopens_on_screen_after_being_closed_off_it(qtbot: QtBot, desk_home: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from kyc_desk.ui.main_window import DeskWindow, screen_model

    saved: list[Settings] = []
    screen = screen_model(QGuiApplication.primaryScreen())
    far = remember({}, screen, Placement(Rect(screen.geometry.right + 3000, 4000, 700, 500)))
    window = DeskWindow([], Settings(window_placement=far), save=saved.append)
    qtbot.addWidget(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(window.geometry()) and window.width() == 700
    window.move(area.x() + 40, area.y() + 50)
    window.close()
    entry = saved[-1].window_placement["screens"][screen.key]
    assert (entry["x"], entry["y"], entry["width"]) == (area.x() + 40, area.y() + 50, 700)


SCALINGS = [((1366, 768), "1"), ((1920, 1080), "1.25"), ((1920, 1080), "1.5"), ((2560, 1440), "2")]


@pytest.mark.slow
@pytest.mark.parametrize(("panel", "factor"), SCALINGS)
def test_the_desk_opens_inside_the_screen_at_each_scaling(tmp_path: Path, panel: tuple[int, int], factor: str) -> None:
    """The real ``kyc-desk`` on a panel at 100/125/150/200 %: the window it opens fits the logical screen."""
    config = tmp_path / "screens.json"
    width, height = panel
    config.write_text(json.dumps({"screens": [{"name": "panel", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "KYC_DESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": factor, "KYC_DESK_STARTUP_MARKER": str(tmp_path / "started"),
           "KYC_DESK_EXIT_AFTER_START": "1"}  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "kyc_desk.cli.main"], env=env, capture_output=True, text=True,
                            timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    saved = json.loads((tmp_path / "home" / "config" / "settings.json").read_text(encoding="utf-8"))
    logical = Screen("panel", Rect(0, 0, round(width / float(factor)), round(height / float(factor))),
                     Rect(0, 0, round(width / float(factor)), round(height / float(factor))))  # fmt: skip
    placement = saved["window_placement"]["screens"][logical.key]
    rect = Placement.from_json(placement)
    assert rect is not None and frame_inside(logical, rect.rect), (logical, placement)
