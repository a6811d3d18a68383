"""Fixtures for the fault tests: template databases made once per session (copied per run), a large
generated roster, and the fork server that runs the `kongchuo` commands we kill."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services.actor import DEMO_ADMIN
from tests.faults.kit import ForkServer
from tests.helpers import opened_copy

ROSTER_ROWS = 20_000


@pytest.fixture(scope="session")
def demo_template(demo_databases: Callable[..., Path]) -> Path:
    """A small demo township (300 pupils, letters templates, demo accounts), closed cleanly."""
    return demo_databases(students=300, seed=3)


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

    folder = tmp_path_factory.mktemp("faults-imported")
    with opened_copy(demo_template, folder) as db:
        summary = apply_import(db, DEMO_ADMIN, preview_import(db, DEMO_ADMIN, big_roster, "roster"), backup=False)
        assert summary.new == ROSTER_ROWS
    return folder / "site.sqlite"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    """One warm fork server for the whole session."""
    folder = tmp_path_factory.mktemp("faults-server")
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(folder / "data")}
    fork_server = ForkServer(folder, env)
    yield fork_server
    fork_server.close()
