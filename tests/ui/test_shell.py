"""The window's shell: places, Japanese by default, English through Qt's translator, the language switch,
the About dialog, and the real ``kyc-desk`` start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget, QTextBrowser
from pytestqt.qtbot import QtBot

from kyc_desk import __version__
from kyc_desk.settings import Settings, load_settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.licences import COMPONENTS
from kyc_desk.ui.translation import install_language

ROOT = Path(__file__).resolve().parents[2]


def test_places_present_in_japanese(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    window = build_window(Settings())
    qtbot.addWidget(window)
    tabs = window.findChild(QTabWidget, "places")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["対面確認", "リモート申請", "記録", "案件"]
    assert set(window.places) == {"face_to_face", "remote", "records", "matters"}
    assert window.windowTitle() == "本人確認デスク"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "表示(&V)", "ヘルプ(&H)"]


def test_keyboard_switches_places(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    window = build_window(Settings())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    tabs = window.findChild(QTabWidget, "places")
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 3
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0


def test_english_through_qt_translator(qtbot: QtBot, qapp: QApplication, desk_home: Path) -> None:
    translator = install_language(qapp, "en")
    try:
        window = build_window(Settings(language="en"))
        qtbot.addWidget(window)
        tabs = window.findChild(QTabWidget, "places")
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["Face to face", "Remote submissions", "Records",
                                                                     "Matters"]
        assert window.windowTitle() == "KYC Desk"
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Help"]
    finally:
        assert translator is not None
        qapp.removeTranslator(translator)
        install_language(qapp, "ja")


def test_language_switch_is_saved_and_announced(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    window = build_window(Settings())
    qtbot.addWidget(window)
    assert window.language_actions["ja"].isChecked()
    window.language_actions["en"].trigger()
    assert load_settings().language == "en"
    assert window.language_actions["en"].isChecked()
    assert not window.banner.isHidden()
    assert "next start" in window.banner.text()
    assert "次回の起動" in window.banner.text()
    window.language_actions["ja"].trigger()
    assert load_settings().language == "ja"


def test_about_dialog_shows_version_and_licences(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    window = build_window(Settings())
    qtbot.addWidget(window)
    dialog = window.show_about()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.findChild(QLabel, "about_version").text()
    text = dialog.findChild(QTextBrowser, "about_licences").toPlainText()
    for item in COMPONENTS:
        assert item.licence in text
    assert "CC0" in text and "Apache License 2.0" in text and "IPAフォントライセンスv1.0" in text
    assert "商用利用" in text  # the 68-point landmark caution is spelled out
    dialog.accept()


def _metadata_licence(distribution: str) -> str:
    meta = metadata.metadata(distribution)
    return " ".join([meta.get("License") or "", *(meta.get_all("Classifier") or [])])


def test_licence_table_matches_installed_packages() -> None:
    by_dist = {c.distribution: c for c in COMPONENTS if c.distribution}
    assert "Boost" in _metadata_licence("dlib-bin") and "Boost" in by_dist["dlib-bin"].licence
    assert _metadata_licence("PySide6_Essentials").startswith(by_dist["PySide6_Essentials"].licence)
    mediapipe_licence = metadata.distribution("mediapipe").read_text("LICENSE") or ""
    assert "Apache License" in mediapipe_licence and "Version 2.0" in mediapipe_licence
    models = metadata.distribution("face_recognition_models")
    licence_files = [f for f in models.files or [] if "LICENSE" in f.name.upper()]
    assert any("CC0 1.0 Universal" in f.read_text() for f in licence_files)
    copyright_file = Path("/usr/share/doc/fonts-ipaexfont-gothic/copyright")
    if copyright_file.is_file():
        assert "IPAフォントライセンスv1.0" in copyright_file.read_text(encoding="utf-8")


def test_translation_file_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "i18n" / "update.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_kyc_desk_command_opens_the_window(tmp_path: Path) -> None:
    """`kyc-desk` with no arguments starts the window; the start-up marker proves it painted."""
    marker = tmp_path / "started"
    env = {
        **os.environ,
        "KYC_DESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "KYC_DESK_STARTUP_MARKER": str(marker),
        "KYC_DESK_EXIT_AFTER_START": "1",
    }
    config = tmp_path / "home" / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    before = time.time()
    result = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert float(marker.read_text(encoding="ascii")) >= before
    saved = json.loads((config / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en" and saved["window_placement"]["screens"]


@pytest.mark.parametrize("content", ["{broken"])
def test_damaged_settings_do_not_stop_the_window(tmp_path: Path, content: str) -> None:
    marker = tmp_path / "started"
    config = tmp_path / "home" / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(content, encoding="utf-8")
    env = {
        **os.environ,
        "KYC_DESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "KYC_DESK_STARTUP_MARKER": str(marker),
        "KYC_DESK_EXIT_AFTER_START": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "kyc_desk.cli.main"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    assert marker.is_file()
    assert "設定ファイル" in result.stderr and "Traceback" not in result.stderr


def test_window_start_loads_no_heavy_library(tmp_path: Path) -> None:
    """Cold start stays fast: pyscard, SQLAlchemy, dlib, mediapipe, OpenCV and the certificate stack load
    only when first used."""
    script = (
        "import sys\n"
        "from kyc_desk.ui.app import application, build_window\n"
        "from kyc_desk.settings import Settings\n"
        "app = application()\n"
        "window = build_window(Settings())\n"
        "window.show()\n"
        "app.processEvents()\n"
        "heavy = ('smartcard', 'sqlalchemy', 'sqlcipher3', 'dlib', 'mediapipe', 'cv2', 'face_recognition',\n"
        "         'cryptography.x509', 'asn1crypto')\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    env = {**os.environ, "KYC_DESK_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_operator_name_is_asked_saved_and_used(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener

    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "os-user", None)
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    assert "os-user" in window.operator_label.text()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            dialog.setTextValue("司法書士 山本 花子")
            dialog.accept()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    window.ask_operator()
    assert load_settings().operator == "司法書士 山本 花子"
    assert services.operator == "司法書士 山本 花子"
    assert "司法書士 山本 花子" in window.operator_label.text()


def test_office_settings_are_saved(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    """ファイル → 事務所情報の設定: name, address and signing labels reach the settings file (which the PDF
    export and `export pdf --sign` read; the mails' sender is tests/ui/test_remote.py and test_matters.py)."""
    from PySide6.QtGui import QAction

    from kyc_desk.ui.dialogs.office_settings import OfficeSettingsDialog

    window = build_window(Settings(operator="司法書士 山田"))
    qtbot.addWidget(window)
    action = window.findChild(QAction, "office_settings")
    assert action is not None and action.text().startswith("事務所情報の設定")
    action.trigger()
    dialog = window.findChild(OfficeSettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.office_name.setText("  山田司法書士事務所 ")
    dialog.office_address.setText("東京都千代田区霞が関1-1-1")
    dialog.signing_module.setText("/usr/lib/softhsm/libsofthsm2.so")
    dialog.signing_token.setText("scrivener")
    dialog.signing_key.setText("sign")
    dialog.accept()
    saved = load_settings()
    assert (saved.office_name, saved.office_address) == ("山田司法書士事務所", "東京都千代田区霞が関1-1-1")
    assert (saved.signing_module, saved.signing_token, saved.signing_key) == (
        "/usr/lib/softhsm/libsofthsm2.so", "scrivener", "sign")
    assert saved.operator == "司法書士 山田"  # the other settings are kept
    assert window.settings.office_name == "山田司法書士事務所"

    window.show_office_settings().reject()  # cancelled: nothing changes
    assert load_settings() == saved
