"""日付の入力欄 — a typed date that may be left empty (未入力), in 和暦 or Western form.

A date picker always holds some date, so an untouched birth date used to be saved as 1970-01-01. This
field is a line edit instead: empty means "not entered", and what is typed is read the way it is printed
on Japanese documents (``昭和36年8月4日``, ``S36.8.4``, ``令和元年5月1日``) or as ``1961-08-04`` /
``1961/8/4`` (the card layer's one parser of printed dates). The line below shows the date in both
calendars, or says why the text is not a date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kyc_desk.errors import KycDeskError
from kyc_desk.ui.models.items import format_date


def parse_typed_date(text: str) -> dt.date | None:
    """``None`` for an empty text; the date typed; :class:`ValueError` for text that is not a date."""
    from kyc_desk.cards.apps.mynumber.code_b import parse_printed_birth_date

    value = text.strip().replace("/", "-").replace(".", "-") if text.strip()[:1].isdigit() else text.strip()
    if not value:
        return None
    try:
        return parse_printed_birth_date(value)
    except KycDeskError as exc:  # the parser's own words speak of 照合番号B; the field words it itself
        raise ValueError(text) from exc


class DateField(QWidget):
    """The edit (``edit``) and its preview (``preview``). ``changed`` on every edit."""

    changed = Signal()

    def __init__(self, object_name: str, *, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName(object_name)
        self.edit.setPlaceholderText(self.tr("例: 昭和36年8月4日 / 1961-08-04"))
        self.edit.setClearButtonEnabled(True)
        self.preview = QLabel()
        self.preview.setObjectName(f"{object_name}_preview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.edit)
        layout.addWidget(self.preview)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._update)
        self._update()

    def value(self) -> dt.date | None:
        """The date typed, or ``None`` when empty or not a date (see :meth:`is_valid`)."""
        try:
            return parse_typed_date(self.edit.text())
        except ValueError:
            return None

    def is_valid(self) -> bool:
        """Empty or a real date."""
        try:
            parse_typed_date(self.edit.text())
        except ValueError:
            return False
        return True

    def set_empty_text(self, text: str) -> None:
        """What the line below says while the field is empty."""
        self._empty_text = text
        self._update()

    def set_value(self, day: dt.date | None) -> None:
        self.edit.setText(day.isoformat() if day is not None else "")

    def clear(self) -> None:
        self.edit.clear()

    def _update(self) -> None:
        try:
            day = parse_typed_date(self.edit.text())
        except ValueError:
            self.preview.setText(
                self.tr("日付として読めません。和暦（例: 昭和36年8月4日）か西暦（例: 1961-08-04）で入力してください。")
            )
            self.preview.setStyleSheet("color: #b71c1c;")
        else:
            self.preview.setStyleSheet("")
            self.preview.setText(format_date(day) or self._empty_text)
        self.changed.emit()
