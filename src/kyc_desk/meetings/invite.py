"""The client's meeting invitation: a Japanese mail with an ``.ics`` calendar attachment.

The desk never sends mail (see kyc_desk.sync.mail): it offers the invitation as a ``mailto:`` URL and as an
``.eml`` draft carrying the ``.ics``, built with the same message type as the remote request. The calendar
file is written with the ``icalendar`` library: one VEVENT whose DTSTART and DTEND carry ``TZID=Asia/Tokyo``
with its VTIMEZONE, so every calendar program shows the Japan time the scrivener chose, wherever it runs.

What the client brings depends on how the office will verify them: ``"ic_card"`` (the IC card, and the
client must know its 暗証番号 — typed by the client at the desk, never sent by mail) or ``"documents"``
(the original identity documents); the matter's own documents (印鑑証明書, 登記識別情報 …) come as extra
lines. Where the office asks for remote verification first, the mail carries that link too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Final, Literal
from zoneinfo import ZoneInfo

from kyc_desk.errors import KycDeskError
from kyc_desk.jp.era import format_japanese
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.sync.mail import Attachment, RequestMail

Bring = Literal["ic_card", "documents"]

TOKYO: Final = ZoneInfo("Asia/Tokyo")
ICS_FILENAME: Final = "invitation.ics"
_WEEKDAYS_JA: Final = "月火水木金土日"
_PLATFORM_NAMES: Final = {
    "zoom": "Zoom",
    "teams": "Microsoft Teams",
    "meet": "Google Meet",
    "webex": "Webex",
}
_BRING_JA: Final[dict[str, tuple[str, ...]]] = {
    "ic_card": (
        "ICチップ付きの本人確認書類（マイナンバーカード、運転免許証または在留カード）の原本",
        "その暗証番号（マイナンバーカードは券面事項入力補助用の数字4桁、運転免許証は数字4桁の暗証番号）を"
        "覚えておいてください。暗証番号は当日ご本人に入力していただきます。メールや電話で当事務所に"
        "お知らせいただく必要はありません。",
    ),
    "documents": (
        "顔写真付きの本人確認書類（運転免許証、マイナンバーカード、在留カード、パスポートなど）の原本",
        "顔写真付きの書類をお持ちでない場合は、必要な書類が変わりますので事前にご相談ください。",
    ),
}


class InvitationError(KycDeskError):
    """The invitation cannot be built from what was given (the message says which part)."""

    default_ja = "面談の案内メールを作成できませんでした。"


@dataclass(frozen=True)
class Invitation:
    """The invitation: the mail (with the ``.ics`` attached for the ``.eml``) and the calendar file."""

    mail: RequestMail
    ics: bytes


def _when_ja(start: dt.datetime, end: dt.datetime) -> str:
    local_start, local_end = start.astimezone(JAPAN_TIME), end.astimezone(JAPAN_TIME)
    weekday = _WEEKDAYS_JA[local_start.weekday()]
    day = f"{format_japanese(local_start.date())}（{weekday}）"
    if local_end.date() != local_start.date():
        return f"{day} {local_start:%H:%M}〜{format_japanese(local_end.date())} {local_end:%H:%M}（日本時間）"
    return f"{day} {local_start:%H:%M}〜{local_end:%H:%M}（日本時間）"


def _check(start: dt.datetime, end: dt.datetime, url: str, place: str, one_line: tuple[str, ...]) -> None:
    if any(ch < " " or ch == "\x7f" for value in one_line for ch in value):
        # a line break in the recipient or the subject would add mail headers (header injection)
        raise InvitationError(
            "a one-line value (address, names, URL, place, id, passcode) contains a line break or control character",
            ja="宛先・名前・URL・場所・ミーティング番号・パスコードに改行や制御文字は使えません。",
        )
    if start.tzinfo is None or end.tzinfo is None:
        raise InvitationError(
            "start and end need a time zone (ISO 8601 with +09:00)",
            ja="開始・終了の日時にはタイムゾーン（+09:00）を付けてください。",
        )
    if end <= start:
        raise InvitationError("the end is not after the start", ja="終了日時が開始日時より前です。")
    if not url and not place:
        raise InvitationError(
            "give the meeting URL or the place", ja="会議のURLか面談の場所のどちらかを指定してください。"
        )
    if url and not url.lower().startswith(("https://", "http://")):
        raise InvitationError("the meeting URL must start with https://", ja="会議のURLは https:// で始めてください。")


def invitation(
    *,
    start: dt.datetime,
    end: dt.datetime,
    office_name: str,
    url: str = "",
    platform: str | None = None,
    place: str = "",
    meeting_id: str = "",
    passcode: str = "",
    bring: Bring = "ic_card",
    extra_items: tuple[str, ...] = (),
    verification_link: str = "",
    client_name: str = "",
    to: str = "",
    uid: str | None = None,
    stamp: dt.datetime,
) -> Invitation:
    """Build the invitation. ``stamp`` is when it was made (the .ics DTSTAMP; the caller reads the clock);
    ``uid`` names the event so a later change can replace it in the client's calendar (random by default)."""
    _check(start, end, url, place, (to, office_name, client_name, url, place, meeting_id, passcode, verification_link))
    when = _when_ja(start, end)
    salutation = f"{client_name} 様" if client_name else "お客様"
    lines = [f"日時: {when}"]
    if url:
        name = _PLATFORM_NAMES.get(platform or "", "")
        lines.append(f"方法: オンライン（{name}）" if name else "方法: オンライン")
        lines.append(f"参加URL: {url}")
        if meeting_id:
            lines.append(f"ミーティングID: {meeting_id}")
        if passcode:
            lines.append(f"パスコード: {passcode}")
    if place:
        lines.append(f"場所: {place}")
    items = "\n".join(f"・{item}" for item in (*_BRING_JA[bring], *extra_items))
    body = (
        f"{salutation}\n\n"
        f"{office_name}です。\n"
        "ご面談の日時と、当日お持ちいただくものをご案内いたします。\n\n" + "\n".join(lines) + "\n\n"
        "当日お持ちいただくもの:\n"
        f"{items}\n\n"
    )
    if verification_link:
        body += (
            "ご面談の前に、オンラインでの本人確認をお願いしております。下記のリンクからお手続きください。\n"
            f"{verification_link}\n\n"
        )
    body += (
        "ご都合が悪くなった場合は、お手数ですがご連絡ください。\n"
        "お心当たりのない場合は、このメールを破棄してください。\n\n"
        f"{office_name}\n"
    )
    subject = f"【{office_name}】ご面談のご案内（{format_japanese(start.astimezone(JAPAN_TIME).date())}）"
    ics = calendar_file(
        start=start,
        end=end,
        summary=f"{office_name} ご面談",
        description=body,
        location=url or place,
        url=url,
        uid=uid or f"{uuid.uuid4()}@kyc-desk.invalid",
        stamp=stamp,
    )
    attachment = Attachment(ICS_FILENAME, "text/calendar", ics, (("charset", "utf-8"), ("method", "PUBLISH")))
    return Invitation(RequestMail(to=to, subject=subject, body=body, attachments=(attachment,)), ics)


def calendar_file(
    *,
    start: dt.datetime,
    end: dt.datetime,
    summary: str,
    description: str,
    location: str,
    url: str,
    uid: str,
    stamp: dt.datetime,
) -> bytes:
    """One event as an iCalendar file (RFC 5545), times in Asia/Tokyo with the zone's VTIMEZONE."""
    from icalendar import Calendar, Event  # imported here: the CLI's other commands need not load it

    cal = Calendar()
    cal.add("prodid", "-//KYC Desk//meeting invitation//JA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", start.astimezone(TOKYO))
    event.add("dtend", end.astimezone(TOKYO))
    event.add("summary", summary)
    event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    cal.add_component(event)
    cal.add_missing_timezones()
    data: bytes = cal.to_ical()
    return data
