"""`kongchuo init`: create an empty site database (what the first-run wizard does), optionally with
its first administrator (--admin; password from KONGCHUO_PASSWORD or --password-file)."""

from __future__ import annotations

import argparse
from typing import Any

from kongchuo_desktop.cli.context import PASSWORD_ENV, db_path, open_for, read_password
from kongchuo_desktop.cli.output import OK, REJECTED, CommandError, emit
from kongchuo_desktop.services.errors import ServiceError, ValidationError
from kongchuo_desktop.services.sites import init_site


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("init", help="创建空的站点数据库")
    parser.add_argument("--site-name", required=True, help="站点名称")
    parser.add_argument("--site-type", required=True, choices=["school", "township", "bureau"], help="站点类型")
    parser.add_argument("--township", help="所属乡镇")
    parser.add_argument("--school", help="学校名称（学校站点）")
    parser.add_argument("--admin", help=f"第一个管理员的用户名（密码用环境变量 {PASSWORD_ENV} 或 --password-file 提供）")
    parser.add_argument("--admin-name", help="管理员姓名（默认同用户名）")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Create and initialise the database (and the first administrator)."""
    from kongchuo_desktop.services.setup import admin_problems, first_run

    password = None
    if args.admin:
        password = read_password(args)
        if password is None:
            raise CommandError(
                REJECTED, f"请为管理员“{args.admin}”设置密码：用环境变量 {PASSWORD_ENV} 或 --password-file 提供。"
            )
        if problems := admin_problems(args.admin, args.admin_name or args.admin, password):
            raise CommandError(REJECTED, "；".join(problems.values()))
    path = db_path(args)
    existed = path.exists() and path.stat().st_size > 0
    db = open_for(args, create=True, login_required=False)
    try:
        if args.admin:
            assert password is not None
            info, _actor = first_run(
                db, args.site_name, args.site_type, args.township, args.school,
                args.admin, args.admin_name or args.admin, password,
            )  # fmt: skip
        else:
            info = init_site(db, args.site_name, args.site_type, township=args.township, school=args.school)
    except (ValidationError, ServiceError) as exc:
        raise CommandError(REJECTED, str(exc)) from exc
    finally:
        db.close()
        if not existed and "info" not in locals():
            for suffix in ("", "-wal", "-shm", ".lock"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
    summary = {"db": str(path), "site_id": info.id, "site_name": info.name, "site_type": info.site_type}
    lines = [f"已创建{info.type_label}站点“{info.name}”：{path}"]
    if args.admin:
        summary["admin"] = args.admin.strip()
        lines.append(f"管理员账户：{args.admin.strip()}")
    else:
        lines.append("提示：尚未设置账户，任何人都能以管理员身份使用。请用 --admin 或在程序中创建管理员。")
    emit(summary, args.json, lines)
    return OK
