"""Opening a database: refusals leave the file untouched; migrations back up first."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kongchuo_desktop.store import migrate
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.errors import DatabaseOpenError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_with_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite", create=True)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert migrate.is_current(conn)
    finally:
        db.close()


def test_missing_file_is_refused_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError) as err:
        open_database(tmp_path / "nope.sqlite")
    assert err.value.code == "missing"
    assert not (tmp_path / "nope.sqlite").exists()


def test_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "roster.sqlite"
    path.write_bytes("这不是数据库".encode() * 100)
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path)
    assert err.value.code == "not_sqlite"
    assert "不是" in str(err.value)
    assert digest(path) == before


def test_foreign_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path)
    assert err.value.code == "not_sqlite"
    assert digest(path) == before


def test_corrupt_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    open_database(path, create=True).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # smash the schema page after the header
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path)
    assert err.value.code == "corrupt"
    assert "损坏" in str(err.value)
    assert digest(path) == before


def test_read_only_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    open_database(path, create=True).close()
    path.chmod(0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files (root)")
        before = digest(path)
        with pytest.raises(DatabaseOpenError) as err:
            open_database(path)
        assert err.value.code == "read_only"
        assert digest(path) == before
    finally:
        path.chmod(0o644)


def test_read_only_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ro.sqlite"
    open_database(path, create=True).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path)
    assert err.value.code == "read_only"
    assert "只读" in str(err.value)


def test_second_instance_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    first = open_database(path, create=True)
    try:
        with pytest.raises(DatabaseOpenError) as err:
            open_database(path)
        assert err.value.code == "locked"
        assert "另一个" in str(err.value)
    finally:
        first.close()
    open_database(path).close()  # free again once the first closes


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "n.sqlite"
    open_database(path, create=True).close()
    conn = sqlite3.connect(path)
    # one row per schema branch: make one of them a revision this app does not know
    conn.execute(
        "UPDATE alembic_version SET version_num = '9999_future'"
        " WHERE version_num = (SELECT min(version_num) FROM alembic_version)"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = digest(path)
    with pytest.raises(DatabaseOpenError) as err:
        open_database(path)
    assert err.value.code == "newer_schema"
    assert "升级" in str(err.value)
    assert digest(path) == before


def test_older_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    open_database(path, create=True).close()
    # Simulate a database from before the newest migration: drop back to base and re-stamp.
    revisions = [r.revision for r in migrate.script_directory().walk_revisions()]
    if len(revisions) < 2:
        # Only one migration so far: an empty, stamped-at-nothing file still takes the upgrade path.
        conn = sqlite3.connect(path)
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            conn.execute(f'DROP TABLE "{table}"')
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.commit()
        conn.close()
        db = open_database(path)
        db.close()
        return
    from alembic import command

    db = open_database(path)
    with db.engine.begin() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    db.close()
    db = open_database(path)
    try:
        assert db.backup_path is not None and db.backup_path.exists()
        assert db.migrated_from is not None
    finally:
        db.close()


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    from kongchuo_desktop.store.models import Township

    db = open_database(tmp_path / "t.sqlite", create=True)
    try:
        with pytest.raises(RuntimeError), db.transaction(user="u") as session:
            session.add(Township(name="金河镇"))
            session.flush()
            raise RuntimeError("boom")
        with db.read_session() as session:
            assert session.query(Township).count() == 0
    finally:
        db.close()


def test_writes_are_stamped_with_sequence_user_and_site(tmp_path: Path) -> None:
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.models import Township

    db = open_database(tmp_path / "s.sqlite", create=True)
    try:
        info = init_site(db, "金河镇", "township", township="金河镇")
        with db.transaction(user="wang") as session:
            session.add(Township(name="满归镇"))
        with db.read_session() as session:
            rows = {t.name: t for t in session.query(Township)}
        assert rows["满归镇"].updated_by == "wang"
        assert rows["满归镇"].origin_site_id == info.id
        assert rows["满归镇"].change_seq > rows["金河镇"].change_seq > 0
    finally:
        db.close()
