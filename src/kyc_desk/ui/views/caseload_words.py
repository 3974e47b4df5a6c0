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

translate = QCoreApplication.translate  # literal calls below, so that lupdate finds the texts


def role_text(role: PartyRole) -> str:
    """A party's role in a matter (売主, 買主, 相続人 …)."""
    return {
        PartyRole.CLIENT: translate("Caseload", "依頼者"),
        PartyRole.SELLER: translate("Caseload", "売主"),
        PartyRole.BUYER: translate("Caseload", "買主"),
        PartyRole.HEIR: translate("Caseload", "相続人"),
        PartyRole.DECEASED: translate("Caseload", "被相続人"),
        PartyRole.PROMOTER: translate("Caseload", "発起人"),
        PartyRole.OFFICER: translate("Caseload", "役員"),
        PartyRole.MORTGAGOR: translate("Caseload", "設定者"),
        PartyRole.MORTGAGEE: translate("Caseload", "抵当権者"),
        PartyRole.DEBTOR: translate("Caseload", "債務者"),
        PartyRole.REPRESENTATIVE: translate("Caseload", "代表者"),
        PartyRole.AGENT: translate("Caseload", "代理人"),
        PartyRole.WITNESS: translate("Caseload", "立会人"),
        PartyRole.OTHER: translate("Caseload", "その他"),
    }[role]


def party_text(role: PartyRole, note: str | None) -> str:
    """The role with its note (「その他（連帯保証人）」)."""
    return role_text(role) + (f"（{note}）" if note else "")


def status_text(status: MeetingStatus) -> str:
    return {
        MeetingStatus.PLANNED: translate("Caseload", "予定"),
        MeetingStatus.HELD: translate("Caseload", "実施済み"),
        MeetingStatus.CANCELLED: translate("Caseload", "中止"),
    }[status]


def mode_text(mode: MeetingMode) -> str:
    return {
        MeetingMode.IN_PERSON: translate("Caseload", "対面"),
        MeetingMode.ONLINE: translate("Caseload", "オンライン"),
    }[mode]


#: The platforms the invitation reader names (``kyc_desk.meetings.parse``), in the order offered.
PLATFORMS: tuple[str, ...] = ("zoom", "teams", "meet", "webex", "other")


def platform_text(platform: str | None) -> str:
    names = {"zoom": "Zoom", "teams": "Microsoft Teams", "meet": "Google Meet", "webex": "Webex"}
    if platform is None:
        return ""
    return names.get(platform) or translate("Caseload", "その他")


def confirmed_text(what: Confirmed) -> str:
    return {
        Confirmed.PERSON: translate("Caseload", "人"),
        Confirmed.THING: translate("Caseload", "物"),
        Confirmed.INTENT: translate("Caseload", "意思"),
    }[what]


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
