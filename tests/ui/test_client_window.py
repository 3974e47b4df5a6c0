"""The client app's window without a card or an endpoint: every page fits 1280×720 and smaller with its
buttons in view (Japanese and English), and the selfie recorder's schedule and frame rate."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kyc_desk.app.client import ClientRequest, ClientService, PromptSchedule, SelfieTooShort, record_selfie
from kyc_desk.faces.capture import ImageSequenceSource
from kyc_desk.sync.client import LinkInfo
from kyc_desk.sync.format import MAX_SELFIE_FRAMES, Method
from kyc_desk.ui.client.window import ClientWindow
from tests.ui.test_fit import INSIDE, fits, shown_whole

LINK = "http://127.0.0.1:9/s/" + "t" * 43 + "#k=" + "0" * 32


def _info(methods: tuple[Method, ...] = (Method.HE, Method.WA), liveness: str = "turn_left,blink") -> LinkInfo:
    return LinkInfo("r" * 22, methods, dt.datetime(2026, 12, 9, 1, 0, tzinfo=dt.UTC), "c" * 43, "k" * 43, "0" * 32,
                    12 * 1024 * 1024, liveness)


@pytest.fixture(params=["ja", "en"])
def window(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[ClientWindow]:
    from kyc_desk.i18n import set_language
    from kyc_desk.ui.translation import install_language

    app = QApplication.instance()
    translator = install_language(app, request.param)  # type: ignore[arg-type]
    window = ClientWindow(LINK, ClientService(list_readers=lambda: ["Reader 0"]), lambda: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(window)
    window.show()
    window._opened(ClientRequest(LINK, _info()))
    yield window
    window.shutdown()
    if translator is not None:
        app.removeTranslator(translator)  # type: ignore[union-attr]
    set_language(None)


@pytest.mark.parametrize("room", [INSIDE, QSize(800, 560)], ids=["1280x720", "800x600"])
def test_every_page_fits_with_its_buttons_in_view(qtbot: QtBot, window: ClientWindow, room: QSize) -> None:
    pages = {
        window.intro: [window.intro.next, window.intro.consent],
        window.card_page: [window.card_page.start, window.card_page.cancel, window.card_page.readers],
        window.selfie_page: [window.selfie_page.start, window.selfie_page.next, window.selfie_page.preview],
        window.send_page: [window.send_page.send, window.send_page.progress],
        window.end: [window.end.finish],
    }
    window.resize(room)
    for page, buttons in pages.items():
        window.stack.setCurrentWidget(page)
        QApplication.processEvents()
        qtbot.wait(20)
        assert fits(window.minimumSizeHint(), room), (page.objectName(), window.minimumSizeHint())
        assert fits(window.size(), room)
        hidden = [b.objectName() for b in buttons if not shown_whole(b)]
        assert not hidden, f"{type(page).__name__}: {hidden}"


def test_the_schedule_shows_each_action_in_order_within_the_formats_limit() -> None:
    from kyc_desk.faces.liveness.challenge import Action

    schedule = PromptSchedule((Action.TURN_LEFT, Action.BLINK, Action.TURN_RIGHT))
    assert schedule.total <= MAX_SELFIE_FRAMES
    shown = [schedule.prompt_at(i) for i in range(schedule.total)]
    assert shown[0] == -1 and shown[-1] == 2
    assert sorted(set(shown)) == [-1, 0, 1, 2] and shown == sorted(shown)  # one at a time, in order


def _photo_frames(count: int) -> list[bytes]:
    from tests.sync.conftest import jpeg_of

    frame = jpeg_of("obama.jpg", width=160)
    return [frame] * count


def test_a_faster_camera_is_thinned_to_15_frames_a_second_and_closed_afterwards() -> None:
    from kyc_desk.faces.liveness.challenge import Action

    source = ImageSequenceSource(_photo_frames(40), fps=30.0)
    prompts: list[int] = []
    clip = record_selfie(source, (Action.BLINK,), on_frame=lambda _frame, prompt: prompts.append(prompt))
    assert len(clip.frames) == 20 and clip.fps == 15.0  # every other frame of 40
    assert clip.frames[0].startswith(b"\xff\xd8\xff") and len(prompts) == 20
    assert source.read() is None  # closed


def test_a_short_or_stopped_recording_gives_no_clip() -> None:
    from kyc_desk.cards.errors import Cancelled

    with pytest.raises(SelfieTooShort):
        record_selfie(ImageSequenceSource(_photo_frames(2)), ())
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        record_selfie(ImageSequenceSource(_photo_frames(10)), (), stop=stop)
