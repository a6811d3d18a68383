"""A demo database (金河镇 site, 800 pupils, casework) built once per session and copied per test,
with the clock fixed on its day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services import clock
from kongchuo_desktop.store.database import Database
from tests.helpers import opened_copy

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(scope="session")
def demo_template(demo_databases: Callable[..., Path]) -> Path:
    """The demo database, built once per test session."""
    return demo_databases(students=800, seed=5, today=TODAY)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """services.clock says TODAY."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def ddb(demo_template: Path, tmp_path: Path, fixed_today: dt.date) -> Iterator[Database]:
    """A private, open copy of the demo database."""
    with opened_copy(demo_template, tmp_path, "demo.sqlite") as db:
        yield db
