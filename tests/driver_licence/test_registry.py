"""The software cards asked for by name (demo, ``serve --card``) behave as their names say."""

from __future__ import annotations

import datetime as dt

import pytest

from kyc_desk.cards.apps.driver_licence import LastTryNotConfirmed, read_driver_licence
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
from kyc_desk.cards.apps.residence import read_residence_card
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card
from kyc_desk_testkit.softcard.registry import build_card, card_kinds
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)


def _prompt(request: SecretRequest) -> Secret:
    return Secret({"pin1": "1234", "pin2": "5678"}[request.name])


def test_kinds_are_registered() -> None:
    assert {
        "driver_licence",
        "driver_licence-no-pin",
        "driver_licence-last-try",
        "driver_licence-changed-address",
        "residence_card",
        "special_permanent_resident",
        "residence_card-altered",
        "residence_card-unknown-issuer",
        "residence_card-no-extended-length",
    } <= set(card_kinds())


def test_licence_variants() -> None:
    soft = build_card("driver_licence-no-pin", "jiro")
    assert read_driver_licence(Card(HandlerTransport(soft.process)), _prompt).holder.name == "鈴木\u3000次郎"
    with pytest.raises(LastTryNotConfirmed):
        read_driver_licence(Card(HandlerTransport(build_card("driver_licence-last-try").process)), _prompt)
    reading = read_driver_licence(Card(HandlerTransport(build_card("driver_licence-changed-address").process)), _prompt)
    assert "changed_address" in reading.extra and "〈外字1〉" in (reading.holder.name or "")


@pytest.mark.parametrize(
    ("kind", "verdict"),
    [
        ("residence_card", Verdict.VALID),
        ("special_permanent_resident", Verdict.VALID),
        ("residence_card-altered", Verdict.INVALID),
        ("residence_card-unknown-issuer", Verdict.UNTRUSTED),
        ("residence_card-renewed-issuer", Verdict.UNTRUSTED),  # same name, another key: not installed, not altered
    ],
)
def test_residence_variants(kind: str, verdict: Verdict) -> None:
    reading = read_residence_card(Card(HandlerTransport(build_card(kind, "alex").process)), "AB12345678CD")
    assert check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT).checks[0].verdict is verdict


def test_residence_card_behind_a_short_apdu_path() -> None:
    """Chunked SM reads: the card reads, and reads genuine."""
    soft = build_card("residence_card-no-extended-length", "alex")
    reading = read_residence_card(Card(HandlerTransport(soft.process, supports_extended=False)), "AB12345678CD")
    assert check_residence_card(reading, anchors=[residence_issuer_certificate()], at=AT).checks[0].verdict is (
        Verdict.VALID
    )
