"""Fixtures for the import tests: a migrated township site copied per test, the shared samples,
actors of each scope, and the sample roster rows to edit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from tests.helpers import make_id

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


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A township site 金河镇 with 金河镇中心学校 and 金河镇第二小学, and 满归镇中心学校 in 满归镇."""
    path = tmp_path_factory.mktemp("imports-template") / "site.sqlite"
    db = open_database(path, create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        with db.transaction(user="test") as session:
            town = township_by_name(session, "金河镇")
            other = township_by_name(session, "满归镇", create=True)
            school_by_name(session, "金河镇中心学校", township=town, create=True)
            school_by_name(session, "金河镇第二小学", township=town, create=True)
            school_by_name(session, "满归镇中心学校", township=other, create=True)
    finally:
        db.close()
    return path


@pytest.fixture
def db_path(site_template: Path, tmp_path: Path) -> Path:
    """A private copy of the site database file."""
    path = tmp_path / "site.sqlite"
    shutil.copyfile(site_template, path)
    return path


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


def _command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m kongchuo_desktop`."""
    import shutil
    import sys

    script = Path(sys.executable).with_name("kongchuo")
    if script.exists():
        return [str(script)]
    found = shutil.which("kongchuo")
    return [found] if found else [sys.executable, "-m", "kongchuo_desktop"]


@pytest.fixture
def kongchuo(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `kongchuo ARGS…` as a user would: a subprocess; returns the CompletedProcess."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(root)}

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_command(), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
        )

    return run
