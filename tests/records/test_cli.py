"""``kyc-desk records …`` end to end, in-process, against a real store in a per-test KYC_DESK_HOME."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from kyc_desk.cli.main import main
from kyc_desk.records import KeyFileKeySource, Matter, RecordStore
from tests.records.conftest import full_verification

PASS = "cli passphrase"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KYC_DESK_LANG", "en")
    return tmp_path / "home"


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["records", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    status, out, err = _run(capsys, monkeypatch, *argv, "--json", stdin=stdin)
    assert status in (0, 2), err
    return json.loads(out)


def _seed_keyfile_store(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[int]]:
    data = _json(capsys, monkeypatch, "init", "--key-file", "--accept-plaintext-key")
    with RecordStore.open(KeyFileKeySource()) as store:
        ended = Matter("相続登記", "inheritance", dt.date(2015, 1, 5), ended_on=dt.date(2015, 3, 1))
        ids = [
            store.save_verification(full_verification(), actor="a").id,
            store.save_verification(
                full_verification(
                    matter=ended,
                    events={k: v.replace(year=2015) for k, v in full_verification().events.items()},
                    transactions=(),
                    decision=None,
                    external_id="old-1",
                ),
                actor="a",
            ).id,
        ]
    return data["recovery_key"], ids


def test_init_with_passphrase_shows_the_recovery_key_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    status, out, _err = _run(capsys, monkeypatch, "init", "--passphrase", "--stdin", stdin=PASS + "\n")
    assert status == 0
    assert "Recovery key" in out
    key_line = next(line.strip() for line in out.splitlines() if line.count("-") == 12)
    assert len(key_line.replace("-", "")) == 52
    assert PASS not in out
    status, _out, err = _run(capsys, monkeypatch, "init", "--passphrase", "--stdin", stdin=PASS + "\n")
    assert status == 1 and "already exists" in err
    assert _json(capsys, monkeypatch, "list", "--stdin", stdin=PASS + "\n") == {"verifications": []}
    status, _out, err = _run(capsys, monkeypatch, "list", "--stdin", stdin="wrong\n")
    assert status == 1 and "Traceback" not in err
    assert err.strip() == "kyc-desk: " + "wrong passphrase for this record store"  # one line, no personal data
    # the log file never got the passphrase or the recovery key
    log = (home / "logs" / "kyc-desk.log").read_text(encoding="utf-8") if (home / "logs").exists() else ""
    assert PASS not in log and key_line not in log


def test_init_without_a_secure_keyring_asks_for_a_passphrase(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, file_keyring: object
) -> None:
    status, _out, err = _run(capsys, monkeypatch, "init", "--keyring")
    assert status == 1 and "--passphrase" in err
    status, _out, err = _run(capsys, monkeypatch, "init", "--key-file")
    assert status == 1 and "--accept-plaintext-key" in err
    status, out, err = _run(capsys, monkeypatch, "init", "--stdin", "--json", stdin=PASS + "\n")
    assert status == 0 and "protected by a passphrase" in err
    assert json.loads(out)["key_mode"] == "passphrase"
    assert _json(capsys, monkeypatch, "list", "--stdin", stdin=PASS + "\n") == {"verifications": []}


def test_list_show_search(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _recovery, ids = _seed_keyfile_store(capsys, monkeypatch)
    listed = _json(capsys, monkeypatch, "list")["verifications"]
    assert [v["id"] for v in listed] == [ids[0], ids[1]]
    shown = _json(capsys, monkeypatch, "show", str(ids[0]))
    assert shown["client"]["name"] == "髙橋 﨑子"
    assert shown["method_letter"] == "イ" and shown["status"] == "decided"
    assert shown["evidence"][0]["kind"] == "face_photo" and "data" not in shown["evidence"][0]
    # the neutral form: a reason code with its params, never a sentence in either language
    assert shown["checks"][0] == {"name": "surface.signature", "status": "valid", "reason": "signature.certified_key",
                                  "params": {}}
    assert shown["checks"][1]["params"] == {"sources": "card_face, text_ap"}
    assert shown["face_results"][0] == {"kind": "match", "engine": "dlib-resnet", "engine_version": "test 1.0",
                                        "verdict": "pass", "metric": "distance", "value": 0.35, "threshold": 0.6,
                                        "reasons": ["similar@comparison"]}
    found = _json(capsys, monkeypatch, "search", "--name", "ﾀｶﾊｼ", "--status", "pending_review")["verifications"]
    assert [v["id"] for v in found] == [ids[1]]
    found = _json(capsys, monkeypatch, "search", "--document-number", "ab1234-5678", "--from", "2026-01-01")
    assert [v["id"] for v in found["verifications"]] == [ids[0]]
    status, out, _err = _run(capsys, monkeypatch, "show", str(ids[0]))
    assert status == 0 and "Signature OK" in out and "Keep until" in out
    status, _out, err = _run(capsys, monkeypatch, "show", "999")
    assert status == 1 and err.startswith("kyc-desk: ")


def test_verify_audit(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _seed_keyfile_store(capsys, monkeypatch)
    result = _json(capsys, monkeypatch, "verify-audit")
    assert result["ok"] is True and result["findings"] == [] and result["integrity"] == []
    with RecordStore.open(KeyFileKeySource()) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE clients SET occupation = 'x' WHERE id = 1")
    status, out, _err = _run(capsys, monkeypatch, "verify-audit", "--json")
    assert status == 2
    assert json.loads(out)["findings"] == [{"kind": "row_altered", "table": "clients", "row_id": 1, "seq": None}]


def test_purge_lists_first_and_asks(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _recovery, ids = _seed_keyfile_store(capsys, monkeypatch)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    status, out, _err = _run(capsys, monkeypatch, "purge", "--today", "2026-11-21")
    assert status == 0 and "1 verifications are past retention" in out and "Nothing deleted" in out
    preview = _json(capsys, monkeypatch, "purge", "--today", "2026-11-21")
    assert [c["id"] for c in preview["candidates"]] == [ids[1]] and preview["deleted"] == 0
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    status, out, _err = _run(capsys, monkeypatch, "purge", "--today", "2026-11-21")
    assert "Deleted 1" in out
    assert [v["id"] for v in _json(capsys, monkeypatch, "list")["verifications"]] == [ids[0]]
    assert _json(capsys, monkeypatch, "purge", "--yes")["deleted"] == 0
    assert _json(capsys, monkeypatch, "verify-audit")["ok"] is True


def test_end_matter_starts_retention(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _recovery, ids = _seed_keyfile_store(capsys, monkeypatch)
    matter_id = _json(capsys, monkeypatch, "show", str(ids[0]))["matter"]["id"]
    assert _json(capsys, monkeypatch, "end-matter", str(matter_id), "--on", "2027-01-31") == {
        "matter_id": matter_id,
        "ended_on": "2027-01-31",
    }
    assert _json(capsys, monkeypatch, "show", str(ids[0]))["retention_until"] == "2037-01-31"
    status, _out, err = _run(capsys, monkeypatch, "end-matter", "999", "--on", "2027-01-31")
    assert status == 1 and err.startswith("kyc-desk: ")
    assert _json(capsys, monkeypatch, "verify-audit")["ok"] is True


def test_backup_and_restore_on_a_fresh_desk(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    recovery, ids = _seed_keyfile_store(capsys, monkeypatch)
    backup = tmp_path / "records.kdbackup"
    made = _json(capsys, monkeypatch, "backup", str(backup))
    assert made["verifications"] == 2 and backup.exists()
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "fresh"))
    status, _out, err = _run(capsys, monkeypatch, "restore", str(backup), "--passphrase", "--stdin", stdin="WRONG\nx\n")
    assert status == 1 and "recovery key" in err.lower()
    restored = _json(
        capsys, monkeypatch, "restore", str(backup), "--passphrase", "--stdin", stdin=f"{recovery}\n{PASS}\n"
    )
    assert restored == {**restored, "verifications": 2, "key_mode": "passphrase", "audit_ok": True}
    assert [v["id"] for v in _json(capsys, monkeypatch, "list", "--stdin", stdin=PASS + "\n")["verifications"]] == ids
    status, _out, err = _run(capsys, monkeypatch, "restore", str(backup), "--stdin", stdin=f"{recovery}\n")
    assert status == 1 and "already exists" in err


def test_recover_after_losing_the_passphrase(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _err = _run(capsys, monkeypatch, "init", "--passphrase", "--stdin", "--json", stdin="forgotten\n")
    recovery = json.loads(out)["recovery_key"]
    assert _json(capsys, monkeypatch, "recover", "--passphrase", "--stdin", stdin=f"{recovery}\nremembered\n") == {
        "key_mode": "passphrase"
    }
    assert _json(capsys, monkeypatch, "list", "--stdin", stdin="remembered\n") == {"verifications": []}
    status, _out, _err = _run(capsys, monkeypatch, "list", "--stdin", stdin="forgotten\n")
    assert status == 1
