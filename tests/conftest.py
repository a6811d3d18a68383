"""Shared test setup: offscreen Qt, a private data folder, and small site databases."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KONGCHUO_DATA_DIR", tempfile.mkdtemp(prefix="kongchuo-test-data-"))

import gc  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name  # noqa: E402
from kongchuo_desktop.store.database import Database, open_database  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    # As in the app (gui/gc_policy.py): no automatic collection, which could run in a worker
    # thread and destroy Qt objects of the GUI thread; tests collect on the main thread instead.
    gc.disable()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    from kongchuo_desktop.gui.gc_policy import collect_if_due

    collect_if_due()


@pytest.fixture
def township_db(tmp_path: Path) -> Iterator[Database]:
    """A new township site (金河镇) with two schools of its own and one in another township."""
    db = open_database(tmp_path / "site.sqlite", create=True)
    init_site(db, "金河镇教育办", "township", township="金河镇")
    with db.transaction(user="test") as session:
        town = township_by_name(session, "金河镇")
        other = township_by_name(session, "满归镇", create=True)
        school_by_name(session, "金河镇中心学校", township=town, create=True)
        school_by_name(session, "金河镇第二小学", township=town, create=True)
        school_by_name(session, "满归镇中心学校", township=other, create=True)
    yield db
    db.close()

