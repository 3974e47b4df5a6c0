"""A damaged face model file, seen from the window: the refusal appears where the face result would be, the
photos stay, and matching can be asked again (it is refused again until the desk is reinstalled)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kyc_desk.app import DeskServices, FaceService
from kyc_desk.ui.views.face_step import FaceStepView, live_photo_from_bytes
from kyc_desk.ui.workers.tasks import TaskRunner
from kyc_desk_testkit.samples import sample_photo
from tests.faces.model_copies import damage, use_model_copies


class InProcessFaces(FaceService):
    """The face process's own function, run on the window's task pool (a spawned process would not see the
    test's model copies)."""

    def compare(self, chip_photo: bytes, live_photo: bytes) -> Any:
        from kyc_desk.app.faces import _face_engine_compare

        return _face_engine_compare(chip_photo, live_photo)


def test_the_refusal_is_shown_where_the_result_would_be(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, japanese: None
) -> None:
    damage(use_model_copies(tmp_path / "packages", monkeypatch))
    services: Any = DeskServices(None, None, InProcessFaces(), "operator", None)  # type: ignore[arg-type]
    tasks = TaskRunner()
    step = FaceStepView(services, tasks)
    tasks.setParent(step)
    qtbot.addWidget(step)
    step.show()
    step.set_chip_photo(sample_photo("obama.jpg").read_bytes())
    step.set_live_photo(live_photo_from_bytes(sample_photo("obama2.jpg").read_bytes()))
    assert step.match.isEnabled()
    qtbot.mouseClick(step.match, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "記録と一致しません" in step.result_label.text(), timeout=60000)
    assert "入れ直してください" in step.result_label.text()
    assert step.result is None and step.match.isEnabled() and step.live_jpeg is not None
