"""GUI test fixtures: one sample site database per session, copied for each test."""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kongchuo_desktop.domain.id_number import check_char  # noqa: E402
from kongchuo_desktop.domain.pinyin import name_keys  # noqa: E402
from kongchuo_desktop.services import lookups  # noqa: E402
from kongchuo_desktop.services.actor import DEMO_ADMIN  # noqa: E402
from kongchuo_desktop.services.sites import school_by_name, site_info, township_by_name  # noqa: E402
from kongchuo_desktop.services.students import create_student  # noqa: E402
from kongchuo_desktop.store.database import Database, open_database  # noqa: E402
from kongchuo_desktop.store.models import Child, Staff  # noqa: E402
from tests.helpers import copy_database, opened_copy  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英"]


def make_id(birth: dt.date, seq: int, male: bool, area: str = "150785") -> str:
    """A valid 18-character ID number for the given birth date and sex."""
    sex_digit = (seq % 5) * 2 + (1 if male else 0)
    first17 = f"{area}{birth:%Y%m%d}{seq % 100:02d}{sex_digit}"
    return first17 + check_char(first17)


@dataclass(frozen=True)
class Known:
    """Records every test can rely on, whatever else the sample database holds."""

    student_id: str
    student_name: str
    student_id_number: str
    school_id: str
    school_name: str
    other_school_id: str
    township_id: str


def _add_known(db: Database) -> None:
    rng = random.Random(11)
    with db.transaction(user="test") as session:
        jinhe = township_by_name(session, "金河镇", create=True)
        alongshan = township_by_name(session, "阿龙山镇", create=True)
        school = school_by_name(session, "金河镇测试小学", township=jinhe, create=True)
        other = school_by_name(session, "阿龙山镇测试学校", township=alongshan, create=True)
        for name, role in (("李明", "班主任"), ("赵红", "教师"), ("孙强", "校长")):
            session.add(Staff(name=name, role=role, school_id=school.id, township_id=jinhe.id))
        ids = (jinhe.id, alongshan.id, school.id, other.id)
    jinhe_id, alongshan_id, school_id, other_id = ids
    seq = 0
    for i in range(40):
        seq += 1
        male = i % 2 == 0
        birth = dt.date(2012 + i % 7, 1 + i % 12, 1 + i % 27)
        name = SURNAMES[i % len(SURNAMES)] + rng.choice(GIVEN)
        values = {
            "name": name, "sex": "男" if male else "女", "id_type": "居民身份证",
            "id_number": make_id(birth, seq, male), "birth_date": birth,
            "school_id": school_id if i % 3 else other_id, "grade": 1 + i % 9, "class_no": 1 + i % 3,
            "left_behind": "双亲外出" if i % 5 == 0 else "无", "poverty": i % 4 == 0, "boarding": i % 6 == 0,
        }  # fmt: skip
        create_student(db, DEMO_ADMIN, values)
    seq += 1
    birth = dt.date(2015, 3, 14)
    wenliu = create_student(
        db,
        DEMO_ADMIN,
        {
            "name": "温柳",
            "sex": "女",
            "id_type": "居民身份证",
            "id_number": make_id(birth, 77, False),
            "birth_date": birth,
            "school_id": school_id,
            "grade": 4,
            "class_no": 2,
            "left_behind": "单亲外出",
            "migrant": True,
        },  # fmt: skip
        [{"name": "温大海", "relation": "父亲", "phone": "13912345678", "away_working": True}],
    )
    with db.transaction(user="test") as session:
        for j, (name, situation, extra) in enumerate(
            [
                ("钱小宝", "外地就读", {"elsewhere_school": "海拉尔区第一小学"}),
                ("钱小贝", "未入学", {}),
                ("冯乐乐", "缓学", {"approving_body": "根河市教育局", "period_start": dt.date(2024, 9, 1)}),
                ("褚一鸣", "本地在校", {}),
                ("卫小雨", "本地在校", {}),
                ("蒋丹", "送教上门", {}),
                ("温柳", "本地在校", {"student_id": wenliu}),
            ]
        ):
            birth = dt.date(2013 + j, 5, 1 + j)
            pinyin, initials = name_keys(name)
            session.add(
                Child(
                    name=name,
                    name_pinyin=pinyin,
                    name_initials=initials,
                    sex="男" if j % 2 else "女",
                    birth_date=birth,
                    id_number=make_id(birth, 50 + j, bool(j % 2)),
                    township_id=jinhe_id if j != 5 else alongshan_id,
                    hukou_village=f"第{j + 1}村",
                    situation=situation,
                    **extra,
                )  # fmt: skip
            )


@pytest.fixture(scope="session")
def template_db(demo_databases: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database (a demo township of 300 pupils and the Known records), built once per test session."""
    folder = tmp_path_factory.mktemp("template")
    with opened_copy(demo_databases(students=300, seed=7), folder, "sample.sqlite") as db:
        _add_known(db)
    return folder / "sample.sqlite"


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample database file."""
    return copy_database(template_db, tmp_path)


@pytest.fixture
def db(db_path: Path):
    """The copied sample database, open."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def known(db: Database) -> Known:
    """Ids and names of the records the sample always holds."""
    from sqlalchemy import select

    from kongchuo_desktop.store.models import Student

    schools = {s.name: s for s in lookups.schools(db)}
    school = schools["金河镇测试小学"]
    other = schools["阿龙山镇测试学校"]
    with db.read_session() as session:
        student = session.execute(select(Student).where(Student.name == "温柳")).scalar_one()
        return Known(student.id, student.name, student.id_number, school.id, school.name, other.id, school.township_id)


@pytest.fixture
def id_for():
    """make_id(birth, seq, male): valid ID numbers for new test people."""
    return make_id


@pytest.fixture
def site(db: Database):
    """The sample site."""
    return site_info(db)


@pytest.fixture
def window(qtbot, db, site):
    """The main window on the sample database, shown at the size of an old laptop's screen."""
    from kongchuo_desktop.gui.main_window import MainWindow

    win = MainWindow(db, site, DEMO_ADMIN, demo=True)
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    return win


@pytest.fixture
def page(window):
    """The 学生台账 page of the main window."""
    return window.register_page


@pytest.fixture
def settle(qtbot):
    """settle(model): wait until a table model's background count has arrived; returns the model."""

    def wait(model):
        qtbot.waitUntil(lambda: not model.counting)
        return model

    return wait
