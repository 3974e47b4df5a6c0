"""Every place, step and dialog fits a 1280×720 screen (1920×1080 at 150 %, the office laptop case).

The window is sized to what a 1280×720 screen leaves inside a window frame, with the demo banner shown
(the tallest chrome), in Japanese and in English, and filled with real content: the software My Number
card read in memory and verified against the test anchors, a real photo at the desk, a saved record.
Then, for each step and view: the minimum size hint fits, the window did not grow, and the primary
buttons lie inside the visible area — not under the bottom edge, not scrolled away, not clipped by a
parent.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kyc_desk.app.desk_methods import DeskMethod
from kyc_desk.ui.models.placement import FRAME_SIDE, FRAME_TITLE
from kyc_desk.ui.views.face_to_face import CARD, CHIP, CLIENT, DECISION, FACE, ITEMS, METHOD
from kyc_desk.ui.widgets.geometry import SMALLEST_SCREEN
from tests.ui.conftest import Desk

#: The window's inside on a 1280×720 screen, leaving room for the window manager's frame and title bar.
INSIDE = QSize(SMALLEST_SCREEN.width() - 2 * FRAME_SIDE, SMALLEST_SCREEN.height() - FRAME_TITLE - FRAME_SIDE)


def fits(size: QSize, room: QSize = INSIDE) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def shown_whole(widget: QWidget) -> bool:
    """``widget`` is visible and no part of it lies outside any parent up to its window (so it is neither
    below the window's edge, nor scrolled out of a scroll area's viewport, nor clipped)."""
    if not widget.isVisible():
        return False
    rect, current = widget.rect(), widget
    while not current.isWindow():
        parent = current.parentWidget()
        assert parent is not None
        rect = rect.translated(current.pos())
        if not parent.rect().contains(rect):
            return False
        current = parent
    return True


def assert_shown(widgets: dict[str, QWidget]) -> None:
    hidden = [name for name, widget in widgets.items() if not shown_whole(widget)]
    assert not hidden, f"not inside the visible area: {hidden}"


def _settle(qtbot: QtBot) -> None:
    QApplication.processEvents()
    qtbot.wait(50)


def _read_software_card() -> tuple[object, object]:
    """The demo card read in memory through the card stack, and its verification report."""
    from kyc_desk.cards.apps.mynumber import Secret, read_mynumber
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.verify.mynumber import verify_mynumber
    from kyc_desk.verify.trust import load_trust_store
    from kyc_desk_testkit.softcard.registry import build_card

    soft = build_card("mynumber", "taro")
    reading = read_mynumber(Card(HandlerTransport(soft.process)), lambda r: Secret(soft.secrets[r.name]))  # type: ignore[attr-defined]
    anchors = load_trust_store(Path(os.environ["KYC_DESK_TRUST_DIR"]))
    return reading, verify_mynumber(reading, anchors=anchors, at=dt.datetime.now(dt.UTC))


@pytest.fixture(params=["ja", "en"])
def interface(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The interface language the window is built in (English texts are often the longer ones)."""
    from kyc_desk.ui.translation import install_language

    translator = install_language(qapp, request.param) if request.param == "en" else None
    yield request.param
    if translator is not None:
        qapp.removeTranslator(translator)
        install_language(qapp, "ja")


@pytest.fixture
def filled(qtbot: QtBot, interface: str, desk: Desk) -> Desk:
    """The desk at 1280×720 with the banner, a read card, a photo at the desk and items to confirm."""
    from kyc_desk.i18n import set_language
    from kyc_desk.records.model import Person
    from kyc_desk.ui.views.face_step import live_photo_from_file
    from kyc_desk_testkit.samples import sample_photo

    set_language(interface)  # texts of the lower layers and of dialogs that use kyc_desk.i18n.tr

    window, flow = desk.window, desk.flow
    assert window.tabs.tabText(0) == {"ja": "対面確認", "en": "Face to face"}[interface]
    window.show_banner(
        "デモモードです。仮想カードリーダーのソフトウェアカードと見本の依頼者を使います。"
        "氏名などは架空ですが、顔写真は実在の人物の公開見本写真です（利用の手引き「デモの見本カード」）。"
    )
    window.resize(INSIDE)
    reading, report = _read_software_card()
    flow.client_step.name.setText("山田 太郎")
    flow.client_step.matter_title.setText("所有権移転登記（売買）")
    flow.flow.stated = Person(name="山田 太郎", name_kana="ヤマダ タロウ", birth_date=dt.date(1961, 8, 4),
                              address="東京都千代田区霞が関一丁目1番1号")
    flow.flow.reading, flow.flow.report = reading, report  # type: ignore[assignment]
    flow.chip_step.show_reading(reading, report)  # type: ignore[arg-type]
    flow.face_step.set_chip_photo(reading.photo.data)  # type: ignore[attr-defined]
    flow.face_step.set_live_photo(live_photo_from_file(sample_photo("obama.jpg")))
    flow.face_step.result_label.setText(  # as long as a real result: verdict, figures, two reasons, the caveat
        "<b>同一人物の可能性が高い</b><br>距離 0.412（しきい値 0.600、小さいほど似ている）・エンジン dlib<br>"
        "・顔を1つ検出しました<br>・顔の向きは正面です<br>照合は判断の参考です。最終判断は司法書士が行います。"
    )
    flow.items_step.show_rows(flow.flow.item_rows())
    from kyc_desk.app.texts import report_summary

    summary = report_summary(report, "face_to_face_chip", "mynumber")  # type: ignore[arg-type]
    # the chip's gaps (no face match, items unconfirmed) and what the checks confirmed, in words
    flow.decision_step.bind(flow.flow, dt.date.today(), summary)
    flow.decision_step.not_confirmed.setChecked(True)
    _settle(qtbot)
    return desk


def test_the_window_and_every_place_have_a_minimum_that_fits(qtbot: QtBot, filled: Desk) -> None:
    window = filled.window
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()
    for place in window.places.values():
        assert fits(place.minimumSizeHint()), (place.objectName(), place.minimumSizeHint())
    assert window.size() == INSIDE  # nothing forced the window to grow


@pytest.mark.parametrize("step", [CLIENT, METHOD, CARD, CHIP, FACE, ITEMS, DECISION])
def test_every_step_keeps_its_buttons_in_view(qtbot: QtBot, filled: Desk, step: int) -> None:
    window, flow = filled.window, filled.flow
    window.tabs.setCurrentWidget(flow)
    flow.stack.setCurrentIndex(step)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    buttons: dict[str, QWidget] = {"戻る": flow.back, "次へ": flow.next}
    buttons |= {
        CLIENT: {"search": flow.client_step.search, "name": flow.client_step.name},
        METHOD: {**{m.value: b for m, b in flow.method_step.buttons.items()}, "high risk": flow.method_step.high_risk},
        CARD: {"読み取り開始": flow.card_step.start, "中止": flow.card_step.cancel},
        CHIP: {"chip photo": flow.chip_step.photo},
        FACE: {"撮影": flow.face_step.capture, "開く": flow.face_step.load, "照合": flow.face_step.match,
               "全体表示": flow.face_step.compare_view.reset, "result": flow.face_step.result_label},
        ITEMS: {"table": flow.items_step.table, "waiting": flow.items_step.waiting},
        DECISION: {"確認済み": flow.decision_step.confirmed, "追加確認が必要": flow.decision_step.needs_more,
                   "受任する": flow.decision_step.accept, "保留": flow.decision_step.undecided,
                   "gaps": flow.decision_step.gaps, "確認者": flow.decision_step.checked_by,
                   "記録作成者": flow.decision_step.recorded_by},
    }[step]
    assert_shown(buttons)
    _assert_no_sideways_scrolling(flow.stack.currentWidget())
    if step == FACE:
        _assert_side_by_side(flow.face_step.compare_view)


def _assert_reachable(flow: QWidget, widgets: dict[str, QWidget]) -> None:
    """Inside a step that scrolls down, each widget can be scrolled into view whole (as Tab does)."""
    for name, widget in widgets.items():
        pane = flow.stack.currentWidget()  # type: ignore[attr-defined]
        assert isinstance(pane, QScrollArea)
        pane.ensureWidgetVisible(widget)  # with the margins Tab leaves around the focus
        QApplication.processEvents()
        assert shown_whole(widget), name


@pytest.mark.parametrize("company", [False, True])
def test_the_client_step_with_the_person_acting_fits(qtbot: QtBot, filled: Desk, company: bool) -> None:
    """The tallest client step: a company (or an individual) with its representative or agent and authority."""
    window, flow = filled.window, filled.flow
    step = flow.client_step
    (step.kind_company if company else step.kind_individual).setChecked(True)
    step.role_agent.setChecked(True)
    flow.stack.setCurrentIndex(CLIENT)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    assert_shown({"戻る": flow.back, "次へ": flow.next})
    _assert_no_sideways_scrolling(flow.stack.currentWidget())
    _assert_reachable(flow, {"authority date": step.authority_date.edit, "purpose": step.purpose,
                             "acting name": step.acting_form.name})  # fmt: skip


@pytest.mark.parametrize("method", list(DeskMethod))
def test_every_method_form_fits(qtbot: QtBot, filled: Desk, method: DeskMethod) -> None:
    window, flow = filled.window, filled.flow
    step = flow.method_step
    step.set_today(dt.date.today())  # what going to the step does: the day's methods and documents
    step.choose(method)
    step.high_risk.setChecked(True)  # the high-risk group open below the form
    flow.stack.setCurrentIndex(METHOD)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    assert_shown({"戻る": flow.back, "次へ": flow.next})
    _assert_no_sideways_scrolling(flow.stack.currentWidget())
    widgets: dict[str, QWidget] = {"risk confirmed": step.risk_confirmed, "risk number": step.risk_document.number}
    widgets |= {
        DeskMethod.CHIP: {},
        DeskMethod.PHOTO_ID: {"photo": step.photo_document.photo_button, "face": step.face_by_sight},
        DeskMethod.TWO_DOCUMENTS: {"second": step.second_document.number, "items": step.two_items},
        DeskMethod.DOCUMENTS_MAIL: {"mailed": step.mailed_on.edit, "items": step.mail_items},
        DeskMethod.RELIANCE: {"records": step.earlier, "match": step.reliance_match, "note": step.reliance_note},
    }[method]
    _assert_reachable(flow, widgets)


def _assert_no_sideways_scrolling(pane: QWidget) -> None:
    """A step may scroll down inside its pane, never sideways (that would hide half of every row)."""
    assert isinstance(pane, QScrollArea)
    assert pane.horizontalScrollBar().maximum() == 0, pane.objectName()


def test_a_driving_licence_with_its_history_fits_the_chip_step(qtbot: QtBot, filled: Desk) -> None:
    """The licence has the most rows (categories, conditions, the address at issue and the changes)."""
    from kyc_desk.verify.driver_licence import check_driver_licence
    from tests.ui.test_chip_step_licence import _moved_reading

    window, flow = filled.window, filled.flow
    reading = _moved_reading()
    flow.chip_step.show_reading(reading, check_driver_licence(reading, at=dt.datetime.now(dt.UTC)))
    flow.stack.setCurrentIndex(CHIP)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    assert_shown({"戻る": flow.back, "次へ": flow.next})
    _assert_no_sideways_scrolling(flow.stack.currentWidget())


def _assert_side_by_side(compare: QWidget) -> None:
    """Both photos are shown whole, next to each other (shrunk to the pane, never cut off)."""
    chip, live = compare.chip_pane, compare.live_pane  # type: ignore[attr-defined]
    assert_shown({"chip photo": chip, "live photo": live})
    assert chip.geometry().right() < live.geometry().left() and chip.geometry().top() == live.geometry().top()
    for pane in (chip, live):
        if pane.has_image():
            shown = pane.mapFromScene(pane.sceneRect()).boundingRect()
            assert pane.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown), pane.objectName()


def test_the_remote_review_fits(qtbot: QtBot, filled: Desk) -> None:
    from kyc_desk.ui.views.remote import RemoteView

    window = filled.window
    remote = window.places["remote"]
    assert isinstance(remote, RemoteView)
    window.tabs.setCurrentWidget(remote)
    _settle(qtbot)
    top = {"設定": remote.settings_button, "新しい依頼": remote.request_button, "取り込む": remote.pull_button,
           "queue": remote.table}
    assert_shown(top)
    from kyc_desk.app.remote import QueueRow

    received = dt.datetime.now(dt.UTC)
    remote._show_queue([  # a long name and the widest state: the queue still does not scroll sideways
        QueueRow("record", "寿限無寿限無五劫のすりきれ海砂利水魚の水行末雲来末風来末", "ヘ", received, "flagged", 1),
        QueueRow("quarantine", "", "ワ", received, "quarantined", submission_id="x"),
    ])
    _settle(qtbot)
    assert remote.table.horizontalScrollBar().maximum() == 0
    assert remote.table.item(0, 0).toolTip().startswith("寿限無")  # the elided name, whole on hover
    whole = remote.table.item(0, 2).toolTip()  # the whole moment, with the year, on hover
    year = str(received.astimezone(dt.timezone(dt.timedelta(hours=9))).year)  # the year in Japan
    assert year in whole and year not in remote.table.item(0, 2).text()
    flow = filled.flow
    chip = flow.face_step.compare_view.chip_pane.displayed_image()
    live = flow.face_step.compare_view.live_pane.displayed_image()
    remote.compare.set_chip_photo(chip)
    remote.compare.set_live_photo(live)
    remote.detail.setHtml("<br>".join(["確認結果"] * 30))
    from kyc_desk.ui.models.decision import RecordDecision

    remote.decision.set_operators((("テスト司法書士", "scrivener"), ("補助者 佐藤", "assistant")), "テスト司法書士")
    remote.decision.bind_record(  # as long as a ヘ submission's summary, with two gaps to explain
        RecordDecision(("text.signature", "face.liveness"), "テスト司法書士"), dt.date.today(),
        ["確認方法: ヘ 非対面・ICチップ情報＋容貌画像",
         "確認できたこと: 提出データの暗号化封筒、券面事項確認APの証明書、券面情報の署名、"
         "ICチップの実在確認（カード鍵の署名）、券面事項入力補助APの証明書、利用者証明用電子証明書、生年月日の一致、性別の一致、顔の照合",
         "要確認: ICチップの署名対象外の文字情報（検証不可）、生体確認（なりすまし検知）（検証不可）"])
    remote.review.setCurrentIndex(1)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    assert_shown(top | {"確認済み": remote.decision.confirmed, "追加確認が必要": remote.decision.needs_more,
                        "受任する": remote.decision.accept, "保留": remote.decision.undecided,
                        "確認者": remote.decision.checked_by, "判断を保存": remote.decision.save,
                        "detail": remote.detail})
    assert not remote.decision.recorded_by.isVisible()  # the record keeps its own 記録作成者
    _assert_side_by_side(remote.compare)
    remote.review.setCurrentIndex(2)
    _settle(qtbot)
    assert_shown({"再取込み": remote.retry_button})


def test_the_records_view_fits_with_a_record_open(qtbot: QtBot, filled: Desk) -> None:
    from kyc_desk.records.model import Engagement, FaceKind, FaceResult, FaceVerdict, IdentityResult
    from kyc_desk.ui.models.items import Confirmation
    from kyc_desk.ui.views.records import RecordsView

    window, flow = filled.window, filled.flow.flow
    flow.client = flow.stated
    flow.presented_at = dt.datetime.now(dt.UTC)
    flow.live_photo_jpeg = filled.flow.face_step.live_jpeg
    flow.live_photo_at = dt.datetime.now(dt.UTC)
    flow.confirmations = {row.item: Confirmation(True, "申告のみ" if row.differs else "") for row in flow.item_rows()}
    flow.result, flow.engagement = IdentityResult.CONFIRMED, Engagement.ACCEPTED
    flow.checked_by = flow.recorded_by = "テスト司法書士"
    flow.face_results = (FaceResult(FaceKind.MATCH, "test", FaceVerdict.PASS),)
    flow.gap_reasons = {key: "申告のみ" for key in flow.gaps(dt.date.today())}
    new = flow.new_verification(decided_at=dt.datetime.now(dt.UTC))
    record = filled.services.records.store().save_verification(new, actor="テスト司法書士")
    records = window.places["records"]
    assert isinstance(records, RecordsView)
    window.tabs.setCurrentWidget(records)
    records.show_record(record)
    _settle(qtbot)
    assert fits(window.minimumSizeHint()) and window.size() == INSIDE
    assert_shown({"search": records.search, "table": records.table, "chip photo": records.chip_photo,
                  "live photo": records.live_photo, "detail": records.detail})


def test_the_matters_place_fits_with_a_matter_open(qtbot: QtBot, filled: Desk) -> None:
    from kyc_desk.records.model import Matter, Party, PartyRole, Person
    from kyc_desk.ui.views.matters import MattersView

    window, caseload = filled.window, filled.services.caseload
    assert caseload is not None
    seller = caseload.add_client(Person("売主 一郎", birth_date=dt.date(1950, 3, 3)))
    buyer = caseload.add_client(Person("買主 花子"))
    matter = caseload.create_matter(Matter("所有権移転登記（売買）", "real_estate_sale", dt.date(2026, 11, 1)),
                                    [Party(seller.id, PartyRole.SELLER), Party(buyer.id, PartyRole.BUYER)])
    view = window.places["matters"]
    assert isinstance(view, MattersView)
    window.tabs.setCurrentWidget(view)
    view.open_matter(matter.id)
    qtbot.waitUntil(lambda: view.party_table.rowCount() == 2, timeout=20000)
    pages = {
        0: {"保存": view.save_button, "終了": view.close_button, "retention": view.retention},
        1: {"探す": view.party_form.find_button, "加える": view.party_form.add_button,
            "外す": view.remove_party_button},
        2: {"開く": view.open_record_button, "絞り込む": view.records_button},
        3: {"追加": view.tx_form.add_button, "table": view.transaction_table},
        4: {"新しい面談": view.new_meeting_button, "開く": view.open_meeting_button},
    }
    for page, widgets in pages.items():
        view.tabs.setCurrentIndex(page)
        _settle(qtbot)
        assert fits(window.minimumSizeHint()) and window.size() == INSIDE
        assert_shown({"search": view.search, "新しい案件": view.new_button, "list": view.table} | widgets)


def _dialogs(desk: Desk, tmp_path: Path) -> dict[str, Callable[[], tuple[QDialog, list[QAbstractButton]]]]:
    """Every dialog of the desk, each with the buttons that must be reachable."""
    from kyc_desk.app.remote import RemoteService
    from kyc_desk.records.keys import RecoveryKey
    from kyc_desk.ui.dialogs.export_dialog import ExportDialog
    from kyc_desk.ui.dialogs.first_run import FirstRunDialog, RecoveryKeyDialog
    from kyc_desk.ui.dialogs.remote_settings import RemoteSettingsDialog
    from kyc_desk.ui.dialogs.request_dialog import RequestDialog
    from kyc_desk.ui.dialogs.secret_dialog import SecretDialog

    window, tasks = desk.window, desk.flow.tasks

    def secret(name: str, tries: int) -> tuple[QDialog, list[QAbstractButton]]:
        dialog = SecretDialog(name, tries, 10 if name == "code_b" else 5, skippable=name == "sign_pin", parent=window)
        return dialog, [b for b in dialog.buttons.buttons()] + ([dialog.confirm_last] if tries == 1 else [])

    def about() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = window.show_about()
        return dialog, list(dialog.findChildren(QAbstractButton))

    def settings() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = RemoteSettingsDialog("", 5, ask_passphrase=True, new_key=True, parent=window)
        return dialog, list(dialog.buttons.buttons())

    def request() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = RequestDialog(desk.services, tasks, RemoteService(folder=tmp_path / "sync"), parent=window)
        return dialog, [dialog.create_button, dialog.mail_button, dialog.eml_button, *dialog.methods.values()]

    def first_run() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = FirstRunDialog(tasks, secure_keyring=False, parent=window)
        dialog.keyfile.setChecked(True)  # the warning shows too
        return dialog, [dialog.create_button, dialog.keyfile]

    def trust() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = window.show_trust_store()
        return dialog, list(dialog.findChildren(QPushButton))  # 追加, 削除, OCSP設定を保存, 閉じる

    def meeting() -> tuple[QDialog, list[QAbstractButton]]:
        from kyc_desk.records.model import Client, Matter, MatterRecord, PartyRole, Person, StoredParty
        from kyc_desk.ui.views.meetings import MeetingDialog

        parties = tuple(StoredParty(Client(n, Person(name)), role) for n, name, role in (
            (1, "売主 一郎", PartyRole.SELLER), (2, "買主 花子", PartyRole.BUYER), (3, "代理人 三郎", PartyRole.AGENT)))
        matter = MatterRecord(1, 1, Matter("所有権移転登記（売買）", "real_estate_sale", dt.date(2026, 11, 1)), parties)
        dialog = MeetingDialog(desk.services, tasks, matter, [], parent=window)
        dialog.pages.setCurrentIndex(1)  # the minutes: the tallest page
        return dialog, [dialog.save_button, dialog.close_button, dialog.invite_button,
                        *dialog.confirmed.values()]

    def mail_outcome() -> tuple[QDialog, list[QAbstractButton]]:
        from kyc_desk.ui.dialogs.mail_outcome import MailOutcomeDialog

        dialog = MailOutcomeDialog(dt.date(2026, 11, 20), dt.date(2026, 12, 6), parent=window)
        dialog.returned.setChecked(True)
        return dialog, [*dialog.buttons.buttons(), dialog.delivered, dialog.returned]

    def recovery() -> tuple[QDialog, list[QAbstractButton]]:
        dialog = RecoveryKeyDialog(RecoveryKey.generate(), window)
        return dialog, [dialog.print_button, dialog.confirm, dialog.close_button]

    def export(kind: str) -> tuple[QDialog, list[QAbstractButton]]:
        dialog = ExportDialog(kind, 3, 12, parent=window)  # type: ignore[arg-type]
        encrypt = [dialog.encrypt] if kind in ("images", "bundle") else []  # a CSV or a PDF is never encrypted
        return dialog, [*dialog.buttons.buttons(), dialog.browse, dialog.scope_dates, *encrypt]

    return {
        "code_b": lambda: secret("code_b", 10),
        "export_csv": lambda: export("csv"),
        "export_images": lambda: export("images"),
        "export_bundle": lambda: export("bundle"),
        "export_pdf": lambda: export("pdf"),
        "sign_pin_last_try": lambda: secret("sign_pin", 1),
        "pin1": lambda: secret("pin1", 3),
        "card_number": lambda: secret("card_number", 0),
        "about": about,
        "remote_settings": settings,
        "request": request,
        "first_run": first_run,
        "recovery_key": recovery,
        "trust_store": trust,
        "meeting": meeting,
        "mail_outcome": mail_outcome,
    }


DIALOGS = ["code_b", "sign_pin_last_try", "pin1", "card_number", "about", "remote_settings", "request",
           "first_run", "recovery_key", "trust_store", "meeting", "export_csv", "export_images",
           "export_bundle", "export_pdf", "mail_outcome"]


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_with_its_buttons_in_view(qtbot: QtBot, filled: Desk, tmp_path: Path, name: str) -> None:
    dialog, buttons = _dialogs(filled, tmp_path)[name]()
    dialog.show()
    qtbot.waitExposed(dialog)
    _settle(qtbot)
    try:
        assert fits(dialog.minimumSizeHint()), dialog.minimumSizeHint()
        available = dialog.screen().availableGeometry()
        assert dialog.width() <= available.width() and dialog.height() <= available.height()
        # what the dialog gets on a 1280×720 screen (the test screen is 800×800, and the window is 1264×680)
        dialog.resize(dialog.size().boundedTo(INSIDE))
        _settle(qtbot)
        assert_shown({button.text() or button.objectName(): button for button in buttons})
    finally:
        dialog.done(QDialog.DialogCode.Rejected)
