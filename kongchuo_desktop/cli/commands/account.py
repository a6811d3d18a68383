"""`kongchuo account`: list, add, change, disable/enable, reset, unlock accounts (administrators) and
change one's own password (passwd). New passwords come from KONGCHUO_NEW_PASSWORD or
--new-password-file, never from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for, read_password
from kongchuo_desktop.cli.output import OK, REJECTED, CommandError, emit
from kongchuo_desktop.services import permissions as perms

NEW_PASSWORD_ENV = "KONGCHUO_NEW_PASSWORD"


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("account", help="管理账户（管理员）或修改自己的密码")
    parser.add_argument(
        "action", choices=["list", "add", "update", "disable", "enable", "reset", "unlock", "passwd"], help="操作"
    )
    parser.add_argument("login", nargs="?", help="账户的用户名（passwd 不需要）")
    parser.add_argument("--name", help="姓名")
    parser.add_argument("--role", choices=list(perms.ROLES), help="角色")
    parser.add_argument("--township", help="所属乡镇名称（乡镇账户）")
    parser.add_argument("--school", help="学校名称（校长、教师账户）")
    parser.add_argument("--classes", help="教师所带班级，例如 “3-1,3-2”（不填 = 全校）")
    parser.add_argument("--reason", default="", help="原因（记入审计日志）")
    parser.add_argument("--new-password-file", help=f"新密码文件（第一行）；或用环境变量 {NEW_PASSWORD_ENV}")
    parser.add_argument(
        "--no-change-required", action="store_true", help="新账户首次登录时不要求修改密码（默认要求）"
    )
    return parser  # type: ignore[no-any-return]


def _new_password(args: argparse.Namespace) -> str:
    password = read_password(args, NEW_PASSWORD_ENV, "new_password_file")
    if password is None:
        raise CommandError(REJECTED, f"请提供新密码：设置环境变量 {NEW_PASSWORD_ENV}，或用 --new-password-file 指定文件。")
    return password


def _account_id(db: Any, actor: Any, login: str | None) -> str:
    from kongchuo_desktop.services.accounts import list_accounts, login_key

    if not login:
        raise CommandError(REJECTED, "请给出账户的用户名。")
    for row in list_accounts(db, actor):
        if login_key(row.login_name) == login_key(login):
            return row.id
    raise CommandError(REJECTED, f"没有用户名为“{login}”的账户。")


def _scope_ids(db: Any, args: argparse.Namespace) -> tuple[str | None, str | None]:
    from kongchuo_desktop.services.sites import school_by_name, township_by_name

    township_id = school_id = None
    with db.read_session() as session:
        if args.township:
            town = township_by_name(session, args.township)
            if town is None:
                raise CommandError(REJECTED, f"没有名为“{args.township}”的乡镇。")
            township_id = town.id
        if args.school:
            school = school_by_name(session, args.school)
            if school is None:
                raise CommandError(REJECTED, f"没有名为“{args.school}”的学校。")
            school_id = school.id
    return township_id, school_id


def run(args: argparse.Namespace) -> int:
    """Do the account action."""
    from kongchuo_desktop.services import accounts

    db = open_for(args, allow_must_change=args.action == "passwd")
    try:
        actor = cli_actor(db)
        action = args.action
        if action == "list":
            rows = accounts.list_accounts(db, actor)
            emit(
                {"accounts": [{"login": r.login_name, "name": r.display_name, "role": r.role, "scope": r.scope,
                               "status": r.status} for r in rows]},
                args.json,
                [f"{r.login_name}\t{r.display_name}\t{r.role}\t{r.scope}\t{r.status}" for r in rows] or ["（没有账户）"],
            )  # fmt: skip
            return OK
        if action == "passwd":
            old = read_password(args)
            accounts.change_password(db, actor, old or "", _new_password(args))
            emit({"login": actor.user, "changed": True}, args.json, [f"账户“{actor.user}”的密码已修改。"])
            return OK
        if action == "add":
            if not args.login or not args.role:
                raise CommandError(REJECTED, "新建账户需要用户名和 --role 角色。")
            township_id, school_id = _scope_ids(db, args)
            data = accounts.AccountInput(
                args.login, args.name or args.login, args.role, township_id, school_id,
                accounts.parse_classes(args.classes),
            )  # fmt: skip
            accounts.create_account(db, actor, data, _new_password(args), must_change_password=not args.no_change_required)
            emit({"login": args.login, "role": args.role, "created": True}, args.json,
                 [f"已创建{args.role}账户“{args.login}”。"])  # fmt: skip
            return OK
        account_id = _account_id(db, actor, args.login)
        if action == "update":
            current = accounts.get_account(db, actor, account_id)
            township_id, school_id = _scope_ids(db, args)
            data = accounts.AccountInput(
                current.login_name,
                args.name or current.display_name,
                args.role or current.role,
                township_id or current.township_id,
                school_id or current.school_id,
                accounts.parse_classes(args.classes) if args.classes is not None else current.classes,
            )
            changes = accounts.update_account(db, actor, account_id, data, args.reason or None)
            emit({"login": args.login, "changed": sorted(changes)}, args.json,
                 [f"账户“{args.login}”已修改：{'、'.join(sorted(changes)) or '没有变化'}。"])  # fmt: skip
        elif action in ("disable", "enable"):
            accounts.set_account_disabled(db, actor, account_id, action == "disable", args.reason)
            word = "停用" if action == "disable" else "启用"
            emit({"login": args.login, "disabled": action == "disable"}, args.json, [f"账户“{args.login}”已{word}。"])
        elif action == "reset":
            accounts.reset_password(db, actor, account_id, _new_password(args))
            emit({"login": args.login, "reset": True}, args.json,
                 [f"账户“{args.login}”的密码已重置，下次登录时需要修改密码。"])  # fmt: skip
        elif action == "unlock":
            accounts.unlock_account(db, actor, account_id)
            emit({"login": args.login, "unlocked": True}, args.json, [f"账户“{args.login}”已解锁。"])
        return OK
    finally:
        db.close()
