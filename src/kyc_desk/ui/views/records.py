"""記録 — search the saved verifications, open one, and see everything that was saved.

The list and the record are loaded on the task pool through the records layer; the detail shows who
checked and when, the method and its times, the document, the chip's data and photo, the photo taken
at the desk, the verification badges, the item checks, the face match and the decision.

Stored checks, face results, document types, evidence, statuses and dates are codes, figures and ISO
values; they are rendered here through :mod:`kyc_desk.app.texts` (labels in :mod:`kyc_desk.app.labels`,
dates in 和暦 with the Western year), in the interface language, and rendered again when the language
changes. Checks the method cannot make with the document are left out (``texts.shown_checks``).

Opening a record also runs the local duplicate-face check (``RecordStore.duplicate_leads``): other records
with a very similar face under another identity, or with a different face under the same identity, are
listed as leads with their figures and a link that opens the other record — for the scrivener to compare,
never a verdict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices, texts
from kyc_desk.app.texts import check_name_text, check_text, face_text, item_note_text, source_text
from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import current_language
from kyc_desk.ui.dialogs.mail_outcome import MailOutcomeDialog
from kyc_desk.ui.views.records_caseload import CaseloadHtml
from kyc_desk.ui.views.records_export import ExportBar
from kyc_desk.ui.widgets.badge import badge_text
from kyc_desk.ui.widgets.geometry import fitted_pixmap
from kyc_desk.ui.widgets.images import qimage_from_bytes
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records import DuplicateLead
    from kyc_desk.records.model import VerificationRecord, VerificationSummary
    from kyc_desk.records.store import RecordStore

#: The opened record's photos, in logical pixels (made at the screen's pixel ratio, so sharp at any scaling).
PHOTO_HEIGHT = 200


def _with_parties(store: RecordStore, record: VerificationRecord) -> VerificationRecord:
    """The record with its matter's parties loaded (a verification loads its matter without them)."""
    if record.matter is None or record.matter.parties:
        return record
    return dataclasses.replace(record, matter=store.get_matter(record.matter.id))


class RecordsView(QWidget):
    """Search box, result table, and the opened record."""

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records")
        self._services = services
        self._tasks = tasks
        self._records = RecordsTasks(services, tasks, self)
        self._seq = 0
        self.opened: VerificationRecord | None = None
        self._found: list[VerificationSummary] = []  # the list shown, rendered again when the language changes
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setObjectName("records_search")
        self.search.setClearButtonEnabled(True)
        self.setFocusProxy(self.search)  # Ctrl+3 lands in the search field
        #: The matter the list is filtered by (案件 → 記録の一覧をこの案件で絞り込む), None for all.
        self.matter_id: int | None = None
        self.matter_filter = QPushButton()
        self.matter_filter.setObjectName("records_matter_filter")
        self.matter_filter.setToolTip(self.tr("押すと案件での絞り込みを解除します"))
        self.matter_filter.setVisible(False)
        self.matter_filter.clicked.connect(lambda: self.filter_by_matter(None))
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.matter_filter)
        layout.addLayout(search_row)
        self.status = QLabel()
        self.status.setObjectName("records_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.export_bar = ExportBar(
            services, tasks, selected_ids=self.selected_ids, listed_ids=self.listed_ids, refresh=self.refresh
        )
        self.export_bar.finished.connect(self.status.setText)
        layout.addWidget(self.export_bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("records_table")
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4, 5):  # 和暦 dates and names whole, never cut
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)  # several to export
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        splitter.addWidget(self.table)
        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        # the two photos side by side, so that the opened record fits a 1280×720 window
        photos = QGridLayout()
        self.chip_photo = QLabel()
        self.chip_photo.setObjectName("record_chip_photo")
        self.live_photo = QLabel()
        self.live_photo.setObjectName("record_live_photo")
        self._photo_titles = (QLabel(), QLabel())
        photos.addWidget(self._photo_titles[0], 0, 0)
        photos.addWidget(self._photo_titles[1], 0, 1)
        photos.addWidget(self.chip_photo, 1, 0, Qt.AlignmentFlag.AlignTop)
        photos.addWidget(self.live_photo, 1, 1, Qt.AlignmentFlag.AlignTop)
        photos.setRowStretch(2, 1)
        detail_layout.addLayout(photos)
        self.detail = QTextBrowser()
        self.detail.setObjectName("record_detail")
        self.detail.setOpenLinks(False)  # a duplicate-face lead's or a reliance's link opens that record here
        self.detail.anchorClicked.connect(self._open_link)
        self._leads: tuple[DuplicateLead, ...] = ()
        self._caseload = CaseloadHtml(self)
        # what can still be recorded on an opened record: the 転送不要郵便's outcome, known days later
        self.mail_button = QPushButton()
        self.mail_button.setObjectName("record_mail_outcome")
        self.mail_button.setVisible(False)
        self.mail_button.clicked.connect(self.ask_mail_outcome)
        self.mail_dialog: MailOutcomeDialog | None = None
        text_column = QVBoxLayout()
        actions = QHBoxLayout()
        actions.addWidget(self.mail_button)
        actions.addStretch(1)
        text_column.addLayout(actions)
        text_column.addWidget(self.detail, 1)
        detail_layout.addLayout(text_column, 1)
        splitter.addWidget(detail)
        splitter.setSizes([260, 560])
        layout.addWidget(splitter, 1)
        self._retranslate()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table.itemActivated.connect(self._open_row)
        self.table.currentCellChanged.connect(lambda row, *_: self._open_row_index(row))
        # Tab from the search goes to the results (the keyboard path), then to the export buttons above them
        QWidget.setTabOrder(self.search, self.table)
        QWidget.setTabOrder(self.table, self.export_bar.csv_button)

    def filter_by_matter(self, matter_id: int | None, title: str = "") -> None:
        """List only the verifications of one matter (None: all again), and search again."""
        self.matter_id = matter_id
        self.matter_filter.setText(self.tr("案件: %1 ✕").replace("%1", title or str(matter_id)))
        self.matter_filter.setVisible(matter_id is not None)
        self.refresh()

    def refresh(self) -> None:
        """Search again (or list the newest) on the task pool."""
        text = self.search.text().strip()
        matter_id = self.matter_id
        self._seq += 1
        seq = self._seq

        def search(store: RecordStore) -> list[VerificationSummary]:
            from kyc_desk.records.model import SearchQuery

            return store.search(SearchQuery(name=text or None, matter_id=matter_id, limit=200))

        self.status.setText(self.tr("読み込み中…"))
        self._records.run(
            "records search",
            search,
            returned=functools.partial(self._show, seq),
            errored=functools.partial(self._failed, seq),
        )

    def _show(self, seq: int, found: list[VerificationSummary]) -> None:
        if seq != self._seq:
            return
        self._found = found
        self._fill(found)

    def _fill(self, found: list[VerificationSummary]) -> None:
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            values = [
                str(item.id),
                texts.date_text(item.verified_on),
                item.client_name,
                texts.document_text(item.document_type),
                _decision_cell(item),
                texts.date_text(item.retention_until) if item.retention_until else texts.word_text("open"),
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, item.id)
                self.table.setItem(row, column, cell)
        self.status.setText(self.tr("%1件").replace("%1", str(len(found))) if found else self.tr("記録はありません"))

    def listed_ids(self) -> list[int]:
        """The verifications the table lists (what an export of the list takes)."""
        cells = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return [int(cell.data(Qt.ItemDataRole.UserRole)) for cell in cells if cell is not None]

    def selected_ids(self) -> list[int]:
        """The verifications whose rows are selected, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        cells = (self.table.item(row, 0) for row in rows)
        return [int(cell.data(Qt.ItemDataRole.UserRole)) for cell in cells if cell is not None]

    def _failed(self, seq: int, exc: KycDeskError) -> None:
        if seq == self._seq:
            self.status.setText(exc.user_text())

    def _retranslate(self) -> None:
        """The view's own words, in the interface language (at start and when it changes)."""
        self.search.setPlaceholderText(self.tr("氏名・フリガナで検索（空欄で最近の記録）"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("記録番号"),
                self.tr("確認日"),
                self.tr("依頼者"),
                self.tr("書類"),
                self.tr("判断"),
                self.tr("保存期限"),
            ]
        )
        self._photo_titles[0].setText(self.tr("ICチップの顔写真"))
        self._photo_titles[1].setText(self.tr("来所者の顔写真"))
        self.mail_button.setText(self.tr("返送・到達を記録…"))

    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed: the view's words, and the opened record rendered again in it."""
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_photo_titles"):  # not during __init__
            self._retranslate()
            self._fill(self._found)
            if self.opened is not None:
                self.detail.setHtml(self._record_html(self.opened))
        super().changeEvent(event)

    def _open_row(self, cell: QTableWidgetItem) -> None:
        self.open_record(int(cell.data(Qt.ItemDataRole.UserRole)))

    def _open_row_index(self, row: int) -> None:
        cell = self.table.item(row, 0) if row >= 0 else None
        if cell is not None:
            self.open_record(int(cell.data(Qt.ItemDataRole.UserRole)))

    def open_record(self, verification_id: int) -> None:
        def get(store: RecordStore) -> tuple[VerificationRecord, list[DuplicateLead]]:
            from kyc_desk.app.texts import load

            load()  # the reason tables, here on the task pool rather than on the UI thread while rendering
            return _with_parties(store, store.get(verification_id)), store.duplicate_leads(verification_id)

        self._records.run(
            "open record",
            get,
            returned=lambda found: self.show_record(found[0], leads=found[1]),
            errored=lambda exc: self.status.setText(exc.user_text()),
        )

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() == "record" and url.path().isdigit():
            self.open_record(int(url.path()))

    def show_record(self, record: VerificationRecord, *, leads: Sequence[DuplicateLead] = ()) -> None:
        from kyc_desk.records.model import EvidenceKind

        self.opened = record
        self._leads = tuple(leads)
        for label, kind in ((self.chip_photo, EvidenceKind.CHIP_PHOTO), (self.live_photo, EvidenceKind.FACE_PHOTO)):
            evidence = next((e for e in record.evidence if e.kind is kind), None)
            label.clear()
            if evidence is None:
                label.setText(self.tr("なし"))
                continue
            try:
                label.setPixmap(fitted_pixmap(qimage_from_bytes(evidence.data), label, height=PHOTO_HEIGHT))
            except KycDeskError as exc:
                label.setText(exc.user_text())
        # a record by documents alone (ロ, ハ, a reliance) has no photo at all: no empty photo column beside it
        photographed = any(e.kind in (EvidenceKind.CHIP_PHOTO, EvidenceKind.FACE_PHOTO) for e in record.evidence)
        for widget in (*self._photo_titles, self.chip_photo, self.live_photo):
            widget.setVisible(photographed)
        mailing = record.mailing
        self.mail_button.setVisible(mailing is not None)
        self.mail_button.setEnabled(self._services.caseload is not None)
        self.detail.setHtml(self._record_html(record))

    def ask_mail_outcome(self) -> None:
        """Ask what became of the opened record's 転送不要郵便, then record it on the task pool."""
        from kyc_desk.jp.time import legal_date

        record = self.opened
        if record is None or record.mailing is None:
            return
        now = dt.datetime.now(dt.UTC)
        dialog = MailOutcomeDialog(legal_date(record.mailing.mailed_at), legal_date(now), self)
        dialog.accepted.connect(functools.partial(self._mail_outcome_given, record.id, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.mail_dialog = dialog
        dialog.open()

    def _mail_outcome_given(self, verification_id: int, dialog: MailOutcomeDialog) -> None:
        outcome, day = dialog.outcome(), dialog.day()
        self.mail_dialog = None
        caseload = self._services.caseload
        if outcome is None or day is None or caseload is None:
            return

        def record(_store: RecordStore) -> VerificationRecord:
            from kyc_desk.records.model import MailOutcome

            return _with_parties(_store, caseload.record_mail_outcome(verification_id, MailOutcome(outcome), day))

        self.mail_button.setEnabled(False)
        self.status.setText(self.tr("記録しています…"))
        self._records.run("record mail outcome", record, returned=self._mail_recorded, errored=self._mail_failed)

    def _mail_recorded(self, record: VerificationRecord) -> None:
        if self.opened is not None and self.opened.id == record.id:
            self.show_record(record, leads=self._leads)
        self._found = [  # the list's 判断 column follows a return
            dataclasses.replace(found, decision=record.decision.decision if record.decision else None,
                                identity_result=record.identity.result if record.identity else None,
                                engagement=record.engagement.engagement if record.engagement else None)
            if found.id == record.id else found
            for found in self._found
        ]
        self._fill(self._found)
        self.status.setText(self.tr("転送不要郵便の結果を記録しました。"))

    def _mail_failed(self, exc: KycDeskError) -> None:
        self.mail_button.setEnabled(True)
        self.status.setText(exc.user_text())

    def _record_html(self, r: VerificationRecord) -> str:
        e = html.escape
        person = r.subject.person
        rows = [
            (self.tr("記録番号"), str(r.id)),
            (self.tr("確認日"), texts.date_text(r.verified_on)),
            (self.tr("依頼者"), r.client.person.name),
        ]
        if r.subject.id != r.client.id:  # a representative or an agent was identified for the client
            rows.append((texts.role_text(r.subject_role.value), person.name))
        rows += [
            (self.tr("フリガナ"), person.name_kana or ""),
            (self.tr("生年月日"), texts.date_text(person.birth_date)),
            (self.tr("住所"), person.address or ""),
            (self.tr("職業"), person.occupation or ""),
            (self.tr("案件"), r.matter.matter.title if r.matter else ""),
            (self.tr("取引の目的"), r.purpose or ""),
            (self.tr("確認方法"), texts.method_text(r.method)),
        ]
        if not r.documents:  # an older record names its one document; a caseload record lists them below
            rows.append((
                self.tr("書類"),
                texts.document_text(r.document_type) + (f"（{r.document_number}）" if r.document_number else ""),
            ))
        rows += [
            (self.tr("確認した者"), r.checked_by),
            (self.tr("記録した者"), r.recorded_by),
            (self.tr("審査状況"), texts.status_text(r.status.value)),
            (
                self.tr("保存期限"),
                texts.date_text(r.retention_until) if r.retention_until else texts.word_text("matter_open"),
            ),
        ]
        rows += [(texts.event_text(event.value), texts.moment_text(at)) for event, at in r.events.items()]
        out = ["<h3>" + e(self.tr("本人確認記録")) + "</h3><table cellpadding='3'>"]
        out += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        out.append("</table>")
        out.append(self._caseload.sections(r))
        if r.decision is not None and r.identity is None and r.engagement is None:  # saved before the split
            d, decision_title = r.decision, self.tr("判断")
            out.append(
                f"<h4>{e(decision_title)}</h4><p><b>{e(texts.decision_text(d.decision.value))}</b> — "
                f"{e(d.decided_by)} {e(texts.moment_text(d.decided_at))}"
                f"<br>{e(d.reason or '')}</p>"
            )
        checks_title, items_title = self.tr("検証結果"), self.tr("項目の確認")
        faces_title, evidence_title = self.tr("顔の照合"), self.tr("証跡")
        method, document = r.method.value, r.document_type
        shown = texts.shown_checks(r.report, method, document)
        if r.report:  # a record by documents alone (ロ, ハ, a reliance …) has no machine checks
            out.append(f"<h4>{e(checks_title)}</h4>")
            summary = texts.report_summary(r.report, method, document)
            out.append("<p>" + "<br>".join(e(line) for line in summary) + "</p><ul>")
            out += [
                f"<li><b>{e(badge_text(c.verdict))}</b> {e(check_name_text(c.name))} — {e(check_text(c))}</li>"
                for c in shown
            ]
            out.append("</ul>")
        if hidden := len(r.report) - len(shown):
            note = self.tr("この確認方法・書類では行わない確認（%1件）は表示していません。").replace("%1", str(hidden))
            out.append(f"<p><small>{e(note)}</small></p>")
        if r.item_checks:
            out.append(f"<h4>{e(items_title)}</h4><table cellpadding='3'>")
            for check in r.item_checks:
                out.append(
                    f"<tr><td>{e(texts.item_text(check.item))}</td><td>{e(texts.item_check_result_text(check))}</td>"
                    f"<td>{e(check.stated_value or '')}</td>"
                    f"<td>{e(check.document_value or '')}</td><td>{e(item_note_text(check))}</td>"
                    f"<td>{e(source_text(check.confirmed_by))}</td></tr>"
                )
            out.append("</table>")
        if r.face_results:
            out.append(f"<h4>{e(faces_title)}</h4><ul>")
            out += [f"<li>{e(face_text(face))}</li>" for face in r.face_results]
            out.append("</ul>")
        if self._leads:
            leads_title = self.tr("顔の重複確認（目視で確認するための手がかりです。自動では判断しません）")
            out.append(f"<h4>{e(leads_title)}</h4><ul>")
            for lead in self._leads:
                link = self.tr("記録 %1 を開く").replace("%1", str(lead.other_verification_id))
                out.append(f"<li>{e(texts.duplicate_lead_text(lead))} "
                           f"<a href='record:{lead.other_verification_id}'>{e(link)}</a></li>")
            out.append("</ul>")
        if r.evidence:
            out.append(f"<h4>{e(evidence_title)}</h4><ul>")
            out += [f"<li>{e(line)}</li>" for line in texts.evidence_lines(r.evidence)]
            out.append("</ul>")
        return "".join(out)


def _decision_cell(item: VerificationSummary) -> str:
    """The list's 判断 column: the split decision (本人確認の結果・受任) where the record has one, else the
    older single decision (records saved before the split, pending reviews)."""
    if item.identity_result is None:
        return texts.decision_text(item.decision.value if item.decision else None)
    identity = texts.identity_result_text(item.identity_result.value)
    engagement = texts.engagement_text(item.engagement.value if item.engagement else None)
    return f"{identity}・{engagement}" if current_language() == "ja" else f"{identity} / {engagement}"
