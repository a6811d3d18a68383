"""The main window: page list on the left (待办 first, with its count), the chosen page on the
right, the menus, and site and user in the status bar.

The window lives for one login. When it closes, `end` tells gui.app what comes next: the app
quits, someone else logs in, the database is restored from a backup, or the same person goes on
with a changed role.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from kongchuo_desktop.gui.absence_dialog import AbsenceDialog
from kongchuo_desktop.gui.accounts_page import AccountsPage
from kongchuo_desktop.gui.audit_page import AuditPage
from kongchuo_desktop.gui.children_page import ChildrenPage
from kongchuo_desktop.gui.crosscheck_page import CrosscheckPage
from kongchuo_desktop.gui.domain_labels import label as value_label
from kongchuo_desktop.gui.letters_page import LettersPage
from kongchuo_desktop.gui.register_page import RegisterPage
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.gui.session_title import session_title
from kongchuo_desktop.gui.todo_page import TodoPage, nav_label
from kongchuo_desktop.gui.ui_state import TableMemory, remember_tables, restore_window, save_window
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.absences import AbsenceResult
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.services.sites import SiteInfo
from kongchuo_desktop.store.database import Database

NAV_STYLE = """
QListWidget { border: none; background: #f3f5f8; outline: none; }
QListWidget::item { padding: 10px 12px; border-left: 4px solid transparent; color: #2c3e50; }
QListWidget::item:hover { background: #e6ebf2; }
QListWidget::item:selected { background: #ffffff; border-left: 4px solid #2d6cdf; color: #1a4fb0; font-weight: bold; }
"""

# The page list's width at the standard font size (it grows with larger fonts: fit_nav).
NAV_MIN_WIDTH = 176
# How long a note stays in the status bar.
MESSAGE_MS = 15_000
# Why a window closed (MainWindow.end).
QUIT, LOGOUT, RESTORE, SWITCH = "quit", "logout", "restore", "switch"

P = TypeVar("P", bound=QWidget)


@dataclass(frozen=True)
class LazyPage:
    """A page class imported only when its page is first shown: the dashboard (QtCharts), 月报 and
    同步 (cryptography) pages cost ≈ 0.3 s of imports that start-up need not pay."""

    module: str
    name: str

    def load(self) -> type[QWidget]:
        return getattr(importlib.import_module(self.module), self.name)

    def names(self, kind: type[QWidget]) -> bool:
        """True when `kind` is the class this stands for (already imported by whoever asks)."""
        return getattr(kind, "__module__", None) == self.module and getattr(kind, "__name__", None) == self.name


PageKind = type[QWidget] | LazyPage
DASHBOARD_PAGE = LazyPage("kongchuo_desktop.gui.dashboard_page", "DashboardPage")
REPORT_PAGE = LazyPage("kongchuo_desktop.gui.report_page", "ReportPage")
SYNC_PAGE = LazyPage("kongchuo_desktop.gui.sync_page", "SyncPage")


def _page_factory(kind: PageKind, db: Database, actor: Actor) -> Callable[[], QWidget]:
    """Makes the page when it is first shown (every page takes the database and the actor)."""
    return lambda: (kind.load() if isinstance(kind, LazyPage) else kind)(db, actor)  # type: ignore[call-arg]


class MainWindow(QMainWindow):
    """The application window for one logged-in person.

    nav: the page list; stack: the pages, each made the first time it is shown (`_factories` in
    nav order: text, icon, factory; `_pages`: page index → widget); dialog: the dialog opened
    last from a menu (kept for tests and against garbage collection); end: QUIT, LOGOUT, RESTORE
    (restore_path: the backup chosen) or SWITCH (next_actor: the same account after unlocking,
    with a changed role or scope) once the window has closed. keep_layout: the window restores its
    geometry and the pages' column widths and sort order from ui.ini and saves them again (the
    app sets it; tests leave it off so that one test's layout cannot leak into the next).
    """

    def __init__(
        self, db: Database, site: SiteInfo, actor: Actor, demo: bool | None = None, keep_layout: bool = False
    ) -> None:
        super().__init__()
        self._db = db
        self.site = site
        self.actor = actor
        self.dialog: QDialog | None = None
        self.end = QUIT
        self.restore_path: str | None = None
        self.next_actor: Actor | None = None
        shown_as = replace(actor, demo=True) if demo and not actor.demo else actor
        self.setWindowTitle(session_title(site.name, shown_as))

        # (nav text, icon, page class, whether this actor has the page); every page is Page(db, actor).
        pages: list[tuple[str, QStyle.StandardPixmap, PageKind, bool]] = [
            (self.tr("待办事项"), QStyle.StandardPixmap.SP_MessageBoxWarning, TodoPage, actor.can(perms.CASE_READ)),
            (self.tr("学生台账"), QStyle.StandardPixmap.SP_FileDialogDetailedView, RegisterPage,
             actor.can(perms.STUDENT_READ)),
            (self.tr("适龄儿童台账"), QStyle.StandardPixmap.SP_DirHomeIcon, ChildrenPage, actor.can(perms.CHILD_READ)),
            (self.tr("核查比对"), QStyle.StandardPixmap.SP_FileDialogListView, CrosscheckPage,
             actor.can(perms.REPORT_READ)),
            (self.tr("月报"), QStyle.StandardPixmap.SP_FileDialogStart, REPORT_PAGE, actor.can(perms.REPORT_READ)),
            (self.tr("控辍责任状"), QStyle.StandardPixmap.SP_FileDialogContentsView, LettersPage,
             actor.can(perms.LETTERS_MAKE)),
            (self.tr("账户管理"), QStyle.StandardPixmap.SP_DirLinkIcon, AccountsPage, actor.can(perms.ACCOUNT_MANAGE)),
            (self.tr("审计日志"), QStyle.StandardPixmap.SP_FileDialogInfoView, AuditPage, actor.can(perms.AUDIT_READ)),
            (self.tr("同步"), QStyle.StandardPixmap.SP_BrowserReload, SYNC_PAGE, actor.can(perms.SYNC_RUN)),
        ]  # fmt: skip
        # 数据看板: the first page bureau and township users see; others keep 待办 first, the dashboard next.
        dashboard = (
            self.tr("数据看板"),
            QStyle.StandardPixmap.SP_ComputerIcon,
            DASHBOARD_PAGE,
            actor.can(perms.REPORT_READ),
        )
        pages.insert(0 if actor.role in (perms.BUREAU, perms.TOWNSHIP) else 1, dashboard)
        shown = [(text, icon, kind) for text, icon, kind, allowed in pages if allowed]
        self._kinds: list[PageKind] = [kind for _text, _icon, kind in shown]
        self._factories: list[tuple[str, QStyle.StandardPixmap, Callable[[], QWidget]]] = [
            (text, icon, _page_factory(kind, db, actor)) for text, icon, kind in shown
        ]
        self._pages: dict[int, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        for text, icon, _factory in self._factories:
            QListWidgetItem(self.style().standardIcon(icon), text, self.nav)
            self.stack.addWidget(QWidget())  # placeholder until the page is first shown
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.keep_layout = keep_layout
        self._tables: list[TableMemory] = []  # column widths and sort order of the pages made so far
        self.geometry_restored = keep_layout and restore_window(self)  # gui.app maximises it when False
        site_label = QLabel(
            self.tr("站点：%1（%2）").replace("%1", site.name).replace("%2", value_label(site.type_label))
        )
        user_label = QLabel(
            self.tr("当前用户：%1（%2）").replace("%1", actor.display_name).replace("%2", value_label(actor.role))
        )
        for label in (site_label, user_label):
            label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addWidget(site_label)
        self.statusBar().addPermanentWidget(user_label)
        self.site_label = site_label
        self.user_label = user_label

        self.fit_nav()
        self.nav.currentRowChanged.connect(self.show_page)
        if self._factories:
            self.nav.setCurrentRow(0)

    # --- menus ------------------------------------------------------------------------------------
    def _action(
        self, text: str, slot: Callable[[], object], shortcut: str | None = None, visible: bool = True
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        action.setVisible(visible)
        return action

    def _build_menus(self) -> None:
        can = self.actor.can
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.import_action = self._action(self.tr("导入名册…"), self.open_import, "Ctrl+I", can(perms.DATA_IMPORT))
        self.export_action = self._action(self.tr("导出台账…"), self.open_ledger_export, None, can(perms.DATA_EXPORT))
        self.print_action = self._action(self.tr("打印…"), self.print_current, "Ctrl+P")
        self.backup_action = self._action(
            self.tr("备份与恢复…"), self.open_backups, None, can(perms.BACKUP_CREATE) or can(perms.BACKUP_RESTORE)
        )
        self.settings_action = self._action(self.tr("设置…"), self.open_settings)
        self.settings_action.setToolTip(self.tr("界面语言和字体大小"))
        self.quit_action = self._action(self.tr("退出(&X)"), self.close, "Ctrl+Q")
        for action in (self.import_action, self.export_action, None, self.print_action, None, self.backup_action,
                       None, self.settings_action, None, self.quit_action):  # fmt: skip
            file_menu.addSeparator() if action is None else file_menu.addAction(action)

        case_menu = bar.addMenu(self.tr("个案(&C)"))
        case_menu.menuAction().setVisible(can(perms.CASE_READ))
        record = can(perms.CASE_RECORD)
        self.absence_action = self._action(self.tr("登记缺课…"), self.open_absence, None, record)
        self.absence_action.setToolTip(self.tr("学生无故没来上学：登记后系统提醒按时走访"))
        self.visit_action = self._action(self.tr("登记家访…"), self.open_visit, None, record)
        self.case_settings_action = self._action(self.tr("预警规则与校历…"), self.open_case_settings)
        for action in (self.absence_action, self.visit_action, None, self.case_settings_action):
            case_menu.addSeparator() if action is None else case_menu.addAction(action)

        account_menu = bar.addMenu(self.tr("账户(&U)"))
        # The demo accounts keep the password the login dialog shows.
        self.password_action = self._action(self.tr("修改密码…"), self.open_change_password, None, not self.actor.demo)
        self.logout_action = self._action(self.tr("退出登录"), self.log_out)
        self.logout_action.setToolTip(self.tr("关闭窗口，换其他人登录"))
        account_menu.addAction(self.password_action)
        account_menu.addAction(self.logout_action)

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self.about_action = self._action(self.tr("关于(&A)"), self.show_about)
        help_menu.addAction(self.about_action)

    def show_message(self, text: str, milliseconds: int = MESSAGE_MS) -> None:
        """A passing note in the status bar (it covers the site name while shown)."""
        self.statusBar().showMessage(text, milliseconds)

    # --- pages ------------------------------------------------------------------------------------
    def show_page(self, index: int) -> QWidget:
        """Show a page (creating it the first time) and return it."""
        page = self._pages.get(index)
        if page is None:
            page = self._make_page(index)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[index] = page
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        return page

    def _make_page(self, index: int) -> QWidget:
        try:
            page = self._factories[index][2]()
        except ServiceError as exc:  # refused by the service (scope, permission): say why, show an empty page
            show_service_error(self, exc)
            page = QLabel(str(exc))
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            page.setWordWrap(True)
            return page
        if isinstance(page, TodoPage):
            base = self._factories[index][0]
            page.countChanged.connect(lambda n, i=index, b=base: self._set_badge(i, b, n))
            self._set_badge(index, base, page.count)
        elif isinstance(page, RegisterPage):
            # Right-click a pupil: record an absence or a visit for them.
            page.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            page.table.addActions([self.absence_action, self.visit_action])
        if self.keep_layout:
            self._tables += remember_tables(page, type(page).__name__)
        return page

    def fit_nav(self) -> None:
        """Make the page list as wide as its longest entry (bold; 待办 with a two-digit badge) needs at
        the current font size (设置 → 字体大小), but never narrower than NAV_MIN_WIDTH."""
        bold = QFont(self.font())  # the list's own font may not have caught up yet (its style sheet)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        texts = [
            nav_label(text, 99) if kind is TodoPage else text
            for (text, _icon, _factory), kind in zip(self._factories, self._kinds, strict=True)
        ]
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        # icon, the item's padding (12 px each side), its 4 px marker and the frame
        self.nav.setFixedWidth(max(NAV_MIN_WIDTH, widest + self.nav.iconSize().width() + 24 + 4 + 20))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FontChange and hasattr(self, "nav"):  # not while being built
            self.fit_nav()
        super().changeEvent(event)

    def _set_badge(self, index: int, base: str, count: int) -> None:
        item = self.nav.item(index)
        if item is not None:
            item.setText(nav_label(base, count))

    def page_index(self, kind: type[QWidget]) -> int | None:
        """The nav row of the page of that class (made or not), or None when this actor has none."""
        for index, known in enumerate(self._kinds):
            if known is kind or (isinstance(known, LazyPage) and known.names(kind)):
                return index
        return None

    def existing_page(self, kind: type[P]) -> P | None:
        """The page of that class when it has been made already."""
        for page in self._pages.values():
            if isinstance(page, kind):
                return page
        return None

    def open_page(self, kind: type[P]) -> P | None:
        """Show the page of that class (making it); None when this actor has no such page."""
        index = self.page_index(kind)
        if index is None:
            return None
        page = self.show_page(index)
        return page if isinstance(page, kind) else None

    @property
    def register_page(self) -> RegisterPage:
        """The 学生台账 page (shown when this makes it)."""
        page = self.existing_page(RegisterPage) or self.open_page(RegisterPage)
        assert isinstance(page, RegisterPage)
        return page

    @property
    def todo_page(self) -> TodoPage | None:
        """The 待办事项 page once made."""
        return self.existing_page(TodoPage)

    # --- dialogs from the menus -------------------------------------------------------------------
    def _open_dialog(self, make: Callable[[], QDialog], modal_loop: bool = False) -> QDialog | None:
        """Make a dialog (a service refusal while making it is shown instead) and open it
        window-modal, or run it with exec() when the caller needs its answer."""
        try:
            dialog = make()
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        self.dialog = dialog
        if modal_loop:
            dialog.exec()
        else:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
            dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _selected_pupil(self) -> str | None:
        page = self.stack.currentWidget()
        return page.selected_student_id() if isinstance(page, RegisterPage) else None

    def open_import(self) -> QDialog | None:
        """导入名册 (the children's register when that page is showing); the registers refresh after a write."""
        from kongchuo_desktop.gui.import_wizard import ImportWizard

        kind = "children" if isinstance(self.stack.currentWidget(), ChildrenPage) else "roster"
        wizard = self._open_dialog(lambda: ImportWizard(self._db, self.actor, self, kind=kind))
        if isinstance(wizard, ImportWizard):
            wizard.imported.connect(lambda _summary: self.refresh_registers())
        return wizard

    def refresh_registers(self) -> None:
        """Re-read the student and children registers (after an import or a restore of rows)."""
        register, children = self.existing_page(RegisterPage), self.existing_page(ChildrenPage)
        for model in (register.model if register else None, children.model if children else None):
            if model is not None:
                model.refresh()

    def open_ledger_export(self) -> QDialog | None:
        """导出台账."""
        from kongchuo_desktop.gui.ledger_export_dialog import LedgerExportDialog

        return self._open_dialog(lambda: LedgerExportDialog(self._db, self.actor, self))

    def print_current(self) -> bool:
        """Ctrl+P: print what the current page shows, when it can (its `print_page()`, or the
        PDF preview it is showing); otherwise say so in the status bar."""
        from kongchuo_desktop.gui.pdf_preview import PdfPreview

        page = self.stack.currentWidget()
        printer = getattr(page, "print_page", None)
        if callable(printer):
            printer()
            return True
        for preview in page.findChildren(PdfPreview) if page is not None else []:
            if preview.isVisible() and preview.print_button.isEnabled():
                preview.print_dialog()
                return True
        self.statusBar().showMessage(
            self.tr("这一页没有可以打印的内容。责任状、通知书等文书生成后在预览中打印。"), 6000
        )
        return False

    def open_absence(self) -> QDialog | None:
        """登记缺课 (for the pupil selected in the register, or with a pupil search)."""
        student_id = self._selected_pupil()
        dialog = self._open_dialog(lambda: AbsenceDialog(self._db, self.actor, student_id, self))
        if isinstance(dialog, AbsenceDialog):
            dialog.recorded.connect(lambda result, d=dialog: self._absence_recorded(d, result))
        return dialog

    def _absence_recorded(self, dialog: QDialog, result: AbsenceResult) -> None:
        self.show_message(result.message)
        self._refresh_todo()
        then_visit = getattr(dialog, "then_visit", None)
        if then_visit is not None and then_visit.isChecked():
            # "保存后接着登记家访": the visit form of that case, once the absence dialog has closed.
            dialog.finished.connect(
                lambda _r, case_id=result.case_id: QTimer.singleShot(0, lambda: self.open_visit(case_id))
            )

    def open_visit(self, case_id: str | None = None) -> QDialog | None:
        """登记家访 for a case, else the selected pupil's open case, else with a pupil search."""
        from kongchuo_desktop.gui.visit_form import VisitForm

        student_id = None if case_id else self._selected_pupil()
        dialog = self._open_dialog(lambda: VisitForm(self._db, self.actor, case_id, student_id, self))
        if isinstance(dialog, VisitForm):
            dialog.saved.connect(lambda _id: self._visit_saved())
        return dialog

    def _visit_saved(self) -> None:
        self.show_message(self.tr("家访已登记。"))
        self._refresh_todo()

    def _refresh_todo(self) -> None:
        page = self.todo_page
        if page is not None:
            page.refresh()

    def open_case_settings(self) -> QDialog | None:
        """控辍设置: 三访一报告 rules and the school calendar (read-only without settings.manage)."""
        from kongchuo_desktop.gui.case_settings_dialog import CaseSettingsDialog

        dialog = self._open_dialog(lambda: CaseSettingsDialog(self._db, self.actor, self))
        if dialog is not None:
            dialog.finished.connect(lambda _result: self._refresh_todo())
        return dialog

    def open_backups(self) -> QDialog | None:
        """备份与恢复; a confirmed restore closes the window (gui.app restores, then asks to log in)."""
        from kongchuo_desktop.gui.backup_dialog import BackupDialog

        def make() -> QDialog:
            dialog = BackupDialog(self._db, self.actor, self)
            dialog.restoreRequested.connect(self.request_restore)
            return dialog

        return self._open_dialog(make, modal_loop=True)

    def request_restore(self, path: str) -> None:
        """Close this session so that the database can be replaced by the backup at `path`."""
        self._finish(RESTORE, restore_path=str(path))

    def open_change_password(self) -> QDialog | None:
        """修改密码."""
        from kongchuo_desktop.gui.login_dialog import ChangePasswordDialog

        dialog = self._open_dialog(lambda: ChangePasswordDialog(self._db, self.actor, parent=self), modal_loop=True)
        if dialog is not None and dialog.result() == QDialog.DialogCode.Accepted:
            self.show_message(self.tr("密码已修改。"))
        return dialog

    def open_settings(self) -> QDialog | None:
        """设置: language (from the next start) and font size (at once)."""
        from kongchuo_desktop.gui.settings_dialog import SettingsDialog

        return self._open_dialog(lambda: SettingsDialog(self))

    def show_about(self) -> QDialog | None:
        """The 关于 box: version, data folder, licences."""
        from kongchuo_desktop.gui.about_dialog import AboutDialog

        return self._open_dialog(lambda: AboutDialog(self))

    # --- the end of the session -------------------------------------------------------------------
    def log_out(self) -> None:
        """退出登录: close the window; gui.app shows the login dialog."""
        self._finish(LOGOUT)

    def take_actor(self, actor: Actor) -> None:
        """After unlocking: the account as it is now. A changed role or scope rebuilds the window."""
        if actor != self.actor:
            self._finish(SWITCH, next_actor=actor)

    def _finish(self, end: str, restore_path: str | None = None, next_actor: Actor | None = None) -> None:
        self.end = end
        self.restore_path = restore_path
        self.next_actor = next_actor
        # After the slot that asked for it has returned (e.g. the backup dialog accepting itself).
        QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            dialog.close()
            if dialog.isVisible():  # busy, e.g. an import rolling back: it closes once that is done
                event.ignore()
                if self.end != QUIT:  # logout or restore asked for: try again shortly
                    QTimer.singleShot(300, self.close)
                return
        self.remember_layout()
        super().closeEvent(event)

    def remember_layout(self) -> None:
        """Save the window's geometry and every table's pending column changes (gui/ui_state.py)."""
        if not self.keep_layout:
            return
        save_window(self)
        for memory in self._tables:
            memory.flush()

    def tear_down(self) -> None:
        """Delete the pages (their models read the database) before the database is closed or replaced."""
        for index, page in list(self._pages.items()):
            self.stack.removeWidget(page)
            page.deleteLater()
            del self._pages[index]
