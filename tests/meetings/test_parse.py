"""Paste to fill: invitation texts of every kind, each checked on every field the parser proposes.

Every text is written for these tests (names, ids and links are invented). ``REF`` is the day year-less
dates count from; no test reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kyc_desk.meetings.parse import MAX_TEXT_CHARS, PROBLEMS, normalise, parse_invitation, platform_of

REF = dt.date(2025, 11, 20)  # a Thursday

ZOOM = "https://us06web.zoom.us/j/81234567890?pwd=Xk9aBcDeFgHiJkLmNoPqRsTuVwXyZ.1"
TEAMS = (
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjY4ZTk%40thread.v2/0?context=%7b%22Tid%22%3a%22abc%22%7d"
)
MEET = "https://meet.google.com/abc-defg-hij"
WEBEX = "https://example.webex.com/example/j.php?MTID=m0123456789abcdef"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    start: str | None
    end: str | None
    url: str | None
    platform: str | None
    meeting_id: str | None
    passcode: str | None
    problems: tuple[str, ...] = ()
    reference: dt.date = REF


CASES = [
    Case(
        "zoom_japanese",
        f"""山田 花子さんがあなたを予約されたZoomミーティングに招待しています。

トピック: 売買決済前のご面談
時刻: 2025年12月5日 02:00 PM 大阪、札幌、東京

Zoomミーティングに参加する
{ZOOM}

ミーティング ID: 812 3456 7890
パスコード: 7Hq2mP

---
ワンタップモバイル
+81363628317,,81234567890#,,,,*482913# 日本
""",
        "2025-12-05T14:00:00+09:00", None, ZOOM, "zoom", "81234567890", "7Hq2mP", ("end_missing",),
    ),
    Case(
        "zoom_japanese_full_width_gogo",
        "時刻：２０２５年１２月５日　午後０２：００　大阪、札幌、東京\n"
        "https://zoom.us/j/81234567890\nミーティングＩＤ：８１２ ３４５６ ７８９０\nパスコード：４８２９１３\n",
        "2025-12-05T14:00:00+09:00", None, "https://zoom.us/j/81234567890", "zoom", "81234567890", "482913",
        ("end_missing",),
    ),
    Case(
        "zoom_english_with_local_number_link",
        """Yamada Office is inviting you to a scheduled Zoom meeting.

Topic: Identity check before settlement
Time: Dec 5, 2025 02:00 PM Osaka, Sapporo, Tokyo

Join Zoom Meeting
https://zoom.us/j/91234567890?pwd=QWErty.1

Meeting ID: 912 3456 7890
Passcode: 551234

Find your local number: https://zoom.us/u/abcdEFGh
""",
        "2025-12-05T14:00:00+09:00", None, "https://zoom.us/j/91234567890?pwd=QWErty.1", "zoom", "91234567890",
        "551234", ("end_missing",),
    ),
    Case(
        "zoom_english_pacific_time_refused",
        "Time: Dec 4, 2025 09:00 PM Pacific Time (US and Canada)\nJoin Zoom Meeting\nhttps://zoom.us/j/91234567890\n"
        "Meeting ID: 912 3456 7890\nPasscode: 551234\n",
        None, None, "https://zoom.us/j/91234567890", "zoom", "91234567890", "551234", ("timezone_unsupported",),
    ),
    Case(
        "zoom_in_a_plain_mail_full_width_colons",
        "日時：12月5日（金）午後2時〜3時\n参加URL：https://zoom.us/j/81234567890\n"
        "ミーティングID：812 3456 7890\nパスコード：abc123\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", "abc123",
    ),
    Case(
        "teams_japanese_with_help_and_option_links",
        f"""日時: 2025年12月5日金曜日 14:00-15:00 (UTC+09:00) 大阪、札幌、東京

________________________________________________________________________________
Microsoft Teams ミーティング
コンピューター、モバイル アプリケーション、またはルーム デバイスで参加する
ここをクリックして会議に参加してください <{TEAMS}>
会議 ID: 398 765 432 109
パスコード: Zx3Yw9
Teams のダウンロード <https://www.microsoft.com/ja-jp/microsoft-teams/download-app> | Web に参加 <https://www.microsoft.com/microsoft-teams/join-a-meeting>
電話会議 ID: 123 456 789#
詳細情報 <https://aka.ms/JoinTeamsMeeting> | 会議のオプション <https://teams.microsoft.com/meetingOptions/?organizerId=abc>
""",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", TEAMS, "teams", "398765432109", "Zx3Yw9",
    ),
    Case(
        "teams_english_when_line",
        f"""When: Friday, December 5, 2025 2:00 PM-3:00 PM (UTC+09:00) Osaka, Sapporo, Tokyo

Microsoft Teams meeting
Join on your computer, mobile app or room device
Click here to join the meeting<{TEAMS}>
Meeting ID: 234 567 890 123
Passcode: q7RtY2
Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>
Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/?organizerId=x>
""",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", TEAMS, "teams", "234567890123", "q7RtY2",
    ),
    Case(
        "teams_forward_with_mail_headers",
        """-----Original Message-----
差出人: 佐藤 一郎 <sato@example.jp>
送信日時: 2025年11月28日 10:15
宛先: 山田司法書士事務所 <office@example.jp>
件名: 面談の件

日時: 12月5日（金）15:00～16:00
Teams: https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0
""",
        "2025-12-05T15:00:00+09:00", "2025-12-05T16:00:00+09:00",
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "teams", None, None,
    ),
    Case(
        "meet_japanese_calendar",
        f"""売買契約の事前面談
2025年12月5日 (金曜日)⋅午後2:00～3:00
タイムゾーン: Asia/Tokyo
Google Meet の参加情報
ビデオ通話のリンク: {MEET}
または電話でダイヤル: (US) +1 575-123-4567 PIN: 123 456 789#
その他の電話番号: https://tel.meet/abc-defg-hij?pin=1234567890

招待状: Google カレンダー https://calendar.google.com/calendar/
詳細: https://support.google.com/calendar/answer/37135#forwarding
""",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "meet_english_yearless_pm_on_the_end_only",
        "Pre-settlement call\nFriday, December 5⋅2:00 – 3:00pm\nTime zone: Asia/Tokyo\n"
        "Google Meet joining info\nVideo call link: https://meet.google.com/xyz-abcd-efg\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://meet.google.com/xyz-abcd-efg", "meet",
        "xyz-abcd-efg", None,
    ),
    Case(
        "webex_japanese_duration_not_an_end",
        f"""ミーティングの日時: 2025年12月5日 14:00 | (UTC+09:00) 大阪、札幌、東京 | 1 時間
ミーティングに参加する
{WEBEX}
ミーティング番号: 2512 345 6789
パスワード: Kyc2025!
ヘルプ: https://help.webex.com/ja-jp/
""",
        "2025-12-05T14:00:00+09:00", None, WEBEX, "webex", "25123456789", "Kyc2025!", ("end_missing",),
    ),
    Case(
        "webex_english_personal_room",
        """Meeting time: Friday, Dec 5, 2025 10:00 am | (UTC+09:00) Osaka, Sapporo, Tokyo | 30 mins
Join meeting
https://example.webex.com/meet/tanaka.ichiro
Meeting number (access code): 2513 456 7890
Meeting password: aBc12345
""",
        "2025-12-05T10:00:00+09:00", None, "https://example.webex.com/meet/tanaka.ichiro", "webex", "25134567890",
        "aBc12345", ("end_missing",),
    ),
    Case(
        "plain_mail_reiwa_full_width_in_person",
        "山田様\nお世話になっております。\n下記の日程で面談をお願いいたします。\n\n"
        "日時：令和７年１２月５日（金）午後２時～３時\n場所：当事務所\n\nよろしくお願いいたします。\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", None, None, None, None, ("url_not_found",),
    ),
    Case(
        "noon_to_one",
        "面談日時: 12月8日(月) 正午〜午後1時\nZoom: https://zoom.us/j/81234567890\n",
        "2025-12-08T12:00:00+09:00", "2025-12-08T13:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "gozen_with_minutes_slash_date",
        "日時: 2025/12/10 (水) 午前10時〜11時30分\nhttps://meet.google.com/abc-defg-hij\n",
        "2025-12-10T10:00:00+09:00", "2025-12-10T11:30:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "gozen_eleven_to_twelve_is_noon",
        "日時：2025年12月11日（木）午前11時〜12時\nhttps://zoom.us/j/81234567890\n",
        "2025-12-11T11:00:00+09:00", "2025-12-11T12:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "han_for_half_past",
        "12/12 14時半〜15時半 https://meet.google.com/abc-defg-hij",
        "2025-12-12T14:30:00+09:00", "2025-12-12T15:30:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "iso_date_en_dash",
        "2025-12-15 09:30–10:15\nオンライン面談: https://whereby.com/yamada-office\n",
        "2025-12-15T09:30:00+09:00", "2025-12-15T10:15:00+09:00", "https://whereby.com/yamada-office", "other",
        None, None,
    ),
    Case(
        "reiwa_gannen",
        "令和元年5月7日 10:00-11:00\nhttps://zoom.us/j/81234567890",
        "2019-05-07T10:00:00+09:00", "2019-05-07T11:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "yearless_rolls_into_next_year",
        "日時：1月9日（金）13:00〜14:00\nhttps://meet.google.com/abc-defg-hij\n",
        "2026-01-09T13:00:00+09:00", "2026-01-09T14:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
        reference=dt.date(2025, 12, 20),
    ),
    Case(
        "yearless_on_the_reference_day",
        "11月20日 16:00-17:00 https://meet.google.com/abc-defg-hij",
        "2025-11-20T16:00:00+09:00", "2025-11-20T17:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "yearless_the_day_before_is_next_year",
        "11月19日 16:00-17:00 https://meet.google.com/abc-defg-hij",
        "2026-11-19T16:00:00+09:00", "2026-11-19T17:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "full_width_slash_date_and_hyphen",
        "１２／５　１４：００－１５：００\nhttps://zoom.us/j/81234567890\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "kara_made",
        "12月5日 午後2時から午後3時まで、オンラインで面談します。\n面談用のリンク:\nhttps://whereby.com/yamada-office\n"
        "事務所のホームページ: https://www.yamada-shihoshoshi.example.jp/\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://whereby.com/yamada-office", "other",
        None, None,
    ),
    Case(
        "open_range_has_no_end",
        "日時：2025年12月5日 14:00〜\nhttps://meet.google.com/abc-defg-hij\n",
        "2025-12-05T14:00:00+09:00", None, MEET, "meet", "abc-defg-hij", None, ("end_missing",),
    ),
    Case(
        "the_brief_example_kanji_minutes",
        "2025年12月5日 14時00分",
        "2025-12-05T14:00:00+09:00", None, None, None, None, None, ("end_missing", "url_not_found"),
    ),
    Case(
        "time_on_the_next_line",
        "日付：2025年12月5日（金）\n時間：14時00分～15時00分\nURL: https://meet.google.com/abc-defg-hij\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "english_day_month_year",
        "Meeting: 5 December 2025, 14:00–15:00 JST\nJoin: https://meet.google.com/abc-defg-hij\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "utc_converted_to_japan_time",
        "Time: Dec 5, 2025 05:00 AM UTC\nJoin Zoom Meeting\nhttps://zoom.us/j/91234567890\n",
        "2025-12-05T14:00:00+09:00", None, "https://zoom.us/j/91234567890", "zoom", "91234567890", None,
        ("end_missing",),
    ),
    Case(
        "other_site_with_unsubscribe_and_homepage",
        "オンライン面談 12月5日 14:00-15:00\n参加用URL: https://whereby.com/yamada-office\n"
        "配信停止はこちら: https://mail.example.jp/unsubscribe?u=123\n"
        "事務所ホームページ: https://www.yamada-shihoshoshi.example.jp/\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://whereby.com/yamada-office", "other",
        None, None,
    ),
    Case(
        "pin_wording_is_not_a_passcode",
        "日時：12月5日（金）14:00〜15:00\nhttps://zoom.us/j/81234567890\n"
        "当日はマイナンバーカードと暗証番号（パスワード）をご用意ください。\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "era_initial_dotted_and_no_password",
        "日時: R7.12.5（金） 14:00-15:00\nhttps://zoom.us/j/81234567890\nパスワード: なし\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None,
    ),
    Case(
        "webex_japanese_weekday_word_and_duration",
        "2025年12月5日 金曜日 14:00 | 1 時間 | (UTC+09:00) 大阪、札幌、東京\n"
        "https://example.webex.com/meet/yamada\nパスワード: None\n",
        "2025-12-05T14:00:00+09:00", None, "https://example.webex.com/meet/yamada", "webex", None, None,
        ("end_missing",),
    ),
    # --- texts that must fail, each with a named problem ---
    Case(
        "two_proposed_dates_are_ambiguous",
        "以下のいずれかでご都合はいかがでしょうか。\n①12月5日（金）14:00〜15:00\n②12月8日（月）10:00〜11:00\n",
        None, None, None, None, None, None, ("start_ambiguous", "url_not_found"),
    ),
    Case(
        "weekday_does_not_match",
        "日時: 令和7年12月5日（木）14:00-15:00\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("weekday_mismatch",),
    ),
    Case(
        "no_such_date",
        "日時: 2025年2月30日 10:00〜11:00\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("date_invalid",),
    ),
    Case(
        "gogo_twelve_is_ambiguous",
        "日時: 12月5日 午後12時〜午後1時\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("time_ambiguous",),
    ),
    Case(
        "no_date_at_all",
        "明日の午後2時からZoomでお願いします https://zoom.us/j/81234567890",
        None, None, "https://zoom.us/j/81234567890", "zoom", "81234567890", None, ("start_not_found",),
    ),
    Case(
        "date_without_a_time",
        "面談日: 12月5日（金）\n詳細は追ってご連絡します。\n",
        None, None, None, None, None, None, ("start_time_missing", "url_not_found"),
    ),
    Case(
        "labelled_date_without_time_is_not_replaced_by_another",
        "日時: 12月5日（金）\n（前回 11月28日 10:00 の面談の続きです）\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("start_time_missing",),
    ),
    Case(
        "time_zone_on_the_time_line_below_the_date",
        "Date of meeting\nDecember 5, 2025\n2:00 PM - 3:00 PM (UTC+00:00)\nhttps://meet.google.com/abc-defg-hij\n",
        "2025-12-05T23:00:00+09:00", "2025-12-06T00:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "end_before_start",
        "12月5日 15:00〜14:00\n",
        "2025-12-05T15:00:00+09:00", None, None, None, None, None, ("end_before_start", "url_not_found"),
    ),
    Case(
        "two_meeting_links_are_ambiguous",
        "日時: 12/5 14:00-15:00\nZoom: https://zoom.us/j/81234567890\n"
        "予備: https://teams.microsoft.com/l/meetup-join/abc\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", None, None, None, None, ("url_ambiguous",),
    ),
    Case(
        "meeting_id_differs_from_the_link",
        "日時: 12月5日 14:00〜15:00\nhttps://zoom.us/j/81234567890\nミーティングID: 812 3456 7899\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom", None,
        None, ("meeting_id_conflict",),
    ),
    Case(
        "passcode_announced_later",
        "日時: 12月5日 14:00〜15:00\nhttps://zoom.us/j/81234567890\nパスコード：当日お知らせします\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", "https://zoom.us/j/81234567890", "zoom",
        "81234567890", None, ("passcode_unreadable",),
    ),
    Case(
        "hour_25_is_not_a_time",
        "日時: 12月5日 25:00〜26:00\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("time_invalid",),
    ),
    Case(
        "gogo_fourteen_is_not_a_time",
        "日時: 12月5日 午後14時ー15時\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("time_invalid",),
    ),
    Case(
        "reiwa_zero_does_not_exist",
        "日時: 令和0年12月5日 14:00-15:00\nhttps://meet.google.com/abc-defg-hij\n",
        None, None, MEET, "meet", "abc-defg-hij", None, ("date_invalid",),
    ),
    Case(
        "chouon_as_a_dash",
        "日時: 12月5日 14:00ー15:00\nhttps://meet.google.com/abc-defg-hij\n",
        "2025-12-05T14:00:00+09:00", "2025-12-05T15:00:00+09:00", MEET, "meet", "abc-defg-hij", None,
    ),
    Case(
        "empty_text",
        "",
        None, None, None, None, None, None, ("start_not_found", "url_not_found"),
    ),
]  # fmt: skip


def test_there_are_at_least_thirty_texts() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_field(case: Case) -> None:
    result = parse_invitation(case.text, reference=case.reference).to_json()
    problems = result.pop("problems")
    assert result == {
        "start": case.start,
        "end": case.end,
        "url": case.url,
        "platform": case.platform,
        "meeting_id": case.meeting_id,
        "passcode": case.passcode,
    }
    assert isinstance(problems, list)
    assert [p["code"] for p in problems] == list(case.problems)
    for problem in problems:  # each problem says which field it concerns, in both languages
        field, ja, en = PROBLEMS[problem["code"]]
        assert (problem["field"], problem["ja"], problem["en"]) == (field, ja, en)


def test_a_failed_start_names_the_fragment() -> None:
    result = parse_invitation("日時: 令和7年12月5日（木）14:00-15:00", reference=REF)
    assert result.start is None
    assert [(p.code, p.fragment) for p in result.problems[:1]] == [("weekday_mismatch", "令和7年12月5日(木)")]


def test_starts_are_aware_and_in_japan_time() -> None:
    result = parse_invitation("Time: Dec 5, 2025 06:00 AM GMT+1", reference=REF)
    assert result.start == dt.datetime(2025, 12, 5, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert result.start is not None and result.start.utcoffset() == dt.timedelta(hours=9)


def test_the_reference_date_decides_the_year_not_the_clock() -> None:
    text = "12月5日 14:00-15:00"
    assert parse_invitation(text, reference=dt.date(2030, 1, 1)).to_json()["start"] == "2030-12-05T14:00:00+09:00"
    assert parse_invitation(text, reference=dt.date(2030, 12, 6)).to_json()["start"] == "2031-12-05T14:00:00+09:00"


def test_29_february_without_a_year_is_the_next_leap_day() -> None:
    assert parse_invitation("2月29日 10:00-11:00", reference=REF).to_json()["start"] == "2028-02-29T10:00:00+09:00"


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://zoom.us/j/81234567890", "zoom"),
        ("https://support.zoom.us/hc/ja", None),
        ("https://zoom.us/download", None),
        ("https://teams.live.com/meet/9312345678901?p=abc", "teams"),
        ("https://aka.ms/JoinTeamsMeeting", None),
        ("https://meet.google.com/abc-defg-hij", "meet"),
        ("https://meet.google.com/", None),
        ("https://example.webex.com/meet/tanaka", "webex"),
        ("https://help.webex.com/ja-jp/", None),
        ("https://whereby.com/yamada", "other"),
        ("https://mail.example.jp/unsubscribe?u=1", None),
    ],
)
def test_platform_of(url: str, platform: str | None) -> None:
    assert platform_of(url) == platform


def test_normalise_keeps_list_marks_apart_from_dates() -> None:
    assert normalise("①１２月５日\r\n") == " (1) 12月5日\n"


def test_a_paste_beyond_the_limit_is_not_read() -> None:
    result = parse_invitation("12/5 14:00-15:00 " + "x" * MAX_TEXT_CHARS, reference=REF)
    assert result.to_json() == {
        "start": None, "end": None, "url": None, "platform": None, "meeting_id": None, "passcode": None,
        "problems": [{"code": "text_too_long", "field": "start", "ja": PROBLEMS["text_too_long"][1],
                      "en": PROBLEMS["text_too_long"][2], "fragment": None}],
    }  # fmt: skip


def test_a_whole_mailbox_on_one_line_still_reads() -> None:
    """Lines are read within a bounded window: the same meeting repeated on one long line is one start."""
    text = "日時: 12/5 14:00-15:00 https://meet.google.com/abc-defg-hij " * 1500
    assert 80_000 < len(text) <= MAX_TEXT_CHARS and "\n" not in text
    result = parse_invitation(text, reference=REF)
    assert (result.to_json()["start"], result.to_json()["end"]) == (
        "2025-12-05T14:00:00+09:00",
        "2025-12-05T15:00:00+09:00",
    )
    assert (result.url, result.problems) == (MEET, ())
