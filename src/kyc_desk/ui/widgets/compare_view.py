"""顔写真の比較表示 — the chip photo beside the live photo, zooming and panning in step.

Both panes follow each other while 「連動」 is on (the default): a wheel turn, a drag or a key press in
one pane moves the other to the same relative place (see :class:`~kyc_desk.ui.widgets.image_pane.ViewState`).
Turning it off lets each pane move alone, e.g. to look at an ear in one photo while keeping the whole
face in the other. Each pane has its own brightness and contrast, since the camera photo is often the
dark one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from kyc_desk.ui.widgets.image_pane import ImagePane, ViewState


def _slider(name: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setObjectName(name)
    slider.setRange(-100, 100)
    slider.setValue(0)
    slider.setPageStep(10)
    return slider


class CompareView(QWidget):
    """Two linked photo panes: left the IC chip's photo, right the person in front of the desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_view")
        self.chip_pane = ImagePane()
        self.chip_pane.setObjectName("chip_pane")
        self.live_pane = ImagePane()
        self.live_pane.setObjectName("live_pane")
        self.link = QCheckBox(self.tr("2枚を連動して拡大・移動する(&K)"))
        self.link.setObjectName("link_panes")
        self.link.setChecked(True)
        self.link.setToolTip(self.tr("ホイールで拡大・縮小、ドラッグで移動、キーボードでは + − 矢印 0"))
        self.reset = QPushButton(self.tr("全体表示(&0)"))
        self.reset.setObjectName("reset_view")
        self.reset.clicked.connect(self.fit_both)

        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("<b>ICチップの顔写真</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>来所者の顔写真</b>")), 0, 1)
        grid.addWidget(self.chip_pane, 1, 0)
        grid.addWidget(self.live_pane, 1, 1)
        grid.setRowStretch(1, 1)
        self.sliders: dict[str, QSlider] = {}
        for column, (key, pane) in enumerate((("chip", self.chip_pane), ("live", self.live_pane))):
            form = QFormLayout()
            brightness, contrast = _slider(f"{key}_brightness"), _slider(f"{key}_contrast")
            self.sliders[f"{key}_brightness"], self.sliders[f"{key}_contrast"] = brightness, contrast
            form.addRow(self.tr("明るさ"), brightness)
            form.addRow(self.tr("コントラスト"), contrast)

            def update(_: int = 0, pane: ImagePane = pane, b: QSlider = brightness, c: QSlider = contrast) -> None:
                pane.set_adjustments(b.value(), c.value())

            brightness.valueChanged.connect(update)
            contrast.valueChanged.connect(update)
            holder = QWidget()
            holder.setLayout(form)
            grid.addWidget(holder, 2, column)
        grid.addWidget(self.link, 3, 0)
        grid.addWidget(self.reset, 3, 1, alignment=Qt.AlignmentFlag.AlignRight)
        self.chip_pane.view_changed.connect(lambda state: self._follow(self.live_pane, state))
        self.live_pane.view_changed.connect(lambda state: self._follow(self.chip_pane, state))
        self.link.toggled.connect(self._link_toggled)

    def set_chip_photo(self, image: QImage | None) -> None:
        self.chip_pane.set_image(image)

    def set_live_photo(self, image: QImage | None) -> None:
        self.live_pane.set_image(image)

    def fit_both(self) -> None:
        """Show both photos whole again."""
        self.chip_pane.set_view_state(ViewState(), announce=False)
        self.live_pane.set_view_state(ViewState(), announce=False)

    def _follow(self, other: ImagePane, state: ViewState) -> None:
        if self.link.isChecked():
            other.set_view_state(state, announce=False)

    def _link_toggled(self, linked: bool) -> None:
        if linked:  # re-join: the live photo follows the chip photo
            self.live_pane.set_view_state(self.chip_pane.view_state, announce=False)
