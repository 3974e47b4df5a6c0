"""Interface language for text produced below the UI (CLI output, error messages).

The window uses Qt's translation files (resources/i18n/*.qm); lower layers, which must not import Qt,
pick between a Japanese and an English string with :func:`tr`. Japanese is the default.

The language is chosen, in order, by :func:`set_language`, the ``KYC_DESK_LANG`` environment variable
(``ja`` or ``en``), and otherwise Japanese.
"""

from __future__ import annotations

import os
from typing import Literal

Lang = Literal["ja", "en"]
LANGUAGES: tuple[Lang, ...] = ("ja", "en")

_override: Lang | None = None


def set_language(lang: Lang | None) -> None:
    """Fix the language for this process (``None`` goes back to the environment's choice)."""
    global _override
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang!r}")
    _override = lang


def current_language() -> Lang:
    """The language text should be produced in now."""
    if _override is not None:
        return _override
    env = os.environ.get("KYC_DESK_LANG", "").strip().lower()[:2]
    return "en" if env == "en" else "ja"


def tr(ja: str, en: str) -> str:
    """Return ``ja`` or ``en`` according to :func:`current_language`."""
    return ja if current_language() == "ja" else en
