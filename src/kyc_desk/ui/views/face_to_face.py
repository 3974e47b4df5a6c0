"""対面確認 — the face-to-face flow from client to saved record, one step per page.

Steps: 1 依頼者・案件 → 2 確認方法 → 3 カード読取 → 4 ICチップの内容 → 5 顔の照合 → 6 項目の確認 →
7 判断・保存. The method step branches: reading the chip walks steps 3–6; a photo ID by sight, two
documents, documents plus 転送不要郵便 and a reliance on an earlier record are entered in the method step
itself and go straight to the decision (steps 3–6 are greyed out). The view wires the steps to the
workers — the card session on its own QThread, the reader monitor, and the task pool for faces and
records — and keeps the state in a plain :class:`DeskFlow`. Nothing here blocks the UI thread: every
card, face or database call runs elsewhere and answers through a signal.

Keyboard: Alt+N / Alt+B (次へ / 戻る; 次へ is the default button, so Enter moves on), and each step's
own mnemonics.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.app.desk_methods import DeskMethod
from kyc_desk.errors import KycDeskError
from kyc_desk.jp.time import now_in_japan
from kyc_desk.ui.models.flow import DeskFlow, FlowIncomplete
from kyc_desk.ui.translation import QT_TRANSLATE_NOOP
from kyc_desk.ui.views.card_step import CardStepView
from kyc_desk.ui.views.chip_step import ChipStepView
from kyc_desk.ui.views.client_step import ClientStepView
from kyc_desk.ui.views.decision_step import IdentityDecisionView
from kyc_desk.ui.views.face_step import FaceStepView
from kyc_desk.ui.views.items_step import ItemsStepView
from kyc_desk.ui.views.method_step import MethodStepView
from kyc_desk.ui.widgets.geometry import scroll_pane
from kyc_desk.ui.workers.card_monitor import ReaderWatch
from kyc_desk.ui.workers.card_session import CardSession, ReadOutcome
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.records.model import FaceResult, Person, VerificationRecord
    from kyc_desk.records.returning import CardRecognition
    from kyc_desk.records.store import RecordStore

log = logging.getLogger(__name__)


STEP_TITLES: Final = (
    QT_TRANSLATE_NOOP("FaceToFaceView", "1. 依頼者・案件"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "2. 確認方法"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "3. カードの読取"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "4. ICチップの内容"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "5. 顔の照合"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "6. 項目の確認"),
    QT_TRANSLATE_NOOP("FaceToFaceView", "7. 判断・保存"),
)
CLIENT, METHOD, CARD, CHIP, FACE, ITEMS, DECISION = range(7)
#: The steps only the chip branch walks.
CHIP_STEPS: Final = (CARD, CHIP, FACE, ITEMS)


class FaceToFaceView(QWidget):
    """The whole flow. ``record_saved(VerificationRecord)`` after a successful save;
    ``open_record_requested(id)`` when the scrivener opens the earlier record a card proof found."""

    record_saved = Signal(object)
    open_record_requested = Signal(int)
    _read = Signal(str, bool)  # queued to the card session's thread
    _detect = Signal(str)

    def __init__(self, services: DeskServices, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("face_to_face")
        self.services = services
        self.tasks = tasks
        self.records = RecordsTasks(services, tasks, self)
        self.flow = DeskFlow()
        #: Today's date in Japan (the day the law counts); tests move it across 2027-04-01.
        self.today: Callable[[], dt.date] = lambda: now_in_japan().date()
        self.saved: VerificationRecord | None = None
        self._method_done = False  # the method step was completed for the current client
        self._card_proof_asked = False  # the running or last read asked for the returning client's card proof

        self.client_step = ClientStepView(services, tasks)
        self.method_step = MethodStepView(services, tasks)
        self.card_step = CardStepView()
        self.chip_step = ChipStepView()
        self.face_step = FaceStepView(services, tasks)
        self.items_step = ItemsStepView()
        self.decision_step = IdentityDecisionView()
        self._load_operators()

        layout = QHBoxLayout(self)
        self.step_list = QListWidget()
        self.step_list.setObjectName("step_list")
        for title in STEP_TITLES:
            self.step_list.addItem(QCoreApplication.translate("FaceToFaceView", title))
        # as wide as the longest step title in the interface language (and the font's size at any scaling)
        scroll_bar = self.step_list.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.step_list.setFixedWidth(self.step_list.sizeHintForColumn(0) + 2 * self.step_list.frameWidth() + scroll_bar)
        self.step_list.currentRowChanged.connect(self._step_clicked)
        layout.addWidget(self.step_list)
        right = QVBoxLayout()
        self.stack = QStackedWidget()
        for page in (
            self.client_step,
            self.method_step,
            self.card_step,
            self.chip_step,
            self.face_step,
            self.items_step,
            self.decision_step,
        ):
            # a step taller than the pane scrolls inside it; the step buttons below always stay visible
            self.stack.addWidget(scroll_pane(page))
        right.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setObjectName("step_hint")
        self.back = QPushButton(self.tr("戻る(&B)"))
        self.back.setObjectName("step_back")
        self.next = QPushButton(self.tr("次へ(&N)"))
        self.next.setObjectName("step_next")
        self.next.setDefault(True)
        self.next.setAutoDefault(True)
        self.restart = QPushButton(self.tr("新しい本人確認を始める(&T)"))
        self.restart.setObjectName("restart_flow")
        self.restart.setVisible(False)
        nav.addWidget(self.hint, 1)
        nav.addWidget(self.back)
        nav.addWidget(self.next)
        nav.addWidget(self.restart)
        right.addLayout(nav)
        layout.addLayout(right, 1)
        self.back.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next.clicked.connect(self._next)
        self.restart.clicked.connect(self.start_over)

        # card work: one session on its own thread; the monitor feeds the reader panel
        self.card_thread = QThread(self)
        self.card_thread.setObjectName("card-session")
        self.session = CardSession(services.cards)
        self.session.moveToThread(self.card_thread)
        self._read.connect(self.session.read)
        self._detect.connect(self.session.detect)
        self.session.detected.connect(self.card_step.on_detected)
        self.session.progress.connect(self.card_step.on_progress)
        self.session.secret_needed.connect(self.card_step.on_secret_needed)
        self.session.read_done.connect(self.card_step.on_read_done)
        self.session.failed.connect(self.card_step.on_failed)
        self.session.cancelled.connect(self.card_step.on_cancelled)
        self.card_step.read_requested.connect(self._start_read)
        self.card_step.detect_requested.connect(self._detect.emit)
        # cancel and answer must reach the session while its thread is busy in read(): call them directly
        # (both are thread-safe) instead of queueing them behind the read
        self.card_step.cancel_requested.connect(lambda: self.session.cancel())
        self.card_step.answer_ready.connect(lambda answer: self.session.answer(answer))
        self.card_step.read_finished.connect(self._read_finished)
        self.chip_step.open_record_requested.connect(self.open_record_requested)
        self.watch = ReaderWatch(self)
        self.watch.card_event.connect(self.card_step.on_card_event)
        self.watch.monitor_failed.connect(self.card_step.on_monitor_failed)

        self.client_step.changed.connect(self._update_nav)
        self.method_step.changed.connect(self._update_nav)
        self.method_step.method_changed.connect(self._method_changed)
        self.client_step.submitted.connect(self._next)
        self.face_step.compared.connect(self._compared)
        # a new live photo makes an earlier face result meaningless for the record
        self.face_step.live_photo_changed.connect(self._forget_face_result)
        self.items_step.changed.connect(self._items_changed)
        self.decision_step.changed.connect(self._update_nav)
        self.decision_step.save_requested.connect(self.save)
        self.go(CLIENT)

    # -- navigation ----------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(CLIENT, min(DECISION, index))
        if index in CHIP_STEPS and self.method_step.method() is not DeskMethod.CHIP:
            index = METHOD if index < self.stack.currentIndex() else DECISION
        if index == METHOD:
            self.method_step.set_today(self.today())
        if index == CARD:
            self.ensure_card_workers()
        if index == ITEMS:
            rows = self.flow.item_rows()
            if rows != self.items_step.rows:  # keep the scrivener's ticks when only navigating back and forth
                self.items_step.show_rows(rows)
        if index == DECISION:
            self._prepare_decision()
        self.stack.setCurrentIndex(index)
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(False)
        self._update_nav()
        self._focus_step()

    def _focus_step(self) -> None:
        """Put the keyboard focus where the current step starts."""
        focus = {
            CLIENT: self.client_step.search,
            METHOD: self.method_step.buttons[self.method_step.method()],
            CARD: self.card_step.reader_list,
            FACE: self.face_step.capture,
            ITEMS: self.items_step.table,
            DECISION: self.decision_step.confirmed,
        }.get(self.stack.currentIndex())
        if focus is not None:
            focus.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_step)  # when the window or the tab appears

    def _step_clicked(self, row: int) -> None:
        if row < 0 or row == self.stack.currentIndex():
            return
        if row <= self._furthest_allowed():
            self.go(row)
        else:
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(self.stack.currentIndex())
            self.step_list.blockSignals(False)

    def _furthest_allowed(self) -> int:
        if self.flow.client is None:
            return CLIENT
        if not self._method_done:
            return METHOD
        if self.flow.method is DeskMethod.CHIP and self.flow.reading is None:
            return CARD
        return DECISION

    def _method_changed(self) -> None:
        """Grey out the chip's steps when another method is chosen (they are skipped)."""
        chip = self.method_step.method() is DeskMethod.CHIP
        for row in CHIP_STEPS:
            item: QListWidgetItem | None = self.step_list.item(row)
            if item is not None:
                flags = item.flags()
                enabled = Qt.ItemFlag.ItemIsEnabled
                item.setFlags(flags | enabled if chip else flags & ~enabled)
        self._method_done = False
        self._update_nav()

    def _next(self) -> None:
        index = self.stack.currentIndex()
        if index == CLIENT:
            if not self.client_step.is_complete():
                return
            self.client_step.apply_to(self.flow, self.today())
            self.method_step.set_client(self.client_step.stated_person(), self.client_step.selected_subject_id())
        if index == METHOD:
            if self.method_step.problem() is not None:
                return
            self.method_step.apply_to(self.flow, dt.datetime.now(dt.UTC))
            self._method_done = True
        if index == DECISION:
            if self.decision_step.save.isEnabled():
                self.save()
            return
        if index + 1 <= self._furthest_allowed():
            self.go(index + 1)

    def _update_nav(self) -> None:
        index = self.stack.currentIndex()
        self.back.setEnabled(index > CLIENT and self.saved is None)
        if index == CLIENT:
            problem = self.client_step.problem()
            ok = problem is None
            self.hint.setText(problem or "")
        elif index == METHOD:
            problem = self.method_step.problem()
            ok = problem is None
            self.hint.setText(problem or "")
        elif index == CARD:
            ok = self.flow.reading is not None
            self.hint.setText("" if ok else self.tr("カードを読み取ると次へ進めます。"))
        elif index == DECISION:
            ok = self.decision_step.save.isEnabled() and self.saved is None
            self.hint.setText("")

        else:
            ok = True
            self.hint.setText("")
        self.next.setEnabled(ok)
        self.next.setText(self.tr("保存(&N)") if index == DECISION else self.tr("次へ(&N)"))
        self.next.setVisible(self.saved is None)
        self.restart.setVisible(self.saved is not None)

    # -- card ----------------------------------------------------------------------------------------
    def ensure_card_workers(self) -> None:
        """Start the card thread and the reader monitor (imports pyscard now, not at start-up)."""
        if not self.card_thread.isRunning():
            self.card_thread.start()
            QTimer.singleShot(0, self._warm_up_dialogs)
        self.watch.start()

    def _warm_up_dialogs(self) -> None:
        """Build (and drop) a secret dialog once while the scrivener is still placing the card: the first
        construction of its widget types costs tens of milliseconds, which must not land mid-read."""
        from kyc_desk.ui.dialogs.secret_dialog import SecretDialog

        for name in ("code_b", "sign_pin"):
            dialog = SecretDialog(name, 3, 3, skippable=True, parent=self)
            dialog.ensurePolished()
            layout = dialog.layout()
            if layout is not None:
                layout.activate()
            dialog.deleteLater()

    def _start_read(self, reader: str) -> None:
        self.flow.presented_at = dt.datetime.now(dt.UTC)
        self.flow.reading = None
        self.flow.card_link = None
        self._card_proof_asked = self.card_step.by_card.isChecked()
        self._read.emit(reader, self._card_proof_asked)

    def _read_finished(self, outcome: ReadOutcome) -> None:
        """Show the reading. The work is cut into separate event-loop turns so that no single one keeps
        the window busy for long (each was under 50 ms when measured with a UI-thread watchdog)."""
        self.flow.reading = outcome.reading
        self.flow.report = outcome.report
        self.flow.face_results = ()  # a new reading: earlier face results and item ticks no longer apply
        self.face_step.forget_result()
        self.items_step.show_rows(())
        reading = outcome.reading
        self.chip_step.show_reading(reading, outcome.report, outcome.photo, dict(outcome.images))
        self.chip_step.show_recognition(None)
        self.flow.card_link = None
        self._recognise(outcome)
        QTimer.singleShot(
            0, lambda: self.face_step.set_chip_photo(reading.photo.data if reading.photo else None, outcome.photo)
        )
        QTimer.singleShot(0, lambda: self.go(CHIP))
        # the face process loads its models and analyses the chip photo while the scrivener reads the chip
        self.services.faces.warm_up(reading.photo.data if reading.photo else None)

    def _recognise(self, outcome: ReadOutcome) -> None:
        """A returning client's card proof, when the read asked for one: ask the records what they know of
        the card (on the pool). A skipped PIN or a failed proof is said too, never passed over."""
        if not self._card_proof_asked:
            return

        def recognise(store: RecordStore) -> CardRecognition:
            from kyc_desk.records.returning import recognise_card

            return recognise_card(store, outcome.reading, outcome.report)

        def returned(recognition: CardRecognition) -> None:
            if self.flow.reading is not outcome.reading:  # another read began meanwhile
                return
            self.flow.card_link = recognition.link
            self.chip_step.show_recognition(recognition)

        def errored(exc: KycDeskError) -> None:
            if self.flow.reading is outcome.reading:
                self.chip_step.show_recognition(None, exc.user_text())

        self.records.run("recognise card", recognise, returned=returned, errored=errored)

    # -- faces and items -------------------------------------------------------------------------------
    def _compared(self, result: FaceResult) -> None:
        self.flow.live_photo_jpeg = self.face_step.live_jpeg
        self.flow.live_photo_at = self.face_step.live_at
        self.flow.face_results = (result,)  # the face engine's neutral result, stored as it is

    def _forget_face_result(self) -> None:
        self.flow.face_results = ()

    def _items_changed(self) -> None:
        self.flow.confirmations = self.items_step.confirmations()

    def _load_operators(self) -> None:
        """確認者 and 記録作成者 are chosen from the office's operators (settings; read again each time the
        decision step opens, so a changed list applies at once). Without a list: the desk's operator."""
        caseload = self.services.caseload
        try:
            listed = tuple((o.name, o.role) for o in caseload.operators()) if caseload is not None else ()
        except KycDeskError as exc:  # a damaged settings file: the window says so elsewhere and keeps working
            log.warning("operators not read from the settings: %s", type(exc).__name__)
            listed = ()
        self.decision_step.set_operators(listed or ((self.services.operator, "scrivener"),), self.services.operator)

    def _prepare_decision(self) -> None:
        self._load_operators()
        self.flow.live_photo_jpeg = self.face_step.live_jpeg
        self.flow.live_photo_at = self.face_step.live_at
        self.flow.confirmations = self.items_step.confirmations()
        summary: list[str] = []
        if self.flow.method is DeskMethod.CHIP and self.flow.reading is not None and self.flow.report is not None:
            from kyc_desk.app.texts import report_summary

            # what the chip's checks confirmed, in words (never "7 of 12")
            summary = report_summary(self.flow.report, "face_to_face_chip", self.flow.reading.card_type)
        self.decision_step.bind(self.flow, self.today(), summary)

    # -- saving --------------------------------------------------------------------------------------
    def save(self) -> None:
        if self.saved is not None or self.decision_step.problem() is not None:
            return
        self.decision_step.apply_to(self.flow)
        self.flow.confirmations = self.items_step.confirmations()
        try:
            new = self.flow.new_verification(decided_at=dt.datetime.now(dt.UTC), today=self.today())
        except FlowIncomplete as exc:
            self.decision_step.status.setText(self.tr("未完了の手順があります: %1").replace("%1", exc.step))
            return
        caseload = self.services.caseload
        assert caseload is not None
        self.decision_step.save.setEnabled(False)
        self.next.setEnabled(False)
        self.decision_step.status.setText(self.tr("保存しています…"))

        def save(_store: RecordStore) -> VerificationRecord:
            # a person typed anew who is already stored with exactly these details is the same client
            client = _known(caseload, new.client)
            assert client is not None
            ready = replace(new, client=client, subject=_known(caseload, new.subject))
            return caseload.save_verification(ready)

        self.records.run("save verification", save, returned=self._saved, errored=self._save_failed)

    def _saved(self, record: VerificationRecord) -> None:
        self.saved = record
        self.decision_step.show_saved(
            self.tr("記録番号 %1 として暗号化して保存しました。「記録」タブで確認できます。").replace(
                "%1", str(record.id)
            )
        )
        log.info("verification saved (id %s)", record.id)
        self._update_nav()
        self.restart.setFocus()
        self.record_saved.emit(record)

    def _save_failed(self, exc: KycDeskError) -> None:
        self.decision_step.status.setText(exc.user_text())
        self.decision_step.save.setEnabled(True)
        self._update_nav()

    def start_over(self) -> None:
        """Forget the finished verification and begin the next one (the camera is released until needed)."""
        self._close_camera()
        self.flow.reset()
        self.saved = None
        self._method_done = False
        self.chip_step.show_recognition(None)
        for step in (self.client_step, self.method_step, self.card_step, self.face_step, self.items_step,
                     self.decision_step):  # fmt: skip
            step.reset()
        self.go(CLIENT)

    def shutdown(self) -> None:
        """Stop the monitor and the card thread (window closing)."""
        self.session.cancel()
        self.watch.stop()
        self.card_thread.quit()
        self.card_thread.wait(5000)
        self.tasks.wait(10000)
        self.services.faces.close()
        self._close_camera()

    def _close_camera(self) -> None:
        close = getattr(self.services.camera, "close", None)
        if callable(close):
            close()


def _known(caseload: CaseloadService, ref: Person | int | None) -> Person | int | None:
    """The id of the one stored client with exactly ``ref``'s details, else ``ref`` (saved as a new client)."""
    if ref is None or isinstance(ref, int):
        return ref
    found = [c for c in caseload.find_existing(ref) if c.person == ref]
    return found[0].id if len(found) == 1 else ref
