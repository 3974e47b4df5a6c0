"""The client app (``kyc-desk client LINK``) driven through its window, as a client at home runs it: a
software My Number card on the virtual reader (pcscd + vpcd), a selfie clip of a real photo performing
the link's actions fed through the frame-source seam, a real endpoint on loopback, and the desk pulling
and verifying what arrived. Also: a wrong secret is reported with the tries and never sent again, a card
pulled off is explained, a network loss loses nothing (the resend needs no second read), and a used link
ends on a page that says so."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QRadioButton
from pytestqt.qtbot import QtBot

from kyc_desk.app.client import ClientService
from kyc_desk.faces.capture import ImageSequenceSource
from kyc_desk.sync.desk import IMPORTED
from kyc_desk.sync.face_checks import EngineFaceChecker, NoFaceEngine
from kyc_desk.sync.format import Method, PartKind
from kyc_desk.ui.client.window import ClientWindow
from kyc_desk.verify.report import Verdict
from kyc_desk_testkit.softcard.mynumber import build_mynumber_card

from .desk_fixtures import LIVENESS, live_frames, make_desk, taro

WAIT_MS = 60_000


def camera_of(frames: tuple[bytes, ...]) -> Callable[[], ImageSequenceSource]:
    """The frame-source seam fed with real frames (a photo animated by the test kit), 15 frames/s."""
    return lambda: ImageSequenceSource(list(frames), fps=15.0)


@pytest.fixture
def client(qtbot: QtBot, japanese: None) -> Iterator[Callable[..., ClientWindow]]:
    windows: list[ClientWindow] = []

    def open_window(link: str, frames: tuple[bytes, ...] = ()) -> ClientWindow:
        window = ClientWindow(link, ClientService(), camera_of(frames))
        qtbot.addWidget(window)
        window.show()
        window.start()
        windows.append(window)
        return window

    yield open_window
    for window in windows:
        window.shutdown()


def _consent(qtbot: QtBot, window: ClientWindow, method: str) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.intro, timeout=WAIT_MS)
    assert not window.intro.next.isEnabled()  # nothing happens without consent
    button = window.intro.findChild(QRadioButton, f"method_{method}")
    assert button is not None
    button.setChecked(True)
    window.intro.consent.setChecked(True)
    window.intro.next.click()
    assert window.stack.currentWidget() is window.card_page


def _read(qtbot: QtBot, window: ClientWindow, reader: str) -> None:
    page = window.card_page
    qtbot.waitUntil(lambda: page.readers.findText(reader) >= 0, timeout=WAIT_MS)
    page.readers.setCurrentIndex(page.readers.findText(reader))
    qtbot.waitUntil(page.start.isEnabled, timeout=WAIT_MS)
    page.start.click()


def _type_code_b(
    qtbot: QtBot, window: ClientWindow, code_b: Any, *, tries: int = 10, security_code: str | None = None,
    before_ok: Callable[[], None] | None = None,
) -> None:
    """The holder types 照合番号B as printed on the card, after the dialog showed the card's tries left."""
    from kyc_desk.jp.era import format_japanese

    qtbot.waitUntil(lambda: window.secret_dialog is not None, timeout=WAIT_MS)
    dialog = window.secret_dialog
    assert dialog is not None and dialog.name == "code_b"
    assert f"残り回数: {tries}回" in dialog.tries_label.text()  # the card's count, read before anything is sent
    dialog.birth_date.insert(format_japanese(code_b.birth_date))  # type: ignore[attr-defined]
    dialog.expiry_year.insert(str(code_b.expiry_year))  # type: ignore[attr-defined]
    dialog.security_code.insert(security_code or code_b.security_code)  # type: ignore[attr-defined]
    if before_ok is not None:
        before_ok()
    dialog.ok.click()


def _record_selfie(qtbot: QtBot, window: ClientWindow) -> None:
    page = window.selfie_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=WAIT_MS)
    page.start.click()
    qtbot.waitUntil(page.next.isEnabled, timeout=WAIT_MS)
    assert window.selfie is not None and len(window.selfie.frames) >= 3
    page.next.click()
    assert window.stack.currentWidget() is window.send_page


@pytest.mark.pcsc
@pytest.mark.slow
def test_a_client_submits_card_and_selfie_and_the_desk_verifies_it(
    tmp_path, open_server, vpcd_slot, qtbot: QtBot, client
) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE, Method.WA), person=taro(), liveness=LIVENESS)
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    window = client(request.link, live_frames())

    _consent(qtbot, window, "he")
    _read(qtbot, window, vpcd_slot.reader)
    _type_code_b(qtbot, window, soft.code_b)
    _record_selfie(qtbot, window)
    assert window.card is not None and window.card.document is not None
    assert any(p.kind is PartKind.PRESENCE_SIGNATURE for p in window.card.parts)
    window.send_page.send.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end, timeout=WAIT_MS)
    assert window.receipt is not None and "提出が完了しました" in window.end.heading.text()
    assert window.send_page.progress.value() == 100

    assert soft.forbidden_touches == []  # the individual number was never selected or read
    assert sum(1 for c in soft.received if c[2] == 0x20 and c[0] == "surface") == 2  # tries query + one VERIFY
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=EngineFaceChecker())
    assert [i.outcome for i in result.items] == [IMPORTED]
    record = desk.store.get(result.items[0].record_id)
    checks = {c.name: c.verdict for c in record.report}
    assert checks["surface.signature"] is Verdict.VALID
    assert checks["surface.presence"] is Verdict.VALID  # this chip signed this request's challenge
    assert checks["face.match"] is Verdict.CONSISTENT  # the chip photo against the clip's first frame
    assert checks["face.liveness"] is Verdict.CONSISTENT  # the clip performed the link's actions
    assert record.client.person.name == taro().name

    again = client(request.link)  # the link is closed once the desk has the submission
    qtbot.waitUntil(lambda: again.stack.currentWidget() is again.end, timeout=WAIT_MS)
    assert "このリンクは使えません" in again.end.heading.text()
    assert "使用済み" in again.end.text.text()


class Relay:
    """A TCP relay on loopback between the client and the endpoint, which the test can cut (the network
    is lost: connections are refused) and restore on the same port."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(8)
        self._listener = listener
        thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def down(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                conn, _addr = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target, timeout=30)
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


@pytest.mark.pcsc
def test_wrong_code_b_card_pulled_and_network_loss_lose_nothing(
    tmp_path, open_server, vpcd_slot, qtbot: QtBot, client
) -> None:  # type: ignore[no-untyped-def]
    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    server_port = open_server.url.rsplit(":", 1)[1]
    relay = Relay(int(server_port))
    relay.up()
    link = request.link.replace(f"127.0.0.1:{server_port}/", f"127.0.0.1:{relay.port}/")
    soft = vpcd_slot.insert(build_mynumber_card("taro"))
    window = client(link, live_frames())
    _consent(qtbot, window, "he")  # the only method: chosen already
    page = window.card_page

    # a wrong 照合番号B: one VERIFY with what was typed, the tries said, never sent again
    _read(qtbot, window, vpcd_slot.reader)
    _type_code_b(qtbot, window, soft.code_b, security_code="0000")
    qtbot.waitUntil(lambda: "暗証番号が違います" in page.status.text(), timeout=WAIT_MS)
    assert "残り回数: 9回" in page.status.text()
    assert soft.verify_attempts == 1 and window.secret_dialog is None and window.card is None
    assert page.start.isEnabled()

    # the holder starts again and types it right; the card leaves the reader just after the VERIFY
    page.start.click()
    _type_code_b(qtbot, window, soft.code_b, tries=9, before_ok=lambda: vpcd_slot.bridge.remove_after(3))
    qtbot.waitUntil(lambda: "離れました" in page.status.text(), timeout=WAIT_MS)
    assert "破棄しました" in page.status.text() and window.card is None

    vpcd_slot.remove()
    vpcd_slot.insert(soft)
    qtbot.waitUntil(page.start.isEnabled, timeout=WAIT_MS)
    page.start.click()
    _type_code_b(qtbot, window, soft.code_b)  # the right one reset the counter
    _record_selfie(qtbot, window)
    reads = len(soft.received)

    # the network is lost while sending: the card data and the clip stay, and a resend needs no new read
    relay.down()
    window.send_page.send.click()
    qtbot.waitUntil(lambda: "接続できませんでした" in window.send_page.status.text(), timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.send_page and window.card is not None
    assert window.send_page.send.isEnabled()
    relay.up()
    window.send_page.send.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end, timeout=WAIT_MS)
    assert window.receipt is not None
    assert len(soft.received) == reads  # the card was not touched again
    relay.down()

    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert [i.outcome for i in result.items] == [IMPORTED]
    checks = {c.name: c.verdict for c in desk.store.get(result.items[0].record_id).report}
    assert checks["surface.signature"] is Verdict.VALID



@pytest.mark.pcsc
def test_wa_with_one_try_left_needs_the_holders_confirmation_and_the_desk_verifies_the_signature(
    tmp_path, open_server, vpcd_slot, qtbot: QtBot, client
) -> None:  # type: ignore[no-untyped-def]
    """ワ: the signature password with one try left is sent only after the holder ticks the confirmation;
    no selfie is taken; the desk checks the signature over this request's challenge."""
    from kyc_desk_testkit.softcard.mynumber import MyNumberCardOptions

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE, Method.WA), person=taro(), liveness=LIVENESS)
    soft = vpcd_slot.insert(build_mynumber_card("taro", MyNumberCardOptions(tries={"sign_pin": 1})))
    window = client(request.link)
    _consent(qtbot, window, "wa")
    _read(qtbot, window, vpcd_slot.reader)
    qtbot.waitUntil(lambda: window.secret_dialog is not None, timeout=WAIT_MS)
    dialog = window.secret_dialog
    assert dialog is not None and dialog.name == "sign_pin"
    assert "残り回数: 1回" in dialog.tries_label.text()
    dialog.secret.insert(soft.secrets["sign_pin"])
    assert dialog.confirm_last.isVisible() and not dialog.ok.isEnabled()  # the last try needs a tick
    assert "理解し" in dialog.confirm_last.text()  # addressed to the holder, not to a scrivener
    dialog.confirm_last.setChecked(True)
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.send_page, timeout=WAIT_MS)
    assert window.selfie is None and "電子署名" in window.send_page.summary.text()
    window.send_page.send.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.end, timeout=WAIT_MS)
    assert soft.verify_attempts == 1 and soft.forbidden_touches == []

    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert [i.outcome for i in result.items] == [IMPORTED]
    checks = {c.name: c.verdict for c in desk.store.get(result.items[0].record_id).report}
    assert checks["jpki.signature"] is Verdict.VALID


def test_a_link_with_another_key_or_an_unknown_token_ends_on_a_page_that_says_so(
    tmp_path, open_server, qtbot: QtBot, client
) -> None:  # type: ignore[no-untyped-def]
    """Nothing is read from a card for a link the endpoint does not know, or whose office key is not the one
    the link names (a substituted key)."""
    import re

    from kyc_desk.sync.client import DeskClient
    from kyc_desk.sync.errors import SyncRejected

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    unknown = client(re.sub(r"/s/[^#]+", "/s/" + "x" * 43, request.link))
    other_key = client(re.sub(r"#k=[0-9a-f]+", "#k=" + "0" * 32, request.link))
    only_ho = client(desk.sync.create_request((Method.HO,), person=taro(), liveness=LIVENESS).link)
    with DeskClient(open_server.url, open_server.desk_token) as endpoint, pytest.raises(SyncRejected):
        # a challenge repeating an action could never pass the desk's liveness check: no link is made
        endpoint.create_request((Method.HE,), desk.office.public_text, liveness="blink,blink")
    for window in (unknown, other_key, only_ho):
        qtbot.waitUntil(lambda w=window: w.stack.currentWidget() is w.end, timeout=WAIT_MS)
    assert "登録されていません" in unknown.end.text.text()
    assert "事務所鍵がリンクと一致しません" in other_key.end.text.text()
    assert "スマートフォン" in only_ho.end.text.text()  # ホ is the phone page's
    assert open_server.store.counts()["submissions"] == 0


def test_kyc_desk_client_says_a_mistyped_link_before_any_window_opens(capsys) -> None:  # type: ignore[no-untyped-def]
    from kyc_desk.cli.main import main

    assert main(["client", "https://example.invalid/verify?id=1"]) == 1
    assert "本人確認用のリンクではありません" in capsys.readouterr().err


def test_the_upload_reports_its_bytes_and_the_endpoint_gets_the_same_envelope(tmp_path, open_server) -> None:  # type: ignore[no-untyped-def]
    """The progress bar's source: the body goes out in chunks with its length declared, and the desk opens
    what arrived."""
    from kyc_desk.sync.format import DocumentKind
    from kyc_desk.sync.submitter import submit

    from .desk_fixtures import he_parts

    desk = make_desk(tmp_path, open_server.url, open_server.desk_token)
    request = desk.sync.create_request((Method.HE,), person=taro(), liveness=LIVENESS)
    sent: list[tuple[int, int]] = []
    stages: list[str] = []
    receipt = submit(request.link, Method.HE, DocumentKind.MYNUMBER, he_parts(list(live_frames())),
                     progress=stages.append, on_sent=lambda done, total: sent.append((done, total)))
    assert stages == ["link", "encrypt", "upload", "done"]
    assert len(sent) > 1 and sent[-1] == (receipt.size, receipt.size)
    assert [done for done, _ in sent] == sorted(done for done, _ in sent)
    result = desk.sync.pull(desk.store, anchors=desk.anchors, faces=NoFaceEngine())
    assert [i.outcome for i in result.items] == [IMPORTED]
