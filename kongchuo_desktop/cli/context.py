"""Open the database a command names (or the default one) and map open errors to exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

from kongchuo_desktop.cli.output import REJECTED, USAGE, CommandError
from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.errors import DatabaseOpenError


def db_path(args: argparse.Namespace) -> Path:
    """The --db path, or the default database in the user data folder."""
    if getattr(args, "db", None):
        return Path(args.db)
    from kongchuo_desktop.paths import default_db_path

    return default_db_path()


def open_for(args: argparse.Namespace, create: bool = False) -> Database:
    """Open the command's database; a refused file is exit code 2 (unreadable) or 1."""
    try:
        return open_database(db_path(args), create=create)
    except DatabaseOpenError as exc:
        code = REJECTED if exc.code in ("locked", "newer_schema", "read_only") else USAGE
        raise CommandError(code, str(exc)) from exc


def cli_actor() -> Actor:
    """Who the command line acts as until accounts exist (issue 8): the site administrator."""
    return SYSTEM
