"""`kongchuo init`: create an empty site database (what the first-run wizard does)."""

from __future__ import annotations

import argparse
from typing import Any

from kongchuo_desktop.cli.context import db_path, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, CommandError, emit
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.services.sites import init_site


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("init", help="创建空的站点数据库")
    parser.add_argument("--site-name", required=True, help="站点名称")
    parser.add_argument("--site-type", required=True, choices=["school", "township", "bureau"], help="站点类型")
    parser.add_argument("--township", help="所属乡镇")
    parser.add_argument("--school", help="学校名称（学校站点）")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Create and initialise the database."""
    path = db_path(args)
    existed = path.exists() and path.stat().st_size > 0
    db = open_for(args, create=True)
    try:
        info = init_site(db, args.site_name, args.site_type, township=args.township, school=args.school)
    except ValidationError as exc:
        raise CommandError(REJECTED, str(exc)) from exc
    finally:
        db.close()
        if not existed and "info" not in locals():
            for suffix in ("", "-wal", "-shm", ".lock"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    emit(
        {"db": str(path), "site_id": info.id, "site_name": info.name, "site_type": info.site_type},
        args.json,
        [f"已创建{info.type_label}站点“{info.name}”：{path}"],
    )
    return OK
