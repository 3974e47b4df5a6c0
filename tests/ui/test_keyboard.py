"""The common path from the keyboard alone: mnemonics, Enter, Tab, arrows and Space — no mouse, and no
call that moves the focus or selects a cell for the user: every step is reached with ``QTest.keyClick``.
At each step the keyboard focus is on a widget that is shown whole (not scrolled away or under an edge).

Japanese text arrives as an input method commits it (``insert``); QTest can only type Latin-1 keys.
Dialogs: Enter presses the default button, Escape cancels.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from kyc_desk.app.desk_methods import DeskMethod
from kyc_desk.ui.views.face_to_face import CARD, CHIP, DECISION, FACE, ITEMS, METHOD
from kyc_desk.ui.views.items_step import CONFIRM_COLUMN
from tests.ui.conftest import Desk
from tests.ui.test_fit import shown_whole

ALT = Qt.KeyboardModifier.AltModifier
WAIT_MS = 60_000


def _alt(qtbot: QtBot, key: Qt.Key) -> None:
    """Press a mnemonic; Qt clicks a button through a short animation, so let the event loop run."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget(), key, ALT)
    qtbot.wait(250)


def _focus_in_view() -> QWidget:
    """The focus is on a widget the scrivener can see (shown whole, inside the window's visible area)."""
    focus = QApplication.focusWidget()
    assert focus is not None and shown_whole(focus), focus
    return focus


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
    assert _focus_in_view() is step.search
    step.search.insert("やまだ")
    qtbot.waitUntil(lambda: step.results.count() > 0, timeout=20000)
    qtbot.keyClick(step.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: step.is_complete(), timeout=20000)
    # Tab walks the form in reading order
    assert QApplication.focusWidget() is step.search
    for expected in (step.search_birth.edit, step.results, step.kind_individual, step.role_self, step.name,
                     step.kana, step.birth.edit, step.address, step.occupation, step.matter_title, step.matter_kind,
                     step.purpose):  # fmt: skip
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert _focus_in_view() is expected
    _alt(qtbot, Qt.Key.Key_N)  # 次へ(&N)
    # 2. the method: the chosen one (reading the chip) has the focus; Alt+N goes on to the reader
    assert flow.stack.currentIndex() == METHOD
    assert _focus_in_view() is flow.method_step.buttons[DeskMethod.CHIP]
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == CARD

    # 2. the reader list has the focus; Enter on the reader starts the read
    card = flow.card_step
    qtbot.waitUntil(lambda: card.start.isEnabled(), timeout=15000)
    assert _focus_in_view() is card.reader_list
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
    assert _focus_in_view() is flow.face_step.capture
    _alt(qtbot, Qt.Key.Key_W)
    qtbot.waitUntil(lambda: flow.face_step.live_jpeg is not None, timeout=20000)
    _alt(qtbot, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: flow.face_step.result is not None, timeout=120_000)

    # 5. items: the table has the focus on the first row's 確認; Space confirms, Right + typing writes the
    #    note of a difference (Enter commits it), Left goes back, Down moves to the next row
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == ITEMS
    table = flow.items_step.table
    assert _focus_in_view() is table and table.currentColumn() == CONFIRM_COLUMN
    for row_index, row in enumerate(flow.items_step.rows):
        assert table.currentRow() == row_index
        qtbot.keyClick(table, Qt.Key.Key_Space)
        if row.differs:
            qtbot.keyClick(table, Qt.Key.Key_Right)
            qtbot.keyClicks(table, "no kana on chip")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            qtbot.keyClick(table, Qt.Key.Key_Left)
        qtbot.keyClick(table, Qt.Key.Key_Down)
    marks = flow.items_step.confirmations()
    compared = {r.item for r in flow.items_step.rows if r.compared}  # the kana the chip lacks: nothing to confirm
    assert compared < set(marks) and not flow.flow.items_waiting()
    assert all(marks[item].confirmed for item in compared)
    assert {item for item, mark in marks.items() if mark.note} == {r.item for r in flow.items_step.rows if r.differs}
    assert "すべての項目を確認しました" in flow.items_step.waiting.text()

    # 6. decision: Alt+A 確認済み, Alt+X 受任する; Alt+R reaches the gaps, Right + typing gives a
    #    reason (Enter commits it), Down the next row; Alt+S saves
    _alt(qtbot, Qt.Key.Key_N)
    assert flow.stack.currentIndex() == DECISION
    decision = flow.decision_step
    assert _focus_in_view() is decision.confirmed
    _alt(qtbot, Qt.Key.Key_A)
    _alt(qtbot, Qt.Key.Key_X)
    assert decision.confirmed.isChecked() and decision.accept.isChecked()
    gaps = decision.gaps
    if gaps.rowCount():
        _alt(qtbot, Qt.Key.Key_R)
        assert _focus_in_view() is gaps
        if gaps.currentRow() < 0:
            qtbot.keyClick(gaps, Qt.Key.Key_Down)
        for row in range(gaps.rowCount()):
            assert gaps.currentRow() == row
            reason_item = gaps.item(row, 1)
            if not reason_item.text():
                if gaps.currentColumn() != 1:
                    qtbot.keyClick(gaps, Qt.Key.Key_Right)
                qtbot.keyClick(gaps, Qt.Key.Key_N)  # the first key opens the editor, the rest go to it
                qtbot.keyClicks(QApplication.focusWidget(), "o signature needed")
                qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
                qtbot.waitUntil(lambda row=row: gaps.item(row, 1).text() == "no signature needed")  # type: ignore[misc]
            qtbot.keyClick(gaps, Qt.Key.Key_Down)
    assert decision.save.isEnabled(), decision.status.text()
    _alt(qtbot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
    assert flow.saved is not None
    saved_id = flow.saved.id
    assert flow.restart.isVisible() and _focus_in_view() is flow.restart
    _alt(qtbot, Qt.Key.Key_T)  # 新しい本人確認を始める(&T)
    assert flow.stack.currentIndex() == 0 and flow.saved is None

    # the places: Ctrl+3 opens 記録 in its search field, Ctrl+2 the remote queue, Ctrl+1 the flow again
    ctrl = Qt.KeyboardModifier.ControlModifier
    records, remote = window.places["records"], window.places["remote"]
    for key, place, focus in ((Qt.Key.Key_3, records, records.search), (Qt.Key.Key_2, remote, remote.table),  # type: ignore[attr-defined]
                              (Qt.Key.Key_1, flow, flow.client_step.search)):  # fmt: skip
        qtbot.keyClick(QApplication.focusWidget(), key, ctrl)
        qtbot.waitUntil(lambda place=place, focus=focus: window.tabs.currentWidget() is place  # type: ignore[misc]
                        and QApplication.focusWidget() is focus, timeout=5000)
        _focus_in_view()
        if place is records:  # Tab to the list: the newest record (listed first) is current and opens
            table = records.table  # type: ignore[attr-defined]
            qtbot.waitUntil(lambda table=table: table.rowCount() >= 2, timeout=20000)  # type: ignore[misc]
            qtbot.keyClick(records.search, Qt.Key.Key_Tab)  # type: ignore[attr-defined]
            assert _focus_in_view() is table
            if table.currentRow() < 0:  # the style may leave no current row on focus: Down makes the first
                qtbot.keyClick(table, Qt.Key.Key_Down)
            qtbot.waitUntil(lambda table=table: table.currentRow() == 0 and records.opened is not None  # type: ignore[misc]
                            and records.opened.id == saved_id, timeout=20000)  # type: ignore[attr-defined]


def _open(qtbot: QtBot, dialog: QDialog) -> QDialog:
    with qtbot.waitActive(dialog):
        dialog.open()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is dialog)
    return dialog


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)
    qtbot.wait(250 if modifier == ALT else 50)  # a mnemonic clicks through a short animation


def test_dialogs_answer_enter_and_escape(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    """Enter presses the dialog's default button (after its own checks), Escape cancels; the recovery key
    dialog refuses Escape until the scrivener confirmed (Alt+W), then Enter closes it."""
    from kyc_desk.app.remote import RemoteService
    from kyc_desk.records.keys import RecoveryKey
    from kyc_desk.ui.dialogs.first_run import FirstRunDialog, RecoveryKeyDialog
    from kyc_desk.ui.dialogs.remote_settings import RemoteSettingsDialog
    from kyc_desk.ui.dialogs.request_dialog import RequestDialog
    from kyc_desk.ui.dialogs.secret_dialog import SecretDialog

    window, tasks = desk.window, desk.flow.tasks
    with qtbot.waitActive(window):
        window.activateWindow()

    pin = _open(qtbot, SecretDialog("text_pin", 3, 3, parent=window))
    assert isinstance(pin, SecretDialog) and QApplication.focusWidget() is pin.secret
    qtbot.keyClicks(pin.secret, "12")
    _key(qtbot, Qt.Key.Key_Return)  # a malformed PIN is refused here, nothing is sent
    assert pin.isVisible() and "4桁" in pin.error.text()
    qtbot.keyClicks(pin.secret, "34")
    _key(qtbot, Qt.Key.Key_Return)
    assert pin.result() == QDialog.DialogCode.Accepted and (answer := pin.take_answer()) and answer.value == "1234"

    code_b = _open(qtbot, SecretDialog("code_b", 10, 10, parent=window))
    _key(qtbot, Qt.Key.Key_Escape)
    assert not code_b.isVisible() and code_b.result() == QDialog.DialogCode.Rejected

    request = _open(qtbot, RequestDialog(desk.services, tasks, RemoteService(folder=tmp_path / "sync"), parent=window))
    assert isinstance(request, RequestDialog)
    created: list[bool] = []
    request.create_button.clicked.connect(lambda: created.append(True))
    request.client.name.insert("山田 太郎")
    for field in (request.client.search, request.client.name):  # Enter never creates the request early
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert created == [] and request.created is None and request.isVisible()
    _key(qtbot, Qt.Key.Key_Escape)
    assert not request.isVisible()

    for dialog in (
        RemoteSettingsDialog("", 5, ask_passphrase=False, new_key=False, parent=window),
        FirstRunDialog(tasks, secure_keyring=False, parent=window),
    ):
        _open(qtbot, dialog)
        _key(qtbot, Qt.Key.Key_Return)  # nothing filled in: the dialog stays and says why (or has nothing to do)
        assert dialog.isVisible(), dialog.objectName()
        _key(qtbot, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected, dialog.objectName()

    from kyc_desk.ui.dialogs.trust_store import TrustStoreDialog

    asked: list[str] = []

    def confirm(_title: str, _text: str) -> bool:
        asked.append("confirm")
        return False

    def choose_file() -> None:
        asked.append("choose")

    trust = _open(qtbot, TrustStoreDialog(desk.window.settings, lambda _s: asked.append("save"), parent=window,
                                          confirm=confirm, choose_file=choose_file))  # fmt: skip
    _key(qtbot, Qt.Key.Key_Return)  # no primary action: Enter neither opens 追加… nor removes nor saves
    assert trust.isVisible() and asked == []
    _key(qtbot, Qt.Key.Key_Escape)
    assert not trust.isVisible()

    about = window.show_about()
    qtbot.waitActive(about)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is about)
    with qtbot.waitSignal(about.accepted, timeout=2000):  # it deletes itself when closed
        _key(qtbot, Qt.Key.Key_Return)

    recovery = _open(qtbot, RecoveryKeyDialog(RecoveryKey.generate(), window))
    assert isinstance(recovery, RecoveryKeyDialog)
    _key(qtbot, Qt.Key.Key_Escape)
    assert recovery.isVisible()  # not before the key was written down
    _key(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(recovery.confirm.isChecked, timeout=5000)
    _key(qtbot, Qt.Key.Key_Return)
    assert not recovery.isVisible() and recovery.result() == QDialog.DialogCode.Accepted
