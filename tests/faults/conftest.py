"""Fixtures for the fault tests: template databases made once per session (copied per run), a large
generated roster, and the fork server that runs the `kongchuo` commands we kill."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services.actor import DEMO_ADMIN
from tests.faults.kit import ForkServer

ROSTER_ROWS = 20_000


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo township (300 pupils, letters templates, demo accounts), closed cleanly."""
    from kongchuo_desktop.services.demo import create_demo

    path = tmp_path_factory.mktemp("faults-demo") / "demo.sqlite"
    create_demo(path, students=300, seed=3)
    return path


@pytest.fixture(scope="session")
def big_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 20,000-row roster .xlsx (about 2 s to import): long enough to be killed mid-way."""
    from tests.importing.bench_importing import generate

    path = tmp_path_factory.mktemp("faults-roster") / "roster20000.xlsx"
    generate(path, ROSTER_ROWS, seed=5)
    return path


@pytest.fixture(scope="session")
def imported_template(demo_template: Path, big_roster: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo township after importing the big roster (≈ 38 MB): the database backups copy."""
    from kongchuo_desktop.services.roster_import import apply_import, preview_import
    from kongchuo_desktop.store.database import open_database

    path = tmp_path_factory.mktemp("faults-imported") / "site.sqlite"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    try:
        summary = apply_import(db, DEMO_ADMIN, preview_import(db, DEMO_ADMIN, big_roster, "roster"), backup=False)
        assert summary.new == ROSTER_ROWS
    finally:
        db.close()
    return path


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    """One warm fork server for the whole session."""
    folder = tmp_path_factory.mktemp("faults-server")
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(folder / "data")}
    fork_server = ForkServer(folder, env)
    yield fork_server
    fork_server.close()
