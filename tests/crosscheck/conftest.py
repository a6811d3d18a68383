"""Cross-check fixtures: the sample township database (built once per session, copied per test)
and a small township database where each test places people by hand."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.sites import school_by_name, township_by_name
from kongchuo_desktop.store.database import Database, open_database
from tests.cli.conftest import ROOT, command
from tests.crosscheck.kit import SAMPLE_TOWNSHIP, build_sample_db
from tests.helpers import build_township_site, copy_database, opened_copy


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cross-check sample loaded into a 得耳布尔镇 township site, once."""
    path = tmp_path_factory.mktemp("crosscheck") / "sample.sqlite"
    build_sample_db(path)
    return path


@pytest.fixture
def sample_path(sample_template: Path, tmp_path: Path) -> Path:
    """A private copy of the sample database file (closed)."""
    return copy_database(sample_template, tmp_path, "sample.sqlite")


@pytest.fixture
def sample_db(sample_path: Path) -> Iterator[Database]:
    """The sample database, open."""
    db = open_database(sample_path)
    yield db
    db.close()


@dataclass
class Town:
    """The small database: its township and schools (ORM rows, detached) and a township actor."""

    db: Database
    town: Any
    other_town: Any
    school: Any
    second_school: Any
    other_school: Any

    @property
    def actor(self) -> Actor:
        """A township cadre of 得耳布尔镇."""
        return Actor(user="town", display_name="乡镇干部", role=perms.TOWNSHIP, township_id=self.town.id)


@pytest.fixture(scope="session")
def town_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """得耳布尔镇 (two schools) and 金河镇 (one school), with empty registers — built once."""
    schools = ("得耳布尔镇中心学校", "得耳布尔镇第二小学")
    path = tmp_path_factory.mktemp("town") / "town.sqlite"
    return build_township_site(path, "得耳布尔镇教育办", SAMPLE_TOWNSHIP, schools, ("金河镇", "金河镇中心学校"))


@pytest.fixture
def town(town_template: Path, tmp_path: Path) -> Iterator[Town]:
    """A private copy of the small database, open, with its townships and schools."""
    with opened_copy(town_template, tmp_path, "town.sqlite") as db:
        with db.read_session() as session:
            home = township_by_name(session, SAMPLE_TOWNSHIP)
            other = township_by_name(session, "金河镇")
            rows = [school_by_name(session, n) for n in ("得耳布尔镇中心学校", "得耳布尔镇第二小学", "金河镇中心学校")]
        yield Town(db, home, other, *rows)


@pytest.fixture
def kongchuo(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the `kongchuo` command as a user would (a subprocess; see tests/cli/conftest.py)."""
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("KONGCHUO_PASSWORD", None)

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command(), *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=tmp_path,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip

    return run
