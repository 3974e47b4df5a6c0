"""本人確認デスクのメインウィンドウ — the window the scrivener lives in.

Four places, in the order of a working day: 対面確認 (face-to-face reading), リモート申請 (remote
submissions queue), 記録 (records) and 案件 (matters, their 取引記録 and meetings). The places are built
by :mod:`kyc_desk.ui.app` and handed in, so the window itself knows no card, database or face engine.

Keyboard: Ctrl+1/2/3/4 switch places, Ctrl+Q quits, F1 opens the About dialog. The language menu saves the
choice; it applies on the next start (the banner says so).

Size: the window opens where it was last closed on the same screen, else centred on the primary screen at
a size that fits its available area (:mod:`kyc_desk.ui.models.placement`); every place fits in 1280×720
logical pixels, so the window's minimum size never exceeds an office laptop's screen at 150 % scaling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from kyc_desk.errors import KycDeskError
from kyc_desk.i18n import Lang
from kyc_desk.settings import Settings, save_settings
from kyc_desk.ui.about import AboutDialog
from kyc_desk.ui.dialogs.office_settings import OfficeSettingsDialog
from kyc_desk.ui.models.placement import Placement, Rect, Screen, place_window, remember, screen_of

log = logging.getLogger(__name__)


def _rect(rect: QRect) -> Rect:
    return Rect(rect.x(), rect.y(), rect.width(), rect.height())


def screen_model(screen: QScreen) -> Screen:
    """A Qt screen as the placement rules see it (logical pixels)."""
    return Screen(screen.name(), _rect(screen.geometry()), _rect(screen.availableGeometry()))


@dataclass(frozen=True)
class Place:
    """One place of the window: a stable key (``face_to_face``, ``remote``, ``records``), its tab title
    and its widget."""

    key: str
    title: str
    widget: QWidget


class DeskWindow(QMainWindow):
    """本人確認デスク — the main window with its places, menus and the demo banner.

    ``operator_changed(name)`` fires when the scrivener sets the name recorded as the person who checked.
    """

    operator_changed = Signal(str)

    def __init__(
        self,
        places: Sequence[Place],
        settings: Settings,
        *,
        demo: bool = False,
        save: Callable[[Settings], None] = save_settings,
    ) -> None:
        super().__init__()
        self.setObjectName("desk_window")
        self._settings = settings
        self._save = save
        self._office_dialog: OfficeSettingsDialog | None = None
        self.places = {place.key: place.widget for place in places}
        title = self.tr("本人確認デスク")
        self.setWindowTitle(title + (self.tr(" — デモ") if demo else ""))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#banner { background: #fff4ce; border: 1px solid #e0c060; padding: 6px; }")
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        if demo:
            self.show_banner(
                self.tr("デモモードです。仮想カードリーダーのソフトウェアカードと見本の依頼者を使います。"
                        "氏名などは架空ですが、顔写真は実在の人物の公開見本写真です（利用の手引き「デモの見本カード」）。")
            )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("places")
        self.tabs.setDocumentMode(True)
        for index, place in enumerate(places):
            self.tabs.addTab(place.widget, place.title)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar().showMessage(self.tr("準備ができました"))
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operator_label")
        self.statusBar().addPermanentWidget(self.operator_label)
        self.place_on_screen()

    # -- size and position ---------------------------------------------------------------------------
    def place_on_screen(self) -> Placement:
        """Open where the window was last closed on a screen that is still there, fitted onto it; else
        centred on the primary screen at a size its available area allows."""
        primary = QGuiApplication.primaryScreen()
        screens = [screen_model(s) for s in QGuiApplication.screens()]
        hint = self.minimumSizeHint()
        _screen, placement = place_window(
            screens, screen_model(primary), self._settings.window_placement, (hint.width(), hint.height())
        )
        r = placement.rect
        self.setGeometry(r.x, r.y, r.width, r.height)
        if placement.maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        return placement

    def current_placement(self) -> tuple[Screen, Placement]:
        """The screen the window is on and its rectangle there (the normal one while maximised)."""
        rect = _rect(self.normalGeometry() if self.isMaximized() else self.geometry())
        own = self.screen() or QGuiApplication.primaryScreen()
        screens = [screen_model(s) for s in QGuiApplication.screens()]
        return screen_of(screens, rect, screen_model(own)), Placement(rect, self.isMaximized())

    # -- menus ---------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("ファイル(&F)"))
        operator = file_menu.addAction(self.tr("担当者名の設定(&O)…"))
        operator.setObjectName("set_operator")
        operator.triggered.connect(self.ask_operator)
        office = file_menu.addAction(self.tr("事務所情報の設定(&E)…"))
        office.setObjectName("office_settings")
        office.triggered.connect(self.show_office_settings)
        trust = file_menu.addAction(self.tr("信頼済み発行者(&T)…"))
        trust.setObjectName("trust_store")
        trust.triggered.connect(self.show_trust_store)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("終了(&X)"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        view_menu = self.menuBar().addMenu(self.tr("表示(&V)"))
        self.language_menu = view_menu.addMenu(self.tr("言語(&L)"))
        self.language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[Lang, QAction] = {}
        choices: tuple[tuple[Lang, str], ...] = (("ja", "日本語"), ("en", "English"))  # each names itself
        for lang, label in choices:
            action = self.language_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(lang == self._settings.language)
            action.setObjectName(f"language_{lang}")
            action.triggered.connect(lambda _=False, lang=lang: self.choose_language(lang))
            group.addAction(action)
            self.language_actions[lang] = action

        help_menu = self.menuBar().addMenu(self.tr("ヘルプ(&H)"))
        about = help_menu.addAction(self.tr("本人確認デスクについて(&A)"))
        about.setShortcut(QKeySequence(Qt.Key.Key_F1))
        about.triggered.connect(self.show_about)

    # -- slots ---------------------------------------------------------------------------------------
    def show_banner(self, text: str) -> None:
        """Show a line of information above the places (demo mode, pending restart)."""
        self.banner.setText(text)
        self.banner.setVisible(True)

    def show_about(self) -> AboutDialog:
        """Open the About dialog (non-blocking; returned for tests)."""
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_trust_store(self) -> QDialog:
        """Open the trust-store dialog (anchors, CRLs, OCSP responder; non-blocking, returned for tests)."""
        from kyc_desk.ui.dialogs.trust_store import TrustStoreDialog

        dialog = TrustStoreDialog(self._settings, self._settings_from_dialog, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _settings_from_dialog(self, settings: Settings) -> None:
        self._save(settings)
        self._settings = settings

    def ask_operator(self) -> None:
        """Ask for the name recorded as the person who checked (確認を行った者) and save it."""
        name, ok = QInputDialog.getText(
            self,
            self.tr("担当者名の設定"),
            self.tr("本人確認記録に「確認した者」として記録する氏名:"),
            text=self._settings.operator,
        )
        name = name.strip()
        if not ok or not name:
            return
        try:
            self._settings = self._settings.but(operator=name)
            self._save(self._settings)
        except KycDeskError as exc:
            self.show_banner(exc.user_text())
            return
        self.show_operator(name)
        self.operator_changed.emit(name)

    def show_office_settings(self) -> QDialog:
        """Open 事務所情報の設定 (non-blocking; returned for tests); OK saves the settings file."""
        dialog = OfficeSettingsDialog(self._settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._office_dialog = dialog
        dialog.accepted.connect(self._office_settings_chosen)  # a method: the connection holds no closure
        dialog.open()
        return dialog

    def _office_settings_chosen(self) -> None:
        dialog = self._office_dialog
        if dialog is None:
            return
        self._office_dialog = None
        try:
            self._settings_from_dialog(dialog.chosen())
        except KycDeskError as exc:
            self.show_banner(exc.user_text())

    def show_operator(self, name: str) -> None:
        """Show who is recorded as the person who checks, in the status bar."""
        self.operator_label.setText(self.tr("担当者: %1").replace("%1", name))

    def choose_language(self, lang: Lang) -> None:
        """Save the interface language; it applies on the next start."""
        if lang == self._settings.language:
            return
        try:
            self._settings = self._settings.but(language=lang)
            self._save(self._settings)
        except KycDeskError as exc:
            self.show_banner(exc.user_text())
            return
        if lang == "en":
            self.show_banner(
                "The interface will be in English from the next start. / 次回の起動から英語で表示します。"
            )
        else:
            self.show_banner(
                "次回の起動から日本語で表示します。 / The interface will be in Japanese from the next start."
            )

    @property
    def settings(self) -> Settings:
        """The preferences as last saved by this window."""
        return self._settings

    def closeEvent(self, event: QCloseEvent) -> None:
        screen, placement = self.current_placement()
        try:
            self._settings = self._settings.but(
                window_placement=remember(self._settings.window_placement, screen, placement)
            )
            self._save(self._settings)
        except KycDeskError:
            log.warning("window geometry not saved")
        for widget in self.places.values():
            closer = getattr(widget, "shutdown", None)
            if callable(closer):
                closer()
        super().closeEvent(event)
