"""項目の確認 — step 5: the client's stated details beside the chip's, each confirmed by the scrivener.

Rows come from :func:`kyc_desk.ui.models.compare_items`. A difference is highlighted in red and needs a
note (why it is acceptable, e.g. a recent move) before its confirmation counts; a difference only in
how the text is written is marked as such in amber. Every row has its own checkbox, reachable with Tab
and toggled with Space.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.ui.models.items import Confirmation, ItemRow
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP

ITEM_LABELS: Final[dict[str, str]] = {
    "name": QT_TRANSLATE_NOOP("ItemsStepView", "氏名"),
    "name_kana": QT_TRANSLATE_NOOP("ItemsStepView", "フリガナ"),
    "birth_date": QT_TRANSLATE_NOOP("ItemsStepView", "生年月日"),
    "address": QT_TRANSLATE_NOOP("ItemsStepView", "住所"),
}
COMPARISON_TEXTS: Final[dict[str, str]] = {
    "same": QT_TRANSLATE_NOOP("ItemsStepView", "一致"),
    "same_folded": QT_TRANSLATE_NOOP("ItemsStepView", "一致（表記の違いのみ）"),
    "different": QT_TRANSLATE_NOOP("ItemsStepView", "不一致"),
    "missing": QT_TRANSLATE_NOOP("ItemsStepView", "片方に記載なし"),
    "not_on_document": QT_TRANSLATE_NOOP("ItemsStepView", "照合対象外（書類に記載なし）"),
}
CONFIRM_COLUMN: Final = 4
NOTE_COLUMN: Final = 5
_BACKGROUND: Final = {"same": "#e8f5e9", "same_folded": "#fff8e1", "different": "#ffebee", "missing": "#ffebee",
                      "not_on_document": "#f2f2f2"}


def _t(text: str) -> str:
    return QCoreApplication.translate("ItemsStepView", text)


class ItemsStepView(QWidget):
    """The comparison table. ``changed`` fires on every confirmation or note edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("items_step")
        self.rows: tuple[ItemRow, ...] = ()
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "依頼者の申告とICチップの内容を項目ごとに見比べ、確認した項目にチェックを付けてください。"
                "不一致の項目は、受け入れる理由を備考に書いてからチェックします。"
                "（キーボード: 矢印で移動、スペースで確認、F2で備考を入力）"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("items_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("項目"),
                self.tr("依頼者の申告"),
                self.tr("ICチップ"),
                self.tr("比較"),
                self.tr("確認"),
                self.tr("備考"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in (0, 3, CONFIRM_COLUMN):  # short texts: as wide as they are, never cut or wrapped
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        # rows fit their text but keep room around the checkbox (resizing to contents alone made them cramped)
        self.table.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() * 2)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, Space confirms, F2 edits the note
        self.table.setEditTriggers(
            QTableWidget.EditTrigger.DoubleClicked
            | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
        )
        self.table.itemChanged.connect(lambda _item: self._changed())
        # a written note wraps inside its cell: the row grows to show it whole
        self.table.itemChanged.connect(lambda item: self.table.resizeRowToContents(item.row()))
        layout.addWidget(self.table, 1)
        self.waiting = QLabel()
        self.waiting.setObjectName("items_waiting")
        layout.addWidget(self.waiting)

    def show_rows(self, rows: tuple[ItemRow, ...]) -> None:
        self.rows = rows
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            colour = QColor(_BACKGROUND[row.comparison])
            comparison = _t(COMPARISON_TEXTS[row.comparison])
            cells = [_t(ITEM_LABELS[row.item]), row.stated or "—", row.chip or "—", comparison]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(colour)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(index, column, item)
            # the confirmation is a checkable cell: Space toggles it, so the table works from the keyboard
            check = QTableWidgetItem(self.tr("確認済み") if row.compared else "—")
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if row.compared:  # an item the document does not carry has nothing to confirm
                check.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                check.setCheckState(Qt.CheckState.Unchecked)
            else:
                check.setFlags(flags)
            check.setData(Qt.ItemDataRole.UserRole, row.item)
            self.table.setItem(index, CONFIRM_COLUMN, check)
            note = QTableWidgetItem("")
            note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
            if row.differs:
                note.setToolTip(self.tr("不一致を受け入れる理由（例: 転居後で住所変更の届出前）"))
                note.setBackground(QColor("#fff3f3"))
            self.table.setItem(index, NOTE_COLUMN, note)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        if rows:
            self.table.setCurrentCell(0, CONFIRM_COLUMN)
        self._changed()

    def set_confirmed(self, item: str, confirmed: bool, note: str | None = None) -> None:
        """Confirm (or unconfirm) one item, optionally with its note — what Space and typing do."""
        for index, row in enumerate(self.rows):
            if row.item == item:
                check, note_cell = self.table.item(index, CONFIRM_COLUMN), self.table.item(index, NOTE_COLUMN)
                if note is not None and note_cell is not None:
                    note_cell.setText(note)
                if check is not None and row.compared:
                    check.setCheckState(Qt.CheckState.Checked if confirmed else Qt.CheckState.Unchecked)

    def confirmations(self) -> dict[str, Confirmation]:
        marks: dict[str, Confirmation] = {}
        for index, row in enumerate(self.rows):
            check, note = self.table.item(index, CONFIRM_COLUMN), self.table.item(index, NOTE_COLUMN)
            confirmed = check is not None and check.checkState() == Qt.CheckState.Checked
            marks[row.item] = Confirmation(confirmed, note.text() if note is not None else "")
        return marks

    def _changed(self) -> None:
        from kyc_desk.ui.models.items import unconfirmed

        waiting = unconfirmed(self.rows, self.confirmations())
        if waiting:
            names = "、".join(_t(ITEM_LABELS[item]) for item in waiting)
            self.waiting.setText(self.tr("未確認の項目: %1").replace("%1", names))
            self.waiting.setStyleSheet("color: #b71c1c;")
        else:
            self.waiting.setText(self.tr("すべての項目を確認しました。"))
            self.waiting.setStyleSheet("color: #1b5e20;")
        self.changed.emit()

    def reset(self) -> None:
        self.show_rows(())
