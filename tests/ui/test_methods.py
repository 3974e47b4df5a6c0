"""Each face-to-face method walked through the window to a saved record, read back from the encrypted store.

The chip branch has its own walk over pcscd + vpcd (tests/ui/test_flow.py); these cover the branches that
need no card: a photo ID by sight, two documents for a company through its representative, documents plus
転送不要郵便 brought by an agent, a high-risk case, and a reliance on the client's earlier record. Each test
types as the scrivener does, clicks 次へ, and asserts what the saved record says: the method letter, the
documents, the dates, the parties.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kyc_desk.app.desk_methods import DeskMethod, documents_for, offered_methods
from kyc_desk.ui.views.face_to_face import CLIENT, DECISION, METHOD, FaceToFaceView
from tests.ui.conftest import OPERATOR, Desk

TODAY = dt.date(2026, 12, 7)


def _click_next(qtbot: QtBot, flow: FaceToFaceView) -> None:
    assert flow.next.isEnabled(), flow.hint.text()
    qtbot.mouseClick(flow.next, Qt.MouseButton.LeftButton)


def _new_individual(flow: FaceToFaceView, name: str = "佐藤 花子", birth: str = "昭和50年3月1日") -> None:
    step = flow.client_step
    step.name.setText(name)
    step.kana.setText("サトウ ハナコ")
    step.birth.edit.setText(birth)
    step.address.setText("東京都新宿区西新宿二丁目8番1号")
    step.matter_title.setText("相続による所有権移転登記")


def _to_method(qtbot: QtBot, flow: FaceToFaceView, method: DeskMethod) -> None:
    flow.today = lambda: TODAY
    assert flow.stack.currentIndex() == CLIENT
    _click_next(qtbot, flow)
    assert flow.stack.currentIndex() == METHOD
    flow.method_step.choose(method)
    assert flow.method_step.forms.currentIndex() == list(flow.method_step.buttons).index(method)


def _decide(qtbot: QtBot, flow: FaceToFaceView, *, reason: str = "") -> None:
    assert flow.stack.currentIndex() == DECISION
    decision = flow.decision_step
    decision.confirmed.setChecked(True)
    decision.accept.setChecked(True)
    if reason:
        for key in flow.flow.gaps(TODAY):
            decision.set_gap_reason(key, reason)
    assert decision.save.isEnabled(), decision.status.text()
    _click_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)


def _saved(desk: Desk):  # type: ignore[no-untyped-def]
    assert desk.flow.saved is not None
    return desk.services.records.store().get(desk.flow.saved.id)


def test_photo_id_by_sight_saves_method_i_with_the_document_and_its_photo(qtbot: QtBot, desk: Desk) -> None:
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import EvidenceKind
    from kyc_desk_testkit.samples import sample_photo

    flow = desk.flow
    _new_individual(flow)
    _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
    step = flow.method_step
    assert not flow.next.isEnabled()  # the document's number is still missing
    assert "番号" in flow.hint.text()
    step.photo_document.select("passport")
    step.photo_document.number.setText("TK1234567")
    step.photo_document.expiry.edit.setText("令和13年5月31日")
    step.photo_document.load_photo(Path(sample_photo("obama.jpg")))
    qtbot.waitUntil(lambda: step.photo_document.image is not None, timeout=20000)
    step.face_by_sight.setChecked(True)
    step.photo_items.setChecked(True)
    _click_next(qtbot, flow)
    assert flow.stack.currentIndex() == DECISION  # the chip's steps are skipped
    summary = flow.decision_step.summary.text()
    assert "顔の照合: 確認済み" in summary and "有効期限: 確認済み" in summary
    _decide(qtbot, flow)

    record = _saved(desk)
    assert record.method is Method.I and record.method.rule.letter == "イ"
    assert record.document_type == "passport" and record.document_number == "TK1234567"
    assert not record.document_has_chip
    assert set(record.events) == {Event.PRESENTED}
    assert record.verified_on == dt.date.today()
    assert record.client.person.birth_date == dt.date(1975, 3, 1)
    images = [e for e in record.evidence if e.kind is EvidenceKind.CARD_IMAGE]
    assert len(images) == 1 and images[0].data[:3] == b"\xff\xd8\xff"
    assert record.checked_by == OPERATOR and record.recorded_by == OPERATOR


def test_a_birth_date_left_empty_is_saved_as_not_entered(qtbot: QtBot, desk: Desk) -> None:
    flow = desk.flow
    _new_individual(flow, birth="")
    assert "未入力" in flow.client_step.birth.preview.text()
    flow.client_step.birth.edit.setText("昭和50年2月30日")  # no such day: the step waits
    assert not flow.next.isEnabled() and "生年月日" in flow.hint.text()
    flow.client_step.birth.edit.clear()
    _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
    flow.method_step.photo_document.select("driver_licence")
    flow.method_step.photo_document.number.setText("123456789012")
    flow.method_step.photo_document.expiry.edit.setText("2029-08-04")
    _click_next(qtbot, flow)
    # neither the face nor the items were checked: a reason is required, even for 確認済み
    decision = flow.decision_step
    decision.confirmed.setChecked(True)
    decision.accept.setChecked(True)
    assert not decision.save.isEnabled() and "理由" in decision.status.text()
    assert "顔の照合: " in decision.summary.text() and "未実施" in decision.summary.text()
    gaps = [decision.gaps.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(decision.gaps.rowCount())]
    assert gaps == ["face.match", "item.name", "item.birth_date", "item.address"]
    decision.set_gap_reason("face.match", "写真が古く、照合できなかった")
    assert not decision.save.isEnabled()  # 確認済み needs a reason on every row
    decision.needs_more.setChecked(True)
    assert not decision.save.isEnabled()  # 受任する needs the identity confirmed
    decision.undecided.setChecked(True)
    assert decision.save.isEnabled(), decision.status.text()  # one reason is enough for 追加確認が必要
    _click_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
    record = _saved(desk)
    assert record.client.person.birth_date is None


def test_methods_offered_follow_the_date_rules() -> None:
    """From 2027-04-01 an IC card shown face to face must be read: by sight, only photo IDs without one."""
    before = {k.code for k in documents_for(DeskMethod.PHOTO_ID, dt.date(2027, 3, 31))}
    after = {k.code for k in documents_for(DeskMethod.PHOTO_ID, dt.date(2027, 4, 1))}
    assert {"mynumber", "driver_licence"} <= before
    assert not after & {"mynumber", "driver_licence", "residence_card", "special_permanent_resident"}
    assert "passport" in after
    assert DeskMethod.CHIP in offered_methods(dt.date(2027, 4, 1))


def test_the_method_step_offers_what_the_day_allows(qtbot: QtBot, desk: Desk) -> None:
    flow = desk.flow
    _new_individual(flow)
    _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
    combo = flow.method_step.photo_document.kind
    codes = {combo.itemData(i) for i in range(combo.count())}
    assert "mynumber" in codes and not flow.method_step.legal_note.isVisibleTo(flow.method_step)
    flow.method_step.set_today(dt.date(2027, 4, 1))
    codes = {combo.itemData(i) for i in range(combo.count())}
    assert "mynumber" not in codes and "passport" in codes
    assert flow.method_step.legal_note.isVisibleTo(flow.method_step)


@pytest.mark.parametrize("confirmed_document", [False, True])
def test_a_high_risk_case_cannot_be_confirmed_without_its_additional_document(
    qtbot: QtBot, desk: Desk, confirmed_document: bool
) -> None:
    flow = desk.flow
    _new_individual(flow)
    _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
    step = flow.method_step
    step.photo_document.select("passport")
    step.photo_document.number.setText("TK7654321")
    step.photo_document.expiry.edit.setText("2030-01-31")
    step.face_by_sight.setChecked(True)
    step.photo_items.setChecked(True)
    step.high_risk.setChecked(True)
    step.risk_reason.setCurrentIndex(step.risk_reason.findData("impersonation"))
    step.risk_note.setText("前回と異なる署名")
    if confirmed_document:
        step.risk_document.select("resident_record")
        step.risk_document.number.setText("第2026-1234号")
        step.risk_confirmed.setChecked(True)
    _click_next(qtbot, flow)
    decision = flow.decision_step
    decision.confirmed.setChecked(True)
    decision.accept.setChecked(True)
    if not confirmed_document:
        assert not decision.save.isEnabled()
        assert "追加の書類" in decision.status.text()
        assert "ハイリスク取引の追加書類: " in decision.summary.text()
        decision.needs_more.setChecked(True)
        assert not decision.save.isEnabled()  # 受任する needs the identity confirmed
        decision.undecided.setChecked(True)
        assert not decision.save.isEnabled()  # 追加確認が必要 needs a reason too
        decision.reason.setPlainText("住民票の写しの提出を依頼した")
        assert decision.save.isEnabled(), decision.status.text()
        _click_next(qtbot, flow)
        qtbot.waitUntil(lambda: flow.saved is not None, timeout=30000)
        return
    _decide(qtbot, flow)
    assert _saved(desk).decision is not None


def test_a_company_through_its_representative_with_two_documents(qtbot: QtBot, desk: Desk) -> None:
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import ClientKind, DocumentPurpose, Engagement, IdentityResult, SubjectRole

    flow = desk.flow
    step = flow.client_step
    step.kind_company.setChecked(True)
    assert step.company_box.isVisibleTo(step) and not step.person_form.isVisibleTo(step)
    assert step.role_representative.isChecked() and step.acting_form.isVisibleTo(step)
    step.company_name.setText("株式会社みなと不動産")
    step.company_address.setText("東京都港区芝公園四丁目2番8号")
    step.company_document_date.edit.setText("令和8年11月20日")
    step.matter_title.setText("本店移転登記")
    assert not flow.next.isEnabled()  # the representative is still missing
    step.acting_form.name.setText("港 一郎")
    step.acting_form.birth.edit.setText("1968-11-23")
    step.acting_form.address.setText("東京都港区三田一丁目1番1号")
    step.authority_kind.setCurrentIndex(step.authority_kind.findData("registry_certificate"))
    step.authority_date.edit.setText("令和8年11月20日")
    _to_method(qtbot, flow, DeskMethod.TWO_DOCUMENTS)
    method = flow.method_step
    method.first_document.select("health_insurance")
    method.first_document.number.setText("記号12 番号345")
    method.first_document.expiry.edit.setText("2027-11-30")
    method.second_document.select("utility_receipt")
    method.second_document.number.setText("2026年11月分 電気料金")
    method.two_items.setChecked(True)
    _click_next(qtbot, flow)
    assert "代表権・代理権の確認書類: 確認済み" in flow.decision_step.summary.text()
    _decide(qtbot, flow)

    record = _saved(desk)
    assert record.method is Method.HA and record.method.rule.letter == "ハ"
    assert record.client.person.kind is ClientKind.COMPANY and record.client.person.name == "株式会社みなと不動産"
    assert record.client.person.address == "東京都港区芝公園四丁目2番8号"
    assert record.subject_role is SubjectRole.REPRESENTATIVE
    assert record.subject.person.name == "港 一郎" and record.subject.person.birth_date == dt.date(1968, 11, 23)
    docs = {(d.purpose, d.kind): d for d in record.documents}
    assert set(docs) == {(DocumentPurpose.IDENTITY, "health_insurance"), (DocumentPurpose.IDENTITY, "utility_receipt"),
                         (DocumentPurpose.COMPANY, "registry_certificate"),
                         (DocumentPurpose.AUTHORITY, "registry_certificate")}  # fmt: skip
    assert docs[(DocumentPurpose.AUTHORITY, "registry_certificate")].issued_on == dt.date(2026, 11, 20)
    assert docs[(DocumentPurpose.IDENTITY, "health_insurance")].expires_on == dt.date(2027, 11, 30)
    assert record.document_type == "health_insurance"
    assert set(record.events) == {Event.PRESENTED}
    assert record.identity is not None and record.identity.result is IdentityResult.CONFIRMED
    assert record.engagement is not None and record.engagement.engagement is Engagement.ACCEPTED


def test_an_agent_with_documents_and_no_forwarding_mail(qtbot: QtBot, desk: Desk) -> None:
    from kyc_desk.jp.time import legal_date
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import ClientKind, SubjectRole

    flow = desk.flow
    _new_individual(flow, name="高橋 清", birth="昭和12年4月2日")
    step = flow.client_step
    step.role_agent.setChecked(True)
    assert step.acting_form.isVisibleTo(step) and step.person_form.isVisibleTo(step)
    step.acting_form.name.setText("高橋 健")
    step.acting_form.birth.edit.setText("昭和45年7月7日")
    step.authority_kind.setCurrentIndex(step.authority_kind.findData("power_of_attorney"))
    step.authority_date.edit.setText("2026-12-01")
    _to_method(qtbot, flow, DeskMethod.DOCUMENTS_MAIL)
    method = flow.method_step
    method.mail_document.select("resident_record")
    method.mail_document.number.setText("第1234号")
    method.mailed_on.edit.setText("2999-01-01")
    assert not flow.next.isEnabled() and "未来" in flow.hint.text()
    method.mailed_on.edit.setText("令和8年12月7日")
    method.tracking_number.setText("1234-5678-9012")
    method.mail_items.setChecked(True)
    _click_next(qtbot, flow)
    assert "転送不要郵便: 発送済み" in flow.decision_step.summary.text()
    _decide(qtbot, flow)

    record = _saved(desk)
    assert record.method is Method.RO and record.method.rule.letter == "ロ"
    assert set(record.events) == {Event.PRESENTED, Event.MAILED}
    assert legal_date(record.events[Event.MAILED]) == dt.date(2026, 12, 7)
    assert record.client.person.kind is ClientKind.INDIVIDUAL and record.client.person.name == "高橋 清"
    assert record.subject_role is SubjectRole.AGENT and record.subject.person.name == "高橋 健"
    assert record.document_type == "resident_record" and record.document_number == "第1234号"
    assert record.mailing is not None and legal_date(record.mailing.mailed_at) == dt.date(2026, 12, 7)
    assert record.mailing.tracking_number == "1234-5678-9012"
    assert record.mailing.outcome is None  # the return is recorded later (kyc-desk records verification mail-outcome)


def test_a_reliance_on_the_clients_earlier_record(qtbot: QtBot, desk: Desk) -> None:
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import MatchBasis
    from tests.ui.test_flow import _pick_sample_client

    flow = desk.flow
    _pick_sample_client(qtbot, flow)  # the sample client, verified (確認済み) before
    earlier = desk.services.records.store().get(flow.client_step._selected.id)  # type: ignore[union-attr]
    _to_method(qtbot, flow, DeskMethod.RELIANCE)
    method = flow.method_step
    qtbot.waitUntil(lambda: method.earlier.count() > 0, timeout=20000)
    assert f"記録番号 {earlier.id}" in method.earlier.item(0).text()
    assert not flow.next.isEnabled()  # the record relied on is not chosen yet
    method.earlier.setCurrentRow(0)
    method.reliance_match.setCurrentIndex(method.reliance_match.findData("document_shown"))
    method.reliance_note.setText("運転免許証の提示を受け、氏名・生年月日が記録と一致")
    method.high_risk.setChecked(True)
    assert not flow.next.isEnabled() and "ハイリスク" in flow.hint.text()  # never in a high-risk case
    method.high_risk.setChecked(False)
    _click_next(qtbot, flow)
    assert "依拠する記録: 確認済み" in flow.decision_step.summary.text()
    assert flow.decision_step.gaps.rowCount() == 0
    _decide(qtbot, flow)

    record = _saved(desk)
    assert record.method is Method.RELIANCE and record.method.rule.letter == "確認済"
    assert record.reliance is not None and record.reliance.verification_id == earlier.id
    assert record.reliance.matched_by is MatchBasis.DOCUMENT_SHOWN and "運転免許証" in (record.reliance.note or "")
    assert set(record.events) == {Event.MATCHED}
    assert record.client.id == earlier.client.id and record.subject.id == earlier.subject.id


def test_checker_and_recorder_are_chosen_from_the_offices_operators(qtbot: QtBot, desk: Desk) -> None:
    """A 補助者 who records is told apart from the 司法書士 who checked; only listed operators are offered."""
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.settings import Operator

    desk.services.caseload = CaseloadService(
        desk.services.records.store,
        operators=lambda: (Operator("司法書士 甲"), Operator("補助者 乙", "assistant")),
        actor=lambda: "補助者 乙",
    )
    flow = desk.flow
    _new_individual(flow, name="鈴木 一郎", birth="1980-02-17")
    _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
    flow.method_step.photo_document.select("passport")
    flow.method_step.photo_document.number.setText("TZ0000001")
    flow.method_step.photo_document.expiry.edit.setText("2030-02-17")
    flow.method_step.face_by_sight.setChecked(True)
    flow.method_step.photo_items.setChecked(True)
    _click_next(qtbot, flow)
    decision = flow.decision_step
    offered = [decision.checked_by.itemText(i) for i in range(decision.checked_by.count())]
    assert offered[1:] == ["司法書士 甲", "補助者 乙（補助者）"]
    decision.confirmed.setChecked(True)
    decision.accept.setChecked(True)
    assert not decision.save.isEnabled() and "確認者" in decision.status.text()  # the desk's operator is not listed
    decision.checked_by.setCurrentIndex(decision.checked_by.findData("司法書士 甲"))
    decision.recorded_by.setCurrentIndex(decision.recorded_by.findData("補助者 乙"))
    _decide(qtbot, flow)
    record = _saved(desk)
    assert record.checked_by == "司法書士 甲" and record.recorded_by == "補助者 乙"
    assert record.identity is not None and record.identity.decided_by == "司法書士 甲"


def test_a_client_typed_again_is_the_stored_client(qtbot: QtBot, desk: Desk) -> None:
    """Typed anew with exactly the stored details (name, birth date, address …), the client is reused."""
    flow = desk.flow
    ids = []
    for _visit in range(2):
        _new_individual(flow, name="田中 次郎", birth="昭和55年2月17日")
        _to_method(qtbot, flow, DeskMethod.PHOTO_ID)
        flow.method_step.photo_document.select("passport")
        flow.method_step.photo_document.number.setText("TZ0000002")
        flow.method_step.photo_document.expiry.edit.setText("2030-02-17")
        flow.method_step.face_by_sight.setChecked(True)
        flow.method_step.photo_items.setChecked(True)
        _click_next(qtbot, flow)
        _decide(qtbot, flow)
        ids.append(_saved(desk).client.id)
        flow.start_over()
    assert ids[0] == ids[1]


def test_the_client_search_is_narrowed_by_birth_date(qtbot: QtBot, desk: Desk) -> None:
    step = desk.flow.client_step
    step.search_birth.edit.setText("昭和36年8月5日")  # not the sample client's birthday
    step.search.insert("ヤマダ")
    qtbot.waitUntil(lambda: step.search_status.text() == "該当なし", timeout=20000)
    assert step.results.count() == 0
    step.search_birth.edit.setText("S36.8.4")  # as printed on a card
    qtbot.waitUntil(lambda: step.results.count() > 0, timeout=20000)
    step.search_birth.edit.clear()  # no birth date: by name only
    qtbot.waitUntil(lambda: step.results.count() > 0 and step.search_status.text() != "検索中…", timeout=20000)
