"""依頼者と案件 — step 1: who the client is, who stands at the desk for them, and the matter.

The client is an individual or a company (法人: its name and head-office address). The person identified
is the client in person, or someone acting for them — a company's representative (代表者等) or an agent
(代理人) — identified as an individual, with the document showing their authority (登記事項証明書,
委任状 …) and its date (犯収法 4条1項, domain.md §1.1). What that person *states* here is what the chip
or the documents are compared with.

Existing clients are found by name, narrowed by birth date (searching runs on the task pool; results
list earlier verifications, newest first); picking one reuses that client and, if wanted, its matter.
A birth date left empty is saved as not entered — never as a default date.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.app.desk_methods import AUTHORITY_CATEGORIES, COMPANY_CATEGORIES, kinds_of
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.models.flow import Authority
from kyc_desk.ui.widgets.date_field import DateField
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    import datetime as dt

    from kyc_desk.records.model import Matter, Person, VerificationRecord, VerificationSummary
    from kyc_desk.records.store import RecordStore

SEARCH_DELAY_MS = 250
#: Matter kinds offered (特定業務 of a 司法書士, domain.md §1.1); free text is allowed too.
MATTER_KINDS = ("不動産売買", "会社設立・合併", "財産の管理・処分", "その他")


def _t(text: str) -> str:
    return QCoreApplication.translate("ClientStepView", text)


class PersonForm(QGroupBox):
    """本人特定事項 of one individual: name, furigana, birth date (may stay empty), address, occupation."""

    def __init__(self, title: str, prefix: str, *, occupation: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName(f"{prefix}_name")
        self.kana = QLineEdit()
        self.kana.setObjectName(f"{prefix}_kana")
        self.birth = DateField(f"{prefix}_birth", empty_text=self.tr("未入力"))
        self.address = QLineEdit()
        self.address.setObjectName(f"{prefix}_address")
        self.occupation = QLineEdit()
        self.occupation.setObjectName(f"{prefix}_occupation")
        mnemonic = prefix == "client"  # the client's form keeps the step's Alt keys; the second form has none
        form.addRow(self.tr("氏名(&L)") if mnemonic else self.tr("氏名"), self.name)
        form.addRow(self.tr("フリガナ(&R)") if mnemonic else self.tr("フリガナ"), self.kana)
        form.addRow(self.tr("生年月日(&D)") if mnemonic else self.tr("生年月日"), self.birth)
        form.addRow(self.tr("住所(&A)") if mnemonic else self.tr("住所"), self.address)
        if occupation:
            form.addRow(self.tr("職業(&O)"), self.occupation)
        else:
            self.occupation.hide()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.name, self.kana, self.birth.edit, self.address, self.occupation)

    def is_complete(self) -> bool:
        return bool(self.name.text().strip()) and self.birth.is_valid()

    def person(self) -> Person:
        from kyc_desk.records.model import Person

        return Person(
            name=self.name.text().strip(),
            name_kana=self.kana.text().strip() or None,
            birth_date=self.birth.value(),
            address=self.address.text().strip() or None,
            occupation=self.occupation.text().strip() or None,
        )

    def show_person(self, person: Person) -> None:
        self.name.setText(person.name)
        self.kana.setText(person.name_kana or "")
        self.birth.set_value(person.birth_date)
        self.address.setText(person.address or "")
        self.occupation.setText(person.occupation or "")

    def reset(self) -> None:
        for edit in (self.name, self.kana, self.address, self.occupation):
            edit.clear()
        self.birth.clear()


class ClientStepView(QWidget):
    """Client search and form, the person acting, and the matter. ``changed`` on every edit."""

    changed = Signal()
    #: Enter in one of the form's fields: the scrivener wants to go on.
    submitted = Signal()

    def __init__(
        self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None, *, individual_only: bool = False
    ) -> None:
        """``individual_only``: the person is the client in person (a remote request: no company, no agent)."""
        super().__init__(parent)
        self.setObjectName("client_step")
        self._services = services
        self._tasks = tasks
        self._records = RecordsTasks(services, tasks, self)
        self._selected: VerificationRecord | None = None
        self._search_seq = 0
        layout = QHBoxLayout(self)

        # left: search by name, narrowed by birth date
        search_box = QGroupBox(self.tr("記録済みの依頼者を検索"))
        search_layout = QVBoxLayout(search_box)
        self.search = QLineEdit()
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText(self.tr("氏名・名称またはフリガナの一部"))
        self.search.setClearButtonEnabled(True)
        self.search_birth = DateField("client_search_birth", empty_text=self.tr("生年月日で絞り込まない"))
        self.search_birth.edit.setPlaceholderText(self.tr("生年月日（任意）"))
        self.results = QListWidget()
        self.results.setObjectName("client_results")
        self.search_status = QLabel()
        self.search_status.setObjectName("search_status")
        self.search_status.setWordWrap(True)
        search_layout.addWidget(self.search)
        search_layout.addWidget(self.search_birth)
        search_layout.addWidget(self.results, 1)
        search_layout.addWidget(self.search_status)
        self.selected_label = QLabel(self.tr("選択なし: 右の欄に新しい依頼者を入力してください。"))
        self.selected_label.setObjectName("selected_client")
        self.selected_label.setWordWrap(True)
        search_layout.addWidget(self.selected_label)
        self.reuse_matter = QCheckBox(self.tr("前回の案件を引き継ぐ(&M)"))
        self.reuse_matter.setObjectName("reuse_matter")
        self.reuse_matter.setEnabled(False)
        search_layout.addWidget(self.reuse_matter)
        layout.addWidget(search_box, 2)

        # right: the client, the person acting for them, the matter
        right = QVBoxLayout()
        kind_row = QHBoxLayout()
        kind_row.setContentsMargins(0, 0, 0, 0)
        kind_row.addWidget(QLabel(self.tr("依頼者:")))
        self.kind_group = QButtonGroup(self)
        self.kind_individual = QRadioButton(self.tr("個人(&I)"))
        self.kind_individual.setObjectName("client_individual")
        self.kind_company = QRadioButton(self.tr("法人(&C)"))
        self.kind_company.setObjectName("client_company")
        self.kind_individual.setChecked(True)
        for button in (self.kind_individual, self.kind_company):
            self.kind_group.addButton(button)
            kind_row.addWidget(button)
        kind_row.addSpacing(16)
        kind_row.addWidget(QLabel(self.tr("来所者:")))
        self.role_group = QButtonGroup(self)
        self.role_self = QRadioButton(self.tr("本人(&H)"))
        self.role_self.setObjectName("role_self")
        self.role_representative = QRadioButton(self.tr("代表者(&E)"))
        self.role_representative.setObjectName("role_representative")
        self.role_agent = QRadioButton(self.tr("代理人(&G)"))
        self.role_agent.setObjectName("role_agent")
        self.role_self.setChecked(True)
        for button in (self.role_self, self.role_representative, self.role_agent):
            self.role_group.addButton(button)
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.parties = QWidget()
        self.parties.setLayout(kind_row)
        self.parties.setVisible(not individual_only)
        right.addWidget(self.parties)

        self.person_form = PersonForm(self.tr("依頼者の申告内容（本人特定事項）"), "client", occupation=True)
        # the names the rest of the window (and its tests) use for the client's own fields
        self.name, self.kana, self.birth = self.person_form.name, self.person_form.kana, self.person_form.birth
        self.address, self.occupation = self.person_form.address, self.person_form.occupation
        right.addWidget(self.person_form)

        self.company_box = QGroupBox(self.tr("法人（商号・本店）"))
        company_form = QFormLayout(self.company_box)
        self.company_name = QLineEdit()
        self.company_name.setObjectName("company_name")
        self.company_address = QLineEdit()
        self.company_address.setObjectName("company_address")
        self.company_document = QComboBox()
        self.company_document.setObjectName("company_document")
        self.company_document_date = DateField(
            "company_document_date", empty_text=self.tr("書類の日付を入力してください")
        )
        self.company_document_date.edit.setPlaceholderText(self.tr("発行日（例: 令和8年11月20日）"))
        company_form.addRow(self.tr("商号・名称"), self.company_name)
        company_form.addRow(self.tr("本店所在地"), self.company_address)
        company_form.addRow(self.tr("法人の確認書類"), self.company_document)
        company_form.addRow(self.tr("発行日"), self.company_document_date)
        right.addWidget(self.company_box)

        self.acting_form = PersonForm(self.tr("来所者（代表者・代理人）の本人特定事項"), "acting", occupation=False)
        acting_layout = self.acting_form.layout()
        assert isinstance(acting_layout, QFormLayout)
        self.authority_kind = QComboBox()
        self.authority_kind.setObjectName("authority_kind")
        self.authority_date = DateField("authority_date", empty_text=self.tr("書類の日付を入力してください"))
        self.authority_date.edit.setPlaceholderText(self.tr("書類の日付（例: 令和8年11月20日）"))
        acting_layout.addRow(self.tr("権限の確認書類"), self.authority_kind)
        acting_layout.addRow(self.tr("書類の日付"), self.authority_date)
        right.addWidget(self.acting_form)

        matter_box = QGroupBox(self.tr("案件"))
        matter_form = QFormLayout(matter_box)
        self.matter_title = QLineEdit()
        self.matter_title.setObjectName("matter_title")
        self.matter_kind = QComboBox()
        self.matter_kind.setObjectName("matter_kind")
        self.matter_kind.setEditable(True)
        self.matter_kind.addItems(MATTER_KINDS)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        matter_form.addRow(self.tr("件名(&T)"), self.matter_title)
        matter_form.addRow(self.tr("種類(&K)"), self.matter_kind)
        matter_form.addRow(self.tr("取引の目的（任意）(&P)"), self.purpose)
        right.addWidget(matter_box)
        right.addStretch(1)
        layout.addLayout(right, 3)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search_birth.changed.connect(self._timer.start)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        for button in (self.kind_individual, self.kind_company, self.role_self, self.role_representative,
                       self.role_agent):  # fmt: skip
            button.toggled.connect(lambda _c: self._show_parts())
        edits = (*self.person_form.fields(), *self.acting_form.fields(), self.company_name, self.company_address,
                 self.matter_title, self.purpose)  # fmt: skip
        for edit in edits:
            assert isinstance(edit, QLineEdit)
            edit.textChanged.connect(lambda _t: self.changed.emit())
            edit.returnPressed.connect(self.submitted.emit)
        self.authority_date.changed.connect(self.changed.emit)
        self.company_document_date.changed.connect(self.changed.emit)
        self.search.returnPressed.connect(self._pick_first)
        order: list[QWidget] = [self.search, self.search_birth.edit, self.results, self.kind_individual]
        order += [self.role_self, *self.person_form.fields(), self.company_name, self.company_address]
        order += [self.company_document, self.company_document_date.edit]
        order += [*self.acting_form.fields()[:4], self.authority_kind, self.authority_date.edit]
        order += [self.matter_title, self.matter_kind, self.purpose]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        self._show_parts()

    # -- parts shown -----------------------------------------------------------------------------
    def is_company(self) -> bool:
        return self.kind_company.isChecked()

    def role(self) -> str:
        """The records' SubjectRole value of the person at the desk."""
        if self.role_agent.isChecked():
            return "agent"
        if self.role_representative.isChecked():
            return "representative"
        return "self"

    def _fill_kinds(self) -> None:
        """The document kinds of the records layer's table, loaded when a company or a person acting is first
        shown (the records layer is not imported while the window starts)."""
        from kyc_desk.ui.views.method_step import kind_name

        for combo, categories in ((self.company_document, COMPANY_CATEGORIES),
                                  (self.authority_kind, AUTHORITY_CATEGORIES)):  # fmt: skip
            if combo.count() == 0:
                for kind in kinds_of(*categories):
                    if not kind.code.startswith("other_"):  # an "other" kind needs its name typed: not offered here
                        combo.addItem(kind_name(kind), kind.code)

    def _show_parts(self) -> None:
        company = self.is_company()
        # a company is always identified through a person acting for it; an individual has no representative
        self.role_self.setVisible(not company)
        self.role_representative.setVisible(company)
        if company and self.role_self.isChecked():
            self.role_representative.setChecked(True)
        if not company and self.role_representative.isChecked():
            self.role_self.setChecked(True)
        acting = self.role() != "self"
        if company or acting:
            self._fill_kinds()
        self.person_form.setVisible(not company)
        self.company_box.setVisible(company)
        self.acting_form.setVisible(acting)
        self.acting_form.setTitle(
            self.tr("代表者の本人特定事項") if self.role() == "representative" else self.tr("代理人の本人特定事項")
        )
        self.changed.emit()

    # -- search ----------------------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search.text().strip()
        birth = self.search_birth.value()
        self._search_seq += 1
        seq = self._search_seq
        if not text:
            self.results.clear()
            self.search_status.clear()
            return
        self.search_status.setText(self.tr("検索中…"))

        def search(store: RecordStore) -> list[VerificationSummary]:
            from kyc_desk.records.model import SearchQuery

            return store.search(SearchQuery(name=text, birth_date=birth, limit=30))

        self._records.run(
            "client search",
            search,
            returned=functools.partial(self._show_results, seq),
            errored=functools.partial(self._search_failed, seq),
        )

    def _show_results(self, seq: int, found: list[VerificationSummary]) -> None:
        if seq != self._search_seq:
            return  # an older search answered late
        self.results.clear()
        for summary in found:
            name = summary.client_name
            if summary.subject_name != summary.client_name:
                name = f"{name}（{summary.subject_name}）"
            item = QListWidgetItem(f"{name}　{summary.verified_on.isoformat()}　{summary.method.rule.letter}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.results.addItem(item)
        self.search_status.setText(self.tr("%1件").replace("%1", str(len(found))) if found else self.tr("該当なし"))

    def _search_failed(self, seq: int, exc: KycDeskError) -> None:
        if seq == self._search_seq:
            self.search_status.setText(exc.user_text())

    def _pick_first(self) -> None:
        """Enter in the search field picks the first result, if there is one."""
        if self.results.count():
            self.results.setCurrentRow(0)
            self._pick(self.results.item(0))

    def _pick(self, item: QListWidgetItem) -> None:
        verification_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._records.run(
            "load client",
            lambda store: store.get(verification_id),
            returned=self._picked,
            errored=lambda exc: self.search_status.setText(exc.user_text()),
        )

    def _picked(self, record: VerificationRecord) -> None:
        from kyc_desk.records.model import ClientKind, SubjectRole

        self._selected = record
        person = record.client.person
        if person.kind is ClientKind.COMPANY:
            self.kind_company.setChecked(True)
            self.company_name.setText(person.name)
            self.company_address.setText(person.address or "")
        else:
            self.kind_individual.setChecked(True)
            self.person_form.show_person(person)
        role = record.subject_role
        {SubjectRole.SELF: self.role_self, SubjectRole.REPRESENTATIVE: self.role_representative,
         SubjectRole.AGENT: self.role_agent}[role].setChecked(True)  # fmt: skip
        if role is not SubjectRole.SELF:
            self.acting_form.show_person(record.subject.person)
        self.selected_label.setText(
            self.tr("記録済みの依頼者を選択しました（記録番号 %1）").replace("%1", str(record.id))
        )
        self.reuse_matter.setEnabled(record.matter is not None)
        self.reuse_matter.setChecked(record.matter is not None)
        if record.matter is not None:
            self.matter_title.setText(record.matter.matter.title)
            self.matter_kind.setCurrentText(record.matter.matter.kind)
        self.purpose.setText(record.purpose or "")
        self._show_parts()

    # -- results ---------------------------------------------------------------------------------
    def problem(self) -> str | None:
        """What is still missing, in words, or ``None`` when the step is complete."""
        if self.is_company():
            if not self.company_name.text().strip() or not self.company_address.text().strip():
                return self.tr("法人の商号と本店所在地を入力してください。")
            if self.company_document_date.value() is None:
                return self.tr("法人の確認書類（登記事項証明書など）の発行日を入力してください。")
        elif not self.name.text().strip():
            return self.tr("氏名と案件の件名を入力してください。")
        for form in (self.person_form, self.acting_form):
            if form.isVisibleTo(self) and not form.birth.is_valid():
                return self.tr("生年月日が日付として読めません（空欄なら「未入力」として記録します）。")
        if self.role() != "self":
            if not self.acting_form.name.text().strip():
                return self.tr("来所者（代表者・代理人）の氏名を入力してください。")
            if self.authority_date.value() is None:
                return self.tr("代表権・代理権を確認した書類の日付を入力してください。")
        if not self.matter_title.text().strip():
            return self.tr("氏名と案件の件名を入力してください。")
        return None

    def is_complete(self) -> bool:
        return self.problem() is None

    def client_person(self) -> Person:
        from kyc_desk.records.model import ClientKind, Person

        if self.is_company():
            return Person(
                name=self.company_name.text().strip(),
                kind=ClientKind.COMPANY,
                address=self.company_address.text().strip() or None,
            )
        return self.person_form.person()

    def stated_person(self) -> Person:
        """The person identified at the desk, as they stated themselves (compared with the chip)."""
        return self.acting_form.person() if self.role() != "self" else self.person_form.person()

    def client_ref(self) -> Person | int:
        """The existing client's id if one was picked and its details were not edited, else a new client."""
        stated = self.client_person()
        if self._selected is not None and self._selected.client.person == stated:
            return self._selected.client.id
        return stated

    def acting_ref(self) -> Person | int | None:
        """The representative or agent: the stored person if picked and unchanged, a new one, or ``None``."""
        if self.role() == "self":
            return None
        stated = self.acting_form.person()
        if self._selected is not None and self._selected.subject.person == stated:
            return self._selected.subject.id
        return stated

    def authority(self) -> Authority | None:
        day = self.authority_date.value()
        if self.role() == "self" or day is None:
            return None
        return Authority(kind=str(self.authority_kind.currentData()), dated=day)

    def company_document_entry(self) -> Authority | None:
        """The company's own document (登記事項証明書, 印鑑証明書) with its date, for a company client."""
        day = self.company_document_date.value()
        if not self.is_company() or day is None:
            return None
        return Authority(kind=str(self.company_document.currentData()), dated=day)

    def selected_subject_id(self) -> int | None:
        """The stored person identified at the desk (the client in person, or the stored representative or
        agent), if picked from the search and unchanged — whose earlier verification a reliance names."""
        ref = self.acting_ref() if self.role() != "self" else self.client_ref()
        return ref if isinstance(ref, int) else None

    def matter_ref(self, today: dt.date) -> Matter | int:
        from kyc_desk.records.model import Matter

        if self._selected is not None and self._selected.matter is not None and self.reuse_matter.isChecked():
            return self._selected.matter.id
        return Matter(
            title=self.matter_title.text().strip(), kind=self.matter_kind.currentText().strip(), opened_on=today
        )

    def apply_to(self, flow: Any, today: dt.date) -> None:
        """Write this step's results into the flow."""
        flow.client = self.client_ref()
        flow.stated = self.stated_person()
        flow.acting = self.acting_ref()
        flow.acting_role = self.role()
        flow.authority = self.authority()
        flow.company_document = self.company_document_entry()
        flow.matter = self.matter_ref(today)
        flow.purpose = self.purpose.text()

    def reset(self) -> None:
        self._selected = None
        for edit in (self.search, self.company_name, self.company_address, self.matter_title, self.purpose):
            edit.clear()
        self.search_birth.clear()
        self.person_form.reset()
        self.acting_form.reset()
        self.authority_date.clear()
        self.company_document_date.clear()
        if self.authority_kind.count():
            self.authority_kind.setCurrentIndex(0)
        self.kind_individual.setChecked(True)
        self.role_self.setChecked(True)
        self.results.clear()
        self.search_status.clear()
        self.reuse_matter.setChecked(False)
        self.reuse_matter.setEnabled(False)
        self.selected_label.setText(self.tr("選択なし: 右の欄に新しい依頼者を入力してください。"))
