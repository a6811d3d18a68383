"""Backups: restore returns exactly the backed-up data, shows date and counts first, refuses files that
are not ours untouched; retention 7 daily + 4 weekly; start-up checks find damage and offer the
latest good backup."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from kongchuo_desktop.services import backups, students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.backups import BackupError, describe_backup, restore_backup
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.store.audit import check_chain
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.integrity import DatabaseDamagedError, check_file
from tests.accounts.support import Pupils

ADMIN, TEACHER = "管理员", "教师"
BOOKKEEPING = {"audit_entry", "local_state"}


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_modify_restore_returns_exactly_the_backed_up_data(
    township_db, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    admin = actors[ADMIN]
    info = backups.create_backup(township_db, admin, tmp_path / "备份.sqlite")
    assert info.counts["students"] == 3 and info.counts["accounts"] == 5
    expected = dump(info.path)
    students.update_student(township_db, admin, pupils.a, {"name": "改过"}, reason="误改")
    students.delete_student(township_db, admin, pupils.b, "误删")
    db_path = township_db.path
    township_db.close()

    result = restore_backup(db_path, info.path, admin)
    got = dump(db_path)
    assert set(got) == set(expected)
    for table in set(expected) - BOOKKEEPING:
        assert got[table] == expected[table], table
    # the audit log is the backup's, plus the record of this restore
    restored_audit = got["audit_entry"]
    assert restored_audit[: len(expected["audit_entry"])] == expected["audit_entry"]
    conn = sqlite3.connect(db_path)
    added = conn.execute("SELECT DISTINCT action, user FROM audit_entry WHERE seq > ?", (len(expected["audit_entry"]),))
    assert added.fetchall() == [("restore", "admin")]
    conn.close()
    assert not any(r[0] == "backup_taken_at" for r in got["local_state"])  # a working database again
    # the replaced database was kept, with the changes made after the backup
    assert result.previous_saved_as is not None
    kept = dump(result.previous_saved_as)
    assert any("改过" in row for row in kept["student"])
    db = open_database(db_path)
    try:
        with db.read_session() as session:
            assert check_chain(session).ok
        assert students.get_student(db, admin, pupils.a).values["name"] == "张伟"
    finally:
        db.close()


def test_describe_shows_date_and_counts(township_db, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    when = dt.datetime(2026, 5, 4, 16, 30)
    backups.create_backup(township_db, actors[ADMIN], tmp_path / "b.sqlite", now=when)
    info = describe_backup(tmp_path / "b.sqlite")
    assert info.taken_at == when and info.facts.kind == "手动" and info.facts.site_name == "金河镇教育办"
    text = "\n".join(info.lines())
    assert "2026-05-04 16:30" in text and "学生 3" in text and "账户 5" in text


@pytest.mark.parametrize("kind", ["text", "foreign", "newer", "damaged", "empty", "missing"])
def test_a_file_that_is_not_our_backup_is_refused_and_nothing_changes(
    township_db, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.sqlite"
    if kind == "text":
        bad.write_text("学生名单\n张三,李四\n", encoding="utf-8")
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.commit()
        conn.close()
    elif kind in ("newer", "damaged"):
        backups.create_backup(township_db, actors[ADMIN], bad)
        if kind == "newer":
            conn = sqlite3.connect(bad)
            # Any one of the stamped heads replaced by a revision this app does not know.
            conn.execute("UPDATE alembic_version SET version_num = '9999_future' WHERE rowid = (SELECT min(rowid) FROM alembic_version)")
            conn.commit()
            conn.close()
        else:
            data = bytearray(bad.read_bytes())
            page = 4096
            data[page * 3 : page * 6] = b"\x07" * (page * 3)
            bad.write_bytes(bytes(data))
    before_bad = digest(bad) if bad.exists() else None
    db_path = township_db.path
    township_db.close()
    before_db = dump(db_path)
    with pytest.raises(BackupError) as err:
        describe_backup(bad)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))
    with pytest.raises(BackupError):
        restore_backup(db_path, bad, actors[ADMIN])
    assert dump(db_path) == before_db
    if before_bad is not None:
        assert digest(bad) == before_bad
    assert not list((db_path.parent / "backups").glob("*恢复前*")) if (db_path.parent / "backups").exists() else True


def test_restore_over_a_sound_database_with_accounts_needs_an_admin(
    township_db, actors: dict[str, Actor], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    info = backups.create_backup(township_db, actors[ADMIN], tmp_path / "b.sqlite")
    db_path = township_db.path
    township_db.close()
    assert backups.restore_permission_needed(db_path)
    with pytest.raises(PermissionDenied):
        restore_backup(db_path, info.path, None)
    with pytest.raises(PermissionDenied):
        restore_backup(db_path, info.path, actors[TEACHER])


def test_restore_while_open_is_refused(township_db, actors: dict[str, Actor], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    info = backups.create_backup(township_db, actors[ADMIN], tmp_path / "b.sqlite")
    with pytest.raises(BackupError, match="正在被"):
        restore_backup(township_db.path, info.path, actors[ADMIN])


def damage_an_index(path: Path) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_student_name'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\x0d\xff\xff\x00\x00" + b"\xee" * (size - 5))


def test_startup_check_finds_damage_and_offers_the_latest_good_backup(
    township_db, pupils: Pupils, actors: dict[str, Actor]
) -> None:  # type: ignore[no-untyped-def]
    older = backups.auto_backup(township_db, "daily", now=dt.datetime(2026, 5, 1, 9, 0)).path
    newer = backups.auto_backup(township_db, "exit", now=dt.datetime(2026, 5, 2, 17, 0)).path
    newest = backups.auto_backup(township_db, "exit", now=dt.datetime(2026, 5, 3, 17, 0)).path
    damage_an_index(newest)  # the newest backup is itself broken: skip it
    db_path = township_db.path
    township_db.close()
    assert check_file(db_path).ok
    damage_an_index(db_path)
    before = digest(db_path)
    report = check_file(db_path)
    assert report.damaged and not report.ok
    with pytest.raises(DatabaseDamagedError) as err:
        open_database(db_path, check_integrity=True)
    assert err.value.code == "damaged" and "损坏" in str(err.value) and err.value.report.damaged
    assert digest(db_path) == before  # nothing written, nothing migrated
    good = backups.latest_good_backup(db_path)
    assert good is not None and good.path == newer and good.path != older
    # a damaged database may be restored without logging in; the broken file is kept aside
    result = restore_backup(db_path, good.path, None)
    assert result.previous_saved_as is not None and "损坏" in result.previous_saved_as.name
    assert check_file(db_path).ok
    open_database(db_path, check_integrity=True).close()


def test_startup_check_finds_broken_references(township_db, pupils: Pupils) -> None:  # type: ignore[no-untyped-def]
    db_path = township_db.path
    township_db.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE student SET school_id = 'no-such-school' WHERE id = ?", (pupils.a,))
    conn.commit()
    conn.close()
    report = check_file(db_path)
    assert not report.damaged and report.broken_links and "student" in report.broken_links[0]
    with pytest.raises(DatabaseDamagedError):
        open_database(db_path, check_integrity=True)
    open_database(db_path).close()  # without the check (the user chose to carry on) it still opens


def test_daily_backup_once_a_day_and_retention(township_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    day = dt.datetime(2026, 3, 2, 8, 0)  # a Monday
    first = backups.backup_if_due(township_db, now=day)
    assert first is not None and first.path.exists()
    assert backups.backup_if_due(township_db, now=day + dt.timedelta(hours=3)) is None
    # sixty days of use, a backup at start-up and one at exit each day
    for n in range(1, 60):
        start = day + dt.timedelta(days=n)
        backups.backup_if_due(township_db, now=start)
        backups.auto_backup(township_db, "exit", now=start + dt.timedelta(hours=9))
    kept = sorted(p.name for p in backups.default_folder(township_db.path).glob("*.sqlite"))
    parsed = [backups.parse_backup_name(n) for n in kept]
    times = sorted(p[0] for p in parsed if p)
    last = day + dt.timedelta(days=59, hours=9)
    # 7 most recent days (their newest backup: the exit one) + the newest of 4 most recent weeks
    assert times[-7:] == [last - dt.timedelta(days=i) for i in range(6, -1, -1)]
    weeks = {t.isocalendar()[:2] for t in times}
    assert len(weeks) == 4 and len(times) <= 7 + 4


def test_plan_retention_with_gaps() -> None:
    base = dt.datetime(2026, 1, 5, 18, 0)  # Monday
    used = [base + dt.timedelta(days=d) for d in (0, 1, 2, 20, 21, 40, 41, 42, 43, 44, 45, 46, 47, 48)]
    items = [(Path(f"k-{t:%Y%m%d-%H%M%S}-退出.sqlite"), t) for t in used]
    keep, delete = backups.plan_retention(items)
    kept = sorted(t for p, t in items if p in keep)
    assert kept[-7:] == used[-7:]
    # the newest of each of the 4 most recent weeks with backups: week of Feb 16 (a daily already),
    # of Feb 9 (day 41), of Jan 26 (day 21) and of Jan 19 (day 20); the week of Jan 5 is too old
    assert {base + dt.timedelta(days=d) for d in (41, 21, 20)} <= set(kept)
    assert base + dt.timedelta(days=2) not in kept and len(kept) == 10
    assert len(keep) + len(delete) == len(items)


def test_backup_folder_setting_and_fallback(township_db, actors: dict[str, Actor], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "U盘" / "备份"
    backups.set_backup_folder(township_db, actors[ADMIN], usb)
    assert backups.backup_folder(township_db) == usb.resolve()
    out = backups.auto_backup(township_db, "exit")
    assert out.path.parent == usb.resolve() and out.warning is None
    # the stick is pulled out: the backup still happens, beside the database, with a warning
    import shutil

    shutil.rmtree(tmp_path / "U盘")
    (tmp_path / "U盘").write_text("not a folder")
    out = backups.auto_backup(township_db, "exit")
    assert out.warning and "U 盘" in out.warning
    assert out.path.parent == backups.default_folder(township_db.path)
    assert [b.path for b in backups.list_backups(township_db)][0] == out.path


def test_backup_before_import_keeps_ten(township_db) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2026, 4, 1, 10, 0)
    for i in range(12):
        backups.backup_before_import(township_db, now=start + dt.timedelta(minutes=i))
    names = sorted(p.name for p in backups.default_folder(township_db.path).glob("*导入前*"))
    assert len(names) == 10 and names[0].endswith("100200-导入前.sqlite")


def test_no_automatic_backup_of_a_damaged_database(township_db, pupils: Pupils) -> None:  # type: ignore[no-untyped-def]
    good = backups.auto_backup(township_db, "daily", now=dt.datetime(2026, 5, 1, 9, 0)).path
    path = township_db.path
    township_db.close()
    damage_an_index(path)
    db = open_database(path)  # opened without the start-up check
    try:
        for kind in ("daily", "exit"):
            with pytest.raises(BackupError, match="已暂停自动备份") as err:
                backups.auto_backup(db, kind, now=dt.datetime(2026, 5, 9, 9, 0))
            assert err.value.code == "damaged"
    finally:
        db.close()
    assert [p.name for p in backups.default_folder(path).glob("*.sqlite")] == [good.name]


def test_large_files_get_the_quick_check_at_start_up(township_db, pupils: Pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.store import integrity

    path = township_db.path
    township_db.close()
    monkeypatch.setattr(integrity, "FULL_CHECK_MAX_BYTES", 1)
    assert not check_file(path).full and check_file(path).ok
    damage_an_index(path)
    assert check_file(path).damaged  # quick_check still sees a broken page


def test_a_check_begun_ahead_is_used_only_for_the_unchanged_file(township_db, pupils: Pupils, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.store import integrity

    path = township_db.path
    township_db.close()
    runs: list[Path] = []
    real = integrity.check_file
    monkeypatch.setattr(integrity, "check_file", lambda p, full=None: runs.append(Path(p)) or real(p, full))
    integrity.check_ahead(path)  # the GUI starts it before loading its window modules
    open_database(path, check_integrity=True).close()
    assert len(runs) == 1  # open_database waited for that check instead of running its own
    integrity.check_ahead(path)
    damage_an_index(path)  # the file changed after the check began: its "ok" must not count
    with pytest.raises(DatabaseDamagedError):
        open_database(path, check_integrity=True)
    assert len(runs) == 3
    integrity.check_ahead(path.with_name("missing.sqlite"))  # nothing to check: nothing started
    assert len(runs) == 3
