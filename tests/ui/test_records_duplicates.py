"""The records view lists the duplicate-face leads of the opened record, and a lead's link opens the other
record; the remote review lists them too (real photos: one person saved under two names)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
from kyc_desk.app.faces import _face_engine_compare
from kyc_desk.i18n import set_language
from kyc_desk.records import Person, RecordStore, ScryptParams
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.ui.views.remote import RemoteView
from kyc_desk_testkit.samples import sample_photo
from kyc_desk_testkit.softcard.portrait import card_portrait
from tests.records.conftest import full_verification, photo_bytes


def test_a_lead_is_shown_with_a_link_to_the_other_record(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _recovery = RecordStore.create(mode="passphrase", folder=tmp_path / "store", passphrase="dup leads",
                                          scrypt=ScryptParams(n=2**10))
    first = store.save_verification(full_verification(
        face_results=(_face_engine_compare(card_portrait(sample_photo("obama.jpg")), photo_bytes("obama2.jpg")),)),
        actor="a")
    alias = dataclasses.replace(
        full_verification(face_results=(_face_engine_compare(card_portrait(sample_photo("obama3.jpg")),
                                                             photo_bytes("obama.jpg")),)),
        client=Person("山本 太郎", birth_date=dt.date(1975, 5, 5)),
    )
    second = store.save_verification(alias, actor="a")

    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    set_language("ja")
    services = DeskServices(CardService(), RecordsService(lambda _p: store), FaceService(), "テスト", None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    try:
        view.open_record(second.id)
        qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == second.id and
                        "顔の重複確認" in view.detail.toPlainText(), timeout=20000)
        text = view.detail.toPlainText()
        assert "別の氏名・生年月日の記録に、よく似た顔があります" in text and f"記録 {first.id} を開く" in text
        assert "目視で確認" in text and "しきい値 0.500" in text
        assert f'href="record:{first.id}"' in view.detail.toHtml()
        view.detail.anchorClicked.emit(QUrl(f"record:{first.id}"))
        qtbot.waitUntil(lambda: view.opened is not None and view.opened.id == first.id, timeout=20000)
        qtbot.waitUntil(lambda: f"記録 {second.id} を開く" in view.detail.toPlainText(), timeout=20000)

        # the remote review shows the same leads beside a submission's checks
        remote = window.places["remote"]
        assert isinstance(remote, RemoteView)
        remote.show_record(store.get(second.id), leads=store.duplicate_leads(second.id))
        text = remote.detail.toPlainText()
        assert "顔の重複確認" in text and "別の氏名・生年月日の記録に、よく似た顔があります" in text
        assert f"記録 {first.id}" in text
    finally:
        set_language(None)
        window.close()
        store.close()
