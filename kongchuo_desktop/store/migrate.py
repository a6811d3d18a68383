"""Schema versions: Alembic configuration, head revision, and the upgrade run at start-up.

Reading the versions (which revisions exist, which are heads, what a database is stamped with)
does not import Alembic: it costs about 0.15 s, and the app only needs it when a file really has
to be migrated (`upgrade`). `tests/store/test_migrations.py` checks the light reading against
Alembic's own.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kongchuo_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# `revision = "0007"` and `down_revision = ("0002", "0003")` at the top of a migration script.
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config() -> Config:
    """An Alembic Config pointing at the bundled db/ folder."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    """The migration scripts this version of the app knows (Alembic's view of them)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _parents(value: str) -> tuple[str, ...]:
    parsed = ast.literal_eval(value)
    if parsed is None:
        return ()
    return (parsed,) if isinstance(parsed, str) else tuple(parsed)


@lru_cache(maxsize=1)
def revision_graph() -> dict[str, tuple[str, ...]]:
    """Each revision in db/versions with the revisions it follows, read from the scripts' text."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((migrations_dir() / "versions").glob("*.py")):
        found = dict(m.groups() for m in _ASSIGNMENT.finditer(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        graph[ast.literal_eval(found["revision"])] = _parents(found.get("down_revision", "None"))
    return graph


def head_revisions() -> frozenset[str]:
    """The newest schema revisions this app knows (one per branch; normally exactly one)."""
    graph = revision_graph()
    followed = {parent for parents in graph.values() for parent in parents}
    return frozenset(set(graph) - followed)


def head_revision() -> str:
    """The newest revisions as one sorted, comma-joined label (for messages and file names)."""
    return ",".join(sorted(head_revisions()))


def known_revisions() -> set[str]:
    """Every revision id in our scripts."""
    return set(revision_graph())


def current_revisions(connection: Connection) -> frozenset[str]:
    """The revisions stamped in the database (empty for a new one)."""
    stamped = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if stamped is None:
        return frozenset()
    return frozenset(row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version")))


def current_revision(connection: Connection) -> str | None:
    """The stamped revisions as one sorted, comma-joined label, or None for a new database."""
    revs = current_revisions(connection)
    return ",".join(sorted(revs)) if revs else None


def is_current(connection: Connection) -> bool:
    """True when the database is at every head this app knows."""
    return current_revisions(connection) == head_revisions()


def upgrade(connection: Connection) -> None:
    """Upgrade the database on `connection` to all heads, in one transaction."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "heads")
