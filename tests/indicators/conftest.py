"""A small hand-computed world for the indicators: 金河镇 (九年一贯制 school A, 小学 B) and 满归镇 (初中 C),
a dozen pupils with dated 学籍异动 in the 2025-2026 school year, and 金河镇's children register.

The expected values in the tests are worked out by hand from the table in `PUPILS` / `CHILDREN`
(see the comments there); the period is 2025-2026 as of 2026-06-30.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import init_site, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.models import Child, School, StatusChange, Student

TODAY = dt.date(2026, 6, 30)
YEAR = 2025
D = dt.date

# key: (school, grade as stored, status now, 入学日期, [(kind, day, before, after)])
PUPILS = {
    "a1": ("A", 3, "在读", D(2023, 9, 1), []),
    "a2": ("A", 4, "休学", D(2022, 9, 1), [("休学", D(2025, 10, 10), "在读", "休学")]),
    "a3": ("A", 5, "辍学", D(2021, 9, 1), [("辍学", D(2025, 11, 3), "在读", "辍学")]),
    "a4": ("A", 5, "在读", D(2021, 9, 1), [("辍学", D(2025, 10, 8), "在读", "辍学"), ("复学", D(2025, 12, 1), "辍学", "在读")]),
    "a5": ("A", 8, "转出", D(2018, 9, 1), [("转出", D(2026, 3, 1), "在读", "转出")]),
    "a6": ("A", 7, "在读", D(2026, 2, 20), [("转入", D(2026, 2, 20), None, "在读")]),
    "a7": ("A", 6, "死亡", D(2020, 9, 1), [("死亡", D(2026, 1, 15), "在读", "死亡")]),
    "a8": ("A", 9, "在读", D(2017, 9, 1), []),
    "b1": ("B", 1, "在读", D(2025, 9, 1), []),
    "b2": ("B", 2, "在读", D(2024, 9, 1), []),
    "b3": ("B", 6, "辍学", D(2020, 9, 1), [("辍学", D(2024, 12, 1), "在读", "辍学")]),  # gone before the year
    "c1": ("C", 8, "在读", D(2024, 9, 1), []),
    "c2": ("C", 9, "辍学", D(2023, 9, 1), [("辍学", D(2026, 4, 1), "在读", "辍学")]),
}  # fmt: skip

# key: (birth, situation, linked pupil)
CHILDREN = {
    "k1": (D(2017, 5, 1), "本地在校", "a1"),  # on roll → enrolled
    "k2": (D(2015, 3, 1), "本地在校", "a3"),  # the 学籍 says 辍学 → not enrolled
    "k3": (D(2016, 1, 1), "外地就读", None),  # enrolled (or left out: elsewhere_enrolled=False)
    "k4": (D(2018, 2, 1), "未入学", None),  # not enrolled
    "k5": (D(2019, 3, 1), "缓学", None),  # left out (or not enrolled: deferred_excluded=False)
    "k6": (D(2012, 6, 1), "迁出", None),  # always left out
    "k7": (D(2010, 3, 1), "本地在校", "a8"),  # 15: only in the 6-15 window; enrolled
    "k8": (D(2014, 9, 15), "随班就读", None),  # enrolled
}


@dataclass(frozen=True)
class World:
    """Ids: townships (jinhe, mangui), schools (A, B, C) and pupils/children by key."""

    jinhe: str
    mangui: str
    schools: dict[str, str]
    pupils: dict[str, str]
    children: dict[str, str]


def _build(path: Path) -> World:
    db = open_database(path, create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        with db.transaction(user="test") as session:
            jinhe = township_by_name(session, "金河镇", create=True)
            mangui = township_by_name(session, "满归镇", create=True)
            assert jinhe is not None and mangui is not None
            schools = {
                "A": School(name="金河镇中心学校", township_id=jinhe.id, kind="九年一贯制"),
                "B": School(name="金河镇第二小学", township_id=jinhe.id, kind="小学"),
                "C": School(name="满归镇中学", township_id=mangui.id, kind="初中"),
            }
            session.add_all(schools.values())
            session.flush()
            pupils: dict[str, Student] = {}
            for n, (key, (school, grade, status, enrolled, changes)) in enumerate(PUPILS.items()):
                row = schools[school]
                pupil = Student(name=f"学生{key}", sex="男" if n % 2 else "女", school_id=row.id,
                                township_id=row.township_id, grade=grade, class_no=1, status=status,
                                enrolled_on=enrolled)  # fmt: skip
                session.add(pupil)
                session.flush()
                pupils[key] = pupil
                for kind, day, before, after in changes:
                    session.add(StatusChange(student_id=pupil.id, kind=kind, changed_on=day, status_before=before,
                                             status_after=after, reason="测试"))  # fmt: skip
            children = {}
            for key, (birth, situation, linked) in CHILDREN.items():
                child = Child(name=f"儿童{key}", birth_date=birth, situation=situation, township_id=jinhe.id,
                              student_id=pupils[linked].id if linked else None)  # fmt: skip
                session.add(child)
                session.flush()
                children[key] = child.id
            return World(jinhe.id, mangui.id, {k: s.id for k, s in schools.items()},
                         {k: p.id for k, p in pupils.items()}, children)  # fmt: skip
    finally:
        db.close()


@pytest.fixture(scope="session")
def indicator_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The sample database, built once per test session."""
    path = tmp_path_factory.mktemp("indicators") / "template.sqlite"
    return path, _build(path)


@pytest.fixture
def world(indicator_template: tuple[Path, World]) -> World:
    """Ids of the sample records."""
    return indicator_template[1]


@pytest.fixture
def idb(indicator_template: tuple[Path, World], tmp_path: Path) -> Iterator[Database]:
    """A private, open copy of the sample database."""
    path = tmp_path / "site.sqlite"
    shutil.copyfile(indicator_template[0], path)
    db = open_database(path)
    yield db
    db.close()


@pytest.fixture
def actors(world: World) -> dict[str, Actor]:
    """Actors of each role: admin (whole site), bureau, 金河镇 and 满归镇 townships, the principal
    and a teacher of school A."""
    a = world.schools["A"]
    return {
        "admin": Actor("admin", "管理员"),
        "bureau": Actor("ju", "教育局", perms.BUREAU),
        "township": Actor("zhou", "周建国", perms.TOWNSHIP, township_id=world.jinhe),
        "other_township": Actor("man", "满归镇", perms.TOWNSHIP, township_id=world.mangui),
        "principal": Actor("sun", "孙强", perms.PRINCIPAL, township_id=world.jinhe, school_id=a),
        "teacher": Actor("li", "李明", perms.TEACHER, township_id=world.jinhe, school_id=a),
    }
