"""The monthly reports as printed pages: parts (sheets / PDF sections) of titled tables with
multi-level headers, notes and the sign-off — one content model that report_xlsx and report_pdf
both render, so the workbook and the PDF always say the same thing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kongchuo_desktop.services.reports import rows as R
from kongchuo_desktop.services.reports.dropouts import COLUMNS as DROPOUT_COLUMNS
from kongchuo_desktop.services.reports.dropouts import KEYS as DROPOUT_KEYS
from kongchuo_desktop.services.reports.monthly import MonthlyReport

Path = tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A ruled table: columns as header paths (("本月增加", "转入", "县内") spans three header rows;
    shorter paths reach down to the last header row) with widths in characters; rows of cells;
    bold: row indexes set in bold (subtotals, totals); heading: a line above the table."""

    columns: Sequence[tuple[Path, float]]
    rows: Sequence[Sequence[Any]]
    heading: str = ""
    bold: frozenset[int] = frozenset()

    @property
    def depth(self) -> int:
        return max(len(path) for path, _ in self.columns)

    def header_cells(self) -> list[tuple[str, int, int, int, int]]:
        """(text, first row, first column, row span, column span), rows and columns from 0."""
        depth = self.depth
        cells = []
        for level in range(depth):
            col = 0
            while col < len(self.columns):
                path = self.columns[col][0]
                if level >= len(path):
                    col += 1
                    continue
                span = 1
                while (
                    col + span < len(self.columns)
                    and len(self.columns[col + span][0]) > level
                    and self.columns[col + span][0][: level + 1] == path[: level + 1]
                    and level < len(path) - 1
                ):
                    span += 1
                rows = depth - level if level == len(path) - 1 else 1
                cells.append((path[level], level, col, rows, span))
                col += span
        return cells


@dataclass(frozen=True)
class Part:
    """One sheet of the workbook / one section of the PDF: name (sheet tab), title, the 填报单位
    line's parts, tables, notes ("注：…" lines), problems (shown in red: data checks that failed),
    and whether the sign-off (填报人, 审核人, 盖章) closes it."""

    name: str
    title: str
    unit: str
    period: str
    made_on: dt.date
    tables: Sequence[Table]
    notes: Sequence[str] = ()
    problems: Sequence[str] = ()
    signoff: bool = True
    made_by: str = ""


@dataclass
class ReportLayout:
    """All parts of one export, and the document title."""

    title: str
    parts: list[Part] = field(default_factory=list)


def _changes_columns(first: str) -> list[tuple[Path, float]]:
    out: list[tuple[Path, float]] = [((first,), 11)]
    for key, group, header in R.COLUMNS:
        path = (*[g for g in group.split("|") if g], header)
        width = 9 if key in ("opening", "closing", "absent") else 5.2
        out.append((path, width))
    return out


def _changes_rows(rows: Sequence[R.Row]) -> tuple[list[list[Any]], frozenset[int]]:
    return [[r.label, *r.cells()] for r in rows], frozenset(
        i for i, r in enumerate(rows) if r.kind != "grade" and r.kind != "unit"
    )


def _period_text(report: MonthlyReport) -> str:
    p = report.period
    return f"统计时段：{p.start.year}年{p.start.month}月{p.start.day}日—{p.end.month}月{p.end.day}日"


def changes_part(report: MonthlyReport) -> Part:
    """The 学籍变动月报 (or, when it does not add up, the data check that replaces it)."""
    ch = report.changes
    assert ch is not None
    title = f"{report.title_prefix}学籍变动月报表"
    common = dict(
        unit=report.scope.unit_label, period=_period_text(report), made_on=report.made_on, made_by=report.made_by
    )
    if not ch.adds_up:
        problem_rows = [
            [unit, row.label, row.values["opening"], row.values["add_total"], row.values["remove_total"],
             row.values["expected"], row.values["closing"], f"{row.values['difference']:+d}"]
            for unit, row in ch.row_problems
        ]  # fmt: skip
        pupil_rows = [
            [p.school, p.grade, p.name, f"{p.difference:+d}", "；".join(p.details)] for p in ch.pupil_problems
        ]
        tables = [
            Table(
                [(("单位",), 16), (("年级",), 10), (("上月末",), 8), (("增加",), 7), (("减少",), 7),
                 (("应为",), 8), (("实为",), 8), (("相差",), 7)],
                problem_rows,
                heading="一、不平衡的行（上月末＋增加－减少≠本月末）",
            ),
            Table(
                [(("学校",), 20), (("年级",), 9), (("姓名",), 9), (("相差",), 6), (("说明",), 70)],
                pupil_rows,
                heading="二、记录有矛盾的学生（请在学籍异动中核对更正后重新生成）",
            ),
        ]  # fmt: skip
        return Part(
            "数据核对", f"{title}（数据核对未通过，不能上报）", tables=tables, problems=[report.problem_line()],
            signoff=False, **common,
        )  # fmt: skip
    grade_rows, bold = _changes_rows(ch.grade_rows)
    tables = [Table(_changes_columns("年级"), grade_rows, bold=bold)]
    if ch.unit_rows:
        unit_rows, unit_bold = _changes_rows(ch.unit_rows)
        first = "乡镇（街道）" if report.scope.kind == "city" else "学校"
        heading = "分乡镇（街道）汇总" if report.scope.kind == "city" else "分学校汇总"
        tables.append(Table(_changes_columns(first), unit_rows, heading=heading, bold=unit_bold))
    notes = [*ch.notes, "数据核对：各行均满足“上月末在校生数＋本月增加－本月减少＝本月末在校生数”。"]
    return Part("学籍变动月报", title, tables=tables, notes=notes, **common)


def _dropout_table(first: str, rows: list[tuple[str, dict[str, int]]], heading: str, totals: bool = True) -> Table:
    columns: list[tuple[Path, float]] = [((first,), 22)] + [((label,), 12) for _, label in DROPOUT_COLUMNS]
    body = [[label, *(values[k] for k in DROPOUT_KEYS)] for label, values in rows]
    bold = frozenset(i for i, (label, _) in enumerate(rows) if totals and label in ("合计", "小学小计", "初中小计"))
    return Table(columns, body, heading=heading, bold=bold)


def dropouts_parts(report: MonthlyReport) -> list[Part]:
    """The 辍学情况月报 and its appendix, the name list."""
    d = report.dropouts
    assert d is not None
    common = dict(
        unit=report.scope.unit_label, period=_period_text(report), made_on=report.made_on, made_by=report.made_by
    )
    tables = [
        _dropout_table("学校", d.by_school, "一、分学校"),
        _dropout_table("年级", d.by_grade, "二、分年级"),
        _dropout_table("原因", d.by_reason, "三、分原因"),
        _dropout_table("特殊群体", d.by_group, "四、特殊群体（一人可属多个群体）", totals=False),
    ]
    main = Part("辍学情况月报", f"{report.title_prefix}辍学情况月报表", tables=tables, notes=d.notes, **common)
    names = [
        [i, e.category, e.name, e.sex, e.student_no, e.school, e.grade, e.day.isoformat() if e.day else "", e.reason,
         e.groups, e.case_number]
        for i, e in enumerate(d.names, start=1)
    ]  # fmt: skip
    columns: list[tuple[Path, float]] = [
        (("序号",), 5), (("类别",), 14), (("姓名",), 9), (("性别",), 5), (("学籍号",), 21), (("学校",), 20),
        (("年级",), 8), (("日期",), 11), (("原因",), 14), (("特殊群体",), 12), (("个案编号",), 14),
    ]  # fmt: skip
    appendix = Part(
        "辍学学生名单", f"{report.title_prefix}辍学情况月报表附件：学生名单",
        tables=[Table(columns, names)], notes=() if names else ("本月无需列名的学生。",), signoff=False, **common,
    )  # fmt: skip
    return [main, appendix]


def report_layout(report: MonthlyReport) -> ReportLayout:
    """Every part of `report` in print order."""
    layout = ReportLayout(f"{report.title_prefix}月报")
    if report.changes is not None:
        layout.parts.append(changes_part(report))
    if report.dropouts is not None:
        layout.parts.extend(dropouts_parts(report))
    return layout
