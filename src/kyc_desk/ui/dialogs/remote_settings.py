"""受付サーバーの設定 — endpoint URL, desk token and pull interval for the リモート申請 place.

The token field is a password field; the token is handed to :meth:`RemoteService.set_up`, which seals it
to the office key (never plain settings). A desk without a secure keyring protects the office key with
a passphrase typed here (twice) on first set-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.ui.dialogs.first_run import MIN_PASSPHRASE_LENGTH


class RemoteSettingsDialog(QDialog):
    """URL, token, interval (and the office key passphrase when one is needed)."""

    def __init__(
        self, endpoint: str, minutes: int, *, ask_passphrase: bool, new_key: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remote_settings_dialog")
        self.setWindowTitle(self.tr("受付サーバーの設定"))
        self._new_key = new_key
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.endpoint = QLineEdit(endpoint)
        self.endpoint.setObjectName("remote_endpoint")
        self.endpoint.setPlaceholderText("https://…")
        self.token = QLineEdit()
        self.token.setObjectName("remote_token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("remote_minutes")
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(self.tr(" 分ごと"))
        form.addRow(self.tr("受付サーバーのURL(&U):"), self.endpoint)
        form.addRow(self.tr("デスクのトークン(&T):"), self.token)
        form.addRow(self.tr("自動取込み(&I):"), self.minutes)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("remote_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("remote_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        if ask_passphrase:
            form.addRow(self.tr("事務所鍵のパスフレーズ(&P):"), self.passphrase)
            if new_key:
                form.addRow(self.tr("もう一度(&G):"), self.again)
        layout.addLayout(form)
        note = QLabel(self.tr("トークンは事務所鍵で暗号化して保存します（設定ファイルには書きません）。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.status = QLabel()
        self.status.setObjectName("remote_settings_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._ask_passphrase = ask_passphrase
        self.resize(560, 0)

    def _check(self) -> None:
        if not self.endpoint.text().strip() or not self.token.text().strip():
            self.status.setText(self.tr("URLとトークンを入力してください。"))
            return
        if self._ask_passphrase and self._new_key:
            if len(self.passphrase.text()) < MIN_PASSPHRASE_LENGTH:
                self.status.setText(self.tr("パスフレーズは%1文字以上にしてください。").replace(
                    "%1", str(MIN_PASSPHRASE_LENGTH)))
                return
            if self.passphrase.text() != self.again.text():
                self.status.setText(self.tr("2回入力したパスフレーズが一致しません。"))
                return
        self.accept()

    def take_secrets(self) -> tuple[str, str | None]:
        """The token and passphrase as typed, once: the fields are cleared."""
        token, passphrase = self.token.text(), self.passphrase.text() or None
        for field in (self.token, self.passphrase, self.again):
            field.clear()
        return token, passphrase
