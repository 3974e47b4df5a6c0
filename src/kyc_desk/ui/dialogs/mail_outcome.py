"""転送不要郵便の結果 — what became of the mailing (delivered, or returned) and on which day.

ロ and the other mailing methods are complete only when the office knows the 転送不要郵便 was not returned;
that is known days later, so the records view asks for it here. The day is a Japanese calendar day, not
before the mailing and not in the future; the store checks the first again and turns 確認済み into
追加確認が必要 on a return. The dialog only collects the answer: the view runs the store call.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import texts
from kyc_desk.ui.widgets.date_field import DateField


class MailOutcomeDialog(QDialog):
    """Delivered or returned (``outcome()``: the :class:`~kyc_desk.records.model.MailOutcome` value), and the
    day (``day()``), between the mailing day and ``today``."""

    def __init__(self, mailed_on: dt.date, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mail_outcome_dialog")
        self.setWindowTitle(self.tr("転送不要郵便の結果"))
        self._mailed_on, self._today = mailed_on, today
        layout = QVBoxLayout(self)
        mailed = QLabel(self.tr("発送日: %1").replace("%1", texts.date_text(mailed_on)))
        mailed.setWordWrap(True)
        layout.addWidget(mailed)
        self.delivered = QRadioButton(texts.mail_outcome_text("delivered"))
        self.delivered.setObjectName("mail_delivered")
        self.returned = QRadioButton(texts.mail_outcome_text("returned"))
        self.returned.setObjectName("mail_returned")
        group = QButtonGroup(self)
        for button in (self.delivered, self.returned):
            group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self._update)
        note = QLabel(self.tr("返送された場合、本人確認の結果「確認済み」は「追加確認が必要」に戻ります。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(QLabel(self.tr("到達を確認した日・返送された日")))
        self.date = DateField("mail_outcome_date", empty_text=self.tr("日付を入力してください"))
        self.date.set_value(today)
        self.date.changed.connect(self._update)
        layout.addWidget(self.date)
        self.problem = QLabel()
        self.problem.setObjectName("mail_outcome_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = QPushButton(self.tr("記録する"))
        self.record_button.setObjectName("mail_outcome_record")
        self.buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def outcome(self) -> str | None:
        """``delivered`` / ``returned``, or ``None`` while neither is chosen."""
        if self.delivered.isChecked():
            return "delivered"
        if self.returned.isChecked():
            return "returned"
        return None

    def day(self) -> dt.date | None:
        """The day typed, when it is a date between the mailing and today."""
        day = self.date.value()
        if day is None or not self._mailed_on <= day <= self._today:
            return None
        return day

    def _update(self) -> None:
        day = self.date.value()
        problem = ""
        if day is not None and day < self._mailed_on:
            problem = self.tr("発送日より前の日付です。")
        elif day is not None and day > self._today:
            problem = self.tr("今日より後の日付です。")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.record_button.setEnabled(self.outcome() is not None and self.day() is not None)
