"""このアプリについて — the About dialog: version, and the licences of bundled models, fonts and libraries."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from kyc_desk import __version__
from kyc_desk.i18n import current_language
from kyc_desk.ui.licences import COMPONENTS
from kyc_desk.ui.widgets.geometry import fit_to_screen


class AboutDialog(QDialog):
    """このアプリについて — shows the version and :data:`~kyc_desk.ui.licences.COMPONENTS`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("本人確認デスクについて"))
        layout = QVBoxLayout(self)
        name = self.tr("本人確認デスク")
        heading = QLabel(f"<h2>{html.escape(name)} {__version__}</h2>")
        heading.setObjectName("about_version")
        layout.addWidget(heading)
        layout.addWidget(QLabel(self.tr("司法書士のための犯罪収益移転防止法に基づく本人確認ツール")))
        self.licences = QTextBrowser()
        self.licences.setObjectName("about_licences")
        self.licences.setOpenExternalLinks(False)
        self.licences.setHtml(self._licence_html())
        layout.addWidget(QLabel(self.tr("同梱しているモデル・フォント・ライブラリのライセンス:")))
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 520)

    def _licence_html(self) -> str:
        english = current_language() == "en"
        rows = []
        for item in COMPONENTS:
            note = item.note_en if english else item.note_ja
            note_html = f"<br><b>{html.escape(note)}</b>" if note else ""
            rows.append(
                f"<tr><td valign='top'>{html.escape(item.name)}</td>"
                f"<td valign='top'>{html.escape(item.licence)}{note_html}"
                f"<br><small>{html.escape(item.source)}</small></td></tr>"
            )
        name, licence = self.tr("名称"), self.tr("ライセンス")
        head = f"<tr><th align='left'>{name}</th><th align='left'>{licence}</th></tr>"
        return f"<table cellpadding='4'>{head}{''.join(rows)}</table>"
