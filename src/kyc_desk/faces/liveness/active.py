"""能動的な確認 — did the person do what the challenge asked, in the asked order?

Events are found in the per-frame series of :mod:`~kyc_desk.faces.liveness.track`:

- a **blink** is a dip of the eye aspect ratio below :attr:`ActiveLimits.closed_ratio` of the open-eye
  level (a running median over about a second) lasting at most :attr:`ActiveLimits.max_blink_s`, with
  open eyes before and after. Real blinks dip far deeper (to a third of the open level or less); the
  limit is set at 0.75 because the mesh model sees the *synthetic* blinks of our test set only reach
  0.45–0.7 — a looser line than a real-data calibration would give, kept honest by the passive checks;
- a **turn** is the yaw moving at least :attr:`ActiveLimits.turn_degrees` away from the starting yaw (the
  median of the first frames) in the asked direction.

Frames without a face interrupt nothing; they are simply skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kyc_desk.faces.liveness.challenge import Action


@dataclass(frozen=True)
class ActiveLimits:
    """Thresholds of the challenge detectors."""

    closed_ratio: float = 0.75  # EAR below this share of the local open level counts as closed
    reopen_ratio: float = 0.9  # and above this share as open again
    open_window_s: float = 1.2  # the running median giving the open level spans this long
    max_blink_s: float = 0.8
    turn_degrees: float = 12.0
    baseline_frames: int = 5


@dataclass(frozen=True)
class Event:
    """One detected action: which, and the first and last frame index it spans."""

    action: Action
    start: int
    end: int


def find_events(
    indices: Sequence[int], ears: Sequence[float], yaws: Sequence[float], *, fps: float, limits: ActiveLimits
) -> list[Event]:
    """Every blink and turn in the clip, in time order."""
    events = _blinks(indices, ears, fps=fps, limits=limits) + _turns(indices, yaws, limits=limits)
    return sorted(events, key=lambda e: e.start)


def _blinks(indices: Sequence[int], ears: Sequence[float], *, fps: float, limits: ActiveLimits) -> list[Event]:
    if len(ears) < 3:
        return []
    values = np.asarray(ears, dtype=np.float64)
    half = max(2, round(limits.open_window_s * fps / 2))
    # The open-eye level around each frame: a running median, so slow changes (a head turn widens the
    # apparent eye) do not count as blinks, and a blink (a few frames) does not move the median.
    local = np.array([np.median(values[max(0, i - half) : i + half + 1]) for i in range(len(values))])
    closed = values < limits.closed_ratio * local
    reopened = values > limits.reopen_ratio * local
    events = []
    i = 0
    while i < len(values):
        if closed[i] and i > 0 and reopened[:i].any():
            j = i
            while j < len(values) and not reopened[j]:
                j += 1
            duration = (indices[min(j, len(values) - 1)] - indices[i]) / fps
            if j < len(values) and duration <= limits.max_blink_s:
                events.append(Event(Action.BLINK, indices[i], indices[j]))
            i = j + 1
        else:
            i += 1
    return events


def _turns(indices: Sequence[int], yaws: Sequence[float], *, limits: ActiveLimits) -> list[Event]:
    if len(yaws) < limits.baseline_frames + 1:
        return []
    values = np.asarray(yaws)
    baseline = float(np.median(values[: limits.baseline_frames]))
    offset = values - baseline
    events = []
    for action, sign in ((Action.TURN_LEFT, 1.0), (Action.TURN_RIGHT, -1.0)):
        beyond = sign * offset >= limits.turn_degrees
        i = 0
        while i < len(values):
            if beyond[i]:
                j = i
                while j + 1 < len(values) and beyond[j + 1]:
                    j += 1
                events.append(Event(action, indices[i], indices[j]))
                i = j + 1
            else:
                i += 1
    return events


def performed_in_order(events: Sequence[Event], actions: Sequence[Action]) -> tuple[bool, list[Event | None]]:
    """Whether ``actions`` occur in this order (other movements in between are allowed).

    Returns the verdict and, per asked action, the event matched to it (``None`` if not found after the
    previous one).
    """
    matched: list[Event | None] = []
    after = -1
    for action in actions:
        found = next((e for e in events if e.action is action and e.start > after), None)
        matched.append(found)
        if found is not None:
            after = found.end
    return all(m is not None for m in matched), matched
