"""Exports from the window: the records view's buttons, the export dialog, progress, the result on disk.

Real SQLCipher store (key file mode, in a private home), real files; no card needed.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.dialogs.export_dialog import ExportDialog
from kyc_desk.ui.main_window import DeskWindow
from kyc_desk.ui.views.records import RecordsView
from tests.export.conftest import company_verification
from tests.records.conftest import full_verification

OPERATOR = "司法書士 山田"


@pytest.fixture
def records_view(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese: None
) -> Iterator[RecordsView]:
    from kyc_desk.records import RecordStore

    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    store, _recovery = RecordStore.create(mode="keyfile")
    first = store.save_verification(full_verification(), actor="t")
    assert first.matter is not None
    store.save_verification(company_verification(first.matter.id), actor="t")
    store.save_verification(full_verification(matter=None), actor="t")
    store.close()
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), OPERATOR, None)
    window: DeskWindow = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    window.show()
    view = window.places["records"]
    assert isinstance(view, RecordsView)
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.table.rowCount() == 3, timeout=30000)
    yield view
    view._tasks.wait()
    services.records.close()


def _dialog(qtbot: QtBot, view: RecordsView) -> ExportDialog:
    qtbot.waitUntil(lambda: view.export_bar.dialog is not None and view.export_bar.dialog.isVisible())
    dialog = view.export_bar.dialog
    assert dialog is not None
    return dialog


def test_csv_of_the_selected_records_from_the_window(qtbot: QtBot, records_view: RecordsView, tmp_path: Path) -> None:
    view = records_view
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.table.model().index(2, 0),
        view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows,
    )
    chosen = view.selected_ids()
    assert len(chosen) == 2
    seen: list[int] = []
    view.export_bar.progress.valueChanged.connect(seen.append)
    view.export_bar.csv_button.click()
    dialog = _dialog(qtbot, view)
    assert dialog.scope_selected.isChecked() and "2件" in dialog.scope_selected.text()
    assert dialog.warning.isVisible()  # a CSV is never encrypted: the window says what that means
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp932"))
    out = tmp_path / "selected.csv"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(view.export_bar.finished, timeout=30000) as finished:
        dialog.ok.click()
    assert "2件を書き出しました" in finished.args[0]
    assert view.status.text() == finished.args[0]
    assert 2 in seen  # progress reached the last record
    assert not view.export_bar.progress.isVisible() and view.export_bar.csv_button.isEnabled()
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("cp932"), newline="")))
    assert sorted(int(r["記録番号"]) for r in rows) == sorted(chosen)
    assert rows[0]["依頼者の氏名・名称"] in ("髙橋 﨑子", "株式会社サンプル商事")


def test_encrypted_bundle_of_the_list_then_importing_it_finds_duplicates(
    qtbot: QtBot, records_view: RecordsView, tmp_path: Path
) -> None:
    view = records_view
    view.export_bar.bundle_button.click()
    dialog = _dialog(qtbot, view)
    assert dialog.scope_listed.isChecked() and not dialog.scope_selected.isEnabled()
    assert dialog.warning.isVisible()
    dialog.encrypt.setChecked(True)
    assert not dialog.warning.isVisible()  # encrypted: no warning
    dialog.passphrase.setText("引き継ぎ用のパスフレーズ")
    dialog.passphrase_again.setText("ちがうパスフレーズです")
    out = tmp_path / "handoff.zip"
    dialog.destination.setText(str(out))
    dialog.ok.click()
    assert dialog.isVisible() and "一致しません" in dialog.problem.text()  # nothing starts
    dialog.passphrase_again.setText("引き継ぎ用のパスフレーズ")
    with qtbot.waitSignal(view.export_bar.finished, timeout=30000) as finished:
        dialog.ok.click()
    assert "3件を書き出しました" in finished.args[0]
    with zipfile.ZipFile(out) as archive:
        assert all(info.flag_bits & 0x1 for info in archive.infolist())
    with qtbot.waitSignal(view.export_bar.finished, timeout=30000) as imported:
        view.export_bar.import_bundle(out, "引き継ぎ用のパスフレーズ")
    assert "0件を取り込みました（登録済みのため省略: 3件）" in imported.args[0]


def test_a_refused_export_is_said_in_the_view(qtbot: QtBot, records_view: RecordsView, tmp_path: Path) -> None:
    view = records_view
    taken = tmp_path / "taken.csv"
    taken.write_text("keep")
    view.export_bar.csv_button.click()
    dialog = _dialog(qtbot, view)
    dialog.destination.setText(str(taken))  # typed, not confirmed in the save dialog: never replaced
    with qtbot.waitSignal(view.export_bar.finished, timeout=30000) as finished:
        dialog.ok.click()
    assert "上書きしません" in finished.args[0]
    assert taken.read_text() == "keep"


def test_the_stop_button_ends_the_export_at_the_next_record(records_view: RecordsView) -> None:
    """中止 sets the flag the export checks after each record; the export then ends, leaving nothing
    (the export layer's own test shows that: tests/export/test_reading.py)."""
    from kyc_desk.export import ExportCancelled

    bar = records_view.export_bar
    progress = bar._progress_callback()
    bar._busy(True)
    assert bar.stop_button.isVisible() and not bar.csv_button.isEnabled()
    progress(1, 3)  # not stopped: the record counts
    bar.stop_button.click()
    with pytest.raises(ExportCancelled):
        progress(2, 3)
    bar._busy(False)
    assert bar._progress_callback() is not progress  # a new export starts unstopped
    bar._progress_callback()(1, 3)


def test_pdf_of_the_selected_record_from_the_window(qtbot: QtBot, records_view: RecordsView, tmp_path: Path) -> None:
    """The 本人確認記録 as a PDF from the records view: the file is written, audited, and reads as the record."""
    import subprocess

    view = records_view
    view.table.selectRow(0)
    chosen = view.selected_ids()
    assert len(chosen) == 1
    view.export_bar.pdf_button.click()
    dialog = _dialog(qtbot, view)
    assert not dialog.encrypt.isVisibleTo(dialog)  # a PDF is never encrypted; the warning says so
    assert dialog.warning.isVisible()
    out = tmp_path / "record.pdf"
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(view.export_bar.finished, timeout=60000) as finished:
        dialog.ok.click()
    assert "1件を書き出しました" in finished.args[0]
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True).stdout
    assert "本人確認記録" in text and "山田" in text
    store = view.export_bar._services.records.store()
    with store.engine.connect() as conn:
        actor, action = conn.exec_driver_sql("SELECT actor, action FROM audit_log ORDER BY seq DESC LIMIT 1").one()
    assert (actor, action) == (OPERATOR, "export_pdf")
