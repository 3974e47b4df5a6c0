"""新しい依頼 — create a remote verification request for a client and send its one-time link.

The client is picked with the face-to-face flow's client search (:class:`ClientStepView`); the methods
offered are the ones the records layer allows today (ホ not from 2027-04-01, records/legal.py). The
request is created through :meth:`DeskSync.create_request` on the task pool; the dialog then shows the
link and offers it as an e-mail the scrivener sends from their own mail program: a ``mailto:`` URL, or
an ``.eml`` file built by the sync layer's mail builder. The client's name stays on the desk unless the
scrivener lets it into the mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.app.remote import RemoteService
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.time import JAPAN_TIME as JST
from kyc_desk.settings import saved_office_name
from kyc_desk.ui.views.client_step import ClientStepView
from kyc_desk.ui.widgets.geometry import fit_to_screen, scroll_pane
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.sync.client import CreatedRequest
    from kyc_desk.sync.mail import RequestMail

#: The remote methods by wire name, with the records layer's method they are checked against.
METHODS: Final = (("he", "HE"), ("ho", "HO"), ("wa", "WA"))


def japan_today() -> dt.date:
    return dt.datetime.now(JST).date()


class RequestDialog(QDialog):
    """新しい依頼 — client, methods, expiry → the one-time link, as mailto or .eml."""

    def __init__(
        self,
        services: DeskServices,
        tasks: TaskRunner,
        remote: RemoteService,
        *,
        today: Callable[[], dt.date] = japan_today,
        parent: QWidget | None = None,
    ) -> None:
        from kyc_desk.records import legal

        super().__init__(parent)
        self.setObjectName("request_dialog")
        self.setWindowTitle(self.tr("新しい依頼"))
        self._tasks, self._remote = tasks, remote
        self.created: CreatedRequest | None = None
        self.mail: RequestMail | None = None
        layout = QVBoxLayout(self)
        self.client = ClientStepView(services, tasks, individual_only=True)  # the person who submits
        matter_box = self.client.matter_title.parentWidget()
        if matter_box is not None and matter_box is not self.client:
            matter_box.setVisible(False)  # a request has no matter yet
        self.client.reuse_matter.setVisible(False)
        layout.addWidget(scroll_pane(self.client), 1)  # the client form scrolls on a small screen

        options = QGroupBox(self.tr("依頼の内容"))
        form = QFormLayout(options)
        methods_row = QHBoxLayout()
        allowed = {m.name for m in legal.allowed_methods(today())}
        texts = {"he": self.tr("ヘ ICチップ＋自撮り"), "ho": self.tr("ホ 書類の画像＋自撮り"),
                 "wa": self.tr("ワ 署名用電子証明書")}
        self.methods: dict[str, QCheckBox] = {}
        for wire, rule in METHODS:
            box = QCheckBox(texts[wire])
            box.setObjectName(f"request_method_{wire}")
            box.setEnabled(rule in allowed)
            box.setChecked(rule in allowed and wire != "ho")
            if rule not in allowed:
                box.setToolTip(self.tr("この方法は2027年4月1日以降は使えません。"))
            box.toggled.connect(self._update)
            self.methods[wire] = box
            methods_row.addWidget(box)
        form.addRow(self.tr("認める方法:"), methods_row)
        self.hours = QSpinBox()
        self.hours.setObjectName("request_hours")
        self.hours.setRange(1, 14 * 24)
        self.hours.setValue(72)
        self.hours.setSuffix(self.tr(" 時間"))
        form.addRow(self.tr("有効期間(&E):"), self.hours)
        self.office = QLineEdit()
        self.office.setObjectName("request_office")
        self.office.setText(saved_office_name())  # 事務所情報の設定
        self.office.setPlaceholderText(self.tr("メールの差出人として書く事務所名"))
        form.addRow(self.tr("事務所名(&F):"), self.office)
        self.to = QLineEdit()
        self.to.setObjectName("request_to")
        form.addRow(self.tr("宛先メールアドレス(&M):"), self.to)
        self.name_in_mail = QCheckBox(self.tr("メールに依頼者の氏名を書く"))
        self.name_in_mail.setObjectName("request_name_in_mail")
        self.name_in_mail.setChecked(True)
        form.addRow("", self.name_in_mail)
        layout.addWidget(options)

        self.create_button = QPushButton(self.tr("依頼を作成(&R)"))
        self.create_button.setObjectName("request_create")
        self.create_button.clicked.connect(self.create_request)
        layout.addWidget(self.create_button)
        self.link = QLineEdit()
        self.link.setObjectName("request_link")
        self.link.setReadOnly(True)
        self.link.setPlaceholderText(self.tr("作成すると一回限りのリンクが表示されます"))
        layout.addWidget(self.link)
        row = QHBoxLayout()
        self.mail_button = QPushButton(self.tr("メールで送る(&S)"))
        self.mail_button.setObjectName("request_mailto")
        self.mail_button.clicked.connect(self.open_mail)
        self.eml_button = QPushButton(self.tr(".eml を保存(&V)…"))
        self.eml_button.setObjectName("request_eml")
        self.eml_button.clicked.connect(self._ask_eml)
        close = QPushButton(self.tr("閉じる(&C)"))
        close.clicked.connect(self.accept)
        for button in (self.mail_button, self.eml_button):
            button.setEnabled(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("request_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.client.name.textChanged.connect(self._update)
        # Enter never creates the request: it used to, from the search field (which only picks the first
        # hit) and from the name field before the methods, office and address were filled in, and a created
        # request and its mail cannot be changed. 依頼を作成 is Alt+R; Escape closes.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        fit_to_screen(self, 1000, 760)
        self._update()

    def chosen_methods(self) -> list[str]:
        return [wire for wire, box in self.methods.items() if box.isChecked() and box.isEnabled()]

    def _update(self) -> None:
        ok = bool(self.client.name.text().strip()) and bool(self.chosen_methods()) and self.created is None
        self.create_button.setEnabled(ok)

    def create_request(self) -> None:
        """Create the request on the task pool (the endpoint answers with the link)."""
        from kyc_desk.records.model import Person
        from kyc_desk.sync.format import Method

        methods = tuple(Method(m) for m in self.chosen_methods())
        ref = self.client.client_ref()
        person = ref if isinstance(ref, Person) else self.client.stated_person()
        client_id = ref if isinstance(ref, int) else None
        minutes = self.hours.value() * 60
        office = self.office.text().strip() or self.tr("司法書士事務所")
        client_name = person.name if self.name_in_mail.isChecked() else ""
        to = self.to.text().strip()
        remote = self._remote

        def create() -> tuple[CreatedRequest, RequestMail]:
            desk = remote.unlock()
            created = desk.create_request(methods, person=person, client_id=client_id, expires_in_minutes=minutes)
            return created, desk.mail_for(created, office_name=office, client_name=client_name, to=to)

        self.create_button.setEnabled(False)
        self.status.setText(self.tr("受付サーバーに依頼を作成しています…"))
        self._tasks.start("create request", create, returned=self._created, errored=self._failed)

    def _created(self, result: tuple[CreatedRequest, RequestMail]) -> None:
        self.created, self.mail = result
        self.link.setText(self.created.link)
        local = self.created.expires_at.astimezone(JST)
        text = self.tr("依頼を作成しました。期限: %1（日本時間）")
        self.status.setText(text.replace("%1", f"{local:%Y-%m-%d %H:%M}"))
        self.mail_button.setEnabled(True)
        self.eml_button.setEnabled(True)
        self._update()

    def _failed(self, exc: KycDeskError) -> None:
        self.status.setText(exc.user_text())
        self._update()

    def open_mail(self) -> bool:
        """Open the mail in the user's mail program (mailto:)."""
        if self.mail is None:
            return False
        return bool(QDesktopServices.openUrl(QUrl(self.mail.mailto_url())))

    def _ask_eml(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr(".eml を保存"), "request.eml", "E-mail (*.eml)")
        if path:
            self.save_eml(Path(path))

    def save_eml(self, path: Path) -> None:
        if self.mail is None:
            return
        try:
            path.write_bytes(self.mail.to_eml())
        except OSError:
            self.status.setText(self.tr("ファイルを保存できませんでした。"))
            return
        self.status.setText(self.tr("保存しました: %1").replace("%1", path.name))
