"""信頼済み発行者 — the trust store in the window: list, add (after comparing the fingerprint), remove,
and the OCSP responder used for revocation checks.

The dialog holds no crypto: the listing, the inspection of a file and the changes are
:mod:`kyc_desk.verify.trust_admin`, the same model as ``kyc-desk trust``. Adding a file shows its SHA-256
fingerprint and asks the user to confirm it matches the issuer's published value; shipped anchors are
listed (source 同梱) with their fingerprints and cannot be removed.

Texts are the window's: Japanese in the source, English from the Qt translation file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app.texts import date_text
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.time import legal_date
from kyc_desk.settings import Settings
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP
from kyc_desk.ui.widgets.geometry import fit_to_screen

_KINDS = {
    "ca_certificate": QT_TRANSLATE_NOOP("TrustStoreDialog", "CA証明書"),
    "cvc_issuer_key": QT_TRANSLATE_NOOP("TrustStoreDialog", "CVC発行者鍵"),
    "crl": QT_TRANSLATE_NOOP("TrustStoreDialog", "失効リスト"),
}
_SOURCES = {
    "shipped": QT_TRANSLATE_NOOP("TrustStoreDialog", "同梱"),
    "installed": QT_TRANSLATE_NOOP("TrustStoreDialog", "追加"),
    "candidate": QT_TRANSLATE_NOOP("TrustStoreDialog", "追加候補"),
}


class TrustStoreDialog(QDialog):
    """The trust store of ``folder`` (default: the desk's trust folder) and the OCSP settings.

    ``confirm(title, text) -> bool`` and ``choose_file() -> Path | None`` are the questions the dialog
    asks (message boxes by default; tests pass their own). ``on_settings`` saves changed settings.
    """

    def __init__(
        self,
        settings: Settings,
        on_settings: Callable[[Settings], None],
        *,
        folder: Path | None = None,
        confirm: Callable[[str, str], bool] | None = None,
        choose_file: Callable[[], Path | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from kyc_desk.verify.trust import trust_dir

        self.setObjectName("trust_store_dialog")
        self.setWindowTitle(self.tr("信頼済み発行者"))
        self._settings = settings
        self._on_settings = on_settings
        self._folder = folder
        self._confirm = confirm or self._ask
        self._choose_file = choose_file or self._pick
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "フォルダ: {folder}\n"
                "SHA-256 指紋を J-LIS など発行者が公表している値と照合してください。同梱の証明書は削除できません。"
            ).format(folder=trust_dir(folder))
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("trust_entries")
        self.table.setHorizontalHeaderLabels(
            [self.tr("種類"), self.tr("発行先・名前"), self.tr("有効期間"), "SHA-256",
             self.tr("出所"), self.tr("ファイル・状態")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(5, 200)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("追加(&A)…"))
        self.add_button.setObjectName("trust_add")
        self.add_button.clicked.connect(self.add_file)
        self.remove_button = QPushButton(self.tr("削除(&R)"))
        self.remove_button.setObjectName("trust_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        ocsp = QGroupBox(self.tr("失効確認（OCSP）"))
        form = QFormLayout(ocsp)
        self.ocsp_url = QLineEdit(settings.ocsp_url)
        self.ocsp_url.setObjectName("ocsp_url")
        self.ocsp_url.setPlaceholderText(
            self.tr("プラットフォーム事業者のOCSPレスポンダURL（空欄=使わない）")
        )
        self.ocsp_client = QLineEdit(settings.ocsp_client_certificate)
        self.ocsp_client.setObjectName("ocsp_client_certificate")
        self.ocsp_client.setPlaceholderText(self.tr("クライアント証明書と鍵のPEMファイル（任意）"))  # fmt: skip
        form.addRow(self.tr("レスポンダURL(&U):"), self.ocsp_url)
        form.addRow(self.tr("クライアント証明書(&C):"), self.ocsp_client)
        save = QPushButton(self.tr("OCSP設定を保存(&S)"))
        save.setObjectName("ocsp_save")
        save.clicked.connect(self.save_ocsp)
        form.addRow("", save)
        layout.addWidget(ocsp)

        self.message = QLabel()
        self.message.setObjectName("trust_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox()
        close.addButton(self.tr("閉じる"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()
        # Enter must not start an action here (it opened the file chooser of 追加…): the dialog has no
        # single primary action, so Enter does nothing and Escape closes
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        fit_to_screen(self, 1180, 640)

    # -- model ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the listing from the folder."""
        from kyc_desk.verify.trust_admin import list_entries

        try:
            self.entries = list_entries(self._folder)
        except KycDeskError as exc:
            self.entries = []
            self.message.setText(exc.user_text())
        self.table.setRowCount(len(self.entries))
        now = dt.datetime.now(dt.UTC)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, entry in enumerate(self.entries):
            validity = "-"
            if entry.not_before or entry.not_after:
                start, end = (date_text(legal_date(m)) if m else "-" for m in (entry.not_before, entry.not_after))
                validity = f"{start} –\n{end}"
                if entry.not_after is not None and entry.not_after < now:
                    validity += self.tr("（期限切れ）")
            half = len(entry.fingerprint) // 2 + 1  # 16 of the 32 byte pairs per line
            cells = [
                self.tr(_KINDS[entry.kind]),
                entry.subject,
                validity,
                entry.fingerprint[:half] + "\n" + entry.fingerprint[half:],
                self.tr(_SOURCES[entry.source]) if entry.source in _SOURCES else entry.source,
                entry.file + (f" ({entry.status})" if entry.status else ""),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.fingerprint if column == 3 else text)
                if column == 3:
                    item.setFont(mono)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()

    # -- actions -------------------------------------------------------------------------------------
    def add_file(self) -> bool:
        """Choose a file, show what it holds with its fingerprint, install it after confirmation."""
        from kyc_desk.verify.trust_admin import inspect_file, install

        path = self._choose_file()
        if path is None:
            return False
        try:
            entries = inspect_file(path, self._folder)
        except KycDeskError as exc:
            self.message.setText(exc.user_text())
            return False
        anchor = self.tr("在留カード等の発行者（公表指紋と一致）")
        lines = "\n\n".join(
            f"{entry.subject}\nSHA-256: {entry.fingerprint}" + (f"\n{anchor}: {entry.anchor}" if entry.anchor else "")
            for entry in entries
        )
        question = self.tr(
            "{lines}\n\n発行者が公表している SHA-256 指紋と一致しますか？ 一致する場合だけ追加してください。"
        ).format(lines=lines)
        if not self._confirm(self.tr("信頼済み発行者の追加"), question):
            self.message.setText(self.tr("追加しませんでした。"))
            return False
        try:
            target = install(path, self._folder)
        except KycDeskError as exc:
            self.message.setText(exc.user_text())
            return False
        self.message.setText(self.tr("追加しました: {file}").format(file=target.name))
        self.refresh()
        return True

    def remove_selected(self) -> bool:
        """Remove the selected installed entry after confirmation."""
        from kyc_desk.verify.trust_admin import remove

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("削除する行を選んでください。"))
            return False
        entry = self.entries[rows[0].row()]
        if entry.source == "shipped":
            self.message.setText(self.tr("同梱の証明書は削除できません。"))
            return False
        question = self.tr("{subject}\nSHA-256: {fingerprint}\n\nこの項目を信頼済みから削除しますか？").format(
            subject=entry.subject, fingerprint=entry.fingerprint
        )
        if not self._confirm(self.tr("信頼済み発行者の削除"), question):
            return False
        try:
            remove(entry, self._folder)
        except (KycDeskError, OSError) as exc:
            self.message.setText(exc.user_text() if isinstance(exc, KycDeskError) else str(exc.strerror))
            return False
        self.message.setText(self.tr("削除しました。"))
        self.refresh()
        return True

    def save_ocsp(self) -> None:
        """Save the OCSP responder settings (used by the next card read)."""
        url = self.ocsp_url.text().strip()
        if url and not url.lower().startswith(("http://", "https://")):
            self.message.setText(self.tr("URLは http:// か https:// で始めてください。"))
            return
        self._settings = self._settings.but(ocsp_url=url, ocsp_client_certificate=self.ocsp_client.text().strip())
        try:
            self._on_settings(self._settings)
        except KycDeskError as exc:
            self.message.setText(exc.user_text())
            return
        self.message.setText(self.tr("OCSP設定を保存しました。"))

    # -- default questions ---------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, defaultButton=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _pick(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("証明書・失効リストを選ぶ"), "",
            self.tr("証明書・失効リスト (*.pem *.cer *.crt *.der *.crl *.zip);;すべて (*)"),
        )  # fmt: skip
        return Path(name) if name else None
