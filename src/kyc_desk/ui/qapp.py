"""The process's QApplication, set up once for the desk window and the client app alike (font, names,
the interpreter's switch interval). Its own module so that the client app gets it without loading the
desk's window (:mod:`kyc_desk.ui.app` re-exports it)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    """The process's QApplication (created once, Japanese-capable font first)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Worker threads (card session, face and database tasks) run Python too; a shorter interpreter switch
    # interval hands the lock back to the UI thread sooner, so painting never waits long behind them.
    sys.setswitchinterval(0.001)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("kyc-desk")
    app.setApplicationDisplayName("本人確認デスク")
    app.setOrganizationName("kyc-desk")
    font = QFont(app.font())
    # Fontconfig may otherwise pick a Chinese face for kanji; IPAex is the bundled Japanese font.
    font.setFamilies(["IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", "Yu Gothic UI", "Meiryo", *font.families()])
    font.setPointSize(max(font.pointSize(), 10))
    app.setFont(font)
    return app
