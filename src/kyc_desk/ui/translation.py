"""画面の言語 — installs Qt's translator for the chosen interface language.

The window's source strings are Japanese (the default interface); English comes from Qt's translation
file ``kyc_desk_en.qm``, compiled with ``pyside6-lrelease`` from ``resources/i18n/kyc_desk_en.ts`` and
shipped inside this package (``kyc_desk/ui/i18n/``), so it is found wherever the package is installed.

The language is applied when the window starts; a change in the menu is saved in the settings and takes
effect on the next start (the window says so). Text produced below the UI (error messages) follows
:func:`kyc_desk.i18n.set_language`, which :func:`install_language` sets to the same language.
"""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from kyc_desk.errors import ConfigError
from kyc_desk.i18n import Lang, set_language

log = logging.getLogger(__name__)

QM_NAME = "kyc_desk_en.qm"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` and return it unchanged (typed, unlike Qt's own)."""
    return text


def install_language(app: QCoreApplication, lang: Lang) -> QTranslator | None:
    """Make ``lang`` the interface language; returns the installed translator (None for Japanese).

    A missing or unreadable English translation raises :class:`ConfigError` instead of silently showing
    Japanese to a user who asked for English.
    """
    set_language(lang)
    if lang == "ja":
        QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
        return None
    translator = QTranslator(app)
    data = resources.files("kyc_desk.ui").joinpath("i18n", QM_NAME).read_bytes()
    # QTranslator.load(bytes) keeps a pointer to the buffer: keep it alive with the translator.
    translator._kyc_desk_data = data  # type: ignore[attr-defined]
    if not translator.load(data):
        raise ConfigError("The English translation file is damaged.", ja="英語の翻訳ファイルが壊れています。")
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    log.info("interface language: en")
    return translator
