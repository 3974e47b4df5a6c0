"""``kyc-desk export …`` end to end, in-process, against real stores in per-test homes (two desks)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kyc_desk.cli.main import main
from kyc_desk.records import KeyFileKeySource, RecordStore
from tests.export.conftest import company_verification
from tests.records.conftest import full_verification

BUNDLE_PASS = "バンドルのパスフレーズ 2026"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "desk-a"))
    monkeypatch.setenv("KYC_DESK_LANG", "en")
    return tmp_path / "desk-a"


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _init(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    status, _out, err = _run(capsys, monkeypatch, "records", "init", "--key-file", "--accept-plaintext-key", "--json")
    assert status == 0, err


def _seed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[int]:
    _init(capsys, monkeypatch)
    with RecordStore.open(KeyFileKeySource()) as store:
        first = store.save_verification(full_verification(), actor="a")
        assert first.matter is not None
        second = store.save_verification(company_verification(first.matter.id), actor="a")
        third = store.save_verification(full_verification(matter=None), actor="a")
    return [first.id, second.id, third.id]


def test_csv_of_a_matter_as_json_with_the_unencrypted_warning(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ids = _seed(capsys, monkeypatch)
    out = tmp_path / "matter.csv"
    with RecordStore.open(KeyFileKeySource()) as store:
        matter = store.get(ids[0]).matter
    assert matter is not None
    status, stdout, err = _run(
        capsys, monkeypatch, "export", "csv", "--matter", str(matter.id), "--out", str(out), "--json"
    )
    assert status == 0, err
    assert json.loads(stdout)["records"] == 2
    assert "not encrypted" in err
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert [int(r["記録番号"]) for r in rows] == ids[:2]
    status, _out, err = _run(capsys, monkeypatch, "export", "csv", "--out", str(out))
    assert status == 1 and "exists" in err and "Traceback" not in err  # nothing overwritten without --force
    status, _out, err = _run(capsys, monkeypatch, "export", "csv", "--record", "999", "--out", str(tmp_path / "x"))
    assert status == 1 and "999" in err


def test_bundle_moves_records_to_another_desk_encrypted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ids = _seed(capsys, monkeypatch)
    bundle = tmp_path / "handoff.zip"
    status, stdout, err = _run(
        capsys, monkeypatch, "export", "bundle", "--record", str(ids[0]), "--record", str(ids[1]),
        "--out", str(bundle), "--encrypt", "--stdin", "--json", stdin=BUNDLE_PASS + "\n",
    )  # fmt: skip
    assert status == 0, err
    assert json.loads(stdout)["encrypted"] is True and "not encrypted" not in err
    with zipfile.ZipFile(bundle) as archive:
        assert all(i.flag_bits & 0x1 for i in archive.infolist())
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "desk-b"))
    _init(capsys, monkeypatch)
    wrong = "wrong pass\n"
    status, _out, err = _run(capsys, monkeypatch, "export", "import-bundle", str(bundle), "--stdin", stdin=wrong)
    assert status == 1 and "passphrase" in err
    status, stdout, err = _run(
        capsys, monkeypatch, "export", "import-bundle", str(bundle), "--stdin", "--json", stdin=BUNDLE_PASS + "\n"
    )
    assert status == 0, err
    result = json.loads(stdout)
    assert len(result["imported"]) == 2 and result["duplicates"] == 0
    status, stdout, _err = _run(
        capsys, monkeypatch, "export", "import-bundle", str(bundle), "--stdin", "--json", stdin=BUNDLE_PASS + "\n"
    )
    assert json.loads(stdout)["duplicates"] == 2
    status, stdout, _err = _run(capsys, monkeypatch, "records", "verify-audit", "--json")
    assert json.loads(stdout)["ok"] is True


def test_images_as_folders(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ids = _seed(capsys, monkeypatch)
    out = tmp_path / "images"
    status, _stdout, err = _run(capsys, monkeypatch, "export", "images", "--record", str(ids[1]), "--out", str(out))
    assert status == 0, err
    (folder,) = out.iterdir()
    assert folder.name.endswith(f"_{ids[1]}")
    assert any(p.name.endswith("_chip-photo.png") for p in folder.iterdir())
    status, _out, err = _run(
        capsys, monkeypatch, "export", "images", "--encrypt", "--out", str(tmp_path / "other"), "--stdin", stdin="x\n"
    )
    assert status == 1 and "--zip" in err
