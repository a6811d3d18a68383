"""Fixtures for the import tests: a migrated township site copied per test, the shared samples,
actors of each scope, and the sample roster rows to edit."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import school_by_name, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from tests.cli.conftest import kongchuo  # noqa: F401  (the `kongchuo` fixture: run the command as a user would)
from tests.helpers import copy_database, make_id

TODAY = dt.date(2026, 9, 1)


def _samples() -> Path:
    env = os.environ.get("KONGCHUO_SAMPLES")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture
def samples_dir() -> Path:
    folder = _samples()
    if not (folder / "roster_sample.xlsx").exists():
        pytest.skip(f"sample files not found in {folder} (set KONGCHUO_SAMPLES)")
    return folder


@pytest.fixture
def db_path(township_template: Path, tmp_path: Path) -> Path:
    """A private copy of the site database file: the township site 金河镇 with 金河镇中心学校 and
    金河镇第二小学, and 满归镇中心学校 in 满归镇 (tests/conftest.py's township_db template)."""
    return copy_database(township_template, tmp_path)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


def _ids(db: Database) -> dict[str, str]:
    with db.read_session() as session:
        out = {}
        for name in ("金河镇", "满归镇"):
            town = township_by_name(session, name)
            assert town is not None
            out[name] = town.id
        for name in ("金河镇中心学校", "金河镇第二小学", "满归镇中心学校"):
            school = school_by_name(session, name)
            assert school is not None
            out[name] = school.id
        return out


@pytest.fixture
def place_ids(db: Database) -> dict[str, str]:
    """Ids of the site's townships and schools, by name."""
    return _ids(db)


@pytest.fixture
def admin() -> Actor:
    return Actor(user="admin", display_name="王管理", role=perms.ADMIN)


@pytest.fixture
def township_actor(place_ids: dict[str, str]) -> Actor:
    return Actor(user="jinhe", display_name="金河镇干部", role=perms.TOWNSHIP, township_id=place_ids["金河镇"])


@pytest.fixture
def principal(place_ids: dict[str, str]) -> Actor:
    return Actor(user="principal", display_name="校长", role=perms.PRINCIPAL, school_id=place_ids["金河镇中心学校"])


@pytest.fixture
def teacher(place_ids: dict[str, str]) -> Actor:
    return Actor(user="teacher", display_name="老师", role=perms.TEACHER, school_id=place_ids["金河镇中心学校"])


def roster_row(i: int, school: str = "金河镇中心学校", *, grade: str = "三年级", klass: str = "2班") -> list[object]:
    """A valid row for tests.imports.support.ROSTER_HEADER."""
    birth = dt.date(2016, 1, 1) + dt.timedelta(days=i * 11)
    male = i % 2 == 0
    number = make_id(birth, 100 + i, male=male)
    return [i, school, grade, klass, f"学生{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'一二三四五六七八九十'[i // 10 % 10]}",
            "男" if male else "女", birth.isoformat(), "汉族", number, "G" + number, f"家长{i}", f"1390000{i:04d}", "否"]  # fmt: skip
