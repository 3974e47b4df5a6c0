"""What is on each reader now: its family and, when a card lies on it, the card's kind — for ``doctor``.

:func:`survey_readers` asks PC/SC for every reader's state, names the reader with
:func:`~kyc_desk.cards.transport.readers.identify_reader`, and for a card on a card slot runs the desk's own
detection (:func:`~kyc_desk.cards.detect.detect_card`): SELECT by AID and, for the residence family, the
free card-type file — no VERIFY, so no PIN and no try is spent, and no personal data is read. The card is
opened exclusively for those few APDUs and released at once; a card another program holds is reported as
in use and left alone. Nothing is retried and nothing waits for a card.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kyc_desk.cards.detect import CardKind
from kyc_desk.cards.transport.readers import ReaderMatch, Slot, identify_reader


class CardState(enum.Enum):
    """What the survey found on one reader; the value is the JSON name."""

    ABSENT = "absent"  # no card: the reader is ready
    DETECTED = "detected"  # a card of a kind the desk reads (see ``kind``)
    UNKNOWN = "unknown"  # a card that answers none of the desk's applications
    IN_USE = "in_use"  # another program holds the card; not probed
    MUTE = "mute"  # a card that does not answer the reader
    ERROR = "error"  # the probe failed (the card was pulled, the reader failed…)
    NOT_PROBED = "not_probed"  # a SAM socket: never an identity card


@dataclass(frozen=True)
class ReaderSurvey:
    """One reader: its PC/SC name, the family if known, what lies on it."""

    name: str
    match: ReaderMatch | None
    state: CardState
    kind: CardKind | None = None
    #: Why the probe said what it said (English, no card data), or the error's class name.
    reason: str = ""


def survey_readers() -> list[ReaderSurvey]:
    """Every reader PC/SC lists, in its order (PcscUnavailable when the service is down)."""
    from kyc_desk.cards.transport.pcsc import reader_states

    return [_survey(state.name, state.card_present, state.in_use, state.mute) for state in reader_states()]


def _survey(name: str, present: bool, in_use: bool, mute: bool) -> ReaderSurvey:
    match = identify_reader(name)
    if match is not None and match.slot is Slot.SAM:
        return ReaderSurvey(name, match, CardState.NOT_PROBED)
    if mute:
        return ReaderSurvey(name, match, CardState.MUTE)
    if not present:
        return ReaderSurvey(name, match, CardState.ABSENT)
    if in_use:
        return ReaderSurvey(name, match, CardState.IN_USE)
    return probe_reader(name, match)


def probe_reader(name: str, match: ReaderMatch | None = None) -> ReaderSurvey:
    """Detect the kind of the card on ``name`` (see the module docstring); PcscUnavailable is raised, every
    other transport failure becomes a state."""
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.detect import detect_card
    from kyc_desk.cards.errors import CardAbsent, CardRemoved, PcscUnavailable, ReaderBusy, TransportError
    from kyc_desk.cards.transport.pcsc import PcscTransport

    try:
        with PcscTransport(name) as transport:
            detection = detect_card(Card(transport))
    except ReaderBusy:
        return ReaderSurvey(name, match, CardState.IN_USE)
    except (CardAbsent, CardRemoved):
        return ReaderSurvey(name, match, CardState.ABSENT)
    except PcscUnavailable:
        raise  # the service, not this reader: the caller reports it once
    except TransportError as exc:
        return ReaderSurvey(name, match, CardState.ERROR, reason=type(exc).__name__)
    if detection.kind is CardKind.UNKNOWN:
        return ReaderSurvey(name, match, CardState.UNKNOWN, CardKind.UNKNOWN, detection.reason)
    return ReaderSurvey(name, match, CardState.DETECTED, detection.kind, detection.reason)
