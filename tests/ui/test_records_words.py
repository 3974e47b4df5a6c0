"""The records view shows people words, not stored codes: a remote ヘ record of a My Number card with no
birth date entered renders its document, method, status, events, checks, items and evidence as labels,
dates in 和暦 with the Western year, 未入力 for the birth date, the checks ヘ cannot make left out (and
said to be), a chip without furigana as 照合対象外 — in Japanese, and again in English when the interface
switches. Fails if any internal id (a dotted check name, a snake_case code, a media type) leaks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
from kyc_desk.i18n import set_language
from kyc_desk.records import RecordStore, ScryptParams
from kyc_desk.records.legal import Event, Method
from kyc_desk.records.model import (
    EvidenceItem,
    EvidenceKind,
    ItemCheck,
    ItemResult,
    Matter,
    NewVerification,
    Person,
    VerificationRecord,
)
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.translation import install_language
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.verify.report import Check, Verdict
from tests.records.conftest import full_verification, photo_bytes

#: What must never reach a reader: dotted or snake_case ids, ISO moments, media types, bytes.
LEAKS = re.compile(r"\b[a-z]+(?:[._][a-z0-9]+)+\b|\d{4}-\d{2}-\d{2}|\bbytes\b|image/|application/")
#: 2026-12-05T20:45 UTC is 6 December in Japan.
RECEIVED = dt.datetime(2026, 12, 5, 20, 45, 53, tzinfo=dt.UTC)


def he_report() -> tuple[Check, ...]:
    """What the importer stores for a ヘ submission of a My Number card (no EF 0003, no signature certificate)."""
    v = Verdict
    return (
        Check("submission.envelope", v.VALID, "submission.decrypted"),
        Check("surface.certificate", v.VALID, "cvc.trusted_issuer"),
        Check("surface.signature", v.VALID, "signature.certified_key"),
        Check("surface.presence", v.VALID, "presence.proven"),
        Check("text.certificate", v.VALID, "cvc.trusted_issuer"),
        Check("text.signature", v.NOT_PRESENT, "text.not_read"),
        Check("jpki.auth_certificate", v.VALID, "jpki.chain_valid"),
        Check("jpki.sign_certificate", v.NOT_PRESENT, "jpki.sign_certificate_not_read"),
        Check("jpki.revocation", v.NOT_PRESENT, "revocation.certificate_unverified"),
        Check("jpki.challenge", v.NOT_PRESENT, "jpki.no_challenge"),
        Check("cross.name", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.birth_date", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.sex", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("cross.address", v.NOT_PRESENT, "cross.too_few_sources"),
        Check("submission.text_unsigned", v.NOT_VERIFIABLE, "submission.text_unsigned"),
    )


def words_verification() -> NewVerification:
    """A ヘ record of a My Number card whose client gave no birth date."""
    return full_verification(
        client=Person("山田 太郎", name_kana="ヤマダ タロウ", address="東京都千代田区霞が関一丁目1番1号"),
        method=Method.HE,
        events={Event.IMAGE_RECEIVED: RECEIVED, Event.CHIP_RECEIVED: RECEIVED},
        document_type="mynumber",
        document_number=None,
        evidence=(
            EvidenceItem(EvidenceKind.CHIP_PHOTO, "image/jpeg", photo_bytes("obama.jpg"), RECEIVED, "photo"),
            EvidenceItem(EvidenceKind.FACE_PHOTO, "image/jpeg", photo_bytes("obama2.jpg"), RECEIVED, "selfie/000"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(1914), RECEIVED,
                         "chip/mynumber/surface/0002"),
            EvidenceItem(EvidenceKind.CHIP_DATA, "application/octet-stream", bytes(568), RECEIVED,
                         "chip/mynumber/surface/0004"),
        ),
        item_checks=(
            ItemCheck("name", ItemResult.MATCH, "source:ic_chip", "山田　太郎", "山田 太郎"),
            ItemCheck("name_kana", ItemResult.NOT_CHECKED, "source:ic_chip", stated_value="ヤマダ タロウ",
                      note_reason="item.not_on_document"),
        ),
        report=he_report(),
        matter=Matter("自宅の売買による所有権移転登記", "不動産売買", dt.date(2026, 11, 1)),  # as the window types it
        external_id="sync:words",
    )


@pytest.fixture
def opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[RecordsView, VerificationRecord]]:
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    store, _recovery = RecordStore.create(mode="passphrase", folder=tmp_path / "store", passphrase="words",
                                          scrypt=ScryptParams(n=2**10))
    record = store.save_verification(words_verification(), actor="a")
    set_language("ja")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "テスト", None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    try:
        yield view, record
    finally:
        set_language(None)
        window.close()
        store.close()


def test_a_record_reads_in_words_in_both_languages(qtbot: QtBot,
                                                   opened: tuple[RecordsView, VerificationRecord]) -> None:
    view, record = opened
    view.show_record(record)
    text = view.detail.toPlainText()
    assert not LEAKS.search(text), LEAKS.search(text)
    assert "令和8年12月6日（2026年）" in text  # the day it was received in Japan
    assert "画像情報の送信を受けた日\n令和8年12月6日（2026年） 05:45" in text
    assert "生年月日\n未入力" in text
    assert "個人番号カード" in text and "ヘ 非対面・ICチップ情報＋容貌画像" in text and "判断済み" in text
    assert "確認できたこと: 提出データの暗号化封筒、券面事項確認APの証明書" in text
    assert "要確認: ICチップの署名対象外の文字情報（検証不可）" in text
    assert "データなし" not in text and "件中" not in text  # ヘ cannot make them: left out, and said to be
    assert "この確認方法・書類では行わない確認（8件）は表示していません。" in text
    assert "生年月日の一致" not in text  # ヘ compares nothing across sources: left out, not "データなし"
    assert "フリガナ\n照合対象外" in text and "不一致" not in text
    assert "ICチップの読取データ 2件（計 2.5 KB、読み取ったまま保存）" in text

    app = QApplication.instance()
    assert app is not None
    translator = install_language(app, "en")  # the opened record is rendered again, in English
    try:
        qtbot.waitUntil(lambda: "Confirmed:" in view.detail.toPlainText(), timeout=10000)
        text = view.detail.toPlainText()
        assert not LEAKS.search(text), LEAKS.search(text)
        assert "6 Dec 2026 (Reiwa 8) 05:45 JST" in text and "Not entered" in text
        assert "My Number card" in text and "ヘ: remote, IC chip data + photo of the person" in text
        assert "8 checks this method does not make with this document are not listed." in text
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        install_language(app, "ja")


def test_the_list_shows_era_dates_and_document_names(qtbot: QtBot,
                                                      opened: tuple[RecordsView, VerificationRecord]) -> None:
    view, record = opened
    view.refresh()
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=20000)
    row = [view.table.item(0, column).text() for column in range(view.table.columnCount())]
    assert row == [
        str(record.id), "令和8年12月6日（2026年）", "山田 太郎", "個人番号カード", "確認済み・受任する", "事件継続中"
    ]
    app = QApplication.instance()
    assert app is not None
    translator = install_language(app, "en")  # the list is rendered again in the new language
    try:
        qtbot.waitUntil(lambda: view.table.item(0, 3).text() == "My Number card", timeout=10000)
        assert view.table.item(0, 1).text() == "6 Dec 2026 (Reiwa 8)"
        assert view.table.horizontalHeaderItem(1).text() == "Verified on"
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        install_language(app, "ja")
