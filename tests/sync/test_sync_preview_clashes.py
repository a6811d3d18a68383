"""The preview finds what the write would refuse — a unique value another record holds here, a
reference to a record that is nowhere — and says so as the import does, naming the row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import SyncError, import_file, preview_import
from kongchuo_desktop.store.base import new_id
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School, SchoolClass, Township
from tests.sync.kit import add_student, edit_student, exchange, send, whole_dump


def _both_refuse(db: Database, package: Path, *words: str) -> str:
    """The preview and the import refuse the package with the same message; nothing changes."""
    before = whole_dump(db)
    messages = []
    for attempt in (preview_import, import_file):
        with pytest.raises(SyncError) as caught:
            attempt(db, SYSTEM, package)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    for word in (*words, "与本站点已有的数据冲突", "没有做任何改动"):
        assert word in messages[0], messages[0]
    assert whole_dump(db) == before
    return messages[0]


def test_a_name_another_record_holds_here_is_found_by_the_preview(sites: dict[str, Database], tmp_path: Path) -> None:
    for db in (sites["s1"], sites["t1"]):  # databases made before natural ids: one name, two ids
        with db.transaction(user="x") as session:
            session.add(Township(id=new_id(), name="旧乡镇"))
    _both_refuse(sites["t1"], send(sites["s1"], sites["t1"], tmp_path), "乡镇记录“旧乡镇”", "名称为“旧乡镇”")


def test_a_class_made_twice_is_found_by_the_preview(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    exchange(s1, t1, tmp_path)  # the township holds the school
    with s1.read_session() as session:
        school = session.execute(select(School.id).where(School.name == "金河镇中心学校")).scalar_one()
    for db in (s1, t1):  # made at both offices before natural ids: one class, two ids
        with db.transaction(user="x") as session:
            session.add(SchoolClass(id=new_id(), school_id=school, grade=3, class_no=1))
    message = _both_refuse(t1, send(s1, t1, tmp_path), "班级记录“3年级1班”", "本站点已有另一条记录")
    assert f"学校、年级、班号为“{school}、3、1”" in message


def test_a_reference_to_a_record_that_is_nowhere_is_found_by_the_preview(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    """A pupil whose 亲情监护人 (a teacher) was never sent: before, only the commit noticed."""
    s1, t1 = sites["s1"], sites["t1"]
    exchange(s1, t1, tmp_path)
    pupil = add_student(s1, "孙悦")
    with s1.engine.connect() as conn:  # a database that lost the teacher (an old bug, a manual edit)
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        conn.exec_driver_sql("UPDATE student SET guardian_teacher_id = 'f0f0' WHERE id = ?", (pupil,))
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
    edit_student(s1, pupil, note="留守")
    _both_refuse(t1, send(s1, t1, tmp_path), "学生", "孙悦", "教职工记录既不在同步包中")
