"""Fixtures of the sync tests: seven paired sites set up once per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.store.database import Database, open_database
from tests.sync.kit import SITES, build_templates


@pytest.fixture(scope="session")
def site_templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seven initialised site databases, each paired with its parent (files in one folder)."""
    return build_templates(tmp_path_factory.mktemp("sync-templates"))


@pytest.fixture
def sites(site_templates: Path, tmp_path: Path) -> Iterator[dict[str, Database]]:
    """Fresh copies of the seven sites, opened as the app opens them."""
    opened = {}
    for key in SITES:
        shutil.copyfile(site_templates / f"{key}.sqlite", tmp_path / f"{key}.sqlite")
        opened[key] = open_database(tmp_path / f"{key}.sqlite")
    yield opened
    for db in opened.values():
        db.close()
