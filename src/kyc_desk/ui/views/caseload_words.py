"""案件と面談の言葉 — the words the matters place and the 面談カード show for stored codes.

Party roles, meeting status and mode, the online platforms and 人・物・意思 are stored as codes (the
``value`` of the enums in :mod:`kyc_desk.records.model`); they are rendered here in the interface language
through Qt's translator, so the tables live in one place for both windows. The functions take the code
strings, so that the window can build its forms without importing the records layer (SQLAlchemy) at start.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kyc_desk.i18n import current_language
from kyc_desk.jp.era import format_japanese
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.meetings.minutes import TEMPLATES

translate = QCoreApplication.translate  # literal calls below, so that lupdate finds the texts


def role_text(role: str) -> str:
    """A party's role in a matter (売主, 買主, 相続人 …), by its code (``PartyRole.value``)."""
    return {
        "client": translate("Caseload", "依頼者"),
        "seller": translate("Caseload", "売主"),
        "buyer": translate("Caseload", "買主"),
        "heir": translate("Caseload", "相続人"),
        "deceased": translate("Caseload", "被相続人"),
        "promoter": translate("Caseload", "発起人"),
        "officer": translate("Caseload", "役員"),
        "mortgagor": translate("Caseload", "設定者"),
        "mortgagee": translate("Caseload", "抵当権者"),
        "debtor": translate("Caseload", "債務者"),
        "representative": translate("Caseload", "代表者"),
        "agent": translate("Caseload", "代理人"),
        "witness": translate("Caseload", "立会人"),
        "other": translate("Caseload", "その他"),
    }[role]


def party_text(role: str, note: str | None) -> str:
    """The role with its note (「その他（連帯保証人）」)."""
    return role_text(role) + (f"（{note}）" if note else "")


def status_text(status: str) -> str:
    return {
        "planned": translate("Caseload", "予定"),
        "held": translate("Caseload", "実施済み"),
        "cancelled": translate("Caseload", "中止"),
    }[status]


def mode_text(mode: str) -> str:
    return {
        "in_person": translate("Caseload", "対面"),
        "online": translate("Caseload", "オンライン"),
    }[mode]


#: The codes in the order they are offered (the values of PartyRole, MeetingStatus, MeetingMode, Confirmed).
ROLES: tuple[str, ...] = ("client", "seller", "buyer", "heir", "deceased", "promoter", "officer", "mortgagor",
                          "mortgagee", "debtor", "representative", "agent", "witness", "other")
STATUSES: tuple[str, ...] = ("planned", "held", "cancelled")
MODES: tuple[str, ...] = ("in_person", "online")
CONFIRMED: tuple[str, ...] = ("person", "thing", "intent")

#: The platforms the invitation reader names (``kyc_desk.meetings.parse``), in the order offered.
PLATFORMS: tuple[str, ...] = ("zoom", "teams", "meet", "webex", "other")


def platform_text(platform: str | None) -> str:
    names = {"zoom": "Zoom", "teams": "Microsoft Teams", "meet": "Google Meet", "webex": "Webex"}
    if platform is None:
        return ""
    return names.get(platform) or translate("Caseload", "その他")


def confirmed_text(what: str) -> str:
    return {
        "person": translate("Caseload", "人"),
        "thing": translate("Caseload", "物"),
        "intent": translate("Caseload", "意思"),
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


def template_name(kind: str) -> str:
    """A matter kind (its minutes template) in the interface language; an unknown kind as stored."""
    template = TEMPLATES.get(kind)
    if template is None:
        return kind
    return template.en if current_language() == "en" else template.ja
