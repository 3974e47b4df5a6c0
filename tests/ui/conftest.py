"""Fixtures for the window's tests: a fresh settings file per test and the window built as the app does."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
from kyc_desk.i18n import set_language
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.main_window import DeskWindow
from kyc_desk.ui.views.face_to_face import FaceToFaceView


@pytest.fixture
def desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private KYC_DESK_HOME for one test (settings, data and logs start empty)."""
    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture(autouse=True)
def desk_switch_interval() -> Iterator[None]:
    """The interpreter switch interval the desk sets in :func:`kyc_desk.ui.app.application` (the tests'
    QApplication comes from pytest-qt, not from the desk)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    yield
    sys.setswitchinterval(before)


@pytest.fixture
def japanese() -> Iterator[None]:
    """The interface language is Japanese for the test and reset afterwards."""
    set_language("ja")
    yield
    set_language(None)


OPERATOR = "テスト司法書士"


@dataclass
class Desk:
    window: DeskWindow
    flow: FaceToFaceView
    services: DeskServices


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese: None) -> Iterator[Desk]:
    """The window as the demo builds it: real services, demo store and trust in a private home."""
    from kyc_desk_testkit.demo import demo_camera, install_demo_trust, open_demo_store

    monkeypatch.setenv("KYC_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KYC_DESK_TRUST_DIR", str(tmp_path / "trust"))
    install_demo_trust(tmp_path / "trust")
    services = DeskServices(
        cards=CardService(),
        records=RecordsService(open_demo_store),
        faces=FaceService(),
        operator=OPERATOR,
        camera=demo_camera(),
    )
    window = build_window(Settings(), services=services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    flow = window.places["face_to_face"]
    assert isinstance(flow, FaceToFaceView)
    yield Desk(window, flow, services)
    flow.shutdown()
    services.records.close()
