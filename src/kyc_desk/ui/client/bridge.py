"""Between the client app's worker threads and its window: secrets asked and preview frames shown.

- :class:`PromptBridge` — the card read runs on a task thread; when the card layer needs a secret (after
  it read the tries left) the read calls :meth:`PromptBridge.ask`, which emits ``secret_needed`` to the
  window and waits until the window calls :meth:`PromptBridge.answer`. :meth:`PromptBridge.cancel` (the
  window's 中止, or closing it) releases a waiting read, which then stops. The answer is handed on once
  and not kept.
- :class:`FrameFeed` — the selfie is recorded on a task thread; each kept frame is emitted as a
  ``QImage`` (a copy: the worker's array is not shared) with the prompt that was showing.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kyc_desk.app import PromptAnswer, PromptRequest


class PromptBridge(QObject):
    """Asks the window for a secret from the reading thread (see the module docstring)."""

    secret_needed = Signal(object)  # PromptRequest
    progress = Signal(str)  # the card reader's step, emitted from the reading thread
    send_progress = Signal(str)  # the submitter's stage, emitted from the sending thread
    sent = Signal(int, int)  # bytes of the upload sent, total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answered = threading.Event()
        self._answer: PromptAnswer | None = None
        self._cancelled = threading.Event()

    def reset(self) -> None:
        """Before a new read."""
        self._cancelled.clear()

    def ask(self, request: PromptRequest) -> PromptAnswer | None:
        """Called on the reading thread; None = not given (the read then stops)."""
        if self._cancelled.is_set():
            return None
        self._answered.clear()
        self._answer = None
        self.secret_needed.emit(request)
        self._answered.wait()
        answer, self._answer = self._answer, None
        return None if self._cancelled.is_set() else answer

    def answer(self, answer: PromptAnswer | None) -> None:
        """Called by the window with what the holder typed (None: cancelled)."""
        self._answer = answer
        self._answered.set()

    def cancel(self) -> None:
        self._cancelled.set()
        self._answered.set()


class FrameFeed(QObject):
    """Preview frames from the recording thread."""

    frame = Signal(QImage, int)  # the frame, the prompt index showing (-1: look at the camera)

    def show(self, rgb: object, prompt: int) -> None:
        import numpy as np

        array = np.ascontiguousarray(rgb)
        height, width = array.shape[:2]
        image = QImage(array.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()
        self.frame.emit(image, prompt)
