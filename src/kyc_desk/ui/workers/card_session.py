"""カード読取セッション — all card work, one step at a time, on its own QThread (style.md §2.7).

The window moves one :class:`CardSession` to a :class:`QThread` and talks to it only through queued
signals and two thread-safe methods:

- ``detect(reader)`` (slot) → ``detected(reader, CardKind)``: which card is on the reader (no VERIFY);
- ``read(reader, card_proof)`` (slot) → ``progress(step)`` … ``read_done(ReadOutcome)`` or ``failed(KycDeskError)``;
- when the reader needs a secret, ``secret_needed(PromptRequest)`` is emitted (after the card layer has
  read the tries left) and the session waits until the window calls :meth:`CardSession.answer`;
- :meth:`CardSession.cancel` (any thread) stops the read before its next APDU, and also releases a
  session waiting for a secret; the session then emits ``cancelled``.

The session holds the secret only while it is sent: it passes the answer to the card layer and drops
its reference. A card pulled off mid-read arrives as the card layer's ``CardRemoved``, reported through
``failed`` like any other error; nothing half-read is ever emitted.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from kyc_desk.app import CardService, PromptAnswer, PromptRequest
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.workers.tasks import InternalError

if TYPE_CHECKING:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.verify.report import VerificationReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadOutcome:
    """A finished read: the reading, its verification report, and the chip's images already decoded here
    (JPEG 2000 decoding stays off the UI thread; ``QImage`` may be built on any thread)."""

    reading: CardReading
    report: VerificationReport
    photo: QImage | None = None
    images: dict[str, QImage] = field(default_factory=dict)


def _decode_images(reading: CardReading) -> tuple[QImage | None, dict[str, QImage]]:
    """Decode the photo and the card-face images; an image that does not decode is left out (shown as
    missing), never guessed."""
    from kyc_desk.ui.widgets.images import qimage_from_bytes

    photo = None
    if reading.photo is not None:
        try:
            photo = qimage_from_bytes(reading.photo.data)
        except KycDeskError:
            log.warning("chip photo does not decode")
    images = {}
    for name, image in reading.images.items():
        try:
            images[name] = qimage_from_bytes(image.data)
        except KycDeskError:
            log.warning("card image does not decode")
    return photo, images


class _Cancelled(Exception):
    """Raised inside the prompt when the user cancelled while a secret was asked."""


class CardSession(QObject):
    """Runs detection and reads on its own thread (see the module docstring)."""

    detected = Signal(str, object)  # reader, CardKind
    progress = Signal(str)  # step name from the card reader ("surface", "text", "sign", …)
    secret_needed = Signal(object)  # PromptRequest
    read_done = Signal(object)  # ReadOutcome
    failed = Signal(object)  # KycDeskError
    cancelled = Signal()

    def __init__(self, service: CardService) -> None:
        super().__init__()
        self._service = service
        self._lock = threading.Lock()
        self._card: Card | None = None
        self._answered = threading.Event()
        self._answer: PromptAnswer | None = None
        self._cancel = threading.Event()

    # -- called from the window's thread ---------------------------------------------------------
    def answer(self, answer: PromptAnswer | None) -> None:
        """Hand over what the user typed (None = skipped); wakes the waiting read."""
        self._answer = answer
        self._answered.set()

    def cancel(self) -> None:
        """Stop the running read before its next APDU (thread-safe)."""
        self._cancel.set()
        self._answered.set()
        with self._lock:
            if self._card is not None:
                self._card.cancel()

    # -- slots, run on the session's thread -------------------------------------------------------
    @Slot(str)
    def detect(self, reader: str) -> None:
        from kyc_desk.cards.detect import CardKind

        try:
            card = self._service.open_card(reader)
        except KycDeskError as exc:
            log.info("detect: no card (%s)", type(exc).__name__)
            return
        try:
            kind = self._service.detect(card)
        except KycDeskError as exc:
            log.info("detect failed: %s", type(exc).__name__)
            kind = CardKind.UNKNOWN
        finally:
            card.close()
        self.detected.emit(reader, kind)

    @Slot(str, bool)
    def read(self, reader: str, card_proof: bool = False) -> None:
        from kyc_desk.cards.errors import Cancelled

        self._cancel.clear()
        try:
            card = self._service.open_card(reader)
            with self._lock:
                self._card = card
            try:
                kind = self._service.detect(card)
                self.progress.emit("detected")
                reading = self._service.read(card, kind, self._prompt, self.progress.emit, card_proof=card_proof)
            finally:
                with self._lock:
                    self._card = None
                card.close()
            self.progress.emit("verify")
            report = self._service.verify(reading)
            photo, images = _decode_images(reading)
        except (_Cancelled, Cancelled):
            log.info("card read cancelled")
            self.cancelled.emit()
        except KycDeskError as exc:
            log.info("card read failed: %s", type(exc).__name__)
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(exc)
        except Exception:
            log.exception("card read: internal error")
            self.failed.emit(InternalError("internal error; the details are in the log file"))
        else:
            self.read_done.emit(ReadOutcome(reading, report, photo, images))

    def _prompt(self, request: PromptRequest) -> PromptAnswer | None:
        """Ask the window and wait (this thread only); the answer is handed on and not kept."""
        if self._cancel.is_set():
            raise _Cancelled()
        self._answered.clear()
        self._answer = None
        self.secret_needed.emit(request)
        self._answered.wait()
        if self._cancel.is_set():
            raise _Cancelled()
        answer, self._answer = self._answer, None
        return answer
