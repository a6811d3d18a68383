"""Fixtures of the sync fault tests: the demo township and a bureau paired with it, with their
packages, made once per session and copied per run; a warm fork server for the killed CLI runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.store.database import Database, open_database
from tests.faults_sync.kit import SyncForkServer, Templates, build_templates, cli_env


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """The paired town and bureau, the full package, the partly filled bureau and its delta package."""
    return build_templates(tmp_path_factory.mktemp("sync-faults-templates"))


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SyncForkServer]:
    """One warm fork server for the session's killed runs."""
    folder = tmp_path_factory.mktemp("sync-faults-server")
    server = SyncForkServer(folder, cli_env(folder))
    yield server
    server.close()


@pytest.fixture(scope="session")
def site_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sync's seven paired sites (a bureau, two townships, four schools), made once."""
    from tests.sync.kit import build_templates as build_sites

    return build_sites(tmp_path_factory.mktemp("sync-faults-sites"))


@pytest.fixture
def sites(site_files: Path, tmp_path: Path) -> Iterator[dict[str, Database]]:
    """Fresh copies of the seven sites, opened as the app opens them."""
    from tests.sync.kit import SITES

    opened = {}
    for key in SITES:
        shutil.copyfile(site_files / f"{key}.sqlite", tmp_path / f"{key}.sqlite")
        opened[key] = open_database(tmp_path / f"{key}.sqlite")
    yield opened
    for db in opened.values():
        db.close()
