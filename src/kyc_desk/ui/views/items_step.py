"""項目の確認 — step 5: the client's stated details beside the chip's, each confirmed by the scrivener.

Rows come from :func:`kyc_desk.ui.models.compare_items`. A difference is highlighted in red and needs a
note (why it is acceptable, e.g. a recent move) before its confirmation counts; a difference only in
how the text is written is marked as such in amber. Every row has its own checkbox, reachable with Tab
and toggled with Space.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.ui.models.items import Confirmation, ItemRow


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    return text


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
}
_BACKGROUND: Final = {"same": "#e8f5e9", "same_folded": "#fff8e1", "different": "#ffebee", "missing": "#ffebee"}


def _t(text: str) -> str:
    return QCoreApplication.translate("ItemsStepView", text)


class ItemsStepView(QWidget):
    """The comparison table. ``changed`` fires on every confirmation or note edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("items_step")
        self.rows: tuple[ItemRow, ...] = ()
        self.checkboxes: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "依頼者の申告とICチップの内容を項目ごとに見比べ、確認した項目にチェックを付けてください。"
                "不一致の項目は、受け入れる理由を備考に書いてからチェックします。"
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
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.waiting = QLabel()
        self.waiting.setObjectName("items_waiting")
        layout.addWidget(self.waiting)

    def show_rows(self, rows: tuple[ItemRow, ...]) -> None:
        self.rows = rows
        self.checkboxes.clear()
        self.notes.clear()
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            colour = QColor(_BACKGROUND[row.comparison])
            cells = [
                _t(ITEM_LABELS[row.item]),
                row.stated or "—",
                row.chip or "—",
                _t(COMPARISON_TEXTS[row.comparison]),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(colour)
                item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.table.setItem(index, column, item)
            box = QCheckBox(self.tr("確認済み"))
            box.setObjectName(f"confirm_{row.item}")
            box.toggled.connect(lambda _checked: self._changed())
            self.table.setCellWidget(index, 4, box)
            self.checkboxes[row.item] = box
            note = QLineEdit()
            note.setObjectName(f"note_{row.item}")
            note.setPlaceholderText(
                self.tr("不一致を受け入れる理由（例: 転居後で住所変更の届出前）") if row.differs else ""
            )
            note.textChanged.connect(lambda _text: self._changed())
            self.table.setCellWidget(index, 5, note)
            self.notes[row.item] = note
        self.table.resizeRowsToContents()
        self._changed()

    def confirmations(self) -> dict[str, Confirmation]:
        return {item: Confirmation(box.isChecked(), self.notes[item].text()) for item, box in self.checkboxes.items()}

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
