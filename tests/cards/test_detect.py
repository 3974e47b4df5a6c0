"""Card detection through the real pcscd + vpcd, with minimal software cards of each kind."""

from __future__ import annotations

import pytest

from kyc_desk.cards.detect import CardKind, detect_card
from kyc_desk_testkit.softcard.registry import build_card

pytestmark = pytest.mark.pcsc


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("minimal-mynumber", CardKind.MYNUMBER),
        ("minimal-licence", CardKind.DRIVER_LICENCE),
        ("minimal-residence", CardKind.RESIDENCE_CARD),
        ("minimal-special-permanent", CardKind.SPECIAL_PERMANENT_RESIDENT),
        ("minimal-unknown", CardKind.UNKNOWN),
        ("minimal-accepts-any", CardKind.UNKNOWN),
    ],
)
def test_detects_each_kind_without_any_verify(vpcd_slot, kind, expected):
    soft = vpcd_slot.insert(build_card(kind))
    detection = detect_card(vpcd_slot.open_card())
    assert detection.kind is expected, detection.reason
    assert soft.verify_attempts == 0
    assert soft.verify_queries == 0
    assert all(ins != 0x20 for _, ins, _, _ in soft.commands)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("mynumber", CardKind.MYNUMBER),
        ("driver_licence", CardKind.DRIVER_LICENCE),
        ("residence_card", CardKind.RESIDENCE_CARD),
        ("special_permanent_resident", CardKind.SPECIAL_PERMANENT_RESIDENT),
    ],
)
def test_detects_the_full_software_cards_without_any_verify(vpcd_slot, kind, expected):
    soft = vpcd_slot.insert(build_card(kind))
    assert detect_card(vpcd_slot.open_card()).kind is expected
    assert soft.verify_attempts == 0 and soft.verify_queries == 0
