"""Fixtures for casework tests: one small township database per session (copied per test), a fixed
clock in the autumn term of 2025, and actors of each role."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kongchuo_desktop.services import clock  # noqa: E402
from kongchuo_desktop.services import permissions as perms  # noqa: E402
from kongchuo_desktop.services.actor import Actor  # noqa: E402
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name  # noqa: E402
from kongchuo_desktop.services.students import create_student  # noqa: E402
from kongchuo_desktop.store.database import Database, open_database  # noqa: E402
from kongchuo_desktop.store.models import SchoolClass, Staff  # noqa: E402
from tests.helpers import make_id, opened_copy  # noqa: E402

# Monday 2025-10-13, after the 国庆 week; school days counted in the default calendar.
TODAY = dt.date(2025, 10, 13)
NOW = dt.datetime(2025, 10, 13, 16, 30)
ADMIN = Actor(user="admin", display_name="管理员")


@dataclass(frozen=True)
class World:
    """Ids of the sample records: 金河镇 with 中心学校 (pupils a, b in 3年级1班 / 4年级2班) and
    满归镇's school (pupil c); staff of 中心学校 and the township."""

    township_id: str
    other_township_id: str
    school_id: str
    other_school_id: str
    a: str
    b: str
    c: str
    teacher_id: str
    principal_id: str
    cadre_id: str
    village_id: str


def _build(path: Path) -> World:
    db = open_database(path, create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        with db.transaction(user="test") as session:
            town = township_by_name(session, "金河镇")
            assert town is not None
            other = township_by_name(session, "满归镇", create=True)
            assert other is not None
            school = school_by_name(session, "金河镇中心学校", township=town, create=True)
            other_school = school_by_name(session, "满归镇中心学校", township=other, create=True)
            assert school is not None and other_school is not None
            teacher = Staff(name="李明", role="班主任", school_id=school.id, township_id=town.id, phone="13800000001")
            principal = Staff(name="孙强", role="校长", school_id=school.id, township_id=town.id)
            cadre = Staff(name="周建国", role="乡镇干部", township_id=town.id)
            village = Staff(name="吴村长", role="村干部", township_id=town.id, village="金河村")
            session.add_all([teacher, principal, cadre, village])
            session.flush()
            session.add(SchoolClass(school_id=school.id, grade=3, class_no=1, head_teacher_id=teacher.id))
            ids = (town.id, other.id, school.id, other_school.id, teacher.id, principal.id, cadre.id, village.id)
        town_id, other_id, school_id, other_school_id, teacher_id, principal_id, cadre_id, village_id = ids

        def pupil(name: str, serial: int, school: str, grade: int, class_no: int, sex: str = "女") -> str:
            return create_student(
                db,
                ADMIN,
                {
                    "name": name,
                    "sex": sex,
                    "id_number": make_id(dt.date(2015, 3, 2), serial, male=sex == "男"),
                    "grade": grade,
                    "class_no": class_no,
                    "school_id": school,
                    "current_address": "金河镇金河村3组12号",
                },  # fmt: skip
                [
                    {
                        "name": "温大海",
                        "relation": "父亲",
                        "phone": "13912345678",
                        "away_working": True,
                        "workplace": "大连某建筑工地",
                    },
                    {"name": "王秀英", "relation": "母亲", "phone": "13912345679"},
                ],  # fmt: skip
            )

        a = pupil("温柳", 1, school_id, 3, 1)
        b = pupil("李强", 2, school_id, 4, 2, "男")
        c = pupil("赵刚", 3, other_school_id, 3, 1, "男")
        return World(town_id, other_id, school_id, other_school_id, a, b, c, teacher_id, principal_id, cadre_id,
                     village_id)  # fmt: skip
    finally:
        db.close()


@pytest.fixture(scope="session")
def case_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The sample database, built once per test session."""
    path = tmp_path_factory.mktemp("cases") / "template.sqlite"
    world = _build(path)
    return path, world


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """services.clock says 2025-10-13 16:30."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return TODAY


@pytest.fixture
def world(case_template: tuple[Path, World]) -> World:
    """Ids of the sample records."""
    return case_template[1]


@pytest.fixture
def cdb(case_template: tuple[Path, World], tmp_path: Path, fixed_clock: dt.date) -> Iterator[Database]:
    """A private, open copy of the sample database (with the clock fixed)."""
    with opened_copy(case_template[0], tmp_path) as db:
        yield db


@pytest.fixture
def actors(world: World) -> dict[str, Actor]:
    """One actor per role: township (金河镇), principal and teacher (中心学校, the teacher limited
    to 3年级1班), bureau, and one of another township."""
    return {
        "admin": ADMIN,
        "township": Actor("zhou", "周建国", perms.TOWNSHIP, township_id=world.township_id),
        "principal": Actor("sun", "孙强", perms.PRINCIPAL, township_id=world.township_id, school_id=world.school_id),
        "teacher": Actor(
            "li", "李明", perms.TEACHER, township_id=world.township_id, school_id=world.school_id, classes=((3, 1),)
        ),  # fmt: skip
        "bureau": Actor("ju", "教育局", perms.BUREAU),
        "other_township": Actor("man", "满归镇干部", perms.TOWNSHIP, township_id=world.other_township_id),
    }
