"""判断と保存 — step 6: accept, reject or follow up, with reasons, saved as one encrypted record.

Accepting needs every item confirmed; rejecting or asking for follow-up needs a reason. Saving runs on
the task pool through the records layer (one transaction with its audit entry); on success the record
number is shown and the flow starts over.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class DecisionStepView(QWidget):
    """Decision radio buttons, the reason, and 「保存」. ``save_requested`` when the scrivener saves."""

    save_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision_step")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("decision_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        box = QGroupBox(self.tr("判断"))
        box_layout = QVBoxLayout(box)
        self.group = QButtonGroup(self)
        self.accept = QRadioButton(self.tr("受任可（本人確認できた）(&A)"))
        self.accept.setObjectName("decision_accept")
        self.reject = QRadioButton(self.tr("受任不可(&J)"))
        self.reject.setObjectName("decision_reject")
        self.follow_up = QRadioButton(self.tr("要追加確認(&U)"))
        self.follow_up.setObjectName("decision_follow_up")
        for button in (self.accept, self.reject, self.follow_up):
            self.group.addButton(button)
            box_layout.addWidget(button)
            button.toggled.connect(lambda _c: self._update())
        layout.addWidget(box)
        reason_label = QLabel(self.tr("理由・所見（受任不可・要追加確認のときは必須）(&E)"))
        reason_label.setWordWrap(True)  # the panel is narrow beside the photos in リモート申請
        layout.addWidget(reason_label)
        self.reason = QPlainTextEdit()
        reason_label.setBuddy(self.reason)
        self.reason.setObjectName("decision_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(140)
        self.reason.textChanged.connect(self._update)
        layout.addWidget(self.reason)
        self.save = QPushButton(self.tr("暗号化して保存(&S)"))
        self.save.setObjectName("save_record")
        self.save.setEnabled(False)
        self.save.clicked.connect(self.save_requested.emit)
        layout.addWidget(self.save)
        self.status = QLabel()
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._items_waiting: list[str] = []

    def set_context(self, summary: str, items_waiting: list[str]) -> None:
        self.summary.setText(summary)
        self._items_waiting = items_waiting
        self._update()

    def decision(self) -> str | None:
        if self.accept.isChecked():
            return "accepted"
        if self.reject.isChecked():
            return "rejected"
        if self.follow_up.isChecked():
            return "follow_up"
        return None

    def _update(self) -> None:
        decision = self.decision()
        has_reason = bool(self.reason.toPlainText().strip())
        if decision is None:
            ok, why = False, self.tr("判断を選んでください。")
        elif decision == "accepted" and self._items_waiting:
            ok, why = False, self.tr("受任可とするには、すべての項目の確認が必要です（項目の確認に戻ってください）。")
        elif decision != "accepted" and not has_reason:
            ok, why = False, self.tr("理由を入力してください。")
        else:
            ok, why = True, ""
        self.save.setEnabled(ok)
        self.save.setToolTip(why)
        if not self.status.property("saved"):
            self.status.setText(why)
        self.changed.emit()

    def show_saved(self, text: str) -> None:
        self.status.setProperty("saved", True)
        self.status.setText(text)

    def reset(self) -> None:
        self.group.setExclusive(False)
        for button in (self.accept, self.reject, self.follow_up):
            button.setChecked(False)
        self.group.setExclusive(True)
        self.reason.clear()
        self.status.setProperty("saved", False)
        self._update()
