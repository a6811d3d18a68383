"""Polish fixtures: a small demo database per session (copied per test), a private ui.ini for every
test, the application font put back afterwards, and main windows that keep their layout."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kongchuo_desktop.services.actor import DEMO_ADMIN  # noqa: E402
from kongchuo_desktop.services.sites import site_info  # noqa: E402
from kongchuo_desktop.store.database import Database  # noqa: E402
from tests.helpers import opened_copy  # noqa: E402


@pytest.fixture(scope="session")
def polish_template(demo_databases: Callable[..., Path]) -> Path:
    """A demo township database of 150 pupils, built once."""
    return demo_databases(students=150, seed=3)


@pytest.fixture
def db(polish_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, open."""
    with opened_copy(polish_template, tmp_path, "demo.sqlite") as database:
        yield database


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own data folder (ui.ini, logs)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def keep_app_font(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Font-size tests change the application font: give the next test the one it had."""
    from kongchuo_desktop.gui.ui_state import BASE_SIZE_PROPERTY

    font = qapp.font()
    base = qapp.property(BASE_SIZE_PROPERTY)
    yield
    qapp.setFont(font)
    qapp.setProperty(BASE_SIZE_PROPERTY, base)


@pytest.fixture
def make_window(qtbot, db: Database) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """make_window(keep_layout=True): a main window on the demo database as the app makes it, shown."""
    from kongchuo_desktop.gui.main_window import MainWindow

    site = site_info(db)

    def make(keep_layout: bool = True, size: tuple[int, int] | None = (1280, 720)) -> MainWindow:
        window = MainWindow(db, site, DEMO_ADMIN, demo=True, keep_layout=keep_layout)
        qtbot.addWidget(window)
        if size is not None and not window.geometry_restored:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
