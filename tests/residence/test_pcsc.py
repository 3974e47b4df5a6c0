"""The residence card through the real pcscd and the vpcd virtual reader (PcscTransport unchanged)."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.residence import CardNumberWrong, read_residence_card
from kyc_desk.cards.errors import CardRemoved
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate
from tests.plugins.pcsc import VpcdSlot

pytestmark = pytest.mark.pcsc
AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


def test_full_read_and_check_code(vpcd_slot: VpcdSlot) -> None:
    softcard, built = build_residence_card(demo_personas()["alex"], address_entry=(dt.date(2025, 4, 1), "141003"))
    vpcd_slot.insert(softcard)
    reading = read_residence_card(vpcd_slot.open_card(), "AB12345678CD")
    assert reading.card_type == "residence_card"
    assert reading.card.number == built.card_number
    assert reading.extra["municipality_code"] == "141003"
    assert reading.signed_files["residence.df1.ef02"][4:] == built.photo_value
    assert reading.photo is not None and reading.photo.decode().size == (120, 160)
    report = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT)
    assert report.checks[0].verdict is Verdict.VALID
    assert softcard.verify_attempts == 1


def test_special_permanent_resident_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    softcard, _ = build_residence_card(demo_personas()["jiro"], card_type="special_permanent_resident")
    vpcd_slot.insert(softcard)
    reading = read_residence_card(vpcd_slot.open_card(), "AB12345678CD")
    assert reading.card_type == "special_permanent_resident"
    assert "renewal_application" not in reading.extra


def test_wrong_card_number_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    softcard, _ = build_residence_card(demo_personas()["alex"])
    vpcd_slot.insert(softcard)
    with pytest.raises(CardNumberWrong):
        read_residence_card(vpcd_slot.open_card(), "ZZ12345678CD")


def test_card_pulled_mid_read_returns_nothing(vpcd_slot: VpcdSlot) -> None:
    softcard, _ = build_residence_card(demo_personas()["alex"])
    vpcd_slot.insert(softcard)
    card = vpcd_slot.open_card()
    vpcd_slot.bridge.remove_after(7)  # gone while DF1's images are being read
    with pytest.raises(CardRemoved) as caught:
        read_residence_card(card, "AB12345678CD")
    assert "AB12345678CD" not in caught.value.message


def test_second_generation_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    """Card type 05 over the real stack: AES SM, every file, and the ECDSA signature against the test CA2."""
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate

    softcard, built = build_residence2_card(demo_personas()["alex"])
    vpcd_slot.insert(softcard)
    reading = read_residence_card(vpcd_slot.open_card(), "AB12345678CD")
    assert reading.card_type == "residence_card" and reading.extra["generation"] == "2"
    assert reading.card.number == built.card_number
    assert set(reading.images) == {"name", "address"}
    report = check_residence_card(reading, anchors=[residence2_issuer_certificate()], at=AT)
    assert report.checks[0].verdict is Verdict.VALID


def test_second_generation_tampered_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate

    softcard, _ = build_residence2_card(demo_personas()["jiro"], card_type="special_permanent_resident", tamper="face")
    vpcd_slot.insert(softcard)
    reading = read_residence_card(vpcd_slot.open_card(), "AB12345678CD")
    assert reading.card_type == "special_permanent_resident"
    report = check_residence_card(reading, anchors=[residence2_issuer_certificate()], at=AT)
    assert report.checks[0].verdict is Verdict.INVALID


def test_second_generation_wrong_card_number_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card

    softcard, _ = build_residence2_card(demo_personas()["alex"])
    vpcd_slot.insert(softcard)
    with pytest.raises(CardNumberWrong):
        read_residence_card(vpcd_slot.open_card(), "ZZ12345678CD")


def test_chunked_sm_reads_through_pcscd(vpcd_slot: VpcdSlot) -> None:
    """A reader path without extended APDUs: both generations read in short SM chunks and verify."""
    from kyc_desk_testkit.softcard.residence2 import build_residence2_card, residence2_issuer_certificate

    softcard, _ = build_residence2_card(demo_personas()["alex"], extended_length=False)
    vpcd_slot.insert(softcard)
    reading = read_residence_card(vpcd_slot.open_card(), "AB12345678CD")
    report = check_residence_card(reading, anchors=[residence2_issuer_certificate()], at=AT)
    assert report.checks[0].verdict is Verdict.VALID
