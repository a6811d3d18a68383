"""Open the database a command names (or the default one), log the user in, map errors to exit codes.

Identity on the command line: `--user NAME`, with the password from the KONGCHUO_PASSWORD
environment variable or `--password-file FILE` ("-" = standard input); never as an argument,
where other users of the machine could see it in the process list. Once a database has
accounts, commands that read or write personal data refuse to run without a login. A database
without accounts (made by `kongchuo init` without --admin) is used as the site administrator;
a demo database as its demo administrator.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.output import INTERNAL, REJECTED, USAGE, CommandError
from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.errors import DatabaseOpenError

PASSWORD_ENV = "KONGCHUO_PASSWORD"
_last: dict[str, Any] = {}


def add_identity_arguments(parser: argparse.ArgumentParser, top: bool) -> None:
    """--user and --password-file, accepted before or after the subcommand."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--user", default=default, help="以哪个账户的身份运行（密码见 KONGCHUO_PASSWORD）")
    parser.add_argument(
        "--password-file", type=Path, default=default, help="从文件读取密码（第一行；“-”表示标准输入）"
    )


def db_path(args: argparse.Namespace) -> Path:
    """The --db path, or the default database in the user data folder."""
    if getattr(args, "db", None):
        return Path(args.db)
    from kongchuo_desktop.paths import default_db_path

    return default_db_path()


def read_password(args: argparse.Namespace, env: str = PASSWORD_ENV, file_attr: str = "password_file") -> str | None:
    """The password from --password-file (first line) or the environment; None when neither."""
    source = getattr(args, file_attr, None)
    if source:
        try:
            text = sys.stdin.read() if str(source) == "-" else Path(source).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(USAGE, f"无法读取密码文件“{source}”：{exc.strerror or exc}") from exc
        lines = text.splitlines()
        return lines[0] if lines else ""
    value = os.environ.get(env)
    return value if value is not None else None


def login(args: argparse.Namespace, db: Database, allow_must_change: bool = False) -> Actor:
    """The Actor the command runs as (see the module doc); CommandError(1) when refused."""
    from kongchuo_desktop.services import accounts

    user = getattr(args, "user", None)
    if not user:
        if not accounts.has_accounts(db):
            return SYSTEM
        demo = accounts.demo_actor(db)
        if demo is not None:
            return demo
        raise CommandError(
            REJECTED,
            f"这个数据库已设置账户，请用 --user 用户名 登录（密码用环境变量 {PASSWORD_ENV} 或 --password-file 提供）。",
            "this database has accounts: log in with --user NAME (password in KONGCHUO_PASSWORD or --password-file)",
        )
    password = read_password(args)
    if password is None:
        raise CommandError(
            REJECTED,
            f"请提供账户“{user}”的密码：设置环境变量 {PASSWORD_ENV}，或用 --password-file 指定密码文件。",
            "no password: set KONGCHUO_PASSWORD or use --password-file",
        )
    try:
        result = accounts.authenticate(db, user, password)
    except accounts.AuthenticationError as exc:
        raise CommandError(REJECTED, str(exc)) from exc
    if result.must_change_password and not allow_must_change:
        raise CommandError(
            REJECTED,
            "管理员重置了您的密码，请先修改密码（kongchuo account passwd，新密码用环境变量 KONGCHUO_NEW_PASSWORD 提供，或在程序中登录修改）。",
        )
    return result.actor


def open_for(
    args: argparse.Namespace, create: bool = False, *, login_required: bool = True, allow_must_change: bool = False
) -> Database:
    """Open the command's database and log in (unless login_required=False); a refused file is
    exit code 2 (unreadable) or 1. The Actor is then `cli_actor()`."""
    try:
        db = open_database(db_path(args), create=create)
    except DatabaseOpenError as exc:
        code = REJECTED if exc.code in ("locked", "newer_schema", "read_only") else USAGE
        raise CommandError(code, str(exc)) from exc
    try:
        if login_required:
            db.extra["actor"] = login(args, db, allow_must_change)
    except BaseException:
        db.close()
        raise
    _last["db"] = db
    return db


def cli_actor(db: Database | None = None) -> Actor:
    """Who the command acts as: the account logged in by `open_for` (for `db`, or the database the
    command opened last)."""
    target = db if db is not None else _last.get("db")
    if target is None or "actor" not in target.extra:
        raise CommandError(INTERNAL, "内部错误：命令在登录之前就需要用户身份。", "internal error: no user logged in")
    actor: Actor = target.extra["actor"]
    return actor
