"""The client app's services — what ``kyc-desk client LINK`` does, without Qt.

A client with a card reader at home (many have one for e-Tax) opens the office's one-time link, reads
their own card with their own secrets, records a selfie clip performing the link's liveness actions, and
sends it all encrypted to the office. Every step is the submitter's (:mod:`kyc_desk.sync.submitter`, the
same code ``kyc-desk submit`` runs); this module only orders them for a window and keeps what was
gathered, so that a failed upload is sent again without reading the card (or asking a PIN) again:

1. :meth:`ClientService.open_link` — the request behind the link, its office key checked against the
   link's ``#k=`` fragment before anything is read;
2. :meth:`ClientService.read_card` — ヘ: the chip files of whichever document is on the reader (never the
   individual number), and for a My Number card the card key's signature over the request's challenge;
   ワ: the signature certificate and the card's signature over the challenge. Secrets go through the
   window's :data:`~kyc_desk.app.cards.Prompt` after the card reported the tries left; none is retried;
3. :func:`record_selfie` — frames from a :class:`~kyc_desk.faces.capture.FrameSource` (the webcam, or in
   tests real photos animated by the test kit) at the format's frame rate, with the liveness prompts
   scheduled over the clip;
4. :meth:`ClientService.send` — encrypt to the office key and upload, with progress.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from kyc_desk.app.cards import Prompt, card_prompt
from kyc_desk.errors import KycDeskError

if TYPE_CHECKING:
    import datetime as dt

    from kyc_desk.cards.card import Card
    from kyc_desk.faces.capture import FrameSource
    from kyc_desk.faces.images import RGB
    from kyc_desk.faces.liveness.challenge import Action
    from kyc_desk.sync.client import LinkInfo
    from kyc_desk.sync.format import DocumentKind, Method, Part
    from kyc_desk.sync.submitter import Receipt

#: The selfie clip's frame rate: the format's default, which the desk's liveness timing assumes.
SELFIE_FPS: Final = 15.0
#: Seconds of the clip before the first action (the person looks straight at the camera).
LEAD_IN_SECONDS: Final = 1.5
#: Seconds given to each action (a turn there and back, or a blink, with room to react to the prompt).
ACTION_SECONDS: Final = 2.5
#: JPEG quality of the frames sent (the desk's face match and liveness need detail, not perfection).
FRAME_QUALITY: Final = 85


class NothingToDoHere(KycDeskError):
    """The request allows only methods this app does not do (ホ: document photos, taken on the phone page)."""

    default_ja = (
        "この依頼はカードリーダーでは提出できません（書類の撮影による方法です）。"
        "スマートフォンでメールのリンクを開いてください。"
    )


class SelfieTooShort(KycDeskError):
    """The camera gave too few frames for a selfie clip."""

    default_ja = "カメラの映像が短すぎます。もう一度撮影してください。"


@dataclass(frozen=True)
class ClientRequest:
    """An opened link: the request as the endpoint describes it (office key already checked)."""

    link: str
    info: LinkInfo

    @property
    def methods(self) -> tuple[Method, ...]:
        """The methods of the request this app can do, in the office's order (ヘ, ワ; never ホ)."""
        from kyc_desk.sync.format import Method

        return tuple(m for m in self.info.methods if m in (Method.HE, Method.WA))

    @property
    def actions(self) -> tuple[Action, ...]:
        """The liveness actions the selfie must show, in order (empty: the request asks none)."""
        from kyc_desk.faces.liveness.challenge import parse_challenge

        return parse_challenge(self.info.liveness).actions if self.info.liveness else ()

    @property
    def expires_at(self) -> dt.datetime:
        return self.info.expires_at

    def needs_selfie(self, method: Method) -> bool:
        """ヘ needs the clip; ワ does not (the signature proves the card and its PIN), so none is taken."""
        from kyc_desk.sync.format import Method

        return method is Method.HE


@dataclass(frozen=True)
class CardParts:
    """What the card gave for the submission (chip files or the ワ signature), and which document it is."""

    method: Method
    document: DocumentKind | None
    parts: tuple[Part, ...] = field(repr=False)


@dataclass(frozen=True)
class SelfieClip:
    """The recorded clip: JPEG frames in order, at ``fps``."""

    frames: tuple[bytes, ...] = field(repr=False)
    fps: float = SELFIE_FPS


class ReadControl:
    """Lets the window stop a read that is running on another thread (before its next APDU)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._card: Card | None = None
        self.stopped = threading.Event()

    def attach(self, card: Card | None) -> None:
        with self._lock:
            self._card = card
            if card is not None and self.stopped.is_set():
                card.cancel()

    def cancel(self) -> None:
        """Thread-safe; the read raises the card layer's ``Cancelled``."""
        self.stopped.set()
        with self._lock:
            if self._card is not None:
                self._card.cancel()


class ClientService:
    """The client's steps over the submitter; ``open_card`` and ``list_readers`` are the seam to the reader
    (PC/SC by default; the screenshot script serves a software card in memory through them)."""

    def __init__(
        self, open_card: Callable[[str], Card] | None = None, list_readers: Callable[[], list[str]] | None = None
    ) -> None:
        self._open_card = open_card or _pcsc_card
        self._list_readers = list_readers

    def open_link(self, link: str) -> ClientRequest:
        """Read the link's request; refuses a link whose office key is not the one the link names, a
        request this app cannot serve (only ホ), and liveness actions that are not a valid challenge."""
        from kyc_desk.sync.client import LinkClient
        from kyc_desk.sync.submitter import check_office_key

        with LinkClient(link) as client:
            info = client.info()
            check_office_key(info, client.expected_key_id)
        request = ClientRequest(link.strip(), info)
        if not request.methods:
            raise NothingToDoHere("this request allows only methods the client app does not do")
        _ = request.actions  # liveness actions the desk cannot check (repeated, unknown) stop here, not mid-selfie
        return request

    def readers(self) -> list[str]:
        """The card readers PC/SC knows now (empty when there are none, or no PC/SC service)."""
        from kyc_desk.cards.errors import TransportError
        from kyc_desk.cards.transport.pcsc import list_readers

        try:
            return (self._list_readers or list_readers)()
        except TransportError:
            return []

    def read_card(
        self, request: ClientRequest, method: Method, reader: str, prompt: Prompt,
        progress: Callable[[str], None] | None = None, control: ReadControl | None = None,
    ) -> CardParts:
        """Read the card on ``reader`` for ``method`` (see the module docstring). A wrong secret, a locked
        card or a card pulled off raise the card layer's errors and return nothing half-read."""
        from kyc_desk.sync import submitter
        from kyc_desk.sync.format import Method

        ask = card_prompt(prompt, all_required=True)
        card = self._open_card(reader)
        if control is not None:
            control.attach(card)
        try:
            if method is Method.WA:
                if progress is not None:
                    progress("sign")
                parts = submitter.sign_wa(card, ask, request.info)
                return CardParts(method, None, tuple(parts))
            parts = submitter.read_he_parts(card, ask, request.info, progress=progress)
            return CardParts(method, submitter.document_of(parts), tuple(parts))
        finally:
            if control is not None:
                control.attach(None)
            card.close()

    def send(
        self, request: ClientRequest, card: CardParts, selfie: SelfieClip | None,
        progress: Callable[[str], None] | None = None, on_sent: Callable[[int, int], None] | None = None,
    ) -> Receipt:
        """Encrypt and upload (``progress``: the submitter's stages; ``on_sent``: bytes of the upload). Nothing
        is consumed: after a network failure the same call is made again."""
        from kyc_desk.sync import submitter

        parts = list(card.parts) + (submitter.selfie_parts(selfie.frames) if selfie is not None else [])
        return submitter.submit(request.link, card.method, card.document, parts, progress=progress,
                                on_sent=on_sent)  # fmt: skip


def _pcsc_card(reader: str) -> Card:
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.pcsc import PcscTransport

    return Card(PcscTransport.connect(reader))


# --- the selfie clip -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromptSchedule:
    """Which prompt shows at which frame: ``-1`` (look at the camera) for the lead-in, then each action's
    index for :data:`ACTION_SECONDS`; the clip ends after the last action (never over the format's limit)."""

    actions: tuple[Action, ...]
    fps: float = SELFIE_FPS

    @property
    def lead_in(self) -> int:
        return round(LEAD_IN_SECONDS * self.fps)

    @property
    def per_action(self) -> int:
        from kyc_desk.sync.format import MAX_SELFIE_FRAMES

        room = MAX_SELFIE_FRAMES - self.lead_in
        return min(round(ACTION_SECONDS * self.fps), room // max(1, len(self.actions)))

    @property
    def total(self) -> int:
        return self.lead_in + self.per_action * max(1, len(self.actions))

    def prompt_at(self, frame: int) -> int:
        if frame < self.lead_in or not self.actions:
            return -1
        return min((frame - self.lead_in) // self.per_action, len(self.actions) - 1)


def record_selfie(
    source: FrameSource,
    actions: Sequence[Action],
    *,
    on_frame: Callable[[RGB, int], None] | None = None,
    stop: threading.Event | None = None,
) -> SelfieClip:
    """Record the clip from ``source``: frames kept at :data:`SELFIE_FPS`, ``on_frame(frame, prompt index)``
    for each kept frame (the window's preview and prompt), until the schedule ends, the source ends or
    ``stop`` is set. The source is closed afterwards. Fewer than the format's minimum of frames raises
    :class:`SelfieTooShort`.

    A recording (an image sequence or a video file: frames as fast as they are read) is timed by its
    stated rate. A webcam's frame is timed by the later of the wall clock and its number at the stated
    rate, so one that states 30 frames/s but delivers 15 in dim light is thinned by what it delivers and
    the clip's stated 15 frames/s stays true for the liveness check's timing."""
    from kyc_desk.faces.capture import CameraSource
    from kyc_desk.sync.format import MIN_SELFIE_FRAMES

    live = isinstance(source, CameraSource)
    schedule = PromptSchedule(tuple(actions))
    per_frame, step = 1.0 / (source.fps or SELFIE_FPS), 1.0 / SELFIE_FPS
    frames: list[bytes] = []
    read, due, start = 0, 0.0, time.monotonic()
    try:
        while len(frames) < schedule.total and not (stop is not None and stop.is_set()):
            frame = source.read()
            if frame is None:
                break
            at = max(time.monotonic() - start, read * per_frame) if live else read * per_frame
            read += 1
            if at + 1e-6 < due:  # a faster camera: not this one
                continue
            due = at + step if at > due + step else due + step  # after a stall, no burst of frames
            frames.append(_jpeg(frame))
            if on_frame is not None:
                on_frame(frame, schedule.prompt_at(len(frames) - 1))
    finally:
        source.close()
    if stop is not None and stop.is_set():
        from kyc_desk.cards.errors import Cancelled

        raise Cancelled("the selfie was stopped")
    if len(frames) < MIN_SELFIE_FRAMES:
        raise SelfieTooShort(f"the camera gave {len(frames)} frames")
    return SelfieClip(tuple(frames), SELFIE_FPS)


def _jpeg(frame: RGB) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(frame).convert("RGB").save(out, format="JPEG", quality=FRAME_QUALITY)
    return out.getvalue()


def webcam(index: int = 0) -> Callable[[], FrameSource]:
    """The frame-source seam's default: the system's webcam ``index`` through the face layer (OpenCV)."""

    def open_camera() -> FrameSource:
        from kyc_desk.faces.capture import CameraSource

        return CameraSource(index)

    return open_camera
