"""``kyc-desk records show`` and ``list`` speak to people: labels instead of stored codes, dates in 和暦 with
the Western year (moments in Japan time), 未入力 for a birth date nobody entered, evidence described — in
Japanese and in English. The ``--json`` form stays neutral (codes, ISO dates)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from kyc_desk.cli.main import main
from kyc_desk.i18n import set_language
from kyc_desk.records import KeyFileKeySource, Person, RecordStore
from kyc_desk.records.legal import Event
from kyc_desk.records.model import EvidenceItem, EvidenceKind, ItemCheck, ItemResult
from tests.records.conftest import full_verification, photo_bytes

#: What the issue saw: dotted check names, snake_case codes, ISO moments, bytes.
LEAKS = re.compile(r"\b[a-z]+(?:[._][a-z0-9]+)+\b|\d{4}-\d{2}-\d{2}T|\bbytes\b|image/|\bmismatch\b")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    set_language(None)


def _seed(capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["records", "init", "--key-file", "--accept-plaintext-key", "--json"]) == 0
    capsys.readouterr()
    chip_read = dt.datetime(2026, 12, 5, 20, 45, 53, 317765, tzinfo=dt.UTC)  # 6 Dec in Japan
    verification = full_verification(
        client=Person("髙橋 﨑子", name_kana="タカハシ サキコ", address="東京都千代田区霞が関1-1-1"),  # no birth date
        document_type="mynumber",
        events={Event.PRESENTED: chip_read, Event.CHIP_READ: chip_read},
        evidence=(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jp2", photo_bytes("obama.jpg"), label="photo"),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama2.jpg"), label="desk"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(300), label="surface.ef0002"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(700), label="text.ef0002"),
        ),
        item_checks=(
            ItemCheck("name", ItemResult.MATCH, "source:ic_chip", "髙橋 﨑子", "髙橋 﨑子"),
            ItemCheck("name_kana", ItemResult.NOT_CHECKED, "source:ic_chip", stated_value="タカハシ サキコ",
                      note_reason="item.not_on_document"),
        ),
    )
    with RecordStore.open(KeyFileKeySource()) as store:
        return store.save_verification(verification, actor="a").id


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_show_renders_labels_and_era_dates(lang: str, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = _seed(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", lang, "records", "show", str(record_id)]) == 0
    out = capsys.readouterr().out
    assert not LEAKS.search(out), LEAKS.search(out)
    if lang == "ja":
        assert "本人確認書類の提示を受けた日時: 令和8年12月6日（2026年） 05:45" in out
        assert "生年月日: 未入力" in out
        assert "書類: 個人番号カード" in out
        assert "生年月日の一致: 一致: 券面情報、券面事項入力補助AP" in out
        assert "フリガナ: 照合対象外 (ICチップ) 書類に記載がないため照合していません" in out and "不一致" not in out
        assert "ICチップの顔写真（JPEG 2000画像、" in out and "本人の顔写真・デスクで撮影（JPEG画像、" in out
        assert "ICチップの読取データ 2件（計 1.0 KB、読み取ったまま保存）" in out
        assert "判断: 受任可 司法書士 山田 令和8年11月20日（2026年）" in out
        assert out.startswith(f"#{record_id}  令和8年12月6日（2026年）  イ 対面・ICチップ読取")
    else:
        assert "Document presented: 6 Dec 2026 (Reiwa 8) 05:45 JST" in out
        assert "Born: Not entered" in out and "Document: My Number card" in out
        assert "Name in kana: Not compared (IC chip) not on the document, so not compared" in out
        assert "birth date agrees: agree: card face, text AP" in out


def test_list_and_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = _seed(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", "ja", "records", "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{record_id}  令和8年12月6日（2026年）  イ  受任可  個人番号カード  保存期限 事件継続中")
    assert main(["records", "show", str(record_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)  # the neutral form is unchanged: codes and ISO values
    assert data["document_type"] == "mynumber" and data["client"]["birth_date"] is None
    assert data["events"]["presented"].startswith("2026-12-05T20:45:53")
