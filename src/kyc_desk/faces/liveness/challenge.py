"""生体確認の指示 — the active challenge: what the person is asked to do, in which order.

A challenge is a short sequence of :class:`Action` s (blink, turn the head to one's left or right). The
order is random, so a clip recorded in advance is unlikely to do the right things in the right order; the
generator takes a seed so tests and audits can reproduce a challenge. Directions are the *person's* own:
"turn left" means turning towards their left shoulder (see :mod:`kyc_desk.faces.landmarks` for the sign).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from kyc_desk.faces.errors import InvalidChallenge
from kyc_desk.i18n import tr


class Action(StrEnum):
    """One thing the person is asked to do."""

    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"

    @property
    def instruction(self) -> str:
        """What to tell the person, in the interface language."""
        return tr(*_INSTRUCTIONS[self])


_INSTRUCTIONS: dict[Action, tuple[str, str]] = {
    Action.BLINK: ("まばたきをしてください。", "Please blink."),
    Action.TURN_LEFT: ("顔をゆっくり左に向け、正面に戻してください。",
                       "Slowly turn your head to your left, then back."),
    Action.TURN_RIGHT: ("顔をゆっくり右に向け、正面に戻してください。",
                        "Slowly turn your head to your right, then back."),
}


@dataclass(frozen=True)
class Challenge:
    """The actions to perform, in order. ``seed`` is kept for the record when the challenge was generated."""

    actions: tuple[Action, ...]
    seed: int | None = None

    def __post_init__(self) -> None:
        if not self.actions:
            raise InvalidChallenge("a challenge needs at least one action")
        if len(set(self.actions)) != len(self.actions):
            raise InvalidChallenge("a challenge must not repeat an action")

    def __str__(self) -> str:
        return ",".join(a.value for a in self.actions)


def make_challenge(seed: int | None = None, *, turns: int = 1) -> Challenge:
    """A random challenge: a blink and ``turns`` head turns (1 or 2) in random order.

    With ``seed=None`` a fresh seed is drawn from the operating system and recorded in the result.
    """
    if turns not in (1, 2):
        raise InvalidChallenge("a challenge has one or two turns")
    if seed is None:
        seed = random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    both = [Action.TURN_LEFT, Action.TURN_RIGHT]
    chosen = both if turns == 2 else [rng.choice(both)]
    actions = [Action.BLINK, *chosen]
    rng.shuffle(actions)
    return Challenge(tuple(actions), seed)


def parse_challenge(text: str) -> Challenge:
    """A challenge from its comma-separated form, e.g. ``"blink,turn_left"``."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    try:
        actions = tuple(Action(name) for name in names)
    except ValueError as exc:
        valid = ", ".join(a.value for a in Action)
        raise InvalidChallenge(f"unknown challenge action; use {valid}",
                               ja="生体確認の指示に不明な動作があります（まばたき・左右を向くのみ）。") from exc
    return Challenge(actions)
