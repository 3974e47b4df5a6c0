"""``kyc-desk export pdf`` end to end, in-process: a real store in a per-test KYC_DESK_HOME, the office and
token from the settings file, secrets on standard input."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from kyc_desk.cli.main import main
from kyc_desk.records import RecordStore
from kyc_desk.records.printing import audit_seal
from kyc_desk.settings import Settings, save_settings
from tests.export_pdf.conftest import USER_PIN, SigningToken, company, individual
from tests.export_pdf.pdf_tools import pdf_text
from tests.records.conftest import FAST_SCRYPT

PASS = "cli passphrase"


@pytest.fixture
def ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KYC_DESK_LANG", "ja")
    store, _recovery = RecordStore.create(mode="passphrase", passphrase=PASS, scrypt=FAST_SCRYPT)
    with store:
        person = store.save_verification(individual(), actor="山田")
        assert person.matter is not None
        firm = store.save_verification(company(person.matter.id), actor="山田")
        return {"person": person.id, "company": firm.id, "matter": person.matter.id}


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str) -> Any:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["export", "pdf", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_record_pdf_with_json(
    ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(Settings(operator="補助者 佐藤", office_name="山田司法書士事務所", office_address="東京都千代田区"))
    out = tmp_path / "out" / "記録.pdf"
    out.parent.mkdir()
    status, stdout, err = _run(
        capsys, monkeypatch, "--record", str(ids["person"]), "--out", str(out), "--stdin", "--json", stdin=PASS + "\n"
    )
    assert status == 0, err
    assert "not encrypted" in err or "暗号化していない" in err  # the PDF leaves the encrypted store: said
    document = json.loads(stdout)
    assert document["records"] == [ids["person"]] and document["signed"] is False and document["kind"] == "record"
    with RecordStore.open(_passphrase_source()) as store:
        seal = audit_seal(store, ids["person"])
        with store.engine.connect() as conn:
            last = conn.exec_driver_sql("SELECT actor FROM audit_log ORDER BY seq DESC").scalar()
    assert document["seals"][str(ids["person"])] == {"seq": seal.seq, "hash": seal.hash}
    assert last == "補助者 佐藤"
    text = pdf_text(out)
    assert "山田司法書士事務所" in text and "髙橋 﨑子" in text


def test_matter_minutes(
    ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "minutes.pdf"
    status, stdout, err = _run(
        capsys,
        monkeypatch,
        "--matter",
        str(ids["matter"]),
        "--kind",
        "minutes",
        "--out",
        str(out),
        "--stdin",
        stdin=PASS + "\n",
    )
    assert status == 0, err
    assert str(out) in stdout
    assert "office_name" in err  # no office in the settings: said, not silently blank
    assert "代表者と面談。購入の意思を確認。" in pdf_text(out)


def test_refusals_are_clear_and_write_nothing(
    ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.pdf"
    status, _out, err = _run(capsys, monkeypatch, "--record", "999", "--out", str(out), "--stdin", stdin=PASS + "\n")
    assert status == 1 and "\nkyc-desk: " in err and "Traceback" not in err
    status, _out, err = _run(
        capsys, monkeypatch, "--record", str(ids["person"]), "--out", str(out), "--sign", "--stdin", stdin=PASS + "\n"
    )
    assert status == 1 and "signing_module" in err
    assert not out.exists()


def test_signed_pdf(
    ids: dict[str, int],
    softhsm_token: SigningToken,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token = softhsm_token.settings
    save_settings(
        Settings(
            office_name="山田司法書士事務所",
            signing_module=token.module,
            signing_token=token.token_label,
            signing_key=token.key_label,
        )
    )
    out = tmp_path / "signed.pdf"
    status, stdout, err = _run(
        capsys,
        monkeypatch,
        "--record",
        str(ids["company"]),
        "--out",
        str(out),
        "--sign",
        "--stdin",
        "--json",
        stdin=f"{PASS}\n{USER_PIN}\n",
    )
    assert status == 0, err
    assert json.loads(stdout)["signed"] is True
    assert token.token_label in err  # the token is named before the PIN is asked
    assert b"/ETSI.CAdES.detached" in out.read_bytes()
    status, _stdout, err = _run(
        capsys,
        monkeypatch,
        "--record",
        str(ids["company"]),
        "--out",
        str(out),
        "--sign",
        "--force",
        "--stdin",
        stdin=f"{PASS}\n000000\n",
    )
    assert status == 1 and "暗証番号が違います" in err


def _passphrase_source() -> Any:
    from kyc_desk.records.store import key_source_for

    return key_source_for(ask_passphrase=lambda: PASS)


def test_dates_select_as_for_every_export(
    ids: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "day.pdf"
    status, stdout, err = _run(
        capsys,
        monkeypatch,
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-20",
        "--out",
        str(out),
        "--stdin",
        "--json",
        stdin=PASS + "\n",
    )
    assert status == 0, err
    assert json.loads(stdout)["records"] == [ids["person"], ids["company"]]
    status, _stdout, err = _run(
        capsys, monkeypatch, "--from", "2026-11-21", "--out", str(tmp_path / "none.pdf"), "--stdin", stdin=PASS + "\n"
    )
    assert status == 1 and not (tmp_path / "none.pdf").exists()
