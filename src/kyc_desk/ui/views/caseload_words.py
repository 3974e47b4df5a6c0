"""案件と面談の言葉 — the words the matters place and the 面談カード show for stored codes.

Party roles, meeting status and mode, the online platforms, 人・物・意思 and the minutes templates are
stored as codes (:mod:`kyc_desk.records.model`, :mod:`kyc_desk.meetings.minutes`); they are rendered here
in the interface language through Qt's translator, so the tables live in one place for both windows.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kyc_desk.jp.era import format_japanese
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.records.model import Confirmed, MeetingMode, MeetingStatus, PartyRole


def _t(text: str) -> str:
    return QCoreApplication.translate("Caseload", text)


def role_text(role: PartyRole) -> str:
    """A party's role in a matter (売主, 買主, 相続人 …)."""
    return {
        PartyRole.CLIENT: _t("依頼者"),
        PartyRole.SELLER: _t("売主"),
        PartyRole.BUYER: _t("買主"),
        PartyRole.HEIR: _t("相続人"),
        PartyRole.DECEASED: _t("被相続人"),
        PartyRole.PROMOTER: _t("発起人"),
        PartyRole.OFFICER: _t("役員"),
        PartyRole.MORTGAGOR: _t("設定者"),
        PartyRole.MORTGAGEE: _t("抵当権者"),
        PartyRole.DEBTOR: _t("債務者"),
        PartyRole.REPRESENTATIVE: _t("代表者"),
        PartyRole.AGENT: _t("代理人"),
        PartyRole.WITNESS: _t("立会人"),
        PartyRole.OTHER: _t("その他"),
    }[role]


def party_text(role: PartyRole, note: str | None) -> str:
    """The role with its note (「その他（連帯保証人）」)."""
    return role_text(role) + (f"（{note}）" if note else "")


def status_text(status: MeetingStatus) -> str:
    return {
        MeetingStatus.PLANNED: _t("予定"),
        MeetingStatus.HELD: _t("実施済み"),
        MeetingStatus.CANCELLED: _t("中止"),
    }[status]


def mode_text(mode: MeetingMode) -> str:
    return {MeetingMode.IN_PERSON: _t("対面"), MeetingMode.ONLINE: _t("オンライン")}[mode]


#: The platforms the invitation reader names (``kyc_desk.meetings.parse``), in the order offered.
PLATFORMS: tuple[str, ...] = ("zoom", "teams", "meet", "webex", "other")


def platform_text(platform: str | None) -> str:
    names = {"zoom": "Zoom", "teams": "Microsoft Teams", "meet": "Google Meet", "webex": "Webex"}
    if platform is None:
        return ""
    return names.get(platform) or _t("その他")


def confirmed_text(what: Confirmed) -> str:
    return {Confirmed.PERSON: _t("人"), Confirmed.THING: _t("物"), Confirmed.INTENT: _t("意思")}[what]


def date_text(day: dt.date | None) -> str:
    """A legal date as the scrivener's forms write it: 和暦 with the Western date beside."""
    if day is None:
        return ""
    return f"{format_japanese(day)}（{day.isoformat()}）"


def when_text(start: dt.datetime, end: dt.datetime | None) -> str:
    """A meeting's time in Japan time: 2026-12-05 14:00〜15:00."""
    start = start.astimezone(JAPAN_TIME)
    out = start.strftime("%Y-%m-%d %H:%M")
    if end is not None:
        end = end.astimezone(JAPAN_TIME)
        out += "〜" + (end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%Y-%m-%d %H:%M"))
    return out
