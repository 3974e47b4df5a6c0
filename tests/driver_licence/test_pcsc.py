"""The driver's licence through the real pcscd and the vpcd virtual reader (PcscTransport unchanged)."""

from __future__ import annotations

import pytest

from kyc_desk.cards.apps.driver_licence import LicencePinIncorrect, read_driver_licence
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretPrompt, SecretRequest
from kyc_desk.cards.errors import CardRemoved
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.persona import demo_personas
from tests.plugins.pcsc import VpcdSlot

pytestmark = pytest.mark.pcsc


def _prompt(pins: dict[str, str]) -> SecretPrompt:
    def prompt(request: SecretRequest) -> Secret | None:
        return Secret(pins[request.name]) if request.name in pins else None

    return prompt


def test_full_read_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    softcard, built = build_driver_licence(demo_personas()["taro"])
    vpcd_slot.insert(softcard)
    reading = read_driver_licence(vpcd_slot.open_card(), _prompt({"pin1": "1234", "pin2": "5678"}))
    assert reading.card.number == built.licence_number
    assert reading.holder.name == "山田\u3000太郎"
    assert reading.photo is not None and reading.photo.decode().mode == "L"
    assert softcard.verify_attempts == 2


def test_wrong_pin_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    softcard, _ = build_driver_licence(demo_personas()["jiro"])
    vpcd_slot.insert(softcard)
    with pytest.raises(LicencePinIncorrect) as caught:
        read_driver_licence(vpcd_slot.open_card(), _prompt({"pin1": "0000"}))
    assert caught.value.retries_left == 2
    assert softcard.verify_attempts == 1


def test_card_pulled_mid_read_returns_nothing(vpcd_slot: VpcdSlot) -> None:
    softcard, _ = build_driver_licence(demo_personas()["taro"], pins_set=False)
    vpcd_slot.insert(softcard)
    card = vpcd_slot.open_card()
    vpcd_slot.bridge.remove_after(12)  # gone while DF1 is being read
    with pytest.raises(CardRemoved):
        read_driver_licence(card, _prompt({}))
