"""Shared test setup: offscreen Qt, a private data folder, small site databases and demo databases
(templates made once per session, copied per test)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KONGCHUO_DATA_DIR", tempfile.mkdtemp(prefix="kongchuo-test-data-"))

import gc  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.helpers import build_township_site, opened_copy  # noqa: E402

# Fixtures shared by several folders: the sync folders' site databases.
pytest_plugins = ("tests.sync_sites",)


def pytest_configure(config: pytest.Config) -> None:
    # As in the app (gui/gc_policy.py): no automatic collection, which could run in a worker
    # thread and destroy Qt objects of the GUI thread; tests collect on the main thread instead.
    gc.disable()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    from kongchuo_desktop.gui.gc_policy import collect_if_due

    collect_if_due()


@pytest.fixture(scope="session")
def demo_databases(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """demo_databases(students=…, seed=…, today=…, cases=…): a demo database file made by
    services.demo.create_demo with these arguments, once per session (folders asking for the same
    arguments share it). Copy it (tests.helpers.opened_copy / copy_database), never open it in place."""
    made: dict[tuple[tuple[str, object], ...], Path] = {}

    def get(**options: object) -> Path:
        key = tuple(sorted(options.items()))
        if key not in made:
            from kongchuo_desktop.services.demo import create_demo

            path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
            create_demo(path, **options)  # type: ignore[arg-type]
            made[key] = path
        return made[key]

    return get


@pytest.fixture(scope="session")
def township_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The township_db database, built once per session (copy it, never open it in place)."""
    return build_township_site(tmp_path_factory.mktemp("township") / "site.sqlite")


@pytest.fixture
def township_db(township_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A new township site (金河镇) with two schools of its own and one in another township."""
    with opened_copy(township_template, tmp_path) as db:
        yield db


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, str | None]]:
    """The scopes services.indicators.load read, in order (every computation of the indicators or
    the dashboard reads once; tests/indicators and tests/dashboard count them)."""
    from kongchuo_desktop.services import indicators as si

    seen: list[tuple[str | None, str | None]] = []
    real = si.load

    def counting(session, township_id, school_id):  # type: ignore[no-untyped-def]
        seen.append((township_id, school_id))
        return real(session, township_id, school_id)

    monkeypatch.setattr(si, "load", counting)
    return seen
