"""Screenshots of the client app (``kyc-desk client LINK``), under Xvfb; never part of the test run.

    Xvfb :57 -screen 0 1280x720x24 &
    DISPLAY=:57 .venv/bin/python -m tests.ui.client_screenshots [--out DIR]

A real endpoint runs on loopback and a desk creates a ヘ/ワ request; the window opens its link, the software
My Number card (persona "taro") is served in memory through the client service's reader seam, and the
selfie comes from a real sample photo performing the request's actions, paced like a webcam at 15 frames/s.
Writes docs/screenshots/client-*.png: the consent page, the 照合番号B dialog over the card page, the selfie
with a prompt showing, and the end page.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPixmap

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
READER = "ACS ACR1252 Dual Reader PICC 0"


def _wait(condition: Callable[[], bool], timeout_s: float = 120.0) -> None:
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out: {_status()}")
        QTest.qWait(30)


def _status() -> str:
    """What the client window says (when a step did not come)."""
    from PySide6.QtWidgets import QApplication, QLabel

    texts = [w.text() for w in QApplication.allWidgets() if isinstance(w, QLabel) and w.objectName().endswith("status")]
    return " | ".join(t for t in texts if t)


class _PacedFrames:
    """Real frames at a webcam's pace (the image sequence itself returns at once)."""

    def __init__(self, frames: list[bytes]) -> None:
        from kyc_desk.faces.capture import ImageSequenceSource

        self._source = ImageSequenceSource(frames, fps=15.0)
        self.fps = 15.0

    def read(self) -> object:
        time.sleep(1 / 15)
        return self._source.read()

    def close(self) -> None:
        self._source.close()


def _over(window: QPixmap, dialog: QPixmap, at: QPoint) -> QPixmap:
    """The dialog over its window, with a frame, as a window manager would show it (Xvfb has none)."""
    from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

    shot = QPixmap(window)
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap(at, dialog)
    painter.setPen(QPen(QColor("#555"), 2))
    painter.drawRect(at.x() - 1, at.y() - 1, dialog.width() + 1, dialog.height() + 1)
    painter.end()
    return shot


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs (default docs/screenshots)")
    out = parser.parse_args().out.resolve()
    home = Path(tempfile.mkdtemp(prefix="kyc-client-shots-"))
    os.environ["KYC_DESK_HOME"] = str(home)
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    from kyc_desk.app.client import ClientService
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.i18n import set_language
    from kyc_desk.jp.era import format_japanese
    from kyc_desk.sync.format import Method
    from kyc_desk.sync.server import Limits, ServerConfig
    from kyc_desk.ui.client.window import ClientWindow
    from kyc_desk.ui.qapp import application
    from kyc_desk.ui.translation import install_language
    from kyc_desk_testkit.softcard.mynumber import build_mynumber_card
    from tests.sync.conftest import serve
    from tests.sync.desk_fixtures import LIVENESS, live_frames, make_desk, taro

    app = application()
    install_language(app, "ja")
    set_language("ja")
    out.mkdir(parents=True, exist_ok=True)
    soft = build_mynumber_card("taro")
    service = ClientService(open_card=lambda _reader: Card(HandlerTransport(soft.process)),
                            list_readers=lambda: [READER])  # fmt: skip
    frames = list(live_frames())

    def grab(window: object, name: str) -> None:
        app.processEvents()
        screen = QGuiApplication.primaryScreen()
        frame = window.frameGeometry()  # type: ignore[attr-defined]
        screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(out / name))
        print(out / name)

    config = ServerConfig(database_url=f"sqlite:///{home / 'endpoint.db'}", limits=Limits.off())
    with serve(config) as server:
        desk = make_desk(home, server.url, server.desk_token)
        request = desk.sync.create_request((Method.HE, Method.WA), person=taro(), liveness=LIVENESS)
        window = ClientWindow(request.link, service, lambda: _PacedFrames(frames))
        window.move(0, 0)
        window.show()
        window.start()
        _wait(lambda: window.stack.currentWidget() is window.intro)
        window.intro.methods.buttons()[0].setChecked(True)
        window.intro.consent.setChecked(True)
        grab(window, "client-consent.png")

        window.intro.next.click()
        _wait(lambda: window.card_page.readers.currentText() == READER)
        window.card_page.start.click()
        _wait(lambda: window.secret_dialog is not None)
        dialog = window.secret_dialog
        assert dialog is not None
        dialog.birth_date.insert(format_japanese(soft.code_b.birth_date))  # type: ignore[attr-defined, union-attr]
        dialog.expiry_year.insert(str(soft.code_b.expiry_year))  # type: ignore[attr-defined, union-attr]
        _wait(lambda: True, 0.3)
        _over(window.grab(), dialog.grab(), QPoint(60, 60)).save(str(out / "client-card.png"))  # no window manager
        print(out / "client-card.png")
        dialog.security_code.insert(soft.code_b.security_code)  # type: ignore[attr-defined, union-attr]
        dialog.ok.click()

        _wait(lambda: window.stack.currentWidget() is window.selfie_page)
        window.selfie_page.start.click()
        _wait(lambda: "左" in window.selfie_page.prompt.text() or "まばたき" in window.selfie_page.prompt.text())
        _wait(lambda: True, 0.4)
        grab(window, "client-selfie.png")
        _wait(lambda: window.selfie_page.next.isEnabled())
        window.selfie_page.next.click()
        window.send_page.send.click()
        _wait(lambda: window.stack.currentWidget() is window.end)
        grab(window, "client-done.png")
        window.close()
        desk.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
