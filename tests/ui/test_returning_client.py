"""Returning clients by card, in the window: the scrivener ticks the card proof at the card step, the client
types the 4-digit user-authentication PIN (tries shown first), the record is saved with the card's
certificate linked; the next read of the same card names the earlier verification and opens it; a card whose
authentication certificate was reissued is reported as a broken link. Through pcscd + vpcd, with the software
My Number card in this process so its VERIFY commands can be counted.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kyc_desk.ui.views.face_to_face import CARD, CHIP, DECISION, ITEMS, FaceToFaceView
from kyc_desk.verify.mynumber import AUTH_CHALLENGE
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, MyNumberSoftCard, build_mynumber_card
from tests.trust.test_returning_client import count_verifies
from tests.ui.conftest import Desk
from tests.ui.decide import confirm_and_accept
from tests.ui.test_flow import _pick_sample_client

WAIT_MS = 60_000

pytestmark = [pytest.mark.pcsc, pytest.mark.slow]


def _read_with_card_proof(
    qtbot: QtBot, flow: FaceToFaceView, card: MyNumberSoftCard, *, skip_pin: bool = False
) -> list[str]:
    """Read with the card proof ticked, answering each secret as the client would; returns the secrets asked
    (the signature password is skipped, as at a check that needs no signature)."""
    from kyc_desk.jp.era import format_japanese

    flow.go(CARD)
    step = flow.card_step
    qtbot.waitUntil(lambda: step.start.isEnabled() and "マイナンバーカード" in step.reader_list.currentItem().text(),
                    timeout=15000)  # fmt: skip
    step.by_card.setChecked(True)
    step.start.click()
    asked: list[str] = []
    while True:
        qtbot.waitUntil(lambda: step.secret_dialog is not None or not step._reading, timeout=WAIT_MS)
        dialog = step.secret_dialog
        if dialog is None:
            assert flow.flow.reading is not None, step.status.text()
            qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=WAIT_MS)
        if dialog is None:
            return asked
        asked.append(dialog.name)
        if dialog.name == "code_b":
            dialog.birth_date.insert(format_japanese(card.code_b.birth_date))
            dialog.expiry_year.insert(str(card.code_b.expiry_year))
            dialog.security_code.insert(card.code_b.security_code)
            dialog.ok.click()
        elif dialog.name == "auth_pin" and not skip_pin:
            assert "残り回数: 3回" in dialog.tries_label.text()  # the tries, shown before the client types
            dialog.secret.insert(card.secrets["auth_pin"])
            dialog.ok.click()
        else:
            dialog.findChild(QPushButton, "secret_skip").click()
        qtbot.waitUntil(lambda d=dialog: step.secret_dialog is not d, timeout=WAIT_MS)


def _save_accepted(qtbot: QtBot, flow: FaceToFaceView) -> int:
    flow.go(ITEMS)
    for item, row in {row.item: row for row in flow.items_step.rows}.items():
        flow.items_step.set_confirmed(item, True, "チップにフリガナの記録がないため申告のみ" if row.differs else None)
    flow.go(DECISION)
    confirm_and_accept(flow, "カードによる確認と対面で本人確認した。")
    flow.save()
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
    assert flow.saved is not None
    return flow.saved.id


def test_a_returning_client_is_recognised_by_the_card(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    flow = desk.flow
    card = build_mynumber_card("taro")
    typed = count_verifies(card)
    vpcd_slot.insert(card)
    assert not flow.card_step.by_card.isChecked()  # off by default

    # first visit: the proof holds, nothing is linked yet; the save links the certificate
    _pick_sample_client(qtbot, flow)
    flow._next()
    asked = _read_with_card_proof(qtbot, flow, card)
    assert asked.count("auth_pin") == 1
    assert typed.count(4) == 1  # one VERIFY carrying the 4-digit PIN the client typed
    report = flow.flow.report
    assert report is not None and report.get(AUTH_CHALLENGE).verdict.value == "valid"  # type: ignore[union-attr]
    label = flow.chip_step.returning
    qtbot.waitUntil(lambda: label.isVisibleTo(flow.chip_step), timeout=20000)
    assert "まだありません" in label.text()
    assert flow.flow.card_link is not None and flow.flow.card_link.serial == "2B0001"
    first_id = _save_accepted(qtbot, flow)
    store = desk.services.records.store()
    (linked,) = store.find_by_card(flow.flow.card_link)
    assert linked.id == first_id
    assert store.verify_audit().ok

    # second visit, same card: the window names the earlier verification and opens it
    flow.start_over()
    _pick_sample_client(qtbot, flow)
    flow._next()
    asked = _read_with_card_proof(qtbot, flow, card)
    assert asked.count("auth_pin") == 1 and typed.count(4) == 2  # one VERIFY per PIN typed
    qtbot.waitUntil(lambda: label.isVisibleTo(flow.chip_step) and "本人確認済み" in label.text(), timeout=20000)
    text = label.text()
    assert text.startswith("このカードは ") and "山田 太郎 として本人確認済みです" in text
    assert f"記録番号 {first_id}" in text and "（令和" in text
    if os.environ.get("KYC_DESK_SCREENSHOTS"):
        folder = Path(os.environ["KYC_DESK_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        qtbot.wait(300)
        desk.window.grab().save(str(folder / "returning-client-recognised.png"))
    assert flow.chip_step.open_earlier.isVisibleTo(flow.chip_step)
    flow.chip_step.open_earlier.click()
    records = desk.window.places["records"]
    assert desk.window.tabs.currentWidget() is records
    qtbot.waitUntil(lambda: records.opened is not None and records.opened.id == first_id, timeout=20000)  # type: ignore[attr-defined]


def test_a_reissued_certificate_is_reported_as_a_broken_link(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    flow = desk.flow
    card = build_mynumber_card("taro")
    vpcd_slot.insert(card)
    _pick_sample_client(qtbot, flow)
    flow._next()
    _read_with_card_proof(qtbot, flow, card)
    qtbot.waitUntil(lambda: flow.flow.card_link is not None, timeout=20000)
    first_id = _save_accepted(qtbot, flow)

    reissued = build_mynumber_card("taro", MyNumberCardOptions(auth_reissued=True))  # same persona, new key
    vpcd_slot.remove()
    vpcd_slot.insert(reissued)
    flow.start_over()
    _pick_sample_client(qtbot, flow)
    flow._next()
    _read_with_card_proof(qtbot, flow, reissued)
    label = flow.chip_step.returning
    qtbot.waitUntil(lambda: label.isVisibleTo(flow.chip_step), timeout=20000)
    text = label.text()
    assert "紐付けは切れています" in text and "更新または再発行" in text and f"記録番号 {first_id}" in text
    assert "本人確認済みです" not in text
    if os.environ.get("KYC_DESK_SCREENSHOTS"):
        qtbot.wait(300)
        desk.window.grab().save(str(Path(os.environ["KYC_DESK_SCREENSHOTS"]) / "returning-client-broken-link.png"))
    store = desk.services.records.store()
    link = flow.flow.card_link
    assert link is not None and link.serial == "2B0002"
    assert store.find_by_card(link) == []  # nothing was renewed silently
    second_id = _save_accepted(qtbot, flow)  # a new full check links the new certificate
    assert [s.id for s in store.find_by_card(link)] == [second_id]


def test_a_skipped_pin_is_said_and_links_nothing(qtbot: QtBot, desk: Desk, vpcd_slot) -> None:  # type: ignore[no-untyped-def]
    flow = desk.flow
    card = build_mynumber_card("taro")
    typed = count_verifies(card)
    vpcd_slot.insert(card)
    _pick_sample_client(qtbot, flow)
    flow._next()
    asked = _read_with_card_proof(qtbot, flow, card, skip_pin=True)
    assert "auth_pin" in asked and typed.count(4) == 0  # nothing sent for a PIN the client did not type
    label = flow.chip_step.returning
    qtbot.waitUntil(lambda: label.isVisibleTo(flow.chip_step), timeout=20000)
    assert "成立しませんでした" in label.text() and flow.flow.card_link is None
