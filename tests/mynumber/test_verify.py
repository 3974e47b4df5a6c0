"""Verification of My Number readings: every item its own verdict; altered → invalid; unknown → untrusted."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.verify import Verdict, verify_mynumber
from kyc_desk.verify.mynumber import CHECK_NAMES
from kyc_desk.verify.trust import TrustStore
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions
from tests.mynumber.conftest import AT, read_in_memory


def verdicts(report: object) -> dict[str, Verdict]:
    return {check.name: check.verdict for check in report}  # type: ignore[attr-defined]


def test_a_genuine_card_verifies_item_by_item(anchors: TrustStore) -> None:
    report = verify_mynumber(read_in_memory(), anchors=anchors, at=AT)
    assert [c.name for c in report] == list(CHECK_NAMES)
    got = verdicts(report)
    assert got.pop("jpki.revocation") is Verdict.NOT_VERIFIABLE  # J-LIS data is not available to the desk
    assert set(got.values()) <= {Verdict.VALID, Verdict.CONSISTENT}
    assert got["cross.name"] is Verdict.CONSISTENT and got["jpki.challenge"] is Verdict.VALID
    for check in report:  # no personal data in a check's stored form, nor in its text in either language
        stored = json.dumps(check.to_json(), ensure_ascii=False)
        for shown in (stored, check_text(check, "ja"), check_text(check, "en")):
            assert "山田" not in shown and "1961" not in shown


@pytest.mark.parametrize(
    ("tamper", "check"),
    [
        ("surface_face", "surface.signature"),
        ("text_attributes", "text.signature"),
        ("sign_cert", "jpki.sign_certificate"),
        ("surface_cvc", "surface.certificate"),
    ],
)
def test_data_altered_after_signing_is_invalid(anchors: TrustStore, tamper: str, check: str) -> None:
    report = verify_mynumber(
        read_in_memory(options=MyNumberCardOptions(tamper=frozenset({tamper}))), anchors=anchors, at=AT
    )  # type: ignore[arg-type]
    got = verdicts(report)
    assert got[check] is Verdict.INVALID
    untouched = {"surface_face": "text.signature", "text_attributes": "surface.signature"}.get(
        tamper, "jpki.auth_certificate"
    )
    assert got[untouched] is Verdict.VALID  # the other items keep their own verdicts


def test_unknown_issuers_are_untrusted_never_invalid(anchors: TrustStore) -> None:
    report = verify_mynumber(read_in_memory(options=MyNumberCardOptions(rogue_issuers=True)), anchors=anchors, at=AT)
    got = verdicts(report)
    for name in ("surface.certificate", "surface.signature", "text.certificate", "text.signature",
                 "jpki.auth_certificate", "jpki.sign_certificate", "jpki.challenge"):  # fmt: skip
        assert got[name] is Verdict.UNTRUSTED, name


def test_an_empty_trust_store_checks_nothing(tmp_path: object) -> None:
    report = verify_mynumber(read_in_memory(), anchors=TrustStore(), at=AT)
    assert Verdict.VALID not in verdicts(report).values()


def test_certificates_outside_their_validity_are_expired_not_altered(anchors: TrustStore) -> None:
    report = verify_mynumber(read_in_memory(), anchors=anchors, at=dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
    check = report.get("jpki.sign_certificate")
    assert check is not None and check.verdict is Verdict.EXPIRED and check.reason == "error.CertificateExpired"
    assert "期間" in check_text(check, "ja") and "validity" in check_text(check, "en")
    early = verify_mynumber(read_in_memory(), anchors=anchors, at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert verdicts(early)["jpki.auth_certificate"] is Verdict.EXPIRED
    assert not Verdict.EXPIRED.ok


def test_items_that_differ_between_sources_are_mismatches(anchors: TrustStore) -> None:
    from kyc_desk_testkit.softcard.persona import demo_personas

    taro = demo_personas()["taro"]
    options = MyNumberCardOptions(
        overrides={"text": taro.but(name="山田 太朗"), "sign_cert": taro.but(birth_date=dt.date(1961, 8, 5))}
    )
    report = verify_mynumber(read_in_memory(options=options), anchors=anchors, at=AT)
    got = verdicts(report)
    assert got["cross.name"] is Verdict.MISMATCH
    assert got["cross.birth_date"] is Verdict.MISMATCH
    assert report.get("cross.birth_date").params == {"groups": "card_face = text_ap ≠ sign_cert"}  # type: ignore[union-attr]
    shown = check_text(report.get("cross.birth_date"), "en")  # type: ignore[arg-type]
    assert shown == "differ: card face = text AP ≠ signature certificate"  # the sources by name
    assert got["surface.signature"] is Verdict.VALID and got["text.signature"] is Verdict.VALID  # all genuine


def test_a_read_without_secrets_reports_not_present(anchors: TrustStore) -> None:
    from kyc_desk.cards.apps.mynumber import read_mynumber
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk_testkit.softcard.mynumber import build_mynumber_card

    card = build_mynumber_card("jiro")
    reading = read_mynumber(Card(HandlerTransport(card.process)), lambda _request: None)
    got = verdicts(verify_mynumber(reading, anchors=anchors, at=AT))
    assert card.verify_attempts == 0
    assert got["surface.certificate"] is Verdict.VALID and got["jpki.auth_certificate"] is Verdict.VALID
    for name in ("surface.signature", "text.signature", "jpki.sign_certificate", "jpki.challenge", "cross.name"):
        assert got[name] is Verdict.NOT_PRESENT, name
    assert reading.card.expiry is not None  # from the 共通AP, no secret needed
