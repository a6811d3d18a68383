"""`kongchuo report monthly --month YYYY-MM [--township T|--school S] --out FILE.xlsx|.pdf
[--kind changes|dropouts|both]`: the 学籍变动月报 and 辍学情况月报 of a month, rebuilt from the history.

Without --township/--school the report covers the user's own unit (the whole city for the bureau
and administrators). `--json` prints the figures. When the rows do not add up the file gets the
data check instead of the report, and the command exits with 1.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit

MONTH = re.compile(r"^\d{4}-\d{1,2}$")


def month_arg(text: str) -> str:
    """argparse type for --month: YYYY-MM."""
    if not MONTH.match(text.strip()) or not 1 <= int(text.strip().split("-")[1]) <= 12:
        raise argparse.ArgumentTypeError(f"月份“{text}”的格式不对，应为 年-月，例如 2026-03")
    return text.strip()


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("report", help="月报：学籍变动月报、辍学情况月报")
    parser.add_argument("what", choices=["monthly"], help="报表：monthly（月报）")
    parser.add_argument("--month", required=True, type=month_arg, help="月份，如 2026-03")
    unit = parser.add_mutually_exclusive_group()
    unit.add_argument("--township", help="乡镇（街道）名称")
    unit.add_argument("--school", help="学校名称")
    parser.add_argument("--out", type=Path, help="输出文件：.xlsx 或 .pdf（用 --json 时可省略）")
    parser.add_argument(
        "--kind", choices=["changes", "dropouts", "both"], default="both",
        help="changes（学籍变动月报）、dropouts（辍学情况月报）或 both（两者，默认）",
    )  # fmt: skip
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Make the report, write it and summarise."""
    from kongchuo_desktop.services.errors import ServiceError
    from kongchuo_desktop.services.reports.export import check_target, export_report
    from kongchuo_desktop.services.reports.monthly import monthly_report

    out: Path | None = args.out
    if out is None and not args.json:
        raise CommandError(USAGE, "请用 --out 指定输出文件（.xlsx 或 .pdf），或用 --json 只输出数字")
    if out is not None:
        try:
            check_target(out)
        except ServiceError as exc:
            raise CommandError(USAGE, str(exc)) from exc
    db = open_for(args)
    try:
        actor = cli_actor(db)
        try:
            report = monthly_report(db, actor, args.month, township=args.township, school=args.school, kind=args.kind)
        except ServiceError as exc:
            raise CommandError(REJECTED, str(exc)) from exc
        result = None
        if out is not None:
            try:
                result = export_report(report, out)
            except OSError as exc:
                raise CommandError(USAGE, f"无法写入“{out}”：{exc.strerror or exc}") from exc
    finally:
        db.close()
    summary = report.as_dict()
    if result is not None:
        summary["out"] = str(result.path)
        summary["pages"] = result.pages
    lines = [f"{report.title_prefix}月报（{report.scope.unit_label}）"]
    if report.changes is not None:
        total = report.changes.total.values
        lines.append(
            f"  学籍变动：上月末{total['opening']:,}人，增加{total['add_total']}人，减少{total['remove_total']}人，"
            f"本月末{total['closing']:,}人，其中在籍不在校{total['absent']}人"
        )
    if report.dropouts is not None:
        d = report.dropouts.total
        lines.append(
            f"  辍学情况：月末疑似辍学{d['suspected_end']}人，本月新增辍学{d['dropout_new']}人，"
            f"劝返复学{d['returned']}人，月末仍未返校{d['still_out']}人"
        )
    if result is not None:
        lines.append(f"  → {result.path}")
    if not report.adds_up:
        where = f"，核对清单已写入“{result.path}”" if result is not None else ""
        if args.json:
            emit(summary, True, [])
        raise CommandError(REJECTED, report.problem_line() + where)
    emit(summary, args.json, lines)
    return OK
