"""Letter tests: one small township database per session (schools, classes with head teachers,
pupils with guardians, village cadres and registered children), copied for each test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.models import Child, Guardian, SchoolClass, Staff, Student
from tests.helpers import opened_copy

# Class (grade, class_no) → head teacher and pupils. 髙 is missing from the Song font and 䶮
# (CJK Ext-A) from the Hei font: both must still render, each from the other font.
CENTRAL_CLASSES = {
    (1, 1): ("王晓梅", ["李欣怡", "张浩然", "刘雨桐", "陈宇轩", "髙梓萱"]),
    (3, 2): ("赵䶮", ["杨子墨", "黄诗涵", "周思远", "吴佳琪"]),
    (5, 1): ("孙丽华", [f"学生{i:02d}" for i in range(1, 41)]),
}
SECOND_CLASSES = {(2, 1): ("钱进", ["郑可馨", "冯一鸣"])}
OTHER_CLASSES = {(4, 1): ("韩梅", ["蒋小宇"])}
VILLAGES = {"兴安村": ["赵德胜"], "新华村": ["刘玉兰", "马占山"]}
CHILDREN = [("兴安村", "何小凤", "本地在校"), ("兴安村", "罗一帆", "外地就读"), ("新华村", "宋佳佳", "未入学")]


@dataclass(frozen=True)
class Sample:
    """Ids the tests use."""

    township_id: str
    other_township_id: str
    central_id: str
    second_id: str
    other_school_id: str


def _add_school(session, name: str, town, classes: dict, principal: str | None) -> str:  # type: ignore[no-untyped-def]
    school = school_by_name(session, name, township=town, create=True)
    assert school is not None
    if principal:
        session.add(Staff(name=principal, role="校长", school_id=school.id, township_id=town.id))
    serial = 0
    for (grade, class_no), (teacher, pupils) in classes.items():
        head = Staff(name=teacher, role="班主任", school_id=school.id, township_id=town.id)
        session.add(head)
        session.flush()
        session.add(SchoolClass(school_id=school.id, grade=grade, class_no=class_no, head_teacher_id=head.id))
        for pupil in pupils:
            serial += 1
            pinyin, initials = name_keys(pupil)
            student = Student(
                name=pupil, name_pinyin=pinyin, name_initials=initials, sex="女" if serial % 2 else "男",
                birth_date=dt.date(2020 - grade, 1 + serial % 12, 1 + serial % 27), school_id=school.id,
                township_id=town.id, grade=grade, class_no=class_no, student_no=f"G1507852016{serial:08d}",
                left_behind="双亲外出" if serial % 4 == 0 else "无", poverty=serial % 5 == 0,
            )  # fmt: skip
            session.add(student)
            session.flush()
            session.add(Guardian(student_id=student.id, slot=1, name=pupil[0] + "大山", relation="父亲"))
    # A pupil who left must not be on any list.
    gone = Student(name="离校生", name_pinyin="lixiaosheng", name_initials="lxs", sex="男", school_id=school.id,
                   township_id=town.id, grade=1, class_no=1, status="转出")  # fmt: skip
    session.add(gone)
    return school.id


def build_sample(path: Path) -> Sample:
    """Create the sample database at `path`."""
    db = open_database(path, create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        with db.transaction(user="test") as session:
            town = township_by_name(session, "金河镇")
            other = township_by_name(session, "满归镇", create=True)
            central = _add_school(session, "金河镇中心学校", town, CENTRAL_CLASSES, "孙建国")
            second = _add_school(session, "金河镇第二小学", town, SECOND_CLASSES, None)
            far = _add_school(session, "满归镇中心学校", other, OTHER_CLASSES, "周校长")
            for village, cadres in VILLAGES.items():
                for cadre in cadres:
                    session.add(Staff(name=cadre, role="村干部", township_id=town.id, village=village))
            for i, (village, name, situation) in enumerate(CHILDREN):
                pinyin, initials = name_keys(name)
                session.add(
                    Child(
                        name=name,
                        name_pinyin=pinyin,
                        name_initials=initials,
                        sex="女",
                        township_id=town.id,
                        birth_date=dt.date(2015, 1 + i, 10),
                        hukou_village=village,
                        situation=situation,
                    )  # fmt: skip
                )
            return Sample(town.id, other.id, central, second, far)
    finally:
        db.close()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sample]:
    """The sample database, built once per session."""
    path = tmp_path_factory.mktemp("letters-template") / "sample.sqlite"
    sample = build_sample(path)
    return path, sample


@pytest.fixture
def sample(sample_template: tuple[Path, Sample]) -> Sample:
    """Ids of the sample records."""
    return sample_template[1]


@pytest.fixture
def letters_db(sample_template: tuple[Path, Sample], tmp_path: Path) -> Iterator[Database]:
    """A private copy of the sample database, open."""
    with opened_copy(sample_template[0], tmp_path, "letters.sqlite") as db:
        yield db


@pytest.fixture
def principal(sample: Sample) -> Actor:
    """The principal of 金河镇中心学校 (a school-scoped actor)."""
    return Actor(
        user="sunjg", display_name="孙建国", role="校长", township_id=sample.township_id, school_id=sample.central_id
    )


@pytest.fixture
def township_officer(sample: Sample) -> Actor:
    """A township officer of 金河镇."""
    return Actor(user="jinhe", display_name="金河镇教育办", role="乡镇", township_id=sample.township_id)
