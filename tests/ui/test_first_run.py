"""First run: the window offers to create the record store (keyring, or a passphrase typed twice, or a
key file only behind an explicit opt-in), then shows the recovery key once and forgets it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
from kyc_desk.records import KeyringKeySource, PassphraseKeySource, RecordStore
from kyc_desk.records.keys import RecoveryKey, RecoveryKeySource
from kyc_desk.records.store import StoreLocation
from kyc_desk.settings import Settings
from kyc_desk.ui.app import build_window
from kyc_desk.ui.dialogs.first_run import (
    MIN_PASSPHRASE_LENGTH,
    FirstRunDialog,
    RecoveryKeyDialog,
    offer_store_creation,
    passphrase_strength,
)
from kyc_desk.ui.workers.tasks import TaskRunner


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[PlaintextKeyring]:
    """keyrings.alt's file backend in a temp folder as the process keyring (not secure: the desk would
    refuse it, so the keyring-path test passes it explicitly with allow_insecure)."""
    previous = keyring.get_keyring()
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def _visible_texts() -> str:
    """Every text shown by any widget of the application right now."""
    out = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, (QLabel, QLineEdit)):
            out.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextBrowser)):
            out.append(widget.toPlainText())
    return "\n".join(out)


def _recovery_dialog(qtbot: QtBot) -> RecoveryKeyDialog:
    found: list[RecoveryKeyDialog] = []

    def shown() -> None:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, RecoveryKeyDialog) and w.isVisible()]
        assert found

    qtbot.waitUntil(shown, timeout=60000)
    return found[0]


def _read_and_close(qtbot: QtBot, dialog: RecoveryKeyDialog) -> RecoveryKey:
    text = dialog.key.toPlainText()
    recovery = RecoveryKey.parse(text)
    assert not dialog.close_button.isEnabled(), "the dialog must not close before the user confirms"
    dialog.reject()  # Escape / the close box: ignored until confirmed
    assert dialog.isVisible()
    dialog.confirm.setChecked(True)
    assert dialog.close_button.isEnabled()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.key.toPlainText() == ""
    assert text not in _visible_texts()
    return recovery


def test_keyring_path_creates_the_store_and_shows_the_recovery_key_once(
    qtbot: QtBot, desk_home: Path, file_keyring: PlaintextKeyring, japanese: None
) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = TaskRunner(parent=parent)
    source = KeyringKeySource(file_keyring, allow_insecure=True)
    created: list[bool] = []
    dialog = offer_store_creation(parent, tasks, secure_keyring=True, keyring=source,
                                  created=lambda: created.append(True))
    assert dialog.mode() == "keyring"
    assert not dialog.passphrase.isVisible()
    dialog.create_button.click()
    recovery = _read_and_close(qtbot, _recovery_dialog(qtbot))
    qtbot.waitUntil(lambda: created == [True])
    assert StoreLocation.default().exists()
    with RecordStore.open(source) as store:
        assert store.header.mode == "keyring" and store.count() == 0
    with RecordStore.open(RecoveryKeySource(recovery)) as store:  # the key shown once opens the records
        assert store.count() == 0


def test_passphrase_path_from_the_window(
    qtbot: QtBot, desk_home: Path, file_keyring: PlaintextKeyring, japanese: None
) -> None:
    """No secure keyring (the file backend is not one): the window asks for a passphrase, twice."""
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "operator", None)
    window = build_window(Settings(), services=services, first_run=True)
    qtbot.addWidget(window)
    window.show()
    found: list[FirstRunDialog] = []

    def offered() -> None:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog) and w.isVisible()]
        assert found

    qtbot.waitUntil(offered, timeout=30000)
    dialog = found[0]
    assert dialog.mode() == "passphrase"
    assert not dialog.create_button.isEnabled()
    phrase = "kawa-no-nagare-wa-taezu-2026"
    dialog.passphrase.setText(phrase[: MIN_PASSPHRASE_LENGTH - 1])
    dialog.again.setText(phrase[: MIN_PASSPHRASE_LENGTH - 1])
    assert not dialog.create_button.isEnabled() and "12" in dialog.status.text()
    dialog.passphrase.setText(phrase)
    dialog.again.setText(phrase + "x")
    assert not dialog.create_button.isEnabled() and "一致しません" in dialog.status.text()
    dialog.again.setText(phrase)
    assert dialog.create_button.isEnabled()
    assert "強い" in dialog.strength.text()
    dialog.create_button.click()
    recovery = _read_and_close(qtbot, _recovery_dialog(qtbot))
    with RecordStore.open(PassphraseKeySource(phrase)) as store:
        assert store.header.mode == "passphrase"
    with RecordStore.open(RecoveryKeySource(recovery)) as store:
        assert store.count() == 0
    # the window's record store opens with the passphrase typed at creation (handed over once)
    store = services.records.store()
    assert store.count() == 0
    services.records.close()
    assert phrase not in _visible_texts()


def test_key_file_only_behind_the_opt_in_with_a_warning(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FirstRunDialog(TaskRunner(parent=parent), secure_keyring=False, parent=parent)
    dialog.show()
    assert dialog.mode() == "passphrase" and not dialog.keyfile_warning.isVisible()
    dialog.keyfile.setChecked(True)
    assert dialog.mode() == "keyfile" and dialog.keyfile_warning.isVisible()
    assert "誰でも記録を読めます" in dialog.keyfile_warning.text()
    assert dialog.create_button.isEnabled() and not dialog.passphrase.isEnabled()


def test_no_offer_when_the_store_exists(qtbot: QtBot, desk_home: Path, japanese: None) -> None:
    store, _recovery = RecordStore.create(mode="keyfile")
    store.close()
    services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "operator", None)
    window = build_window(Settings(), services=services, first_run=True)
    qtbot.addWidget(window)
    window.show()
    runner = window.findChild(TaskRunner)
    assert runner is not None
    qtbot.waitUntil(lambda: not runner.busy, timeout=30000)  # the probe has answered
    qtbot.wait(50)
    assert window.findChild(FirstRunDialog) is None


def test_strength_hint() -> None:
    assert passphrase_strength("short") == 0
    assert passphrase_strength("alllowercase") == 1
    assert passphrase_strength("Mixed-Case-and-digits-1") == 3


def test_the_dialog_does_not_keep_its_parent_alive(
    qtbot: QtBot, desk_home: Path, file_keyring: PlaintextKeyring
) -> None:
    """Nothing the dialog holds may keep its parent alive: a slot holding the last reference to a parent
    Python owns made deleting the dialog delete the parent, which deleted the dialog again from inside
    its own destructor (a use-after-free, seen as a Bus error in CI)."""
    import gc
    import weakref

    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    tasks = TaskRunner()
    dialog = offer_store_creation(parent, tasks, secure_keyring=True,
                                  keyring=KeyringKeySource(file_keyring, allow_insecure=True))
    alive = weakref.ref(parent)
    dialog_gone = weakref.ref(dialog)
    del parent, dialog
    gc.collect()
    assert alive() is None, "a slot of the first-run dialog still holds its parent"
    assert dialog_gone() is None
