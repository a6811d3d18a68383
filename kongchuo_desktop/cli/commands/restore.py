"""`kongchuo restore FILE`: show what the backup holds (date, site, counts), then — after
confirmation (--yes, or "y" at the prompt) — replace the database with it. The replaced database
is kept in the backup folder. A file that is not our backup is refused untouched."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import db_path, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("restore", help="从备份恢复数据库（先显示备份的日期和数量）")
    parser.add_argument("file", type=Path, help="备份文件")
    parser.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    parser.add_argument("--dry-run", action="store_true", help="只显示备份内容，不恢复")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Describe, confirm, authorise, restore."""
    from kongchuo_desktop.services.backups import (
        BackupError,
        describe_backup,
        restore_backup,
        restore_permission_needed,
    )
    from kongchuo_desktop.store.backups import as_dict

    try:
        info = describe_backup(args.file)
    except BackupError as exc:
        code = USAGE if exc.code in ("missing", "not_sqlite", "damaged") else REJECTED
        raise CommandError(code, str(exc)) from exc
    target = db_path(args)
    if args.dry_run:
        emit({**as_dict(info.facts), "restored": False}, args.json, info.lines())
        return OK
    if not args.json:
        for line in info.lines():
            print(line)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CommandError(REJECTED, "恢复会替换现有数据库。确认无误后请加 --yes 再运行。")
        answer = input(f"用这个备份替换数据库“{target}”？现有数据库会另存到备份文件夹。(y/N) ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            raise CommandError(REJECTED, "已取消，数据库没有改动。")
    actor = None
    if target.exists() and (getattr(args, "user", None) or restore_permission_needed(target)):
        db = open_for(args)
        actor = db.extra["actor"]
        db.close()
    try:
        result = restore_backup(target, info.path, actor)
    except BackupError as exc:
        raise CommandError(REJECTED, str(exc)) from exc
    saved = str(result.previous_saved_as) if result.previous_saved_as else None
    emit(
        {**as_dict(info.facts), "restored": True, "db": str(target), "previous_saved_as": saved},
        args.json,
        [f"已从备份恢复：{target}"] + ([f"原数据库另存为：{saved}"] if saved else []),
    )
    return OK
