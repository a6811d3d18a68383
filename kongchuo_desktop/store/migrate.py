"""Schema versions: Alembic configuration, head revision, and the upgrade run at start-up."""

from __future__ import annotations

from functools import lru_cache

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from kongchuo_desktop.paths import migrations_dir


def alembic_config() -> Config:
    """An Alembic Config pointing at the bundled db/ folder."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    """The migration scripts this version of the app knows."""
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> frozenset[str]:
    """The newest schema revisions this app knows (one per branch; normally exactly one)."""
    return frozenset(script_directory().get_heads())


def head_revision() -> str:
    """The newest revisions as one sorted, comma-joined label (for messages and file names)."""
    return ",".join(sorted(head_revisions()))


def known_revisions() -> set[str]:
    """Every revision id in our scripts."""
    return {rev.revision for rev in script_directory().walk_revisions()}


def current_revisions(connection: Connection) -> frozenset[str]:
    """The revisions stamped in the database (empty for a new one)."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())


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
