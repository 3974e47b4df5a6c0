"""The layers the window uses, behind one small interface that :mod:`kyc_desk.ui.app` builds.

Each service calls one lower layer's public API and nothing else — no protocol, crypto or SQL here:

- :class:`CardService` — detect the card (``cards.detect``), read it with the matching reader
  (``cards.apps.*``), verify the reading (``verify``);
- :class:`RecordsService` — open the encrypted record store once, lazily (``records``);
- :class:`FaceService` — compare two photos (``faces``).

All of them run on worker threads (the card session's thread or the task pool); each imports its layer
inside its methods, so the window starts without pyscard, SQLAlchemy, dlib or mediapipe loaded.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.detect import CardKind
    from kyc_desk.cards.reading import CardReading
    from kyc_desk.records.store import RecordStore
    from kyc_desk.verify.report import VerificationReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PromptRequest:
    """What the window is asked before a secret: which one, the tries the card reported, whether it may be
    skipped. ``tries_left`` None = the card keeps no counter for it."""

    name: str
    tries_left: int | None
    max_tries: int | None = None
    skippable: bool = False


@dataclass(frozen=True)
class PromptAnswer:
    """What the user typed (card format) and whether they confirmed using the last try."""

    value: str = field(repr=False)
    confirm_last_try: bool = False


#: Asks the user (blocking the card thread until the window answers); None = skipped.
Prompt = Callable[[PromptRequest], "PromptAnswer | None"]
Progress = Callable[[str], None]


class CardNotSupported(KycDeskError):
    """The card is not one this version of the desk can read or verify."""

    default_ja = "このカードの読み取りには対応していません。"


class CardService:
    """Detects, reads and verifies cards through the card and verification layers."""

    def __init__(self, *, trust_dir: Path | None = None, now: Callable[[], dt.datetime] | None = None) -> None:
        self._trust_dir = trust_dir
        self._now = now or (lambda: dt.datetime.now(dt.UTC))

    def open_card(self, reader: str) -> Card:
        """An exclusive connection to the card on ``reader`` (close it with ``card.close()``)."""
        from kyc_desk.cards.card import Card
        from kyc_desk.cards.transport.pcsc import PcscTransport

        return Card(PcscTransport.connect(reader))

    def detect(self, card: Card) -> CardKind:
        from kyc_desk.cards.detect import detect_card

        return detect_card(card).kind

    def read(self, card: Card, kind: CardKind, prompt: Prompt, progress: Progress) -> CardReading:
        """Read the whole card with the reader for ``kind``; every secret goes through ``prompt``."""
        from kyc_desk.cards.apps.mynumber.unlock import Secret, SecretRequest
        from kyc_desk.cards.detect import CardKind

        def card_prompt(request: SecretRequest) -> Secret | None:
            # every secret but the licence's PIN 1 may be skipped (the reader then leaves that part out)
            left = request.tries_left if request.tries_left >= 0 else None  # NO_LIMIT (6300): no counter
            ask = PromptRequest(request.name, left, request.spec.max_tries, request.name != "pin1")
            answer = prompt(ask)
            return None if answer is None else Secret(answer.value, answer.confirm_last_try)

        if kind is CardKind.MYNUMBER:
            from kyc_desk.cards.apps.mynumber.reader import read_mynumber

            return read_mynumber(card, card_prompt, progress=progress)
        if kind in (CardKind.RESIDENCE_CARD, CardKind.SPECIAL_PERMANENT_RESIDENT):
            from kyc_desk.cards.apps.residence.reader import read_residence_card
            from kyc_desk.cards.errors import Cancelled

            answer = prompt(PromptRequest("card_number", None))
            if answer is None:
                raise Cancelled("the card number was not given")
            return read_residence_card(card, answer.value, progress=progress)
        if kind is CardKind.DRIVER_LICENCE:
            from kyc_desk.cards.apps.driver_licence.reader import read_driver_licence

            return read_driver_licence(card, card_prompt, progress=progress)
        raise CardNotSupported("The card on the reader is not one the desk knows.", ja="対応していないカードです。")

    def verify(self, reading: CardReading) -> VerificationReport:
        """The verification report of ``reading`` (signatures and certificates), checked now against the
        trust store (``KYC_DESK_TRUST_DIR`` or the config folder's ``trust/``)."""
        from kyc_desk.verify.trust import load_trust_store

        anchors = load_trust_store(self._trust_dir)
        at = self._now()
        if reading.card_type == "mynumber":
            from kyc_desk.settings import load_settings
            from kyc_desk.verify.mynumber import verify_mynumber
            from kyc_desk.verify.revocation_ocsp import desk_revocation

            revocation = desk_revocation(anchors, **load_settings().revocation_options())
            return verify_mynumber(reading, anchors=anchors, at=at, revocation=revocation)
        if reading.card_type in ("residence_card", "special_permanent_resident"):
            from kyc_desk.verify.residence import check_residence_card

            return check_residence_card(reading, anchors=anchors, at=at)
        if reading.card_type == "driver_licence":
            from kyc_desk.verify.driver_licence import check_driver_licence

            return check_driver_licence(reading, at=at)
        raise CardNotSupported(
            "This version cannot verify this kind of card.", ja="この種類のカードの検証には対応していません。"
        )


class PassphraseRequired(KycDeskError):
    """The record store is protected by a passphrase and none was given yet."""

    default_ja = "記録データベースのパスフレーズを入力してください。"


class StoreOpener(Protocol):
    def __call__(self, passphrase: str | None) -> RecordStore: ...


class RecordsService:
    """Opens the record store once, on first use, from a worker thread (opening may take a second).

    A passphrase-protected store raises :class:`PassphraseRequired` until the window hands over the
    passphrase the user typed (:meth:`set_passphrase`); it is used for one opening attempt and then
    dropped, whether the attempt succeeded or not.
    """

    def __init__(self, opener: StoreOpener) -> None:
        self._opener = opener
        self._store: RecordStore | None = None
        self._passphrase: str | None = None
        self._lock = threading.Lock()
        #: True while the window shows the passphrase prompt (one prompt at a time).
        self.prompting = False

    def set_passphrase(self, passphrase: str) -> None:
        self._passphrase = passphrase

    def store(self) -> RecordStore:
        with self._lock:
            if self._store is None:
                passphrase, self._passphrase = self._passphrase, None
                self._store = self._opener(passphrase)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def default_store_opener(passphrase: str | None = None) -> RecordStore:
    """The desk's own store in the data folder, unlocked the way its key header says."""
    from kyc_desk.records import KeyFileKeySource, KeyringKeySource, PassphraseKeySource, RecordStore
    from kyc_desk.records.keys import read_header
    from kyc_desk.records.store import StoreLocation

    location = StoreLocation.default()
    if not location.header.exists():
        return RecordStore.open(KeyringKeySource())  # raises StoreNotInitialised with its own message
    mode = read_header(location.header).mode
    if mode == "keyfile":
        return RecordStore.open(KeyFileKeySource())
    if mode == "passphrase":
        if passphrase is None:
            raise PassphraseRequired("The record store needs its passphrase.")
        return RecordStore.open(PassphraseKeySource(passphrase))
    return RecordStore.open(KeyringKeySource())


#: The face engine as records name it (kyc_desk.faces embeds with dlib's ResNet model).
FACE_ENGINE = "dlib ResNet (kyc_desk.faces)"


class FaceEngineFailed(KycDeskError):
    """The face engine's process failed; the window keeps working and the scrivener decides by eye."""

    default_ja = "顔照合エンジンが停止しました。目視で確認してください。"


def _face_engine_warm_up() -> None:
    """Run in the face process: yield the CPU to the window first (on a 2-core office PC the engine must
    not take the core the UI thread needs), then load the models once, before the first comparison."""
    import contextlib
    import os

    with contextlib.suppress(AttributeError, OSError):  # os.nice does not exist on Windows
        os.nice(5)
    from kyc_desk.faces import warm_up

    warm_up()


def _face_engine_compare(chip_photo: bytes, live_photo: bytes) -> FaceComparison:
    """Run in the face process; a desk error it raises arrives whole (class, Japanese text: errors.py)."""
    from kyc_desk.faces import MatchResult, compare_faces

    match = compare_faces(chip_photo, live_photo)
    verdict = {MatchResult.MATCH: "pass", MatchResult.NO_MATCH: "fail"}.get(match.result, "inconclusive")
    return FaceComparison(
        verdict=verdict,
        engine=FACE_ENGINE,
        score=match.distance,
        threshold=match.thresholds.decision,
        reasons=tuple(r.text for r in match.reasons),
    )


class FaceService:
    """Compares the chip photo with the live photo through the face layer, in a separate process.

    dlib holds the interpreter lock while it computes, which would freeze the window for most of a
    second; in its own process (``spawn``: a fresh interpreter without Qt) it cannot. The process starts
    and loads the models on :meth:`warm_up` (the flow calls it when the card has been read), is reused for
    every comparison, and is stopped by :meth:`close`.
    """

    def __init__(self) -> None:
        self._pool: Any = None
        self._lock = threading.Lock()

    def _executor(self) -> Any:
        with self._lock:
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_face_engine_warm_up
                )
            return self._pool

    def warm_up(self) -> None:
        """Start the face process and load its models in the background (returns at once)."""
        self._executor().submit(int)

    def compare(self, chip_photo: bytes, live_photo: bytes) -> FaceComparison:
        """Compare (blocking the calling worker thread, never the UI thread)."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            result: FaceComparison = (
                self._executor().submit(_face_engine_compare, chip_photo, live_photo).result()
            )
        except BrokenProcessPool as exc:
            with self._lock:
                self._pool = None
            log.error("face engine process failed")
            raise FaceEngineFailed("The face engine process stopped.") from exc
        return result

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


@dataclass
class DeskServices:
    """Everything the places need; built by :mod:`kyc_desk.ui.app`, replaced piecewise in tests."""

    cards: CardService
    records: RecordsService
    faces: FaceService
    operator: str
    #: Where the live photo comes from: returns an open frame source (faces layer) or raises.
    camera: Callable[[], Any] | None = None


@dataclass(frozen=True)
class FaceComparison:
    """The face engine's opinion as the window shows and records it (``verdict``: pass/fail/inconclusive)."""

    verdict: str
    engine: str
    score: float | None
    threshold: float | None
    reasons: tuple[str, ...] = ()


class FrameCamera:
    """One photo at a time from a face-layer frame source (a webcam, or an image sequence in the demo).

    The source is opened on the first capture (on a worker thread: opening a camera can take a second)
    and kept open for the next; :meth:`close` releases it. Each capture returns the frame as JPEG bytes,
    which is what the record keeps.
    """

    def __init__(self, open_source: Callable[[], Any]) -> None:
        self._open_source = open_source
        self._source: Any = None
        self._lock = threading.Lock()

    def __call__(self) -> bytes:
        import io

        from PIL import Image

        from kyc_desk.faces import CameraUnavailable

        with self._lock:
            if self._source is None:
                self._source = self._open_source()
            frame = self._source.read()
        if frame is None:
            raise CameraUnavailable("the camera gave no frame")
        out = io.BytesIO()
        Image.fromarray(frame).convert("RGB").save(out, format="JPEG", quality=92)
        return out.getvalue()

    def close(self) -> None:
        with self._lock:
            if self._source is not None:
                self._source.close()
                self._source = None


def default_camera(index: int = 0) -> FrameCamera:
    """The system's webcam ``index`` through the face layer."""

    def open_camera() -> Any:
        from kyc_desk.faces import CameraSource

        return CameraSource(index)

    return FrameCamera(open_camera)
