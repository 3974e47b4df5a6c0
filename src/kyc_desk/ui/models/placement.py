"""ウィンドウの位置と大きさ — where the desk window opens, remembered per screen, never off-screen.

Qt-free so that the rules can be tested without a display. The window (``ui/main_window.py``) turns the
screens Qt reports into :class:`Screen` values, asks :func:`place_window` where to open, and on closing
records its rectangle with :func:`remember`.

Why not Qt's ``saveGeometry``/``restoreGeometry`` blob: it remembers one rectangle for all screens, and a
laptop that was docked to a large monitor yesterday reopened the window partly beyond today's 1366×768
panel. Here each screen (by name and logical size, so a new scaling factor counts as a new screen) keeps
its own rectangle, and whatever is restored is validated against the screens that exist now: clamped to
the available area (the screen minus task bars), moved on-screen, and shrunk if it no longer fits.

Stored in ``settings.json`` under ``window_placement`` as plain JSON::

    {"last": "eDP-1 1366x768", "screens": {"eDP-1 1366x768": {"x": 0, "y": 0, "width": 1366,
     "height": 728, "maximized": false}}}

A malformed entry is ignored (it only costs the window its remembered place), never an error.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

log = logging.getLogger(__name__)

#: The size the window prefers where the screen allows it (logical pixels, the window's inside).
PREFERRED: Final = (1400, 900)
#: Room kept around the window's inside for the window manager's frame (sides and bottom) and title bar,
#: which Qt does not count in ``geometry()`` and does not know before the window is shown.
FRAME_SIDE: Final = 8
FRAME_TITLE: Final = 32


@dataclass(frozen=True)
class Rect:
    """A rectangle in logical pixels (Qt's device-independent coordinates)."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def intersection_area(self, other: Rect) -> int:
        width = min(self.right, other.right) - max(self.x, other.x)
        height = min(self.bottom, other.bottom) - max(self.y, other.y)
        return max(0, width) * max(0, height)


@dataclass(frozen=True)
class Screen:
    """A screen as the window system reports it: name, full and available geometry (logical pixels)."""

    name: str
    geometry: Rect
    available: Rect

    @property
    def key(self) -> str:
        """The name under which this screen's window rectangle is remembered."""
        return f"{self.name} {self.geometry.width}x{self.geometry.height}"


@dataclass(frozen=True)
class Placement:
    """Where the window is: its inside rectangle (without the frame), and whether it is maximised."""

    rect: Rect
    maximized: bool = False

    def to_json(self) -> dict[str, Any]:
        r = self.rect
        return {"x": r.x, "y": r.y, "width": r.width, "height": r.height, "maximized": self.maximized}

    @classmethod
    def from_json(cls, raw: object) -> Placement | None:
        """The placement in ``raw``, or None when it is not one (a damaged entry is ignored)."""
        if not isinstance(raw, Mapping):
            return None
        numbers = [raw.get(k) for k in ("x", "y", "width", "height")]
        ints = [n for n in numbers if isinstance(n, int) and not isinstance(n, bool)]
        if len(ints) != len(numbers):
            return None
        x, y, width, height = ints
        if width <= 0 or height <= 0:
            return None
        return cls(Rect(x, y, width, height), raw.get("maximized") is True)


def saved_placements(raw: Mapping[str, Any]) -> tuple[str, dict[str, Placement]]:
    """The last screen key and the valid per-screen placements stored in ``raw``."""
    last = raw.get("last")
    screens = raw.get("screens")
    placements: dict[str, Placement] = {}
    if isinstance(screens, Mapping):
        for key, value in screens.items():
            placement = Placement.from_json(value)
            if isinstance(key, str) and placement is not None:
                placements[key] = placement
            else:
                log.warning("ignoring a malformed window placement")
    return (last if isinstance(last, str) else ""), placements


def remember(raw: Mapping[str, Any], screen: Screen, placement: Placement) -> dict[str, Any]:
    """``raw`` with ``placement`` recorded for ``screen`` (other screens' placements are kept)."""
    _last, placements = saved_placements(raw)
    placements[screen.key] = placement
    return {"last": screen.key, "screens": {key: p.to_json() for key, p in sorted(placements.items())}}


def _room(screen: Screen, minimum: tuple[int, int]) -> tuple[int, int]:
    """The largest inside size whose frame fits the screen's available area (never below ``minimum``)."""
    area = screen.available
    return (
        max(area.width - 2 * FRAME_SIDE, minimum[0]),
        max(area.height - FRAME_TITLE - FRAME_SIDE, minimum[1]),
    )


def default_placement(screen: Screen, minimum: tuple[int, int] = (0, 0)) -> Placement:
    """The preferred size where it fits, else the screen's available area less the frame; centred."""
    area = screen.available
    room_w, room_h = _room(screen, minimum)
    width, height = min(PREFERRED[0], room_w), min(PREFERRED[1], room_h)
    x = area.x + FRAME_SIDE + max(0, (room_w - width) // 2)
    y = area.y + FRAME_TITLE + max(0, (room_h - height) // 2)
    return Placement(Rect(x, y, width, height))


def fit_on(screen: Screen, placement: Placement, minimum: tuple[int, int] = (0, 0)) -> Placement:
    """``placement`` shrunk to the screen's available area (frame included) and moved fully onto it."""
    area = screen.available
    room_w, room_h = _room(screen, minimum)
    r = placement.rect
    width, height = min(max(r.width, minimum[0]), room_w), min(max(r.height, minimum[1]), room_h)
    left, top = area.x + FRAME_SIDE, area.y + FRAME_TITLE
    x = min(max(r.x, left), max(left, area.right - FRAME_SIDE - width))
    y = min(max(r.y, top), max(top, area.bottom - FRAME_SIDE - height))
    return Placement(Rect(x, y, width, height), placement.maximized)


def place_window(
    screens: Sequence[Screen],
    primary: Screen,
    raw: Mapping[str, Any],
    minimum: tuple[int, int] = (0, 0),
) -> tuple[Screen, Placement]:
    """Where the window opens: on the screen it was last closed on if that screen is still there, else on
    another screen it remembers, else centred on the primary screen; always fitted onto that screen.

    ``minimum`` is the window's minimum size (it wins over a smaller screen: the window cannot be smaller).
    """
    last, placements = saved_placements(raw)
    by_key = {screen.key: screen for screen in screens}
    order = [last, *sorted(placements)] if last else sorted(placements)
    for key in order:
        if key in placements and key in by_key:
            screen = by_key[key]
            return screen, fit_on(screen, placements[key], minimum)
    return primary, default_placement(primary, minimum)


def screen_of(screens: Sequence[Screen], rect: Rect, fallback: Screen) -> Screen:
    """The screen showing the largest part of ``rect`` (``fallback`` when none shows any)."""
    best = max(screens, key=lambda s: s.geometry.intersection_area(rect), default=fallback)
    return best if best.geometry.intersection_area(rect) > 0 else fallback
