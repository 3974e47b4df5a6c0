"""写真表示欄 — one zoomable, pannable photo with brightness and contrast, for side-by-side comparison.

The view state is kept *relative to the photo*: ``zoom`` 1.0 means "the whole photo fits the pane", and
the centre is a point in the photo's own 0–1 coordinates. Two panes showing photos of different sizes
(a 96×128 chip photo and a 640×480 camera frame) can therefore follow each other: the same relative zoom
and centre show the same part of each face at the same size on screen.

Input: mouse wheel zooms around the cursor, dragging pans, and the keyboard works too (+/- zoom,
arrows pan, 0 fits the photo). Every change is announced with :attr:`ImagePane.view_changed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QMouseEvent, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

MIN_ZOOM = 1.0
MAX_ZOOM = 12.0
ZOOM_STEP = 1.25
PAN_STEP = 0.05  # fraction of the photo per arrow key press


@dataclass(frozen=True)
class ViewState:
    """What part of the photo is shown: relative zoom (1 = fit) and centre in photo coordinates (0–1)."""

    zoom: float = 1.0
    cx: float = 0.5
    cy: float = 0.5

    def clamped(self) -> ViewState:
        zoom = min(max(self.zoom, MIN_ZOOM), MAX_ZOOM)
        half = 0.5 / zoom
        return ViewState(zoom, min(max(self.cx, half), 1 - half), min(max(self.cy, half), 1 - half))


def adjust_image(image: QImage, brightness: int, contrast: int) -> QImage:
    """The photo with brightness (−100…100, added) and contrast (−100…100, scaled about mid-grey)."""
    if brightness == 0 and contrast == 0:
        return image
    factor = (100 + contrast) / 100 if contrast <= 0 else 100 / (100 - min(contrast, 99))
    table = [min(255, max(0, round((v - 128) * factor + 128 + brightness * 1.28))) for v in range(256)]
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)  # 4 bytes a pixel, rows never padded
    mapped = bytearray(bytes(rgb.constBits()).translate(bytes(table)))
    mapped[3::4] = b"\xff" * (len(mapped) // 4)  # RGB32 keeps its unused alpha byte at 0xFF
    return QImage(bytes(mapped), rgb.width(), rgb.height(), rgb.bytesPerLine(), QImage.Format.Format_RGB32).copy()


class ImagePane(QGraphicsView):
    """A photo in a pane that zooms (wheel, +/-), pans (drag, arrows) and fits (0)."""

    view_changed = Signal(object)  # ViewState

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self._source: QImage | None = None
        self._state = ViewState()
        self._brightness = 0
        self._contrast = 0
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(160, 200)  # two panes side by side shrink with the window (1280×720 and less)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.viewport().rect()  # PySide builds some enum types on first use: pay that at start-up, not mid-read

    # -- content -------------------------------------------------------------------------------------
    def set_image(self, image: QImage | None) -> None:
        """Show ``image`` (``None`` clears the pane) fitted to the pane."""
        self._source = None if image is None or image.isNull() else image
        self._refresh_pixmap()
        self.set_view_state(ViewState(), announce=False)

    def has_image(self) -> bool:
        return self._source is not None

    def set_adjustments(self, brightness: int, contrast: int) -> None:
        """Brightness and contrast, each −100…100 (0 = as captured)."""
        self._brightness, self._contrast = brightness, contrast
        self._refresh_pixmap()

    def displayed_image(self) -> QImage:
        """The image as currently shown, adjustments applied (for tests and screenshots)."""
        return self._item.pixmap().toImage()

    def _refresh_pixmap(self) -> None:
        if self._source is None:
            self._item.setPixmap(QPixmap())
            return
        self._item.setPixmap(QPixmap.fromImage(adjust_image(self._source, self._brightness, self._contrast)))
        self.scene().setSceneRect(QRectF(self._item.pixmap().rect()))

    # -- view state ----------------------------------------------------------------------------------
    @property
    def view_state(self) -> ViewState:
        return self._state

    def set_view_state(self, state: ViewState, *, announce: bool = True) -> None:
        """Show the part of the photo ``state`` describes (clamped so the photo covers the pane)."""
        state = state.clamped()
        changed = state != self._state
        self._state = state
        self._apply()
        if announce and changed:
            self.view_changed.emit(state)

    def _fit_scale(self) -> float:
        pixmap = self._item.pixmap()
        if pixmap.isNull() or pixmap.width() == 0 or pixmap.height() == 0:
            return 1.0
        viewport = self.viewport().rect()
        return min(viewport.width() / pixmap.width(), viewport.height() / pixmap.height())

    def _apply(self) -> None:
        pixmap = self._item.pixmap()
        scale = self._fit_scale() * self._state.zoom
        self.resetTransform()
        self.scale(scale, scale)
        if not pixmap.isNull():
            self.centerOn(QPointF(self._state.cx * pixmap.width(), self._state.cy * pixmap.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply()

    # -- input ---------------------------------------------------------------------------------------
    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by ``factor``, keeping the photo point under ``anchor`` (viewport coordinates) in place."""
        pixmap = self._item.pixmap()
        if pixmap.isNull():
            return
        old = self._state
        new_zoom = min(max(old.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if anchor is None:
            self.set_view_state(ViewState(new_zoom, old.cx, old.cy))
            return
        scene_point = self.mapToScene(anchor.toPoint())
        px, py = scene_point.x() / pixmap.width(), scene_point.y() / pixmap.height()
        ratio = old.zoom / new_zoom
        self.set_view_state(ViewState(new_zoom, px + (old.cx - px) * ratio, py + (old.cy - py) * ratio))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by a fraction of the photo (positive: right/down)."""
        self.set_view_state(ViewState(self._state.zoom, self._state.cx + dx, self._state.cy + dy))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._sync_from_scrollbars()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._sync_from_scrollbars()

    def _sync_from_scrollbars(self) -> None:
        """After a drag moved the view, turn the visible centre back into a ViewState."""
        pixmap = self._item.pixmap()
        if pixmap.isNull():
            return
        centre = self.mapToScene(self.viewport().rect().center())
        self.set_view_state(ViewState(self._state.zoom, centre.x() / pixmap.width(), centre.y() / pixmap.height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = PAN_STEP / self._state.zoom
        actions = {
            Qt.Key.Key_Plus: lambda: self.zoom_by(ZOOM_STEP),
            Qt.Key.Key_Equal: lambda: self.zoom_by(ZOOM_STEP),
            Qt.Key.Key_Minus: lambda: self.zoom_by(1 / ZOOM_STEP),
            Qt.Key.Key_0: lambda: self.set_view_state(ViewState()),
            Qt.Key.Key_Left: lambda: self.pan_by(-step, 0),
            Qt.Key.Key_Right: lambda: self.pan_by(step, 0),
            Qt.Key.Key_Up: lambda: self.pan_by(0, -step),
            Qt.Key.Key_Down: lambda: self.pan_by(0, step),
        }
        action = actions.get(Qt.Key(key))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()
