"""``kyc-desk meeting parse|invite|template`` through the real entry point, text on standard input."""

from __future__ import annotations

import email
import email.policy
import io
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest

from kyc_desk.cli.main import main

INVITE = "日時：令和７年１２月５日（金）午後２時～３時\n参加URL：https://zoom.us/j/81234567890\nパスコード：abc123\n"


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> Any:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_parse_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, err = _run(capsys, monkeypatch, "meeting", "parse", "--json", "--today", "2025-11-20", stdin=INVITE)
    assert status == 0, err
    assert json.loads(out) == {
        "start": "2025-12-05T14:00:00+09:00",
        "end": "2025-12-05T15:00:00+09:00",
        "url": "https://zoom.us/j/81234567890",
        "platform": "zoom",
        "meeting_id": "81234567890",
        "passcode": "abc123",
        "problems": [],
    }


def test_parse_json_failure_exits_1_with_the_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "日時: 令和7年12月5日（木）14:00-15:00\n"
    status, out, _err = _run(capsys, monkeypatch, "meeting", "parse", "--json", "--today", "2025-11-20", stdin=text)
    assert status == 1
    data = json.loads(out)
    assert (data["start"], data["end"], data["url"], data["platform"]) == (None, None, None, None)
    assert (data["meeting_id"], data["passcode"]) == (None, None)
    assert [p["code"] for p in data["problems"]] == ["weekday_mismatch", "url_not_found"]
    assert data["problems"][0]["ja"] == "日付と曜日が一致しません。"
    assert data["problems"][0]["en"] == "The weekday does not match the date."


def test_parse_year_less_date_uses_today_option(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "12/5 14:00-15:00 https://meet.google.com/abc-defg-hij"
    _status, out, _err = _run(capsys, monkeypatch, "meeting", "parse", "--json", "--today", "2026-12-06", stdin=text)
    assert json.loads(out)["start"] == "2027-12-05T14:00:00+09:00"


def test_parse_summary_in_japanese_and_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "2025年12月5日 14時00分"
    status, out, _err = _run(capsys, monkeypatch, "meeting", "parse", "--today", "2025-11-20", stdin=text)
    assert status == 0
    assert out.splitlines() == [
        "開始: 令和7年12月5日（2025年） 14:00（日本時間）",
        "終了: （読み取れず）",
        "URL: （なし）",
        "サービス: （なし）",
        "ミーティングID: （なし）",
        "パスコード: （なし）",
        "要確認: 終了時刻がありません。 [end_missing]",
        "要確認: 会議のURLが見つかりません。 [url_not_found]",
    ]
    status, out, _err = _run(capsys, monkeypatch, "--lang", "en", "meeting", "parse", "--today", "2025-11-20",
                             stdin="日時: 12月5日 午後12時〜午後1時")  # fmt: skip
    assert status == 1
    assert "start: (not read)" in out.splitlines()
    assert 'check: 午前12時 / 午後12時 may mean noon or midnight; confirm the time. "午後12時" [time_ambiguous]' in out
    status, out, _err = _run(capsys, monkeypatch, "--lang", "en", "meeting", "parse", "--today", "2025-11-20",
                             stdin="2025年12月5日 14時00分 https://us02web.zoom.us/j/81234567890")
    assert "start: 5 Dec 2025 (Reiwa 7) 14:00 JST" in out.splitlines() and "platform: Zoom" in out.splitlines()


def test_invite_writes_eml_and_ics(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    status, out, err = _run(
        capsys, monkeypatch, "meeting", "invite", "--start", "2025-12-05T14:00+09:00", "--end", "2025-12-05T15:00",
        "--url", "https://zoom.us/j/81234567890", "--to", "sato@example.jp", "--office-name", "山田司法書士事務所",
        "--verification-link", "https://kyc.example.jp/r/AbCd", "--out", str(out_dir), "--json",
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(out)
    assert data["eml"] == str(out_dir / "invitation.eml") and data["ics"] == str(out_dir / "invitation.ics")
    assert data["mailto"].startswith("mailto:sato@example.jp?subject=")
    assert data["subject"] == "【山田司法書士事務所】ご面談のご案内（令和7年12月5日）"
    event = next(iter(icalendar.Calendar.from_ical((out_dir / "invitation.ics").read_bytes()).walk("VEVENT")))
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert event.decoded("DTSTART").isoformat() == "2025-12-05T14:00:00+09:00"
    assert event.decoded("DTEND").isoformat() == "2025-12-05T15:00:00+09:00"  # no offset given: Japan time
    msg = email.message_from_bytes((out_dir / "invitation.eml").read_bytes(), policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "方法: オンライン（Zoom）" in body and "https://kyc.example.jp/r/AbCd" in body
    assert [a.get_filename() for a in msg.iter_attachments()] == ["invitation.ics"]  # type: ignore[attr-defined]


def test_invite_refuses_end_before_start(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status, out, err = _run(
        capsys, monkeypatch, "meeting", "invite", "--start", "2025-12-05T15:00+09:00",
        "--end", "2025-12-05T14:00+09:00", "--url", "https://zoom.us/j/81234567890", "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert status == 1 and out == ""
    assert err.strip() == "kyc-desk: 終了日時が開始日時より前です。"
    assert not (tmp_path / "out").exists()


def test_template_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, _err = _run(capsys, monkeypatch, "meeting", "template", "不動産売買", "--json")
    assert status == 0
    data = json.loads(out)
    assert (data["kind"], data["ja"], data["en"]) == ("real_estate_sale", "不動産売買", "sale of real estate")
    keys = [s["key"] for s in data["sections"]]
    assert keys == ["person", "thing", "intent", "explained", "answers", "staff", "notes"]
    assert {"key": "price", "ja": "売買代金", "en": "the price"} in data["sections"][1]["items"]
    status, _out, err = _run(capsys, monkeypatch, "meeting", "template", "unknown")
    assert status == 1 and "議事録テンプレートはありません" in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_parse_reads_utf8_and_shift_jis_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(INVITE.encode(encoding))))
    status = main(["meeting", "parse", "--json", "--today", "2025-11-20"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert (data["start"], data["passcode"]) == ("2025-12-05T14:00:00+09:00", "abc123")


def test_parse_refuses_binary_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\x81\xff\xfe\x00\x85")))
    status = main(["meeting", "parse", "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert "Traceback" not in err and err.startswith("kyc-desk: 標準入力を文字として読めませんでした")


def test_parse_too_long_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"12/5 14:00-15:00 " * 30_000)))
    status = main(["meeting", "parse", "--json", "--today", "2025-11-20"])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert data["start"] is None and [p["code"] for p in data["problems"]] == ["text_too_long"]
