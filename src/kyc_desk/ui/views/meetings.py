"""面談カード — one meeting of a matter: when (Japan time), in person or online, who, status, minutes.

The card is filled by hand or from a pasted invitation text: the desk reads it
(:meth:`~kyc_desk.app.caseload.CaseloadService.meeting_from_invitation`, deterministic) and shows what it
read as a preview with the parts it could not read; only 「カードに反映」 puts the proposal into the card,
and only 保存 stores it — nothing read is saved unseen. The minutes (議事録) follow the matter kind's
template (:mod:`kyc_desk.meetings.minutes`); 人・物・意思 can be ticked only for a held meeting (the store
refuses them otherwise). The invitation mail (.eml with the .ics, :mod:`kyc_desk.meetings.invite`) is
written from the card.

Every store call runs on the task pool through :class:`~kyc_desk.app.caseload.CaseloadService`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import current_language
from kyc_desk.jp.time import JAPAN_TIME
from kyc_desk.meetings.minutes import TEMPLATES
from kyc_desk.records.model import Confirmed, MeetingMode, MeetingStatus, NewMeeting, Party
from kyc_desk.settings import saved_office_name
from kyc_desk.ui.views.caseload_words import (
    PLATFORMS,
    confirmed_text,
    date_text,
    mode_text,
    party_text,
    platform_text,
    status_text,
    template_name,
    when_text,
)
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.app.caseload import CaseloadService
    from kyc_desk.meetings.parse import ParsedInvitation
    from kyc_desk.records.model import MatterRecord, MeetingRecord, VerificationSummary

#: The section editors' height, so that all seven sections of a template fit the tab at 1280×720.
SECTION_LINES_PX = 64


def _jst(day: QDate, time: QTime) -> dt.datetime:
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=JAPAN_TIME)


class MeetingDialog(QDialog):
    """The 面談カード of ``matter``: a new meeting (``meeting`` None) or a stored one to edit.

    ``verifications`` are the matter's verifications (offered to link). ``saved(MeetingRecord)`` fires
    after each successful save.
    """

    saved = Signal(object)

    def __init__(
        self,
        services: DeskServices,
        tasks: TaskRunner,
        matter: MatterRecord,
        verifications: Sequence[VerificationSummary],
        meeting: MeetingRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_dialog")
        self.setWindowTitle(self.tr("面談カード"))
        self._services = services
        self._tasks = tasks
        self._records = RecordsTasks(services, tasks, self)
        self.matter = matter
        self.meeting = meeting
        self.proposal: NewMeeting | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("meeting_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.pages = QTabWidget()
        self.pages.addTab(self._card_page(), self.tr("面談カード"))
        self.pages.addTab(self._minutes_page(), self.tr("議事録・人・物・意思"))
        self.pages.addTab(self._links_page(verifications), self.tr("本人確認"))
        layout.addWidget(self.pages, 1)
        self.status = QLabel()
        self.status.setObjectName("meeting_status_line")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.invite_button = QPushButton(self.tr("案内メールを保存(&I)…"))
        self.invite_button.setObjectName("meeting_invite")
        self.invite_button.setToolTip(self.tr("面談の案内メール（.eml、.ics 添付）と .ics をフォルダに保存します"))
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setObjectName("meeting_save")
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("閉じる"))
        self.office = QLineEdit()
        self.office.setObjectName("meeting_office")
        self.office.setText(saved_office_name())  # 事務所情報の設定
        self.office.setPlaceholderText(self.tr("案内メールの差出人（事務所名）"))
        self.office.setMinimumWidth(260)
        buttons.addWidget(self.office)
        buttons.addWidget(self.invite_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.invite_button.clicked.connect(self._ask_invitation_folder)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.accept)
        self.state.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.mode.currentIndexChanged.connect(lambda _i: self._mode_changed())
        self.has_end.toggled.connect(self.end.setEnabled)
        self.parse_button.clicked.connect(self.read_invitation)
        self.apply_button.clicked.connect(self.apply_proposal)
        self.template.currentIndexChanged.connect(lambda _i: self._show_template())
        self._fill(meeting)
        #: the card as last saved (or as opened): closing with anything else asks first
        self._kept: object = self._form_state()
        self._saving: NewMeeting | None = None
        self._close_after_save = False

    # --- the pages -----------------------------------------------------------------------------------

    def _card_page(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.date = QDateEdit()
        self.date.setObjectName("meeting_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit()
        self.start.setObjectName("meeting_start")
        self.start.setDisplayFormat("HH:mm")
        self.has_end = QCheckBox(self.tr("終了"))
        self.has_end.setChecked(True)
        self.end = QTimeEdit()
        self.end.setObjectName("meeting_end")
        self.end.setDisplayFormat("HH:mm")
        when = QHBoxLayout()
        when.addWidget(self.date)
        when.addWidget(self.start)
        when.addWidget(self.has_end)
        when.addWidget(self.end)
        when.addWidget(QLabel(self.tr("（日本時間）")))
        when.addStretch(1)
        form.addRow(self.tr("日時:"), when)
        self.state = QComboBox()
        self.state.setObjectName("meeting_state")
        for status in MeetingStatus:
            self.state.addItem(status_text(status.value), status)
        self.mode = QComboBox()
        self.mode.setObjectName("meeting_mode")
        for mode in MeetingMode:
            self.mode.addItem(mode_text(mode.value), mode)
        kind = QHBoxLayout()
        kind.addWidget(self.state)
        kind.addWidget(QLabel(self.tr("方法:")))
        kind.addWidget(self.mode)
        kind.addStretch(1)
        form.addRow(self.tr("状態:"), kind)
        self.place = QLineEdit()
        self.place.setObjectName("meeting_place")
        self.place.setPlaceholderText(self.tr("例: 当事務所 応接室"))
        form.addRow(self.tr("場所:"), self.place)
        self.platform = QComboBox()
        self.platform.setObjectName("meeting_platform")
        self.platform.addItem("", None)
        for name in PLATFORMS:
            self.platform.addItem(platform_text(name), name)
        self.url = QLineEdit()
        self.url.setObjectName("meeting_url")
        self.url.setPlaceholderText("https://")
        online = QHBoxLayout()
        online.addWidget(self.platform)
        online.addWidget(self.url, 1)
        form.addRow(self.tr("オンライン:"), online)
        self.code = QLineEdit()
        self.code.setObjectName("meeting_code")
        self.passcode = QLineEdit()
        self.passcode.setObjectName("meeting_passcode")
        codes = QHBoxLayout()
        codes.addWidget(self.code)
        codes.addWidget(QLabel(self.tr("パスコード:")))
        codes.addWidget(self.passcode)
        form.addRow(self.tr("ミーティングID:"), codes)
        self.attendees = QListWidget()
        self.attendees.setObjectName("meeting_attendees")
        for party in self.matter.parties:
            item = QListWidgetItem(f"{party.client.person.name} — {party_text(party.role.value, party.role_note)}")
            item.setData(Qt.ItemDataRole.UserRole, Party(party.client.id, party.role, party.role_note))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.attendees.addItem(item)
        self.staff = QListWidget()
        self.staff.setObjectName("meeting_staff")
        for name in self._staff_names():
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.staff.addItem(item)
        people = QHBoxLayout()
        for caption, widget, stretch in ((self.tr("出席者（依頼者・立場）"), self.attendees, 3),
                                         (self.tr("同席した職員"), self.staff, 2)):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            column.addWidget(widget, 1)
            people.addLayout(column, stretch)
        form.addRow(self.tr("出席者:"), people)
        row.addLayout(form, 3)

        paste = QGroupBox(self.tr("招待文を貼り付けて入力"))
        box = QVBoxLayout(paste)
        self.paste = QPlainTextEdit()
        self.paste.setObjectName("meeting_paste")
        self.paste.setPlaceholderText(
            self.tr("Zoom・Teams・Google Meet・Webex の招待文や、日時の書かれたメールを貼り付けてください。")
        )
        box.addWidget(self.paste, 1)
        self.parse_button = QPushButton(self.tr("読み取る(&R)"))
        self.parse_button.setObjectName("meeting_parse")
        box.addWidget(self.parse_button)
        self.preview = QLabel()
        self.preview.setObjectName("meeting_preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.preview)
        self.apply_button = QPushButton(self.tr("カードに反映(&A)"))
        self.apply_button.setObjectName("meeting_apply")
        self.apply_button.setEnabled(False)
        box.addWidget(self.apply_button)
        row.addWidget(paste, 2)
        return page

    def _staff_names(self) -> list[str]:
        caseload = self._caseload()
        names = [o.name for o in caseload.operators()]  # settings, read on the UI thread: a small file
        return names or [self._services.operator]

    def _minutes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("テンプレート:")))
        self.template = QComboBox()
        self.template.setObjectName("meeting_template")
        for key in TEMPLATES:
            self.template.addItem(template_name(key), key)
        top.addWidget(self.template)
        top.addSpacing(24)
        top.addWidget(QLabel(self.tr("確認したこと:")))
        self.confirmed: dict[Confirmed, QCheckBox] = {}
        for what in Confirmed:
            box = QCheckBox(confirmed_text([what.value]))
            box.setObjectName(f"meeting_confirmed_{what.value}")
            self.confirmed[what] = box
            top.addWidget(box)
        top.addStretch(1)
        layout.addLayout(top)
        self.minutes_hint = QLabel(self.tr("人・物・意思は、状態が「実施済み」の面談にだけ記録できます。"))
        self.minutes_hint.setObjectName("meeting_minutes_hint")
        layout.addWidget(self.minutes_hint)
        self.sections_area = QScrollArea()
        self.sections_area.setWidgetResizable(True)
        self.sections_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.sections_area, 1)
        self.sections: dict[str, QPlainTextEdit] = {}
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("meeting_notes")
        self.notes.setPlaceholderText(self.tr("メモ（任意）"))
        self.notes.setFixedHeight(SECTION_LINES_PX)
        layout.addWidget(self.notes)
        return page

    def _show_template(self, texts: dict[str, str] | None = None) -> None:
        """Build the section editors of the chosen template, keeping what was written in common sections."""
        kept = {key: edit.toPlainText() for key, edit in self.sections.items()}
        kept.update(texts or {})
        template = TEMPLATES[self.template.currentData()]
        english = current_language() == "en"
        holder = QWidget()
        form = QFormLayout(holder)
        self.sections = {}
        for section in template.sections:
            edit = QPlainTextEdit(kept.get(section.key, ""))
            edit.setObjectName(f"meeting_section_{section.key}")
            edit.setPlaceholderText("\n".join("・" + (i.en if english else i.ja) for i in section.items))
            edit.setFixedHeight(SECTION_LINES_PX)
            self.sections[section.key] = edit
            form.addRow(section.en if english else section.ja, edit)
        self.sections_area.setWidget(holder)

    def _links_page(self, verifications: Sequence[VerificationSummary]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("この面談で行った本人確認にチェックを付けてください。")))
        self.links = QListWidget()
        self.links.setObjectName("meeting_links")
        for summary in verifications:
            item = QListWidgetItem(
                self.tr("記録番号 %1 — %2 — %3")
                .replace("%1", str(summary.id))
                .replace("%2", date_text(summary.verified_on))
                .replace("%3", summary.subject_name or summary.client_name)
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.links.addItem(item)
        layout.addWidget(self.links, 1)
        if not verifications:
            layout.addWidget(QLabel(self.tr("この案件の本人確認記録はまだありません。")))
        return page

    # --- filling and reading the card ----------------------------------------------------------------

    def _caseload(self) -> CaseloadService:
        caseload = self._services.caseload
        assert caseload is not None  # DeskServices builds it
        return caseload

    def _fill(self, meeting: MeetingRecord | None) -> None:
        matter = self.matter.matter
        title = self.tr("案件: %1（%2）").replace("%1", matter.title).replace("%2", template_name(matter.kind))
        if meeting is not None:
            title += "　" + self.tr("面談番号 %1").replace("%1", str(meeting.id))
        self.heading.setText(title)
        kind = meeting.minutes_kind if meeting is not None and meeting.minutes_kind else matter.kind
        index = self.template.findData(kind if kind in TEMPLATES else "generic")
        self.template.setCurrentIndex(max(index, 0))
        if meeting is None:
            now = dt.datetime.now(JAPAN_TIME)
            self.date.setDate(QDate(now.year, now.month, now.day))
            self.start.setTime(QTime(14, 0))
            self.end.setTime(QTime(15, 0))
            self._show_template()
            self._status_changed()
            self._mode_changed()
            return
        self._set_times(meeting.starts_at, meeting.ends_at)
        self.state.setCurrentIndex(self.state.findData(meeting.status))
        self.mode.setCurrentIndex(self.mode.findData(meeting.mode))
        self.place.setText(meeting.place or "")
        self.platform.setCurrentIndex(max(self.platform.findData(meeting.platform), 0))
        self.url.setText(meeting.url or "")
        self.code.setText(meeting.meeting_code or "")
        self.passcode.setText(meeting.passcode or "")
        chosen = {(p.client.id, p.role) for p in meeting.attendees}
        for row in range(self.attendees.count()):
            item = self.attendees.item(row)
            party: Party = item.data(Qt.ItemDataRole.UserRole)
            checked = (party.client_id, party.role) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for name in meeting.staff:
            if not self.staff.findItems(name, Qt.MatchFlag.MatchExactly):  # a former operator: kept as stored
                extra = QListWidgetItem(name)
                extra.setFlags(extra.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.staff.addItem(extra)
        for row in range(self.staff.count()):
            item = self.staff.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in meeting.staff else Qt.CheckState.Unchecked)
        for row in range(self.links.count()):
            item = self.links.item(row)
            linked = item.data(Qt.ItemDataRole.UserRole) in meeting.verifications
            item.setCheckState(Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked)
        self._status_changed()
        self._mode_changed()
        for what, box in self.confirmed.items():
            box.setChecked(what in meeting.confirmed)
        self._show_template(dict(meeting.minutes))
        self.notes.setPlainText(meeting.notes or "")

    def _set_times(self, start: dt.datetime, end: dt.datetime | None) -> None:
        start = start.astimezone(JAPAN_TIME)
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.start.setTime(QTime(start.hour, start.minute))
        self.has_end.setChecked(end is not None)
        self.end.setEnabled(end is not None)
        if end is not None:
            end = end.astimezone(JAPAN_TIME)
            self.end.setTime(QTime(end.hour, end.minute))

    def _status_changed(self) -> None:
        held = self.state.currentData() is MeetingStatus.HELD
        for box in self.confirmed.values():
            box.setEnabled(held)
            if not held:
                box.setChecked(False)
        self.minutes_hint.setVisible(not held)

    def _mode_changed(self) -> None:
        online = self.mode.currentData() is MeetingMode.ONLINE
        for widget in (self.platform, self.url, self.code, self.passcode):
            widget.setEnabled(online)

    def _checked(self, widget: QListWidget) -> list[Any]:
        out = []
        for row in range(widget.count()):
            item = widget.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                data = item.data(Qt.ItemDataRole.UserRole)
                out.append(item.text() if data is None else data)
        return out

    def new_meeting(self) -> NewMeeting:
        """The card as entered (the store and the service check it on save)."""
        start = _jst(self.date.date(), self.start.time())
        end = _jst(self.date.date(), self.end.time()) if self.has_end.isChecked() else None
        online = self.mode.currentData() is MeetingMode.ONLINE
        minutes = {key: edit.toPlainText().strip() for key, edit in self.sections.items()}
        minutes = {key: text for key, text in minutes.items() if text}
        operators = {o.name for o in self._caseload().operators()}
        recorder = self._services.operator
        return NewMeeting(
            starts_at=start,
            ends_at=end,
            matter_id=self.matter.id,
            status=self.state.currentData(),
            mode=self.mode.currentData(),
            place=self.place.text().strip() or None,
            platform=self.platform.currentData() if online else None,
            url=(self.url.text().strip() or None) if online else None,
            meeting_code=(self.code.text().strip() or None) if online else None,
            passcode=(self.passcode.text().strip() or None) if online else None,
            attendees=tuple(self._checked(self.attendees)),
            staff=tuple(self._checked(self.staff)),
            confirmed=frozenset(what for what, box in self.confirmed.items() if box.isChecked()),
            minutes_kind=self.template.currentData() if minutes else None,
            minutes=minutes,
            notes=self.notes.toPlainText().strip() or None,
            verifications=tuple(self._checked(self.links)),
            recorded_by=recorder if not operators or recorder in operators else None,
        )

    # --- paste to fill -------------------------------------------------------------------------------

    def read_invitation(self) -> None:
        """Read the pasted text (on the pool) and show what was read; the card is not changed yet."""
        text = self.paste.toPlainText()
        today = dt.datetime.now(JAPAN_TIME).date()
        caseload = self._caseload()
        self.parse_button.setEnabled(False)
        self.preview.setText(self.tr("読み取り中…"))
        matter_id = self.matter.id
        self._tasks.start(
            "read invitation",
            lambda: caseload.meeting_from_invitation(text, reference=today, matter_id=matter_id),
            returned=self._show_proposal,
            errored=self._parse_failed,
        )

    def _parse_failed(self, exc: KycDeskError) -> None:
        self.parse_button.setEnabled(True)
        self.preview.setText(exc.user_text())

    def _show_proposal(self, found: tuple[NewMeeting | None, ParsedInvitation]) -> None:
        self.parse_button.setEnabled(True)
        proposal, parsed = found
        self.proposal = proposal
        english = current_language() == "en"
        lines = []
        if proposal is not None:
            lines.append(self.tr("日時: %1").replace("%1", when_text(proposal.starts_at, proposal.ends_at)))
            if proposal.url:
                lines.append(self.tr("URL: %1").replace("%1", proposal.url))
                lines.append(self.tr("サービス: %1").replace("%1", platform_text(proposal.platform)))
            if proposal.meeting_code:
                lines.append(self.tr("ミーティングID: %1").replace("%1", proposal.meeting_code))
            if proposal.passcode:
                lines.append(self.tr("パスコード: %1").replace("%1", proposal.passcode))
        else:
            lines.append(self.tr("日時を読み取れませんでした。カードには何も反映しません。"))
        for problem in parsed.problems:
            text = problem.en if english else problem.ja
            lines.append("⚠ " + text + (f"「{problem.fragment}」" if problem.fragment else ""))
        if proposal is not None:
            lines.append(self.tr("よろしければ「カードに反映」を押してください。"))
        self.preview.setText("\n".join(lines))
        self.apply_button.setEnabled(proposal is not None)

    def apply_proposal(self) -> None:
        """Put the confirmed proposal into the card (still unsaved)."""
        proposal = self.proposal
        if proposal is None:
            return
        self._set_times(proposal.starts_at, proposal.ends_at)
        self.mode.setCurrentIndex(self.mode.findData(proposal.mode))
        self.platform.setCurrentIndex(max(self.platform.findData(proposal.platform), 0))
        self.url.setText(proposal.url or "")
        self.code.setText(proposal.meeting_code or "")
        self.passcode.setText(proposal.passcode or "")
        self.apply_button.setEnabled(False)
        self.status.setText(self.tr("招待文の内容をカードに反映しました。確認して保存してください。"))

    # --- saving --------------------------------------------------------------------------------------

    def save(self) -> None:
        """Store the card (new or replacing the stored one) on the pool."""
        try:
            new = self.new_meeting()
        except KycDeskError as exc:
            self.status.setText(exc.user_text())
            return
        caseload = self._caseload()
        meeting_id = self.meeting.id if self.meeting is not None else None

        def store(_store: object) -> MeetingRecord:
            if meeting_id is None:
                return caseload.add_meeting(new)
            return caseload.edit_meeting(meeting_id, new)

        self._saving = new
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("保存中…"))
        self._records.run("save meeting", store, returned=self._saved, errored=self._save_failed)

    def _saved(self, record: MeetingRecord) -> None:
        self.meeting = record
        self._kept, self._saving = self._saving, None
        self.save_button.setEnabled(True)
        self.heading.setText(
            self.heading.text().split("　")[0] + "　" + self.tr("面談番号 %1").replace("%1", str(record.id))
        )
        self.status.setText(self.tr("面談カードを保存しました（%1）。").replace("%1", status_text(record.status.value)))
        self.saved.emit(record)
        if self._close_after_save:
            self._close_after_save = False
            if not self.has_unsaved_changes():  # nothing was typed while the save ran
                super().done(QDialog.DialogCode.Accepted)

    def _save_failed(self, exc: KycDeskError) -> None:
        self._close_after_save = False  # the card stays open with the reason: nothing typed is lost
        self._saving = None
        self.save_button.setEnabled(True)
        self.status.setText(exc.user_text())

    # --- closing -------------------------------------------------------------------------------------

    def _form_state(self) -> object:
        """What closing would lose: the card as entered, or (when it cannot be built) why not."""
        try:
            return self.new_meeting()
        except KycDeskError as exc:
            return exc.user_text()

    def has_unsaved_changes(self) -> bool:
        """True when the card differs from what was last saved (or opened)."""
        return self._form_state() != self._kept

    def done(self, result: int) -> None:
        """Close (閉じる, Escape, the window's close box), but ask first when the card has unsaved changes."""
        if not self.has_unsaved_changes():
            super().done(result)
            return
        choice = self.ask_unsaved()
        if choice == "discard":
            super().done(result)
        elif choice == "save":
            self._close_after_save = True
            self.save()

    def ask_unsaved(self) -> str:
        """Ask whether to save the changed card: ``"save"``, ``"discard"`` or ``"cancel"`` (stay open)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("面談カード"))
        box.setText(self.tr("面談カードに保存していない変更があります。保存しますか？"))
        save = box.addButton(self.tr("保存して閉じる"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("保存せずに閉じる"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("キャンセル"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    # --- the invitation ------------------------------------------------------------------------------

    def _ask_invitation_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("案内メールの保存先"))
        if folder:
            self.save_invitation(Path(folder))

    def save_invitation(self, folder: Path, done: Callable[[Path], None] | None = None) -> None:
        """Write invitation.eml (with the .ics attached) and invitation.ics into ``folder`` (on the pool)."""
        new = self.new_meeting()
        if new.ends_at is None:
            self.status.setText(self.tr("案内メールには終了時刻が必要です。"))
            return
        names = [self.attendees.item(r).text().split(" — ")[0] for r in range(self.attendees.count())
                 if self.attendees.item(r).checkState() == Qt.CheckState.Checked]
        office = self.office.text().strip() or self.tr("司法書士事務所")
        end = new.ends_at

        def write() -> Path:
            from kyc_desk.meetings.invite import ICS_FILENAME, InvitationError, invitation

            built = invitation(
                start=new.starts_at,
                end=end,
                office_name=office,
                url=new.url or "",
                platform=new.platform,
                place=new.place or "",
                meeting_id=new.meeting_code or "",
                passcode=new.passcode or "",
                client_name="、".join(names),
                stamp=dt.datetime.now(dt.UTC),
            )
            try:
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "invitation.eml").write_bytes(built.mail.to_eml())
                (folder / ICS_FILENAME).write_bytes(built.ics)
            except OSError as exc:
                raise InvitationError(
                    f"cannot write into the folder: {exc.strerror}", ja="保存先フォルダに書き込めませんでした。"
                ) from None
            return folder / "invitation.eml"

        def written(path: Path) -> None:
            self.status.setText(self.tr("案内メールを保存しました: %1").replace("%1", str(path)))
            if done is not None:
                done(path)

        self._tasks.start("write invitation", write, returned=written,
                          errored=lambda exc: self.status.setText(exc.user_text()))
