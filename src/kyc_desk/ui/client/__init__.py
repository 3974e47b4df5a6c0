"""本人確認（提出用）— the client app ``kyc-desk client LINK`` for clients with a card reader at home.

A small window of its own (:class:`~kyc_desk.ui.client.window.ClientWindow`), built on the Qt-free
steps of :mod:`kyc_desk.app.client`; it shares the desk's secret dialog and task pool and nothing of the
desk's window, records or pull (an import-linter contract in pyproject.toml keeps it so).
docs/client-app.md is the client's guide.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kyc_desk.faces.capture import FrameSource

log = logging.getLogger(__name__)


def run_client(link: str, *, open_camera: Callable[[], FrameSource] | None = None) -> int:
    """Open the client window on ``link`` and run until it closes; returns the exit status."""
    from kyc_desk.app.client import ClientService, webcam
    from kyc_desk.i18n import current_language
    from kyc_desk.ui.client.window import ClientWindow
    from kyc_desk.ui.qapp import application
    from kyc_desk.ui.translation import install_language

    app = application()
    app.setApplicationDisplayName(app.translate("ClientWindow", "本人確認（提出用）"))
    install_language(app, current_language())
    window = ClientWindow(link, ClientService(), open_camera or webcam())
    window.show()
    window.start()
    log.info("client window shown")
    return app.exec()
