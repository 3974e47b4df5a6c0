"""顔の照合 — step 4: the chip photo beside the person at the desk, and the face engine's opinion.

The live photo comes from the camera (through the faces layer's frame source, started only now) or
from an image file. 「照合する」 runs the face engine as a task on the pool, so the window stays
responsive while the model loads and compares; the result shows the engine, distance and threshold and
the engine's reasons. The scrivener decides: the engine only advises.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kyc_desk.app import DeskServices
from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import current_language
from kyc_desk.ui.widgets.compare_view import CompareView
from kyc_desk.ui.widgets.images import ImageUnreadable, jpeg_bytes, qimage_from_bytes
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records.model import FaceResult


@dataclass(frozen=True)
class LivePhoto:
    """A photo of the person at the desk: decoded for display, and as JPEG for the record."""

    image: QImage
    jpeg: bytes = field(repr=False)
    taken_at: dt.datetime


def live_photo_from_bytes(data: bytes) -> LivePhoto:
    """Decode a camera frame or an image file (worker thread); JPEG is kept as is, anything else encoded."""
    taken_at = dt.datetime.now(dt.UTC)
    image = qimage_from_bytes(data)
    jpeg = data if data[:3] == b"\xff\xd8\xff" else jpeg_bytes(image)
    return LivePhoto(image, jpeg, taken_at)


def live_photo_from_file(path: Path) -> LivePhoto:
    """The photo in an image file (worker thread)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImageUnreadable("The image file cannot be read.", ja="画像ファイルを読み込めません。") from exc
    return live_photo_from_bytes(data)


class FaceStepView(QWidget):
    """Compare view, photo capture, and the face match. ``compared(FaceResult)`` when done."""

    compared = Signal(object)
    live_photo_changed = Signal()

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("face_step")
        self._services = services
        self._tasks = tasks
        self._chip_photo: bytes | None = None
        self.live_jpeg: bytes | None = None
        self.live_at: dt.datetime | None = None
        self.result: FaceResult | None = None
        layout = QVBoxLayout(self)
        self.compare_view = CompareView()
        layout.addWidget(self.compare_view, 1)
        buttons = QHBoxLayout()
        self.capture = QPushButton(self.tr("カメラで撮影(&W)"))
        self.capture.setObjectName("capture_photo")
        self.load = QPushButton(self.tr("画像ファイルを開く(&I)…"))
        self.load.setObjectName("load_photo")
        self.match = QPushButton(self.tr("顔を照合する(&G)"))
        self.match.setObjectName("match_faces")
        self.match.setEnabled(False)
        for button in (self.capture, self.load, self.match):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result_label = QLabel(
            self.tr("顔の照合はまだ行っていません。照合は判断の参考です。最終判断は司法書士が行います。")
        )
        self.result_label.setObjectName("face_result")
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        self.capture.clicked.connect(self.capture_photo)
        self.load.clicked.connect(self._load_file)
        self.match.clicked.connect(self.run_match)

    def set_chip_photo(self, data: bytes | None, image: QImage | None = None) -> None:
        """The chip photo (bytes for the face engine; ``image`` if already decoded off the UI thread)."""
        self._chip_photo = data
        if data is None:
            image = None
        elif image is None:
            try:
                image = qimage_from_bytes(data)
            except KycDeskError as exc:
                self.result_label.setText(exc.user_text())
        self.compare_view.set_chip_photo(image)
        self._update()

    def set_live_photo(self, photo: LivePhoto) -> None:
        """Use ``photo`` as the live photo (its JPEG is stored with the record)."""
        image = photo.image
        self.live_jpeg = photo.jpeg
        self.live_at = photo.taken_at
        self.compare_view.set_live_photo(image)
        self.result = None
        self.result_label.setText(self.tr("写真を取り込みました。「顔を照合する」を押してください。"))
        self._update()
        self.live_photo_changed.emit()

    def capture_photo(self) -> None:
        """Take one frame from the camera on the task pool."""
        if self._services.camera is None:
            self.result_label.setText(self.tr("カメラが設定されていません。画像ファイルを開いてください。"))
            return
        self.capture.setEnabled(False)
        self.result_label.setText(self.tr("撮影しています…"))
        camera = self._services.camera
        self._tasks.start(
            "capture",
            lambda: live_photo_from_bytes(camera()),
            returned=self._captured,
            errored=self._capture_failed,
        )

    def _captured(self, photo: LivePhoto) -> None:
        self.capture.setEnabled(True)
        self.set_live_photo(photo)

    def _capture_failed(self, exc: KycDeskError) -> None:
        self.capture.setEnabled(True)
        self.result_label.setText(exc.user_text())

    def _load_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("顔写真を開く"), "", self.tr("画像 (*.jpg *.jpeg *.png)"))
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Use the photo in ``path`` (read and decoded on the task pool)."""
        self._tasks.start(
            "load photo",
            lambda: live_photo_from_file(Path(path)),
            returned=self.set_live_photo,
            errored=lambda exc: self.result_label.setText(exc.user_text()),
        )

    def run_match(self) -> None:
        if self._chip_photo is None or self.live_jpeg is None:
            return
        chip, live = self._chip_photo, self.live_jpeg
        self.match.setEnabled(False)
        self.result_label.setText(self.tr("照合しています（初回は顔認識モデルの読み込みに時間がかかります）…"))
        self._tasks.start(
            "face match",
            lambda: self._services.faces.compare(chip, live),
            returned=self._matched,
            errored=self._match_failed,
        )

    def _matched(self, result: FaceResult) -> None:
        from kyc_desk.app.texts import face_engine_text, face_measure_text, face_reason_text, face_verdict_text

        self.result = result
        colour = {"pass": "#1b5e20", "fail": "#b71c1c", "inconclusive": "#8a5a00"}[result.verdict.value]
        lang = current_language()
        figures = " ・ ".join(p for p in (face_measure_text(result, lang), face_engine_text(result)) if p)
        reasons = "<br>".join(f"・{html.escape(face_reason_text(r, lang))}" for r in result.reasons)
        self.result_label.setText(
            f"<b style='color:{colour}'>{html.escape(face_verdict_text(result, lang))}</b><br>"
            f"{html.escape(figures)}<br>{reasons}<br>"
            + self.tr("照合は判断の参考です。最終判断は司法書士が行います。")
        )
        self._update()
        self.compared.emit(result)

    def _match_failed(self, exc: KycDeskError) -> None:
        self.result_label.setText(exc.user_text())
        self._update()

    def forget_result(self) -> None:
        """Drop the face engine's result (a new card was read); the photos stay."""
        self.result = None
        self.result_label.setText(
            self.tr("顔の照合はまだ行っていません。照合は判断の参考です。最終判断は司法書士が行います。")
        )
        self._update()

    def _update(self) -> None:
        self.match.setEnabled(self._chip_photo is not None and self.live_jpeg is not None)

    def reset(self) -> None:
        self._chip_photo = None
        self.live_jpeg = None
        self.live_at = None
        self.result = None
        self.compare_view.set_chip_photo(None)
        self.compare_view.set_live_photo(None)
        self.result_label.setText(
            self.tr("顔の照合はまだ行っていません。照合は判断の参考です。最終判断は司法書士が行います。")
        )
        self._update()
