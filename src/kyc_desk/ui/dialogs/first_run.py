"""記録データベースの作成 — the first-run dialog that creates the encrypted record store, and the
one-time display of its recovery key.

Where the database key goes follows the records layer's rule (:mod:`kyc_desk.records.keys`): the OS
keyring when it is secure, otherwise a passphrase typed twice; a plaintext key file only behind an
explicit opt-in with a warning. The store itself is created by :meth:`RecordStore.create` on the task
pool (scrypt takes a moment); this module holds no key handling of its own.

The recovery key is shown once in :class:`RecoveryKeyDialog`, which closes only after the user ticks
that they wrote it down or printed it; the dialog then clears its text, and nothing in the UI keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.errors import KycDeskError
from kyc_desk.ui.widgets.geometry import fit_to_screen
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records.keys import KeyringKeySource, RecoveryKey

#: A passphrase protects every record at rest when no keyring does; shorter ones are refused.
MIN_PASSPHRASE_LENGTH: Final = 12


def passphrase_strength(text: str) -> int:
    """A rough 0–3 hint (length and character classes); shown to the user, never used to decide."""
    classes = sum(any(test(c) for c in text) for test in (str.islower, str.isupper, str.isdigit))
    classes += any(not c.isascii() or not c.isalnum() for c in text)
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return 0
    if len(text) >= 20 or (len(text) >= 16 and classes >= 2):
        return 3
    return 2 if classes >= 2 else 1


class FirstRunDialog(QDialog):
    """記録データベースの作成 — offers to create the record store on a desk that has none.

    ``secure_keyring`` decides the default (keyring, or a passphrase); ``keyring`` is the key source the
    store is created with in keyring mode (tests pass a file backend). ``created(recovery_key, passphrase)``
    fires once the store exists (``passphrase`` is "" unless the passphrase mode was chosen).
    """

    created = Signal(object, str)

    def __init__(
        self,
        tasks: TaskRunner,
        *,
        secure_keyring: bool,
        keyring: KeyringKeySource | None = None,
        create: Callable[..., Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_dialog")
        self.setWindowTitle(self.tr("記録データベースの作成"))
        self._tasks, self._keyring, self._secure = tasks, keyring, secure_keyring
        self._create = create
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("本人確認記録を保存する暗号化データベースがまだありません。作成しますか。")
            + "\n"
            + (
                self.tr("データベースの鍵は OS のキーリング（資格情報マネージャー等）に保管します。")
                if secure_keyring
                else self.tr("この端末には安全なキーリングがないため、鍵をパスフレーズで保護します。")
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("first_run_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("first_run_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.strength.setObjectName("first_run_strength")
        form.addRow(self.tr("パスフレーズ(&P):"), self.passphrase)
        form.addRow(self.tr("もう一度(&G):"), self.again)
        form.addRow("", self.strength)
        layout.addLayout(form)

        self.keyfile = QCheckBox(self.tr("鍵をファイルに平文で保存する（推奨しません）(&K)"))
        self.keyfile.setObjectName("first_run_keyfile")
        layout.addWidget(self.keyfile)
        self.keyfile_warning = QLabel(
            self.tr(
                "警告: 鍵ファイルは記録と同じフォルダーに置かれます。フォルダーをコピーした人は誰でも記録を読めます。"
            )
        )
        self.keyfile_warning.setObjectName("first_run_keyfile_warning")
        self.keyfile_warning.setWordWrap(True)
        self.keyfile_warning.setStyleSheet("color: #a4262c;")
        self.keyfile_warning.setVisible(False)
        layout.addWidget(self.keyfile_warning)

        self.status = QLabel()
        self.status.setObjectName("first_run_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("作成する(&C)"))
        self.create_button.setObjectName("first_run_create")
        self.create_button.setDefault(True)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        later = buttons.addButton(self.tr("後で(&L)"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("first_run_later")
        self.create_button.clicked.connect(self.create_store)
        later.clicked.connect(self.reject)
        layout.addWidget(buttons)

        for widget in (self.passphrase, self.again):
            widget.textChanged.connect(self._update)
        self.keyfile.toggled.connect(self._update)
        self._update()

    def mode(self) -> str:
        """Where the database key will be kept: ``keyfile`` (opted in), ``keyring`` or ``passphrase``."""
        if self.keyfile.isChecked():
            return "keyfile"
        return "keyring" if self._secure else "passphrase"

    def _update(self) -> None:
        mode = self.mode()
        self.keyfile_warning.setVisible(mode == "keyfile")
        for widget in (self.passphrase, self.again):
            widget.setEnabled(mode == "passphrase")
            widget.setVisible(not self._secure)
        self.strength.setVisible(not self._secure)
        ok, why = True, ""
        if mode == "passphrase":
            text = self.passphrase.text()
            hints = (self.tr("短すぎます"), self.tr("弱い"), self.tr("普通"), self.tr("強い"))
            self.strength.setText(self.tr("強さ: %1").replace("%1", hints[passphrase_strength(text)]))
            if len(text) < MIN_PASSPHRASE_LENGTH:
                ok, why = False, self.tr("パスフレーズは%1文字以上にしてください。").replace(
                    "%1", str(MIN_PASSPHRASE_LENGTH)
                )
            elif text != self.again.text():
                ok, why = False, self.tr("2回入力したパスフレーズが一致しません。")
        self.create_button.setEnabled(ok)
        self.status.setText(why)

    def create_store(self) -> None:
        """Create the store on the task pool; on success emit :attr:`created` and close."""
        mode = self.mode()
        passphrase = self.passphrase.text() if mode == "passphrase" else ""
        keyring = self._keyring

        def create() -> RecoveryKey:
            from kyc_desk.records import RecordStore

            make: Callable[..., Any] = self._create or RecordStore.create
            store, recovery = make(mode=mode, passphrase=passphrase or None, keyring=keyring)
            store.close()
            recovery_key: RecoveryKey = recovery
            return recovery_key

        self.create_button.setEnabled(False)
        self.status.setText(self.tr("作成しています…"))
        self._tasks.start("create record store", create, returned=lambda r: self._done(r, passphrase),
                          errored=self._failed)

    def _done(self, recovery: RecoveryKey, passphrase: str) -> None:
        self.passphrase.clear()
        self.again.clear()
        self.created.emit(recovery, passphrase)
        self.accept()

    def _failed(self, exc: KycDeskError) -> None:
        self._update()
        self.status.setText(exc.user_text())


class RecoveryKeyDialog(QDialog):
    """回復キー — shown once after the store is created; closes only after the user confirms."""

    def __init__(self, recovery: RecoveryKey, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key_dialog")
        self.setWindowTitle(self.tr("回復キー"))
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "この回復キーは今回だけ表示されます。紙に書き写すか印刷し、記録とは別の安全な場所に保管してください。"
                "キーリングの鍵やパスフレーズを失っても、この回復キーがあれば記録を開けます。"
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.key = QPlainTextEdit(recovery.formatted())
        self.key.setObjectName("recovery_key_text")
        self.key.setReadOnly(True)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key.setFont(font)
        self.key.setFixedHeight(90)
        layout.addWidget(self.key)
        self.print_button = QPushButton(self.tr("印刷(&P)…"))
        self.print_button.setObjectName("recovery_key_print")
        self.print_button.clicked.connect(self.print_key)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm = QCheckBox(self.tr("回復キーを書き写した（または印刷した）(&W)"))
        self.confirm.setObjectName("recovery_key_confirm")
        layout.addWidget(self.confirm)
        self.close_button = QPushButton(self.tr("閉じる(&C)"))
        self.close_button.setObjectName("recovery_key_close")
        self.close_button.setEnabled(False)
        self.close_button.setDefault(True)  # Enter closes once confirmed; it never opens the print dialog
        self.confirm.toggled.connect(self.close_button.setEnabled)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        fit_to_screen(self, 780, 300)

    def print_key(self) -> None:
        """Print the key with the system's print dialog (QtPrintSupport loads only here)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setPlainText(self.tr("本人確認デスク 回復キー") + "\n\n" + self.key.toPlainText())
            document.print_(printer)

    def reject(self) -> None:
        """Escape and the close box do nothing until the user confirmed."""
        if self.confirm.isChecked():
            self.accept()

    def done(self, result: int) -> None:
        self.key.clear()  # the key is not kept by the UI once the dialog closes
        super().done(result)


def offer_store_creation(
    parent: QWidget,
    tasks: TaskRunner,
    *,
    secure_keyring: bool,
    keyring: KeyringKeySource | None = None,
    set_passphrase: Callable[[str], None] | None = None,
    created: Callable[[], None] | None = None,
) -> FirstRunDialog:
    """Open the first-run dialog (non-blocking); after creation show the recovery key once.

    ``set_passphrase`` hands a chosen passphrase to the records service for its first opening (it is
    used once and dropped there); ``created`` runs once the recovery key dialog has been closed.
    """
    dialog = FirstRunDialog(tasks, secure_keyring=secure_keyring, keyring=keyring, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    # The slot must not hold ``parent``: it lives as long as the dialog's connection, and if it held the
    # last reference to a parent Python owns, deleting the dialog would release the parent, which would
    # delete the dialog a second time from inside its own destructor (a use-after-free that crashed the
    # tests). The parent is looked up when the slot runs.
    def show_recovery(recovery: RecoveryKey, passphrase: str) -> None:
        if passphrase and set_passphrase is not None:
            set_passphrase(passphrase)
        shown = RecoveryKeyDialog(recovery, dialog.parentWidget())
        shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if created is not None:
            shown.finished.connect(lambda _r: created())
        shown.open()

    dialog.created.connect(show_recovery)
    dialog.open()
    return dialog
