"""Site databases for the sync test folders (tests/sync, tests/sync_gui, tests/faults_sync): made once
per session, copied and opened fresh for each test. tests/conftest.py loads this module as a plugin, so
the seven paired sites are built once however many folders use them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path

import pytest

from kongchuo_desktop.store.database import Database
from tests.helpers import checkpoint, opened_copy

SiteSpec = tuple[str, str, str | None, str | None]
"""A site as `kongchuo init` takes it: name, kind (school/township/bureau), township, school."""


def init_sites(folder: Path, specs: Mapping[str, SiteSpec]) -> Path:
    """`folder/KEY.sqlite` for every site, initialised as `kongchuo init` does (not paired),
    checkpointed and closed; returns the folder."""
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database

    for key, (name, kind, town, school) in specs.items():
        db = open_database(folder / f"{key}.sqlite", create=True)
        try:
            init_site(db, name, kind, township=town, school=school)
            checkpoint(db)
        finally:
            db.close()
    return folder


def open_copies(templates: Path, keys: Iterable[str], folder: Path) -> Iterator[dict[str, Database]]:
    """Fresh copies of `templates/KEY.sqlite` in `folder`, opened as the app opens them and closed
    when the generator resumes (in a fixture: `yield from open_copies(...)`)."""
    with ExitStack() as stack:
        opened = {}
        for key in keys:
            name = f"{key}.sqlite"
            opened[key] = stack.enter_context(opened_copy(templates / name, folder, name))
        yield opened


@pytest.fixture(scope="session")
def paired_site_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/sync's seven sites (a bureau, two townships, four schools), each paired with its
    parent; files in one folder, made once per session (copy them, never open them in place)."""
    from tests.sync.kit import build_templates

    return build_templates(tmp_path_factory.mktemp("sync-sites"))


@pytest.fixture
def paired_sites(paired_site_files: Path, tmp_path: Path) -> Iterator[dict[str, Database]]:
    """Fresh copies of the seven paired sites, opened as the app opens them (keys: tests.sync.kit.SITES)."""
    from tests.sync.kit import SITES

    yield from open_copies(paired_site_files, SITES, tmp_path)
