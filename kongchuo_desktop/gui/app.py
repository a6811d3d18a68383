"""Start the desktop app: QApplication, bundled Chinese font, the site database, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from kongchuo_desktop import APP_ID, APP_NAME, __version__
from kongchuo_desktop.paths import resource
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")
# Old laptops, tired eyes: a little larger than the 9 pt Windows default.
MIN_POINT_SIZE = 10.5
# Who the GUI acts as until accounts exist (issue 8): this computer's administrator.
LOCAL_ADMIN = Actor(user="admin", display_name="管理员")


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


def install_qt_translations(app: QApplication) -> None:
    """Qt's own Chinese texts (standard buttons, the right-click menu of text boxes)."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)


def create_application() -> QApplication:
    """The QApplication with names, font and translations set up (Qt 6 scales for high DPI itself)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_ID)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    register_font(app)
    install_qt_translations(app)
    return app


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    # An unexpected error inside a slot: log the traceback, tell the user in Chinese, keep running.
    log.error("unexpected error", exc_info=(kind, exc, tb))
    QMessageBox.critical(
        None, "出错了", "程序遇到一个意外错误，刚才的操作可能没有完成。详细信息已写入日志文件，请联系技术支持。"
    )


def run_gui(db_path: Path | None = None, demo: bool = False) -> int:
    """Run the desktop app until its window closes; returns the exit code (1 when the database
    could not be opened — the reason has been shown)."""
    from kongchuo_desktop.gui.main_window import MainWindow
    from kongchuo_desktop.gui.paged_table_model import stop_counting
    from kongchuo_desktop.gui.startup import StartupStopped, open_site_database

    app = create_application()
    sys.excepthook = _excepthook
    try:
        db, site = open_site_database(db_path, demo)
    except StartupStopped as stop:
        return stop.exit_code
    try:
        window = MainWindow(db, site, DEMO_ADMIN if demo else LOCAL_ADMIN, demo)
        screen = app.primaryScreen()
        if screen is not None:
            window.resize(screen.availableGeometry().size())
        window.showMaximized()
        return int(app.exec())
    finally:
        stop_counting()
        db.close()
