"""`kongchuo demo`: create a demo database of a 根河市 township."""

from __future__ import annotations

import argparse
from typing import Any

from kongchuo_desktop.cli.context import db_path
from kongchuo_desktop.cli.output import OK, REJECTED, CommandError, emit
from kongchuo_desktop.services.errors import ValidationError


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("demo", help="创建演示数据库")
    parser.add_argument("--students", type=int, default=5000, help="学生人数（默认 5000）")
    parser.add_argument("--seed", type=int, default=0, help="随机种子：相同种子生成相同数据")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Create the database and print its counts."""
    from kongchuo_desktop.services.demo import create_demo

    if args.students < 0:
        raise CommandError(REJECTED, "学生人数不能为负数")
    path = db_path(args)
    try:
        summary = create_demo(path, students=args.students, seed=args.seed)
    except ValidationError as exc:
        raise CommandError(REJECTED, str(exc)) from exc
    from kongchuo_desktop.services.accounts import DEMO_PASSWORD, ensure_demo_admin
    from kongchuo_desktop.store.database import open_database

    db = open_database(path)
    try:
        ensure_demo_admin(db)  # demo mode acts as the demo administrator; sample accounts show the roles
    finally:
        db.close()
    data = {"db": str(path), **summary.as_dict(), "accounts": ["demo", "principal", "teacher"]}
    emit(
        data,
        args.json,
        [f"已创建演示数据库：{path}"]
        + [f"  {k}：{v}" for k, v in summary.as_dict().items()]
        + [f"  演示账户：demo（管理员）、principal（校长）、teacher（教师），密码均为 {DEMO_PASSWORD}"],
    )
    return OK
