"""依頼者と案件 — step 1: pick the client (search as you type) or enter a new one, and the matter.

Searching runs on the task pool (the record store may need a moment to open); results list earlier
verifications by client, newest first. Picking one reuses that client (and, if wanted, its matter);
otherwise the form's details make a new client. What the client *states* here is what step 5 compares
with the chip.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.era import EraDateError, format_japanese
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records.model import Matter, Person, VerificationRecord, VerificationSummary
    from kyc_desk.records.store import RecordStore

SEARCH_DELAY_MS = 250
#: Matter kinds offered (特定業務 of a 司法書士, domain.md §1.1); free text is allowed too.
MATTER_KINDS = ("不動産売買", "会社設立・合併", "財産の管理・処分", "その他")


class ClientStepView(QWidget):
    """Client search and form, and the matter. ``changed`` fires when the step becomes (in)complete."""

    changed = Signal()
    #: Enter in one of the form's fields: the scrivener wants to go on.
    submitted = Signal()

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("client_step")
        self._services = services
        self._tasks = tasks
        self._records = RecordsTasks(services, tasks, self)
        self._selected: VerificationRecord | None = None
        self._search_seq = 0
        layout = QHBoxLayout(self)

        # left: search
        search_box = QGroupBox(self.tr("記録済みの依頼者を検索"))
        search_layout = QVBoxLayout(search_box)
        self.search = QLineEdit()
        self.search.setObjectName("client_search")
        self.search.setPlaceholderText(self.tr("氏名またはフリガナの一部（表記ゆれは区別しません）"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("client_results")
        self.search_status = QLabel()
        self.search_status.setObjectName("search_status")
        self.search_status.setWordWrap(True)
        search_layout.addWidget(self.search)
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
        layout.addWidget(search_box, 1)

        # right: the client as stated, and the matter
        right = QVBoxLayout()
        person_box = QGroupBox(self.tr("依頼者の申告内容（本人特定事項）"))
        form = QFormLayout(person_box)
        self.name = QLineEdit()
        self.name.setObjectName("client_name")
        self.kana = QLineEdit()
        self.kana.setObjectName("client_kana")
        self.birth = QDateEdit()
        self.birth.setObjectName("client_birth")
        self.birth.setDisplayFormat("yyyy/MM/dd")
        self.birth.setCalendarPopup(True)
        self.birth.setMinimumDate(QDate(1900, 1, 1))
        self.birth.setDate(QDate(1970, 1, 1))
        self.birth_era = QLabel()
        self.birth_era.setObjectName("client_birth_era")
        self.address = QLineEdit()
        self.address.setObjectName("client_address")
        self.occupation = QLineEdit()
        self.occupation.setObjectName("client_occupation")
        form.addRow(self.tr("氏名(&L)"), self.name)
        form.addRow(self.tr("フリガナ(&R)"), self.kana)
        form.addRow(self.tr("生年月日(&D)"), self.birth)
        form.addRow("", self.birth_era)
        form.addRow(self.tr("住所(&A)"), self.address)
        form.addRow(self.tr("職業(&O)"), self.occupation)
        right.addWidget(person_box)

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
        matter_form.addRow(self.tr("取引の目的(&P)"), self.purpose)
        right.addWidget(matter_box)
        right.addStretch(1)
        layout.addLayout(right, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.birth.dateChanged.connect(self._show_era)
        for edit in (self.name, self.matter_title):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        for edit in (self.name, self.kana, self.address, self.occupation, self.matter_title, self.purpose):
            edit.returnPressed.connect(self.submitted.emit)
        self.search.returnPressed.connect(self._pick_first)
        self._show_era()
        self.setTabOrder(self.search, self.results)
        self.setTabOrder(self.results, self.name)
        self.setTabOrder(self.name, self.kana)
        self.setTabOrder(self.kana, self.birth)
        self.setTabOrder(self.birth, self.address)
        self.setTabOrder(self.address, self.occupation)
        self.setTabOrder(self.occupation, self.matter_title)
        self.setTabOrder(self.matter_title, self.matter_kind)
        self.setTabOrder(self.matter_kind, self.purpose)

    # -- search ----------------------------------------------------------------------------------
    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._search_seq += 1
        seq = self._search_seq
        if not text:
            self.results.clear()
            self.search_status.clear()
            return
        self.search_status.setText(self.tr("検索中…"))

        def search(store: RecordStore) -> list[VerificationSummary]:
            from kyc_desk.records.model import SearchQuery

            return store.search(SearchQuery(name=text, limit=30))

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
            label = f"{summary.client_name}　{summary.verified_on.isoformat()}　{summary.document_type}"
            item = QListWidgetItem(label)
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
        self._selected = record
        person = record.client.person
        self.name.setText(person.name)
        self.kana.setText(person.name_kana or "")
        if person.birth_date:
            self.birth.setDate(QDate(person.birth_date.year, person.birth_date.month, person.birth_date.day))
        self.address.setText(person.address or "")
        self.occupation.setText(person.occupation or "")
        self.selected_label.setText(
            self.tr("記録済みの依頼者を選択しました（記録番号 %1）").replace("%1", str(record.id))
        )
        self.reuse_matter.setEnabled(record.matter is not None)
        self.reuse_matter.setChecked(record.matter is not None)
        if record.matter is not None:
            self.matter_title.setText(record.matter.matter.title)
            self.matter_kind.setCurrentText(record.matter.matter.kind)
        self.purpose.setText(record.purpose or "")
        self.changed.emit()

    def _show_era(self) -> None:
        try:
            self.birth_era.setText(format_japanese(self._birth_date()))
        except EraDateError:
            self.birth_era.clear()

    # -- results ---------------------------------------------------------------------------------
    def _birth_date(self) -> dt.date:
        qdate = self.birth.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def is_complete(self) -> bool:
        return bool(self.name.text().strip() and self.matter_title.text().strip())

    def stated_person(self) -> Person:
        from kyc_desk.records.model import Person

        return Person(
            name=self.name.text().strip(),
            name_kana=self.kana.text().strip() or None,
            birth_date=self._birth_date(),
            address=self.address.text().strip() or None,
            occupation=self.occupation.text().strip() or None,
        )

    def client_ref(self) -> Person | int:
        """The existing client's id if one was picked and its details were not edited, else a new person."""
        stated = self.stated_person()
        if self._selected is not None and self._selected.client.person == stated:
            return self._selected.client.id
        return stated

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
        flow.matter = self.matter_ref(today)
        flow.purpose = self.purpose.text()

    def reset(self) -> None:
        self._selected = None
        for edit in (self.search, self.name, self.kana, self.address, self.occupation, self.matter_title, self.purpose):
            edit.clear()
        self.results.clear()
        self.search_status.clear()
        self.birth.setDate(QDate(1970, 1, 1))
        self.reuse_matter.setChecked(False)
        self.reuse_matter.setEnabled(False)
        self.selected_label.setText(self.tr("選択なし: 右の欄に新しい依頼者を入力してください。"))
