"""The client app's pages: layout and words only; :mod:`.window` runs the flow between them.

Written for a client at home, not for the office: short sentences, the next action always one large
button, and every problem said with what to do next. Each page fits 1280×720 and smaller (the window opens
at 880×640).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.ui.translation import QT_TRANSLATE_NOOP

#: The card reader's steps as the client reads them (the submitter's read_he_parts / sign_wa progress).
CARD_STEPS: Final[dict[str, str]] = {
    "jpki": QT_TRANSLATE_NOOP("ClientPages", "カードの証明書を読んでいます"),
    "surface": QT_TRANSLATE_NOOP("ClientPages", "券面の情報（顔写真・氏名・住所）を読んでいます"),
    "text": QT_TRANSLATE_NOOP("ClientPages", "氏名・住所・生年月日を読んでいます"),
    "common": QT_TRANSLATE_NOOP("ClientPages", "有効期限を読んでいます"),
    "card_type": QT_TRANSLATE_NOOP("ClientPages", "カードの種類を読んでいます"),
    "authenticate": QT_TRANSLATE_NOOP("ClientPages", "在留カード番号を確認しています"),
    "pin1": QT_TRANSLATE_NOOP("ClientPages", "暗証番号1を確認しています"),
    "pin2": QT_TRANSLATE_NOOP("ClientPages", "暗証番号2を確認しています"),
    "items": QT_TRANSLATE_NOOP("ClientPages", "記載事項を読んでいます"),
    "photo": QT_TRANSLATE_NOOP("ClientPages", "顔写真を読んでいます"),
    "sign": QT_TRANSLATE_NOOP("ClientPages", "署名用電子証明書で署名しています"),
}

#: The submitter's stages (``submit(progress=…)``) as the client reads them, with the bar's value.
SEND_STAGES: Final[dict[str, tuple[int, str]]] = {
    "link": (10, QT_TRANSLATE_NOOP("ClientPages", "依頼の状態を確認しています")),
    "encrypt": (30, QT_TRANSLATE_NOOP("ClientPages", "事務所だけが開ける形に暗号化しています")),
    "upload": (60, QT_TRANSLATE_NOOP("ClientPages", "送信しています")),
    "done": (100, QT_TRANSLATE_NOOP("ClientPages", "送信が完了しました")),
}

#: The liveness actions as the prompt shows them (larger than a sentence; the person is looking at the camera).
ACTION_PROMPTS: Final[dict[str, str]] = {
    "blink": QT_TRANSLATE_NOOP("ClientPages", "まばたきをしてください"),
    "turn_left": QT_TRANSLATE_NOOP("ClientPages", "顔をゆっくり左に向けて、正面に戻してください"),
    "turn_right": QT_TRANSLATE_NOOP("ClientPages", "顔をゆっくり右に向けて、正面に戻してください"),
}


def translated(table: dict[str, str], key: str) -> str:
    source = table.get(key)
    return QCoreApplication.translate("ClientPages", source) if source else key


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + 6)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _text(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def _big_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setMinimumHeight(44)
    font = QFont(button.font())
    font.setPointSize(font.pointSize() + 2)
    button.setFont(font)
    return button


class OpeningPage(QWidget):
    """While the link is read from the endpoint."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.status = _text(self.tr("本人確認の依頼を確認しています…"), "opening_status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.status)
        layout.addStretch(1)


class IntroPage(QWidget):
    """What will happen, the methods the request allows, and the client's consent."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("オンライン本人確認のご案内")))
        self.summary = _text("", "intro_summary")
        layout.addWidget(self.summary)
        steps = _text(self.tr(
            "これから次の順に進みます。\n"
            "1. お手元のカードをカードリーダーに置き、暗証番号などを入力して読み取ります。\n"
            "2. パソコンのカメラで、画面の指示どおりに顔を動かす短い動画を撮ります（ヘ方式）。\n"
            "3. 読み取った内容と動画を暗号化して事務所に送ります。"
        ))
        layout.addWidget(steps)
        privacy = _text(self.tr(
            "・個人番号（マイナンバー）は読み取りません。\n"
            "・暗証番号は、カードの確認にだけ使い、事務所にもサーバーにも送りません。\n"
            "・送る内容は事務所の鍵で暗号化され、事務所だけが開けます。"
        ), "intro_privacy")
        layout.addWidget(privacy)
        self.method_box = QWidget()
        self.method_layout = QVBoxLayout(self.method_box)
        self.method_layout.setContentsMargins(0, 0, 0, 0)
        self.method_layout.addWidget(_text(self.tr("確認の方法を選んでください。")))
        self.methods = QButtonGroup(self)
        layout.addWidget(self.method_box)
        self.consent = QCheckBox(self.tr(
            "上記を理解し、本人確認のためにカードの情報と撮影した動画を事務所に提出することに同意します(&A)"
        ))
        self.consent.setObjectName("consent")
        layout.addWidget(self.consent)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.next = _big_button(self.tr("同意して進む"), "intro_next")
        self.next.setEnabled(False)
        row.addWidget(self.next)
        layout.addLayout(row)

    def add_method(self, key: str, text: str) -> QRadioButton:
        button = QRadioButton(text)
        button.setObjectName(f"method_{key}")
        button.setProperty("method", key)
        self.methods.addButton(button)
        self.method_layout.addWidget(button)
        return button


class CardPage(QWidget):
    """The reader, the read, and what went wrong."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("カードの読み取り")))
        self.instruction = _text("", "card_instruction")
        layout.addWidget(self.instruction)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("カードリーダー(&R)")))
        self.readers = QComboBox()
        self.readers.setObjectName("readers")
        self.readers.setMinimumWidth(320)
        row.itemAt(0).widget().setBuddy(self.readers)  # type: ignore[union-attr]
        row.addWidget(self.readers, 1)
        self.refresh = QPushButton(self.tr("再検索"))
        self.refresh.setObjectName("refresh_readers")
        row.addWidget(self.refresh)
        layout.addLayout(row)
        self.steps = QListWidget()
        self.steps.setObjectName("card_steps")
        self.steps.setMaximumHeight(170)
        layout.addWidget(self.steps)
        self.status = _text("", "card_status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.back = QPushButton(self.tr("戻る"))
        self.back.setObjectName("card_back")
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        self.cancel = QPushButton(self.tr("中止"))
        self.cancel.setObjectName("card_cancel")
        self.cancel.setEnabled(False)
        buttons.addWidget(self.cancel)
        self.start = _big_button(self.tr("読み取り開始"), "card_start")
        self.start.setEnabled(False)  # until a reader is listed
        buttons.addWidget(self.start)
        layout.addLayout(buttons)


class SelfiePage(QWidget):
    """The camera preview, the prompt showing now, and the recorded clip."""

    PREVIEW: Final = (480, 360)

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("顔の撮影")))
        self.instruction = _text("", "selfie_instruction")
        layout.addWidget(self.instruction)
        middle = QHBoxLayout()
        self.preview = QLabel()
        self.preview.setObjectName("selfie_preview")
        self.preview.setFixedSize(*self.PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #222; color: #eee;")
        self.preview.setText(self.tr("カメラの映像"))
        middle.addWidget(self.preview)
        self.prompt = QLabel()
        self.prompt.setObjectName("selfie_prompt")
        self.prompt.setWordWrap(True)
        font = QFont(self.prompt.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setMinimumWidth(240)
        middle.addWidget(self.prompt, 1)
        layout.addLayout(middle)
        self.status = _text("", "selfie_status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start = _big_button(self.tr("撮影開始"), "selfie_start")
        buttons.addWidget(self.start)
        self.next = _big_button(self.tr("この動画で進む"), "selfie_next")
        self.next.setEnabled(False)
        buttons.addWidget(self.next)
        layout.addLayout(buttons)


class SendPage(QWidget):
    """What will be sent, the upload's progress, and a resend after a failure."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(_heading(self.tr("事務所への送信")))
        self.summary = _text("", "send_summary")
        layout.addWidget(self.summary)
        self.progress = QProgressBar()
        self.progress.setObjectName("send_progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = _text("", "send_status")
        layout.addWidget(self.status)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.send = _big_button(self.tr("送信する"), "send")
        buttons.addWidget(self.send)
        layout.addLayout(buttons)


class EndPage(QWidget):
    """The submission arrived (or the link cannot be used): what happens next."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.heading = _heading("")
        self.heading.setObjectName("end_heading")
        layout.addWidget(self.heading)
        self.text = _text("", "end_text")
        layout.addWidget(self.text)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.again = QPushButton(self.tr("もう一度試す"))
        self.again.setObjectName("end_again")
        self.again.setVisible(False)
        buttons.addWidget(self.again)
        self.finish = _big_button(self.tr("閉じる"), "end_close")
        buttons.addWidget(self.finish)
        layout.addLayout(buttons)
