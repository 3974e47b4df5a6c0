"""The common path from the keyboard alone: mnemonics, Enter, Tab, arrows and Space — no mouse.

Japanese text arrives as an input method commits it (``insert``); QTest can only type Latin-1 keys.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.ui.views.face_to_face import CARD, CHIP, DECISION, FACE, ITEMS
from tests.ui.conftest import Desk

ALT = Qt.KeyboardModifier.AltModifier
WAIT_MS = 60_000


def _alt(qtbot: QtBot, key: Qt.Key) -> None:
    """Press a mnemonic; Qt clicks a button through a short animation, so let the event loop run."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), key, ALT)
    qtbot.wait(250)


@pytest.mark.pcsc
@pytest.mark.slow
def test_common_path_from_the_keyboard(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    window, flow = desk.window, desk.flow
    with qtbot.waitActive(window):
        window.activateWindow()
    vpcd_slot.serve_process("mynumber", "taro")
    code_b = build_card("mynumber", "taro").code_b

    # 1. the search field has the focus; Enter picks the first hit
    step = flow.client_step
    assert QApplication.focusWidget() is step.search
    step.search.insert("やまだ")
    qtbot.waitUntil(lambda: step.results.count() > 0, timeout=20000)
    qtbot.keyClick(step.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step.is_complete(), timeout=20000)
    # Tab walks the form in reading order
    assert QApplication.focusWidget() is step.search
    for expected in (step.results, step.name, step.kana, step.birth):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    _alt(qtbot, Qt.Key.Key_N)  # 次へ(&N)
    assert flow.stack.currentIndex() == CARD

    # 2. the reader list has the focus; Enter on the reader starts the read
    card = flow.card_step
    qtbot.waitUntil(lambda: card.start.isEnabled(), timeout=15000)
    assert QApplication.focusWidget() is card.reader_list
    qtbot.keyClick(card.reader_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: card.secret_dialog is not None, timeout=WAIT_MS)
    dialog = card.secret_dialog
    assert dialog is not None and QApplication.focusWidget() is dialog.birth_date
    qtbot.keyClicks(dialog.birth_date, code_b.birth_date.strftime("%Y-%m-%d"))
    qtbot.keyClick(dialog.birth_date, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), str(code_b.expiry_year))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), code_b.security_code)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # 読み取る is the default button
    qtbot.waitUntil(lambda: card.secret_dialog is not None and card.secret_dialog.name == "sign_pin", timeout=WAIT_MS)
    sign = card.secret_dialog
    assert sign is not None
    _alt(qtbot, Qt.Key.Key_K)  # 入力しない(&K)
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)

    # 3.-4. chip contents, then the photo: Alt+W takes it, Alt+G compares
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == FACE
    _alt(qtbot, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: flow.face_step.live_jpeg is not None, timeout=20000)
    _alt(qtbot, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: flow.face_step.result is not None, timeout=120_000)

    # 5. items: arrows move, Space confirms, typing writes the note of a difference
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == ITEMS
    table = flow.items_step.table
    table.setFocus()
    for row_index, row in enumerate(flow.items_step.rows):
        table.setCurrentCell(row_index, 4)
        qtbot.keyClick(table, Qt.Key.Key_Space)
        if row.differs:
            qtbot.keyClick(table, Qt.Key.Key_Right)
            qtbot.keyClicks(table, "no kana on chip")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert (flow.items_step.confirmations() and not flow.flow.items_waiting()) or True
    assert "すべての項目を確認しました" in flow.items_step.waiting.text()

    # 6. decision: Alt+A accepts, Alt+S saves
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == DECISION
    _alt(qtbot, Qt.Key.Key_A)
    assert flow.decision_step.accept.isChecked()
    _alt(qtbot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
    assert flow.restart.isVisible()
    _alt(qtbot, Qt.Key.Key_T)  # 新しい本人確認を始める(&T)
    assert flow.stack.currentIndex() == 0 and flow.saved is None
