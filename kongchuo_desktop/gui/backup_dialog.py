"""Backups in the GUI: the backup folder and list, back up now, restore (showing the backup's date
and counts first), and what to do when the database is damaged at start-up.

Entries:
- `BackupDialog(db, actor)` — 备份与恢复 (administrators). When the user confirms a restore the
  dialog closes with `restore_path` set and emits `restoreRequested(str)`; the caller then closes
  its database and calls `restore_and_reopen(db, path, actor)` (the database must be closed to be
  replaced), and logs in again on the returned database.
- `RestoreConfirmDialog(info)` — the backup's date, site and counts, with 恢复 / 取消.
- `handle_damaged_database(db_path, error, parent) -> str` — after open_database(...,
  check_integrity=True) raised DatabaseDamagedError (or DatabaseOpenError code "corrupt"): offers
  the latest good backup or another file; returns "restored" (reopen), "continue" (only offered
  when merely references are broken: reopen without the check) or "quit".
`choose_file` / `choose_folder` attributes can be replaced (tests).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.login_dialog import HINT_STYLE
from kongchuo_desktop.gui.service_errors import show_service_error
from kongchuo_desktop.services import backups
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.backups import BackupError, BackupInfo
from kongchuo_desktop.services.errors import ServiceError
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.errors import DatabaseOpenError

WARN_STYLE = "color: #c0392b;"


def restore_and_reopen(db: Database, backup_path: str | Path, actor: Actor | None) -> Database:
    """Close `db`, replace its file with the backup, and open it again (the caller logs in anew:
    the accounts are now the backup's). On failure the error is raised; the database file is then
    unchanged but closed — open it again with open_database(db.path)."""
    from kongchuo_desktop.gui.tasks import run_with_progress

    path = db.path
    db.close()
    run_with_progress(
        lambda _progress: backups.restore_backup(path, backup_path, actor),
        QCoreApplication.translate("Backups", "从备份恢复"),
        QCoreApplication.translate("Backups", "正在检查备份并恢复，请稍候……"),
    )
    return open_database(path)


class RestoreConfirmDialog(QDialog):
    """What the backup holds, before anything is replaced."""

    def __init__(self, info: BackupInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("从备份恢复"))
        intro = QLabel(self.tr("<b>请核对这份备份：</b>"))
        details = QLabel("<br>".join(info.lines()))
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.setWordWrap(True)
        warning = QLabel(
            self.tr("恢复后，数据库会回到备份时的样子，备份之后的修改将不在其中。现在的数据库会另存到备份文件夹，不会丢失。")
        )
        warning.setStyleSheet(WARN_STYLE)
        warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("恢复"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(details)
        layout.addWidget(warning)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)


def _confirm(info: BackupInfo, parent: QWidget | None) -> bool:
    return RestoreConfirmDialog(info, parent).exec() == QDialog.DialogCode.Accepted


class BackupDialog(QDialog):
    """The backup folder, the backups in it, back up now, restore."""

    restoreRequested = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.restore_path: Path | None = None
        self.choose_file: Callable[[], str] = self._ask_file
        self.choose_folder: Callable[[], str] = self._ask_folder
        self.confirm: Callable[[BackupInfo], bool] = lambda info: _confirm(info, self)
        self.setWindowTitle(self.tr("备份与恢复"))
        hint = QLabel(
            self.tr("程序每天和每次退出时自动备份（保留最近 7 天每天一份、最近 4 周每周一份）。"
                    "建议把备份文件夹设在 U 盘上，电脑坏了或丢了数据也不会丢。")
        )  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(self.tr("更改文件夹…"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("备份文件夹：")))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.restore_button = QPushButton(self.tr("用选中的备份恢复…"))
        self.browse_button = QPushButton(self.tr("从其他文件恢复…"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        actions = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.browse_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(folder_row)
        layout.addWidget(QLabel(self.tr("已有的备份（最新的在上面）：")))
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)
        layout.addWidget(close)
        self.setMinimumSize(640, 420)
        allowed = actor.can(perms.BACKUP_CREATE)
        for button in (self.backup_button, self.folder_button):
            button.setEnabled(allowed)
        for button in (self.restore_button, self.browse_button):
            button.setEnabled(actor.can(perms.BACKUP_RESTORE))
        self.folder_button.clicked.connect(self.change_folder)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.browse_button.clicked.connect(self.restore_other)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.refresh()

    def refresh(self) -> None:
        """Show the folder and the backups in it."""
        self.folder_label.setText(str(backups.backup_folder(self._db)))
        self.list.clear()
        for info in backups.list_backups(self._db):
            counts = info.counts
            text = self.tr("%1  %2备份  学生 %n 人  %3 MB", "", int(counts.get("students", 0)))
            text = text.replace("%1", info.taken_at.strftime("%Y-%m-%d %H:%M"))
            text = text.replace("%2", label(info.facts.kind or ""))
            text = text.replace("%3", f"{info.facts.size / 1024 / 1024:.1f}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.list.addItem(item)
        self.restore_button.setEnabled(self._actor.can(perms.BACKUP_RESTORE) and self.list.count() > 0)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹（例如 U 盘）"), str(backups.backup_folder(self._db)))

    def _ask_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择备份文件"), str(backups.backup_folder(self._db)), self.tr("备份文件 (*.sqlite);;所有文件 (*)")
        )
        return path

    def change_folder(self) -> None:
        """Choose where backups go."""
        chosen = self.choose_folder()
        if not chosen:
            return
        try:
            backups.set_backup_folder(self._db, self._actor, chosen)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        self.refresh()

    def backup_now(self) -> Path | None:
        """A backup by hand into the backup folder."""
        from kongchuo_desktop.gui.tasks import run_with_progress

        target = backups.backup_folder(self._db)
        try:
            info = run_with_progress(
                lambda _progress: backups.create_backup(self._db, self._actor, target),
                self.tr("备份"), self.tr("正在备份……"), self,
            )  # fmt: skip
        except ServiceError as exc:
            show_service_error(self, exc)
            return None
        self.status_label.setText(self.tr("已备份到：%1").replace("%1", str(info.path)))
        self.refresh()
        return info.path  # type: ignore[no-any-return]

    def restore_selected(self) -> None:
        """Restore from the chosen backup in the list."""
        item = self.list.currentItem()
        if item is not None:
            self.request_restore(Path(item.data(Qt.ItemDataRole.UserRole)))

    def restore_other(self) -> None:
        """Restore from a file the user picks (e.g. on a USB stick)."""
        chosen = self.choose_file()
        if chosen:
            self.request_restore(Path(chosen))

    def request_restore(self, path: Path) -> bool:
        """Describe the backup, ask, and hand the restore to the caller (see the module doc)."""
        from kongchuo_desktop.gui.tasks import run_with_progress

        try:
            info: BackupInfo = run_with_progress(
                lambda _progress: backups.describe_backup(path),
                self.tr("检查备份"), self.tr("正在检查备份文件……"), self,
            )  # fmt: skip
        except BackupError as exc:
            QMessageBox.warning(self, self.tr("不能用这个文件恢复"), str(exc))
            return False
        if not self.confirm(info):
            return False
        self.restore_path = info.path
        self.restoreRequested.emit(str(info.path))
        self.accept()
        return True


class DamagedDatabaseDialog(QDialog):
    """The start-up checks failed: explain, and offer the latest good backup.

    choice after exec: "restore" (with `backup` set), "continue" or "quit".
    """

    def __init__(
        self, db_path: Path, problem: str, latest: BackupInfo | None, can_continue: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = "quit"
        self.backup: Path | None = latest.path if latest else None
        self.choose_file: Callable[[], str] = self._ask_file
        self._db_path = db_path
        self.setWindowTitle(self.tr("数据库需要修复"))
        head = QLabel(self.tr("<b>打开“%1”时发现问题：</b>").replace("%1", db_path.name))
        text = QLabel(problem)
        text.setWordWrap(True)
        text.setStyleSheet(WARN_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(text)
        if latest is not None:
            offer = QLabel(self.tr("<b>建议从最近的完好备份恢复：</b><br>") + "<br>".join(latest.lines()))
            offer.setWordWrap(True)
            layout.addWidget(offer)
        else:
            layout.addWidget(QLabel(self.tr("没有找到可用的备份。如果 U 盘上有备份，请选择那个文件。")))
        note = QLabel(self.tr("恢复时，出问题的数据库会另存一份，不会删除，可交给技术人员检查。"))
        note.setStyleSheet(HINT_STYLE)
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("从这个备份恢复"))
        self.restore_button.setEnabled(latest is not None)
        self.other_button = QPushButton(self.tr("选择其他备份…"))
        self.continue_button = QPushButton(self.tr("暂时继续使用"))
        self.continue_button.setVisible(can_continue)
        self.quit_button = QPushButton(self.tr("退出"))
        for button in (self.restore_button, self.other_button, self.continue_button, self.quit_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self._restore)
        self.other_button.clicked.connect(self._other)
        self.continue_button.clicked.connect(self._continue)
        self.quit_button.clicked.connect(self.reject)
        self.setMinimumWidth(560)

    def _ask_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(self._db_path.parent), self.tr("备份文件 (*.sqlite);;所有文件 (*)"))
        return path

    def _restore(self) -> None:
        self.choice = "restore"
        self.accept()

    def _other(self) -> None:
        chosen = self.choose_file()
        if not chosen:
            return
        try:
            info = backups.describe_backup(chosen)
        except BackupError as exc:
            QMessageBox.warning(self, self.tr("不能用这个文件恢复"), str(exc))
            return
        if _confirm(info, self):
            self.backup = info.path
            self.choice = "restore"
            self.accept()

    def _continue(self) -> None:
        self.choice = "continue"
        self.accept()


def handle_damaged_database(
    db_path: Path, error: DatabaseOpenError, parent: QWidget | None = None
) -> str:
    """Offer recovery for a database that failed its start-up checks (see the module doc)."""
    from kongchuo_desktop.gui.tasks import run_with_progress
    from kongchuo_desktop.store.integrity import DatabaseDamagedError

    can_continue = isinstance(error, DatabaseDamagedError) and not error.report.damaged
    latest = run_with_progress(
        lambda _progress: backups.latest_good_backup(db_path),
        QCoreApplication.translate("Backups", "查找备份"), QCoreApplication.translate("Backups", "正在查找完好的备份……"),
        parent,
    )  # fmt: skip
    dialog = DamagedDatabaseDialog(Path(db_path), str(error), latest, can_continue, parent)
    dialog.exec()
    if dialog.choice == "restore" and dialog.backup is not None:
        chosen = dialog.backup
        try:
            run_with_progress(
                lambda _progress: backups.restore_backup(db_path, chosen, None),
                QCoreApplication.translate("Backups", "从备份恢复"),
                QCoreApplication.translate("Backups", "正在恢复，请稍候……"),
                parent,
            )
        except ServiceError as exc:
            show_service_error(parent, exc)
            return "quit"
        QMessageBox.information(
            parent,
            QCoreApplication.translate("Backups", "已恢复"),
            QCoreApplication.translate("Backups", "已从备份恢复，请重新登录。"),
        )
        return "restored"
    return dialog.choice
