"""記録データベースの操作 — record-store calls as pool tasks, asking for the passphrase when the store needs it.

Every view that reads or writes records goes through :class:`RecordsTasks`: the call runs on the task
pool with the open store; if the store is protected by a passphrase that was not given yet (or the one
given was wrong), the window asks for it — one prompt at a time — and runs the call again. The
passphrase goes to the records service for one opening attempt and is not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from kyc_desk.app import DeskServices, PassphraseRequired
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records.store import RecordStore


class RecordsTasks:
    """Runs ``fn(store)`` on the pool for ``parent`` (the widget the passphrase prompt belongs to)."""

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget) -> None:
        self._services = services
        self._tasks = tasks
        self._parent = parent

    def run(
        self,
        name: str,
        fn: Callable[[RecordStore], Any],
        *,
        returned: Callable[[Any], None],
        errored: Callable[[KycDeskError], None],
    ) -> None:
        records = self._services.records

        def failed(exc: KycDeskError) -> None:
            from kyc_desk.records.errors import WrongDatabaseKey

            if isinstance(exc, (PassphraseRequired, WrongDatabaseKey)) and self._ask_passphrase(exc):
                self.run(name, fn, returned=returned, errored=errored)
                return
            errored(exc)

        self._tasks.start(name, lambda: fn(records.store()), returned=returned, errored=failed)

    def _ask_passphrase(self, why: KycDeskError) -> bool:
        """Ask for the passphrase (once at a time); True if the user gave one."""
        records = self._services.records
        if records.prompting:
            return False
        records.prompting = True
        try:
            label = QCoreApplication.translate("RecordsTasks", "記録データベースのパスフレーズ:")
            if not isinstance(why, PassphraseRequired):
                label = why.user_text() + "\n" + label
            text, ok = QInputDialog.getText(
                self._parent,
                QCoreApplication.translate("RecordsTasks", "記録データベース"),
                label,
                QLineEdit.EchoMode.Password,
            )
        finally:
            records.prompting = False
        if not ok or not text:
            return False
        records.set_passphrase(text)
        return True
