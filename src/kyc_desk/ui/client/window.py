"""本人確認（提出用）— the client app's window: open the link, consent, card, selfie, send, end.

The work is :mod:`kyc_desk.app.client`'s (the submitter's steps); this window orders it, runs each
blocking step on the task pool (:class:`~kyc_desk.ui.workers.tasks.TaskRunner`), and keeps what was
gathered. What it guarantees:

- secrets are asked with the desk's :class:`~kyc_desk.ui.dialogs.secret_dialog.SecretDialog` in its
  holder's words, after the card reported the tries left; the last try needs an explicit tick; a wrong
  secret stops the read and is never sent again by the app — the holder starts a new read and types again;
- a card pulled off, a wrong secret or a camera that fails leaves the earlier steps as they were; a
  failed upload keeps the card data and the clip, and 「送信する」 sends them again (no second read, no PIN);
- a link that is expired, used or unknown, or whose office key does not match, ends on a page that says
  so and what to do; nothing is sent.

``open_camera`` is the frame-source seam (:func:`kyc_desk.app.client.webcam` by default): tests pass real
photos animated by the test kit, through the same recording code a webcam goes through.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QTransform
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kyc_desk.app import PromptAnswer, PromptRequest
from kyc_desk.app.client import ClientService, ReadControl, record_selfie
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.client.bridge import FrameFeed, PromptBridge
from kyc_desk.ui.client.pages import (
    ACTION_PROMPTS,
    CARD_STEPS,
    SEND_STAGES,
    CardPage,
    EndPage,
    IntroPage,
    OpeningPage,
    SelfiePage,
    SendPage,
    translated,
)
from kyc_desk.ui.dialogs.secret_dialog import SecretDialog
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.app.client import CardParts, ClientRequest, SelfieClip
    from kyc_desk.faces.capture import FrameSource
    from kyc_desk.sync.format import Method
    from kyc_desk.sync.submitter import Receipt

log = logging.getLogger(__name__)

STEP_NAMES: Final = (
    QT_TRANSLATE_NOOP("ClientWindow", "ご案内"),
    QT_TRANSLATE_NOOP("ClientWindow", "カード"),
    QT_TRANSLATE_NOOP("ClientWindow", "撮影"),
    QT_TRANSLATE_NOOP("ClientWindow", "送信"),
)
METHOD_TEXTS: Final = {
    "he": QT_TRANSLATE_NOOP(
        "ClientWindow", "ICチップの読み取りと顔の撮影（ヘ）: マイナンバーカード・運転免許証・在留カードなど"
    ),
    "wa": QT_TRANSLATE_NOOP(
        "ClientWindow", "電子署名（ワ）: マイナンバーカードの署名用電子証明書で署名します（署名用パスワードが必要です）"
    ),
}
DOCUMENT_TEXTS: Final = {
    "mynumber": QT_TRANSLATE_NOOP("ClientWindow", "マイナンバーカード"),
    "driver_licence": QT_TRANSLATE_NOOP("ClientWindow", "運転免許証"),
    "residence_card": QT_TRANSLATE_NOOP("ClientWindow", "在留カード・特別永住者証明書"),
}


def _t(source: str) -> str:
    return QCoreApplication.translate("ClientWindow", source)


class ClientWindow(QMainWindow):
    """The client app (see the module docstring). ``submitted(Receipt)`` when the endpoint has the envelope."""

    submitted = Signal(object)

    def __init__(
        self, link: str, service: ClientService, open_camera: Callable[[], FrameSource],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("client_window")
        self.setWindowTitle(self.tr("本人確認（提出用）"))
        self._link = link
        self._service = service
        self._open_camera = open_camera
        self.tasks = TaskRunner(threads=2, parent=self)
        self.bridge = PromptBridge(self)
        self.feed = FrameFeed(self)
        self.request: ClientRequest | None = None
        self.method: Method | None = None
        self.card: CardParts | None = None
        self.selfie: SelfieClip | None = None
        self.receipt: Receipt | None = None
        self.secret_dialog: SecretDialog | None = None
        self._control: ReadControl | None = None
        self._stop_selfie: threading.Event | None = None
        self._busy = False

        central = QWidget()
        layout = QVBoxLayout(central)
        self.steps_label = QLabel()
        self.steps_label.setObjectName("client_steps")
        layout.addWidget(self.steps_label)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.opening = OpeningPage()
        self.intro = IntroPage()
        self.card_page = CardPage()
        self.selfie_page = SelfiePage()
        self.send_page = SendPage()
        self.end = EndPage()
        for page in (self.opening, self.intro, self.card_page, self.selfie_page, self.send_page, self.end):
            self.stack.addWidget(page)
        self.resize(880, 640)
        self._wire()
        self._show(self.opening, -1)

    def _wire(self) -> None:
        self.intro.consent.toggled.connect(self._update_intro)
        self.intro.methods.buttonToggled.connect(lambda *_: self._update_intro())
        self.intro.next.clicked.connect(self._to_card)
        self.card_page.refresh.clicked.connect(self._refresh_readers)
        self.card_page.start.clicked.connect(self._start_read)
        self.card_page.cancel.clicked.connect(self._cancel_read)
        self.card_page.back.clicked.connect(lambda: self._show(self.intro, 0))
        self.card_page.readers.currentIndexChanged.connect(lambda _i: self._update_card_buttons())
        self.bridge.secret_needed.connect(self._ask_secret)
        self.bridge.progress.connect(self._card_progress)
        self.bridge.send_progress.connect(self._send_progress)
        self.bridge.sent.connect(self._sent_bytes)
        self.feed.frame.connect(self._show_frame)
        self.selfie_page.start.clicked.connect(self._start_selfie)
        self.selfie_page.next.clicked.connect(self._to_send)
        self.send_page.send.clicked.connect(self._send)
        self.end.again.clicked.connect(self.start)
        self.end.finish.clicked.connect(self.close)

    def _show(self, page: QWidget, step: int) -> None:
        self.stack.setCurrentWidget(page)
        parts = []
        for i, name in enumerate(STEP_NAMES):
            text = f"{i + 1}. {_t(name)}"
            parts.append(f"<b><u>{text}</u></b>" if i == step else f"<span style='color:#777'>{text}</span>")
        self.steps_label.setText("&nbsp;&nbsp;›&nbsp;&nbsp;".join(parts))

    # -- 1. the link ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the link's request (on the task pool)."""
        self.end.again.setVisible(False)
        self._show(self.opening, -1)
        self.tasks.start("open link", lambda: self._service.open_link(self._link),
                         returned=self._opened, errored=self._open_failed)  # fmt: skip

    def _opened(self, request: ClientRequest) -> None:
        from kyc_desk.jp.time import JAPAN_TIME

        self.request = request
        until = request.expires_at.astimezone(JAPAN_TIME)
        self.intro.summary.setText(
            self.tr("事務所から本人確認の依頼が届いています。この手続きの期限は %1 です（日本時間）。")
            .replace("%1", until.strftime("%Y-%m-%d %H:%M"))
        )
        for button in self.intro.methods.buttons():
            self.intro.methods.removeButton(button)
            button.deleteLater()
        for method in request.methods:
            self.intro.add_method(method.value, _t(METHOD_TEXTS[method.value]))
        buttons = self.intro.methods.buttons()
        if len(buttons) == 1:
            buttons[0].setChecked(True)
        self._update_intro()
        self._show(self.intro, 0)

    def _open_failed(self, error: KycDeskError) -> None:
        from kyc_desk.sync.errors import LinkInvalid, SyncUnreachable

        if isinstance(error, SyncUnreachable):
            self._end(self.tr("受付サーバーに接続できません"), self.tr(
                "インターネットに接続されているか確かめて、「もう一度試す」を押してください。"), again=True)
        elif isinstance(error, LinkInvalid):
            self._end(self.tr("このリンクは使えません"),
                      error.user_text() + "\n" + self.tr("ご不明な点は、リンクを送った事務所にお問い合わせください。"))
        else:
            self._end(self.tr("手続きを始められません"),
                      error.user_text() + "\n" + self.tr("ご不明な点は、リンクを送った事務所にお問い合わせください。"))

    def _update_intro(self) -> None:
        self.intro.next.setEnabled(self.intro.consent.isChecked() and self.intro.methods.checkedButton() is not None)

    def _to_card(self) -> None:
        from kyc_desk.sync.format import Method

        checked = self.intro.methods.checkedButton()
        if checked is None or not self.intro.consent.isChecked():
            return
        method = Method(checked.property("method"))
        if method is not self.method:
            self.card = None  # another method needs another read
        self.method = method
        if method is Method.WA:
            text = self.tr("マイナンバーカードをカードリーダーに置いて、「読み取り開始」を押してください。"
                           "署名用電子証明書のパスワード（英数字6〜16文字）を入力します。")
        else:
            text = self.tr("マイナンバーカード、運転免許証、在留カードまたは特別永住者証明書を"
                           "カードリーダーに置いて、「読み取り開始」を押してください。"
                           "カードの種類に応じて、暗証番号などの入力を求めます。")
        self.card_page.instruction.setText(text)
        self._show(self.card_page, 1)
        self._update_card_buttons()
        self._refresh_readers()

    # -- 2. the card ------------------------------------------------------------------------------------
    def _refresh_readers(self) -> None:
        self.tasks.start("readers", self._service.readers, returned=self._set_readers,
                         errored=lambda error: self.card_page.status.setText(error.user_text()))  # fmt: skip

    def _set_readers(self, readers: list[str]) -> None:
        combo = self.card_page.readers
        current = combo.currentText()
        combo.clear()
        combo.addItems(readers)
        if current in readers:
            combo.setCurrentText(current)
        if not readers:
            self.card_page.status.setText(self.tr(
                "カードリーダーが見つかりません。リーダーをパソコンに接続して「再検索」を押してください。"))
        self._update_card_buttons()

    def _update_card_buttons(self) -> None:
        page = self.card_page
        page.start.setEnabled(not self._busy and bool(page.readers.currentText()))
        page.cancel.setEnabled(self._busy)
        page.back.setEnabled(not self._busy)
        page.refresh.setEnabled(not self._busy)

    def _start_read(self) -> None:
        reader = self.card_page.readers.currentText()
        if self._busy or not reader or self.request is None or self.method is None:
            return
        request, method = self.request, self.method
        self._busy = True
        self.card = None
        self.card_page.steps.clear()
        self.card_page.status.setText(self.tr("読み取っています。終わるまでカードをリーダーから離さないでください。"))
        self._update_card_buttons()
        self.bridge.reset()
        control = self._control = ReadControl()
        self.tasks.start(
            "read card",
            lambda: self._service.read_card(request, method, reader, self.bridge.ask, self.bridge.progress.emit,
                                            control),
            returned=self._card_read, errored=self._card_failed,
        )  # fmt: skip

    def _cancel_read(self) -> None:
        if self._control is not None:
            self.card_page.status.setText(self.tr("中止しています…"))
            self._control.cancel()
        self.bridge.cancel()

    def _card_progress(self, step: str) -> None:
        self.card_page.steps.addItem(f"… {translated(CARD_STEPS, step)}")
        self.card_page.steps.scrollToBottom()

    def _ask_secret(self, request: PromptRequest) -> None:
        """The card already reported the tries left; the holder types, once."""
        dialog = SecretDialog(request.name, request.tries_left, request.max_tries, skippable=False, holder=True,
                              parent=self)  # fmt: skip
        self.secret_dialog = dialog

        def finished(_result: int) -> None:
            answer = dialog.take_answer()
            self.secret_dialog = None
            dialog.deleteLater()
            self.bridge.answer(None if answer is None else PromptAnswer(answer.value, answer.confirm_last_try))

        dialog.finished.connect(finished)
        dialog.open()

    def _card_read(self, card: CardParts) -> None:
        from kyc_desk.sync.format import Method

        self._busy = False
        self._control = None
        self.card = card
        self.card_page.steps.addItem(f"✓ {self.tr('読み取りが完了しました')}")
        self.card_page.status.setText(self.tr("読み取りました。カードはリーダーから外してかまいません。"))
        self._update_card_buttons()
        if card.method is Method.HE:
            self._to_selfie()
        else:
            self._to_send()

    def _card_failed(self, error: KycDeskError) -> None:
        from kyc_desk.cards.errors import Cancelled, CardRemoved, PinBlocked, PinIncorrect

        self._busy = False
        self._control = None
        if self.secret_dialog is not None:
            self.secret_dialog.reject()
        if isinstance(error, Cancelled):
            text = self.tr("読み取りを中止しました。カードには何も書き込んでいません。")
        elif isinstance(error, CardRemoved):
            text = self.tr("読み取りの途中でカードがリーダーから離れました。読み取った内容は破棄しました。"
                           "カードを置き直して、もう一度「読み取り開始」を押してください。")
        elif isinstance(error, PinIncorrect) and error.retries_left is not None:
            text = self.tr("入力された暗証番号が違います（カードの残り回数: %1回）。入力し直す場合は、"
                           "よく確かめてから、もう一度「読み取り開始」を押してください。"
                           ).replace("%1", str(error.retries_left))
        elif isinstance(error, PinIncorrect):
            text = self.tr("入力された番号が違います。よく確かめてから、もう一度「読み取り開始」を押してください。")
        elif isinstance(error, PinBlocked):
            text = self.tr("このカードの暗証番号はロックされています。発行元（市区町村の窓口・運転免許センターなど）"
                           "での解除の手続きが必要です。解除の後で、もう一度お試しください。")
        else:
            text = error.user_text()
        self.card_page.status.setText(text)
        self._update_card_buttons()

    # -- 3. the selfie ----------------------------------------------------------------------------------
    def _to_selfie(self) -> None:
        assert self.request is not None
        from kyc_desk.app.client import PromptSchedule

        seconds = PromptSchedule(self.request.actions).total / 15.0
        self.selfie_page.instruction.setText(
            self.tr("顔全体がカメラに映るようにして「撮影開始」を押してください。撮影は約%1秒です。"
                    "右側に出る指示に合わせて、ゆっくり動いてください。").replace("%1", str(round(seconds)))
        )
        self.selfie_page.next.setEnabled(self.selfie is not None)
        self._show(self.selfie_page, 2)

    def _start_selfie(self) -> None:
        if self._busy or self.request is None:
            return
        actions = self.request.actions
        self._busy = True
        self.selfie = None
        self.selfie_page.start.setEnabled(False)
        self.selfie_page.next.setEnabled(False)
        self.selfie_page.status.setText(self.tr("撮影しています…"))
        stop = self._stop_selfie = threading.Event()
        open_camera, feed = self._open_camera, self.feed
        self.tasks.start("selfie", lambda: record_selfie(open_camera(), actions, on_frame=feed.show, stop=stop),
                         returned=self._selfie_done, errored=self._selfie_failed)  # fmt: skip

    def _show_frame(self, image: QImage, prompt: int) -> None:
        size = self.selfie_page.preview.size()
        pixmap = QPixmap.fromImage(image).transformed(QTransform().scale(-1, 1))  # a mirror, for display only
        self.selfie_page.preview.setPixmap(pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation))
        if prompt < 0 or self.request is None:
            self.selfie_page.prompt.setText(self.tr("カメラを正面から見てください"))
        else:
            actions = self.request.actions
            self.selfie_page.prompt.setText(
                f"{translated(ACTION_PROMPTS, actions[prompt].value)}\n({prompt + 1} / {len(actions)})")

    def _selfie_done(self, clip: SelfieClip) -> None:
        self._busy = False
        self._stop_selfie = None
        self.selfie = clip
        self.selfie_page.prompt.setText(self.tr("撮影が終わりました"))
        self.selfie_page.status.setText(
            self.tr("撮影しました（%1コマ）。撮り直す場合は「撮り直す」を押してください。")
            .replace("%1", str(len(clip.frames))))
        self.selfie_page.start.setText(self.tr("撮り直す"))
        self.selfie_page.start.setEnabled(True)
        self.selfie_page.next.setEnabled(True)
        self.selfie_page.next.setFocus()

    def _selfie_failed(self, error: KycDeskError) -> None:
        from kyc_desk.faces.errors import CameraUnavailable

        self._busy = False
        self._stop_selfie = None
        if isinstance(error, CameraUnavailable):
            text = self.tr("カメラを使えません。カメラが接続され、ほかのアプリで使われていないことを確かめて、"
                           "もう一度「撮影開始」を押してください。")
        else:
            text = error.user_text()
        self.selfie_page.status.setText(text + "\n" + self.tr("カードの読み取り結果はそのまま残っています。"))
        self.selfie_page.start.setEnabled(True)

    # -- 4. sending -------------------------------------------------------------------------------------
    def _to_send(self) -> None:
        from kyc_desk.sync.format import Method

        card = self.card
        if card is None:
            return
        if card.method is Method.WA:
            lines = [self.tr("・署名用電子証明書と、この依頼への電子署名")]
        else:
            document = _t(DOCUMENT_TEXTS[card.document.value]) if card.document is not None else ""
            lines = [self.tr("・%1 のICチップの情報（個人番号は含みません）").replace("%1", document)]
            if self.selfie is not None:
                lines.append(self.tr("・顔の動画（%1コマ）").replace("%1", str(len(self.selfie.frames))))
        self.send_page.summary.setText(self.tr("次の内容を、事務所だけが開ける形に暗号化して送ります。") + "\n"
                                       + "\n".join(lines))  # fmt: skip
        self.send_page.progress.setValue(0)
        self.send_page.status.clear()
        self.send_page.send.setEnabled(True)
        self._show(self.send_page, 3)
        self.send_page.send.setFocus()

    def _send(self) -> None:
        if self._busy or self.request is None or self.card is None:
            return
        request, card, selfie = self.request, self.card, self.selfie
        self._busy = True
        self.send_page.send.setEnabled(False)
        self.send_page.progress.setValue(0)
        bridge = self.bridge
        self.tasks.start("send", lambda: self._service.send(request, card, selfie, bridge.send_progress.emit,
                                                            bridge.sent.emit),
                         returned=self._sent, errored=self._send_failed)  # fmt: skip

    def _send_progress(self, stage: str) -> None:
        value, text = SEND_STAGES.get(stage, (self.send_page.progress.value(), stage))
        self.send_page.progress.setValue(value)
        self.send_page.status.setText(QCoreApplication.translate("ClientPages", text))

    def _sent_bytes(self, sent: int, total: int) -> None:
        """The upload's share of the bar: from the "upload" stage's value to just below done."""
        start, end = SEND_STAGES["upload"][0], SEND_STAGES["done"][0] - 1
        self.send_page.progress.setValue(start + (end - start) * sent // max(1, total))
        self.send_page.status.setText(
            QCoreApplication.translate("ClientPages", SEND_STAGES["upload"][1])
            + f" ({sent // 1024:,} / {total // 1024:,} KB)"
        )

    def _sent(self, receipt: Receipt) -> None:
        self._busy = False
        self.receipt = receipt
        self._end(self.tr("提出が完了しました"), self.tr(
            "受付番号: %1\n事務所が内容を確認してから、結果をご連絡します。"
            "カードをリーダーから外し、このウィンドウを閉じてください。").replace("%1", receipt.submission_id[:8]))
        self.submitted.emit(receipt)

    def _send_failed(self, error: KycDeskError) -> None:
        from kyc_desk.sync.errors import LinkInvalid, MethodNotAllowed, OfficeKeyError, SyncUnreachable

        self._busy = False
        self.send_page.progress.setValue(0)
        if isinstance(error, LinkInvalid | MethodNotAllowed | OfficeKeyError):
            self._end(self.tr("送信できませんでした"),
                      error.user_text() + "\n" + self.tr("ご不明な点は、リンクを送った事務所にお問い合わせください。"))
            return
        if isinstance(error, SyncUnreachable):
            text = self.tr("受付サーバーに接続できませんでした。読み取った内容と動画はこの画面に残っています。"
                           "インターネットの接続を確かめて、もう一度「送信する」を押してください。")
        else:
            text = error.user_text() + "\n" + self.tr("読み取った内容と動画はこの画面に残っています。")
        self.send_page.status.setText(text)
        self.send_page.send.setText(self.tr("もう一度送信する"))
        self.send_page.send.setEnabled(True)

    # -- the end ----------------------------------------------------------------------------------------
    def _end(self, heading: str, text: str, *, again: bool = False) -> None:
        self.end.heading.setText(heading)
        self.end.text.setText(text)
        self.end.again.setVisible(again)
        self._show(self.end, -1)

    def shutdown(self) -> None:
        """Stop whatever runs (a read waiting for a secret, a recording) and wait for it."""
        if self._control is not None:
            self._control.cancel()
        self.bridge.cancel()
        if self._stop_selfie is not None:
            self._stop_selfie.set()
        self.tasks.wait(10000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
