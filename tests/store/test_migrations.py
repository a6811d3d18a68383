"""Migrations build the same schema the models describe, from an empty file, and go down again."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from kongchuo_desktop.store import migrate
from kongchuo_desktop.store.models import Base


def test_upgrade_from_empty_matches_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_every_travelling_table_has_sync_columns(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    insp = inspect(engine)
    local_only = {"alembic_version", "local_state", "attachment_blob", "header_mapping", "sync_site_key", "sync_peer",
                  "sync_package_log", "sync_scope_move"}
    for table in insp.get_table_names():
        if table in local_only:
            continue
        cols = {c["name"] for c in insp.get_columns(table)}
        assert {"id", "origin_site_id", "change_seq", "updated_at", "updated_by", "deleted", "born_hlc", "clocks"} <= cols, table


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
        command.downgrade(cfg, "base")
        command.upgrade(cfg, "heads")
    assert "student" in inspect(engine).get_table_names()


def test_light_reading_of_versions_agrees_with_alembic(tmp_path: Path) -> None:
    """migrate reads revisions without importing Alembic (start-up time); it must say what Alembic says."""
    scripts = migrate.script_directory()
    assert migrate.head_revisions() == frozenset(scripts.get_heads())
    assert migrate.known_revisions() == {rev.revision for rev in scripts.walk_revisions()}
    for rev in scripts.walk_revisions():
        down = rev.down_revision
        expected = set() if down is None else {down} if isinstance(down, str) else set(down)
        assert set(migrate.revision_graph()[rev.revision]) == expected
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.connect() as conn:
        assert migrate.current_revisions(conn) == frozenset() and migrate.current_revision(conn) is None
    with engine.begin() as conn:
        command.upgrade(_config(conn), "0003")
    with engine.connect() as conn:
        assert migrate.current_revisions(conn) == frozenset(MigrationContext.configure(conn).get_current_heads())
        assert not migrate.is_current(conn)
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        assert migrate.is_current(conn) and migrate.current_revisions(conn) == migrate.head_revisions()


def _config(conn):  # type: ignore[no-untyped-def]
    cfg = migrate.alembic_config()
    cfg.attributes["connection"] = conn
    return cfg
