"""`kongchuo crosscheck [--school-year YYYY-YYYY] [--township T] [--json] [--out FILE.xlsx]`: the
cross-check (四查三比对) of the register of school-age children against the student register.

Prints how many people are on each list (with --json: every list in full, see DESIGN.md §5);
--out also writes the lists to a formatted workbook, one sheet per list.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit


def school_year_arg(text: str) -> str:
    """argparse type for --school-year: "2026-2027" (also 2026—2027, 2026-27, 2026)."""
    from kongchuo_desktop.domain.school_age import parse_school_year

    try:
        first = parse_school_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return f"{first}-{first + 1}"


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("crosscheck", help="核查比对：适龄儿童登记与学籍名册对比，列出未入学、外地就读无证明等名单")
    parser.add_argument("--school-year", type=school_year_arg, help="学年，如 2026-2027（默认：当前学年）")
    parser.add_argument("--township", help="乡镇名称（教育局、管理员可指定；默认本站点的乡镇）")
    parser.add_argument("--out", type=Path, help="同时把各名单写入这个 .xlsx 文件")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Run the check and report."""
    from kongchuo_desktop.services import crosscheck as cc
    from kongchuo_desktop.services.errors import ServiceError
    from kongchuo_desktop.services.sites import township_by_name

    out: Path | None = args.out
    if out is not None and out.suffix.lower() != ".xlsx":
        raise CommandError(USAGE, f"输出文件“{out}”应以 .xlsx 结尾")
    db = open_for(args)
    try:
        actor = cli_actor(db)
        township_id = None
        if args.township:
            with db.read_session() as session:
                town = township_by_name(session, args.township.strip())
            if town is None:
                raise CommandError(REJECTED, f"找不到乡镇“{args.township}”")
            township_id = town.id
        try:
            result = cc.run_crosscheck(db, actor, args.school_year, township_id)
            if out is not None:
                from kongchuo_desktop.services.ledgers import export_crosscheck

                export_crosscheck(db, actor, result, out)
        except ServiceError as exc:
            raise CommandError(REJECTED, str(exc)) from exc
        except OSError as exc:
            raise CommandError(USAGE, f"无法写入“{out}”：{exc.strerror or exc}") from exc
    finally:
        db.close()
    month, day = result.cutoff
    places = "、".join(result.townships) or "（无）"
    lines = [
        f"核查比对：{places}，{result.school_year}学年（入学年龄截止日期{month}月{day}日，"
        f"共核对适龄儿童登记{result.children:,}人、学生{result.students:,}人）"
    ]
    lines += [f"  {cc.LIST_LABELS[key]}：{result.count(key):,}人" for key in cc.ALL_LISTS]
    lines += [f"  注意：{w}" for w in result.warnings]
    if out is not None:
        lines.append(f"  名单已写入：{out}")
    summary = result.as_dict()
    if out is not None:
        summary["out"] = str(out)
    emit(summary, args.json, lines)
    return OK
