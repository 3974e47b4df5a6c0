"""暗証番号の入力 — the dialog that asks for one secret a card needs.

What it guarantees (the project's non-negotiables):

- it is shown only *after* the card layer read the tries left with the empty VERIFY, and it shows them;
- with one try left it warns in red and the OK button stays disabled until the scrivener ticks an
  explicit confirmation; with none left it offers no entry at all;
- the format is checked by the card layer's own validator before anything is sent, so a typo costs no
  try (the message says nothing was sent);
- the secret is taken once (:meth:`SecretDialog.take_answer`), after which the fields are cleared and
  the dialog holds no reference to it.

For the My Number card's 照合番号B the dialog asks for what is printed on the card (birth date as
printed, expiry year, security code) and converts the birth date to the era form itself, showing the
conversion so the scrivener can check it against the card.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.errors import KycDeskError
from kyc_desk.jp.era import EraDateError, format_japanese, format_yymmdd
from kyc_desk.ui.dialogs.secret_texts import SECRET_TEXTS


@dataclass(frozen=True)
class SecretAnswer:
    """What the user typed (already in the card's format) and whether they accepted using the last try."""

    value: str = field(repr=False)
    confirm_last_try: bool = False


def _validate(name: str, value: str) -> str:
    """The card layer's format check for ``name`` (nothing is sent when it fails)."""
    if name == "card_number":
        from kyc_desk.cards.apps.residence.auth import normalise_card_number

        return normalise_card_number(value)
    if name in ("pin1", "pin2"):
        text = value.strip()
        if len(text) != 4 or not text.isascii() or not text.isdigit():
            raise KycDeskError(
                "The licence PIN is 4 digits; nothing was sent.",
                ja="暗証番号は4桁の数字です（カードには送信していません）。",
            )
        return text
    from kyc_desk.cards.apps.mynumber.unlock import normalise_secret

    return normalise_secret(name, value)


class SecretDialog(QDialog):
    """Asks for one secret; ``tries_left`` is what the card answered to the empty VERIFY (None: no counter).
    ``holder``: the card's holder types it themselves (the client app), so the words address them."""

    def __init__(
        self,
        name: str,
        tries_left: int | None,
        max_tries: int | None = None,
        *,
        skippable: bool = False,
        holder: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secret_dialog")
        self.setModal(True)
        self.name = name
        self.tries_left = tries_left
        self._answer: SecretAnswer | None = None
        self.skipped = False
        text = SECRET_TEXTS[name]
        self.setWindowTitle(self.tr("%1 の入力").replace("%1", text.shown("title")))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)

        heading = QLabel(f"<h3>{text.shown('title')}</h3>")
        layout.addWidget(heading)
        explanation = QLabel(text.explanation_for(holder))
        explanation.setObjectName("secret_explanation")
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        self.tries_label = QLabel()
        self.tries_label.setObjectName("tries_left")
        self.tries_label.setWordWrap(True)
        layout.addWidget(self.tries_label)
        unlock = QLabel(text.shown("where_unlocked"))
        unlock.setWordWrap(True)
        layout.addWidget(unlock)

        form = QFormLayout()
        self.fields: list[QLineEdit] = []
        if name == "code_b":
            self.birth_date = self._field("code_b_birth_date", self.tr("例: 昭和55年2月17日 / S55.2.17"))
            self.expiry_year = self._field("code_b_expiry_year", self.tr("例: 2035"), max_length=4)
            self.security_code = self._field("code_b_security_code", self.tr("4桁"), max_length=4)
            self.era_preview = QLabel()
            self.era_preview.setObjectName("era_preview")
            form.addRow(self.tr("生年月日（券面のとおり）(&B)"), self.birth_date)
            form.addRow("", self.era_preview)
            form.addRow(self.tr("有効期限の年・西暦(&Y)"), self.expiry_year)
            form.addRow(self.tr("セキュリティコード(&S)"), self.security_code)
            self.birth_date.textChanged.connect(self._update_era_preview)
        else:
            self.secret = self._field("secret_value", "", masked=text.holder_types)
            form.addRow(text.shown("title") + "(&P)", self.secret)
        layout.addLayout(form)

        self.confirm_last = QCheckBox(
            self.tr("残り1回であることを理解し、入力内容を確かめました(&C)") if holder
            else self.tr("残り1回であることを本人に伝え、入力内容を確認しました(&C)")
        )
        self.confirm_last.setObjectName("confirm_last_try")
        self.confirm_last.setVisible(False)
        layout.addWidget(self.confirm_last)

        self.error = QLabel()
        self.error.setObjectName("secret_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("読み取る"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("secret_ok")
        self.ok.setDefault(True)
        self.skip: QPushButton | None = None
        if skippable:
            self.skip = self.buttons.addButton(self.tr("入力しない(&K)"), QDialogButtonBox.ButtonRole.ActionRole)
            self.skip.setObjectName("secret_skip")
            self.skip.clicked.connect(self._skip)
        cancel = self.buttons.addButton(self.tr("中止"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("secret_cancel")
        self.ok.clicked.connect(self._accept_if_valid)
        cancel.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.confirm_last.toggled.connect(self._update_ok)
        self._show_tries(max_tries)
        if self.fields:
            self.fields[0].setFocus()

    def _field(self, object_name: str, placeholder: str, *, masked: bool = False, max_length: int = 32) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(max_length)
        if masked:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.fields.append(edit)
        return edit

    def _show_tries(self, max_tries: int | None) -> None:
        text = SECRET_TEXTS[self.name]
        if text.unlimited or self.tries_left is None:
            self.tries_label.setText(self.tr("残り回数: 制限なし"))
            return
        total = self.tr("（最大%1回）").replace("%1", str(max_tries)) if max_tries else ""
        if self.tries_left <= 0:
            self.tries_label.setText(
                "<b style='color:#b00020'>" + self.tr("ロックされています。入力はできません。") + "</b>"
            )
            self.ok.setEnabled(False)
            for edit in self.fields:
                edit.setEnabled(False)
            return
        tries = self.tr("残り回数: %1回").replace("%1", str(self.tries_left)) + total
        if self.tries_left == 1:
            warning = self.tr("あと1回間違えるとロックされます。入力内容をよく確かめてください。")
            self.tries_label.setText(f"<b style='color:#b00020'>{tries}<br>{warning}</b>")
            self.confirm_last.setVisible(True)
        else:
            self.tries_label.setText(f"<b>{tries}</b>")
        self._update_ok()

    def _update_ok(self) -> None:
        if self.tries_left is not None and self.tries_left <= 0:
            self.ok.setEnabled(False)
            return
        self.ok.setEnabled(self.tries_left != 1 or self.confirm_last.isChecked())

    def _update_era_preview(self) -> None:
        from kyc_desk.cards.apps.mynumber.code_b import parse_printed_birth_date

        raw = self.birth_date.text().strip()
        if not raw:
            self.era_preview.clear()
            return
        try:
            day = parse_printed_birth_date(raw)
            self.era_preview.setText(
                self.tr("和暦 %1 → 照合番号Bの先頭6桁 %2")
                .replace("%1", format_japanese(day))
                .replace("%2", format_yymmdd(day))
            )
        except (KycDeskError, EraDateError) as exc:
            self.era_preview.setText(exc.user_text() if isinstance(exc, KycDeskError) else str(exc))

    def _collect(self) -> str:
        if self.name == "code_b":
            from kyc_desk.cards.apps.mynumber.code_b import CodeB

            return CodeB.from_printed(self.birth_date.text(), self.expiry_year.text(), self.security_code.text()).digits
        return _validate(self.name, self.secret.text())

    def _accept_if_valid(self) -> None:
        try:
            value = self._collect()
        except KycDeskError as exc:
            self.error.setText(exc.user_text())
            return
        self._answer = SecretAnswer(value, confirm_last_try=self.tries_left == 1 and self.confirm_last.isChecked())
        self._forget_fields()
        self.accept()

    def _skip(self) -> None:
        self.skipped = True
        self._forget_fields()
        self.reject()

    def reject(self) -> None:
        self._forget_fields()
        super().reject()

    def _forget_fields(self) -> None:
        for edit in self.fields:
            edit.clear()
        if self.name == "code_b":
            self.era_preview.clear()

    def take_answer(self) -> SecretAnswer | None:
        """The answer once (None if cancelled or skipped); the dialog keeps no reference afterwards."""
        answer, self._answer = self._answer, None
        return answer
