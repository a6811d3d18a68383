"""Open the site database for the GUI: check it, create the demo or the first-run site and administrator
when needed, explain refusals."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from kongchuo_desktop import paths
from kongchuo_desktop.gui.first_run_wizard import run_first_run
from kongchuo_desktop.gui.tasks import Cancelled, Progress, run_with_progress
from kongchuo_desktop.services import accounts
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import SiteInfo, site_info
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.errors import DatabaseOpenError

log = logging.getLogger(__name__)

# DatabaseOpenError codes of a file that opened but failed its checks: a backup may help.
DAMAGED = ("damaged", "corrupt")


class StartupStopped(Exception):
    """The app should not start; `exit_code` is 1 after an error (already shown), 0 when the user chose to quit."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(exit_code)
        self.exit_code = exit_code


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
        run_with_progress(
            work,
            QCoreApplication.translate("Startup", "正在准备演示数据"),
            QCoreApplication.translate("Startup", "正在生成演示数据库，请稍候……"),
            parent,
        )
    except Cancelled:
        _remove_database_files(path)
        raise StartupStopped(0) from None
    except Exception as exc:
        log.exception("creating the demo database failed")
        _remove_database_files(path)
        show_error(
            QCoreApplication.translate("Startup", "无法创建演示数据"),
            QCoreApplication.translate("Startup", "创建演示数据库时出错：%1").replace("%1", str(exc)),
            parent,
        )
        raise StartupStopped(1) from exc


class SiteSession(NamedTuple):
    """What start-up opened: the database, its site, and the administrator the first-run set-up
    has just created and logged in (None: someone still has to log in)."""

    db: Database
    site: SiteInfo
    actor: Actor | None


def _open_checked(path: Path, create: bool, parent: QWidget | None) -> Database:
    """open_database with the start-up checks; a damaged file is offered a backup to restore."""
    from kongchuo_desktop.gui.backup_dialog import handle_damaged_database

    check = True
    while True:
        try:
            return open_database(path, create=create, check_integrity=check)
        except DatabaseOpenError as exc:
            log.info("refused to open %s: %s (%s)", path, exc, exc.code)
            if exc.code not in DAMAGED:
                show_error(QCoreApplication.translate("Startup", "无法打开数据库"), str(exc), parent)
                raise StartupStopped(1) from exc
            choice = handle_damaged_database(path, exc, parent)
            if choice == "quit":
                raise StartupStopped(0) from exc
            # "restored": open the restored file (checked again); "continue": only references are
            # broken and the user chose to go on with the file as it is.
            check = choice == "restored"
            create = False


def open_site_database(db_path: Path | None, demo: bool, parent: QWidget | None = None) -> SiteSession:
    """The database the GUI works on and its site.

    demo: the demo database (created on first use, with its demo accounts); otherwise `db_path`,
    or the default database, which is created by the first-run wizard when it does not exist yet.
    The file is checked on opening (damage offers the latest good backup). A site that has no
    account yet gets its first administrator here. Raises StartupStopped after showing the reason
    (a DatabaseOpenError's Chinese message) to the user, or when the user quit.
    """
    created_demo = False
    path = paths.gui_db_path(db_path, demo)
    if demo:
        if not path.exists():
            create_demo_database(path, parent)
            created_demo = True
        new = False
    else:
        new = db_path is None and not path.exists()
    db = _open_checked(path, new, parent)
    if created_demo:
        accounts.ensure_demo_admin(db)
    site = site_info(db)
    actor: Actor | None = None
    if site is None or (not demo and not accounts.has_accounts(db)):
        done = run_first_run(db, parent)
        if done is None:
            db.close()
            if new:
                _remove_database_files(path)
            raise StartupStopped(0)
        site, actor = done
    return SiteSession(db, site, actor)
