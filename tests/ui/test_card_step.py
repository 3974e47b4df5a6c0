"""Card reading through the window, against software cards on pcscd + vpcd: wrong secrets are reported
and never retried, cancel works, a card pulled off mid-read is explained and nothing half-read is kept,
an altered card is flagged, and the residence card asks for its printed number.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kyc_desk.ui.views.face_to_face import CARD, CHIP, FaceToFaceView
from tests.ui.conftest import Desk

WAIT_MS = 60_000

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]


def _start(qtbot: QtBot, flow: FaceToFaceView, kind: str = "マイナンバーカード") -> None:
    flow.go(CARD)
    step = flow.card_step
    qtbot.waitUntil(lambda: step.start.isEnabled() and kind in step.reader_list.currentItem().text(), timeout=15000)
    step.start.click()
    qtbot.waitUntil(lambda: step.secret_dialog is not None, timeout=WAIT_MS)


def _fill_code_b(flow: FaceToFaceView, code_b: object, security_code: str | None = None) -> None:
    from kyc_desk.jp.era import format_japanese

    dialog = flow.card_step.secret_dialog
    assert dialog is not None and dialog.name == "code_b"
    dialog.birth_date.insert(format_japanese(code_b.birth_date))  # type: ignore[attr-defined]
    dialog.expiry_year.insert(str(code_b.expiry_year))  # type: ignore[attr-defined]
    dialog.security_code.insert(security_code or code_b.security_code)  # type: ignore[attr-defined]


def test_wrong_code_b_is_reported_with_tries_and_not_retried(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("mynumber", "taro"))
    flow = desk.flow
    _start(qtbot, flow)
    _fill_code_b(flow, soft.code_b, security_code="0000")
    flow.card_step.secret_dialog.ok.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "番号が違います" in flow.card_step.status.text(), timeout=WAIT_MS)
    assert "残り回数: 9回" in flow.card_step.status.text()
    assert soft.verify_attempts == 1  # one VERIFY with what was typed — never a second one
    assert flow.card_step.secret_dialog is None and flow.flow.reading is None
    assert flow.stack.currentIndex() == CARD and flow.card_step.start.isEnabled()


def test_cancel_in_the_dialog_stops_the_read(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("mynumber", "taro"))
    flow = desk.flow
    _start(qtbot, flow)
    flow.card_step.secret_dialog.findChild(QPushButton, "secret_cancel").click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "中止しました" in flow.card_step.status.text(), timeout=WAIT_MS)
    assert soft.verify_attempts == 0 and flow.flow.reading is None
    assert flow.card_step.start.isEnabled() and not flow.card_step.cancel.isEnabled()


def test_card_removed_mid_read_is_explained_and_nothing_kept(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("mynumber", "taro"))
    flow = desk.flow
    _start(qtbot, flow)
    _fill_code_b(flow, soft.code_b)
    vpcd_slot.bridge.remove_after(3)  # the card leaves the reader three APDUs after the VERIFY starts
    flow.card_step.secret_dialog.ok.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "離れました" in flow.card_step.status.text(), timeout=WAIT_MS)
    assert "破棄しました" in flow.card_step.status.text()
    assert flow.flow.reading is None and flow.stack.currentIndex() == CARD


def test_altered_card_is_flagged(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("mynumber-altered", "taro"))
    flow = desk.flow
    _start(qtbot, flow)
    _fill_code_b(flow, soft.code_b)
    flow.card_step.secret_dialog.ok.click()  # type: ignore[union-attr]
    step = flow.card_step
    qtbot.waitUntil(lambda: step.secret_dialog is not None and step.secret_dialog.name == "sign_pin", timeout=WAIT_MS)
    flow.card_step.secret_dialog.findChild(QPushButton, "secret_skip").click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)
    alert = flow.chip_step.alert
    assert alert.isVisibleTo(flow.chip_step) and "改ざんの疑い" in alert.text()
    table = flow.chip_step.checks
    assert "改ざんの疑い" in {table.item(row, 0).text() for row in range(table.rowCount())}


def test_residence_card_asks_for_its_printed_number(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    vpcd_slot.insert(build_card("residence_card", "alex"))
    flow = desk.flow
    _start(qtbot, flow, kind="在留カード")
    dialog = flow.card_step.secret_dialog
    assert dialog is not None and dialog.name == "card_number"
    assert "制限なし" in dialog.tries_label.text()
    dialog.secret.insert("ab 12345678 cd")  # as typed from the card, spaces and lower case
    dialog.ok.click()
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)
    reading = flow.flow.reading
    assert reading is not None and reading.card_type == "residence_card"
    assert reading.card.number == "AB12345678CD" and reading.photo is not None
    table = flow.chip_step.checks
    assert "署名検証OK" in {table.item(row, 0).text() for row in range(table.rowCount())}
    assert flow.chip_step.findChild(type(flow.chip_step.photo), "card_image_front") is not None


def test_driver_licence_with_both_pins(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk_testkit.softcard.registry import build_card

    soft = vpcd_slot.insert(build_card("driver_licence", "taro"))
    flow = desk.flow
    _start(qtbot, flow, kind="運転免許証")
    pin1 = flow.card_step.secret_dialog
    assert pin1 is not None and pin1.name == "pin1" and pin1.skip is None  # PIN 1 cannot be skipped
    assert "残り回数: 3回" in pin1.tries_label.text()
    pin1.secret.insert("1234")
    pin1.ok.click()
    step = flow.card_step
    qtbot.waitUntil(lambda: step.secret_dialog is not None and step.secret_dialog.name == "pin2", timeout=WAIT_MS)
    pin2 = step.secret_dialog
    assert pin2 is not None and pin2.skip is not None
    pin2.secret.insert("5678")
    pin2.ok.click()
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)
    reading = flow.flow.reading
    assert reading is not None and reading.card_type == "driver_licence" and reading.photo is not None
    assert soft.verify_attempts == 2  # PIN 1 and PIN 2, each once, as typed
    table = flow.chip_step.checks
    assert "検証不可" in {table.item(row, 0).text() for row in range(table.rowCount())}  # EF07: not public


def test_second_generation_residence_card_through_the_window(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    """Card type 05: the same prompt, AES underneath; name and address images shown, signature valid."""
    import os
    from pathlib import Path

    from kyc_desk_testkit.softcard.registry import build_card

    vpcd_slot.insert(build_card("residence_card-2", "alex"))
    flow = desk.flow
    _start(qtbot, flow, kind="在留カード")
    dialog = flow.card_step.secret_dialog
    assert dialog is not None and dialog.name == "card_number"
    dialog.secret.insert("AB12345678CD")
    dialog.ok.click()
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)
    reading = flow.flow.reading
    assert reading is not None and reading.card_type == "residence_card" and reading.extra["generation"] == "2"
    table = flow.chip_step.checks
    assert "署名検証OK" in {table.item(row, 0).text() for row in range(table.rowCount())}
    for name in ("name", "address"):
        assert flow.chip_step.findChild(type(flow.chip_step.photo), f"card_image_{name}") is not None
    shots = os.environ.get("KYC_DESK_SCREENSHOT_DIR")
    if shots:  # docs: KYC_DESK_SCREENSHOT_DIR=docs/screenshots with a real display
        desk.window.resize(1280, 720)
        flow.chip_step.grab().save(str(Path(shots) / "residence-card-2.png"))
