"""案件 — the office's matters: list and filter, create and edit, parties, close with the end date, and per
matter its verifications, 取引記録 and meetings (面談カード).

A matter's end date starts the 10-year retention of its records; closing shows the retention the store
recomputed. Parties are clients found by name (and birth date) or created on the spot, each with their
role. Every call runs on the task pool through :class:`~kyc_desk.app.caseload.CaseloadService`; the view
holds no SQL. The records place filters by the matter on request (``show_in_records``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices, texts
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.meetings.minutes import TEMPLATES
from kyc_desk.ui.views.caseload_words import (
    confirmed_text,
    date_text,
    mode_text,
    party_text,
    status_text,
    template_name,
    when_text,
)
from kyc_desk.ui.views.matter_forms import PartyForm, TransactionForm
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:  # the records layer (SQLAlchemy) loads on first use, not at the window's start
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.records.model import (
        Client,
        MatterRecord,
        MeetingRecord,
        Party,
        StoredTransaction,
        VerificationSummary,
    )
    from kyc_desk.ui.views.meetings import MeetingDialog


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _today() -> dt.date:
    return dt.datetime.now(JAPAN_TIME).date()


def _table(columns: list[str], name: str, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    header = table.horizontalHeader()
    for column in range(len(columns)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def _fill(table: QTableWidget, rows: list[tuple[Any, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for row, (key, values) in enumerate(rows):
        for column, value in enumerate(values):
            cell = QTableWidgetItem(value)
            cell.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, column, cell)


def _selected(table: QTableWidget) -> Any:
    row = table.currentRow()
    cell = table.item(row, 0) if row >= 0 else None
    return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None


class MattersView(QWidget):
    """The 案件 place: filters and the matter list on the left, the opened matter in tabs on the right.

    ``open_record_requested(id)`` asks the window to open a verification in 記録;
    ``show_in_records(matter_id, title)`` to list the matter's verifications there.
    """

    open_record_requested = Signal(int)
    show_in_records = Signal(int, str)

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matters")
        self._services = services
        self._tasks = tasks
        self._records = RecordsTasks(services, tasks, self)
        self._seq = 0
        self._open_seq = 0
        self._want_form = False
        self._loading_id: int | None = None
        self.current: MatterRecord | None = None
        #: Parties chosen for a matter not stored yet (created with it).
        self.pending: list[tuple[Client, Party]] = []
        self.verifications: list[VerificationSummary] = []
        self.meetings: list[MeetingRecord] = []
        self.meeting_dialog: MeetingDialog | None = None
        self._closed_dialog: MeetingDialog | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.status = QLabel()
        self.status.setObjectName("matters_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # the engagement date is in the summary: two 和暦 dates would leave the title no room at 1280×720
        self.table = _table([self.tr("番号"), self.tr("案件名"), self.tr("種類"), self.tr("保存期限")],
                            "matters_table", 1)
        left_layout.addWidget(self.table, 1)
        self.new_button = QPushButton(self.tr("新しい案件(&N)"))
        self.new_button.setObjectName("matters_new")
        left_layout.addWidget(self.new_button)
        splitter.addWidget(left)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("matter_tabs")
        self.tabs.addTab(self._summary_page(), self.tr("概要"))
        self.tabs.addTab(self._parties_page(), self.tr("当事者"))
        self.tabs.addTab(self._verifications_page(), self.tr("本人確認"))
        self.tabs.addTab(self._transactions_page(), self.tr("取引記録"))
        self.tabs.addTab(self._meetings_page(), self.tr("面談"))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([480, 760])
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.search)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.open_only.toggled.connect(lambda _c: self.refresh())
        self.client_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.currentCellChanged.connect(lambda row, *_: self._open_row(row))
        self.new_button.clicked.connect(self.new_matter)
        self.save_button.clicked.connect(self.save_matter)
        self.close_button.clicked.connect(self.close_matter)
        self.party_form.find_button.clicked.connect(self.find_clients)
        self.party_form.add_button.clicked.connect(self.add_party)
        self.remove_party_button.clicked.connect(self.remove_party)
        self.open_record_button.clicked.connect(self._open_record)
        self.records_button.clicked.connect(self._show_in_records)
        self.verification_table.cellDoubleClicked.connect(lambda *_: self._open_record())
        self.tx_form.add_button.clicked.connect(self.add_transaction)
        self.new_meeting_button.clicked.connect(lambda: self.open_meeting(None))
        self.open_meeting_button.clicked.connect(self._open_selected_meeting)
        self.meeting_table.cellDoubleClicked.connect(lambda *_: self._open_selected_meeting())
        self.new_matter()

    # --- layout --------------------------------------------------------------------------------------

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("matters_search")
        self.search.setPlaceholderText(self.tr("案件名・整理番号で検索"))
        self.search.setClearButtonEnabled(True)
        row.addWidget(self.search, 2)
        self.open_only = QCheckBox(self.tr("終了していない案件のみ"))
        self.open_only.setObjectName("matters_open_only")
        row.addWidget(self.open_only)
        row.addWidget(QLabel(self.tr("依頼者:")))
        self.client_filter = QComboBox()
        self.client_filter.setObjectName("matters_client")
        self.client_filter.setMinimumContentsLength(12)
        self.client_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.client_filter.addItem(self.tr("すべて"), None)
        row.addWidget(self.client_filter, 1)
        return row

    def _summary_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.heading = QLabel()
        self.heading.setObjectName("matter_heading")
        layout.addWidget(self.heading)
        self.title = QLineEdit()
        self.title.setObjectName("matter_title")
        self.title.setPlaceholderText(self.tr("例: 所有権移転登記（売買）"))
        form.addRow(self.tr("案件名(&T):"), self.title)
        self.kind = QComboBox()
        self.kind.setObjectName("matter_kind")
        for key in TEMPLATES:
            self.kind.addItem(template_name(key), key)
        form.addRow(self.tr("種類:"), self.kind)
        self.reference = QLineEdit()
        self.reference.setObjectName("matter_reference")
        form.addRow(self.tr("整理番号:"), self.reference)
        self.opened_on = QDateEdit()
        self.opened_on.setObjectName("matter_opened_on")
        self.opened_on.setCalendarPopup(True)
        self.opened_on.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("受任日:"), self.opened_on)
        self.note = QLineEdit()
        self.note.setObjectName("matter_note")
        form.addRow(self.tr("メモ:"), self.note)
        layout.addLayout(form)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setObjectName("matter_save")
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        close = QGroupBox(self.tr("案件の終了"))
        close_layout = QFormLayout(close)
        self.ended_on = QDateEdit()
        self.ended_on.setObjectName("matter_ended_on")
        self.ended_on.setCalendarPopup(True)
        self.ended_on.setDisplayFormat("yyyy-MM-dd")
        self.close_button = QPushButton(self.tr("この日で終了する"))
        self.close_button.setObjectName("matter_close")
        end_row = QHBoxLayout()
        end_row.addWidget(self.ended_on)
        end_row.addWidget(self.close_button)
        end_row.addStretch(1)
        close_layout.addRow(self.tr("終了日:"), end_row)
        self.retention = QLabel()
        self.retention.setObjectName("matter_retention")
        self.retention.setWordWrap(True)
        close_layout.addRow(self.tr("保存期限:"), self.retention)
        layout.addWidget(close)
        layout.addStretch(1)
        return page

    def _parties_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.party_table = _table([self.tr("依頼者"), self.tr("立場"), self.tr("生年月日")], "matter_parties", 0)
        layout.addWidget(self.party_table, 1)
        self.remove_party_button = QPushButton(self.tr("選んだ当事者を外す"))
        self.remove_party_button.setObjectName("matter_remove_party")
        layout.addWidget(self.remove_party_button, 0, Qt.AlignmentFlag.AlignRight)
        self.party_form = PartyForm()
        layout.addWidget(self.party_form)
        return page

    def _verifications_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.verification_table = _table(
            [self.tr("記録番号"), self.tr("確認日"), self.tr("本人"), self.tr("確認方法")], "matter_verifications", 2
        )
        layout.addWidget(self.verification_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_record_button = QPushButton(self.tr("記録を開く"))
        self.open_record_button.setObjectName("matter_open_record")
        self.records_button = QPushButton(self.tr("記録の一覧をこの案件で絞り込む"))
        self.records_button.setObjectName("matter_in_records")
        buttons.addWidget(self.open_record_button)
        buttons.addWidget(self.records_button)
        layout.addLayout(buttons)
        return page

    def _transactions_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.transaction_table = _table(
            [self.tr("取引日"), self.tr("取引の種類"), self.tr("金額（円）"), self.tr("財産の移転"),
             self.tr("確認記録")], "matter_transactions", 3
        )
        layout.addWidget(self.transaction_table, 1)
        self.tx_form = TransactionForm()
        layout.addWidget(self.tx_form)
        return page

    def _meetings_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.meeting_table = _table(
            [self.tr("日時（日本時間）"), self.tr("方法"), self.tr("状態"), self.tr("出席者"), self.tr("人・物・意思")],
            "matter_meetings", 3,
        )
        layout.addWidget(self.meeting_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.new_meeting_button = QPushButton(self.tr("新しい面談カード(&M)"))
        self.new_meeting_button.setObjectName("matter_new_meeting")
        self.open_meeting_button = QPushButton(self.tr("面談カードを開く"))
        self.open_meeting_button.setObjectName("matter_open_meeting")
        buttons.addWidget(self.new_meeting_button)
        buttons.addWidget(self.open_meeting_button)
        layout.addLayout(buttons)
        return page

    # --- calls ---------------------------------------------------------------------------------------

    def _caseload(self) -> CaseloadService:
        caseload = self._services.caseload
        assert caseload is not None  # DeskServices builds it
        return caseload

    def _call(self, name: str, fn: Callable[[CaseloadService], Any], done: Callable[[Any], None]) -> None:
        """Run ``fn(caseload)`` on the pool (the passphrase asked for when needed); errors go to the status."""
        caseload = self._caseload()
        self._records.run(name, lambda _store: fn(caseload), returned=done, errored=self._failed)

    def _failed(self, exc: KycDeskError) -> None:
        self.status.setText(exc.user_text())

    # --- the list ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """List the matters that pass the filters (and the clients for the client filter)."""
        self._seq += 1
        seq = self._seq
        text, client_id, open_only = (self.search.text().strip() or None, self.client_filter.currentData(),
                                      self.open_only.isChecked())

        def load(caseload: CaseloadService) -> tuple[list[MatterRecord], list[Client]]:
            from kyc_desk.records.model import ClientQuery, MatterQuery

            query = MatterQuery(text=text, client_id=client_id, open_only=open_only)
            return caseload.list_matters(query), caseload.find_clients(ClientQuery(limit=500))

        self._call("list matters", load, functools.partial(self._show_list, seq))

    def _show_list(self, seq: int, found: tuple[list[MatterRecord], list[Client]]) -> None:
        if seq != self._seq:
            return
        matters, clients = found
        chosen = self.client_filter.currentData()
        self.client_filter.blockSignals(True)
        self.client_filter.clear()
        self.client_filter.addItem(self.tr("すべて"), None)
        for client in clients:
            self.client_filter.addItem(client.person.name, client.id)
        self.client_filter.setCurrentIndex(max(self.client_filter.findData(chosen), 0))
        self.client_filter.blockSignals(False)
        current = self.current.id if self.current is not None else None
        self.table.blockSignals(True)
        _fill(self.table, [(m.id, [str(m.id), m.matter.title, template_name(m.matter.kind),
                                   date_text(m.retention_until) if m.retention_until else texts.word_text("open")])
                           for m in matters])
        for row in range(self.table.rowCount()):
            if _selected_row_id(self.table, row) == current:
                self.table.setCurrentCell(row, 0)
        self.table.blockSignals(False)
        self.status.setText(self.tr("%1件の案件").replace("%1", str(len(matters))) if matters
                            else self.tr("案件はありません"))

    def _open_row(self, row: int) -> None:
        matter_id = _selected_row_id(self.table, row)
        if matter_id is not None:
            self.open_matter(matter_id)

    def activate(self) -> None:
        """The place was opened: list again, and reload the open matter's lists (a verification saved in
        対面確認 since shows up), leaving the summary being edited alone."""
        self.refresh()
        if self.current is not None:
            self._load(self.current.id, form=False)

    def open_matter(self, matter_id: int) -> None:
        """Load a matter with its verifications, 取引記録 and meetings."""
        self._load(matter_id, form=True)

    def _load(self, matter_id: int, *, form: bool) -> None:
        self._open_seq += 1
        seq = self._open_seq
        # only the newest load shows; it shows the form too if an earlier load of the same matter wanted it
        self._want_form = form or (self._want_form and self._loading_id == matter_id)
        self._loading_id = matter_id

        def load(caseload: CaseloadService) -> tuple[Any, ...]:
            return (caseload.get_matter(matter_id), caseload.matter_verifications(matter_id),
                    caseload.transactions(matter_id),
                    caseload.list_meetings(_meeting_query(matter_id)))

        def loaded(found: tuple[Any, ...]) -> None:
            if seq != self._open_seq:  # another matter was chosen meanwhile
                return
            if self._want_form or self.current is None or self.current.id != matter_id:
                self.show_matter(found[0])
            self._want_form = False
            self._show_lists(*found[1:])

        self._call("open matter", load, loaded)

    def _show_lists(self, verifications: list[VerificationSummary], transactions: list[StoredTransaction],
                    meetings: list[MeetingRecord]) -> None:
        self.verifications = verifications
        _fill(self.verification_table, [(v.id, [str(v.id), date_text(v.verified_on), v.subject_name,
                                                 texts.method_text(v.method)])
                                        for v in verifications])
        self.tx_form.set_verifications([v.id for v in verifications])
        self._show_transactions(transactions)
        self._show_meetings(meetings)

    def show_matter(self, matter: MatterRecord) -> None:
        """The matter's summary, parties and end (retention) in the tabs."""
        self.current = matter
        self.pending = []
        m = matter.matter
        self.heading.setText(self.tr("案件番号 %1").replace("%1", str(matter.id)))
        self.title.setText(m.title)
        self.kind.setCurrentIndex(max(self.kind.findData(m.kind), 0))
        self.reference.setText(m.reference or "")
        self.opened_on.setDate(_qdate(m.opened_on))
        self.note.setText(matter.note or "")
        self.ended_on.setDate(_qdate(m.ended_on or _today()))
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("終了日を変更する") if m.ended_on else self.tr("この日で終了する"))
        if matter.retention_until is not None:
            self.retention.setText(
                self.tr("%1 まで（終了日 %2 から10年）")
                .replace("%1", date_text(matter.retention_until)).replace("%2", date_text(m.ended_on))
            )
        else:
            self.retention.setText(self.tr("案件が終了していません（終了日から10年間保存します）"))
        self._show_parties()
        for widget in (self.new_meeting_button, self.tx_form.add_button, self.open_record_button,
                       self.records_button):
            widget.setEnabled(True)

    def _show_parties(self) -> None:
        from kyc_desk.records.model import Party

        if self.current is not None:
            rows = [(Party(p.client.id, p.role, p.role_note), p.client) for p in self.current.parties]
        else:
            rows = [(party, client) for client, party in self.pending]
        _fill(self.party_table, [(party, [client.person.name, party_text(party.role.value, party.role_note),
                                          date_text(client.person.birth_date)])
                                 for party, client in rows])

    def _show_transactions(self, transactions: list[StoredTransaction]) -> None:
        rows = []
        for t in transactions:
            e = t.entry
            moved = "→".join(x for x in (e.property_from or "", e.property_to or "") if x)
            rows.append((t.id, [date_text(e.transacted_on), e.kind,
                                f"{e.amount_yen:,}" if e.amount_yen is not None else "", moved,
                                str(t.verification_id or "")]))
        _fill(self.transaction_table, rows)

    def _show_meetings(self, meetings: list[MeetingRecord]) -> None:
        self.meetings = meetings
        names = {p.client.id: p.client.person.name for p in (self.current.parties if self.current else ())}
        _fill(self.meeting_table, [
            (m.id, [when_text(m.starts_at, m.ends_at), mode_text(m.mode.value), status_text(m.status.value),
                    "、".join(names.get(a.client.id, a.client.person.name) for a in m.attendees),
                    confirmed_text(c.value for c in m.confirmed)])
            for m in meetings])

    # --- create, edit, close -------------------------------------------------------------------------

    def new_matter(self) -> None:
        """Clear the form for a new matter (its parties are chosen before the first save)."""
        self.current = None
        self.pending = []
        self.heading.setText(self.tr("新しい案件（当事者を加えてから保存してください）"))
        self.title.clear()
        self.kind.setCurrentIndex(0)
        self.reference.clear()
        self.note.clear()
        self.opened_on.setDate(_qdate(_today()))
        self.ended_on.setDate(_qdate(_today()))
        self.tx_form.reset(_today())
        self.retention.setText(self.tr("案件が終了していません（終了日から10年間保存します）"))
        self.close_button.setEnabled(False)
        for widget in (self.new_meeting_button, self.tx_form.add_button, self.open_record_button,
                       self.records_button):
            widget.setEnabled(False)
        for table in (self.party_table, self.verification_table, self.transaction_table, self.meeting_table):
            table.setRowCount(0)
        self.tx_form.set_verifications([])
        self.verifications, self.meetings = [], []
        self.table.blockSignals(True)  # no row is current, so choosing any matter again opens it
        self.table.setCurrentCell(-1, -1)
        self.table.blockSignals(False)
        self.tabs.setCurrentIndex(0)

    def save_matter(self) -> None:
        """Create the matter (with the chosen parties) or store the edited summary."""
        title = self.title.text().strip()
        if not title:
            self.status.setText(self.tr("案件名を入力してください。"))
            return
        from kyc_desk.records.model import Matter

        end = self.current.matter.ended_on if self.current is not None else None
        matter = Matter(title=title, kind=self.kind.currentData(), opened_on=_pydate(self.opened_on.date()),
                        reference=self.reference.text().strip() or None, ended_on=end)
        note = self.note.text().strip() or None
        if self.current is None:
            if not self.pending:
                self.status.setText(self.tr("当事者を1人以上加えてから保存してください（「当事者」タブ）。"))
                self.tabs.setCurrentIndex(1)
                return
            parties = [party for _client, party in self.pending]
            self._call("create matter", lambda c: c.create_matter(matter, parties, note), self._stored)
        else:
            matter_id = self.current.id
            self._call("edit matter", lambda c: c.edit_matter(matter_id, matter, note), self._stored)

    def _stored(self, matter: MatterRecord) -> None:
        self.status.setText(self.tr("案件を保存しました（案件番号 %1）。").replace("%1", str(matter.id)))
        self.current = matter
        self.open_matter(matter.id)
        self.refresh()

    def close_matter(self) -> None:
        """Close the matter on the chosen end date; the retention comes back recomputed."""
        if self.current is None:
            return
        matter_id, ended = self.current.id, _pydate(self.ended_on.date())
        self._call("close matter", lambda c: c.close_matter(matter_id, ended), self._closed)

    def _closed(self, matter: MatterRecord) -> None:
        self.show_matter(matter)
        self.status.setText(
            self.tr("案件を終了しました。保存期限: %1").replace("%1", date_text(matter.retention_until))
        )
        self.refresh()

    # --- parties -------------------------------------------------------------------------------------

    def find_clients(self) -> None:
        """Look for stored clients by the typed name (and birth date) and offer them."""
        from kyc_desk.records.model import ClientQuery

        try:
            person = self.party_form.person()
        except KycDeskError as exc:
            self.status.setText(exc.user_text())
            return
        query = ClientQuery(name=person.name, birth_date=person.birth_date, limit=20)
        self._call("find clients", lambda c: c.find_clients(query), self._offer_clients)

    def _offer_clients(self, found: list[Client]) -> None:
        self.party_form.offer(found)
        self.status.setText(self.tr("登録済みの依頼者が %1 人見つかりました。").replace("%1", str(len(found)))
                            if found else self.tr("登録済みの依頼者は見つかりませんでした。新しく登録します。"))

    def add_party(self) -> None:
        """Add the chosen (or a new) client with the role: stored at once for a stored matter, else kept
        until the matter is created."""
        from kyc_desk.records.model import Party, PartyRole

        existing = self.party_form.chosen()
        try:
            role, note = self.party_form.role_and_note()
            person = None if existing is not None else self.party_form.person()
        except KycDeskError as exc:
            self.status.setText(exc.user_text())
            return
        matter_id = self.current.id if self.current is not None else None

        def add(caseload: CaseloadService) -> tuple[Client, Any]:
            if existing is not None:
                client = caseload.get_client(existing)
            else:
                assert person is not None
                found = caseload.find_existing(person)  # the same person is never stored twice
                client = found[0] if len(found) == 1 else caseload.add_client(person)
            party = Party(client.id, PartyRole(role), note)
            if matter_id is None:
                return client, party
            return client, caseload.add_party(matter_id, party)

        self._call("add party", add, self._party_added)

    def _party_added(self, added: tuple[Client, Any]) -> None:
        from kyc_desk.records.model import Party

        client, result = added
        if isinstance(result, Party):
            self.pending.append((client, result))
        else:
            self.current = result
        self._show_parties()
        self.party_form.reset()
        self.status.setText(self.tr("%1 を当事者に加えました。").replace("%1", client.person.name))

    def remove_party(self) -> None:
        party: Party | None = _selected(self.party_table)
        if party is None:
            self.status.setText(self.tr("外す当事者を一覧で選んでください。"))
            return
        if self.current is None:
            self.pending = [(c, p) for c, p in self.pending if p != party]
            self._show_parties()
            return
        matter_id = self.current.id

        def removed(matter: MatterRecord) -> None:
            self.current = matter
            self._show_parties()

        self._call("remove party", lambda c: c.remove_party(matter_id, party.client_id, party.role), removed)

    # --- verifications, 取引記録 ----------------------------------------------------------------------

    def _open_record(self) -> None:
        verification_id = _selected(self.verification_table)
        if verification_id is not None:
            self.open_record_requested.emit(int(verification_id))

    def _show_in_records(self) -> None:
        if self.current is not None:
            self.show_in_records.emit(self.current.id, self.current.matter.title)

    def add_transaction(self) -> None:
        """Enter a 取引記録 for the matter, referring to one of its verifications."""
        if self.current is None:
            return
        try:
            entry, verification_id = self.tx_form.entry()
        except KycDeskError as exc:
            self.status.setText(exc.user_text())
            return
        matter_id = self.current.id

        def add(caseload: CaseloadService) -> list[StoredTransaction]:
            caseload.add_transaction(matter_id, entry, verification_id=verification_id)
            return caseload.transactions(matter_id)

        def added(transactions: list[StoredTransaction]) -> None:
            self._show_transactions(transactions)
            self.tx_form.reset()
            self.status.setText(self.tr("取引記録を追加しました。"))

        self._call("add transaction", add, added)

    # --- meetings ------------------------------------------------------------------------------------

    def _open_selected_meeting(self) -> None:
        meeting_id = _selected(self.meeting_table)
        meeting = next((m for m in self.meetings if m.id == meeting_id), None)
        if meeting is not None:
            self.open_meeting(meeting)

    def open_meeting(self, meeting: MeetingRecord | None) -> MeetingDialog | None:
        """Open the 面談カード (new when ``meeting`` is None); the list follows each save."""
        from kyc_desk.ui.views.meetings import MeetingDialog

        if self.current is None:
            return None
        if self._closed_dialog is not None:  # the previous card, closed: its work is long done
            self._closed_dialog.deleteLater()
            self._closed_dialog = None
        dialog = MeetingDialog(self._services, self._tasks, self.current, self.verifications, meeting, self)
        matter_id = self.current.id

        def listed(meetings: list[MeetingRecord]) -> None:
            if self.current is not None and self.current.id == matter_id:
                self._show_meetings(meetings)

        dialog.saved.connect(lambda _m: self._call(
            "list meetings", lambda c: c.list_meetings(_meeting_query(matter_id)), listed))
        self.meeting_dialog = dialog

        def finished(_result: int) -> None:
            # not deleted on close: a save still running reports to it (kept until the next card opens)
            self.meeting_dialog, self._closed_dialog = None, dialog

        dialog.finished.connect(finished)
        dialog.finished.connect(lambda _r: setattr(self, "meeting_dialog", None))
        dialog.open()
        return dialog


def _selected_row_id(table: QTableWidget, row: int) -> Any:
    cell = table.item(row, 0) if row >= 0 else None
    return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None


def _meeting_query(matter_id: int) -> Any:
    from kyc_desk.records.model import MeetingQuery

    return MeetingQuery(matter_id=matter_id)
