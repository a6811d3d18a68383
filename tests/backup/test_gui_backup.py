"""Backups in the GUI: back up now, restore shows date and counts first, damaged database at start-up."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from kongchuo_desktop.gui import backup_dialog
from kongchuo_desktop.gui.backup_dialog import (
    BackupDialog,
    DamagedDatabaseDialog,
    RestoreConfirmDialog,
    restore_and_reopen,
)
from kongchuo_desktop.services import backups, students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.errors import DatabaseOpenError
from tests.accounts.support import Pupils
from tests.backup.test_backups import damage_an_index


@pytest.fixture(autouse=True)
def shown(monkeypatch) -> list[str]:
    messages: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda _p, _t, text, *a, **k: messages.append(text) or QMessageBox.StandardButton.Ok)
    return messages


def test_backup_now_and_restore_from_the_list(
    qtbot, township_db, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    admin = actors["管理员"]
    dialog = BackupDialog(township_db, admin)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    dialog.choose_folder = lambda: str(tmp_path / "U盘")
    dialog.change_folder()
    assert dialog.folder_label.text() == str((tmp_path / "U盘").resolve())
    made = dialog.backup_now()
    assert made is not None and made.parent == (tmp_path / "U盘").resolve() and dialog.list.count() == 1
    students.update_student(township_db, admin, pupils.a, {"name": "改过"})
    seen: list[backups.BackupInfo] = []
    dialog.confirm = lambda info: seen.append(info) or True
    with qtbot.waitSignal(dialog.restoreRequested) as requested:
        dialog.restore_selected()
    assert seen[0].counts["students"] == 3 and requested.args == [str(made)]
    db = restore_and_reopen(township_db, requested.args[0], admin)
    try:
        assert students.get_student(db, admin, pupils.a).values["name"] == "张伟"
    finally:
        db.close()


def test_restore_refuses_a_file_that_is_not_ours(qtbot, township_db, actors: dict[str, Actor], tmp_path: Path, shown) -> None:  # type: ignore[no-untyped-def]
    dialog = BackupDialog(township_db, actors["管理员"])
    qtbot.addWidget(dialog)
    junk = tmp_path / "照片.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    dialog.choose_file = lambda: str(junk)
    dialog.confirm = lambda info: pytest.fail("must not ask to restore a file that is not ours")
    dialog.restore_other()
    assert dialog.restore_path is None and "不是本软件的备份" in shown[-1]


def test_a_teacher_cannot_use_backups(qtbot, township_db, actors: dict[str, Actor]) -> None:  # type: ignore[no-untyped-def]
    dialog = BackupDialog(township_db, actors["教师"])
    qtbot.addWidget(dialog)
    assert not dialog.backup_button.isEnabled() and not dialog.browse_button.isEnabled()


def test_restore_confirm_shows_date_and_counts(qtbot, township_db, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    info = backups.create_backup(township_db, actors["管理员"], tmp_path / "b.sqlite", now=dt.datetime(2026, 6, 1, 8, 5))
    dialog = RestoreConfirmDialog(info)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(backup_dialog.QLabel))
    assert "2026-06-01 08:05" in texts and "学生 3" in texts


def test_damaged_database_offers_the_latest_good_backup(qtbot, township_db, pupils: Pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    good = backups.auto_backup(township_db, "exit").path
    path = township_db.path
    township_db.close()
    damage_an_index(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path, check_integrity=True)
    offered: list[DamagedDatabaseDialog] = []

    def choose_restore(self: DamagedDatabaseDialog) -> int:
        offered.append(self)
        assert self.restore_button.isEnabled() and not self.continue_button.isVisibleTo(self)
        self.restore_button.click()
        return 1

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", choose_restore)
    assert backup_dialog.handle_damaged_database(path, err.value) == "restored"
    assert offered[0].backup == good
    open_database(path, check_integrity=True).close()


def test_broken_references_may_be_carried_on_with(qtbot, township_db, pupils: Pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = township_db.path
    township_db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE student SET school_id = 'gone' WHERE id = ?", (pupils.a,))
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path, check_integrity=True)

    def carry_on(self: DamagedDatabaseDialog) -> int:
        assert self.continue_button.isVisibleTo(self) and not self.restore_button.isEnabled()
        self.continue_button.click()
        return 1

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", carry_on)
    assert backup_dialog.handle_damaged_database(path, err.value) == "continue"


def test_auto_backup_daily_and_on_exit(qtbot, township_db) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.auto_backup import AutoBackup

    auto = AutoBackup(township_db, start=False)
    with qtbot.waitSignal(auto.message, timeout=5000) as said:
        auto.check_daily()
    assert "已自动备份" in said.args[0]
    auto.check_daily()  # nothing more today
    assert auto._task is not None and auto._task.wait(5000)
    outcome = auto.on_exit()
    assert outcome is not None and "退出" in outcome.path.name
    # one backup per day is kept: the exit one replaces the day's earlier backup
    assert [p.name for p in outcome.pruned] and "每日" in outcome.pruned[0].name
    assert [p.name for p in backups.default_folder(township_db.path).glob("*.sqlite")] == [outcome.path.name]
