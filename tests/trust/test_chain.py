"""The one chain check: issuer chosen by key, same-named issuers with other keys are "not installed"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509

from kyc_desk.app.texts import check_text
from kyc_desk.cards.apps.residence.reader import read_residence_card
from kyc_desk.cards.card import Card
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify import ChainInvalid, SignatureInvalid, TrustStore, UnknownIssuer, load_trust_store
from kyc_desk.verify.chain import verify_chain
from kyc_desk.verify.mynumber import verify_mynumber
from kyc_desk.verify.report import Verdict
from kyc_desk.verify.residence import check_residence_card
from kyc_desk_testkit.softcard import residence as soft_residence
from kyc_desk_testkit.softcard.persona import demo_personas
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from kyc_desk_testkit.softcard.residence import build_residence_card, residence_issuer_certificate
from kyc_desk_testkit.softcard.rsa import RsaKey
from kyc_desk_testkit.softcard.test_keys import softcard_key
from tests.mynumber.conftest import read_in_memory

AT = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
JPKI_AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
SHIPPED_FINGERPRINTS = {
    "19645405A1FE14377434BD55957628AC4038557C542403A2243F21C706FC9355",
    "79679C33E4CC9319440F1AD120A597FF1844E2EF217063ADB176966FD5E6FBEB",
    "D227F6CDE11D35C5252178F106F843D24651944975413B539FA2FB68DBFA365F",
}


def residence_check(issuer: str, anchors: list[bytes]) -> tuple[Verdict, str]:
    softcard, contents = build_residence_card(demo_personas()["alex"], issuer=issuer)  # type: ignore[arg-type]
    reading = read_residence_card(Card(HandlerTransport(softcard.process)), contents.card_number)
    check = check_residence_card(reading, anchors=anchors, at=AT).checks[0]
    return check.verdict, check_text(check)


def renewed_issuer_certificate() -> bytes:
    """The residence test issuer's name with another key: the "new generation" of the issuer."""
    key = softcard_key("rogue_ca")
    name = soft_residence.ISSUER_NAME
    return soft_residence._certificate(name, key, name, key, serial=9, ca=True)


def test_a_same_named_residence_issuer_with_another_key_is_untrusted_not_invalid() -> None:
    verdict, detail = residence_check("renewed", [residence_issuer_certificate()])
    assert verdict is Verdict.UNTRUSTED, detail
    assert "key" in detail or "鍵" in detail


def test_the_new_generation_installed_beside_the_old_verifies_both() -> None:
    anchors = [residence_issuer_certificate(), renewed_issuer_certificate()]
    assert residence_check("renewed", anchors)[0] is Verdict.VALID
    assert residence_check("test", anchors)[0] is Verdict.VALID
    assert residence_check("test", [renewed_issuer_certificate()])[0] is Verdict.UNTRUSTED


def test_residence_issuer_outside_its_validity_is_expired() -> None:
    softcard, contents = build_residence_card(demo_personas()["alex"])
    reading = read_residence_card(Card(HandlerTransport(softcard.process)), contents.card_number)
    early = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)  # before the test issuer's certificate begins
    check = check_residence_card(reading, anchors=[residence_issuer_certificate()], at=early).checks[0]
    assert check.verdict is Verdict.EXPIRED


def _without_cert_sign(der: bytes, key: RsaKey) -> bytes:
    """The CA certificate re-signed with keyUsage crlSign only (it may not sign certificates)."""
    cert = asn1_x509.Certificate.load(der)
    tbs = cert["tbs_certificate"].copy()
    extensions = [e for e in tbs["extensions"] if e["extn_id"].native != "key_usage"]
    extensions.append({"extn_id": "key_usage", "critical": True, "extn_value": {"crl_sign"}})
    tbs["extensions"] = extensions
    signature = key.sign_sha256(tbs.dump(force=True))
    return bytes(
        asn1_x509.Certificate(
            {"tbs_certificate": tbs, "signature_algorithm": {"algorithm": "sha256_rsa"}, "signature_value": signature}
        ).dump()
    )


def test_a_ca_without_key_cert_sign_does_not_vouch_for_jpki_or_residence() -> None:
    reading = read_in_memory("taro")
    issuers = softcard_issuers()
    store = TrustStore.from_certificates([_without_cert_sign(issuers.sign_ca_cert, issuers.sign_ca_key)])
    with pytest.raises(ChainInvalid, match="keyCertSign"):
        verify_chain(reading.signed_files["jpki.sign_cert"], store, at=JPKI_AT)
    residence_anchor = _without_cert_sign(residence_issuer_certificate(), soft_residence.test_key("residence_ca"))
    verdict, detail = residence_check("test", [residence_anchor])
    assert verdict is Verdict.UNTRUSTED and "keyCertSign" in detail


def test_a_certificate_naming_an_installed_key_id_but_not_signed_by_it_is_invalid() -> None:
    reading = read_in_memory("taro")
    der = bytearray(reading.signed_files["jpki.sign_cert"])
    der[-3] ^= 0x01  # the signature, at the end of the certificate
    with pytest.raises(SignatureInvalid):
        verify_chain(bytes(der), TrustStore.from_certificates([softcard_issuers().sign_ca_cert]), at=JPKI_AT)


def test_the_shipped_jpki_roots_are_loaded_with_their_published_fingerprints(tmp_path: Path) -> None:
    store = load_trust_store(tmp_path)
    shipped = [ca for ca in store.certificates if ca.source == "shipped"]
    assert {ca.fingerprint for ca in shipped} == SHIPPED_FINGERPRINTS
    assert len({ca.name_key for ca in shipped}) == 1  # three generations, one name


def test_shipped_roots_beside_a_same_named_test_ca_still_verify_its_card(tmp_path: Path) -> None:
    write_trust_anchors(tmp_path, softcard_issuers())
    store = load_trust_store(tmp_path)
    test_ca = next(ca for ca in store.certificates if ca.der == softcard_issuers().sign_ca_cert)
    shipped = [ca for ca in store.certificates if ca.source == "shipped"]
    assert all(ca.name_key == test_ca.name_key for ca in shipped)  # the same name, spelled differently in DER
    report = verify_mynumber(read_in_memory("taro"), anchors=store, at=JPKI_AT)
    assert report.get("jpki.sign_certificate").verdict is Verdict.VALID  # type: ignore[union-attr]


def test_a_jpki_card_of_an_uninstalled_generation_is_untrusted_even_beside_the_shipped_roots(tmp_path: Path) -> None:
    from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions

    write_trust_anchors(tmp_path, softcard_issuers())
    rogue = read_in_memory("taro", MyNumberCardOptions(rogue_issuers=True))
    with pytest.raises(UnknownIssuer, match="key id"):
        verify_chain(rogue.signed_files["jpki.sign_cert"], load_trust_store(tmp_path), at=JPKI_AT)
