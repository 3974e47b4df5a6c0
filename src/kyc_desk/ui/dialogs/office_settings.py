"""事務所情報の設定 — the office's name and address, and the PDF signing token, in the settings file.

The name and address are printed on every exported 本人確認記録 and offered as the sender of request and
meeting mails; until this dialog they could only be typed into the settings file. The three signing
fields name the vendor's PKCS#11 module and the token and key labels of the scrivener's signing
certificate; the window exports unsigned PDFs, and ``kyc-desk export pdf --sign`` signs with these
(docs/export-pdf.md). No PIN is asked or kept here: the signing command asks for it each time.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.settings import Settings


class OfficeSettingsDialog(QDialog):
    """Edits the office and signing settings; :meth:`chosen` is the settings with the edits applied."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("office_settings_dialog")
        self.setWindowTitle(self.tr("事務所情報の設定"))
        self._settings = settings
        layout = QVBoxLayout(self)
        office = QGroupBox(self.tr("事務所"))
        form = QFormLayout(office)
        self.office_name = QLineEdit(settings.office_name)
        self.office_name.setObjectName("office_name")
        self.office_name.setPlaceholderText(self.tr("例: 山田司法書士事務所"))
        self.office_address = QLineEdit(settings.office_address)
        self.office_address.setObjectName("office_address")
        form.addRow(self.tr("事務所名(&N):"), self.office_name)
        form.addRow(self.tr("所在地(&A):"), self.office_address)
        note = QLabel(self.tr("本人確認記録のPDFに印字し、依頼メールと面談の案内メールの差出人に使います。"))
        note.setWordWrap(True)
        form.addRow(note)
        layout.addWidget(office)

        signing = QGroupBox(self.tr("PDFの電子署名（コマンドで使用）"))
        sform = QFormLayout(signing)
        self.signing_module = QLineEdit(settings.signing_module)
        self.signing_module.setObjectName("signing_module")
        self.signing_module.setPlaceholderText(self.tr("ICカード・トークンのPKCS#11モジュール"))
        browse = QPushButton(self.tr("参照(&B)…"))
        browse.setObjectName("signing_module_browse")
        browse.clicked.connect(self._browse_module)
        module = QHBoxLayout()
        module.addWidget(self.signing_module, 1)
        module.addWidget(browse)
        self.signing_token = QLineEdit(settings.signing_token)
        self.signing_token.setObjectName("signing_token")
        self.signing_key = QLineEdit(settings.signing_key)
        self.signing_key.setObjectName("signing_key")
        sform.addRow(self.tr("モジュール(&M):"), module)
        sform.addRow(self.tr("トークン名(&T):"), self.signing_token)
        sform.addRow(self.tr("鍵の名前(&K):"), self.signing_key)
        snote = QLabel(
            self.tr("署名付きPDFは「kyc-desk export pdf --sign」で作成します。PINはそのつど入力し、保存しません。")
        )
        snote.setWordWrap(True)
        sform.addRow(snote)
        layout.addWidget(signing)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(600, 0)

    def _browse_module(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("PKCS#11モジュール"))
        if path:
            self.signing_module.setText(path)

    def chosen(self) -> Settings:
        """The settings with this dialog's fields (trimmed) in place of the old values."""
        return self._settings.but(
            office_name=self.office_name.text().strip(),
            office_address=self.office_address.text().strip(),
            signing_module=self.signing_module.text().strip(),
            signing_token=self.signing_token.text().strip(),
            signing_key=self.signing_key.text().strip(),
        )
