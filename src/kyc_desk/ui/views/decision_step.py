"""判断と保存 — the decision and 「保存」.

:class:`IdentityDecisionView` is the face-to-face flow's last step and the remote review's decision: 本人確認の
結果 (確認済み / 確認できず / 追加確認が必要) with a reason whenever a check is missing, failed or not done,
kept apart from whether the office takes the engagement, and 確認者 / 記録作成者 chosen from the office's
operators (a saved record under review keeps its 記録作成者). The rules are
:mod:`kyc_desk.ui.models.decision`'s; saving runs on the task pool through the records layer.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app.desk_methods import DESK_METHODS
from kyc_desk.app.texts import operator_role_text
from kyc_desk.ui.models.decision import RecordDecision
from kyc_desk.ui.models.flow import NEEDS_REASON
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kyc_desk.ui.models.flow import DeskFlow


CHECK_TEXTS: Final[dict[str, str]] = {
    "chip": QT_TRANSLATE_NOOP("IdentityDecisionView", "ICチップの署名検証"),
    "face": QT_TRANSLATE_NOOP("IdentityDecisionView", "顔の照合"),
    "items": QT_TRANSLATE_NOOP("IdentityDecisionView", "本人特定事項の照合"),
    "documents": QT_TRANSLATE_NOOP("IdentityDecisionView", "書類の入力"),
    "expiry": QT_TRANSLATE_NOOP("IdentityDecisionView", "有効期限"),
    "mailing": QT_TRANSLATE_NOOP("IdentityDecisionView", "転送不要郵便"),
    "reliance": QT_TRANSLATE_NOOP("IdentityDecisionView", "依拠する記録"),
    "authority": QT_TRANSLATE_NOOP("IdentityDecisionView", "代表権・代理権の確認書類"),
    "high_risk": QT_TRANSLATE_NOOP("IdentityDecisionView", "ハイリスク取引の追加書類"),
}
STATE_TEXTS: Final[dict[str, str]] = {
    "done": QT_TRANSLATE_NOOP("IdentityDecisionView", "確認済み"),
    "partial": QT_TRANSLATE_NOOP("IdentityDecisionView", "一部は確認できず（下の表）"),
    "pending": QT_TRANSLATE_NOOP("IdentityDecisionView", "発送済み（返送の有無は後で記録）"),
    "missing": QT_TRANSLATE_NOOP("IdentityDecisionView", "未入力"),
    "failed": QT_TRANSLATE_NOOP("IdentityDecisionView", "問題あり"),
    "not_done": QT_TRANSLATE_NOOP("IdentityDecisionView", "未実施"),
}
PROBLEM_TEXTS: Final[dict[str, str]] = {
    "result": QT_TRANSLATE_NOOP("IdentityDecisionView", "本人確認の結果を選んでください。"),
    "engagement": QT_TRANSLATE_NOOP("IdentityDecisionView", "受任するかどうかを選んでください。"),
    "high_risk": QT_TRANSLATE_NOOP(
        "IdentityDecisionView", "ハイリスク取引は、追加の書類を確認するまで「確認済み」にできません。"
    ),
    "reason": QT_TRANSLATE_NOOP(
        "IdentityDecisionView",
        "理由を入力してください（「確認済み」には表の全行、それ以外には表の行か所見のいずれか）。",
    ),
    "accept_unconfirmed": QT_TRANSLATE_NOOP(
        "IdentityDecisionView", "本人確認が「確認済み」でないため「受任する」は選べません（保留にしてください）。"
    ),
    "operators": QT_TRANSLATE_NOOP("IdentityDecisionView", "確認者と記録作成者を選んでください。"),
}
REASON_COLUMN: Final = 1


def _d(text: str) -> str:
    return QCoreApplication.translate("IdentityDecisionView", text)


def _m(text: str) -> str:
    return QCoreApplication.translate("MethodStepView", text)


class IdentityDecisionView(QWidget):
    """The face-to-face decision, split in two: 本人確認の結果 with a reason for every gap, and 受任 — with
    確認者 and 記録作成者 chosen from the office's operators. The rules are the flow model's
    (:meth:`~kyc_desk.ui.models.flow.DeskFlow.decision_problem`); this view shows them and says what is
    missing. ``save_requested`` when the scrivener saves; ``changed`` on every edit."""

    save_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, stacked: bool = False) -> None:
        """``stacked``: the operators below the result and the engagement (the remote review's narrow
        pane) instead of beside them, and 保存 (``save``) and its ``status`` left for the owner to place
        where they stay in view while the rest scrolls."""
        super().__init__(parent)
        self.setObjectName("decision_step")
        self._flow: DeskFlow | RecordDecision | None = None
        self._today = dt.date.today()
        self._gaps: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("decision_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)

        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("gaps_label")
        self.gaps_label.setWordWrap(True)
        layout.addWidget(self.gaps_label)
        self.gaps = QTableWidget(0, 2)
        self.gaps.setObjectName("decision_gaps")
        self.gaps.setHorizontalHeaderLabels([self.tr("未実施・未確認・問題のある確認"), self.tr("理由（必須）")])
        self.gaps.verticalHeader().setVisible(False)
        self.gaps.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2)
        header = self.gaps.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        if stacked:  # a narrow pane: the gap's name wraps in its three-line row, never a sideways scroll bar
            self.gaps.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 3)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.gaps.setHorizontalHeaderLabels([self.tr("確認"), self.tr("理由（必須）")])  # short, whole
            self.gaps.setWordWrap(True)
            self.gaps.setTextElideMode(Qt.TextElideMode.ElideNone)
            self.gaps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gaps.setEditTriggers(  # typing on a row writes its reason, as in the items step
            QTableWidget.EditTrigger.DoubleClicked
            | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
        )
        self.gaps.itemChanged.connect(lambda _item: self._update())
        self.gaps_label.setBuddy(self.gaps)
        layout.addWidget(self.gaps)

        row = QHBoxLayout()
        result_box = QGroupBox(self.tr("本人確認の結果"))
        result_layout = QVBoxLayout(result_box)
        self.result_group = QButtonGroup(self)
        self.confirmed = QRadioButton(self.tr("確認済み(&A)"))
        self.confirmed.setObjectName("result_confirmed")
        self.not_confirmed = QRadioButton(self.tr("確認できず(&J)"))
        self.not_confirmed.setObjectName("result_not_confirmed")
        self.needs_more = QRadioButton(self.tr("追加確認が必要(&U)"))
        self.needs_more.setObjectName("result_needs_more")
        for button in (self.confirmed, self.not_confirmed, self.needs_more):
            self.result_group.addButton(button)
            result_layout.addWidget(button)
            button.toggled.connect(lambda _c: self._update())
        row.addWidget(result_box)
        engagement_box = QGroupBox(self.tr("受任"))
        engagement_layout = QVBoxLayout(engagement_box)
        self.engagement_group = QButtonGroup(self)
        self.accept = QRadioButton(self.tr("受任する(&X)"))
        self.accept.setObjectName("engagement_accept")
        self.decline = QRadioButton(self.tr("受任しない(&Z)"))
        self.decline.setObjectName("engagement_decline")
        self.undecided = QRadioButton(self.tr("保留(&V)"))
        self.undecided.setObjectName("engagement_undecided")
        for button in (self.accept, self.decline, self.undecided):
            self.engagement_group.addButton(button)
            engagement_layout.addWidget(button)
            button.toggled.connect(lambda _c: self._update())
        row.addWidget(engagement_box)
        people = QGroupBox(self.tr("担当者"))
        people_form = self._people = QFormLayout(people)
        self.checked_by = QComboBox()
        self.checked_by.setObjectName("checked_by")
        self.recorded_by = QComboBox()
        self.recorded_by.setObjectName("recorded_by")
        people_form.addRow(self.tr("確認者(&C)"), self.checked_by)
        people_form.addRow(self.tr("記録作成者(&W)"), self.recorded_by)
        for combo in (self.checked_by, self.recorded_by):
            combo.currentIndexChanged.connect(lambda _i: self._update())
        layout.addLayout(row)
        if stacked:  # the result and the engagement side by side, the operators below them
            layout.addWidget(people)
        else:
            row.addWidget(people, 1)

        self.reason_label = QLabel(self.tr("所見（確認できず・追加確認が必要のときは、表の理由かここに記入）(&E)"))
        self.reason_label.setWordWrap(True)
        layout.addWidget(self.reason_label)
        self.reason = QPlainTextEdit()
        self.reason_label.setBuddy(self.reason)
        self.reason.setObjectName("decision_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.reason.textChanged.connect(self._update)
        layout.addWidget(self.reason)
        self.save = QPushButton(self.tr("暗号化して保存(&S)"))
        self.save.setObjectName("save_record")
        self.save.setEnabled(False)
        self.save.clicked.connect(self.save_requested.emit)
        if not stacked:  # stacked: the owner keeps 保存 in view below its scrolling pane
            layout.addWidget(self.save)
        self.status = QLabel()
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        if not stacked:
            layout.addWidget(self.status)
        layout.addStretch(1)

    def set_operators(self, operators: tuple[tuple[str, str], ...], current: str) -> None:
        """The office's operators (settings) as (name, role) pairs, role ``scrivener`` or ``assistant``.
        A choice already made is kept; else with one operator, or the desk's operator among them, that
        one is chosen; otherwise both wait for a choice."""
        names = [name for name, _role in operators]
        for combo in (self.checked_by, self.recorded_by):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（選択してください）"), "")
            for name, role in operators:
                shown = f"{name}（{operator_role_text(role)}）" if role == "assistant" else name
                combo.addItem(shown, name)
            if chosen in names:
                combo.setCurrentIndex(combo.findData(chosen))
            elif len(names) == 1 or current in names:
                combo.setCurrentIndex(combo.findData(current if current in names else names[0]))
            combo.blockSignals(False)
        self._update()

    def bind(self, flow: DeskFlow, today: dt.date, chip_summary: list[str] | None = None) -> None:
        """Show the flow's checks and gaps, and judge the decision against its rules. ``chip_summary``: what
        the chip's checks confirmed, in words (:func:`kyc_desk.app.texts.report_summary`), shown in place
        of the chip's one-line state."""
        self._flow, self._today = flow, today
        from kyc_desk.ui.views.method_step import METHOD_TEXTS

        rule = DESK_METHODS[flow.method].method
        title = re.sub(r"\(&.\)", "", _m(METHOD_TEXTS[flow.method][0]))
        lines = [self.tr("確認方法: %1").replace("%1", f"{title}（{rule.rule.letter}）" if rule is not None else title)]
        for check in flow.checks(today):
            if check.code == "chip" and chip_summary:
                lines += [html.escape(line) for line in chip_summary]
                continue
            state = _d(STATE_TEXTS[check.state])
            if check.state in NEEDS_REASON:
                state = f"<span style='color:#b71c1c'><b>{state}</b></span>"
            lines.append(f"{_d(CHECK_TEXTS[check.code])}: {state}")
        self.summary.setText("<br>".join(lines))
        self._people.setRowVisible(self.recorded_by, True)
        typed = {**flow.suggested_reasons(), **self.gap_reasons(), **flow.gap_reasons}
        self._show_gaps(flow.gaps(today), tuple(d.kind for d in flow.record_documents()), typed)

    def bind_record(self, decision: RecordDecision, today: dt.date, summary: list[str],
                    document_kinds: tuple[str, ...] = ()) -> None:
        """Decide a saved verification (the remote review): ``summary`` says what its checks confirmed, in
        words; the gaps are the store's (:meth:`~kyc_desk.app.caseload.CaseloadService.gaps`), and the
        record keeps its own 記録作成者, so only 確認者 is asked."""
        self._flow, self._today = decision, today
        self.summary.setText("<br>".join(html.escape(line) for line in summary))
        self._people.setRowVisible(self.recorded_by, False)
        self._show_gaps(decision.gap_keys, document_kinds, {**self.gap_reasons(), **decision.gap_reasons})

    def _show_gaps(self, gaps: tuple[str, ...], kinds: tuple[str, ...], typed: dict[str, str]) -> None:
        """The gaps table: one row per gap, with the reason typed so far (or suggested)."""
        from kyc_desk.app.texts import gap_text

        self._gaps = gaps
        self.gaps.blockSignals(True)
        self.gaps.setRowCount(len(self._gaps))
        for row, key in enumerate(self._gaps):
            label = QTableWidgetItem(gap_text(key, kinds))
            label.setToolTip(label.text())  # whole, where a narrow pane cuts a long name
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, key)
            self.gaps.setItem(row, 0, label)
            self.gaps.setItem(row, REASON_COLUMN, QTableWidgetItem(typed.get(key, "")))
        self.gaps.blockSignals(False)
        self.gaps.setVisible(bool(self._gaps))
        self._fit_gaps()
        self.gaps_label.setText(
            self.tr(
                "次の確認は未実施・未確認・問題ありです。「確認済み」にするには、各行に理由を入力してください(&R)。"
            )
            if self._gaps
            else self.tr("未実施・問題のある確認はありません。")
        )
        self._update()

    def _fit_gaps(self) -> None:
        """The gaps table as tall as its rows, up to eight (then it scrolls); the step itself scrolls on a
        small screen."""
        shown = sum(self.gaps.rowHeight(row) for row in range(min(len(self._gaps), 8)))
        frame = 2 * self.gaps.frameWidth() + self.gaps.horizontalHeader().height()
        self.gaps.setFixedHeight(frame + max(shown, self.gaps.verticalHeader().defaultSectionSize()))

    def gap_reasons(self) -> dict[str, str]:
        """The reasons typed in the table, by gap key."""
        reasons = {}
        for row in range(self.gaps.rowCount()):
            label, reason = self.gaps.item(row, 0), self.gaps.item(row, REASON_COLUMN)
            if label is not None and reason is not None:
                reasons[str(label.data(Qt.ItemDataRole.UserRole))] = reason.text()
        return reasons

    def set_gap_reason(self, key: str, reason: str) -> None:
        for row in range(self.gaps.rowCount()):
            label = self.gaps.item(row, 0)
            if label is not None and label.data(Qt.ItemDataRole.UserRole) == key:
                self.gaps.setItem(row, REASON_COLUMN, QTableWidgetItem(reason))
                return
        raise KeyError(key)

    def apply_to(self, flow: DeskFlow | RecordDecision) -> None:
        from kyc_desk.records.model import Engagement, IdentityResult

        results = {self.confirmed: IdentityResult.CONFIRMED, self.not_confirmed: IdentityResult.NOT_CONFIRMED,
                   self.needs_more: IdentityResult.NEEDS_MORE}  # fmt: skip
        engagements = {self.accept: Engagement.ACCEPTED, self.decline: Engagement.DECLINED,
                       self.undecided: Engagement.PENDING}  # fmt: skip
        flow.result = next((r for b, r in results.items() if b.isChecked()), None)
        flow.engagement = next((e for b, e in engagements.items() if b.isChecked()), None)
        flow.gap_reasons = {key: text for key, text in self.gap_reasons().items() if key in self._gaps}
        flow.result_reason = self.reason.toPlainText()
        flow.checked_by = str(self.checked_by.currentData() or "")
        if not isinstance(flow, RecordDecision):  # a saved record keeps its own 記録作成者
            flow.recorded_by = str(self.recorded_by.currentData() or "")

    def problem(self) -> str | None:
        if self._flow is None:
            return "result"
        self.apply_to(self._flow)
        return self._flow.decision_problem(self._today)

    def _update(self) -> None:
        problem = self.problem()
        why = _d(PROBLEM_TEXTS[problem]) if problem is not None else ""
        self.save.setEnabled(problem is None)
        self.save.setToolTip(why)
        if not self.status.property("saved"):
            self.status.setText(why)
        self.changed.emit()

    def _inputs(self) -> tuple[QWidget, ...]:
        return (self.gaps, self.confirmed, self.not_confirmed, self.needs_more, self.accept, self.decline,
                self.undecided, self.checked_by, self.recorded_by, self.reason)  # fmt: skip

    def show_saved(self, text: str) -> None:
        """The record is saved: say so, and keep the decision as it was saved (no longer editable)."""
        self.status.setProperty("saved", True)
        self.status.setText(text)
        for widget in self._inputs():
            widget.setEnabled(False)

    def reset(self) -> None:
        for widget in self._inputs():
            widget.setEnabled(True)
        for group, buttons in ((self.result_group, (self.confirmed, self.not_confirmed, self.needs_more)),
                               (self.engagement_group, (self.accept, self.decline, self.undecided))):  # fmt: skip
            group.setExclusive(False)
            for button in buttons:
                button.setChecked(False)
            group.setExclusive(True)
        self.reason.clear()
        self.gaps.setRowCount(0)
        self._gaps = ()
        self.status.setProperty("saved", False)
        self._flow = None
        self._update()
