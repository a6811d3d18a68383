"""Open the site database for the GUI: create the demo or first-run site when needed, explain refusals."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from kongchuo_desktop import paths
from kongchuo_desktop.gui.first_run_dialog import FirstRunDialog, SiteAnswers
from kongchuo_desktop.gui.tasks import Cancelled, Progress, run_with_progress
from kongchuo_desktop.services.sites import SiteInfo, init_site, site_info
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.errors import DatabaseOpenError

log = logging.getLogger(__name__)


class StartupStopped(Exception):
    """The app should not start; `exit_code` is 1 after an error (already shown), 0 when the user chose to quit."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def show_error(title: str, message: str, parent: QWidget | None = None) -> None:
    """Tell the user what went wrong, in a message box."""
    QMessageBox.critical(parent, title, message)


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        try:
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s%s", path, suffix)


def create_demo_database(path: Path, parent: QWidget | None = None) -> None:
    """Create the demo database at `path` in a worker thread, with a progress dialog."""

    def work(progress: Progress) -> object:
        from kongchuo_desktop.services.demo import create_demo

        return create_demo(path, progress=progress)

    try:
        run_with_progress(work, _tr("正在准备演示数据"), _tr("正在生成演示数据库，请稍候……"), parent)
    except Cancelled:
        _remove_database_files(path)
        raise StartupStopped(0) from None
    except Exception as exc:
        log.exception("creating the demo database failed")
        _remove_database_files(path)
        show_error(_tr("无法创建演示数据"), _tr("创建演示数据库时出错：%1").replace("%1", str(exc)), parent)
        raise StartupStopped(1) from exc


def ask_for_site(db: Database, parent: QWidget | None = None) -> SiteInfo | None:
    """The first-run dialog; returns the new site, or None when the user quit."""

    def submit(answers: SiteAnswers) -> SiteInfo:
        return init_site(db, answers.name, answers.site_type, township=answers.township, school=answers.school)

    dialog = FirstRunDialog(submit, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return site_info(db)


def open_site_database(db_path: Path | None, demo: bool, parent: QWidget | None = None) -> tuple[Database, SiteInfo]:
    """The database the GUI works on and its site.

    demo: the demo database (created on first use); otherwise `db_path`, or the default database,
    which is created with the first-run dialog when it does not exist yet. Raises StartupStopped
    after showing the reason (a DatabaseOpenError's Chinese message) to the user.
    """
    if demo:
        path = Path(db_path) if db_path else paths.demo_db_path()
        if not path.exists():
            create_demo_database(path, parent)
        new = False
    else:
        path = Path(db_path) if db_path else paths.default_db_path()
        new = db_path is None and not path.exists()
    try:
        db = open_database(path, create=new)
    except DatabaseOpenError as exc:
        log.info("refused to open %s: %s (%s)", path, exc, exc.code)
        show_error(_tr("无法打开数据库"), str(exc), parent)
        raise StartupStopped(1) from exc
    site = site_info(db)
    if site is None:
        site = ask_for_site(db, parent)
        if site is None:
            db.close()
            if new:
                _remove_database_files(path)
            raise StartupStopped(0)
    return db, site
