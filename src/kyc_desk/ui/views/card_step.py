"""カードの読取 — step 2: the reader panel (readers, card presence, card type, live) and the read itself.

The panel follows the card layer's monitor (:class:`~kyc_desk.ui.workers.ReaderWatch`); when a card
arrives, the card session detects its type. 「読み取り開始」 starts the read on the card session's thread;
each step of the reader shows up in the progress list, 「中止」 stops before the next APDU, and a card
pulled off mid-read is explained in plain words. Secrets are asked with :class:`SecretDialog`, after
the card reported the tries left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import PromptAnswer, PromptRequest
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.dialogs.secret_dialog import SecretDialog
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kyc_desk.cards.detect import CardKind
    from kyc_desk.cards.monitor import CardEvent
    from kyc_desk.ui.workers.card_session import ReadOutcome



#: Reader steps (the card readers' progress names) as the user reads them.
STEP_TEXTS: Final[dict[str, str]] = {
    "detected": QT_TRANSLATE_NOOP("CardStepView", "カードの種類を確認しました"),
    "jpki": QT_TRANSLATE_NOOP("CardStepView", "公的個人認証の証明書を読んでいます"),
    "surface": QT_TRANSLATE_NOOP("CardStepView", "券面事項（顔写真・氏名・住所）を読んでいます"),
    "text": QT_TRANSLATE_NOOP("CardStepView", "券面事項入力補助（基本4情報）を読んでいます"),
    "sign": QT_TRANSLATE_NOOP("CardStepView", "署名用電子証明書を読んでいます"),
    "challenge": QT_TRANSLATE_NOOP("CardStepView", "カードに署名を求めています（本人の保有確認）"),
    "common": QT_TRANSLATE_NOOP("CardStepView", "有効期限を読んでいます"),
    "card_type": QT_TRANSLATE_NOOP("CardStepView", "カード種別を読んでいます"),
    "authenticate": QT_TRANSLATE_NOOP("CardStepView", "在留カード番号で認証しています"),
    "pin1": QT_TRANSLATE_NOOP("CardStepView", "暗証番号1を確認しています"),
    "pin2": QT_TRANSLATE_NOOP("CardStepView", "暗証番号2を確認しています"),
    "auth": QT_TRANSLATE_NOOP("CardStepView", "利用者証明用の鍵で署名を求めています（再来の確認）"),
    "items": QT_TRANSLATE_NOOP("CardStepView", "記載事項（氏名・住所・生年月日）を読んでいます"),
    "domicile": QT_TRANSLATE_NOOP("CardStepView", "本籍を読んでいます"),
    "photo": QT_TRANSLATE_NOOP("CardStepView", "顔写真を読んでいます"),
    "verify": QT_TRANSLATE_NOOP("CardStepView", "署名と証明書を検証しています"),
}


def step_text(step: str) -> str:
    source = STEP_TEXTS.get(step)
    return QCoreApplication.translate("CardStepView", source) if source else step


class CardStepView(QWidget):
    """Reader panel and read control. ``by_card`` (off by default) asks for the returning client's card
    proof with the read. Emits ``read_requested(reader)``, ``cancel_requested``,
    ``answer_ready(PromptAnswer | None)`` and ``read_finished(ReadOutcome)``."""

    read_requested = Signal(str)
    detect_requested = Signal(str)
    cancel_requested = Signal()
    answer_ready = Signal(object)
    read_finished = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_step")
        self._readers: dict[str, dict[str, object]] = {}
        self._reading = False
        self.secret_dialog: SecretDialog | None = None
        layout = QHBoxLayout(self)

        panel = QGroupBox(self.tr("カードリーダー"))
        panel_layout = QVBoxLayout(panel)
        self.reader_list = QListWidget()
        self.reader_list.setObjectName("reader_list")
        self.reader_list.setMinimumWidth(320)  # room beside it for the read box at 1280×720 (English too)
        panel_layout.addWidget(self.reader_list, 1)
        self.monitor_status = QLabel()
        self.monitor_status.setObjectName("monitor_status")
        self.monitor_status.setWordWrap(True)
        panel_layout.addWidget(self.monitor_status)
        layout.addWidget(panel, 1)

        read_box = QGroupBox(self.tr("読み取り"))
        read_layout = QVBoxLayout(read_box)
        hint = QLabel(
            self.tr(
                "カードをリーダーに置き、左の一覧でリーダーを選んで「読み取り開始」を押してください。"
                "マイナンバーカードは暗証番号を使わない照合番号Bで読み取ります。"
            )
        )
        hint.setWordWrap(True)
        read_layout.addWidget(hint)
        self.by_card = QCheckBox(
            self.tr("再来の依頼者をカードで確認する（依頼者が利用者証明用電子証明書の暗証番号4桁を入力）(&K)")
        )
        self.by_card.setObjectName("by_card")
        self.by_card.setToolTip(
            self.tr(
                "マイナンバーカードのみ。カードが利用者証明用の鍵で新しいチャレンジに署名し、以前にこのカードで"
                "本人確認した記録を探します。保存すると、この記録にカードの証明書（発行者とシリアル番号）を紐付けます。"
            )
        )
        read_layout.addWidget(self.by_card)
        buttons = QHBoxLayout()
        self.start = QPushButton(self.tr("読み取り開始(&R)"))
        self.start.setObjectName("start_read")
        self.start.setEnabled(False)
        self.cancel = QPushButton(self.tr("中止(&C)"))
        self.cancel.setObjectName("cancel_read")
        self.cancel.setEnabled(False)
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        read_layout.addLayout(buttons)
        self.steps = QListWidget()
        self.steps.setObjectName("read_steps")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        read_layout.addWidget(self.steps, 1)
        self.status = QLabel()
        self.status.setObjectName("read_status")
        self.status.setWordWrap(True)
        read_layout.addWidget(self.status)
        layout.addWidget(read_box, 1)

        self.start.clicked.connect(self._start)
        self.cancel.clicked.connect(self._cancel)
        self.reader_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.reader_list.itemActivated.connect(lambda _item: self._start())

    # -- reader panel ------------------------------------------------------------------------------
    def on_card_event(self, event: CardEvent) -> None:
        """Follow the monitor: readers come and go, cards are put down and taken away."""
        if event.kind == "reader_added":
            self._readers[event.reader] = {"present": False, "kind": None}
        elif event.kind == "reader_removed":
            self._readers.pop(event.reader, None)
        elif event.kind == "card_inserted":
            self._readers.setdefault(event.reader, {})["present"] = True
            self._readers[event.reader]["kind"] = None
            if not self._reading:
                self.detect_requested.emit(event.reader)
        elif event.kind == "card_removed":
            self._readers.setdefault(event.reader, {})["present"] = False
            self._readers[event.reader]["kind"] = None
        self._refresh_readers()

    def on_monitor_failed(self, error: KycDeskError) -> None:
        self.monitor_status.setText(error.user_text())

    def on_detected(self, reader: str, kind: CardKind) -> None:
        if reader in self._readers and self._readers[reader].get("present"):
            self._readers[reader]["kind"] = kind
            self._refresh_readers()

    def _refresh_readers(self) -> None:
        current = self.current_reader()
        self.reader_list.clear()
        select_row = -1
        for row, (name, state) in enumerate(sorted(self._readers.items())):
            if state.get("present"):
                kind = state.get("kind")
                card = kind.label() if kind is not None else self.tr("カードを確認中…")  # type: ignore[attr-defined]
                text = f"{name}\n    ● {card}"
            else:
                text = f"{name}\n    ○ {self.tr('カードなし')}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.reader_list.addItem(item)
            if name == current or (current is None and state.get("present") and select_row < 0):
                select_row = row
        if select_row >= 0:
            self.reader_list.setCurrentRow(select_row)
        if not self._readers:
            self.monitor_status.setText(self.tr("カードリーダーが見つかりません。接続を確認してください。"))
        else:
            self.monitor_status.clear()
        self._update_buttons()

    def current_reader(self) -> str | None:
        item = self.reader_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def card_present(self, reader: str | None) -> bool:
        return bool(reader and self._readers.get(reader, {}).get("present"))

    def _update_buttons(self) -> None:
        self.start.setEnabled(not self._reading and self.card_present(self.current_reader()))
        self.cancel.setEnabled(self._reading)

    # -- reading -------------------------------------------------------------------------------------
    def _start(self) -> None:
        reader = self.current_reader()
        if self._reading or not self.card_present(reader):
            return
        assert reader is not None
        self._reading = True
        self.steps.clear()
        self.status.setText(self.tr("読み取り中です。カードをリーダーから離さないでください。"))
        self._update_buttons()
        self.cancel.setFocus()
        self.read_requested.emit(reader)

    def _cancel(self) -> None:
        if self._reading:
            self.status.setText(self.tr("中止しています…"))
            self.cancel_requested.emit()

    def on_progress(self, step: str) -> None:
        self.steps.addItem(f"✓ {step_text(step)}" if step == "detected" else f"… {step_text(step)}")
        self.steps.scrollToBottom()

    def on_secret_needed(self, request: PromptRequest) -> None:
        """Ask for the secret (the card already told us the tries left)."""
        dialog = SecretDialog(
            request.name, request.tries_left, request.max_tries, skippable=request.skippable, parent=self
        )
        self.secret_dialog = dialog

        def finished(_result: int) -> None:
            answer = dialog.take_answer()
            self.secret_dialog = None
            dialog.deleteLater()
            self.answer_ready.emit(None if answer is None else PromptAnswer(answer.value, answer.confirm_last_try))
            if answer is None and not dialog.skipped:
                self._cancel()  # 中止 in the dialog stops the whole read
            self.window().activateWindow()  # the keyboard goes back to the window, not nowhere
            (self.cancel if self._reading else self.reader_list).setFocus()

        dialog.finished.connect(finished)
        dialog.open()

    def on_read_done(self, outcome: ReadOutcome) -> None:
        self._reading = False
        self.status.setText(self.tr("読み取りが完了しました。"))
        self._update_buttons()
        self.read_finished.emit(outcome)

    def on_failed(self, error: KycDeskError) -> None:
        from kyc_desk.cards.errors import CardRemoved, PinBlocked, PinIncorrect

        self._reading = False
        if isinstance(error, CardRemoved):
            text = self.tr(
                "読み取りの途中でカードがリーダーから離れました。読み取った内容は使わずに破棄しました。"
                "カードを置き直して、もう一度「読み取り開始」を押してください。"
            )
        elif isinstance(error, PinIncorrect) and error.retries_left is None:  # no counter (e.g. 6300)
            text = self.tr("入力された番号が違います。再入力は、もう一度読み取りを始めてから行ってください。")
        elif isinstance(error, PinIncorrect):
            text = self.tr(
                "入力された番号が違います。残り回数: %1回。再入力は、もう一度読み取りを始めてから行ってください。"
            ).replace("%1", str(error.retries_left))
        elif isinstance(error, PinBlocked):
            text = self.tr("このカードの暗証番号はロックされています。発行元での解除手続きが必要です。")
        else:
            text = error.user_text()
        self.status.setText(text)
        self._update_buttons()

    def on_cancelled(self) -> None:
        self._reading = False
        if self.secret_dialog is not None:
            self.secret_dialog.reject()
        self.status.setText(self.tr("読み取りを中止しました。カードには何も書き込んでいません。"))
        self._update_buttons()

    def reset(self) -> None:
        self.steps.clear()
        self.status.clear()
