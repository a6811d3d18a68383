"""Two sites for the 同步 page tests: a township and one of its schools (not yet paired), and the
page's questions answered by the test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy import select

from kongchuo_desktop.domain.id_number import check_char
from kongchuo_desktop.gui.sync_page import SyncDialogs
from kongchuo_desktop.services import students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School
from tests.sync_sites import SiteSpec, init_sites, open_copies

ADMIN = Actor(user="admin", display_name="管理员")
SITES: dict[str, SiteSpec] = {
    "town": ("金河镇教育办", "township", "金河镇", None),
    "school": ("金河镇中心学校", "school", "金河镇", "金河镇中心学校"),
}


@pytest.fixture(scope="session")
def site_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two site databases as `kongchuo init` makes them, made once."""
    return init_sites(tmp_path_factory.mktemp("sync-gui-sites"), SITES)


@pytest.fixture
def sites(site_files: Path, tmp_path: Path) -> Iterator[dict[str, Database]]:
    """Fresh copies of the township ("town") and the school ("school")."""
    yield from open_copies(site_files, SITES, tmp_path)


class FakeDialogs(SyncDialogs):
    """Answers the page's questions: files from `opens` (in order), saves into `folder` under the
    suggested name, dialogs accepted (or handled by `fill[type]`); records what was shown and said."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.opens: list[Path] = []
        self.suggested: list[Path] = []
        self.shown: list[QDialog] = []
        self.fill: dict[type, Callable[[Any], bool]] = {}
        self.messages: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.confirmations: list[str] = []

    def open_file(self, parent: QWidget, title: str, folder: Path, file_filter: str) -> Path | None:
        return self.opens.pop(0) if self.opens else None

    def save_file(self, parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.suggested.append(suggested)
        return self.folder / suggested.name

    def run(self, dialog: QDialog) -> bool:
        self.shown.append(dialog)
        fill = self.fill.get(type(dialog))
        return bool(fill(dialog)) if fill else True

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.confirmations.append(text)
        return True

    def inform(self, parent: QWidget, title: str, text: str) -> None:
        self.messages.append((title, text))

    def warn(self, parent: QWidget, title: str, text: str) -> None:
        self.warnings.append((title, text))


def add_pupil(db: Database, name: str, serial: int, actor: Actor = ADMIN) -> str:
    """A pupil of 金河镇中心学校 registered through the students service; returns the id."""
    with db.read_session() as session:
        school_id = session.execute(select(School.id).where(School.name == "金河镇中心学校")).scalar_one()
    first = f"15078520150301{serial * 2:03d}"  # even: a girl
    values = {"name": name, "sex": "女", "birth_date": dt.date(2015, 3, 1), "school_id": school_id, "grade": 3,
              "class_no": 1, "id_number": first + check_char(first)}  # fmt: skip
    return students.create_student(db, actor, values)
