"""The fast paths of sync: a preview decides like the import without writing, a large import goes
through store.bulk (indexes rebuilt, sender's versions kept), the column-wise content check refuses
exactly what validate.check_rows refuses, and an export is recorded if and only if its file exists."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import (
    SyncError,
    export_package,
    import_file,
    list_conflicts,
    package_history,
    preview_import,
)
from kongchuo_desktop.services.sync.apply import _check
from kongchuo_desktop.services.sync.codec import table_of
from kongchuo_desktop.services.sync.validate import check_rows
from kongchuo_desktop.store.database import Database
from tests.sync.kit import add_student, dump, edit_student, exchange, send, whole_dump


def _indexes(db: Database, table: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db.path)
    try:
        return sorted(conn.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=?", (table,)))
    finally:
        conn.close()


def _seqs(db: Database) -> dict[str, int]:
    conn = sqlite3.connect(db.path)
    try:
        return dict(conn.execute("SELECT id, change_seq FROM student"))
    finally:
        conn.close()


def test_preview_counts_what_the_import_then_does(sites: dict[str, Database], tmp_path: Path) -> None:
    """A full package holding new, updated, unchanged and conflicting rows: the preview writes
    nothing and its counts and conflicts are those of the import."""
    s1, t1 = sites["s1"], sites["t1"]
    pupils = [add_student(s1, name) for name in ("甲一", "乙二", "丙三", "丁四")]
    exchange(s1, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    edit_student(s1, pupils[0], user="school", current_address="一街", note="学校")  # conflict on the address
    edit_student(t1, pupils[0], user="town", current_address="二街")
    edit_student(s1, pupils[1], note="只在学校改")  # updated
    edit_student(t1, pupils[2], grade=4)  # newer at the township: unchanged by the package
    add_student(s1, "戊五")  # new
    package = send(s1, t1, tmp_path, full=True)
    before = whole_dump(t1)
    preview = preview_import(t1, SYSTEM, package)
    assert whole_dump(t1) == before, "the preview wrote to the database"
    result = import_file(t1, SYSTEM, package)
    assert preview.dry_run and not result.dry_run
    assert preview.tables == result.tables
    assert sorted(c["id"] for c in preview.conflicts) == sorted(c["id"] for c in result.conflicts)
    counts = result.tables["student"]
    assert counts["new"] == 1 and counts["updated"] >= 2 and counts["unchanged"] >= 1 and counts["conflicts"] == 1
    assert [c.field for c in list_conflicts(t1, SYSTEM)] == ["current_address"]
    assert preview.gaps == result.gaps


def test_a_large_import_rebuilds_indexes_and_keeps_the_senders_versions(
    sites: dict[str, Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kongchuo_desktop.store import bulk

    monkeypatch.setattr(bulk, "REBUILD_MIN", 5)  # the path a full package of 100,000 pupils takes
    monkeypatch.setattr(bulk, "SORT_MIN", 5)
    s1, t1 = sites["s1"], sites["t1"]
    for n in range(12):
        add_student(s1, f"学生{n:02d}")
    indexes = _indexes(t1, "student")
    before = max(_seqs(t1).values(), default=0)
    exchange(s1, t1, tmp_path)
    assert _indexes(t1, "student") == indexes
    assert dump(t1, within=s1)["student"] == dump(s1, within=s1)["student"]  # clocks, times, users as sent
    seqs = _seqs(t1)
    assert len(seqs) == 12 and len(set(seqs.values())) == 12 and min(seqs.values()) > before


def test_export_is_recorded_exactly_when_its_file_exists(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    add_student(s1, "钱七")
    peer = t1.extra["site_id"]

    # A commit that fails after the file is written: the transaction rolls back, the file goes with it.
    target = tmp_path / "a.kcsync"

    def fail_once_written(_session: Any) -> None:
        if target.exists():
            raise RuntimeError("磁盘已满")

    event.listen(s1.sessions, "before_commit", fail_once_written)
    before = whole_dump(s1)
    try:
        with pytest.raises(RuntimeError):
            export_package(s1, SYSTEM, peer, target)
    finally:
        event.remove(s1.sessions, "before_commit", fail_once_written)
    assert not target.exists() and whole_dump(s1) == before

    # A cancel at the last report comes after the commit: the package stands, recorded and whole.
    def cancel_at_the_end(done: int, total: int, _text: str) -> None:
        if done == total:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_package(s1, SYSTEM, peer, tmp_path / "b.kcsync", progress=cancel_at_the_end)
    sent = [r for r in package_history(s1, SYSTEM) if r.direction == "out"]
    assert [(r.number, r.file_name) for r in sent] == [(1, "b.kcsync")]
    assert import_file(t1, SYSTEM, tmp_path / "b.kcsync").tables["student"]["new"] == 1


CELLS = [None, True, False, 0, 1, -1, 7, 2**63, -(2**63) - 1, 1.0, 1.5, "", "x", "女", "2026-03-01",
         "2026-13-01", "2026-03-01T08:30:00", "2026-03-01 08:30", '{"name":[1,"s"]}', '{"a":[1]}', "[]",
         [], {}, [1, "s"]]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_the_column_check_refuses_exactly_what_check_rows_refuses(data: st.DataObject) -> None:
    table = table_of(data.draw(st.sampled_from(["student", "visit", "dropout_case", "attachment", "setting"])))
    cols = [c.name for c in table.c if c.name != "change_seq"]
    good: dict[str, Any] = {}
    for col in table.c:
        if col.name == "clocks":
            good[col.name] = None
        elif col.name == "id":
            good[col.name] = "r"
        elif col.nullable:
            good[col.name] = None
        else:
            good[col.name] = _sample(col)
    rows = [[good[c] if c != "id" else f"r{n}" for c in cols] for n in range(3)]
    for _ in range(data.draw(st.integers(0, 3))):
        row, col = data.draw(st.integers(0, 2)), data.draw(st.integers(0, len(cols) - 1))
        rows[row][col] = data.draw(st.sampled_from(CELLS))
    expected = _outcome(lambda: check_rows(table, [dict(zip(cols, r, strict=True)) for r in rows]))
    assert _outcome(lambda: _check(table, cols, rows)) == expected


def _sample(col: Any) -> Any:
    from sqlalchemy import Boolean, Date, DateTime, Integer

    if col.name in ("born_hlc",) or isinstance(col.type, Integer):
        return 1
    if isinstance(col.type, Boolean):
        return False
    if isinstance(col.type, DateTime):
        return dt.datetime(2026, 3, 1, 8).isoformat()
    if isinstance(col.type, Date):
        return "2026-03-01"
    return "x"


def _outcome(fn: Any) -> str | None:
    try:
        fn()
    except SyncError as exc:
        return str(exc)
    return None
