"""The records view shows a caseload record in words and records a mailing's outcome.

A ロ record (a 健康保険証 shown, the transaction documents sent by 転送不要郵便) saved through the
CaseloadService opens with its documents (purpose, number, dates in 和暦), the mailing still unanswered,
本人確認の結果 with each gap reason and 受任の判断 apart from it, and the matter with its parties. Then the
scrivener records the return through 「返送・到達を記録…」: the store runs on the task pool, and the record
shows 返送された with its day and 追加確認が必要. A reliance record and a high-risk one read in words too,
and a reliance's link opens the earlier record. Fails if any internal id leaks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
from kyc_desk.app.caseload import CaseloadService
from kyc_desk.i18n import set_language
from kyc_desk.records import RecordStore, ScryptParams
from kyc_desk.records.decision import BY_EYE_ENGINE
from kyc_desk.records.legal import Event, Method
from kyc_desk.records.model import (
    DocumentEntry,
    DocumentPurpose,
    Engagement,
    EngagementDecision,
    FaceKind,
    FaceResult,
    FaceVerdict,
    GapReason,
    HighRisk,
    IdentityConclusion,
    IdentityResult,
    Mailing,
    MatchBasis,
    Matter,
    NewVerification,
    Person,
    Reliance,
    RiskReason,
)
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.translation import install_language
from kyc_desk.ui.views.records import RecordsView

JST = dt.timezone(dt.timedelta(hours=9))
SHOWN = dt.datetime(2026, 11, 20, 10, 30, tzinfo=JST)
MAILED = dt.datetime(2026, 11, 20, 15, 0, tzinfo=JST)
DECIDED = SHOWN + dt.timedelta(minutes=20)
SCRIVENER, ASSISTANT = "司法書士 山田", "補助者 佐藤"
#: What must never reach a reader: dotted or snake_case ids, ISO dates.
LEAKS = re.compile(r"\b[a-z]+(?:[._][a-z0-9]+)+\b|\d{4}-\d{2}-\d{2}")


def _decided(caseload: CaseloadService, new: NewVerification, note: str | None = None) -> NewVerification:
    """``new`` confirmed and accepted, with a reason for each gap the decision step would ask about."""
    reasons = tuple(GapReason(gap, "書類の原本で確認した") for gap in caseload.gaps_for(new))
    return dataclasses.replace(
        new,
        identity=IdentityConclusion(IdentityResult.CONFIRMED, SCRIVENER, DECIDED, reasons, note),
        engagement=EngagementDecision(Engagement.ACCEPTED, SCRIVENER, DECIDED),
    )


def ro_verification(caseload: CaseloadService) -> NewVerification:
    return _decided(caseload, NewVerification(
        client=Person("山田 花子", name_kana="ヤマダ ハナコ", birth_date=dt.date(1975, 4, 3),
                      address="東京都新宿区西新宿2-8-1"),
        method=Method.RO,
        events={Event.PRESENTED: SHOWN},
        document_type="",
        documents=(DocumentEntry("health_insurance", number="記号12 番号345", issued_on=dt.date(2024, 4, 1),
                                 expires_on=dt.date(2030, 3, 31)),),
        mailing=Mailing(MAILED, tracking_number="1234-5678-9012", address="東京都新宿区西新宿2-8-1"),
        checked_by=SCRIVENER,
        recorded_by=ASSISTANT,
        matter=Matter("自宅の売買による所有権移転登記", "real_estate_sale", dt.date(2026, 11, 1)),
    ), note="写真なし書類と郵便で確認")


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[RecordsView, DeskServices]]:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))  # no operators listed: any name is taken
    store, _recovery = RecordStore.create(mode="passphrase", folder=tmp_path / "store", passphrase="caseload",
                                          scrypt=ScryptParams(n=2**10))
    set_language("ja")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), SCRIVENER, None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    try:
        yield view, services
    finally:
        set_language(None)
        window.close()
        store.close()


def test_a_mailing_record_reads_in_words_and_its_return_is_recorded(
    qtbot: QtBot, desk: tuple[RecordsView, DeskServices]
) -> None:
    view, services = desk
    caseload = services.caseload
    assert caseload is not None
    saved = caseload.save_verification(ro_verification(caseload))
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=20000)
    assert view.table.item(0, 4).text() == "確認済み・受任する"  # the split decision
    view.open_record(saved.id)
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == saved.id, timeout=20000)
    text = view.detail.toPlainText()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "確認方法\nロ 対面・写真なし書類の提示＋転送不要郵便" in text
    assert "本人確認書類\n健康保険の資格確認書・被保険者証\n記号12 番号345" in text
    assert "令和6年4月1日（2024年）" in text and "令和12年3月31日（2030年）" in text
    assert "発送日時\n令和8年11月20日（2026年） 15:00" in text
    assert "1234-5678-9012" in text and "未記録" in text
    assert "本人確認の結果\n確認済み — 司法書士 山田 令和8年11月20日（2026年） 10:50\n写真なし書類と郵便で確認" in text
    assert "受任の判断\n受任する — 司法書士 山田" in text
    assert "件名\n自宅の売買による所有権移転登記" in text and "不動産売買" in text
    assert "山田 花子（依頼者）" in text
    assert "受任可" not in text  # the old single decision is not shown beside the split one
    assert view.mail_button.isVisible() and view.mail_button.text() == "返送・到達を記録…"

    view.mail_button.click()
    dialog = view.mail_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert not dialog.record_button.isEnabled()  # neither outcome chosen yet
    dialog.returned.setChecked(True)
    dialog.date.edit.setText("2026-11-19")  # before the mailing: refused in the dialog
    assert not dialog.record_button.isEnabled() and "発送日より前" in dialog.problem.text()
    dialog.date.edit.setText("令和8年11月27日")
    assert dialog.record_button.isEnabled()
    dialog.record_button.click()

    def returned() -> bool:
        opened = view.opened
        return opened is not None and opened.mailing is not None and opened.mailing.outcome is not None

    qtbot.waitUntil(returned, timeout=20000)
    text = view.detail.toPlainText()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "結果\n返送された — 令和8年11月27日（2026年）" in text
    assert "本人確認の結果\n追加確認が必要" in text
    assert "転送不要郵便の返送 — 転送不要郵便が返送された" in text  # the gap the return added, in words
    assert "受任の判断\n保留" in text
    assert view.status.text() == "転送不要郵便の結果を記録しました。"
    assert view.table.item(0, 4).text() == "追加確認が必要・保留"  # the list follows the return
    stored = caseload.get(saved.id)
    assert stored.identity is not None and stored.identity.result is IdentityResult.NEEDS_MORE
    assert stored.mailing is not None and stored.mailing.outcome_on == dt.date(2026, 11, 27)


def test_reliance_and_high_risk_read_in_words(qtbot: QtBot, desk: tuple[RecordsView, DeskServices]) -> None:
    view, services = desk
    caseload = services.caseload
    assert caseload is not None
    person = Person("鈴木 一郎", name_kana="スズキ イチロウ", birth_date=dt.date(1960, 1, 15),
                    address="大阪府大阪市北区1-1")
    by_eye = FaceResult(FaceKind.MATCH, BY_EYE_ENGINE, FaceVerdict.PASS)
    earlier = caseload.save_verification(_decided(caseload, NewVerification(
        client=person, method=Method.I, events={Event.PRESENTED: SHOWN}, document_type="",
        documents=(DocumentEntry("passport", number="TK1234567", expires_on=dt.date(2031, 5, 1)),
                   DocumentEntry("resident_record", DocumentPurpose.ADDITIONAL, issued_on=dt.date(2026, 11, 10))),
        face_results=(by_eye,), high_risk=HighRisk((RiskReason.FOREIGN_PEP,), "外国の元閣僚"),
        checked_by=SCRIVENER, recorded_by=ASSISTANT,
    )))
    later = SHOWN + dt.timedelta(days=3)
    relying = caseload.save_verification(_decided(caseload, NewVerification(
        client=earlier.client.id, method=Method.RELIANCE, events={Event.MATCHED: later}, document_type="",
        reliance=Reliance(earlier.id, MatchBasis.KNOWN_IN_PERSON, "前回の面談で面識あり"),
        checked_by=SCRIVENER, recorded_by=ASSISTANT,
    )))
    view.open_record(relying.id)
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == relying.id, timeout=20000)
    text = view.detail.toPlainText()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert f"記録 {earlier.id} 記録 {earlier.id} を開く" in text
    assert "本人との照合の方法\n面識がある" in text and "前回の面談で面識あり" in text
    assert not view.mail_button.isVisible()  # nothing was mailed

    view.detail.anchorClicked.emit(QUrl(f"record:{earlier.id}"))  # the link, as a click sends it
    qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == earlier.id, timeout=20000)
    text = view.detail.toPlainText()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "高リスク取引（犯収法4条2項）" in text
    assert "外国の重要な公的地位にある者（外国PEPs）" in text and "外国の元閣僚" in text
    assert "追加で確認した書類\n住民票の写し" in text
    assert "追加の本人確認書類（法4条2項）\n住民票の写し\n\n令和8年11月10日（2026年）" in text
    assert "本人確認書類\n旅券（パスポート）\nTK1234567" in text
    assert "顔照合: 同一人物の可能性が高い — 目視で照合" in text

    app = QApplication.instance()
    assert app is not None
    translator = install_language(app, "en")  # the opened record is rendered again, in English
    try:
        qtbot.waitUntil(lambda: "Identity verification result" in view.detail.toPlainText(), timeout=10000)
        text = view.detail.toPlainText()
        assert not LEAKS.search(text), LEAKS.search(text)
        assert "High-risk transaction (Act Art. 4(2))" in text and "Foreign politically exposed person" in text
        assert "Additional document (high-risk transaction)" in text and "Engagement decision\nAccepted" in text
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        install_language(app, "ja")
