"""Automatic backups while the app runs: the daily one (checked at start and every hour, copied in a
worker thread) and one when the app closes.

Entry: `AutoBackup(db, parent)` — create it after login; call `on_exit()` from the main window's
closeEvent (before the database is closed; it shows a progress dialog if it takes a while).
Signal `message(str)`: a line for the status bar (where the backup went, or that the chosen
folder — e.g. a USB stick — was missing and the backup went beside the database instead).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kongchuo_desktop.gui.tasks import Task, run_with_progress
from kongchuo_desktop.services import backups
from kongchuo_desktop.services.backups import BackupOutcome
from kongchuo_desktop.store.database import Database

log = logging.getLogger(__name__)
HOURLY_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    """Daily and on-exit backups of `db` (see the module doc)."""

    message = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None, start: bool = True) -> None:
        super().__init__(parent)
        self._db = db
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(HOURLY_MS)
        self._timer.timeout.connect(self.check_daily)
        if start:
            self._timer.start()
            QTimer.singleShot(0, self.check_daily)

    def check_daily(self) -> None:
        """Start the daily backup in a worker when none was made today."""
        if self._task is not None and self._task.isRunning():
            return
        task = Task(lambda _progress: backups.backup_if_due(self._db))
        task.succeeded.connect(self._done)
        task.failed.connect(self._failed)
        self._task = task
        task.start()

    def _done(self, outcome: BackupOutcome | None) -> None:
        if outcome is None:
            return
        text = self.tr("已自动备份：%1").replace("%1", str(outcome.path))
        self.message.emit(outcome.warning or text)

    def _failed(self, error: BaseException) -> None:
        log.error("automatic backup failed: %s", error)
        self.message.emit(self.tr("自动备份失败：%1").replace("%1", str(error)))

    def on_exit(self) -> BackupOutcome | None:
        """The backup when the app closes (waits for a running daily backup first)."""
        self._timer.stop()
        if self._task is not None:
            self._task.wait()
        try:
            outcome: BackupOutcome = run_with_progress(
                lambda _progress: backups.auto_backup(self._db, "exit"),
                self.tr("正在备份"), self.tr("退出前正在备份数据，请稍候……"),
            )  # fmt: skip
        except Exception as exc:  # noqa: BLE001 - closing must go on; the reason is logged
            log.error("backup on exit failed: %s", exc)
            return None
        return outcome
