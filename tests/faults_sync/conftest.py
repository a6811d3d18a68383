"""Fixtures of the sync fault tests: the demo township and a bureau paired with it, with their
packages, made once per session and copied per run; a warm fork server for the killed CLI runs; and
tests/sync's seven paired sites (tests/sync_sites.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.store.database import Database
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
def site_files(paired_site_files: Path) -> Path:
    """tests/sync's seven paired sites (a bureau, two townships, four schools), made once
    (tests/sync_sites.py; the same files tests/sync uses)."""
    return paired_site_files


@pytest.fixture
def sites(paired_sites: dict[str, Database]) -> dict[str, Database]:
    """Fresh copies of the seven sites, opened as the app opens them."""
    return paired_sites
