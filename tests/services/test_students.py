"""Registering and editing students: validation, duplicates, scope and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.services import students
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.store.audit import verify_chain
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, Student
from tests.helpers import make_id, school_id

BIRTH = dt.date(2015, 3, 2)


def values(db: Database, **over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "王丽",
        "sex": "女",
        "id_number": make_id(BIRTH, 7, male=False),
        "school_id": school_id(db, "金河镇中心学校"),
        "grade": 5,
        "class_no": 2,
    }
    base.update(over)
    return base


def test_create_fills_birth_date_pinyin_and_township(township_db: Database) -> None:
    sid = students.create_student(township_db, DEMO_ADMIN, values(township_db, id_number=make_id(BIRTH, 7, male=False).lower()))
    detail = students.get_student(township_db, DEMO_ADMIN, sid)
    assert detail.values["birth_date"] == BIRTH
    assert detail.values["id_number"].endswith(make_id(BIRTH, 7, male=False)[-1].upper())
    with township_db.read_session() as session:
        row = session.get(Student, sid)
        assert (row.name_pinyin, row.name_initials) == ("wangli", "wl")
        assert row.township_id is not None and row.status == "在读"


@pytest.mark.parametrize(
    ("over", "field", "fragment"),
    [
        ({"sex": "男"}, "sex", "不一致"),
        ({"birth_date": dt.date(2015, 3, 3)}, "birth_date", "不一致"),
        ({"id_number": "150785201503021234"}, "id_number", "校验"),
        ({"id_number": "15078520150230123X"}, "id_number", "日期"),
        ({"id_number": "1507852015"}, "id_number", "18"),
        ({"name": ""}, "name", "姓名"),
        ({"grade": None}, "grade", "年级"),
        ({"student_no": "G150785201503021230"}, "student_no", ""),
    ],
)
def test_invalid_values_are_refused_and_nothing_written(
    township_db: Database, over: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as err:
        students.create_student(township_db, DEMO_ADMIN, values(township_db, **over))
    assert field in err.value.problems
    assert fragment in err.value.problems[field]
    with township_db.read_session() as session:
        assert session.query(Student).count() == 0


def test_bad_guardian_phone_is_refused(township_db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        students.create_student(
            township_db, DEMO_ADMIN, values(township_db), guardians=[{"name": "王大山", "phone": "12345"}]
        )
    assert "guardian1_phone" in err.value.problems


def test_same_person_cannot_be_registered_twice(township_db: Database) -> None:
    students.create_student(township_db, DEMO_ADMIN, values(township_db))
    with pytest.raises(ValidationError) as err:
        students.create_student(township_db, DEMO_ADMIN, values(township_db, name="王莉"))
    assert "已登记" in err.value.problems["id_number"]


def test_update_records_each_changed_field_in_audit(township_db: Database) -> None:
    sid = students.create_student(
        township_db, DEMO_ADMIN, values(township_db), guardians=[{"name": "王大山", "relation": "父亲", "phone": "13912345678"}]
    )
    changes = students.update_student(
        township_db,
        DEMO_ADMIN,
        sid,
        {"grade": 6, "name": "王俐"},
        guardians=[{"name": "王大山", "relation": "父亲", "phone": "13912345679"}],
        reason="核对户口本",
    )
    assert changes["grade"] == (5, 6)
    assert changes["guardian1_phone"] == ("13912345678", "13912345679")
    with township_db.read_session() as session:
        row = session.get(Student, sid)
        assert row.name_pinyin == "wangli"  # 俐 reads li as well
        fields = {e.field for e in session.query(AuditEntry).filter_by(entity_id=sid, action="update")}
        assert {"grade", "name", "guardian1_phone"} <= fields
        assert verify_chain(session) is None


def test_unchanged_save_writes_nothing(township_db: Database) -> None:
    sid = students.create_student(township_db, DEMO_ADMIN, values(township_db))
    with township_db.read_session() as session:
        before = session.query(AuditEntry).count()
        seq = session.get(Student, sid).change_seq
    assert students.update_student(township_db, DEMO_ADMIN, sid, values(township_db)) == {}
    with township_db.read_session() as session:
        assert session.query(AuditEntry).count() == before
        assert session.get(Student, sid).change_seq == seq


def test_scope_is_enforced_in_the_service(township_db: Database) -> None:
    own = school_id(township_db, "金河镇中心学校")
    other = school_id(township_db, "满归镇中心学校")
    teacher = Actor(user="t1", display_name="李老师", role="教师", school_id=own)
    sid = students.create_student(township_db, DEMO_ADMIN, values(township_db, school_id=other))
    with pytest.raises(PermissionDenied):
        students.get_student(township_db, teacher, sid)
    with pytest.raises(PermissionDenied):
        students.update_student(township_db, teacher, sid, {"grade": 3})
    with pytest.raises(PermissionDenied):
        students.create_student(
            township_db, teacher, values(township_db, school_id=other, id_number=make_id(BIRTH, 9))
            | {"sex": "男"}
        )


def test_delete_is_a_tombstone_with_reason(township_db: Database) -> None:
    sid = students.create_student(township_db, DEMO_ADMIN, values(township_db))
    with pytest.raises(ValidationError):
        students.delete_student(township_db, DEMO_ADMIN, sid, " ")
    students.delete_student(township_db, DEMO_ADMIN, sid, "重复录入")
    with township_db.read_session() as session:
        assert session.get(Student, sid).deleted is True
    with pytest.raises(NotFoundError):
        students.get_student(township_db, DEMO_ADMIN, sid)
