"""Start the desktop app: QApplication, bundled Chinese font, the site database, logging in, the main
window — and again after 退出登录 or a restore from backup."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from kongchuo_desktop import APP_ID, APP_NAME, __version__
from kongchuo_desktop.paths import resource

if TYPE_CHECKING:
    from kongchuo_desktop.gui.auto_backup import AutoBackup
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.services.actor import Actor
    from kongchuo_desktop.services.sites import SiteInfo
    from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")
# Old laptops, tired eyes: a little larger than the 9 pt Windows default.
MIN_POINT_SIZE = 10.5


def register_font(app: QApplication, path: Path | None = None) -> str | None:
    """Register the bundled CJK font and make it the application font; returns its family, or
    None (with a warning in the log) when the file is missing or unreadable."""
    path = path or resource(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    font = QFont(app.font())
    if families:
        font.setFamilies([families[0], *font.families()])
    else:
        log.warning("bundled font %s could not be loaded; Chinese text depends on the system fonts", path)
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    return families[0] if families else None


def create_application(language: str | None = None) -> QApplication:
    """The QApplication with names, font and translations set up (Qt 6 scales for high DPI itself);
    `language` ("en", "zh_CN") overrides the one chosen in 设置 (gui/i18n.py)."""
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        # Qt 6 scales by the screen's exact factor (150 % stays 1.5, not 2); said here so that no
        # environment setting turns it back into whole numbers. Only possible before the app exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    # No setApplicationDisplayName: Qt would append it to every window title, and ours already
    # starts with the app's name. Unset, the display name still defaults to the application name.
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    register_font(app)
    from kongchuo_desktop.gui.ui_state import apply_font_size

    apply_font_size(app)  # 标准/大/特大 from 设置
    from kongchuo_desktop.gui.i18n import install_translator

    install_translator(app, language)
    from kongchuo_desktop.gui.icon import app_icon

    app.setWindowIcon(app_icon())
    from kongchuo_desktop.gui.gc_policy import MainThreadGarbageCollector

    if app.findChild(MainThreadGarbageCollector) is None:
        MainThreadGarbageCollector(app)
    return app


def exec_loop(app: QApplication) -> int:
    """Run the event loop until the main window closes (tests replace this)."""
    return int(app.exec())


def register_casework() -> None:
    """Let the ledgers use the casework (疑似辍学, 辍学 and 家访 ledgers from the cases)."""
    from kongchuo_desktop.services.case_ledgers import register_case_ledgers

    register_case_ledgers()


def log_in(db: Database, site: SiteInfo, demo: bool = False) -> Actor | None:
    """Who works now: the demo administrator in demo mode, the first administrator on a site
    without accounts, else whoever logs in; None when the user quit."""
    from kongchuo_desktop.gui.first_run_wizard import run_first_run
    from kongchuo_desktop.gui.login_dialog import login
    from kongchuo_desktop.services import accounts

    if demo:
        return accounts.demo_actor(db) or accounts.ensure_demo_admin(db)
    if not accounts.has_accounts(db):
        done = run_first_run(db)
        return done[1] if done is not None else None
    return login(db, site_name=site.name)


def log_in_again(db: Database, site: SiteInfo) -> Actor | None:
    """After 退出登录 or a restore: the login dialog (also on a demo database, to try other roles)."""
    from kongchuo_desktop.gui.login_dialog import login
    from kongchuo_desktop.services import accounts

    if not accounts.has_accounts(db):
        return log_in(db, site)
    return login(db, site_name=site.name)


def run_session(app: QApplication, db: Database, site: SiteInfo, actor: Actor, auto: AutoBackup) -> MainWindow:
    """One login: the main window with its idle lock, until it closes; returns the closed window
    (its `end` says what comes next)."""
    from kongchuo_desktop.gui import ready_probe
    from kongchuo_desktop.gui.idle_lock import IdleLock
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.gui.session_title import session_title

    window = MainWindow(db, site, actor, keep_layout=True)
    window.setWindowTitle(session_title(site.name, actor))
    auto.message.connect(window.show_message)
    lock = IdleLock(db, actor, window)
    lock.logoutRequested.connect(window.log_out)
    lock.unlocked.connect(window.take_actor)
    if window.geometry_restored:  # as the user left it last time (ui.ini)
        window.show()
    else:
        screen = app.primaryScreen()
        if screen is not None:
            window.resize(screen.availableGeometry().size())
        window.showMaximized()
    ready_probe.arm(window)
    try:
        exec_loop(app)
    finally:
        lock.stop()
    return window


def _dispose(window: MainWindow) -> None:
    """Stop the pages' background work and delete the window before the database is closed or replaced."""
    from kongchuo_desktop.gui.paged_table_model import stop_counting

    stop_counting()
    window.tear_down()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _stop_auto_backup(auto: AutoBackup) -> None:
    """Stop automatic backups without making one: before the database file is replaced, an exit
    backup would prune the very backup being restored (one automatic backup is kept per day)."""
    for timer in auto.findChildren(QTimer):
        timer.stop()
    running = getattr(auto, "_task", None)  # AutoBackup has no stop(): wait for its daily backup here
    if running is not None:
        running.wait()


def _restore(db: Database, path: str, actor: Actor) -> tuple[Database, bool]:
    """Replace the database by a backup and open it: (database, True). When that fails, say why
    and open the old file again, which restore_backup left unchanged: (database, False)."""
    from kongchuo_desktop.gui.backup_dialog import restore_and_reopen
    from kongchuo_desktop.gui.service_errors import show_service_error
    from kongchuo_desktop.services.errors import ServiceError
    from kongchuo_desktop.store.database import open_database

    try:
        return restore_and_reopen(db, path, actor), True
    except ServiceError as exc:
        show_service_error(None, exc)
    except Exception as exc:
        log.exception("restoring %s from %s failed", db.path, path)
        QMessageBox.critical(
            None,
            QCoreApplication.translate("App", "无法恢复"),
            QCoreApplication.translate("App", "从备份恢复时出错：%1\n数据库没有被改动。").replace("%1", str(exc)),
        )
    return open_database(db.path), False


def run_gui(db_path: Path | None = None, demo: bool = False, language: str | None = None) -> int:
    """Run the desktop app until its window closes and nobody logs in again; returns the exit
    code (1 when the database could not be opened — the reason has been shown)."""
    from kongchuo_desktop.paths import gui_db_path
    from kongchuo_desktop.store.integrity import check_ahead

    check_ahead(gui_db_path(db_path, demo))  # the start-up check runs while the window's modules load
    from kongchuo_desktop.gui import main_window as mw
    from kongchuo_desktop.gui.auto_backup import AutoBackup
    from kongchuo_desktop.gui.startup import StartupStopped, open_site_database
    from kongchuo_desktop.services.sites import site_info

    app = create_application(language)
    from kongchuo_desktop.gui import crash_handler

    crash_handler.install(app)  # tracebacks to logs/crash.log, one friendly message
    register_casework()
    try:
        db, site, actor = open_site_database(db_path, demo)
    except StartupStopped as stop:
        crash_handler.uninstall()
        return stop.exit_code
    auto: AutoBackup | None = None
    try:
        actor = actor or log_in(db, site, demo)
        if actor is None:
            return 0
        auto = AutoBackup(db)
        while actor is not None:
            window = run_session(app, db, site, actor, auto)
            end, restore_path, next_actor = window.end, window.restore_path, window.next_actor
            _dispose(window)
            if end == mw.QUIT:
                break
            if end == mw.SWITCH:
                actor = next_actor
                continue
            if end == mw.RESTORE and restore_path:
                _stop_auto_backup(auto)
                auto = None
                db, restored = _restore(db, restore_path, actor)
                auto = AutoBackup(db)
                if not restored:  # nothing changed: the same person goes on
                    continue
                site = site_info(db) or site
                QMessageBox.information(
                    None,
                    QCoreApplication.translate("App", "已恢复"),
                    QCoreApplication.translate("App", "已从备份恢复。账户也回到了备份时的样子，请重新登录。"),
                )
            actor = log_in_again(db, site)
        return 0
    finally:
        if auto is not None:
            auto.on_exit()
        db.close()
        crash_handler.uninstall()
