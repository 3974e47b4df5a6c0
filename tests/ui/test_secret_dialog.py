"""The secret dialog: tries shown first, last try needs explicit confirmation, nothing typed survives,
照合番号B built from the printed card with the era conversion shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kyc_desk.ui.dialogs import SecretDialog


def _open(qtbot: QtBot, *args: object, **kwargs: object) -> SecretDialog:
    dialog = SecretDialog(*args, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_tries_left_shown_and_pin_masked(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "text_pin", 3, 3)
    assert "残り回数: 3回" in dialog.findChild(QLabel, "tries_left").text()
    assert "印字されていません" in dialog.findChild(QLabel, "secret_explanation").text()
    edit = dialog.findChild(QLineEdit, "secret_value")
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.findChild(QCheckBox, "confirm_last_try").isVisibleTo(dialog)
    qtbot.keyClicks(edit, "1234")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the default button reads
    answer = dialog.take_answer()
    assert answer is not None and answer.value == "1234" and not answer.confirm_last_try
    assert edit.text() == ""
    assert dialog.take_answer() is None  # taken once, not kept


def test_bad_format_is_refused_before_sending(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "text_pin", 3, 3)
    edit = dialog.findChild(QLineEdit, "secret_value")
    qtbot.keyClicks(edit, "12a")
    dialog.findChild(QPushButton, "secret_ok").click()
    assert dialog.isVisible()
    assert "送信していません" in dialog.findChild(QLabel, "secret_error").text()
    assert dialog.take_answer() is None


def test_last_try_requires_confirmation(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "pin1", 1, 3)
    label = dialog.findChild(QLabel, "tries_left").text()
    assert "残り回数: 1回" in label and "ロックされます" in label
    ok = dialog.findChild(QPushButton, "secret_ok")
    confirm = dialog.findChild(QCheckBox, "confirm_last_try")
    assert confirm.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "secret_value"), "4321")
    assert not ok.isEnabled()
    qtbot.keyClick(dialog.findChild(QLineEdit, "secret_value"), Qt.Key.Key_Return)
    assert dialog.take_answer() is None  # Enter does not bypass the confirmation
    confirm.setChecked(True)
    assert ok.isEnabled()
    ok.click()
    answer = dialog.take_answer()
    assert answer is not None and answer.confirm_last_try and answer.value == "4321"


def test_blocked_key_offers_no_entry(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "sign_pin", 0, 5)
    assert "ロックされています" in dialog.findChild(QLabel, "tries_left").text()
    assert not dialog.findChild(QPushButton, "secret_ok").isEnabled()
    assert not dialog.findChild(QLineEdit, "secret_value").isEnabled()


def test_code_b_from_printed_card_with_era_conversion(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "code_b", 10, 10)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "code_b_birth_date"), "1980-02-17")
    preview = dialog.findChild(QLabel, "era_preview").text()
    assert "昭和55年2月17日" in preview and "550217" in preview
    qtbot.keyClicks(dialog.findChild(QLineEdit, "code_b_expiry_year"), "2035")
    dialog.findChild(QLineEdit, "code_b_security_code").insert("２２８５")  # full-width, as an IME types it
    dialog.findChild(QPushButton, "secret_ok").click()
    answer = dialog.take_answer()
    assert answer is not None and answer.value == "55021720352285"  # cards.md §A.4.2 worked example
    assert all(not edit.text() for edit in dialog.fields)
    assert dialog.findChild(QLabel, "era_preview").text() == ""


@pytest.mark.parametrize(
    ("birth", "year", "code", "part"),
    [
        ("昭和55年2月30日", "2035", "2285", "生年月日"),
        ("S55.2.17", "35", "2285", "有効期限"),
        ("S55.2.17", "2035", "22", "セキュリティコード"),
    ],
)
def test_code_b_errors_name_the_part(qtbot: QtBot, japanese: None, birth: str, year: str, code: str, part: str) -> None:
    dialog = _open(qtbot, "code_b", 10, 10)
    # insert(): QTest can only type Latin-1 keys; an input method delivers kanji as one commit like this
    dialog.findChild(QLineEdit, "code_b_birth_date").insert(birth)
    dialog.findChild(QLineEdit, "code_b_expiry_year").insert(year)
    dialog.findChild(QLineEdit, "code_b_security_code").insert(code)
    dialog.findChild(QPushButton, "secret_ok").click()
    assert part in dialog.findChild(QLabel, "secret_error").text()
    assert dialog.take_answer() is None


def test_residence_card_number_has_no_counter(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "card_number", None)
    assert "制限なし" in dialog.findChild(QLabel, "tries_left").text()
    edit = dialog.findChild(QLineEdit, "secret_value")
    assert edit.echoMode() == QLineEdit.EchoMode.Normal  # copied from the printed card
    qtbot.keyClicks(edit, "ab12345678cd")
    dialog.findChild(QPushButton, "secret_ok").click()
    answer = dialog.take_answer()
    assert answer is not None and answer.value == "AB12345678CD"


def test_skip_and_cancel_return_nothing(qtbot: QtBot, japanese: None) -> None:
    dialog = _open(qtbot, "text_pin", 3, 3, skippable=True)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "secret_value"), "1234")
    dialog.findChild(QPushButton, "secret_skip").click()
    assert dialog.skipped and dialog.take_answer() is None
    assert dialog.findChild(QLineEdit, "secret_value").text() == ""
    other = _open(qtbot, "text_pin", 3, 3)
    qtbot.keyClicks(other.findChild(QLineEdit, "secret_value"), "1234")
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert other.take_answer() is None and other.findChild(QLineEdit, "secret_value").text() == ""
