"""Files the desk and the endpoint write are private (0600 files in 0700 folders), and bad command-line
input is refused clearly: a passphrase that is not UTF-8, a negative limit."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import x25519

from kyc_desk.cli.main import main
from kyc_desk.sync.client import PendingSubmission
from kyc_desk.sync.errors import SubmissionMalformed
from kyc_desk.sync.format import Method

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_cli(monkeypatch, capsys, argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main(["--lang", "en", *argv])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_sync_init_log_and_token_files_are_private(tmp_path, monkeypatch, capsys, open_server):
    home = tmp_path / "home"
    monkeypatch.setenv("KYC_DESK_HOME", str(home))
    status, _, err = run_cli(monkeypatch, capsys, ["sync", "init", "--endpoint", open_server.url, "--passphrase",
                                                   "--stdin"], b"kd_token\nphrase\n")
    assert status == 0, err
    sync = home / "data" / "sync"
    assert mode(sync) == 0o700
    for name in ("desk-token.sealed", "sync.json"):
        assert mode(sync / name) == 0o600, name


def test_the_log_file_is_private_also_after_rotation(tmp_path):
    code = ("import logging, logging.handlers; from kyc_desk.logs import setup_logging; "
            "log = setup_logging(); log.info('first'); "
            "[h.doRollover() for h in log.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]; "
            "log.info('second')")
    env = {**os.environ, "KYC_DESK_HOME": str(tmp_path / "home"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    logs = tmp_path / "home" / "logs"
    files = sorted(logs.glob("kyc-desk.log*"))
    assert len(files) == 2 and mode(logs) == 0o700
    assert {mode(f) for f in files} == {0o600}


def test_request_copies_and_quarantine_are_private(tmp_path):
    from kyc_desk.records.model import ClientKind, Person
    from kyc_desk.sync.desk import Quarantine
    from kyc_desk.sync.registry import DeskRequest, RequestRegistry

    key = x25519.X25519PrivateKey.generate()
    registry = RequestRegistry(tmp_path / "sync" / "requests")
    person = Person(name="山田 太郎", kind=ClientKind.INDIVIDUAL, birth_date=dt.date(1961, 8, 4),
                    address="東京都千代田区霞が関一丁目1番1号")
    now = dt.datetime.now(dt.UTC)
    request = DeskRequest("R" * 22, "https://sync.example.jp/s/x", (Method.WA,), "challenge", now,
                          now + dt.timedelta(days=3), person=person)
    registry.save(request, key.public_key())
    [sealed] = (tmp_path / "sync" / "requests").glob("*.sealed")
    assert mode(sealed) == 0o600 and mode(sealed.parent) == 0o700

    quarantine = Quarantine(tmp_path / "sync" / "quarantine")
    pending = PendingSubmission("S" * 22, "R" * 22, Method.WA, 10, "0" * 64, dt.datetime.now(dt.UTC))
    quarantine.keep(pending, b"ciphertext", SubmissionMalformed("broken"))
    folder = tmp_path / "sync" / "quarantine"
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == {f"{'S' * 22}.envelope": 0o600, f"{'S' * 22}.json": 0o600}


def test_the_endpoint_database_and_folders_are_private(tmp_path):
    from kyc_desk.sync.server import ServerConfig, create_app

    db = tmp_path / "endpoint" / "sync-server.db"
    create_app(ServerConfig(database_url=f"sqlite:///{db}"))
    assert mode(db) == 0o600 and mode(db.parent) == 0o700
    assert mode(db.parent / "spool") == 0o700 and mode(db.parent / "envelopes") == 0o700


def test_a_passphrase_that_is_not_utf8_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    status, out, err = run_cli(monkeypatch, capsys, ["records", "init", "--passphrase", "--stdin"],
                               b"\xff\xfepass\n\xff\xfepass\n")
    assert status == 1 and out == "" and err.count("\n") == 1
    assert "not UTF-8" in err and "Traceback" not in err
    assert not (tmp_path / "home" / "data" / "records").exists() or not any(
        (tmp_path / "home" / "data" / "records").iterdir())


def test_a_negative_limit_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    import pytest

    with pytest.raises(SystemExit) as exited:
        run_cli(monkeypatch, capsys, ["records", "list", "--limit", "-5"])
    assert exited.value.code == 2
    assert "--limit" in capsys.readouterr().err


def test_json_config_is_still_readable(tmp_path, monkeypatch, capsys, open_server):
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    run_cli(monkeypatch, capsys, ["sync", "init", "--endpoint", open_server.url, "--passphrase", "--stdin"],
            b"kd_token\nphrase\n")
    config = json.loads((tmp_path / "home" / "data" / "sync" / "sync.json").read_text(encoding="utf-8"))
    assert config["endpoint"] == open_server.url
