"""アプリの組み立て — the composition root: builds the window and injects everything it uses.

Only this module knows which concrete services the places get (the settings file, and in later steps
the card monitor, the records store, the face engine and the camera). Everything heavy (pyscard,
SQLAlchemy, dlib, mediapipe) is imported lazily by those services when first used, never here at start,
so the window appears within the cold-start budget (``benchmarks/bench_startup.py``).

Start-up marker: when ``KYC_DESK_STARTUP_MARKER`` names a file, the time (``time.time()``) at which the
window has been painted and the event loop has gone idle is written there; with
``KYC_DESK_EXIT_AFTER_START=1`` the app then quits. The start-up benchmark uses both.
"""

from __future__ import annotations

import functools
import getpass
import logging
import os
import sys
import time
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from kyc_desk.app import (
    CardService,
    DeskServices,
    FaceService,
    RecordsService,
    default_camera,
    default_store_opener,
)
from kyc_desk.errors import KycDeskError
from kyc_desk.settings import Settings, load_settings
from kyc_desk.ui.main_window import DeskWindow, Place
from kyc_desk.ui.qapp import application
from kyc_desk.ui.translation import install_language
from kyc_desk.ui.views.face_to_face import FaceToFaceView
from kyc_desk.ui.views.matters import MattersView
from kyc_desk.ui.views.records import RecordsView
from kyc_desk.ui.views.remote import RemoteView
from kyc_desk.ui.workers.tasks import TaskRunner

log = logging.getLogger(__name__)

MARKER_ENV = "KYC_DESK_STARTUP_MARKER"
EXIT_AFTER_START_ENV = "KYC_DESK_EXIT_AFTER_START"


def default_services(settings: Settings) -> DeskServices:
    """The real services: PC/SC cards, the desk's own record store, the face engine, the webcam."""
    return DeskServices(
        cards=CardService(),
        records=RecordsService(default_store_opener),
        faces=FaceService(),
        operator=settings.operator or getpass.getuser(),
        camera=default_camera(int(settings.camera) if settings.camera.isdigit() else 0),
    )


def build_places(services: DeskServices, tasks: TaskRunner) -> list[Place]:
    """The window's places: 対面確認 (face-to-face flow), リモート申請 (remote submissions), 記録 and 案件."""
    translate = QCoreApplication.translate
    face_to_face = FaceToFaceView(services, tasks)
    records = RecordsView(services, tasks)
    face_to_face.record_saved.connect(lambda _record: records.refresh())
    remote = RemoteView(services, tasks)
    remote.session.pulled.connect(lambda _result: records.refresh())
    QTimer.singleShot(0, remote, functools.partial(remote.activate, prompt=False))  # background pull at start
    matters = MattersView(services, tasks)
    return [
        Place("face_to_face", translate("DeskWindow", "対面確認"), face_to_face),
        Place("remote", translate("DeskWindow", "リモート申請"), remote),
        Place("records", translate("DeskWindow", "記録"), records),
        Place("matters", translate("DeskWindow", "案件"), matters),
    ]


def build_window(
    settings: Settings, *, demo: bool = False, services: DeskServices | None = None, first_run: bool = False
) -> DeskWindow:
    """Build the main window for ``settings`` (the QApplication and translator must exist).

    ``first_run``: check (on the task pool, after start-up) whether the record store exists, and offer to
    create it if not (:mod:`kyc_desk.ui.dialogs.first_run`).
    """
    services = services or default_services(settings)
    tasks = TaskRunner()
    window = DeskWindow(build_places(services, tasks), settings, demo=demo)
    tasks.setParent(window)
    records = window.places["records"]
    window.tabs.currentChanged.connect(
        lambda index: records.refresh() if window.tabs.widget(index) is records else None  # type: ignore[attr-defined]
    )
    window.destroyed.connect(services.records.close)

    def open_earlier(verification_id: int) -> None:  # a returning client's earlier record, in 記録
        window.tabs.setCurrentWidget(records)
        records.open_record(verification_id)  # type: ignore[attr-defined]

    window.places["face_to_face"].open_record_requested.connect(open_earlier)  # type: ignore[attr-defined]
    matters = window.places["matters"]
    matters.open_record_requested.connect(open_earlier)  # type: ignore[attr-defined]

    def matter_in_records(matter_id: int, title: str) -> None:  # 記録 filtered by the matter
        window.tabs.setCurrentWidget(records)
        records.filter_by_matter(matter_id, title)  # type: ignore[attr-defined]

    matters.show_in_records.connect(matter_in_records)  # type: ignore[attr-defined]
    window.tabs.currentChanged.connect(
        lambda index: matters.activate() if window.tabs.widget(index) is matters else None  # type: ignore[attr-defined]
    )
    window.show_operator(services.operator)

    def set_operator(name: str) -> None:
        services.operator = name

    window.operator_changed.connect(set_operator)
    if first_run:
        check_first_run(window, services, tasks)
    return window


def check_first_run(window: DeskWindow, services: DeskServices, tasks: TaskRunner) -> None:
    """Offer to create the record store when this desk has none (checked off the UI thread)."""

    def probe() -> tuple[bool, bool]:
        from kyc_desk.records.keys import secure_keyring_available
        from kyc_desk.records.store import store_exists

        return store_exists(), secure_keyring_available()

    def offer(found: tuple[bool, bool]) -> None:
        from kyc_desk.ui.dialogs.first_run import offer_store_creation

        exists, secure = found
        if not exists:
            records = window.places["records"]
            offer_store_creation(window, tasks, secure_keyring=secure, set_passphrase=services.records.set_passphrase,
                                 created=lambda: records.refresh())  # type: ignore[attr-defined]

    tasks.start("first run", probe, returned=offer, errored=lambda exc: window.show_banner(exc.user_text()))


class _FirstPaintWatch(QObject):
    """Writes the start-up marker once the window has painted and the event loop is idle."""

    def __init__(self, window: DeskWindow, marker: Path, exit_after: bool) -> None:
        super().__init__(window)
        self._marker, self._exit_after, self._done = marker, exit_after, False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            QTimer.singleShot(0, self._idle)  # runs once the queued paint work is finished
        return False

    def _idle(self) -> None:
        self._marker.write_text(f"{time.time():.6f}\n", encoding="ascii")
        if self._exit_after:
            QApplication.quit()


class DeskEnvironment(Protocol):
    """What a composition other than the office's own supplies (the test kit's demo mode): the services the
    places use, and a way to stop what it started. The product never imports the test kit; the demo
    entry point (``python -m kyc_desk_testkit.demo``) passes itself in."""

    def services(self, settings: Settings) -> DeskServices: ...

    def stop(self) -> None: ...


def run_desk(environment: DeskEnvironment | None = None) -> int:
    """Open the desk window and run until it closes; returns the exit status.

    With ``environment`` the window runs in demo mode on that environment's services (banner shown, no
    first-run store creation); it is stopped when the window closes.
    """
    app = application()
    try:
        settings = load_settings()
    except KycDeskError as exc:
        log.warning("settings unreadable, using defaults")
        settings = Settings()
        print(f"kyc-desk: {exc.user_text()}", file=sys.stderr)
    install_language(app, settings.language)
    demo = environment is not None
    services = environment.services(settings) if environment is not None else None
    window = build_window(settings, demo=demo, services=services, first_run=not demo)
    marker = os.environ.get(MARKER_ENV)
    if marker:
        _FirstPaintWatch(window, Path(marker), os.environ.get(EXIT_AFTER_START_ENV) == "1")
    window.show()
    log.info("window shown (demo=%s)", demo)
    try:
        return app.exec()
    finally:
        if environment is not None:
            environment.stop()
