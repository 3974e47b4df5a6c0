"""生体確認 — liveness: is a live person in front of the camera? (active challenge + passive checks)"""

from kyc_desk.faces.liveness.active import ActiveLimits, Event
from kyc_desk.faces.liveness.challenge import Action, Challenge, make_challenge, parse_challenge
from kyc_desk.faces.liveness.check import (
    DEFAULT_LIVENESS_LIMITS,
    LivenessCheck,
    LivenessLimits,
    LivenessResult,
    LivenessVerdict,
    check_liveness,
)

__all__ = [
    "DEFAULT_LIVENESS_LIMITS",
    "Action",
    "ActiveLimits",
    "Challenge",
    "Event",
    "LivenessCheck",
    "LivenessLimits",
    "LivenessResult",
    "LivenessVerdict",
    "check_liveness",
    "make_challenge",
    "parse_challenge",
]
