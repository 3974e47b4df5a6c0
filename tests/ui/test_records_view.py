"""The records view on a passphrase-protected store: the window asks for the passphrase (again, after a
wrong one), then lists and opens the saved verification. Real SQLCipher, no card needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.views.records import RecordsView

PASSPHRASE = "correct horse battery staple"


def _answer_prompts(answers: list[str], seen: list[str]) -> None:
    """Type the next answer into the passphrase prompt whenever one is open."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog) and answers:
            seen.append(dialog.labelText())
            dialog.setTextValue(answers.pop(0))
            dialog.accept()
        if answers:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_passphrase_store_asks_then_lists_and_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese: None
) -> None:
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk_testkit.demo.environment import seed_sample_client

    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    store, _recovery = RecordStore.create(mode="passphrase", passphrase=PASSPHRASE, scrypt=ScryptParams(n=2**10))
    seed_sample_client(store)
    store.close()

    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "テスト", None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []
    _answer_prompts(["wrong passphrase", PASSPHRASE], seen)
    records = window.places["records"]
    assert isinstance(records, RecordsView)
    window.tabs.setCurrentWidget(records)
    qtbot.waitUntil(lambda: records.table.rowCount() == 1, timeout=30000)
    assert len(seen) == 2 and "パスフレーズが違います" in seen[1]  # the second prompt says why
    records.table.selectRow(0)
    qtbot.waitUntil(lambda: records.opened is not None, timeout=20000)
    text = records.detail.toPlainText()
    assert "山田 太郎" in text and "運転免許証" in text
    assert "本人確認の結果\n確認済み" in text and "受任の判断\n受任する" in text  # the split decision
    assert records.opened is not None and records.opened.decision is not None
    services.records.close()
