"""`kongchuo import roster|children FILE [--dry-run] [--report OUT.xlsx]`: import a 学籍 roster or a
register of school-age children from .xlsx/.xls/.csv.

Exit codes: 0 when the valid rows were imported (or, with --dry-run, could be) — refused rows are
listed but do not fail the command; 1 when the whole file is refused (no header, a required
column missing, no importable row, no permission) and nothing was changed; 2 when the file cannot
be read at all (missing, not a spreadsheet, damaged, password-protected, wrong encoding) or a
named sheet does not exist.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kongchuo_desktop.cli.context import cli_actor, open_for
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit

_MAX_LISTED = 20
ENGLISH_CODES = {
    "unreadable": "file not found or not readable",
    "not_spreadsheet": "not a spreadsheet",
    "corrupt": "the file is damaged",
    "encrypted": "the workbook is password-protected",
    "empty": "the file or sheet is empty",
    "too_big": "too many rows",
    "bad_encoding": "unknown text encoding",
    "no_sheet": "no such sheet",
    "no_header": "no recognisable header row",
    "missing_column": "a required column is missing",
    "bad_mapping": "bad column mapping",
    "file_changed": "the file changed after the preview",
}


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    parser = sub.add_parser("import", help="导入学籍名册或适龄儿童登记表（.xlsx/.xls/.csv）")
    parser.add_argument("kind", choices=["roster", "children"], help="roster：学籍名册；children：适龄儿童登记表")
    parser.add_argument("file", type=Path, help="要导入的表格文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    parser.add_argument("--report", type=Path, help="把未导入的行保存为 .xlsx（问题单元格标红，附原因）")
    parser.add_argument("--sheet", help="读取哪个工作表（默认：第一个能识别表头的工作表）")
    parser.add_argument(
        "--no-new-schools",
        action="store_true",
        help="不自动添加台账中没有的学校、班级和乡镇（这些行不导入）",
    )
    parser.add_argument(
        "--duplicates",
        choices=["keep_first", "both"],
        default="keep_first",
        help="同一人在表中出现多次时：keep_first 导入第一行（默认），both 全部不导入",
    )
    return parser  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> int:
    """Preview the file, optionally write the reject report, then import (unless --dry-run)."""
    from kongchuo_desktop.services.roster_import import ImportRefused, apply_import, preview_import

    db = open_for(args)
    try:
        actor = cli_actor(db)
        try:
            preview = preview_import(
                db,
                actor,
                args.file,
                args.kind,
                args.sheet,
                duplicates=args.duplicates,
                create_places=not args.no_new_schools,
            )
        except ImportRefused as exc:
            _refused(args, exc)
            english = (
                f"{args.file.name} cannot be imported ({ENGLISH_CODES.get(exc.code, exc.code)}); nothing was changed"
            )
            raise CommandError(USAGE if exc.unreadable else REJECTED, str(exc), english) from exc
        report_path = _write_report(args, preview) if args.report else None
        if args.dry_run:
            data = preview.as_dict()
            written = False
        else:
            if preview.new + preview.updated + preview.unchanged == 0:
                data = preview.as_dict()
                written = False
            else:
                try:
                    summary = apply_import(db, actor, preview, create_schools=not args.no_new_schools)
                except ImportRefused as exc:
                    raise CommandError(
                        REJECTED, str(exc), f"{args.file.name}: {exc.code}; nothing was changed"
                    ) from exc
                data = summary.as_dict()
                written = summary.written
                if args.report and summary.rejected_rows != preview.rejected_rows:
                    report_path = _write_report(args, preview)  # rows refused only at writing time
    finally:
        db.close()
    data["dry_run"] = bool(args.dry_run)
    if report_path is not None:
        data["report"] = str(report_path)
    importable = data["new"] + data["updated"] + data["unchanged"]
    emit(data, args.json, _lines(args, data, written, report_path))
    if importable == 0:
        raise CommandError(
            REJECTED,
            f"文件“{args.file.name}”中没有可以导入的行（{data['rejected_rows']} 行都有问题），数据库未作任何改动",
            f"no importable row in {args.file.name}; nothing was changed",
        )
    return OK


def _write_report(args: argparse.Namespace, preview: Any) -> Path:
    try:
        return preview.write_report(args.report)  # type: ignore[no-any-return]
    except OSError as exc:
        raise CommandError(
            USAGE, f"无法写入报告文件“{args.report}”：{exc.strerror or exc}", f"cannot write the report {args.report}"
        ) from exc


def _refused(args: argparse.Namespace, exc: Any) -> None:
    """With --json, a refused file still gets its JSON object on stdout (the error goes to stderr)."""
    if args.json:
        emit(
            {"new": 0, "updated": 0, "unchanged": 0, "rejected": [], "error": {"code": exc.code, "message": str(exc)}},
            True,
            [],
        )


def _lines(args: argparse.Namespace, data: dict[str, Any], written: bool, report: Path | None) -> list[str]:
    what = "学籍名册" if args.kind == "roster" else "适龄儿童登记表"
    head = f"{what}“{data['file']}”（工作表“{data['sheet']}”）"
    if args.dry_run:
        head += "：试运行，未写入数据库"
    elif written:
        head += "：已导入"
    else:
        head += "：没有需要写入的变化，数据库未改动"
    lines = [
        head,
        f"  新增 {data['new']} 人，更新 {data['updated']} 人，无变化 {data['unchanged']} 人，"
        f"未导入 {data['rejected_rows']} 行",
    ]
    for key, label in (("schools_added", "新学校"), ("classes_added", "新班级"), ("townships_added", "新乡镇")):
        names = data.get(key) or []
        if names:
            verb = "将添加" if args.dry_run else "已添加"
            most = 8 if key == "classes_added" else _MAX_LISTED
            shown = "、".join(names[:most]) + ("……" if len(names) > most else "")
            lines.append(f"  {verb}{label} {len(names)} 个：{shown}")
    rejected = data["rejected"]
    if rejected:
        lines.append("  未导入的行：")
        for item in rejected[:_MAX_LISTED]:
            lines.append(f"    工作表“{item['sheet']}”第 {item['row']} 行【{item['column']}】{item['message']}")
        if len(rejected) > _MAX_LISTED:
            lines.append(f"    ……另有 {len(rejected) - _MAX_LISTED} 条，完整列表请用 --report 保存为表格")
    for note in data.get("notes", [])[:_MAX_LISTED]:
        lines.append(f"  提示：第 {note['row']} 行 {note['message']}")
    if report is not None:
        lines.append(f"  未导入的行已保存到：{report}")
    if data.get("backup"):
        lines.append(f"  导入前的备份：{data['backup']}")
    return lines
