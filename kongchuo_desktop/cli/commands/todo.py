"""`kongchuo todo [--today YYYY-MM-DD] [--limit N]`: what is due in the logged-in person's scope —
visits overdue and due today, reports to send, notices past their deadline, cases with no
progress, pupils back awaiting 销号 (the same list as the 待办 page)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, USAGE, CommandError, emit


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("todo", help="待办：到期和逾期的走访、待报送报告、逾期通知书、无进展个案")
    parser.add_argument("--today", help="按哪一天计算（YYYY-MM-DD，默认今天）")
    parser.add_argument("--limit", type=int, default=20, help="每组最多列出几个个案（默认 20）")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Print the to-do list."""
    from kongchuo_desktop.services.todo import build_todo

    try:
        day = dt.date.fromisoformat(args.today) if args.today else None
    except ValueError as exc:
        raise CommandError(USAGE, f"日期“{args.today}”的格式不对，应写成 2026-11-28") from exc
    if args.limit < 0:
        raise CommandError(USAGE, "--limit 不能是负数")
    db = open_for(args)
    try:
        todo = build_todo(db, cli_actor(db), day, limit=args.limit)
    finally:
        db.close()
    summary: dict[str, Any] = {"today": todo.today.isoformat(), "cases": todo.cases, "groups": {}}
    lines = [f"待办（{todo.today:%Y-%m-%d}）：共 {todo.cases} 个个案需要处理"]
    for group in todo.groups:
        summary["groups"][group.key] = {
            "title": group.title,
            "count": group.count,
            "items": [
                {
                    "case_id": i.case_id,
                    "case_number": i.case_number,
                    "student_id": i.student_id,
                    "name": i.student_name,
                    "school": i.school_name,
                    "grade": i.grade,
                    "class_no": i.class_no,
                    "status": i.status,
                    "action": i.action,
                    "due_on": i.due_on.isoformat(),
                    "days_late": i.days_late,
                }  # fmt: skip
                for i in group.items
            ],
        }
        lines.append(f"{group.title}：{group.count}")
        for i in group.items:
            late = f"，逾期 {i.days_late} 天" if i.days_late > 0 else ""
            lines.append(f"  {i.student_name}（{i.school_name}）{i.action}，{i.due_on:%Y-%m-%d}{late}")
    emit(summary, args.json, lines)
    return OK
