"""The invitation: the .ics parses back with icalendar in Asia/Tokyo, the .eml with Python's email parser."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import urllib.parse
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import icalendar
import pytest

from kyc_desk.meetings.invite import InvitationError, invitation

JST = dt.timezone(dt.timedelta(hours=9))
START = dt.datetime(2025, 12, 5, 14, 0, tzinfo=JST)
END = dt.datetime(2025, 12, 5, 15, 0, tzinfo=JST)
STAMP = dt.datetime(2025, 11, 20, 1, 2, 3, tzinfo=dt.UTC)
URL = "https://zoom.us/j/81234567890"


def _build(**overrides: object) -> object:
    args: dict[str, object] = {
        "start": START, "end": END, "office_name": "山田司法書士事務所", "url": URL, "platform": "zoom",
        "meeting_id": "81234567890", "passcode": "abc123", "client_name": "佐藤 一郎", "to": "sato@example.jp",
        "uid": "meeting-1@kyc-desk.invalid", "stamp": STAMP,
    }  # fmt: skip
    args.update(overrides)
    return invitation(**args)  # type: ignore[arg-type]


def test_the_ics_parses_back_in_tokyo_time() -> None:
    built = _build()
    cal = icalendar.Calendar.from_ical(built.ics)  # type: ignore[attr-defined]
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == START and end == END  # the same instants
    assert start.tzinfo == ZoneInfo("Asia/Tokyo") and start.utcoffset() == dt.timedelta(hours=9)
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 12, 5, 5, 0, tzinfo=dt.UTC)
    assert event["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert b"DTSTART;TZID=Asia/Tokyo:20251205T140000" in built.ics  # type: ignore[attr-defined]
    assert b"DTEND;TZID=Asia/Tokyo:20251205T150000" in built.ics  # type: ignore[attr-defined]
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Asia/Tokyo"]
    assert str(event["UID"]) == "meeting-1@kyc-desk.invalid"
    assert event.decoded("DTSTAMP") == STAMP
    assert str(event["LOCATION"]) == URL and str(event["URL"]) == URL
    assert str(event["SUMMARY"]) == "山田司法書士事務所 ご面談"
    assert "令和7年12月5日（金） 14:00〜15:00（日本時間）" in str(event["DESCRIPTION"])
    assert str(cal["METHOD"]) == "PUBLISH"


def test_the_eml_carries_the_japanese_text_and_the_ics() -> None:
    built = _build(verification_link="https://kyc.example.jp/r/AbCd")
    raw = built.mail.to_eml()  # type: ignore[attr-defined]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg["To"] == "sato@example.jp"
    assert msg["Subject"] == "【山田司法書士事務所】ご面談のご案内（令和7年12月5日）"
    assert msg["X-Unsent"] == "1"
    body_part = msg.get_body(preferencelist=("plain",))
    assert body_part is not None
    body = body_part.get_content().replace("\r\n", "\n")  # the .eml has CRLF line ends
    assert body.startswith("佐藤 一郎 様\n")
    for line in (
        "日時: 令和7年12月5日（金） 14:00〜15:00（日本時間）",
        "方法: オンライン（Zoom）",
        f"参加URL: {URL}",
        "ミーティングID: 81234567890",
        "パスコード: abc123",
        "・ICチップ付きの本人確認書類（マイナンバーカード、運転免許証または在留カード）の原本",
        "https://kyc.example.jp/r/AbCd",
    ):
        assert line in body.splitlines()
    assert "暗証番号" in body and "お知らせいただく必要はありません" in body
    attachments = list(msg.iter_attachments())
    assert len(attachments) == 1
    ics = attachments[0]
    assert ics.get_filename() == "invitation.ics"
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "PUBLISH"
    assert ics.get_content() == built.ics.decode()  # type: ignore[attr-defined]
    cal = icalendar.Calendar.from_ical(ics.get_content())
    assert next(iter(cal.walk("VEVENT"))).decoded("DTSTART") == START


def test_the_mailto_has_the_same_text_without_the_attachment() -> None:
    built = _build()
    mailto = built.mail.mailto_url()  # type: ignore[attr-defined]
    assert mailto.startswith("mailto:sato@example.jp?")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(mailto).query)
    assert query["subject"] == [built.mail.subject]  # type: ignore[attr-defined]
    assert query["body"] == [built.mail.body.replace("\n", "\r\n")]  # type: ignore[attr-defined]


def test_documents_in_person_with_extra_items() -> None:
    built = _build(url="", platform=None, meeting_id="", passcode="", place="山田司法書士事務所（3階）",
                   bring="documents", extra_items=("印鑑証明書（発行後3か月以内）",))  # fmt: skip
    body = built.mail.body  # type: ignore[attr-defined]
    assert "場所: 山田司法書士事務所（3階）" in body.splitlines()
    assert "・顔写真付きの本人確認書類（運転免許証、マイナンバーカード、在留カード、パスポートなど）の原本" in body
    assert "・印鑑証明書（発行後3か月以内）" in body.splitlines()
    assert "参加URL" not in body and "ICチップ" not in body
    event = next(iter(icalendar.Calendar.from_ical(built.ics).walk("VEVENT")))  # type: ignore[attr-defined]
    assert str(event["LOCATION"]) == "山田司法書士事務所（3階）" and "URL" not in event


def test_an_other_zone_start_is_written_in_tokyo_time() -> None:
    built = _build(start=START.astimezone(dt.UTC), end=END.astimezone(dt.UTC))
    assert b"DTSTART;TZID=Asia/Tokyo:20251205T140000" in built.ics  # type: ignore[attr-defined]
    assert "14:00〜15:00（日本時間）" in built.mail.body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("overrides", "ja"),
    [
        ({"end": START}, "終了日時が開始日時より前です。"),
        ({"start": START.replace(tzinfo=None)}, "開始・終了の日時にはタイムゾーン（+09:00）を付けてください。"),
        ({"url": "", "place": ""}, "会議のURLか面談の場所のどちらかを指定してください。"),
        ({"url": "javascript:alert(1)"}, "会議のURLは https:// で始めてください。"),
        (
            {"to": "a@example.jp\r\nBcc: x@example.jp"},
            "宛先・名前・URL・場所・ミーティング番号・パスコードに改行や制御文字は使えません。",
        ),
        (
            {"office_name": "事務所\n"},
            "宛先・名前・URL・場所・ミーティング番号・パスコードに改行や制御文字は使えません。",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason(overrides: dict[str, object], ja: str) -> None:
    with pytest.raises(InvitationError) as caught:
        _build(**overrides)
    assert caught.value.ja == ja
