"""A demo database (金河镇 site, 800 pupils, casework) built once per session and copied per test,
with the clock fixed on its day."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services import clock
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.store.database import Database, open_database

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test session."""
    path = tmp_path_factory.mktemp("dashboard") / "demo.sqlite"
    create_demo(path, students=800, seed=5, today=TODAY)
    return path


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """services.clock says TODAY."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def ddb(demo_template: Path, tmp_path: Path, fixed_today: dt.date) -> Iterator[Database]:
    """A private, open copy of the demo database."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    yield db
    db.close()
