"""The chip step shows a licence holder who moved at the new address, with the address at issue and the
history labelled beside it (in both languages)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kyc_desk.cards.apps.driver_licence import read_driver_licence
from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
from kyc_desk.cards.card import Card
from kyc_desk.cards.reading import CardReading
from kyc_desk.cards.transport.memory import HandlerTransport
from kyc_desk.verify.driver_licence import check_driver_licence
from kyc_desk_testkit.softcard.driver_licence import build_driver_licence
from kyc_desk_testkit.softcard.persona import demo_personas

MOVED = "東京都港区芝公園四丁目2番8号"


def _moved_reading() -> CardReading:
    softcard, _ = build_driver_licence(demo_personas()["taro"], changed_address=MOVED)

    def prompt(request: SecretRequest) -> Secret:
        return Secret({"pin1": "1234", "pin2": "5678"}[request.name])

    return read_driver_licence(Card(HandlerTransport(softcard.process)), prompt)


def _field(view: object, name: str) -> str:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(view, QWidget)
    label = view.findChild(QLabel, f"chip_field_{name}")
    assert label is not None, name
    return label.text()


def _label_of(view: object, name: str) -> str:
    from PySide6.QtWidgets import QLabel, QWidget

    assert isinstance(view, QWidget)
    field = view.findChild(QLabel, f"chip_field_{name}")
    form = view.data_form  # type: ignore[attr-defined]
    row, _role = form.getWidgetPosition(field)
    label = form.itemAt(row, form.ItemRole.LabelRole).widget()
    assert isinstance(label, QLabel)
    return label.text()


def test_moved_holder_shown_at_the_new_address_with_the_history(qtbot: QtBot) -> None:
    from kyc_desk.ui.views.chip_step import ChipStepView

    reading = _moved_reading()
    view = ChipStepView()
    qtbot.addWidget(view)
    view.show_reading(reading, check_driver_licence(reading, at=dt.datetime.now(dt.UTC)))
    assert _field(view, "住所") == "東京都港区芝公園四丁目２番８号"
    assert _field(view, "original_address") == "東京都千代田区霞が関一丁目１番１号"
    assert _label_of(view, "original_address") == "交付時の住所"
    assert _label_of(view, "change_history") == "記載事項変更の履歴"
    assert "2025-04-01 新住所" in _field(view, "change_history")
    shots = os.environ.get("KYC_DESK_SCREENSHOT_DIR")
    if shots:  # docs: KYC_DESK_SCREENSHOT_DIR=docs/screenshots with a real display
        view.resize(1000, 640)
        view.show()
        qtbot.waitExposed(view)
        view.grab().save(str(Path(shots) / "licence-changes.png"))


def test_labels_are_english_in_the_english_interface(qtbot: QtBot) -> None:
    from kyc_desk.ui.app import application
    from kyc_desk.ui.translation import install_language
    from kyc_desk.ui.views.chip_step import ChipStepView

    app = application()
    translator = install_language(app, "en")
    try:
        reading = _moved_reading()
        view = ChipStepView()
        qtbot.addWidget(view)
        view.show_reading(reading, check_driver_licence(reading, at=dt.datetime.now(dt.UTC)))
        assert _label_of(view, "original_address") == "Address at issue"
        assert _label_of(view, "change_history") == "History of recorded changes"
    finally:
        if translator is not None:
            app.removeTranslator(translator)
        install_language(app, "ja")
