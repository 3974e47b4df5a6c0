"""大きさの決まりごと — the few layout helpers that keep every place and dialog inside 1280×720.

The desk runs on 1366×768 laptops and on 1920×1080 panels at 150 % (1280×720 logical pixels). Three
rules keep it usable there, and these helpers are the one way the views apply them:

- a long form scrolls inside its pane (:func:`scroll_pane`) instead of growing the window;
- a dialog opens at its preferred size only where the screen has room (:func:`fit_to_screen`);
- a photo is scaled for the screen's device pixel ratio (:func:`fitted_pixmap`), so it stays sharp at
  125–200 % instead of being enlarged from a pixmap made for 100 %.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget

#: The smallest screen the desk is laid out for (logical pixels): 1920×1080 at 150 %.
SMALLEST_SCREEN: Final = QSize(1280, 720)


def scroll_pane(content: QWidget, *, keep_width: bool = False) -> QScrollArea:
    """``content`` in a frameless scroll area that gives it the pane's whole size when there is room and
    scrolls when there is not (a scroll bar appears only then, so nothing is ever clipped).

    ``keep_width``: scroll vertically only; the pane is never narrower than ``content``'s minimum (for a
    column beside others, where a sideways scroll bar would hide the column's buttons).
    """
    area = QScrollArea()
    area.setObjectName(f"{content.objectName() or 'content'}_scroll")
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the form's fields, which scroll into view
    if keep_width:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        area.setMinimumWidth(content.minimumSizeHint().width() + bar)
    return area


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` (a dialog, before it is shown) to ``width``×``height`` where its screen has room,
    else to the screen's available area less room for a title bar."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    area = screen.availableGeometry() if screen is not None else None
    if area is not None:
        width, height = min(width, area.width() - 16), min(height, area.height() - 48)
    hint = widget.minimumSizeHint()
    widget.resize(max(width, hint.width()), max(height, hint.height()))


def fitted_pixmap(image: QImage, widget: QWidget, *, height: int = 0, width: int = 0) -> QPixmap:
    """``image`` scaled to ``height`` (or ``width``) logical pixels at ``widget``'s device pixel ratio, so
    that it is drawn from the full-resolution photo pixel for pixel at any scaling (never upscaled from a
    100 % pixmap)."""
    ratio = widget.devicePixelRatioF()
    mode = Qt.TransformationMode.SmoothTransformation
    if height:
        scaled = image.scaledToHeight(round(height * ratio), mode)
    elif width:
        scaled = image.scaledToWidth(round(width * ratio), mode)
    else:
        scaled = image
    pixmap = QPixmap.fromImage(scaled)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap
