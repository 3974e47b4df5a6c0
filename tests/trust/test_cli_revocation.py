"""Done-when of issue 14: ``kyc-desk card read --json`` reports ``jpki.revocation`` from a CRL in
``--trust-dir`` and from an OCSP responder named in the settings, the card on the virtual reader."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk.settings import load_settings, save_settings
from kyc_desk_testkit.softcard.mynumber import MyNumberSoftCard, build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from tests.plugins.pcsc import VpcdSlot
from tests.trust.pki import SIGN_CERT_SERIAL, OcspResponder, Reason, make_crl, other_key, serve_ocsp, write_crl

AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
BEFORE, AFTER = AT - dt.timedelta(days=5), AT + dt.timedelta(days=5)


def read_revocation(
    vpcd_slot: VpcdSlot, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, str]:
    vpcd_slot.remove()  # a fresh card per read, as a client would hand it over again
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    assert isinstance(soft, MyNumberSoftCard)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"sign_pin={soft.secrets['sign_pin']}\n"))
    status = main(["--lang", "en", "card", "read", "--secrets-stdin", "--at", AT.isoformat(), "--json",
                   "--reader", vpcd_slot.reader[-6:], "--trust-dir", str(folder)])  # fmt: skip
    out, err = capsys.readouterr()
    assert status == 0, err
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["jpki.sign_certificate"]["status"] == "valid"
    return checks["jpki.revocation"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "trust"
    write_trust_anchors(target, softcard_issuers())
    return target


@pytest.mark.pcsc
def test_card_read_reports_revocation_from_crl_files(
    vpcd_slot: VpcdSlot, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    none = read_revocation(vpcd_slot, folder, monkeypatch, capsys)
    assert none["status"] == "not_verifiable"

    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER))
    assert read_revocation(vpcd_slot, folder, monkeypatch, capsys)["status"] == "valid"

    listed = make_crl(
        revoked=((SIGN_CERT_SERIAL, Reason.affiliation_changed, BEFORE),), this_update=BEFORE, next_update=AFTER
    )
    write_crl(folder, "jpki-sign.crl", listed)
    revoked = read_revocation(vpcd_slot, folder, monkeypatch, capsys)
    # the neutral form: the reason code with the CRLReason and the date as params, and its text
    assert revoked["status"] == "revoked" and revoked["reason"] == "revocation.revoked"
    assert revoked["params"]["crl_reason"] == "affiliation_changed"
    assert revoked["params"]["revoked_at"].startswith(BEFORE.date().isoformat()) and "moved" in revoked["detail"]

    write_crl(folder, "jpki-sign.crl", make_crl(this_update=BEFORE, next_update=AFTER, signer=other_key()))
    assert read_revocation(vpcd_slot, folder, monkeypatch, capsys)["status"] == "invalid"


@pytest.mark.pcsc
def test_card_read_reports_revocation_from_the_ocsp_responder_of_the_settings(
    vpcd_slot: VpcdSlot, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = load_settings()
    responder = OcspResponder({SIGN_CERT_SERIAL: ("good", None, None)})
    try:
        with serve_ocsp(responder) as url:
            save_settings(saved.but(ocsp_url=url))
            assert read_revocation(vpcd_slot, folder, monkeypatch, capsys)["status"] == "valid"
            responder.statuses[SIGN_CERT_SERIAL] = ("revoked", Reason.superseded, BEFORE)
            revoked = read_revocation(vpcd_slot, folder, monkeypatch, capsys)
            assert revoked["status"] == "revoked" and revoked["params"]["crl_reason"] == "superseded"
            responder.signer = "other"
            assert read_revocation(vpcd_slot, folder, monkeypatch, capsys)["status"] == "invalid"
        # the responder is gone: offline, never a false "valid"
        offline = read_revocation(vpcd_slot, folder, monkeypatch, capsys)
        assert offline["status"] == "not_verifiable" and "offline" in offline["detail"]
    finally:
        save_settings(saved)
