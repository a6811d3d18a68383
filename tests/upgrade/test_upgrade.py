"""Every upgrade fixture (a database made by an earlier schema, with data) opens in the current version
with every record intact: the same rows and the same content in the columns it had."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kongchuo_desktop.store import migrate
from kongchuo_desktop.store.database import open_database
from tests.upgrade.manifest import table_digest

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.sqlite"))


def test_there_is_a_fixture_for_the_schema_before_sync():
    assert any(p.name == "schema-0002+0003+0004+0005.sqlite" for p in FIXTURES)
    for path in FIXTURES:
        assert path.with_suffix(".json").is_file(), f"{path.name} has no manifest"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_opens_migrated_with_every_record_intact(fixture: Path, tmp_path: Path):
    manifest = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = tmp_path / "site.sqlite"
    shutil.copyfile(fixture, path)
    db = open_database(path, check_integrity=True)
    try:
        with db.engine.connect() as conn:
            assert migrate.is_current(conn)
        if set(manifest["revisions"]) != set(migrate.head_revisions()):
            assert db.backup_path is not None and db.backup_path.is_file(), "no backup before migrating"
    finally:
        db.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, before in manifest["tables"].items():
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            missing = [c for c in before["columns"] if c not in columns]
            assert not missing, f"{table}: columns {missing} were dropped"
            rows, sha = table_digest(conn, table, before["columns"])
            assert rows == before["rows"], f"{table}: {rows} rows, the fixture had {before['rows']}"
            assert sha == before["sha256"], f"{table}: the content of its original columns changed"
    finally:
        conn.close()
