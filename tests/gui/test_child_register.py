"""services.child_register and services.lookups without any Qt: scope, search, paging, dropdown lists."""

from __future__ import annotations

import pytest

from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import DEMO_ADMIN, Actor
from kongchuo_desktop.services.child_register import ChildFilter, ChildRegister, get_child
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied


def names(db, actor, flt=ChildFilter(), **kw) -> list[str]:  # noqa: B008
    with db.read_session() as session:
        return [r.name for r in ChildRegister(session, actor).page(flt, **kw)]


def test_search_text_matches_name_pinyin_and_id(db):
    assert "钱小宝" in names(db, DEMO_ADMIN, ChildFilter(text="qxb"))
    assert "钱小宝" in names(db, DEMO_ADMIN, ChildFilter(text="qianxiao"))
    assert set(names(db, DEMO_ADMIN, ChildFilter(text="钱小"))) >= {"钱小宝", "钱小贝"}
    assert names(db, DEMO_ADMIN, ChildFilter(text="G123")) == []  # no 学籍号 on children
    with db.read_session() as session:
        register = ChildRegister(session, DEMO_ADMIN)
        some = register.page(ChildFilter(text="qxb"))[0]
        assert [r.id for r in register.page(ChildFilter(text=some.id_number[:16]))] == [some.id]


def test_count_paging_and_sorting(db):
    with db.read_session() as session:
        register = ChildRegister(session, DEMO_ADMIN)
        total = register.count(ChildFilter())
        first = register.page(ChildFilter(), offset=0, limit=3)
        rest = register.page(ChildFilter(), offset=3, limit=total)
        births = [r.birth_date for r in register.page(ChildFilter(), "birth_date", True)]
    assert len(first) == 3 and len(first) + len(rest) == total
    assert not {r.id for r in first} & {r.id for r in rest}
    assert births == sorted(births, reverse=True)


def test_township_scope(db, known):
    township_actor = Actor(user="t", display_name="乡镇", role="乡镇", township_id=known.township_id)
    scoped = names(db, township_actor)
    assert "钱小宝" in scoped and "蒋丹" not in scoped


def test_school_scope_sees_its_pupils_only(db, known):
    school_actor = Actor(
        user="s", display_name="校长", role="校长", township_id=known.township_id, school_id=known.school_id
    )
    assert names(db, school_actor) == ["温柳"]
    child_id = _child_id(db, "钱小宝")
    with pytest.raises(PermissionDenied):
        get_child(db, school_actor, child_id)


def test_class_scope_and_role(db, known):
    teacher = Actor(user="t", display_name="班主任", role="教师", school_id=known.school_id, classes=((4, 2),))
    assert names(db, teacher) == ["温柳"]
    other_class = Actor(user="t", display_name="班主任", role="教师", school_id=known.school_id, classes=((1, 1),))
    assert names(db, other_class) == []
    with pytest.raises(PermissionDenied), db.read_session() as session:
        ChildRegister(session, Actor(user="x", display_name="无", role="访客"))


def test_get_child(db, known):
    detail = get_child(db, DEMO_ADMIN, _child_id(db, "温柳"))
    assert detail.values["name"] == "温柳"
    assert detail.student == f"{known.school_name} 四年级 在读"
    with pytest.raises(NotFoundError):
        get_child(db, DEMO_ADMIN, "0" * 32)


def test_lookups(db, known):
    townships = lookups.townships(db)
    assert {"金河镇", "阿龙山镇"} <= {t.name for t in townships}
    in_town = lookups.schools(db, township_id=known.township_id)
    assert known.school_id in {s.id for s in in_town}
    assert known.other_school_id not in {s.id for s in in_town}
    school_actor = Actor(user="s", display_name="校长", school_id=known.school_id)
    assert [s.id for s in lookups.schools(db, school_actor)] == [known.school_id]
    assert [t.name for t in lookups.teachers(db, known.school_id)] == ["李明", "孙强", "赵红"]  # pinyin order
    assert lookups.teachers(db, None) == []
    assert lookups.school_names(db)[known.school_id] == known.school_name


def _child_id(db, name: str) -> str:
    with db.read_session() as session:
        return next(r.id for r in ChildRegister(session, DEMO_ADMIN).page(ChildFilter(text=name)) if r.name == name)
