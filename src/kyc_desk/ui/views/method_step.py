"""確認方法 — step 2: how the person at the desk is identified; the flow branches on the choice.

Offered are only the branches the law allows on the day (:func:`kyc_desk.app.desk_methods.offered_methods`,
driven by the records layer's date rules): reading the IC chip (the next steps read, show and compare
it), a photo ID checked by sight (its number and expiry typed, a photo of it if wanted), two documents,
documents plus 転送不要郵便 (the mailing date; the return is added to the record later), or reliance on
the client's earlier verification (which record, and how the person was matched to it). Below, the
high-risk flag (犯収法 4条2項) with its reason and the additional document confirmed.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.app.desk_methods import EXPIRING, DeskMethod, documents_for, kinds_of, offered_methods
from kyc_desk.app.texts import match_basis_text, risk_reason_text
from kyc_desk.ui.models.flow import HIGH_RISK_REASONS, RELIANCE_MATCHES, HighRisk, Reliance, ShownDocument
from kyc_desk.ui.models.items import format_date
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP
from kyc_desk.ui.widgets.date_field import DateField
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records.legal import DocumentKind
    from kyc_desk.records.model import Person, VerificationSummary
    from kyc_desk.records.store import RecordStore
    from kyc_desk.ui.models.flow import DeskFlow

METHOD_TEXTS: Final[dict[DeskMethod, tuple[str, str]]] = {
    DeskMethod.CHIP: (
        QT_TRANSLATE_NOOP("MethodStepView", "ICチップの読取(&1)"),
        QT_TRANSLATE_NOOP("MethodStepView", "ICカードのチップを読み取り、署名を検証して顔写真と照合します。"),
    ),
    DeskMethod.PHOTO_ID: (
        QT_TRANSLATE_NOOP("MethodStepView", "写真付き本人確認書類の目視確認(&2)"),
        QT_TRANSLATE_NOOP("MethodStepView", "書類の番号と有効期限を入力し、写真と本人を見比べます。"),
    ),
    DeskMethod.TWO_DOCUMENTS: (
        QT_TRANSLATE_NOOP("MethodStepView", "写真のない書類2点(&3)"),
        QT_TRANSLATE_NOOP("MethodStepView", "写真のない本人確認書類2点、または1点と補完書類の提示を受けます。"),
    ),
    DeskMethod.DOCUMENTS_MAIL: (
        QT_TRANSLATE_NOOP("MethodStepView", "書類の提示＋転送不要郵便(&4)"),
        QT_TRANSLATE_NOOP("MethodStepView", "写真のない書類の提示を受け、住所へ書留・転送不要郵便を送ります。"),
    ),
    DeskMethod.RELIANCE: (
        QT_TRANSLATE_NOOP("MethodStepView", "以前の本人確認記録に依拠(&5)"),
        QT_TRANSLATE_NOOP("MethodStepView", "確認済みの依頼者について、以前の記録と本人であることを確かめます。"),
    ),
}
FORMS: Final = (DeskMethod.CHIP, DeskMethod.PHOTO_ID, DeskMethod.TWO_DOCUMENTS, DeskMethod.DOCUMENTS_MAIL,
                DeskMethod.RELIANCE)  # fmt: skip


def _t(text: str) -> str:
    return QCoreApplication.translate("MethodStepView", text)


def kind_name(kind: DocumentKind) -> str:
    """The document's name in the interface language (the one way the desk names documents)."""
    from kyc_desk.app.texts import document_text

    return document_text(kind.code)


class DocumentForm(QGroupBox):
    """One document shown: kind (from the records layer's table), its name for an "other" kind, number,
    expiry (asked for ID documents, required for a photo ID) and an optional photo of it."""

    changed = Signal()

    def __init__(self, title: str, name: str, tasks: TaskRunner, *, photo: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._tasks = tasks
        self.image: bytes | None = None
        self._kinds: dict[str, DocumentKind] = {}
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.setObjectName(f"{name}_kind")
        self.number = QLineEdit()
        self.number.setObjectName(f"{name}_number")
        self.number.setPlaceholderText(self.tr("券面の番号（記号・番号）"))
        self.expiry = DateField(f"{name}_expiry", empty_text=self.tr("有効期限を入力してください"))
        self.expiry.edit.setPlaceholderText(self.tr("有効期限（例: 令和10年8月4日）"))
        self.expiry_label = QLabel(self.tr("有効期限"))
        self.note = QLineEdit()
        self.note.setObjectName(f"{name}_note")
        self.note.setPlaceholderText(self.tr("書類の名称（「その他」のとき）"))
        form.addRow(self.tr("書類"), self.kind)
        form.addRow("", self.note)
        form.addRow(self.tr("番号"), self.number)
        form.addRow(self.expiry_label, self.expiry)
        self.photo_button = QPushButton(self.tr("書類の画像を開く…"))
        self.photo_button.setObjectName(f"{name}_photo")
        self.photo_label = QLabel(self.tr("画像なし（任意）"))
        self.photo_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.photo_button)
        row.addWidget(self.photo_label, 1)
        if photo:
            form.addRow(self.tr("画像"), row)
        else:
            self.photo_button.hide()
            self.photo_label.hide()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.number.textChanged.connect(lambda _t: self.changed.emit())
        self.note.textChanged.connect(lambda _t: self.changed.emit())
        self.expiry.changed.connect(self.changed.emit)
        self.photo_button.clicked.connect(self._open_photo)

    def set_kinds(self, kinds: tuple[DocumentKind, ...]) -> None:
        """Offer ``kinds`` (keeping the current one if it is still offered)."""
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self._kinds = {kind.code: kind for kind in kinds}
        for kind in kinds:
            self.kind.addItem(kind_name(kind), kind.code)
        index = self.kind.findData(current)
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.blockSignals(False)
        self._kind_changed()

    def select(self, code: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(code))

    def _current(self) -> DocumentKind | None:
        return self._kinds.get(str(self.kind.currentData()))

    def _kind_changed(self) -> None:
        kind = self._current()
        expires = kind is not None and kind.category.value in EXPIRING
        self.expiry.setVisible(expires)
        self.expiry_label.setVisible(expires)
        required = kind is not None and kind.category.value == "photo_id"
        self.expiry.set_empty_text(
            self.tr("有効期限を入力してください") if required else self.tr("有効期限があれば入力してください（任意）")
        )
        self.note.setVisible(kind is not None and kind.code.startswith("other_"))
        self.changed.emit()

    def _open_photo(self) -> None:
        title, pattern = self.tr("書類の画像を開く"), self.tr("画像 (*.jpg *.jpeg *.png)")
        path, _ = QFileDialog.getOpenFileName(self, title, "", pattern)
        if path:
            self.load_photo(Path(path))

    def load_photo(self, path: Path) -> None:
        """Use the image in ``path`` as the document's photo (read and decoded on the task pool)."""
        from kyc_desk.ui.views.face_step import live_photo_from_file

        self.photo_label.setText(self.tr("読み込んでいます…"))
        self._tasks.start(
            "load document photo",
            lambda: live_photo_from_file(path),
            returned=lambda photo: self.set_photo(photo.jpeg),
            errored=lambda exc: self.photo_label.setText(exc.user_text()),
        )

    def set_photo(self, jpeg: bytes | None) -> None:
        self.image = jpeg
        if jpeg:
            self.photo_label.setText(self.tr("画像あり（%1 KB）").replace("%1", str(max(1, len(jpeg) // 1024))))
        else:
            self.photo_label.setText(self.tr("画像なし（任意）"))
        self.changed.emit()

    def document(self) -> ShownDocument | None:
        kind = self._current()
        if kind is None:
            return None
        return ShownDocument(
            kind=kind.code,
            number=self.number.text().strip(),
            expires_on=self.expiry.value() if kind.category.value in EXPIRING else None,
            image=self.image,
            note=self.note.text().strip() if kind.code.startswith("other_") else "",
        )

    def problem(self) -> str | None:
        kind = self._current()
        if kind is None:
            return self.tr("書類を選んでください。")
        if kind.code.startswith("other_") and not self.note.text().strip():
            return self.tr("「その他」の書類は、書類の名称を入力してください。")
        if not self.number.text().strip():
            return self.tr("書類の番号を入力してください。")
        if not self.expiry.is_valid():
            return self.tr("有効期限が日付として読めません。")
        if kind.category.value == "photo_id" and self.expiry.value() is None:
            return self.tr("書類の有効期限を入力してください。")
        return None

    def reset(self) -> None:
        self.number.clear()
        self.note.clear()
        self.expiry.clear()
        self.set_photo(None)
        if self.kind.count():
            self.kind.setCurrentIndex(0)


class MethodStepView(QWidget):
    """Method choice, the chosen method's form, and the high-risk flag. ``changed`` on every edit;
    ``method_changed`` when another branch is chosen."""

    changed = Signal()
    method_changed = Signal()

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("method_step")
        self._records = RecordsTasks(services, tasks, self)
        self._tasks = tasks
        self._today = dt.date.today()
        self._client: Person | None = None
        self._client_id: int | None = None
        self._search_seq = 0
        layout = QHBoxLayout(self)

        left = QVBoxLayout()
        choice = QGroupBox(self.tr("確認方法"))
        choice_layout = QVBoxLayout(choice)
        self.group = QButtonGroup(self)
        self.buttons: dict[DeskMethod, QRadioButton] = {}
        self.descriptions: dict[DeskMethod, QLabel] = {}
        for method in FORMS:
            title, text = METHOD_TEXTS[method]
            button = QRadioButton(_t(title))
            button.setObjectName(f"method_{method.value}")
            description = QLabel(_t(text))
            description.setWordWrap(True)
            description.setIndent(24)
            description.setStyleSheet("color: palette(placeholder-text);")
            self.group.addButton(button)
            self.buttons[method] = button
            self.descriptions[method] = description
            choice_layout.addWidget(button)
            choice_layout.addWidget(description)
            button.toggled.connect(self._method_toggled)
        self.legal_note = QLabel()
        self.legal_note.setObjectName("method_legal_note")
        self.legal_note.setWordWrap(True)
        choice_layout.addWidget(self.legal_note)
        left.addWidget(choice)

        right = QVBoxLayout()
        self.forms = QStackedWidget()
        self.forms.setObjectName("method_forms")
        # ICチップ: the next steps do the work
        chip = QLabel(
            self.tr("「次へ」でカードの読取に進みます。読み取った内容の検証、顔の照合、項目の確認が続きます。")
        )
        chip.setWordWrap(True)
        chip.setAlignment(Qt.AlignmentFlag.AlignTop)
        # photo ID by sight
        photo_page = QWidget()
        photo_layout = QVBoxLayout(photo_page)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        self.photo_document = DocumentForm(self.tr("写真付き本人確認書類"), "photo_document", tasks, photo=True)
        self.face_by_sight = QCheckBox(self.tr("書類の顔写真と来所者の容貌を見比べ、同一人物と確認した(&F)"))
        self.face_by_sight.setObjectName("face_by_sight")
        self.photo_items = QCheckBox(self.tr("氏名・住居・生年月日を書類の記載と照合した(&Y)"))
        self.photo_items.setObjectName("photo_items_by_sight")
        for widget in (self.photo_document, self.face_by_sight, self.photo_items):
            photo_layout.addWidget(widget)
        photo_layout.addStretch(1)
        # two documents
        two_page = QWidget()
        two_layout = QVBoxLayout(two_page)
        two_layout.setContentsMargins(0, 0, 0, 0)
        self.first_document = DocumentForm(self.tr("1点目（本人確認書類）"), "first_document", tasks, photo=True)
        self.second_document = DocumentForm(
            self.tr("2点目（本人確認書類・補完書類）"), "second_document", tasks, photo=True
        )
        self.two_items = QCheckBox(self.tr("氏名・住居・生年月日を2点の書類の記載と照合した(&Y)"))
        self.two_items.setObjectName("two_items_by_sight")
        for widget in (self.first_document, self.second_document, self.two_items):
            two_layout.addWidget(widget)
        two_layout.addStretch(1)
        # documents + 転送不要郵便
        mail_page = QWidget()
        mail_layout = QVBoxLayout(mail_page)
        mail_layout.setContentsMargins(0, 0, 0, 0)
        self.mail_document = DocumentForm(self.tr("提示を受けた書類"), "mail_document", tasks, photo=True)
        mail_box = QGroupBox(self.tr("転送不要郵便"))
        mail_form = QFormLayout(mail_box)
        self.mailed_on = DateField("mailed_on", empty_text=self.tr("発送日を入力してください"))
        mail_form.addRow(self.tr("発送日(&W)"), self.mailed_on)
        self.tracking_number = QLineEdit()
        self.tracking_number.setObjectName("tracking_number")
        self.tracking_number.setPlaceholderText(self.tr("書留の引受番号（任意）"))
        mail_form.addRow(self.tr("追跡番号"), self.tracking_number)
        mail_note = QLabel(self.tr("書留・転送不要で住所へ送付します。返送（不着）の有無は、後で記録に追記します。"))
        mail_note.setWordWrap(True)
        mail_form.addRow(mail_note)
        self.mail_items = QCheckBox(self.tr("氏名・住居・生年月日を書類の記載と照合した(&Y)"))
        self.mail_items.setObjectName("mail_items_by_sight")
        mail_parts: tuple[QWidget, ...] = (self.mail_document, mail_box, self.mail_items)
        for part in mail_parts:
            mail_layout.addWidget(part)
        mail_layout.addStretch(1)
        # reliance on an earlier record
        reliance_page = QGroupBox(self.tr("依拠する以前の本人確認記録"))
        reliance_layout = QVBoxLayout(reliance_page)
        self.reliance_status = QLabel()
        self.reliance_status.setObjectName("reliance_status")
        self.reliance_status.setWordWrap(True)
        self.earlier = QListWidget()
        self.earlier.setObjectName("earlier_records")
        self.reliance_match = QComboBox()
        self.reliance_match.setObjectName("reliance_match")
        for code in RELIANCE_MATCHES:
            self.reliance_match.addItem(match_basis_text(code), code)
        self.reliance_note = QLineEdit()
        self.reliance_note.setObjectName("reliance_note")
        self.reliance_note.setPlaceholderText(self.tr("照合の内容（例: 運転免許証の提示を受け、氏名・生年月日が一致）"))
        reliance_layout.addWidget(self.reliance_status)
        reliance_layout.addWidget(self.earlier, 1)
        reliance_layout.addWidget(QLabel(self.tr("本人であることの確かめ方")))
        reliance_layout.addWidget(self.reliance_match)
        reliance_layout.addWidget(self.reliance_note)
        for page in (chip, photo_page, two_page, mail_page, reliance_page):
            self.forms.addWidget(page)
        right.addWidget(self.forms)

        # high risk (犯収法 4条2項)
        risk = QGroupBox(self.tr("厳格な確認（犯収法4条2項）"))
        risk_layout = QFormLayout(risk)
        self.high_risk = QCheckBox(self.tr("ハイリスク取引として扱う(&R)"))
        self.high_risk.setObjectName("high_risk")
        self.risk_reason = QComboBox()
        self.risk_reason.setObjectName("risk_reason")
        for code in HIGH_RISK_REASONS:
            self.risk_reason.addItem(risk_reason_text(code), code)
        self.risk_note = QLineEdit()
        self.risk_note.setObjectName("risk_note")
        self.risk_note.setPlaceholderText(self.tr("理由の詳細"))
        self.risk_document = DocumentForm(self.tr("追加で確認した書類"), "risk_document", tasks, photo=False)
        self.risk_confirmed = QCheckBox(self.tr("追加の書類で本人特定事項を確認した(&Q)"))
        self.risk_confirmed.setObjectName("risk_confirmed")
        risk_layout.addRow(self.high_risk)
        risk_layout.addRow(self.tr("理由"), self.risk_reason)
        risk_layout.addRow("", self.risk_note)
        risk_layout.addRow(self.risk_document)
        risk_layout.addRow(self.risk_confirmed)
        left.addWidget(risk)  # beside the form, so a short form leaves no gap above it
        left.addStretch(1)
        right.addStretch(1)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        for form in (self.photo_document, self.first_document, self.second_document, self.mail_document,
                     self.risk_document):  # fmt: skip
            form.changed.connect(self.changed.emit)
        for box in (self.face_by_sight, self.photo_items, self.two_items, self.mail_items, self.risk_confirmed):
            box.toggled.connect(lambda _c: self.changed.emit())
        self.high_risk.toggled.connect(self._show_risk)
        self.mailed_on.changed.connect(self.changed.emit)
        self.earlier.currentItemChanged.connect(lambda *_a: self.changed.emit())
        self.reliance_match.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.buttons[DeskMethod.CHIP].setChecked(True)  # the day's methods and documents come with set_today()
        self._show_risk()

    # -- the day's methods ---------------------------------------------------------------------------
    def set_today(self, today: dt.date) -> None:
        """Offer what the law allows on ``today`` (the tests move the day across 2027-04-01)."""
        self._today = today
        offered = offered_methods(today)
        for method, button in self.buttons.items():
            button.setVisible(method in offered)
            self.descriptions[method].setVisible(method in offered)
        if self.group.checkedButton() is None or self.method() not in offered:
            self.buttons[offered[0]].setChecked(True)
        self.photo_document.set_kinds(documents_for(DeskMethod.PHOTO_ID, today))
        self.first_document.set_kinds(documents_for(DeskMethod.TWO_DOCUMENTS, today, 0))
        self.second_document.set_kinds(documents_for(DeskMethod.TWO_DOCUMENTS, today, 1))
        self.mail_document.set_kinds(documents_for(DeskMethod.DOCUMENTS_MAIL, today))
        self.risk_document.set_kinds(kinds_of("photo_id", "non_photo_id", "supplementary", "company"))
        if not self.mailed_on.edit.text():
            self.mailed_on.set_value(today)
        by_sight = documents_for(DeskMethod.PHOTO_ID, today)
        refused = [k for k in kinds_of("photo_id") if k.chip and k not in by_sight]
        self.legal_note.setText(
            self.tr(
                "ICカード（マイナンバーカード・運転免許証・在留カード等）は、この日からICチップの読取りが必要です（改正案）。"
            )
            if refused
            else ""
        )
        self.legal_note.setVisible(bool(refused))

    def method(self) -> DeskMethod:
        for method, button in self.buttons.items():
            if button.isChecked():
                return method
        return DeskMethod.CHIP

    def choose(self, method: DeskMethod) -> None:
        self.buttons[method].setChecked(True)

    def _method_toggled(self, checked: bool) -> None:
        if not checked:
            return
        method = self.method()
        self.forms.setCurrentIndex(FORMS.index(method))
        if method is DeskMethod.RELIANCE:
            self.find_earlier()
        self.method_changed.emit()
        self.changed.emit()

    def _show_risk(self) -> None:
        on = self.high_risk.isChecked()
        for widget in (self.risk_reason, self.risk_note, self.risk_document, self.risk_confirmed):
            widget.setEnabled(on)
        self.changed.emit()

    # -- reliance --------------------------------------------------------------------------------------
    def set_client(self, person: Person, subject_id: int | None) -> None:
        """The person identified in step 1 and, if they were picked from the records, their id (a reliance
        lists that person's earlier verifications that concluded 確認済み)."""
        changed = (person, subject_id) != (self._client, self._client_id)
        self._client, self._client_id = person, subject_id
        if changed and self.method() is DeskMethod.RELIANCE:
            self.find_earlier()

    def find_earlier(self) -> None:
        """List the client's earlier verifications (name and birth date; the picked client's only)."""
        self.earlier.clear()
        client, client_id = self._client, self._client_id
        if client is None or client_id is None:
            self.reliance_status.setText(self.tr("依拠するには、手順1で記録済みの依頼者を検索して選んでください。"))
            self.changed.emit()
            return
        self._search_seq += 1
        seq = self._search_seq
        self.reliance_status.setText(self.tr("以前の記録を探しています…"))

        def search(store: RecordStore) -> list[VerificationSummary]:
            from kyc_desk.records.model import IdentityResult, SearchQuery

            confirmed = IdentityResult.CONFIRMED
            query = SearchQuery(name=client.name, birth_date=client.birth_date, identity_result=confirmed, limit=30)
            return [s for s in store.search(query) if store.get(s.id).subject.id == client_id]

        self._records.run(
            "earlier records",
            search,
            returned=functools.partial(self._show_earlier, seq),
            errored=lambda exc: self.reliance_status.setText(exc.user_text()),
        )

    def _show_earlier(self, seq: int, found: list[VerificationSummary]) -> None:
        if seq != self._search_seq:
            return
        self.earlier.clear()
        for summary in found:
            rule = summary.method.rule
            item = QListWidgetItem(
                self.tr("記録番号 %1").replace("%1", str(summary.id))
                + f"　{format_date(summary.verified_on)}　{rule.letter}（{rule.name_ja}）　{summary.subject_name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.earlier.addItem(item)
        self.reliance_status.setText(
            self.tr("以前の記録 %1件。依拠する記録を選んでください。").replace("%1", str(len(found)))
            if found
            else self.tr("この依頼者の確認済みの記録がありません。")
        )
        self.changed.emit()

    # -- results ---------------------------------------------------------------------------------------
    def _documents(self) -> tuple[DocumentForm, ...]:
        return {
            DeskMethod.PHOTO_ID: (self.photo_document,),
            DeskMethod.TWO_DOCUMENTS: (self.first_document, self.second_document),
            DeskMethod.DOCUMENTS_MAIL: (self.mail_document,),
        }.get(self.method(), ())

    def problem(self) -> str | None:
        """What must still be entered before the flow moves on (in words), or ``None``."""
        for form in self._documents():
            if (problem := form.problem()) is not None:
                return problem
        method = self.method()
        if method is DeskMethod.DOCUMENTS_MAIL:
            mailed = self.mailed_on.value()
            if mailed is None:
                return self.tr("転送不要郵便の発送日を入力してください。")
            if mailed > self._today:
                return self.tr("発送日が未来の日付です。発送してから記録してください。")
        if method is DeskMethod.RELIANCE and self.earlier.currentItem() is None:
            return self.tr("依拠する以前の記録を選んでください。")
        if method is DeskMethod.RELIANCE and self.high_risk.isChecked():
            return self.tr(
                "ハイリスク取引では、以前の記録に依拠できません（犯収法4条2項）。別の確認方法を選んでください。"
            )
        if self.high_risk.isChecked() and self.risk_confirmed.isChecked() and (problem := self.risk_document.problem()):
            return self.tr("追加の書類: %1").replace("%1", problem)
        return None

    def apply_to(self, flow: DeskFlow, now: dt.datetime) -> None:
        """Write this step's results into the flow (the documents were shown ``now``, if not earlier)."""
        method = self.method()
        flow.method = method
        documents = tuple(d for form in self._documents() if (d := form.document()) is not None)
        if documents != flow.documents or flow.presented_at is None:
            flow.presented_at = now if method is not DeskMethod.CHIP else flow.presented_at
        flow.documents = documents
        flow.face_by_sight = method is DeskMethod.PHOTO_ID and self.face_by_sight.isChecked()
        flow.items_by_sight = {
            DeskMethod.PHOTO_ID: self.photo_items,
            DeskMethod.TWO_DOCUMENTS: self.two_items,
            DeskMethod.DOCUMENTS_MAIL: self.mail_items,
        }.get(method, self.photo_items).isChecked() and method not in (DeskMethod.CHIP, DeskMethod.RELIANCE)
        flow.mailed_on = self.mailed_on.value() if method is DeskMethod.DOCUMENTS_MAIL else None
        flow.tracking_number = self.tracking_number.text().strip() if method is DeskMethod.DOCUMENTS_MAIL else ""
        item = self.earlier.currentItem()
        flow.reliance = (
            Reliance(
                record_id=int(item.data(Qt.ItemDataRole.UserRole)),
                matched_by=str(self.reliance_match.currentData()),
                note=self.reliance_note.text().strip(),
            )
            if method is DeskMethod.RELIANCE and item is not None
            else None
        )
        flow.high_risk = (
            HighRisk(
                reason=str(self.risk_reason.currentData()),
                note=self.risk_note.text().strip(),
                document=self.risk_document.document()
                if self.risk_confirmed.isChecked() and not self.risk_document.problem()
                else None,
            )
            if self.high_risk.isChecked()
            else None
        )

    def reset(self) -> None:
        for form in (self.photo_document, self.first_document, self.second_document, self.mail_document,
                     self.risk_document):  # fmt: skip
            form.reset()
        for box in (self.face_by_sight, self.photo_items, self.two_items, self.mail_items, self.high_risk,
                    self.risk_confirmed):  # fmt: skip
            box.setChecked(False)
        self.risk_note.clear()
        self.reliance_note.clear()
        self.earlier.clear()
        self.mailed_on.clear()
        self.tracking_number.clear()
        self.buttons[DeskMethod.CHIP].setChecked(True)
        self.set_today(dt.date.today())
