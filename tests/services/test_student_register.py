"""The register query: search by name, pinyin, initials, ID and 学籍号; filters; sorts; paging; scope."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.services import students
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.student_register import StudentFilter, StudentRegister
from kongchuo_desktop.store.database import Database
from tests.helpers import make_id, school_id

PEOPLE = [
    # name, sex, birth, school, grade, extra
    ("王丽", "女", dt.date(2015, 3, 2), "金河镇中心学校", 5, {"migrant": True}),
    ("汪磊", "男", dt.date(2014, 5, 9), "金河镇中心学校", 6, {"left_behind": "双亲外出"}),
    ("李娜", "女", dt.date(2016, 1, 20), "金河镇第二小学", 4, {}),
    ("张伟", "男", dt.date(2012, 7, 7), "满归镇中心学校", 8, {"poverty": True}),
    ("陈晨", "女", dt.date(2013, 9, 1), "金河镇第二小学", 7, {"orphan": True, "disability_type": "肢体"}),
]


@pytest.fixture
def filled(township_db: Database) -> Database:
    for serial, (name, sex, birth, school, grade, extra) in enumerate(PEOPLE, start=1):
        idn = make_id(birth, serial, male=sex == "男")
        students.create_student(
            township_db,
            DEMO_ADMIN,
            {"name": name, "sex": sex, "id_number": idn, "student_no": "G" + idn, "school_id": school_id(township_db, school), "grade": grade, **extra},
        )
    return township_db


def names(db: Database, actor: Actor = DEMO_ADMIN, **kw: object) -> list[str]:
    sort = kw.pop("sort", "name")
    desc = bool(kw.pop("descending", False))
    with db.read_session() as session:
        reg = StudentRegister(session, actor)
        flt = StudentFilter(**kw)  # type: ignore[arg-type]
        rows = reg.page(flt, sort=str(sort), descending=desc)
        assert reg.count(flt) == len(rows)
        return [r.name for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wl", ["王丽", "汪磊"]),
        ("WL", ["王丽", "汪磊"]),
        ("wangli", ["王丽"]),
        ("wang", ["王丽", "汪磊"]),
        ("wanglei", ["汪磊"]),
        ("w", ["汪磊", "王丽"]),
        ("王", ["王丽"]),
        ("李娜", ["李娜"]),
        ("ｚｗ", ["张伟"]),
        ("20120707", []),
        ("150785201207", ["张伟"]),
        ("G150785201601", ["李娜"]),
        ("xyz", []),
        ("", ["陈晨", "李娜", "汪磊", "王丽", "张伟"]),
    ],
)
def test_search(filled: Database, text: str, expected: list[str]) -> None:
    assert sorted(names(filled, text=text)) == sorted(expected)


def test_sort_by_name_is_pinyin_order(filled: Database) -> None:
    assert names(filled) == ["陈晨", "李娜", "汪磊", "王丽", "张伟"]
    assert names(filled, descending=True) == ["张伟", "王丽", "汪磊", "李娜", "陈晨"]


def test_sort_by_school_groups_schools_in_name_order(filled: Database) -> None:
    rows = names(filled, sort="school")
    # 金河镇第二小学 (jinhezhendi…) < 金河镇中心学校 (jinhezhenzhong…) < 满归镇中心学校 (man…)
    assert rows == ["陈晨", "李娜", "汪磊", "王丽", "张伟"]
    with filled.read_session() as session:
        reg = StudentRegister(session, DEMO_ADMIN)
        # paging across segment boundaries returns the same sequence as one big page
        whole = [r.name for r in reg.page(StudentFilter(), sort="school")]
        pieces = [r.name for off in range(0, 5, 2) for r in reg.page(StudentFilter(), sort="school", offset=off, limit=2)]
        assert pieces == whole
        desc = [r.name for r in reg.page(StudentFilter(), sort="school", descending=True)]
        assert desc == whole[::-1]


def test_sort_by_grade_and_birth_date(filled: Database) -> None:
    assert names(filled, sort="grade") == ["李娜", "王丽", "汪磊", "陈晨", "张伟"]
    assert names(filled, sort="birth_date") == ["张伟", "陈晨", "汪磊", "王丽", "李娜"]


def test_filters(filled: Database) -> None:
    assert names(filled, school_id=school_id(filled, "金河镇第二小学")) == ["陈晨", "李娜"]
    assert names(filled, grade=5) == ["王丽"]
    assert names(filled, groups=frozenset({"migrant"})) == ["王丽"]
    assert names(filled, groups=frozenset({"left_behind"})) == ["汪磊"]
    assert names(filled, groups=frozenset({"orphan", "disability_type"})) == ["陈晨"]
    assert names(filled, status="休学") == []
    assert names(filled, text="w", school_id=school_id(filled, "金河镇中心学校")) == ["汪磊", "王丽"]


def test_scope_limits_what_a_school_actor_sees(filled: Database) -> None:
    teacher = Actor("t", "老师", "教师", school_id=school_id(filled, "金河镇第二小学"))
    assert names(filled, teacher) == ["陈晨", "李娜"]
    assert names(filled, teacher, text="zw") == []


def test_deleted_students_disappear(filled: Database) -> None:
    with filled.read_session() as session:
        sid = StudentRegister(session, DEMO_ADMIN).page(StudentFilter(text="王丽"))[0].id
    students.delete_student(filled, DEMO_ADMIN, sid, "重复录入")
    assert "王丽" not in names(filled)


def test_merged_and_walked_plans_return_the_same_pages(township_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever plan a search takes (index union, per-branch merge, sort-index walk), pages agree
    with a reference computed in Python."""
    import random

    from kongchuo_desktop.domain.pinyin import name_keys
    from kongchuo_desktop.services import student_register

    rng = random.Random(5)
    surnames, given = "王汪万魏吴李", "丽磊安伟娜文"
    school = school_id(township_db, "金河镇中心学校")
    people = []
    for serial in range(60):
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(["", *given])
        birth = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(1500))
        idn = make_id(birth, serial, male=True)
        sid = students.create_student(
            township_db, DEMO_ADMIN,
            {"name": name, "sex": "男", "id_number": idn, "student_no": "G" + idn, "school_id": school, "grade": 3},
        )  # fmt: skip
        people.append((sid, name, idn))

    def reference(text: str) -> list[str]:
        hits = []
        for sid, name, idn in people:
            full, initials = name_keys(name)
            t = text.lower()
            if (
                name.startswith(text)
                or full.startswith(t)
                or (len(t) > 1 and initials.startswith(t))
                or idn.startswith(text.upper())
                or ("G" + idn).startswith(text.upper())
            ):
                hits.append((full, sid))
        return [sid for _full, sid in sorted(hits)]

    for large in (1, 10**9):
        monkeypatch.setattr(student_register, "LARGE_BRANCH", large)
        with township_db.read_session() as session:
            reg = StudentRegister(session, DEMO_ADMIN)
            for text in ["w", "wa", "wan", "wl", "王", "1507", "15078520", "G1507", "x"]:
                want = reference(text)
                flt = StudentFilter(text=text)
                assert reg.count(flt) == len(want), text
                got = [r.id for off in range(0, len(want) + 7, 7) for r in reg.page(flt, offset=off, limit=7)]
                assert got == want, (text, large)
                desc = [r.id for r in reg.page(flt, descending=True, limit=1000)]
                assert desc == want[::-1], (text, large)
