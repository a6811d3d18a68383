"""`kongchuo export ledger NAME --out FILE.xlsx [--township T] [--school S] [--school-year Y]
[--active-only]`: write a ledger (台账) as a formatted workbook.

NAME: children (适龄儿童台账), suspected (疑似辍学学生台账), dropouts (辍学学生台账), students
(学生名册) or visits (家访记录 — headers and a note until the visit tables exist).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.commands.crosscheck import school_year_arg
from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("export", help="导出台账（Excel）")
    parser.add_argument("what", choices=["ledger"], help="导出什么：ledger（台账）")
    parser.add_argument(
        "name",
        metavar="NAME",
        help="台账：students（学生名册）、children（适龄儿童台账）、suspected（疑似辍学学生台账）、"
        "dropouts（辍学学生台账）、visits（家访记录）",
    )
    parser.add_argument("--out", required=True, type=Path, help="输出的 .xlsx 文件")
    parser.add_argument("--township", help="乡镇名称")
    parser.add_argument("--school", help="学校名称（学生名册、辍学学生台账、家访记录）")
    parser.add_argument(
        "--school-year", type=school_year_arg, help="学年，如 2026-2027（适龄儿童、疑似辍学台账；默认当前学年）"
    )
    parser.add_argument("--active-only", action="store_true", help="学生名册只含在读、休学学生")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Write the ledger and report."""
    from kongchuo_desktop.services import file_errors
    from kongchuo_desktop.services.errors import ServiceError
    from kongchuo_desktop.services.ledgers import LEDGERS, LedgerScope, export_ledger, ledger_keys
    from kongchuo_desktop.services.sites import school_by_name, township_by_name

    out: Path = args.out
    if args.name not in LEDGERS:
        raise CommandError(USAGE, f"没有名为“{args.name}”的台账，可选：{'、'.join(ledger_keys())}")
    if out.suffix.lower() != ".xlsx":
        raise CommandError(USAGE, f"输出文件“{out}”应以 .xlsx 结尾")
    db = open_for(args)
    try:
        actor = cli_actor(db)
        township_id = school_id = None
        with db.read_session() as session:
            if args.township:
                town = township_by_name(session, args.township.strip())
                if town is None:
                    raise CommandError(REJECTED, f"找不到乡镇“{args.township}”")
                township_id = town.id
            if args.school:
                school = school_by_name(session, args.school.strip())
                if school is None:
                    raise CommandError(REJECTED, f"找不到学校“{args.school}”")
                school_id = school.id
        scope = LedgerScope(township_id, school_id, args.school_year, args.active_only)
        try:
            result = export_ledger(db, actor, args.name, out, scope)
        except ServiceError as exc:
            raise CommandError(REJECTED, str(exc)) from exc
        except OSError as exc:
            raise CommandError(USAGE, f"无法写入“{out}”：{file_errors.reason(exc)}") from exc
    finally:
        db.close()
    lines = [f"已导出{result.title}：{result.rows:,}行 → {out}"]
    lines += [f"  {note}" for note in result.notes]
    emit(result.as_dict(), args.json, lines)
    return OK
