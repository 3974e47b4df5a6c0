"""The command line as a user runs it: sync-server add-desk/status, sync init/request/pull/quarantine, submit."""

from __future__ import annotations

import io
import json
import re

import pytest

from kyc_desk.cli.main import main
from kyc_desk.sync.client import LinkClient
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

from .conftest import jpeg_of
from .desk_fixtures import wa_parts


def run_cli(monkeypatch, capsys, argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--lang", "en", *argv])
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.mark.slow
def test_desk_commands_from_init_to_pull(tmp_path, monkeypatch, capsys, open_server):
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KYC_DESK_SYNC_DATABASE", open_server.config.database_url)
    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path / "trust"))
    write_trust_anchors(tmp_path / "trust", softcard_issuers())

    status, out, _ = run_cli(monkeypatch, capsys, ["sync-server", "add-desk", "--label", "front", "--json"])
    assert status == 0
    token = json.loads(out)["token"]
    assert json.loads(run_cli(monkeypatch, capsys, ["sync-server", "status", "--json"])[1])["desks"] == 2

    status, _, err = run_cli(monkeypatch, capsys, ["sync", "pull", "--stdin"], "x\n")
    assert status == 1 and err.count("\n") == 1 and "kyc-desk sync init" in err  # one clear line

    assert run_cli(monkeypatch, capsys, ["records", "init", "--passphrase", "--stdin"], "rp\nrp\n")[0] == 0
    status, out, _ = run_cli(monkeypatch, capsys, ["sync", "init", "--endpoint", open_server.url, "--passphrase",
                                                   "--stdin", "--json"], f"{token}\nop\n")
    assert status == 0 and len(json.loads(out)["key_id"]) == 32

    eml = tmp_path / "request.eml"
    status, out, _ = run_cli(monkeypatch, capsys, [
        "sync", "request", "--method", "wa", "--name", "山田 太郎", "--birth-date", "1961-08-04",
        "--address", "東京都千代田区霞が関一丁目1番1号", "--office-name", "やまだ司法書士事務所", "--eml", str(eml),
        "--stdin", "--json"], "op\n")
    assert status == 0
    created = json.loads(out)
    assert created["mailto"].startswith("mailto:?subject=") and eml.read_bytes().isascii()
    status, out, _ = run_cli(monkeypatch, capsys, ["sync", "request", "--method", "wa", "--stdin"], "op\n")
    assert status == 0  # the expiry below, as the desk shows dates: 和暦 with the year, Japan time
    assert re.search(r"request created \(expires \d+ \w{3} \d{4} \(Reiwa \d+\) \d\d:\d\d JST\)", out), out

    status, out, _ = run_cli(monkeypatch, capsys, ["submit", created["link"], "--info", "--json"])
    info = json.loads(out)
    assert status == 0 and info["methods"] == ["wa"] and "blink" in info["liveness"]  # the desk's random challenge

    with LinkClient(created["link"]) as phone:
        parts = wa_parts(phone.info())
    (tmp_path / "sig.bin").write_bytes(parts[0].data)
    (tmp_path / "cert.der").write_bytes(parts[1].data)
    (tmp_path / "selfie.jpg").write_bytes(jpeg_of("obama2.jpg"))
    status, out, _ = run_cli(monkeypatch, capsys, [
        "submit", created["link"], "--method", "wa", "--signature", str(tmp_path / "sig.bin"),
        "--certificate", str(tmp_path / "cert.der"), "--selfie", str(tmp_path / "selfie.jpg"), "--json"])
    assert status == 0 and json.loads(out)["request_id"] == created["request_id"]

    status, out, _ = run_cli(monkeypatch, capsys, ["sync", "pull", "--stdin", "--json"], "op\nrp\n")
    assert status == 0
    [item] = json.loads(out)["items"]
    assert item["outcome"] == "imported" and "jpki.signature" not in item["flagged"]
    assert "jpki.revocation" in item["flagged"]
    status, out, _ = run_cli(monkeypatch, capsys, ["sync", "quarantine"])
    assert status == 0 and "nothing in quarantine" in out


def test_wrong_office_passphrase_is_one_clear_line(tmp_path, monkeypatch, capsys, open_server):
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    assert run_cli(monkeypatch, capsys, ["sync", "init", "--endpoint", open_server.url, "--passphrase", "--stdin"],
                   "kd_token\nright\n")[0] == 0
    status, out, err = run_cli(monkeypatch, capsys, ["sync", "request", "--method", "he", "--stdin"], "wrong\n")
    assert status == 1 and out == "" and err.strip().startswith("kyc-desk: ") and err.count("\n") == 1
    assert "right" not in err and "wrong" not in err
