"""リモート申請 — the queue of remote submissions, the background pull, review and decision.

The queue shows what the desk already holds — pending verifications in the encrypted record store and
the quarantined submissions — so reviewing works with no network. 「今すぐ取り込む」 and a timer run the
sync layer's pull on its own thread (:class:`PullSession`); the window shows the last pull's time and
outcome, and says plainly when the endpoint cannot be reached. Opening a row shows the photo the
submission compares against (chip photo, or the document's front) beside the selfie in the linked
compare view, the checks with their badges, the face-match and liveness results with their reasons, and
the decision panel of the face-to-face flow; the decision is saved with :meth:`RecordStore.set_decision`
(with its audit entry). A quarantined submission shows why, with 「再取込み」.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices, texts
from kyc_desk.app.remote import (
    DEFAULT_PULL_MINUTES,
    OfficeKeyLocked,
    QueueRow,
    RemoteConfig,
    RemoteService,
)
from kyc_desk.app.texts import check_name_text, check_text, face_text
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.time import now_in_japan
from kyc_desk.ui.models.decision import RecordDecision
from kyc_desk.ui.views.decision_step import IdentityDecisionView
from kyc_desk.ui.widgets.badge import badge_text
from kyc_desk.ui.widgets.compare_view import CompareView
from kyc_desk.ui.widgets.geometry import scroll_pane
from kyc_desk.ui.widgets.images import qimage_from_bytes
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.sync_pull import PullSession
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.records import DuplicateLead
    from kyc_desk.records.model import VerificationRecord
    from kyc_desk.records.store import RecordStore
    from kyc_desk.sync.desk import PullResult

BADGE_COLOURS = {"ok": "#dff6dd", "flagged": "#fff4ce", "quarantined": "#fde7e9"}


class RemoteView(QWidget):
    """リモート申請 — settings, queue, pull, review and decision."""

    def __init__(
        self, services: DeskServices, tasks: TaskRunner, remote: RemoteService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remote")
        self._services, self._tasks = services, tasks
        self.remote = remote or RemoteService()
        self._records = RecordsTasks(services, tasks, self)
        self.session = PullSession(self)
        self.session.pulled.connect(self._pulled)
        self.session.failed.connect(self._pull_failed)
        self._config: RemoteConfig | None = None
        self._activated = False
        self._heap_frozen = False
        self._locked = False  # the office key waits for its passphrase (asked when the place is shown)
        self.rows: list[QueueRow] = []
        self.opened: VerificationRecord | None = None
        self._leads: tuple[DuplicateLead, ...] = ()  # the opened record's duplicate-face leads
        self._opened_submission = ""

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.settings_button = QPushButton(self.tr("受付サーバーの設定(&G)…"))
        self.settings_button.setObjectName("remote_settings")
        self.settings_button.clicked.connect(self.edit_settings)
        self.request_button = QPushButton(self.tr("新しい依頼(&N)…"))
        self.request_button.setObjectName("remote_new_request")
        self.request_button.clicked.connect(self.new_request)
        self.pull_button = QPushButton(self.tr("今すぐ取り込む(&P)"))
        self.pull_button.setObjectName("remote_pull_now")
        self.pull_button.clicked.connect(self.pull_now)
        for button in (self.settings_button, self.request_button, self.pull_button):
            bar.addWidget(button)
        self.pull_status = QLabel(self.tr("受付サーバーは未設定です。"))
        self.pull_status.setObjectName("remote_pull_status")
        self.pull_status.setWordWrap(True)
        bar.addWidget(self.pull_status, 1)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("remote_queue")
        self.table.setHorizontalHeaderLabels([self.tr("依頼者"), self.tr("方法"), self.tr("受信日時"), self.tr("状態")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the name takes what is left and is elided (whole on hover): the queue never scrolls sideways
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.setWordWrap(False)  # one line a submission; the state reads whole in its own column
        self.table.itemActivated.connect(lambda cell: self.open_row(cell.row()))
        self.table.itemClicked.connect(lambda cell: self.open_row(cell.row()))
        left_layout.addWidget(self.table, 1)
        self.queue_status = QLabel()
        self.queue_status.setObjectName("remote_queue_status")
        self.queue_status.setWordWrap(True)
        left_layout.addWidget(self.queue_status)
        splitter.addWidget(left)

        self.review = QStackedWidget()
        self.review.setObjectName("remote_review")
        empty = QLabel(self.tr("左の一覧から申請を開いてください。"))
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.review.addWidget(empty)
        # a pending verification: photos | checks | decision
        # photos above the checks (the scrivener can move the border), the decision beside them at full
        # height, so that its 保存 stays in view on a 1280×720 screen
        record_page = QWidget()
        record_layout = QHBoxLayout(record_page)
        record_layout.setContentsMargins(0, 0, 0, 0)
        evidence = QSplitter(Qt.Orientation.Vertical)
        evidence.setObjectName("remote_evidence")
        evidence.setChildrenCollapsible(False)
        self.compare = CompareView()
        evidence.addWidget(self.compare)
        self.detail = QTextBrowser()
        self.detail.setObjectName("remote_detail")
        evidence.addWidget(self.detail)
        evidence.setStretchFactor(0, 3)
        evidence.setStretchFactor(1, 2)
        record_layout.addWidget(evidence, 3)
        self.decision = IdentityDecisionView(stacked=True)
        self._decision_model: RecordDecision | None = None
        self.decision.save.setText(self.tr("判断を保存(&S)"))
        self.decision.save_requested.connect(self.save_decision)
        decision_column = QVBoxLayout()  # the decision scrolls; its 保存 and status stay in view below it
        decision_column.addWidget(scroll_pane(self.decision, keep_width=True), 1)
        decision_column.addWidget(self.decision.save)
        decision_column.addWidget(self.decision.status)
        record_layout.addLayout(decision_column, 1)
        self.review.addWidget(record_page)
        # a quarantined submission: why, and retry
        quarantine_page = QWidget()
        quarantine_layout = QVBoxLayout(quarantine_page)
        self.quarantine_text = QTextBrowser()
        self.quarantine_text.setObjectName("remote_quarantine_text")
        quarantine_layout.addWidget(self.quarantine_text, 1)
        self.retry_button = QPushButton(self.tr("再取込み(&R)"))
        self.retry_button.setObjectName("remote_retry")
        self.retry_button.clicked.connect(self.retry_quarantined)
        quarantine_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.review.addWidget(quarantine_page)
        splitter.addWidget(self.review)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 960])  # at 1280×720 the queue's four columns fit without scrolling
        layout.addWidget(splitter, 1)
        self.pull_button.setEnabled(False)
        self.request_button.setEnabled(False)

    # -- start-up ------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.table.setFocus)  # Ctrl+2 lands in the queue: arrows choose, Enter opens
        if not self._activated:
            self.activate(prompt=True)
        elif self._locked:
            self._locked = False
            self._unlock(None, True)

    def activate(self, *, prompt: bool = False) -> None:
        """Read the settings; unlock the office key (asking for its passphrase only if ``prompt``); load
        the queue; start the background pull. Everything runs on the task pool."""
        self._activated = True
        self._tasks.start("remote config", self.remote.config, returned=lambda c: self._configured(c, prompt),
                          errored=self._show_error)

    def _configured(self, config: RemoteConfig | None, prompt: bool) -> None:
        self._config = config
        if config is None:
            self.pull_status.setText(self.tr("受付サーバーは未設定です。「受付サーバーの設定」から設定してください。"))
            return
        self.refresh()
        self._unlock(None, prompt)

    def _unlock(self, passphrase: str | None, prompt: bool) -> None:
        def failed(exc: KycDeskError) -> None:
            from kyc_desk.sync.errors import OfficeKeyError

            needs_phrase = isinstance(exc, (OfficeKeyLocked, OfficeKeyError)) and self._config is not None \
                and self._config.key_mode == "passphrase"
            if needs_phrase and prompt:
                text = self._ask_office_passphrase(exc if passphrase else None)
                if text:
                    self._unlock(text, prompt)
                    return
            elif needs_phrase and not self.isVisible():
                self._locked = True  # ask when the scrivener opens this place, not at start-up
            self.pull_status.setText(self.tr("事務所鍵のロックが解除されていないため、取込みと依頼の作成はできません。"))

        self._tasks.start("unlock office key", lambda: self.remote.unlock(passphrase),
                          returned=lambda _d: self._ready(), errored=failed)

    def _ask_office_passphrase(self, why: KycDeskError | None) -> str:
        label = self.tr("事務所鍵のパスフレーズ:")
        if why is not None:
            label = why.user_text() + "\n" + label
        text, ok = QInputDialog.getText(self, self.tr("事務所鍵"), label, QLineEdit.EchoMode.Password)
        return text if ok else ""

    def _ready(self) -> None:
        """The office key is unlocked: open the store (asking for its passphrase if needed), then pull."""
        self.request_button.setEnabled(True)
        self.pull_button.setEnabled(True)
        self._records.run("remote start", lambda store: store, returned=lambda _s: self._start_pull(),
                          errored=self._show_error)

    def _start_pull(self) -> None:
        config = self._config
        if config is None:
            return
        self.pull_status.setText(self.tr("取り込み中…"))
        records = self._services.records
        self.session.start(self.remote.unlock(), records.store, anchors=self.remote.anchors,
                           faces=self.remote.face_checker(), interval_seconds=config.pull_minutes * 60.0)

    # -- settings and requests -----------------------------------------------------------------------
    def edit_settings(self) -> None:
        from kyc_desk.ui.dialogs.remote_settings import RemoteSettingsDialog

        config = self._config
        new_key = config is None
        ask = self.remote.needs_passphrase()
        dialog = RemoteSettingsDialog(config.endpoint if config else "",
                                      config.pull_minutes if config else DEFAULT_PULL_MINUTES,
                                      ask_passphrase=ask, new_key=new_key, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.endpoint.text(), *dialog.take_secrets(), minutes=dialog.minutes.value())

    def apply_settings(self, endpoint: str, token: str, passphrase: str | None, *, minutes: int) -> None:
        """Save the settings on the task pool, then unlock and start pulling."""

        def done(config: RemoteConfig) -> None:
            self._config = config
            self.session.stop()
            self.pull_status.setText(self.tr("設定を保存しました。"))
            self._ready()

        self._tasks.start("remote set-up",
                          lambda: self.remote.set_up(endpoint, token, pull_minutes=minutes, passphrase=passphrase),
                          returned=done, errored=self._show_error)

    def new_request(self) -> QDialog:
        from kyc_desk.ui.dialogs.request_dialog import RequestDialog

        dialog = RequestDialog(self._services, self._tasks, self.remote, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- pulling -------------------------------------------------------------------------------------
    def pull_now(self) -> None:
        if not self.session.running:
            self._ready()
            return
        self.pull_status.setText(self.tr("取り込み中…"))
        self.session.pull_now()

    def _pulled(self, result: PullResult) -> None:
        from kyc_desk.sync.desk import IMPORTED, QUARANTINED

        if not self._heap_frozen:
            # The sync, verify and records layers are loaded now. A full cyclic collection scans every
            # long-lived object while holding the interpreter lock: triggered on the pull thread it froze
            # the window for ~100 ms (measured with the watchdog). Frozen objects are skipped by it.
            gc.freeze()
            self._heap_frozen = True

        now = now_in_japan().strftime("%H:%M")  # the clock the received times use
        self.pull_status.setText(
            self.tr("最終取込み %1: 新着 %2 件、隔離 %3 件").replace("%1", now)
            .replace("%2", str(result.count(IMPORTED))).replace("%3", str(result.count(QUARANTINED)))
        )
        self.pull_status.setProperty("outcome", "ok")
        if result.items:
            self.refresh()

    def _pull_failed(self, exc: KycDeskError) -> None:
        from kyc_desk.sync.errors import SyncUnreachable

        now = now_in_japan().strftime("%H:%M")  # the clock the received times use
        if isinstance(exc, SyncUnreachable):
            text = self.tr("%1 受付サーバーに接続できません。取り込み済みの申請は引き続き確認・判断できます。")
        else:
            text = self.tr("%1 取込みに失敗しました: ") + exc.user_text()
        self.pull_status.setText(text.replace("%1", now))
        self.pull_status.setProperty("outcome", "failed")

    # -- the queue -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the queue from the record store and the quarantine (no network)."""
        remote = self.remote
        self._records.run("remote queue", remote.queue, returned=self._show_queue, errored=self._show_error)

    def _show_queue(self, rows: list[QueueRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        badges = {"ok": self.tr("確認結果すべて正常"), "flagged": self.tr("要確認の項目あり"),
                  "quarantined": self.tr("隔離（取込み不可）")}
        now = dt.datetime.now(dt.UTC)
        for index, row in enumerate(rows):
            received = texts.recent_moment_text(row.received_at, now) if row.received_at else ""
            whole_moment = texts.moment_text(row.received_at) if row.received_at else ""
            name = row.client_name or self.tr("（不明）")
            for column, value in enumerate((name, row.method, received, badges[row.badge])):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, index)
                cell.setToolTip(whole_moment if column == 2 else value)  # the whole text on hover
                if column == 3:
                    cell.setBackground(QColor(BADGE_COLOURS[row.badge]))
                self.table.setItem(index, column, cell)
        pending = sum(1 for r in rows if r.kind == "record")
        quarantined = len(rows) - pending
        self.queue_status.setText(
            self.tr("審査待ち %1 件、隔離 %2 件").replace("%1", str(pending)).replace("%2", str(quarantined))
        )

    def _show_error(self, exc: KycDeskError) -> None:
        self.queue_status.setText(exc.user_text())

    def open_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        if row.kind == "quarantine":
            self.show_quarantined(row)
            return
        record_id = row.record_id
        assert record_id is not None
        self._records.run("open pending", lambda store: (store.get(record_id), store.duplicate_leads(record_id)),
                          returned=lambda found: self.show_record(found[0], leads=found[1]),
                          errored=self._show_error)

    # -- review --------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed: render the opened record's checks again in it."""
        opened = getattr(self, "opened", None)  # Qt may send the event while __init__ is still running
        if event.type() == QEvent.Type.LanguageChange and opened is not None:
            self.detail.setHtml(self._record_html(opened))
        super().changeEvent(event)

    def show_record(self, record: VerificationRecord, *, leads: Sequence[DuplicateLead] = ()) -> None:
        """Show a submission for review, with its duplicate-face leads (other records to look at, by number)."""
        from kyc_desk.records.model import EvidenceKind

        self.opened = record
        self._leads = tuple(leads)
        reference = next((e for e in record.evidence if e.kind is EvidenceKind.CHIP_PHOTO), None) or next(
            (e for e in record.evidence if e.kind is EvidenceKind.CARD_IMAGE and e.label == "front"), None)
        selfie = next((e for e in record.evidence if e.kind is EvidenceKind.FACE_PHOTO), None)
        for evidence, setter in ((reference, self.compare.set_chip_photo), (selfie, self.compare.set_live_photo)):
            try:
                setter(qimage_from_bytes(evidence.data) if evidence is not None else None)
            except KycDeskError:
                setter(None)
        self.compare.fit_both()
        chip = reference is not None and reference.kind is EvidenceKind.CHIP_PHOTO
        self._compare_titles(self.tr("ICチップの顔写真") if chip else self.tr("本人確認書類（表面）の画像"),
                             self.tr("送信された自撮り"))
        self.detail.setHtml(self._record_html(record))
        self._bind_decision(record)
        self.review.setCurrentIndex(1)

    def _bind_decision(self, record: VerificationRecord) -> None:
        """The split decision for the opened submission: what its checks confirmed, a row for each gap the
        store names, 確認者 from the office's operators; a submission already decided says so."""
        from kyc_desk.records.store import record_gaps

        self.decision.reset()
        self._load_operators()
        additional = any(d.purpose.value == "additional" for d in record.documents)
        model = RecordDecision(record_gaps(record), record.recorded_by,
                               high_risk_unresolved=record.high_risk is not None and not additional)
        self._decision_model = model
        # what was confirmed, what needs a look (checks the method cannot make left out: app.texts)
        summary = [self.tr("確認方法: %1").replace("%1", texts.method_text(record.method))]
        summary += texts.report_summary(record.report, record.method.value, record.document_type)
        self.decision.bind_record(model, now_in_japan().date(), summary, tuple(d.kind for d in record.documents))
        if record.identity is not None or record.decision is not None:
            self.decision.show_saved(self.tr("判断済み"))

    def _load_operators(self) -> None:
        """確認者 from the office's operators (settings; read each time, as the face-to-face step does)."""
        caseload = self._services.caseload
        try:
            listed = tuple((o.name, o.role) for o in caseload.operators()) if caseload is not None else ()
        except KycDeskError:  # a damaged settings file: the window says so elsewhere; the desk's operator then
            listed = ()
        self.decision.set_operators(listed or ((self._services.operator, "scrivener"),), self._services.operator)

    def _compare_titles(self, reference: str, selfie: str) -> None:
        """The compare view's pane titles say 来所者 (the person at the desk); here it is a selfie."""
        grid = self.compare.layout()
        if not isinstance(grid, QGridLayout):
            return
        for column, text in ((0, reference), (1, selfie)):
            item = grid.itemAtPosition(0, column)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(f"<b>{html.escape(text)}</b>")

    def _record_html(self, r: VerificationRecord) -> str:
        e = html.escape
        person = r.subject.person
        rows = [
            (self.tr("依頼者"), person.name),
            (self.tr("フリガナ"), person.name_kana or ""),
            (self.tr("生年月日"), texts.date_text(person.birth_date)),
            (self.tr("住所"), person.address or ""),
            (self.tr("確認方法"), texts.method_text(r.method)),
            (self.tr("書類"), texts.document_text(r.document_type)),
            (self.tr("受信日時"), texts.moment_text(r.created_at)),
        ]
        checks_title, faces_title = self.tr("確認結果"), self.tr("顔照合・生体検知")
        no_faces = self.tr("結果なし（上の確認結果の理由を参照）")
        out = ["<table cellpadding='2'>"]
        out += [f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows]
        out.append(f"</table><h4>{e(checks_title)}</h4><ul>")
        out += [
            f"<li><b>{e(badge_text(c.verdict))}</b> {e(check_name_text(c.name))} — {e(check_text(c))}</li>"
            for c in texts.shown_checks(r.report, r.method.value, r.document_type)
        ]
        out.append(f"</ul><h4>{e(faces_title)}</h4><ul>")
        out += [f"<li>{e(face_text(face))}</li>" for face in r.face_results]
        if not r.face_results:
            out.append(f"<li>{e(no_faces)}</li>")
        out.append("</ul>")
        if leads := self._leads:
            leads_title = self.tr("顔の重複確認（目視で確認するための手がかりです。自動では判断しません）")
            out.append(f"<h4>{e(leads_title)}</h4><ul>")
            out += [f"<li>{e(texts.duplicate_lead_text(lead))}</li>" for lead in leads]
            out.append("</ul>")
        return "".join(out)

    def save_decision(self) -> None:
        """Save 本人確認の結果 (with a reason for each gap) and 受任の判断 together, by the chosen 確認者."""
        from kyc_desk.records.model import EngagementDecision, GapReason, IdentityConclusion

        record, model, caseload = self.opened, self._decision_model, self._services.caseload
        if record is None or model is None or caseload is None or self.decision.problem() is not None:
            return
        assert model.result is not None and model.engagement is not None  # problem() is None
        now = now_in_japan()
        reasons = tuple(GapReason(key, text.strip()) for key, text in model.gap_reasons.items() if text.strip())
        identity = IdentityConclusion(model.result, model.checked_by, now, reasons, model.result_reason.strip() or None)
        engagement = EngagementDecision(model.engagement, model.checked_by, now)
        record_id = record.id

        def save(_store: RecordStore) -> VerificationRecord:
            return caseload.decide(record_id, identity, engagement)  # one transaction: both or neither

        self.decision.save.setEnabled(False)
        self._records.run("save decision", save, returned=self._decided, errored=self._decision_failed)

    def _decided(self, record: VerificationRecord) -> None:
        self.opened = record
        self.decision.show_saved(self.tr("判断を保存しました（記録番号 %1）。").replace("%1", str(record.id)))
        self.refresh()

    def _decision_failed(self, exc: KycDeskError) -> None:
        self.decision.status.setText(exc.user_text())
        self.decision.save.setEnabled(True)

    def show_quarantined(self, row: QueueRow) -> None:
        e = html.escape
        self._opened_submission = row.submission_id
        title, kept = self.tr("隔離中の提出データ"), self.tr(
            "この提出データは受け取って保管していますが、取り込めませんでした。削除はしていません。"
        )
        why, method, number = self.tr("理由"), self.tr("方法"), self.tr("提出番号")
        retry = self.tr("事務所鍵を復元した後などに「再取込み」を押すと、もう一度取り込みます（通信は不要です）。")
        self.quarantine_text.setHtml(
            f"<h3>{e(title)}</h3><p>{e(kept)}</p><p><b>{e(why)}:</b> {e(row.reason)}</p>"
            f"<p><b>{e(method)}:</b> {e(row.method)}　<b>{e(number)}:</b> {e(row.submission_id[:8])}</p>"
            f"<p>{e(retry)}</p>"
        )
        self.review.setCurrentIndex(2)

    def retry_quarantined(self) -> None:
        submission_id = self._opened_submission
        if not submission_id:
            return

        def retried(_item: Any) -> None:
            self.queue_status.setText(self.tr("取り込みました。"))
            self.review.setCurrentIndex(0)
            self.refresh()

        self._records.run("retry quarantined", functools.partial(self._retry, submission_id), returned=retried,
                          errored=self._show_error)

    def _retry(self, submission_id: str, store: RecordStore) -> Any:
        return self.remote.retry(store, submission_id)

    def shutdown(self) -> None:
        """Stop the background pull (the window is closing)."""
        self.session.stop()
        self.remote.close()
