"""書き出し — what to export (selected records, the listed ones, or a date range), how, and where.

One dialog for the three exports of the records view: CSV for Excel (encoding, and what to do with a
character Shift_JIS cannot hold), images (a folder or a ZIP per record) and the hand-off bundle. ZIPs can
be encrypted with a passphrase (typed twice); while an export is not encrypted the dialog says that it
takes personal data out of the encrypted store. The destination is chosen by the user (a save dialog,
which asks before replacing a file); nothing is written until the user presses 書き出す.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.export.errors import MIN_PASSPHRASE

ExportKind = Literal["csv", "images", "bundle", "pdf"]
Scope = Literal["selected", "listed", "dates"]


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for (the dialog's answer; no Qt)."""

    kind: ExportKind
    scope: Scope
    date_from: dt.date | None
    date_to: dt.date | None
    destination: Path
    overwrite: bool
    encoding: str = "utf-8-sig"
    unencodable: str = "refuse"
    as_zip: bool = False
    passphrase: str | None = None


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    """The options of one export, with the unencrypted-export warning."""

    def __init__(self, kind: ExportKind, selected: int, listed: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.kind = kind
        self._chosen: Path | None = None  # the path the save dialog returned (it asked before replacing)
        titles = {
            "csv": self.tr("CSV に書き出す（Excel 用）"),
            "images": self.tr("画像を書き出す"),
            "bundle": self.tr("引き継ぎファイルを書き出す"),
            "pdf": self.tr("本人確認記録を PDF に書き出す"),
        }
        self.setWindowTitle(titles[kind])
        self.setMinimumWidth(560)  # room for a destination path
        layout = QVBoxLayout(self)

        scope_box = QGroupBox(self.tr("書き出す記録"))
        scope_layout = QVBoxLayout(scope_box)
        self.scope_selected = QRadioButton(self.tr("選択した記録（%1件）").replace("%1", str(selected)))
        self.scope_listed = QRadioButton(self.tr("一覧に表示中の記録（%1件）").replace("%1", str(listed)))
        self.scope_dates = QRadioButton(self.tr("確認日で指定"))
        self._scopes = QButtonGroup(self)
        for button in (self.scope_selected, self.scope_listed, self.scope_dates):
            self._scopes.addButton(button)
            scope_layout.addWidget(button)
        self.scope_selected.setEnabled(selected > 0)
        self.scope_listed.setEnabled(listed > 0)
        (self.scope_selected if selected else self.scope_listed if listed else self.scope_dates).setChecked(True)
        dates = QHBoxLayout()
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("から")))
        dates.addWidget(self.date_to)
        dates.addWidget(QLabel(self.tr("まで")))
        dates.addStretch(1)
        scope_layout.addLayout(dates)
        layout.addWidget(scope_box)

        form = QFormLayout()
        self.encoding = QComboBox()
        self.encoding.addItem(self.tr("UTF-8（BOM付き・Excel 推奨）"), "utf-8-sig")
        self.encoding.addItem(self.tr("Shift_JIS（cp932）"), "cp932")
        self.unencodable = QComboBox()
        self.unencodable.addItem(self.tr("中止して知らせる"), "refuse")
        self.unencodable.addItem(self.tr("〓 に置き換える"), "geta")
        self.unencodable.addItem(self.tr("[U+XXXX] に置き換える"), "codepoint")
        self.as_zip = QCheckBox(self.tr("記録ごとに ZIP にまとめる"))
        if kind == "csv":
            form.addRow(self.tr("文字コード"), self.encoding)
            form.addRow(self.tr("Shift_JIS で表せない文字"), self.unencodable)
        if kind == "images":
            form.addRow("", self.as_zip)
        self.encrypt = QCheckBox(self.tr("パスフレーズで暗号化する（AES-256）"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("export_passphrase")
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        if kind in ("images", "bundle"):
            form.addRow("", self.encrypt)
            form.addRow(self.tr("パスフレーズ"), self.passphrase)
            form.addRow(self.tr("もう一度"), self.passphrase_again)
        self.destination = QLineEdit()
        self.destination.setObjectName("export_destination")
        self.browse = QPushButton(self.tr("参照…"))
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)
        form.addRow(self.tr("書き出し先"), where)
        layout.addLayout(form)

        self.warning = QLabel(
            self.tr(
                "暗号化していない書き出しです。個人情報が暗号化された記録データベースの外に出ます。"
                "保管場所と受け渡しに注意し、不要になったら削除してください。"
            )
        )
        self.warning.setObjectName("export_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a33;")
        layout.addWidget(self.warning)
        self.encrypted_note = QLabel(
            self.tr("AES-256 で暗号化します。パスフレーズはファイルとは別の方法（電話など）で相手に伝えてください。")
        )
        self.encrypted_note.setWordWrap(True)
        layout.addWidget(self.encrypted_note)
        self.problem = QLabel()
        self.problem.setObjectName("export_problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("書き出す"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self._browse)
        self.destination.textEdited.connect(lambda _t: setattr(self, "_chosen", None))
        self.encoding.currentIndexChanged.connect(lambda _i: self._update())
        self.as_zip.toggled.connect(lambda _b: self._update())
        self.encrypt.toggled.connect(lambda _b: self._update())
        for button in (self.scope_selected, self.scope_listed, self.scope_dates):
            button.toggled.connect(lambda _b: self._update())
        self._update()

    def _update(self) -> None:
        can_encrypt = self.kind == "bundle" or (self.kind == "images" and self.as_zip.isChecked())
        self.encrypt.setEnabled(can_encrypt)
        if not can_encrypt:
            self.encrypt.setChecked(False)
        encrypted = self.encrypt.isChecked()
        self.passphrase.setEnabled(encrypted)
        self.passphrase_again.setEnabled(encrypted)
        self.warning.setVisible(not encrypted)
        self.encrypted_note.setVisible(encrypted)
        self.unencodable.setEnabled(self.encoding.currentData() == "cp932")
        dates = self.scope_dates.isChecked()
        self.date_from.setEnabled(dates)
        self.date_to.setEnabled(dates)

    def _browse(self) -> None:
        if self.kind == "csv":
            path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), "", self.tr("CSV (*.csv)"))
        elif self.kind == "bundle":
            path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), "", self.tr("ZIP (*.zip)"))
        elif self.kind == "pdf":
            path, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(), "", self.tr("PDF (*.pdf)"))
        else:  # a new folder inside the one chosen (an existing folder is never written into)
            parent = QFileDialog.getExistingDirectory(self, self.windowTitle())
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = str(Path(parent) / f"本人確認画像_{stamp}") if parent else ""
        if path:
            self._chosen = Path(path)
            self.destination.setText(path)

    def _scope(self) -> Scope:
        if self.scope_selected.isChecked():
            return "selected"
        return "listed" if self.scope_listed.isChecked() else "dates"

    def request(self) -> ExportRequest | None:
        """The export asked for, or ``None`` with the reason shown in the dialog."""
        text = self.destination.text().strip()
        if not text:
            self.problem.setText(self.tr("書き出し先を選んでください。"))
            return None
        passphrase = None
        if self.encrypt.isChecked():
            passphrase = self.passphrase.text()
            if len(passphrase) < MIN_PASSPHRASE:
                self.problem.setText(self.tr("パスフレーズは10文字以上にしてください。"))
                return None
            if passphrase != self.passphrase_again.text():
                self.problem.setText(self.tr("パスフレーズが一致しません。"))
                return None
        destination = Path(text)
        scope = self._scope()
        dates = scope == "dates"
        return ExportRequest(
            kind=self.kind,
            scope=scope,
            date_from=_day(self.date_from.date()) if dates else None,
            date_to=_day(self.date_to.date()) if dates else None,
            destination=destination,
            overwrite=self._chosen == destination,
            encoding=str(self.encoding.currentData()),
            unencodable=str(self.unencodable.currentData()),
            as_zip=self.as_zip.isChecked(),
            passphrase=passphrase,
        )

    def _accept(self) -> None:
        if self.request() is not None:
            self.accept()
