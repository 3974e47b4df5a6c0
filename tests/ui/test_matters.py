"""The 案件 place and the 面談カード, walked through the window on the demo's real encrypted store: a matter
with two parties, a 取引記録, a meeting scheduled by pasting an invitation, held with minutes and 人・物・意思,
a verification linked, the matter closed and its retention shown, and the records listed by matter."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kyc_desk.app.caseload import add_operator
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.records.model import Confirmed, MeetingMode, MeetingStatus, PartyRole
from kyc_desk.settings import load_settings, save_settings
from kyc_desk.ui.views.matters import MattersView
from kyc_desk.ui.views.meetings import MeetingDialog
from kyc_desk.ui.views.records import RecordsView
from tests.records.conftest import full_verification
from tests.ui.conftest import OPERATOR, Desk

INVITATION = """山田 様

下記のとおりオンライン面談のご案内をいたします。

日時：令和8年12月8日（火）午後２時〜３時
Zoomミーティングに参加する
https://us02web.zoom.us/j/81234567890?pwd=abcDEF123
ミーティングID: 812 3456 7890
パスコード: 4kYc9q

事務所のホームページ https://www.example-shihoshoshi.jp/
"""


def _add_party(qtbot: QtBot, view: MattersView, name: str, birth: str, role: PartyRole, count: int) -> None:
    view.party_form.name.setText(name)
    view.party_form.birth.setText(birth)
    view.party_form.role.setCurrentIndex(view.party_form.role.findData(role.value))
    view.party_form.add_button.click()
    qtbot.waitUntil(lambda: view.party_table.rowCount() == count, timeout=20000)


def test_a_matter_walks_from_parties_to_a_held_meeting_and_its_end(qtbot: QtBot, desk: Desk, tmp_path: Path) -> None:
    add_operator(OPERATOR)
    add_operator("補助者 佐藤", "assistant")
    window, services = desk.window, desk.services
    caseload = services.caseload
    assert caseload is not None
    view = window.places["matters"]
    assert isinstance(view, MattersView)
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.status.text() != "", timeout=20000)

    # a new matter with two parties (clients created on the spot), saved
    view.new_button.click()
    view.title.setText("所有権移転登記（売買）")
    view.kind.setCurrentIndex(view.kind.findData("real_estate_sale"))
    view.reference.setText("2026-123")
    view.save_button.click()
    assert "当事者" in view.status.text() and view.current is None  # refused before any call: no party yet
    _add_party(qtbot, view, "売主 一郎", "1950-03-03", PartyRole.SELLER, 1)
    _add_party(qtbot, view, "買主 花子", "", PartyRole.BUYER, 2)
    view.save_button.click()
    qtbot.waitUntil(lambda: view.current is not None and view.table.rowCount() >= 1, timeout=20000)
    matter = view.current
    assert matter is not None
    assert [(p.client.person.name, p.role) for p in matter.parties] == [
        ("売主 一郎", PartyRole.SELLER), ("買主 花子", PartyRole.BUYER)
    ]
    assert "終了していません" in view.retention.text()
    seller = matter.parties[0].client.id

    # a verification of the seller in this matter (the face-to-face flow saves these; here the store does)
    record = services.records.store().save_verification(
        full_verification(client=seller, matter=matter.id, checked_by=OPERATOR, recorded_by=OPERATOR), actor=OPERATOR
    )
    window.tabs.setCurrentIndex(0)  # back to the place: the open matter's lists are loaded again
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.verification_table.rowCount() == 1, timeout=20000)
    assert view.current is not None and view.current.id == matter.id
    before = view.transaction_table.rowCount()  # the verification brought its own 取引記録

    # a 取引記録 against that verification
    view.tabs.setCurrentIndex(3)
    view.tx_form.kind.setText("売買による所有権移転登記の申請代理")
    view.tx_form.amount.setText("25,000,000")
    view.tx_form.moved_from.setText("売主 一郎")
    view.tx_form.moved_to.setText("買主 花子")
    view.tx_form.add_button.click()
    qtbot.waitUntil(lambda: view.transaction_table.rowCount() == before + 1, timeout=20000)
    [stored] = [t for t in caseload.transactions(matter.id) if t.entry.kind == "売買による所有権移転登記の申請代理"]
    assert stored.entry.amount_yen == 25_000_000 and stored.verification_id == record.id
    assert stored.entry.property_from == "売主 一郎" and stored.entry.property_to == "買主 花子"
    assert "25,000,000" in [view.transaction_table.item(r, 2).text() for r in range(before + 1)]

    # a meeting scheduled by pasting an invitation: preview first, then applied, then saved
    view.tabs.setCurrentIndex(4)
    view.new_meeting_button.click()
    dialog = view.meeting_dialog
    assert isinstance(dialog, MeetingDialog)
    dialog.paste.setPlainText(INVITATION)
    dialog.parse_button.click()
    qtbot.waitUntil(dialog.apply_button.isEnabled, timeout=20000)
    assert "https://us02web.zoom.us/j/81234567890?pwd=abcDEF123" in dialog.preview.text()
    assert dialog.url.text() == ""  # nothing is put into the card before the scrivener confirms
    dialog.apply_button.click()
    assert dialog.mode.currentData() is MeetingMode.ONLINE and dialog.platform.currentData() == "zoom"
    for row in range(dialog.attendees.count()):
        dialog.attendees.item(row).setCheckState(dialog.attendees.item(row).checkState().Checked)
    dialog.staff.item(0).setCheckState(dialog.staff.item(0).checkState().Checked)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.meeting is not None, timeout=20000)
    qtbot.waitUntil(lambda: view.meeting_table.rowCount() == 1, timeout=20000)
    meeting = caseload.get_meeting(dialog.meeting.id)  # type: ignore[union-attr]
    assert meeting.status is MeetingStatus.PLANNED and meeting.platform == "zoom"
    assert meeting.starts_at == dt.datetime(2026, 12, 8, 14, 0, tzinfo=JAPAN_TIME)
    assert meeting.ends_at == dt.datetime(2026, 12, 8, 15, 0, tzinfo=JAPAN_TIME)
    assert meeting.meeting_code == "81234567890" and meeting.passcode == "4kYc9q"
    assert {a.client.person.name for a in meeting.attendees} == {"売主 一郎", "買主 花子"}
    assert meeting.staff == (OPERATOR,)

    # the invitation mail and calendar file, in Japan time
    written: list[Path] = []
    dialog.save_invitation(tmp_path / "invite", written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20000)
    calendar = icalendar.Calendar.from_ical((tmp_path / "invite" / "invitation.ics").read_bytes())
    [event] = [c for c in calendar.walk("VEVENT")]
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 8, 14, 0, tzinfo=JAPAN_TIME) and str(start.tzinfo) == "Asia/Tokyo"
    mail = email.message_from_bytes((tmp_path / "invite" / "invitation.eml").read_bytes(), policy=email.policy.default)
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "81234567890" in text and "https://us02web.zoom.us/j/81234567890?pwd=abcDEF123" in text
    assert "売主 一郎、買主 花子 様" in text

    # 人・物・意思 only once held; then held with minutes, and the verification linked
    assert not dialog.confirmed[Confirmed.INTENT].isEnabled()
    dialog.state.setCurrentIndex(dialog.state.findData(MeetingStatus.HELD))
    dialog.pages.setCurrentIndex(1)
    for box in dialog.confirmed.values():
        box.setChecked(True)
    dialog.sections["person"].setPlainText("マイナンバーカードのICチップで確認。受け答えは明瞭。")
    dialog.sections["thing"].setPlainText("東京都千代田区霞が関一丁目1番1の土地。売買代金2500万円。")
    dialog.sections["intent"].setPlainText("売る意思をご本人の言葉で確認した。")
    dialog.links.item(0).setCheckState(dialog.links.item(0).checkState().Checked)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "実施済み" in dialog.status.text(), timeout=20000)
    meeting = caseload.get_meeting(meeting.id)
    assert meeting.status is MeetingStatus.HELD
    assert meeting.confirmed == frozenset(Confirmed)
    assert meeting.minutes_kind == "real_estate_sale" and meeting.minutes["intent"].startswith("売る意思")
    assert meeting.verifications == (record.id,)
    qtbot.waitUntil(lambda: view.meeting_table.item(0, 4) is not None
                    and view.meeting_table.item(0, 4).text() == "人・物・意思", timeout=20000)
    dialog.close_button.click()

    # the stored card opens again as it was saved
    view.meeting_table.selectRow(0)
    view.open_meeting_button.click()
    again = view.meeting_dialog
    assert isinstance(again, MeetingDialog) and again is not dialog
    assert again.state.currentData() is MeetingStatus.HELD and again.url.text().startswith("https://us02web")
    assert all(box.isChecked() for box in again.confirmed.values())
    assert again.sections["intent"].toPlainText().startswith("売る意思")
    assert again.links.item(0).checkState() == again.links.item(0).checkState().Checked
    again.close_button.click()

    # closed with its end date: the retention is recomputed and shown
    view.tabs.setCurrentIndex(0)
    view.ended_on.setDate(view.ended_on.date().fromString("2026-12-10", "yyyy-MM-dd"))
    view.close_button.click()
    qtbot.waitUntil(lambda: "令和18年12月10日（2036年）" in view.retention.text(), timeout=20000)
    assert "令和8年12月10日（2026年）" in view.retention.text()  # the end it counts from
    kept = "令和18年12月10日（2036年）"
    qtbot.waitUntil(lambda: any(view.table.item(r, 3).text() == kept for r in range(view.table.rowCount())),
                    timeout=20000)  # the list shows it too
    assert caseload.get_matter(matter.id).retention_until == dt.date(2036, 12, 10)
    assert services.records.store().get(record.id).retention_until == dt.date(2036, 12, 10)

    # the records place lists the matter's verifications only
    view.tabs.setCurrentIndex(2)
    view.records_button.click()
    records = window.places["records"]
    assert isinstance(records, RecordsView) and window.tabs.currentWidget() is records
    qtbot.waitUntil(lambda: records.table.rowCount() == 1 and records.table.item(0, 0).text() == str(record.id),
                    timeout=20000)
    assert records.matter_filter.isVisible()
    records.matter_filter.click()
    assert records.matter_id is None and not records.matter_filter.isVisible()


def test_the_open_only_filter_and_a_bad_birth_date(qtbot: QtBot, desk: Desk) -> None:
    window, services = desk.window, desk.services
    caseload = services.caseload
    assert caseload is not None
    view = window.places["matters"]
    assert isinstance(view, MattersView)
    window.tabs.setCurrentWidget(view)
    view.party_form.name.setText("誤入力 太郎")
    view.party_form.birth.setText("昭和36年")
    view.party_form.add_button.click()
    assert "1961-08-04" in view.status.text() and not view.pending  # said at once, nothing stored
    _add_party(qtbot, view, "依頼 次郎", "1970-01-02", PartyRole.HEIR, 1)
    view.title.setText("相続登記")
    view.kind.setCurrentIndex(view.kind.findData("inheritance"))
    view.save_button.click()
    qtbot.waitUntil(lambda: view.current is not None, timeout=20000)
    matter = view.current
    assert matter is not None
    caseload.close_matter(matter.id, dt.datetime.now(JAPAN_TIME).date())
    view.refresh()
    qtbot.waitUntil(lambda: any(view.table.item(r, 1).text() == "相続登記" for r in range(view.table.rowCount())),
                    timeout=20000)
    view.open_only.setChecked(True)
    qtbot.waitUntil(lambda: all(view.table.item(r, 1).text() != "相続登記" for r in range(view.table.rowCount())),
                    timeout=20000)


def _open_new_matter(qtbot: QtBot, desk: Desk, client: str, title: str, kind: str, role: PartyRole) -> MattersView:
    """A stored client in a new matter, opened in the 案件 place with 新しい面談 ready."""
    from kyc_desk.records.model import Matter, Party, Person

    caseload = desk.services.caseload
    assert caseload is not None
    stored = caseload.add_client(Person(client))
    matter = caseload.create_matter(Matter(title, kind, dt.date(2026, 11, 1)), [Party(stored.id, role)])
    view = desk.window.places["matters"]
    assert isinstance(view, MattersView)
    view.open_matter(matter.id)
    qtbot.waitUntil(lambda: view.current is not None and view.new_meeting_button.isEnabled(), timeout=20000)
    return view


def test_an_invitation_without_a_date_fills_nothing(qtbot: QtBot, desk: Desk) -> None:
    view = _open_new_matter(qtbot, desk, "依頼 三郎", "会社設立", "company_formation", PartyRole.PROMOTER)
    dialog = view.open_meeting(None)
    assert dialog is not None
    dialog.paste.setPlainText("来週あたりにお打ち合わせをお願いします。\nhttps://meet.google.com/abc-defg-hij")
    dialog.parse_button.click()
    qtbot.waitUntil(lambda: "読み取れませんでした" in dialog.preview.text(), timeout=20000)
    assert not dialog.apply_button.isEnabled() and dialog.proposal is None
    assert "⚠" in dialog.preview.text()  # the reader's own words say which part failed
    dialog.close_button.click()


def test_ctrl_4_opens_the_matters_search(qtbot: QtBot, desk: Desk) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = desk.window
    with qtbot.waitActive(window):
        window.activateWindow()
    view = window.places["matters"]
    assert isinstance(view, MattersView)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is view and QApplication.focusWidget() is view.search,
                    timeout=5000)


def test_closing_a_changed_meeting_card_asks_first(qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Escape, 閉じる and the close box ask before they throw away what was typed; an unchanged card closes."""
    from kyc_desk.ui.views import meetings

    view = _open_new_matter(qtbot, desk, "依頼 四郎", "相続登記", "inheritance", PartyRole.HEIR)
    caseload = desk.services.caseload
    assert caseload is not None
    answers: list[str] = []
    asked: list[MeetingDialog] = []

    def ask(self: MeetingDialog) -> str:
        asked.append(self)
        return answers.pop(0)

    monkeypatch.setattr(meetings.MeetingDialog, "ask_unsaved", ask)

    save_settings(load_settings().but(office_name="山田司法書士事務所"))  # 事務所情報の設定
    untouched = view.open_meeting(None)
    assert untouched is not None and not untouched.has_unsaved_changes()
    assert untouched.office.text() == "山田司法書士事務所"  # the invitation's sender, from the settings
    untouched.close_button.click()
    assert not untouched.isVisible() and not asked  # nothing typed: no question

    dialog = view.open_meeting(None)
    assert dialog is not None
    dialog.place.setText("当事務所 応接室")
    dialog.sections["person"].setPlainText("運転免許証で確認。")
    assert dialog.has_unsaved_changes()
    answers.append("cancel")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [dialog] and dialog.isVisible()  # kept open, nothing lost
    assert dialog.place.text() == "当事務所 応接室"

    answers.append("save")  # 保存して閉じる: stored, then closed
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert dialog.meeting is not None
    stored = caseload.get_meeting(dialog.meeting.id)
    assert stored.place == "当事務所 応接室" and stored.minutes["person"] == "運転免許証で確認。"

    again = view.open_meeting(stored)
    assert again is not None and not again.has_unsaved_changes()  # opened as stored: nothing to save
    again.place.setText("オンライン")
    answers.append("discard")
    again.close()  # the window's close box
    assert not again.isVisible() and len(asked) == 3
    assert caseload.get_meeting(stored.id).place == "当事務所 応接室"  # the discarded edit never reached the store
