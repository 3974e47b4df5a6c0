"""記録の書き出し — the records view's export and import actions, with progress.

:class:`ExportBar` holds the buttons (CSV, images, hand-off bundle, import a bundle), a progress bar and a
stop button. An export runs on the task pool through :class:`RecordsTasks` (so a passphrase store asks
for its passphrase first) and calls the export layer (:mod:`kyc_desk.export`), which writes everything
or nothing and appends the audit entry; progress comes back through a queued signal after each record.
Stopping sets a flag the export checks after each record: it ends with :class:`ExportCancelled` and
leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from kyc_desk.app import DeskServices
from kyc_desk.errors import KycDeskError
from kyc_desk.ui.dialogs.export_dialog import ExportDialog, ExportKind, ExportRequest
from kyc_desk.ui.workers.records_tasks import RecordsTasks
from kyc_desk.ui.workers.tasks import TaskRunner

if TYPE_CHECKING:
    from kyc_desk.export import ExportResult, ImportResult
    from kyc_desk.records.store import RecordStore


class _Progress(QObject):
    """Carries ``(done, total)`` from the pool thread to the window (a queued connection)."""

    progressed = Signal(int, int)


class ExportBar(QWidget):
    """Export buttons, progress and stop for the records view.

    ``selected_ids`` and ``listed_ids`` give the records the user selected and the ones the list shows;
    ``refresh`` is called after an import.
    """

    finished = Signal(str)  # the message shown (tests wait for it)

    def __init__(
        self,
        services: DeskServices,
        tasks: TaskRunner,
        *,
        selected_ids: Callable[[], list[int]],
        listed_ids: Callable[[], list[int]],
        refresh: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_bar")
        self._services = services
        self._records = RecordsTasks(services, tasks, self)
        self._selected_ids, self._listed_ids, self._refresh = selected_ids, listed_ids, refresh
        self._stop = threading.Event()
        self._relay = _Progress(self)
        self._relay.progressed.connect(self._progressed)
        self.dialog: ExportDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.csv_button = QPushButton(self.tr("CSV…"))
        self.images_button = QPushButton(self.tr("画像…"))
        self.bundle_button = QPushButton(self.tr("引き継ぎファイル…"))
        self.pdf_button = QPushButton(self.tr("PDF…"))
        self.import_button = QPushButton(self.tr("取り込む…"))
        self.csv_button.setToolTip(self.tr("記録を CSV に書き出す（Excel 用）"))
        self.images_button.setToolTip(self.tr("顔写真・券面画像などを記録ごとに書き出す"))
        self.bundle_button.setToolTip(self.tr("業務システム・他の端末への引き継ぎファイル（ZIP）を書き出す"))
        self.pdf_button.setToolTip(self.tr("本人確認記録を PDF に書き出す（印刷・保管用）"))
        self.import_button.setToolTip(self.tr("他の端末の引き継ぎファイルを取り込む"))
        layout.addWidget(QLabel(self.tr("書き出し:")))
        for button in (self.pdf_button, self.csv_button, self.images_button, self.bundle_button, self.import_button):
            layout.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("export_progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress, 1)
        self.stop_button = QPushButton(self.tr("中止"))
        self.stop_button.setVisible(False)
        layout.addWidget(self.stop_button)
        layout.addStretch(0)
        self.csv_button.clicked.connect(lambda: self.ask("csv"))
        self.images_button.clicked.connect(lambda: self.ask("images"))
        self.bundle_button.clicked.connect(lambda: self.ask("bundle"))
        self.pdf_button.clicked.connect(lambda: self.ask("pdf"))
        self.import_button.clicked.connect(self.choose_bundle)
        self.stop_button.clicked.connect(self._stop.set)

    # --- exporting ------------------------------------------------------------------------------------

    def ask(self, kind: ExportKind) -> None:
        """Open the export dialog; run the export if the user confirms."""
        self.dialog = ExportDialog(kind, len(self._selected_ids()), len(self._listed_ids()), self)
        self.dialog.finished.connect(self._dialog_done)
        self.dialog.open()

    def _dialog_done(self, code: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or code != QDialog.DialogCode.Accepted:
            return
        request = dialog.request()
        dialog.deleteLater()
        if request is not None:
            self.start(request)

    def start(self, request: ExportRequest) -> None:
        """Run ``request`` on the task pool, showing progress."""
        from kyc_desk.export import CsvOptions, Selection

        ids: tuple[int, ...] = ()
        if request.scope == "selected":
            ids = tuple(self._selected_ids())
        elif request.scope == "listed":
            ids = tuple(self._listed_ids())
        selection = Selection(ids, None, request.date_from, request.date_to)
        actor = self._services.operator
        progress = self._progress_callback()

        def run(store: RecordStore) -> ExportResult:
            from kyc_desk.export import export_bundle, export_csv, export_images

            if request.kind == "pdf":
                return _pdf(store, request, ids, actor)
            if request.kind == "csv":
                options = CsvOptions(request.encoding, request.unencodable)  # type: ignore[arg-type]
                return export_csv(
                    store, selection, request.destination, actor=actor, options=options,
                    overwrite=request.overwrite, progress=progress,
                )  # fmt: skip
            if request.kind == "images":
                return export_images(
                    store, selection, request.destination, actor=actor, as_zip=request.as_zip,
                    passphrase=request.passphrase, progress=progress,
                )  # fmt: skip
            return export_bundle(
                store, selection, request.destination, actor=actor, passphrase=request.passphrase,
                overwrite=request.overwrite, progress=progress,
            )  # fmt: skip

        self._busy(True)
        self._records.run("export " + request.kind, run, returned=self._exported, errored=self._failed)

    def _progress_callback(self) -> Callable[[int, int], None]:
        self._stop.clear()
        stop, relay = self._stop, self._relay

        def progress(done: int, total: int) -> None:  # on the pool thread
            if stop.is_set():
                from kyc_desk.export import ExportCancelled

                raise ExportCancelled("the user stopped the export")
            relay.progressed.emit(done, total)

        return progress

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        for button in (self.pdf_button, self.csv_button, self.images_button, self.bundle_button, self.import_button):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first record is done

    def _exported(self, result: ExportResult) -> None:
        self._busy(False)
        message = self.tr("%1件を書き出しました（%2ファイル）: %3")
        message = message.replace("%1", str(result.records)).replace("%2", str(result.files))
        self._say(message.replace("%3", str(result.destination)))

    def _failed(self, exc: KycDeskError) -> None:
        self._busy(False)
        self._say(exc.user_text())

    def _say(self, text: str) -> None:
        self.finished.emit(text)

    # --- importing ------------------------------------------------------------------------------------

    def choose_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("引き継ぎファイルを取り込む"), "", "ZIP (*.zip)")
        if path:
            self.import_bundle(Path(path))

    def import_bundle(self, path: Path, passphrase: str | None = None) -> None:
        """Import the bundle at ``path`` (asking for its passphrase if it is encrypted)."""
        actor = self._services.operator
        progress = self._progress_callback()

        def run(store: RecordStore) -> ImportResult:
            from kyc_desk.export import import_bundle

            return import_bundle(store, path, actor=actor, passphrase=passphrase, progress=progress)

        def failed(exc: KycDeskError) -> None:
            from kyc_desk.export import BundlePassphraseRequired, BundleWrongPassphrase

            self._busy(False)
            if isinstance(exc, (BundlePassphraseRequired, BundleWrongPassphrase)):
                label = exc.user_text() if isinstance(exc, BundleWrongPassphrase) else ""
                text, ok = QInputDialog.getText(
                    self,
                    self.tr("引き継ぎファイル"),
                    (label + "\n" if label else "") + self.tr("引き継ぎファイルのパスフレーズ:"),
                    QLineEdit.EchoMode.Password,
                )
                if ok and text:
                    self.import_bundle(path, text)
                    return
            self._say(exc.user_text())

        self._busy(True)
        self._records.run("import bundle", run, returned=self._imported, errored=failed)

    def _imported(self, result: Any) -> None:
        self._busy(False)
        message = self.tr("%1件を取り込みました（登録済みのため省略: %2件）。")
        self._say(message.replace("%1", str(len(result.imported))).replace("%2", str(result.duplicates)))
        self._refresh()


def _pdf(store: RecordStore, request: ExportRequest, ids: tuple[int, ...], actor: str) -> ExportResult:
    """The 本人確認記録 of the chosen records as one PDF (unsigned: signing with a token is
    ``kyc-desk export pdf --sign``), reported like the other exports."""
    from kyc_desk.app import texts
    from kyc_desk.export import ExportResult
    from kyc_desk.export.pdf import export_pdf
    from kyc_desk.export.pdf_record import Office
    from kyc_desk.i18n import current_language
    from kyc_desk.settings import load_settings

    settings = load_settings()
    written = export_pdf(
        store, kind="record", out=request.destination, actor=actor,
        office=Office(settings.office_name, settings.office_address), wording=texts, lang=current_language(),
        record_ids=ids, date_from=request.date_from, date_to=request.date_to, overwrite=request.overwrite,
    )  # fmt: skip
    return ExportResult("pdf", written.path, len(written.record_ids), 1, "")
