"""The photo comparison: real photos, linked zoom and pan (wheel, drag, keyboard), unlinking, brightness."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.ui.widgets import CompareView, ViewState
from kyc_desk.ui.widgets.images import qimage_from_bytes
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.portrait import card_portrait


def _view(qtbot: QtBot) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    chip = qimage_from_bytes(card_portrait(sample_photo("obama.jpg")))  # a real JPEG 2000 chip portrait
    live = QImage(str(sample_photo("obama2.jpg")))
    assert chip.width() == 96 and not live.isNull()
    view.set_chip_photo(chip)
    view.set_live_photo(live)
    return view


def _wheel(widget: object, steps: int) -> None:
    pane = widget
    centre = QPointF(pane.viewport().rect().center())  # type: ignore[attr-defined]
    event = QWheelEvent(
        centre, pane.viewport().mapToGlobal(centre),  # type: ignore[attr-defined]
        QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )
    QApplication.sendEvent(pane.viewport(), event)  # type: ignore[attr-defined]


def test_wheel_zoom_follows_in_other_pane(qtbot: QtBot) -> None:
    view = _view(qtbot)
    _wheel(view.chip_pane, 2)
    assert view.chip_pane.view_state.zoom > 1.5
    assert view.live_pane.view_state == view.chip_pane.view_state


def test_keyboard_zoom_and_pan_follow(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.live_pane.setFocus()
    qtbot.keyClick(view.live_pane, Qt.Key.Key_Plus)
    qtbot.keyClick(view.live_pane, Qt.Key.Key_Plus)
    qtbot.keyClick(view.live_pane, Qt.Key.Key_Right)
    state = view.live_pane.view_state
    assert state.zoom > 1.5 and state.cx > 0.5
    assert view.chip_pane.view_state == state
    qtbot.keyClick(view.live_pane, Qt.Key.Key_0)
    assert view.chip_pane.view_state == ViewState() == view.live_pane.view_state


def test_drag_pans_both(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.chip_pane.set_view_state(ViewState(4.0, 0.5, 0.5))
    viewport = view.chip_pane.viewport()
    start = viewport.rect().center()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(-60, -40))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-60, -40))
    moved = view.chip_pane.view_state
    assert moved.cx > 0.5 and moved.cy > 0.5  # dragging left/up shows more of the right/bottom
    assert view.live_pane.view_state == moved


def test_unlinked_panes_move_alone(qtbot: QtBot) -> None:
    view = _view(qtbot)
    view.link.setChecked(False)
    _wheel(view.chip_pane, 3)
    assert view.chip_pane.view_state.zoom > 1.5
    assert view.live_pane.view_state == ViewState()
    view.link.setChecked(True)  # re-linking brings the live photo to the chip photo's view
    assert view.live_pane.view_state == view.chip_pane.view_state


def test_brightness_and_contrast_change_the_shown_pixels(qtbot: QtBot) -> None:
    view = _view(qtbot)
    before = view.live_pane.displayed_image().pixelColor(100, 100).lightness()
    view.sliders["live_brightness"].setValue(50)
    brighter = view.live_pane.displayed_image().pixelColor(100, 100).lightness()
    assert brighter > before
    view.sliders["live_brightness"].setValue(0)
    assert view.live_pane.displayed_image().pixelColor(100, 100).lightness() == before
    view.sliders["live_contrast"].setValue(60)
    assert view.live_pane.displayed_image() != view.live_pane._source
    # the chip photo is untouched by the live photo's sliders
    assert view.chip_pane.displayed_image().pixelColor(40, 60) == view.chip_pane._source.convertToFormat(  # type: ignore[union-attr]
        QImage.Format.Format_RGB32
    ).pixelColor(40, 60)
