"""`kongchuo letters TEMPLATE --year YYYY [--school S|--township T] --out FILE.pdf`: print a batch of
responsibility letters (控辍责任状) and record them in the letter register.

TEMPLATE is teacher (school ↔ class teacher), village (township ↔ village committee), parent
(家长承诺书) or the name of a template made in the app. With --separate, --out is a folder that
gets one PDF per letter; with --draft the letters say 样稿 and nothing is recorded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("letters", help="批量生成控辍责任状（PDF）并登记")
    parser.add_argument(
        "template", metavar="TEMPLATE", help="teacher（班主任）、village（村委会）、parent（家长）或模板名称"
    )
    parser.add_argument("--year", type=int, required=True, help="学年的起始年份，如 2026 表示 2026—2027 学年")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--school", help="学校名称（只生成这所学校的）")
    where.add_argument("--township", help="乡镇名称（生成这个乡镇的）")
    parser.add_argument("--out", required=True, type=Path, help="输出的 PDF 文件（--separate 时为文件夹）")
    parser.add_argument("--separate", action="store_true", help="每份责任书单独一个 PDF 文件")
    parser.add_argument("--draft", action="store_true", help="只打印样稿，不编号、不登记")
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Print the batch and report counts."""
    from kongchuo_desktop.services import file_errors
    from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationError
    from kongchuo_desktop.services.letters import issue_letters
    from kongchuo_desktop.services.letters_data import Scope
    from kongchuo_desktop.services.sites import school_by_name, township_by_name

    out: Path = args.out
    if not args.separate and out.suffix.lower() != ".pdf":
        raise CommandError(USAGE, f"输出文件“{out}”应以 .pdf 结尾（要每份单独一个文件，请加 --separate 并给出文件夹）")
    if args.separate and out.exists() and not out.is_dir():
        raise CommandError(USAGE, f"“{out}”不是文件夹")
    db = open_for(args)
    try:
        actor = cli_actor(db)
        scope = Scope()
        with db.read_session() as session:
            if args.school:
                school = school_by_name(session, args.school.strip())
                if school is None:
                    raise CommandError(REJECTED, f"找不到学校“{args.school}”")
                scope = Scope(school.id, school.township_id)
            elif args.township:
                town = township_by_name(session, args.township.strip())
                if town is None:
                    raise CommandError(REJECTED, f"找不到乡镇“{args.township}”")
                scope = Scope(None, town.id)
        try:
            result = issue_letters(
                db, actor, args.template, args.year, out, scope=scope, separate=args.separate, draft=args.draft
            )
        except (NotFoundError, PermissionDenied, ValidationError) as exc:
            raise CommandError(REJECTED, str(exc)) from exc
        except ServiceError as exc:
            raise CommandError(REJECTED, str(exc)) from exc
        except OSError as exc:
            raise CommandError(USAGE, f"无法写入“{out}”：{file_errors.reason(exc)}") from exc
    finally:
        db.close()
    lines = [
        f"已生成{result.letters}份责任书（{result.template}，第{result.version}版），共{result.pages}页："
        + (str(out) if not args.separate else f"{len(result.files)}个文件，在 {out}"),
    ]
    if result.draft:
        lines.append("  样稿：未编号，未登记")
    else:
        lines.append(f"  新登记{result.new}份，重新打印{result.again}份")
        if result.numbers:
            lines.append(f"  编号：{result.numbers[0]} 至 {result.numbers[-1]}")
    lines += [f"  未生成：{s}" for s in result.skipped]
    lines += [f"  注意：{w}" for w in result.warnings]
    emit(result.as_dict(), args.json, lines)
    return OK
