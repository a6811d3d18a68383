"""`kongchuo backup --out FILE`: a consistent copy of the database (administrators)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, CommandError, emit


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("backup", help="备份数据库到文件")
    parser.add_argument("--out", required=True, type=Path, help="备份文件（或文件夹）")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Write the backup and print what it holds."""
    from kongchuo_desktop.services.backups import BackupError, create_backup
    from kongchuo_desktop.store.backups import as_dict

    db = open_for(args)
    try:
        try:
            info = create_backup(db, cli_actor(db), args.out)
        except BackupError as exc:
            raise CommandError(REJECTED, str(exc)) from exc
    finally:
        db.close()
    emit(as_dict(info.facts), args.json, [f"已备份到：{info.path}", *info.lines()[:3]])
    return OK
