"""``jpki.revocation`` from CRL files in the trust folder and from a real OCSP responder on loopback."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kyc_desk.app.texts import check_text
from kyc_desk.cards.reading import CardReading
from kyc_desk.verify import TrustStoreInvalid, load_trust_store
from kyc_desk.verify.mynumber import verify_mynumber
from kyc_desk.verify.report import Check, Verdict
from kyc_desk.verify.revocation import RevocationChecker
from kyc_desk.verify.revocation_ocsp import OcspSource, desk_revocation
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from tests.mynumber.conftest import read_in_memory
from tests.trust.pki import (
    SIGN_CERT_SERIAL,
    OcspResponder,
    Reason,
    free_port,
    make_crl,
    other_key,
    pem_crl,
    serve_ocsp,
    write_crl,
)

AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
BEFORE = AT - dt.timedelta(days=5)
AFTER = AT + dt.timedelta(days=5)


@pytest.fixture(scope="module")
def reading() -> CardReading:
    return read_in_memory("taro")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "trust"
    write_trust_anchors(target, softcard_issuers())
    return target


def revocation(reading: CardReading, folder: Path, checker: RevocationChecker | None = None) -> Check:
    report = verify_mynumber(reading, anchors=load_trust_store(folder), at=AT, revocation=checker)
    check = report.get("jpki.revocation")
    assert check is not None
    assert report.get("jpki.sign_certificate").verdict is Verdict.VALID  # type: ignore[union-attr]
    return check


def test_no_crl_and_no_responder_is_not_verifiable_with_the_reason(reading: CardReading, folder: Path) -> None:
    check = revocation(reading, folder)
    assert check.verdict is Verdict.NOT_VERIFIABLE
    assert "no revocation list" in check_text(check) or "失効リスト" in check_text(check)


def test_a_crl_listing_the_certificate_says_revoked_with_reason_and_date(reading: CardReading, folder: Path) -> None:
    revoked_on = dt.datetime(2025, 1, 12, 3, 0, tzinfo=dt.UTC)
    crl = make_crl(
        revoked=((SIGN_CERT_SERIAL, Reason.affiliation_changed, revoked_on),), this_update=BEFORE, next_update=AFTER
    )
    write_crl(folder, "jpki-sign.crl", crl)
    check = revocation(reading, folder)
    assert check.verdict is Verdict.REVOKED
    params = check.params
    assert params["crl_reason"] == "affiliation_changed" and str(params["revoked_at"]).startswith("2025-01-12")
    assert "2025-01-12" in check_text(check)
    # a change of the four items is explained as a move or a new name, not as fraud
    assert "転居" in check_text(check) or "moved" in check_text(check)
    assert check.to_json()["params"]["crl_reason"] == "affiliation_changed" and check.to_json()["status"] == "revoked"


@pytest.mark.parametrize(("reason", "words"), [(Reason.key_compromise, ("do not accept", "受け付けない")),
                                                (Reason.superseded, ("renewed", "更新"))])  # fmt: skip
def test_other_reasons_are_explained(
    reading: CardReading, folder: Path, reason: Reason, words: tuple[str, str]
) -> None:
    crl = make_crl(revoked=((SIGN_CERT_SERIAL, reason, BEFORE),), this_update=BEFORE, next_update=AFTER)
    write_crl(folder, "jpki-sign.crl", pem_crl(crl))  # PEM works as well as DER
    check = revocation(reading, folder)
    assert check.verdict is Verdict.REVOKED
    assert any(word in check_text(check) for word in words)


def test_an_empty_crl_from_the_issuer_says_valid(reading: CardReading, folder: Path) -> None:
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    check = revocation(reading, folder)
    assert check.verdict is Verdict.VALID and "jpki-sign.crl" in check_text(check)


def test_a_crl_listing_other_serials_says_valid(reading: CardReading, folder: Path) -> None:
    crl = make_crl(revoked=((SIGN_CERT_SERIAL + 1, None, BEFORE),), this_update=BEFORE, next_update=AFTER)
    write_crl(folder, "jpki-sign.crl", crl)
    assert revocation(reading, folder).verdict is Verdict.VALID


@pytest.mark.parametrize("with_key_id", [True, False])
def test_a_crl_signed_by_another_key_is_invalid_and_never_trusted(
    reading: CardReading, folder: Path, with_key_id: bool
) -> None:
    # it lists nothing: believing it would say "valid"
    forged = make_crl(this_update=BEFORE, next_update=AFTER, signer=other_key(), with_key_id=with_key_id)
    write_crl(folder, "forged.crl", forged)
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    check = revocation(reading, folder)
    assert check.verdict is Verdict.INVALID and "forged.crl" in check_text(check)


def test_a_stale_crl_is_not_verifiable_with_the_date_it_was_current(reading: CardReading, folder: Path) -> None:
    stale_until = AT - dt.timedelta(days=2)
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=AT - dt.timedelta(days=9), next_update=stale_until))
    check = revocation(reading, folder)
    assert check.verdict is Verdict.NOT_VERIFIABLE
    assert stale_until.date().isoformat() in check_text(check)


def test_a_stale_crl_still_reports_a_revocation(reading: CardReading, folder: Path) -> None:
    crl = make_crl(
        revoked=((SIGN_CERT_SERIAL, Reason.cessation_of_operation, BEFORE - dt.timedelta(days=5)),),
        this_update=AT - dt.timedelta(days=20), next_update=AT - dt.timedelta(days=10),
    )  # fmt: skip
    write_crl(folder, "jpki-sign.crl", crl)
    assert revocation(reading, folder).verdict is Verdict.REVOKED


def test_an_untrusted_certificate_gets_no_revocation_answer(folder: Path) -> None:
    from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions

    rogue = read_in_memory("taro", MyNumberCardOptions(rogue_issuers=True))
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    report = verify_mynumber(rogue, anchors=load_trust_store(folder), at=AT)
    assert report.get("jpki.revocation").verdict is Verdict.NOT_VERIFIABLE  # type: ignore[union-attr]


def test_a_broken_crl_file_is_named(folder: Path) -> None:
    (folder / "broken.crl").write_bytes(b"\x30\x03\x02\x01")
    with pytest.raises(TrustStoreInvalid, match=r"broken\.crl"):
        load_trust_store(folder)


def test_a_crl_from_an_issuer_not_installed_is_not_used(reading: CardReading, tmp_path: Path, folder: Path) -> None:
    # only the CRL, without any CA of that key: the desk cannot check the CRL, so it is not an answer
    shutil.rmtree(folder)
    folder.mkdir()
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    report = verify_mynumber(reading, anchors=load_trust_store(folder), at=AT)
    assert report.get("jpki.sign_certificate").verdict is Verdict.UNTRUSTED  # type: ignore[union-attr]
    assert report.get("jpki.revocation").verdict is Verdict.NOT_VERIFIABLE  # type: ignore[union-attr]


# --- OCSP --------------------------------------------------------------------------------------------------


def ocsp_check(reading: CardReading, folder: Path, url: str) -> Check:
    return revocation(reading, folder, desk_revocation(load_trust_store(folder), ocsp_url=url))


def test_ocsp_good_revoked_and_unknown(reading: CardReading, folder: Path) -> None:
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)})
    with serve_ocsp(responder) as url:
        good = ocsp_check(reading, folder, url)
        responder.statuses[SIGN_CERT_SERIAL] = ("revoked", Reason.affiliation_changed, BEFORE)
        revoked = ocsp_check(reading, folder, url)
        responder.statuses.clear()
        unknown = ocsp_check(reading, folder, url)
    assert good.verdict is Verdict.VALID and "OCSP" in check_text(good)
    assert revoked.verdict is Verdict.REVOKED and revoked.params["crl_reason"] == "affiliation_changed"
    assert str(revoked.params["revoked_at"]).startswith(BEFORE.date().isoformat())
    assert unknown.verdict is Verdict.NOT_VERIFIABLE
    assert len(responder.requests) == 3  # one request per check, never retried


def test_ocsp_by_a_delegated_responder_certificate(reading: CardReading, folder: Path) -> None:
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)}, signer="delegated")
    with serve_ocsp(responder) as url:
        assert ocsp_check(reading, folder, url).verdict is Verdict.VALID


@pytest.mark.parametrize(("signer", "nonce"), [("other", "echo"), ("ca", "wrong")])
def test_a_forged_or_replayed_ocsp_answer_is_invalid(
    reading: CardReading, folder: Path, signer: str, nonce: str
) -> None:
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)}, signer=signer, nonce=nonce)  # type: ignore[arg-type]
    with serve_ocsp(responder) as url:
        check = ocsp_check(reading, folder, url)
    assert check.verdict is Verdict.INVALID


def test_an_unreachable_responder_is_not_verifiable_never_valid(reading: CardReading, folder: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/ocsp"  # nothing listens there
    check = ocsp_check(reading, folder, url)
    text = check_text(check)
    assert check.verdict is Verdict.NOT_VERIFIABLE and ("offline" in text or "オフライン" in text)


def test_a_crl_revocation_wins_over_a_good_ocsp_answer(reading: CardReading, folder: Path) -> None:
    crl = make_crl(revoked=((SIGN_CERT_SERIAL, Reason.key_compromise, BEFORE),), this_update=BEFORE, next_update=AFTER)
    write_crl(folder, "jpki-sign.crl", crl)
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)})
    with serve_ocsp(responder) as url:
        assert ocsp_check(reading, folder, url).verdict is Verdict.REVOKED


def test_the_ocsp_source_is_what_the_settings_name() -> None:
    anchors = load_trust_store(None)
    assert desk_revocation(anchors).sources == ()
    (source,) = desk_revocation(anchors, ocsp_url="http://127.0.0.1:18899/x", ocsp_client_certificate="~/c.pem").sources
    assert isinstance(source, OcspSource) and source.client_certificate is not None


def test_ocsp_over_https_with_the_client_certificate_of_the_settings(
    reading: CardReading, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    from tests.trust.pki import tls_files

    tls = tls_files(tmp_path / "tls")
    # the desk trusts the system's TLS roots; here the loopback responder's test CA stands in for them
    system_context = ssl.create_default_context
    monkeypatch.setattr(
        "kyc_desk.verify.revocation_ocsp.ssl.create_default_context", lambda: system_context(cafile=str(tls.ca))
    )
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)})
    with serve_ocsp(responder, tls) as url:
        anchors = load_trust_store(folder)
        with_client = desk_revocation(anchors, ocsp_url=url, ocsp_client_certificate=str(tls.client))
        assert revocation(reading, folder, with_client).verdict is Verdict.VALID
        without = revocation(reading, folder, desk_revocation(anchors, ocsp_url=url))
        missing = revocation(
            reading, folder, desk_revocation(anchors, ocsp_url=url, ocsp_client_certificate=str(tmp_path / "none.pem"))
        )
    assert without.verdict is Verdict.NOT_VERIFIABLE  # the responder refused the handshake: not checked
    assert missing.verdict is Verdict.NOT_VERIFIABLE and "none.pem" in check_text(missing)
    assert len(responder.requests) == 1


def test_a_crl_of_another_generation_of_the_issuer_is_not_ours(
    reading: CardReading, folder: Path, tmp_path: Path
) -> None:
    """A list without a key id, signed by another installed CA of the same name: skipped, not "forged"."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from tests.trust.pki import sign_ca

    ca_cert, _ca_key = sign_ca()
    other = other_key()
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    sibling = (
        x509.CertificateBuilder().subject_name(ca_cert.subject).issuer_name(ca_cert.subject)
        .public_key(other.public_key()).serial_number(77).not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(other.public_key()), critical=False)
        .sign(other, hashes.SHA256())
    )  # fmt: skip
    (folder / "jpki-sign-gen2.pem").write_bytes(sibling.public_bytes(serialization.Encoding.PEM))
    write_crl(folder, "gen2.crl", make_crl(this_update=BEFORE, next_update=AFTER, signer=other, with_key_id=False))
    assert revocation(reading, folder).verdict is Verdict.NOT_VERIFIABLE  # no list of our generation
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    assert revocation(reading, folder).verdict is Verdict.VALID
