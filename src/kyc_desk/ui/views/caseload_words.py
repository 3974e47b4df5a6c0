"""案件と面談の言葉 — what the matters place and the 面談カード show for stored codes.

Party roles, meeting status and mode, platforms and 人・物・意思 are stored as codes (the ``value`` of the
enums in :mod:`kyc_desk.records.model`); their Japanese and English labels are tables in
:mod:`kyc_desk.app.labels` rendered by :mod:`kyc_desk.app.texts`, like every other stored code. This module
adds what only these two windows need: the order the codes are offered in. It takes code strings, so that
the window builds its forms without importing the records layer (SQLAlchemy) at start.
"""

from __future__ import annotations

from collections.abc import Iterable

from kyc_desk.app import labels, texts

#: The codes in the order they are offered: the label tables' order (the label tests hold them to the enums).
ROLES: tuple[str, ...] = tuple(labels.PARTY_ROLES)
STATUSES: tuple[str, ...] = tuple(labels.MEETING_STATUSES)
MODES: tuple[str, ...] = tuple(labels.MEETING_MODES)
CONFIRMED: tuple[str, ...] = tuple(labels.CONFIRMED)
PLATFORMS: tuple[str, ...] = tuple(labels.PLATFORMS)

status_text = texts.meeting_status_text
mode_text = texts.meeting_mode_text
date_text = texts.date_text
#: A meeting's time in Japan time: 令和8年12月8日（2026年） 14:00〜15:00.
when_text = texts.period_text
#: A matter kind (its minutes template) in the interface language; an unknown kind as stored.
template_name = texts.matter_kind_text


def role_text(role: str) -> str:
    """A party's role (売主, 買主, 相続人 …) by its code."""
    return texts.party_role_text(role)


def party_text(role: str, note: str | None) -> str:
    """The role with its note (「その他（連帯保証人）」)."""
    return texts.party_role_text(role, note)


def confirmed_text(codes: Iterable[str]) -> str:
    """What a meeting confirmed, in the order 人・物・意思."""
    return texts.confirmed_text(codes)


def platform_text(platform: str | None) -> str:
    """A web-meeting service by the reader's code."""
    return "" if platform is None else texts.platform_text(platform)
