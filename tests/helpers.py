"""Helpers for tests: valid ID numbers, lookups by name, template databases and their private copies."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kongchuo_desktop.domain.id_number import check_char

if TYPE_CHECKING:
    from kongchuo_desktop.store.database import Database


def make_id(birth: dt.date, serial: int = 1, male: bool = True, area: str = "150785") -> str:
    """A valid 18-character ID for this birth date and sex."""
    seq = (serial * 2 + (1 if male else 0)) % 1000
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def school_id(db: Database, name: str) -> str:
    """The id of a school by name."""
    from kongchuo_desktop.services.sites import school_by_name

    with db.read_session() as session:
        school = school_by_name(session, name)
        assert school is not None
        return school.id


def shared_samples() -> Path:
    """The shared sample files (../shared/samples beside the checkout, or KONGCHUO_SAMPLES).

    Missing samples skip a test on a developer machine but fail it in CI (CI=true), where the
    shared folder is always laid beside the clone: a silent skip there would hide a regression.
    """
    import os

    import pytest

    env = os.environ.get("KONGCHUO_SAMPLES")
    folder = Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "samples"
    if not (folder / "roster_sample.xlsx").is_file():
        message = f"sample files not found in {folder} (set KONGCHUO_SAMPLES)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


def copy_database(template: Path, folder: Path, name: str = "site.sqlite") -> Path:
    """A private copy of a template database file (built once per session, closed and
    checkpointed) at `folder/name`: cheaper than building it again for every test."""
    import shutil

    path = folder / name
    shutil.copyfile(template, path)
    return path


@contextlib.contextmanager
def opened_copy(template: Path, folder: Path, name: str = "site.sqlite") -> Iterator[Database]:
    """A private copy of a template database, opened as the app opens it and closed afterwards
    (in a fixture: `with opened_copy(template, tmp_path) as db: yield db`)."""
    from kongchuo_desktop.store.database import open_database

    db = open_database(copy_database(template, folder, name))
    try:
        yield db
    finally:
        db.close()


def checkpoint(db: Database) -> None:
    """Fold the write-ahead log into the database file, so that copying the file alone copies everything."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def build_township_site(
    path: Path,
    site: str = "金河镇教育办",
    township: str = "金河镇",
    schools: tuple[str, ...] = ("金河镇中心学校", "金河镇第二小学"),
    elsewhere: tuple[str, str] = ("满归镇", "满归镇中心学校"),
) -> Path:
    """A new township site at `path` (by default 金河镇, with two schools of its own and
    满归镇中心学校 in 满归镇): `elsewhere` is (another township, its school). Closed; returns `path`."""
    from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
    from kongchuo_desktop.store.database import open_database

    db = open_database(path, create=True)
    try:
        init_site(db, site, "township", township=township)
        with db.transaction(user="test") as session:
            home = township_by_name(session, township)
            other = township_by_name(session, elsewhere[0], create=True)
            for name in schools:
                school_by_name(session, name, township=home, create=True)
            school_by_name(session, elsewhere[1], township=other, create=True)
    finally:
        db.close()
    return path
