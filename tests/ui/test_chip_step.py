"""The chip step shows the presence check by its label and puts a suspected copy at the top in red."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kyc_desk.cards.apps.mynumber import Secret, read_mynumber
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.i18n import set_language
from kyc_desk.ui.views.chip_step import ChipStepView
from kyc_desk.verify import VerificationReport, load_trust_store, verify_mynumber
from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions, build_mynumber_card
from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

AT = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)


def read_and_verify(tmp_path: Path, options: MyNumberCardOptions) -> tuple[CardReading, VerificationReport]:
    soft = build_mynumber_card("taro", options)
    reading = read_mynumber(Card(HandlerTransport(soft.process)), lambda r: Secret(soft.secrets[r.name]))
    write_trust_anchors(tmp_path, softcard_issuers())
    return reading, verify_mynumber(reading, anchors=load_trust_store(tmp_path), at=AT)


def presence_row(view: ChipStepView) -> int:
    rows = [r for r in range(view.checks.rowCount()) if view.checks.item(r, 1).toolTip() == "surface.presence"]
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize(("language", "label", "badge", "warning"), [
    ("ja", "ICチップの実在確認（カード鍵の署名）", "複製の疑い", "ICチップの複製の疑い"),
    ("en", "chip presence (card key signature)", "Suspected copy", "suspected copy"),
])  # fmt: skip
def test_a_clone_is_flagged_in_the_window(
    qtbot: QtBot, tmp_path: Path, language: str, label: str, badge: str, warning: str
) -> None:
    from kyc_desk.ui.app import application
    from kyc_desk.ui.translation import install_language

    app = application()
    translator = install_language(app, language)  # the window's texts (Qt) and the layers' (i18n) alike
    try:
        reading, report = read_and_verify(tmp_path, MyNumberCardOptions(clone=True))
        view = ChipStepView()
        qtbot.addWidget(view)
        view.show_reading(reading, report)
        row = presence_row(view)
        assert view.checks.item(row, 1).text() == label
        assert view.checks.item(row, 0).text() == badge
        assert view.checks.item(row, 0).data(0x0100) == "suspected_copy"  # Qt.UserRole
        assert not view.alert.isHidden() and warning in view.alert.text()
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        set_language(None)


def test_a_genuine_card_shows_presence_valid_and_no_alert(qtbot: QtBot, tmp_path: Path) -> None:
    set_language("ja")
    try:
        reading, report = read_and_verify(tmp_path, MyNumberCardOptions())
        view = ChipStepView()
        qtbot.addWidget(view)
        view.show_reading(reading, report)
        assert view.checks.item(presence_row(view), 0).text() == "署名検証OK"
        assert view.alert.isHidden()
    finally:
        set_language(None)


def test_an_unknown_sex_code_is_shown_as_written(qtbot: QtBot, tmp_path: Path) -> None:
    set_language("ja")
    try:
        reading, report = read_and_verify(tmp_path, MyNumberCardOptions(layout=frozenset({"unknown_sex"})))
        view = ChipStepView()
        qtbot.addWidget(view)
        view.show_reading(reading, report)
        field = view.findChild(QLabel, "chip_field_性別")
        assert field is not None and field.text() == "不明（カードのコード 3）"
        assert view.findChild(QLabel, "chip_field_sex_code") is None
    finally:
        set_language(None)
