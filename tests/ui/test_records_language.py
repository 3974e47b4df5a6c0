"""Stored checks and face results are neutral and rendered in the reader's language: a verification saved
face-to-face and one imported remotely show the same face metric, labelled, in Japanese and in English,
and switching the window's language re-renders the opened record."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
from kyc_desk.app.faces import _face_engine_compare
from kyc_desk.i18n import set_language
from kyc_desk.records import RecordStore, ScryptParams
from kyc_desk.records.model import FaceResult, VerificationRecord
from kyc_desk.settings import Settings
from kyc_desk.sync.face_checks import EngineFaceChecker
from kyc_desk.ui.app import build_window
from kyc_desk.ui.translation import install_language
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.verify.report import Check, Verdict
from tests.records.conftest import full_verification, photo_bytes

PASSPHRASE = "records in two languages"


@pytest.fixture
def two_records(tmp_path: Path) -> Iterator[tuple[RecordStore, VerificationRecord, VerificationRecord]]:
    """The same chip photo and live photo compared the way the window does and the way an import does."""
    chip, live = photo_bytes("obama.jpg"), photo_bytes("obama2.jpg")
    at_desk = _face_engine_compare(chip, live)  # what the window's face process returns
    assert isinstance(at_desk, FaceResult)
    check, imported = EngineFaceChecker._match(chip, live)  # what the importer stores
    assert imported is not None
    store, _recovery = RecordStore.create(mode="passphrase", folder=tmp_path / "store", passphrase=PASSPHRASE,
                                          scrypt=ScryptParams(n=2**10))
    window_record = store.save_verification(full_verification(face_results=(at_desk,)), actor="a")
    remote_record = store.save_verification(
        full_verification(face_results=(imported,), report=(Check("submission.envelope", Verdict.VALID,
                                                                  "submission.decrypted"), check),
                          external_id="sync:s-1"),
        actor="a",
    )
    yield store, window_record, remote_record
    store.close()


def _face_line(view: RecordsView, record: VerificationRecord, label: str) -> str:
    view.show_record(record)
    return next(line for line in view.detail.toPlainText().splitlines() if line.startswith(label))


def test_face_to_face_and_imported_show_the_same_metric_in_both_languages(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    two_records: tuple[RecordStore, VerificationRecord, VerificationRecord],
) -> None:
    store, window_record, remote_record = two_records
    at_desk, imported = window_record.face_results[0], remote_record.face_results[0]
    # one metric, one engine, the same figures: no distance beside a similarity any more
    assert dataclasses.astuple(at_desk) == dataclasses.astuple(imported)
    assert at_desk.metric is not None and at_desk.metric.value == "distance"

    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    set_language("ja")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "テスト", None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    translator = None
    try:
        ja_desk, ja_remote = _face_line(view, window_record, "顔照合:"), _face_line(view, remote_record, "顔照合:")
        assert ja_desk == ja_remote
        assert f"距離 {at_desk.value:.3f}" in ja_desk and "判定しきい値 0.600" in ja_desk
        assert "小さいほど類似" in ja_desk and "dlib-resnet-v1" in ja_desk
        assert "事務所鍵で復号・認証済み" in view.detail.toPlainText()  # the remote record is open

        # switching the language re-renders the opened record (the remote one) in English
        app = QApplication.instance()
        assert app is not None
        translator = install_language(app, "en")
        qtbot.waitUntil(lambda: "Face match:" in view.detail.toPlainText(), timeout=10000)
        text = view.detail.toPlainText()
        assert "decrypted and authenticated with the office key" in text and "事務所鍵" not in text
        en_remote = next(line for line in text.splitlines() if line.startswith("Face match:"))
        en_desk = _face_line(view, window_record, "Face match:")
        assert en_desk == en_remote
        assert f"distance {at_desk.value:.3f}" in en_desk and "decision threshold 0.600" in en_desk
        assert "lower is more alike" in en_desk
    finally:
        if translator is not None:
            QApplication.instance().removeTranslator(translator)  # type: ignore[union-attr]
        set_language(None)
        window.close()

    with store.engine.connect() as conn:  # what was stored holds no sentence in any language
        sql = conn.exec_driver_sql
        assert sql("SELECT COUNT(*) FROM report_checks WHERE detail IS NOT NULL").scalar() == 0
        assert sql("SELECT COUNT(*) FROM face_results WHERE detail IS NOT NULL").scalar() == 0
        assert sql("SELECT reason FROM report_checks WHERE name = 'face.match'").scalar() == "face.compared"
