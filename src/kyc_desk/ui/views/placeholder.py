"""A place whose feature is not part of this version yet: it says so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceView(QWidget):
    """An empty place with a heading and one honest sentence about what will appear here."""

    def __init__(self, object_name: str, heading: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{heading}</h2>")
        layout.addWidget(title)
        text = QLabel(explanation)
        text.setWordWrap(True)
        text.setObjectName(f"{object_name}_explanation")
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
