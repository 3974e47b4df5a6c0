"""``kyc-desk trust list|add|remove --json``: fingerprints shown, confirmation asked, nothing changed on error."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from asn1crypto import pem

from kyc_desk.cli.main import main
from kyc_desk.verify.trust import fingerprint_text, load_trust_store
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
from kyc_desk_testkit.softcard.residence import residence_issuer_certificate
from tests.trust.pki import make_crl, other_key, write_crl

AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
SHIPPED_03 = "D2:27:F6:CD:E1:1D:35:C5:25:21:78:F1:06:F8:43:D2:46:51:94:49:75:41:3B:53:9F:A2:FB:68:DB:FA:36:5F"


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--lang", "en", "trust", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "trust"
    write_trust_anchors(target, softcard_issuers())
    return target


def test_list_shows_shipped_and_installed_with_fingerprints(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_crl(folder, "jpki-sign.crl", make_crl(this_update=AT, next_update=AT + dt.timedelta(days=3)))
    write_crl(folder, "forged.crl", make_crl(this_update=AT, next_update=AT, signer=other_key()))
    status, out, _ = run(capsys, monkeypatch, "list", "--trust-dir", str(folder), "--json")
    assert status == 0
    entries = json.loads(out)["entries"]
    shipped = [e for e in entries if e["source"] == "shipped"]
    assert len(shipped) == 3 and SHIPPED_03 in {e["fingerprint"] for e in shipped}
    assert all(e["not_before"] and e["not_after"] for e in shipped)
    installed = {e["fingerprint"] for e in entries if e["source"] == "installed" and e["kind"] == "ca_certificate"}
    assert fingerprint_text(softcard_issuers().sign_ca_cert) in installed
    crls = {e["file"]: e for e in entries if e["kind"] == "crl"}
    assert crls["jpki-sign.crl"]["status"].startswith("verified")
    assert crls["forged.crl"]["status"] == "signature invalid"
    status, text, _ = run(capsys, monkeypatch, "list", "--trust-dir", str(folder))
    assert SHIPPED_03 in text and "[shipped]" in text and "[installed]" in text


def test_add_shows_the_fingerprint_and_needs_confirmation(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    der = residence_issuer_certificate()
    candidate = tmp_path / "residence-issuer.cer"
    candidate.write_bytes(der)  # DER: installed as PEM
    before = sorted(p.name for p in folder.iterdir())
    status, _out, err = run(capsys, monkeypatch, "add", str(candidate), "--trust-dir", str(folder))
    assert status == 1 and "--yes" in err  # no terminal to ask: nothing changed
    assert sorted(p.name for p in folder.iterdir()) == before

    status, out, _ = run(capsys, monkeypatch, "add", str(candidate), "--trust-dir", str(folder), "--yes", "--json")
    assert status == 0
    document = json.loads(out)
    assert document["installed"] is True and document["entries"][0]["fingerprint"] == fingerprint_text(der)
    assert (folder / "residence-issuer.pem").read_bytes() == pem.armor("CERTIFICATE", der)
    assert der in {ca.der for ca in load_trust_store(folder).certificates}

    status, _out, err = run(capsys, monkeypatch, "add", str(candidate), "--trust-dir", str(folder), "--yes")
    assert status == 1 and "already trusted" in err


def test_add_asks_at_the_terminal_and_no_means_nothing_changes(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    candidate = tmp_path / "issuer.pem"
    candidate.write_bytes(pem.armor("CERTIFICATE", residence_issuer_certificate()))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda _q: "n")
    status = main(["--lang", "en", "trust", "add", str(candidate), "--trust-dir", str(folder)])
    out, _err = capsys.readouterr()
    assert status == 1 and fingerprint_text(residence_issuer_certificate()) in out
    assert not (folder / "issuer.pem").exists()


def test_add_refuses_an_end_entity_certificate_and_a_broken_crl(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.mynumber.conftest import read_in_memory

    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(pem.armor("CERTIFICATE", read_in_memory().signed_files["jpki.auth_cert"]))
    status, _out, err = run(capsys, monkeypatch, "add", str(leaf), "--trust-dir", str(folder), "--yes")
    assert status == 1 and "leaf.pem" in err and "not a CA" in err
    broken = tmp_path / "broken.crl"
    broken.write_bytes(b"not a crl")
    status, _out, err = run(capsys, monkeypatch, "add", str(broken), "--trust-dir", str(folder), "--yes")
    assert status == 1 and "broken.crl" in err
    assert not (folder / "leaf.pem").exists() and not (folder / "broken.crl").exists()


def test_add_and_remove_a_crl_and_an_anchor(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    crl = write_crl(tmp_path, "jpki-sign.crl", make_crl(this_update=AT, next_update=AT + dt.timedelta(days=3)))
    assert run(capsys, monkeypatch, "add", str(crl), "--trust-dir", str(folder), "--yes")[0] == 0
    assert len(load_trust_store(folder).crls) == 1
    status, out, _ = run(capsys, monkeypatch, "remove", "jpki-sign.crl", "--trust-dir", str(folder), "--yes", "--json")
    assert status == 0 and json.loads(out)["removed"] is True and load_trust_store(folder).crls == ()

    sign_ca = fingerprint_text(softcard_issuers().sign_ca_cert)
    status, _out, _ = run(capsys, monkeypatch, "remove", sign_ca[:11], "--trust-dir", str(folder), "--yes")
    assert status == 0
    assert softcard_issuers().sign_ca_cert not in {ca.der for ca in load_trust_store(folder).certificates}


def test_a_shipped_anchor_cannot_be_removed(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _out, err = run(capsys, monkeypatch, "remove", SHIPPED_03, "--trust-dir", str(folder), "--yes")
    assert status == 1 and "shipped" in err


def test_doctor_reports_the_trust_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kyc_desk.doctor import check_trust_store

    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path))
    finding = check_trust_store()
    assert finding.status.value == "ok" and "D227F6CD" in finding.detail
    (tmp_path / "broken.crl").write_bytes(b"nope")
    finding = check_trust_store()
    assert finding.status.value == "fail" and "broken.crl" in finding.detail
