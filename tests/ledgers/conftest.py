"""Ledger fixtures: a demo township database and the cross-check sample, each built once per
session and copied for every test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.store.database import Database, open_database
from tests.crosscheck.kit import build_sample_db
from tests.helpers import copy_database, opened_copy

TODAY = dt.date(2026, 10, 15)
SCHOOL_YEAR = "2026-2027"


@pytest.fixture(scope="session")
def demo_template(demo_databases: Callable[..., Path]) -> Path:
    """A demo database (金河镇 township site, 600 pupils of every kind), once."""
    return demo_databases(students=600, seed=5, today=TODAY)


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database file (closed)."""
    return copy_database(demo_template, tmp_path, "demo.sqlite")


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    """The demo database, open."""
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def ledger_sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cross-check sample (得耳布尔镇), once."""
    path = tmp_path_factory.mktemp("ledgers-sample") / "sample.sqlite"
    build_sample_db(path)
    return path


@pytest.fixture
def sample_db(ledger_sample_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the sample database, open."""
    with opened_copy(ledger_sample_template, tmp_path, "sample.sqlite") as db:
        yield db
