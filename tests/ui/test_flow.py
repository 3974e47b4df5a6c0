"""The whole face-to-face flow, driven as the scrivener does, against a software My Number card through
pcscd + vpcd, the real verification layer, the real encrypted record store, and real photos.

The saved record is then read back from the store. The card's APDUs and the face comparison are checked to
run off the UI thread (tests/ui/offthread.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kyc_desk.app.desk_methods import DeskMethod
from kyc_desk.ui.views.face_to_face import CARD, CHIP, DECISION, FACE, ITEMS, METHOD, FaceToFaceView
from tests.ui.conftest import OPERATOR, Desk
from tests.ui.decide import confirm_and_accept
from tests.ui.offthread import BlockingCalls

READ_TIMEOUT_MS = 60_000


def _pick_sample_client(qtbot: QtBot, flow: FaceToFaceView) -> None:
    step = flow.client_step
    qtbot.keyClicks(step.search, "yamada")  # no match: the sample client is stored in kana and kanji
    qtbot.waitUntil(lambda: step.search_status.text() not in ("", "検索中…"), timeout=20000)
    assert step.results.count() == 0
    step.search.clear()
    step.search.insert("ヤマダ")  # katakana finds the client stored in hiragana
    qtbot.waitUntil(lambda: step.results.count() > 0, timeout=20000)
    step.results.setCurrentRow(0)
    step._pick(step.results.item(0))
    qtbot.waitUntil(lambda: step.name.text() == "山田 太郎", timeout=10000)
    assert step.reuse_matter.isChecked()
    assert step.is_complete()


@pytest.mark.pcsc
@pytest.mark.slow
def test_face_to_face_flow_saves_an_encrypted_record(  # type: ignore[no-untyped-def]
    qtbot: QtBot, desk: Desk, vpcd_slot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kyc_desk.app.faces import FaceService
    from kyc_desk.cards.detect import CardKind
    from kyc_desk.cards.transport.pcsc import PcscTransport
    from kyc_desk.jp.era import format_japanese
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import Decision, EvidenceKind, ItemResult
    from kyc_desk_testkit.softcard.registry import build_card

    flow = desk.flow
    # The card runs in its own process, as a real card does (its RSA signing is not the window's work).
    code_b = build_card("mynumber", "taro").code_b  # what is printed on the card
    vpcd_slot.serve_process("mynumber", "taro")

    # 1. client and matter: search as you type, pick the sample client
    _pick_sample_client(qtbot, flow)
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == METHOD
    assert flow.method_step.buttons[DeskMethod.CHIP].isChecked()  # reading the chip is the default
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == CARD

    # 2. the reader panel shows the card and its type, live
    card_step = flow.card_step
    qtbot.waitUntil(lambda: card_step.start.isEnabled(), timeout=15000)
    qtbot.waitUntil(lambda: "マイナンバーカード" in card_step.reader_list.currentItem().text(), timeout=15000)
    reader = card_step.current_reader()
    assert reader is not None and card_step._readers[reader]["kind"] is CardKind.MYNUMBER

    blocking = BlockingCalls(monkeypatch)
    blocking.watch(PcscTransport, "transmit")  # every APDU of the read
    qtbot.mouseClick(card_step.start, Qt.MouseButton.LeftButton)

    # 3. 照合番号B first: the dialog shows the tries the card reported, and converts the era for us
    qtbot.waitUntil(lambda: card_step.secret_dialog is not None, timeout=READ_TIMEOUT_MS)
    dialog = card_step.secret_dialog
    assert dialog is not None and dialog.name == "code_b"
    assert "残り回数: 10回" in dialog.tries_label.text()
    dialog.birth_date.insert(format_japanese(code_b.birth_date))  # as printed on the card
    dialog.expiry_year.insert(str(code_b.expiry_year))
    dialog.security_code.insert(code_b.security_code)
    assert "昭和36年8月4日" in dialog.era_preview.text() and "360804" in dialog.era_preview.text()
    qtbot.keyClick(dialog.security_code, Qt.Key.Key_Return)

    # the signature password is asked next (tries first); the scrivener skips it: no PIN is needed
    qtbot.waitUntil(lambda: card_step.secret_dialog is not None and card_step.secret_dialog.name == "sign_pin",
                    timeout=READ_TIMEOUT_MS)  # fmt: skip
    sign = card_step.secret_dialog
    assert sign is not None and "残り回数: 5回" in sign.tries_label.text()
    sign.findChild(QPushButton, "secret_skip").click()

    # 4./5. the read finishes and the chip's contents are shown with their badges
    qtbot.waitUntil(lambda: flow.stack.currentIndex() == CHIP, timeout=READ_TIMEOUT_MS)
    blocking.assert_all_off_ui_thread()  # the window never waited for the card
    reading = flow.flow.reading
    assert reading is not None and reading.holder.name == "山田\u3000太郎"  # as the chip holds it
    assert reading.photo is not None
    steps = [card_step.steps.item(i).text() for i in range(card_step.steps.count())]
    assert any("券面事項" in s for s in steps) and any("検証" in s for s in steps)
    report = flow.flow.report
    assert report is not None and len(report) > 0
    table = flow.chip_step.checks
    badges = {table.item(row, 0).text() for row in range(table.rowCount())}
    assert "署名検証OK" in badges
    assert table.rowCount() == len(report)
    assert not flow.chip_step.alert.isVisibleTo(flow.chip_step)  # no disagreement on a genuine card

    # 6. compare: the camera stand-in gives a real photo of the same person
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == FACE
    qtbot.mouseClick(flow.face_step.capture, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.face_step.live_jpeg is not None, timeout=10000)
    assert flow.face_step.compare_view.chip_pane.has_image() and flow.face_step.compare_view.live_pane.has_image()
    face_calls = BlockingCalls(monkeypatch)
    face_calls.watch(FaceService, "compare")  # waits for the face process's answer
    qtbot.mouseClick(flow.face_step.match, Qt.MouseButton.LeftButton)  # the face engine runs on the task pool
    qtbot.waitUntil(lambda: flow.face_step.result is not None, timeout=120_000)
    face_calls.assert_all_off_ui_thread()  # nor for the face engine
    assert flow.face_step.result is not None and flow.face_step.result.verdict.value == "pass"
    assert "同一人物の可能性が高い" in flow.face_step.result_label.text()

    # 7. item checks: every row confirmed by the scrivener
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == ITEMS
    rows = {row.item: row for row in flow.items_step.rows}
    assert rows["name"].comparison == "same_folded"  # an ideographic space on the chip, a plain one typed
    # the My Number card holds no reading of the name: not compared, nothing to confirm, never 不一致
    assert rows["name_kana"].comparison == "not_on_document" and not rows["name_kana"].differs
    assert rows["birth_date"].comparison == "same"
    for item, row in rows.items():
        flow.items_step.set_confirmed(item, True, "申告のとおり" if row.differs else None)
    assert "すべての項目を確認しました" in flow.items_step.waiting.text()

    # 8. decision and save
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == DECISION
    decision = flow.decision_step
    gaps = decision.gap_reasons()
    assert "face.match" not in gaps  # the engine's comparison passed
    # the kana the chip lacks was not compared: nothing to explain, so no reason is asked
    assert "item.name_kana" not in gaps
    unexplained = [key for key, reason in gaps.items() if not reason.strip()]
    decision.confirmed.setChecked(True)
    decision.accept.setChecked(True)
    assert flow.next.isEnabled() == (not unexplained)  # 確認済み needs a reason for every gap
    confirm_and_accept(flow, "署名用パスワードは入力しなかった（署名は不要）")
    assert flow.next.isEnabled()
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
    saved_id = flow.saved.id  # type: ignore[union-attr]

    # the record, read back from the encrypted store
    record = desk.services.records.store().get(saved_id)
    assert record.method is Method.FACE_TO_FACE_CHIP
    assert set(record.events) == {Event.PRESENTED, Event.CHIP_READ}
    assert record.events[Event.PRESENTED] <= record.events[Event.CHIP_READ]
    assert record.document_type == "mynumber" and record.document_has_chip  # a stable id; shown as 個人番号カード
    assert record.checked_by == OPERATOR and record.recorded_by == OPERATOR
    assert record.client.person.name == "山田 太郎"
    assert record.matter is not None and record.matter.matter.title == "自宅の売買による所有権移転登記"
    kinds = {e.kind for e in record.evidence}
    assert {EvidenceKind.CHIP_PHOTO, EvidenceKind.FACE_PHOTO, EvidenceKind.CHIP_DATA} <= kinds
    face_photo = next(e for e in record.evidence if e.kind is EvidenceKind.FACE_PHOTO)
    assert face_photo.data[:3] == b"\xff\xd8\xff"
    results = {c.item: c.result for c in record.item_checks}
    assert results["name"] is ItemResult.MATCH and results["birth_date"] is ItemResult.MATCH
    kana = next(c for c in record.item_checks if c.item == "name_kana")
    assert kana.result is ItemResult.NOT_CHECKED and kana.note_reason == "item.not_on_document"  # 照合対象外
    assert all(c.confirmed_by == OPERATOR for c in record.item_checks)
    assert [c.name for c in record.report] == [c.name for c in report]
    assert record.decision is not None and record.decision.decision is Decision.ACCEPTED
    assert record.decision.decided_at.tzinfo is not None
    assert dt.date.today() == record.verified_on
    assert all(b"1234567890" not in e.data for e in record.evidence)  # the individual number is never read
    assert len(record.face_results) == 1 and record.face_results[0].verdict.value == "pass"
    face = record.face_results[0]
    # stored neutral: the distance with its metric, the decision threshold, the engine and its version
    assert face.value is not None and face.threshold == 0.60 and face.metric is not None
    assert face.metric.value == "distance" and face.engine == "kyc_desk.faces/dlib-resnet-v1" and face.engine_version

    # the records view lists and opens it
    desk.window.tabs.setCurrentWidget(desk.window.places["records"])
    records = desk.window.places["records"]
    qtbot.waitUntil(lambda: records.table.rowCount() >= 2, timeout=20000)  # type: ignore[attr-defined]
    records.open_record(saved_id)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: records.opened is not None and records.opened.id == saved_id, timeout=20000)  # type: ignore[attr-defined]
    shown = records.detail.toPlainText()  # type: ignore[attr-defined]
    assert "本人確認の結果\n確認済み" in shown and "受任の判断\n受任する" in shown  # the split decision
    assert records.chip_photo.pixmap() is not None and not records.chip_photo.pixmap().isNull()  # type: ignore[attr-defined]


def test_flow_model_builds_the_record_and_refuses_incomplete_steps() -> None:
    """DeskFlow (no Qt, no card): each missing step is named; 確認済み needs a reason for every gap, the
    other results a reason of some kind; 受任する needs 確認済み; the operators are required."""
    import datetime as dt

    from kyc_desk.cards.reading import CardReading, Holder
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import Engagement, IdentityResult, ItemResult, Person
    from kyc_desk.ui.models import Confirmation, DeskFlow, FlowIncomplete

    flow = DeskFlow()
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    with pytest.raises(FlowIncomplete) as missing:
        flow.new_verification(decided_at=now)
    assert missing.value.step == "client"
    person = Person(name="山田 太郎", name_kana="ヤマダ タロウ", birth_date=dt.date(1961, 8, 4))
    flow.client, flow.stated = person, person
    with pytest.raises(FlowIncomplete) as missing:
        flow.new_verification(decided_at=now)
    assert missing.value.step == "reading"
    flow.presented_at = now
    holder = Holder(name="山田　太郎", birth_date=dt.date(1961, 8, 4), address="東京都千代田区霞が関一丁目1番1号")
    flow.reading = CardReading("mynumber", holder)
    flow.result, flow.engagement = IdentityResult.CONFIRMED, Engagement.ACCEPTED
    flow.checked_by, flow.recorded_by = "司法書士 甲", "補助者 乙"
    assert flow.gaps(today) == ("face.match", "item.name", "item.birth_date", "item.address")
    assert flow.decision_problem(today) == "reason"
    with pytest.raises(FlowIncomplete) as missing:
        flow.new_verification(decided_at=now)
    assert missing.value.step == "decision"
    flow.confirmations = {row.item: Confirmation(True, "申告のみ" if row.differs else "") for row in flow.item_rows()}
    assert flow.gaps(today) == ("face.match", "item.address")
    # the kana the chip lacks is not compared (nothing to confirm) and needs no reason
    assert flow.suggested_reasons() == {"item.address": "申告のみ"}
    flow.gap_reasons = {**flow.suggested_reasons(), "face.match": "カメラの故障"}
    new = flow.new_verification(decided_at=now)
    assert new.method is Method.FACE_TO_FACE_CHIP and set(new.events) == {Event.PRESENTED, Event.CHIP_READ}
    assert new.checked_by == "司法書士 甲" and new.recorded_by == "補助者 乙"
    results = {c.item: c.result for c in new.item_checks}
    assert results == {"name": ItemResult.MATCH, "name_kana": ItemResult.NOT_CHECKED, "birth_date": ItemResult.MATCH,
                       "address": ItemResult.MISMATCH}  # fmt: skip
    assert next(c for c in new.item_checks if c.item == "name_kana").note_reason == "item.not_on_document"
    flow.result = IdentityResult.NOT_CONFIRMED
    assert flow.decision_problem(today) == "accept_unconfirmed"
    flow.engagement = Engagement.DECLINED
    flow.gap_reasons = {}
    assert flow.decision_problem(today) == "reason"  # 確認できず needs a reason too
    flow.result_reason = "券面と本人が一致しない"
    assert flow.decision_problem(today) is None
    flow.recorded_by = ""
    assert flow.decision_problem(today) == "operators"
