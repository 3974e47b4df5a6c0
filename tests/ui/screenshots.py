"""Screenshots of the window for docs/screenshots/ (run under Xvfb, never part of the test run).

    Xvfb :57 -screen 0 1600x1000x24 &
    DISPLAY=:57 KYC_DESK_VPCD_PORT=35969 .venv/bin/python -m tests.ui.screenshots [NAME ...] [--out DIR]

The window takes the size it takes for users on that screen (issue 24), so the screen chooses the shot's
size. The small-screen checks are taken into ``docs/screenshots/1280x720/`` and, with
``QT_SCALE_FACTOR=1.5`` on a 1920x1080 Xvfb (1280×720 logical pixels), ``docs/screenshots/1920x1080-150/``
(see docs/ui.md, "Small screens and scaling").

The flow shots start a private pcscd with one vpcd reader (as ``KYC_DESK_PRIVATE_PCSCD=1`` does for the
tests; needs root for ``unshare -m``) and put the demo card on it.

Each shot drives the real window (the same code the tests drive) and saves ``docs/screenshots/<name>.png``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def _settle(app: object, ms: int = 300) -> None:
    from PySide6.QtTest import QTest

    QTest.qWait(ms)


def shot_shell() -> None:
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language

    app = application()
    install_language(app, "ja")
    window = build_window(Settings())
    window.resize(1400, 900)
    window.show()
    _settle(app)
    window.grab().save(str(OUT / "01-shell.png"))
    dialog = window.show_about()
    dialog.resize(760, 560)
    _settle(app)
    dialog.grab().save(str(OUT / "02-about.png"))
    dialog.close()
    window.close()
    translator = install_language(app, "en")
    english = build_window(Settings(language="en"))
    english.resize(1400, 900)
    english.show()
    _settle(app)
    english.grab().save(str(OUT / "01-shell-en.png"))
    english.close()
    if translator is not None:
        app.removeTranslator(translator)
    install_language(app, "ja")


def _wait(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    import time

    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state")
        QTest.qWait(20)


def shot_flow(card: str | None = None, chip_shot: str | None = None) -> None:
    """Every step of the face-to-face flow with the demo card on a private virtual reader.

    ``card``/``chip_shot``: another software card (e.g. ``mynumber-clone``), and only its chip step,
    saved under that name."""
    from PySide6.QtWidgets import QPushButton

    from kyc_desk.jp.era import format_japanese
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.face_to_face import CHIP, FaceToFaceView
    from kyc_desk_testkit.demo import DemoEnvironment, install_demo_trust
    from kyc_desk_testkit.softcard.registry import build_card
    from tests.plugins import pcsc as pcsc_plugin
    from tests.ui.decide import confirm_and_accept

    home = Path(os.environ["KYC_DESK_HOME"])
    os.environ["KYC_DESK_TRUST_DIR"] = str(home / "trust")
    install_demo_trust(home / "trust")
    pcsc_plugin._start_private_pcscd(int(os.environ.get("KYC_DESK_VPCD_PORT", "35963")) + 1000)
    environment = DemoEnvironment.start(card=card)
    try:
        app = application()
        install_language(app, "ja")
        window = build_window(Settings(), demo=True, services=environment.services(Settings()))
        window.show()
        flow = window.places["face_to_face"]
        assert isinstance(flow, FaceToFaceView)
        _settle(app)

        step = flow.client_step
        step.search.insert("ヤマダ")
        _wait(lambda: step.results.count() > 0)
        step._pick(step.results.item(0))
        _wait(lambda: step.is_complete())
        step.results.setCurrentRow(0)
        _settle(app)
        if chip_shot is None:  # the chip-only shot leaves the flow's pictures alone
            window.grab().save(str(OUT / "03-client.png"))

        flow.next.click()  # the method: reading the chip, the default
        _settle(app)
        if chip_shot is None:
            window.grab().save(str(OUT / "03b-method.png"))
        flow.next.click()
        card_step = flow.card_step
        _wait(lambda: card_step.start.isEnabled() and "マイナンバー" in card_step.reader_list.currentItem().text())
        _settle(app)
        if chip_shot is None:  # the chip-only shot leaves the flow's pictures alone
            window.grab().save(str(OUT / "04-card-reader.png"))

        code_b = build_card("mynumber", "taro").code_b
        flow.card_step.start.click()
        _wait(lambda: flow.card_step.secret_dialog is not None)
        dialog = flow.card_step.secret_dialog
        assert dialog is not None
        dialog.birth_date.insert(format_japanese(code_b.birth_date))
        dialog.expiry_year.insert(str(code_b.expiry_year))
        dialog.security_code.insert(code_b.security_code)
        _settle(app)
        if chip_shot is None:  # the chip-only shot leaves the flow's pictures alone
            dialog.grab().save(str(OUT / "05-code-b.png"))
        dialog.ok.click()
        _wait(lambda: flow.card_step.secret_dialog is not None and flow.card_step.secret_dialog.name == "sign_pin")
        sign = flow.card_step.secret_dialog
        assert sign is not None
        _settle(app)
        if chip_shot is None:  # the chip-only shot leaves the flow's pictures alone
            sign.grab().save(str(OUT / "06-sign-password-skip.png"))
        last = type(sign)("text_pin", 1, 3, skippable=True, parent=window)
        last.open()
        _settle(app)
        if chip_shot is None:  # the chip-only shot leaves the flow's pictures alone
            last.grab().save(str(OUT / "06b-last-try-warning.png"))
        last.reject()
        sign.findChild(QPushButton, "secret_skip").click()
        _wait(lambda: flow.stack.currentIndex() == CHIP)
        _settle(app, 500)
        if chip_shot is not None:
            window.grab().save(str(OUT / chip_shot))
            flow.shutdown()
            window.close()
            return
        window.grab().save(str(OUT / "07-chip.png"))

        flow.next.click()
        flow.face_step.capture.click()
        _wait(lambda: flow.face_step.live_jpeg is not None)
        flow.face_step.match.click()
        _wait(lambda: flow.face_step.result is not None, 180)
        flow.face_step.compare_view.chip_pane.zoom_by(1.8)
        flow.face_step.compare_view.sliders["live_brightness"].setValue(15)
        _settle(app, 500)
        window.grab().save(str(OUT / "08-compare.png"))

        flow.next.click()
        for row in flow.items_step.rows:
            note = "マイナンバーカードにはフリガナの記録がないため、申告内容で確認" if row.differs else None
            flow.items_step.set_confirmed(row.item, True, note)
        _settle(app)
        window.grab().save(str(OUT / "09-items.png"))

        flow.next.click()
        kana = "マイナンバーカードにはフリガナの記録がないため、申告内容で確認"
        flow.decision_step.set_gap_reason("item.name_kana", kana)
        _settle(app)
        window.grab().save(str(OUT / "10a-decision.png"))
        confirm_and_accept(flow, "署名用電子証明書は使わない確認のため、パスワードは入力していない")
        flow.next.click()
        _wait(lambda: flow.saved is not None)
        _settle(app)
        window.grab().save(str(OUT / "10-decision-saved.png"))

        records = window.places["records"]
        window.tabs.setCurrentWidget(records)
        _wait(lambda: records.table.rowCount() >= 2)  # type: ignore[attr-defined]
        records.table.selectRow(0)  # type: ignore[attr-defined]
        _wait(lambda: records.opened is not None)  # type: ignore[attr-defined]
        _settle(app, 500)
        window.grab().save(str(OUT / "11-records.png"))
        flow.shutdown()
        window.close()
    finally:
        environment.stop()
        pcsc_plugin.pytest_unconfigure(None)  # type: ignore[arg-type]


def shot_records_languages() -> None:
    """A remotely imported record in the records view, in Japanese and then (the language switched) English:
    its stored checks and face result are codes and figures, rendered in the reader's language."""
    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.app.faces import _face_engine_compare
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.settings import Settings
    from kyc_desk.sync.face_checks import EngineFaceChecker
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.records import RecordsView
    from kyc_desk.verify.report import Check, Verdict
    from tests.records.conftest import full_verification, photo_bytes

    app = application()
    install_language(app, "ja")
    chip, live = photo_bytes("obama.jpg"), photo_bytes("obama2.jpg")
    at_desk = _face_engine_compare(chip, live)
    check, imported = EngineFaceChecker._match(chip, live)
    folder = Path(tempfile.mkdtemp(prefix="kyc-desk-shot-store-"))
    store, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase="shot",
                                          scrypt=ScryptParams(n=2**10))
    store.save_verification(full_verification(face_results=(at_desk,), document_type="mynumber"),  # type: ignore[arg-type]
                            actor="shot")
    remote = store.save_verification(
        full_verification(face_results=(imported,), external_id="sync:shot", document_type="mynumber",
                          report=(Check("submission.envelope", Verdict.VALID, "submission.decrypted"), check,
                                  Check("submission.text_unsigned", Verdict.NOT_VERIFIABLE,
                                        "submission.text_unsigned"))),
        actor="shot",
    )
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "司法書士 山田", None)
    window = build_window(Settings(), services=services)
    window.resize(1400, 900)
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    view.show_record(store.get(remote.id))

    def to_checks() -> None:  # scroll the record to its checks and face results
        _settle(app, 500)
        bar = view.detail.verticalScrollBar()
        bar.setValue(bar.maximum())
        _settle(app, 300)

    to_checks()
    window.grab().save(str(OUT / "12-records-neutral-ja.png"))
    install_language(app, "en")  # the interface switches: the opened record is rendered again, in English
    to_checks()
    window.grab().save(str(OUT / "12-records-neutral-en.png"))
    window.close()
    store.close()


def shot_records_words() -> None:
    """The records view in words (issue 15): a ヘ record of a My Number card without a birth date, and a
    face-to-face one, in Japanese and in English — labels, 和暦 dates, the summary, no internal ids."""
    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.records import RecordsView
    from tests.records.conftest import full_verification
    from tests.ui.test_records_words import words_verification

    app = application()
    install_language(app, "ja")
    folder = Path(tempfile.mkdtemp(prefix="kyc-desk-shot-store-"))
    store, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase="shot",
                                          scrypt=ScryptParams(n=2**10))
    store.save_verification(full_verification(document_type="mynumber"), actor="shot")
    remote = store.save_verification(words_verification(), actor="shot")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "司法書士 山田", None)
    window = build_window(Settings(), services=services)
    window.resize(1400, 900)
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    view.refresh()
    _wait(lambda: view.table.rowCount() == 2)
    view.show_record(store.get(remote.id))
    for lang, top, bottom in (("ja", "13-records-words-ja.png", "13-records-words-checks-ja.png"),
                              ("en", "13-records-words-en.png", "13-records-words-checks-en.png")):
        install_language(app, lang)  # the list and the opened record are rendered again in this language
        view.refresh()
        _wait(lambda: view.table.rowCount() == 2 and "…" not in view.status.text() and "..." not in view.status.text())
        _settle(app, 300)
        view.detail.verticalScrollBar().setValue(0)
        _settle(app, 300)
        window.grab().save(str(OUT / top))
        bar = view.detail.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)
        _settle(app, 300)
        window.grab().save(str(OUT / bottom))
    window.close()
    store.close()


def shot_methods(size: tuple[int, int] = (1400, 900), folder: Path | None = None) -> None:
    """The client step with a company and its representative, each method's form, the high-risk group, and
    the decision with its gaps — the branches that need no card (the demo store, no reader)."""

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.app.desk_methods import DeskMethod
    from kyc_desk.settings import Operator, Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.face_to_face import DECISION, METHOD, FaceToFaceView
    from kyc_desk_testkit.demo import install_demo_trust, open_demo_store
    from kyc_desk_testkit.samples import sample_photo

    out = folder or OUT
    home = Path(os.environ["KYC_DESK_HOME"])
    os.environ["KYC_DESK_TRUST_DIR"] = str(home / "trust")
    install_demo_trust(home / "trust")
    app = application()
    install_language(app, "ja")
    records = RecordsService(open_demo_store)
    operators = (Operator("司法書士 山田"), Operator("補助者 佐藤", "assistant"))
    caseload = CaseloadService(records.store, operators=lambda: operators, actor=lambda: "司法書士 山田")
    services = DeskServices(CardService(), records, FaceService(), "司法書士 山田", caseload=caseload)
    window = build_window(Settings(), demo=True, services=services)
    window.resize(*size)
    window.show()
    flow = window.places["face_to_face"]
    assert isinstance(flow, FaceToFaceView)
    _settle(app)

    # a company through its representative, with the registry certificate as the authority
    step = flow.client_step
    step.kind_company.setChecked(True)
    step.company_name.setText("株式会社みなと不動産")
    step.company_address.setText("東京都港区芝公園四丁目2番8号")
    step.company_document_date.edit.setText("令和8年11月20日")
    step.acting_form.name.setText("港 一郎")
    step.acting_form.kana.setText("ミナト イチロウ")
    step.acting_form.birth.edit.setText("昭和43年11月23日")
    step.acting_form.address.setText("東京都港区三田一丁目1番1号")
    step.authority_date.edit.setText("令和8年11月20日")
    step.matter_title.setText("本店移転登記")
    step.matter_kind.setCurrentText("その他")
    _settle(app)
    window.grab().save(str(out / "13-client-company.png"))
    step.kind_individual.setChecked(True)
    step.role_agent.setChecked(True)
    step.person_form.name.setText("高橋 清")
    step.person_form.birth.edit.setText("昭和12年4月2日")
    step.person_form.address.setText("東京都新宿区西新宿二丁目8番1号")
    step.acting_form.name.setText("高橋 健")
    step.acting_form.birth.edit.setText("昭和45年7月7日")
    step.authority_kind.setCurrentIndex(step.authority_kind.findData("power_of_attorney"))
    _settle(app)
    pane = flow.stack.currentWidget()
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(out / "13b-client-agent.png"))

    flow.next.click()
    method = flow.method_step
    method.choose(DeskMethod.PHOTO_ID)
    method.photo_document.select("passport")
    method.photo_document.number.setText("TK1234567")
    method.photo_document.expiry.edit.setText("令和13年5月31日")
    method.photo_document.load_photo(sample_photo("obama.jpg"))
    _wait(lambda: method.photo_document.image is not None)
    method.face_by_sight.setChecked(True)
    method.photo_items.setChecked(True)
    _settle(app)
    window.grab().save(str(out / "14-method-photo-id.png"))
    method.choose(DeskMethod.TWO_DOCUMENTS)
    method.first_document.select("health_insurance")
    method.first_document.number.setText("記号12 番号345")
    method.first_document.expiry.edit.setText("令和9年11月30日")
    method.second_document.select("utility_receipt")
    method.second_document.number.setText("2026年11月分 電気料金")
    method.two_items.setChecked(True)
    _settle(app)
    window.grab().save(str(out / "15-method-two-documents.png"))
    method.choose(DeskMethod.DOCUMENTS_MAIL)
    method.mail_document.select("resident_record")
    method.mail_document.number.setText("第1234号")
    method.mail_items.setChecked(True)
    _settle(app)
    window.grab().save(str(out / "16-method-mail.png"))
    method.high_risk.setChecked(True)
    method.risk_reason.setCurrentIndex(method.risk_reason.findData("impersonation"))
    method.risk_note.setText("前回の面談時と署名の筆跡が異なる")
    method.risk_document.select("passport")
    method.risk_document.number.setText("TK7654321")
    method.risk_document.expiry.edit.setText("2030-01-31")
    method.risk_confirmed.setChecked(True)
    _settle(app)
    pane = flow.stack.currentWidget()
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(out / "17-high-risk.png"))
    method.high_risk.setChecked(False)
    method.choose(DeskMethod.PHOTO_ID)
    method.face_by_sight.setChecked(False)  # not compared: the decision asks why
    flow.next.click()
    assert flow.stack.currentIndex() == DECISION
    decision = flow.decision_step
    decision.set_gap_reason("face.match", "旅券の写真が10年前のもので、容貌の照合は困難だった")
    decision.needs_more.setChecked(True)
    decision.undecided.setChecked(True)
    decision.reason.setPlainText("運転免許証の提示を次回の面談で受ける")
    decision.recorded_by.setCurrentIndex(decision.recorded_by.findData("補助者 佐藤"))
    _settle(app)
    window.grab().save(str(out / "18-decision-split.png"))

    # reliance: the sample client picked from the search, their earlier record listed
    flow.start_over()
    step.search.insert("ヤマダ")
    _wait(lambda: step.results.count() > 0)
    step._pick(step.results.item(0))
    _wait(lambda: step.is_complete())
    flow.next.click()
    assert flow.stack.currentIndex() == METHOD
    method.choose(DeskMethod.RELIANCE)
    _wait(lambda: method.earlier.count() > 0)
    method.earlier.setCurrentRow(0)
    method.reliance_note.setText("運転免許証の提示を受け、氏名・生年月日が記録と一致")
    _settle(app)
    window.grab().save(str(out / "19-method-reliance.png"))
    flow.shutdown()
    window.close()


def shot_records_export() -> None:
    """The records view with two records selected and the export dialog for a hand-off bundle, unencrypted
    (the warning shows), at the smallest screen the desk is laid out for (1280×720)."""
    import dataclasses

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.records import RecordsView
    from tests.export.conftest import company_verification
    from tests.records.conftest import full_verification

    app = application()
    install_language(app, "ja")
    folder = Path(tempfile.mkdtemp(prefix="kyc-desk-shot-store-"))
    store, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase="shot",
                                          scrypt=ScryptParams(n=2**10))
    first = store.save_verification(full_verification(document_type="mynumber"), actor="shot")
    assert first.matter is not None
    company = dataclasses.replace(company_verification(first.matter.id), document_type="driver_licence")
    store.save_verification(company, actor="shot")
    store.save_verification(full_verification(matter=None, document_type="mynumber"), actor="shot")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "司法書士 山田", None)
    window = build_window(Settings(), services=services)
    window.resize(1264, 680)  # what a 1280×720 screen leaves inside the window frame
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    _wait(lambda: view.table.rowCount() == 3)
    view.table.selectRow(0)
    _wait(lambda: view.opened is not None)
    view.table.selectAll()
    _settle(app, 500)
    view.export_bar.bundle_button.click()
    _wait(lambda: view.export_bar.dialog is not None)
    dialog = view.export_bar.dialog
    assert dialog is not None
    dialog.destination.setText("/media/usb/引き継ぎ-2026-11.zip")
    _settle(app, 500)
    window.grab().save(str(OUT / "14-records-export.png"))
    dialog.grab().save(str(OUT / "14b-export-dialog.png"))
    dialog.encrypt.setChecked(True)
    dialog.passphrase.setText("x" * 12)
    dialog.passphrase_again.setText("x" * 12)
    _settle(app, 300)
    dialog.grab().save(str(OUT / "14c-export-dialog-encrypted.png"))
    dialog.reject()
    window.close()
    store.close()


def shot_records_caseload() -> None:
    """A ロ record opened in the records view (issue 15): documents, 転送不要郵便, the split decision and the
    matter in words; the 「返送・到達を記録…」 dialog; the record after the return (追加確認が必要)."""
    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import application, build_window
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.records import RecordsView
    from tests.ui.test_records_caseload import ro_verification

    app = application()
    install_language(app, "ja")
    folder = Path(tempfile.mkdtemp(prefix="kyc-desk-shot-store-"))
    store, _recovery = RecordStore.create(mode="passphrase", folder=folder, passphrase="shot",
                                          scrypt=ScryptParams(n=2**10))
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "司法書士 山田", None)
    assert services.caseload is not None
    saved = services.caseload.save_verification(ro_verification(services.caseload))
    window = build_window(Settings(), services=services)
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    view.refresh()
    _wait(lambda: view.table.rowCount() == 1)
    view.open_record(saved.id)
    _wait(lambda: view.opened is not None)
    view.mail_button.click()
    dialog = view.mail_dialog
    assert dialog is not None
    dialog.returned.setChecked(True)
    dialog.date.edit.setText("令和8年11月27日")
    _settle(app, 300)
    dialog.grab().save(str(OUT / "records-mail-outcome-ja.png"))
    dialog.record_button.click()
    _wait(lambda: view.opened is not None and view.opened.mailing is not None
          and view.opened.mailing.outcome is not None)
    bar = view.detail.verticalScrollBar()
    bar.setValue(bar.maximum() * 3 // 5)
    _settle(app, 300)
    window.grab().save(str(OUT / "records-caseload-ja.png"))
    window.close()
    store.close()


SHOTS: dict[str, Callable[[], None]] = {
    "shell": shot_shell,
    "flow": shot_flow,
    "clone": lambda: shot_flow("mynumber-clone", "07b-chip-clone.png"),  # the presence proof flags a copy
    "records-languages": shot_records_languages,
    "records-words": shot_records_words,
    "methods": shot_methods,
    # the small screen: 1280×720 less the window frame (tests/ui/test_fit.py)
    "methods-small": lambda: shot_methods((1264, 680), OUT / "1280x720"),
    "records-export": shot_records_export,
    "records-caseload": shot_records_caseload,
}


def main() -> int:
    global OUT
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", default=list(SHOTS))
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default docs/screenshots)")
    args = parser.parse_args()
    OUT = args.out.resolve()
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (e.g. run Xvfb :57 and DISPLAY=:57)", file=sys.stderr)
        return 2
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault("KYC_DESK_HOME", tempfile.mkdtemp(prefix="kyc-desk-shots-"))
    OUT.mkdir(parents=True, exist_ok=True)
    if len(args.names) > 1:
        # one process a shot: pyscard reads the private pcscd's socket name once per process, so a second
        # flow in the same process could not see its reader
        for name in args.names:
            command = [sys.executable, "-m", "tests.ui.screenshots", name, "--out", str(OUT)]
            home = tempfile.mkdtemp(prefix="kyc-desk-shots-")
            subprocess.run(command, check=True, env={**os.environ, "KYC_DESK_HOME": home})
        return 0
    for name in args.names:
        SHOTS[name]()
        print(f"shot {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
