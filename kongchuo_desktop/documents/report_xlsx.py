"""Report workbooks in the official table layout: per part (sheet) a merged title, the 填报单位 /
统计时段 / 填报日期 line, tables with merged multi-row headers and borders, notes, the sign-off
(填报人, 审核人, 单位负责人) with room for the seal, and print setup (A4 landscape, one page wide,
header rows repeated). Written to a temporary name beside the target and renamed.

The styling follows xlsx_ledger (宋体 body, 黑体 title, grey header); the reports are small, so
openpyxl's normal mode writes them directly. No Qt and no database here.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from kongchuo_desktop.documents.xlsx_ledger import (
    BODY_FONT,
    FOOTER_TEXT,
    HEADER_FILL,
    TITLE_FONT,
    column_letter,
    date_text,
    sheet_name,
)
from kongchuo_desktop.services.reports.layout import Part, ReportLayout

SIGN_OFF = ("填报人：{made_by}", "审核人：", "单位负责人（签字）：")
SEAL_TEXT = "（单位盖章）"
SEAL_ROWS = 4
PROBLEM_COLOUR = "C0392B"


def write_report_xlsx(path: str | Path, layout: ReportLayout) -> Path:
    """Write `layout` as a workbook at `path` (one sheet per part); returns the path."""
    from openpyxl import Workbook

    target = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for part in layout.parts:
        name = sheet_name(part.name)
        while name in used:
            name = sheet_name(name[:28] + str(len(used)))
        used.add(name)
        _write_part(wb.create_sheet(name), part)
    wb.properties.title = layout.title
    wb.properties.creator = "控辍保学台账"
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _write_part(ws: Any, part: Part) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    width = max((len(t.columns) for t in part.tables), default=8)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=BODY_FONT, size=11)
    bold = Font(name=BODY_FONT, size=11, bold=True)
    header_font = Font(name=TITLE_FONT, size=11)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)

    last = column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = part.title
    ws["A1"].font = Font(name=TITLE_FONT, size=18, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    third = max(1, width // 3)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=third)
    ws.cell(2, 1, f"填报单位：{part.unit}").font = body
    ws.merge_cells(start_row=2, start_column=third + 1, end_row=2, end_column=max(third + 1, width - third))
    ws.cell(2, third + 1, part.period).font = body
    ws.cell(2, third + 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=2, start_column=max(third + 2, width - third + 1), end_row=2, end_column=width)
    date_cell = ws.cell(2, max(third + 2, width - third + 1), f"填报日期：{date_text(part.made_on)}")
    date_cell.font = body
    date_cell.alignment = Alignment(horizontal="right")
    row = 3
    for problem in part.problems:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row, 1, problem)
        cell.font = Font(name=BODY_FONT, size=12, bold=True, color=PROBLEM_COLOUR)
        cell.alignment = left
        ws.row_dimensions[row].height = 36
        row += 1
    widths: dict[int, float] = {}
    first_header: tuple[int, int] | None = None
    for table in part.tables:
        if table.heading:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            ws.cell(row, 1, table.heading).font = Font(name=TITLE_FONT, size=12)
            row += 1
        top = row
        for text, r, c, rspan, cspan in table.header_cells():
            if rspan > 1 or cspan > 1:
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rspan - 1, end_column=c + cspan)
            cell = ws.cell(top + r, c + 1, text)
            cell.font, cell.fill, cell.alignment = header_font, fill, centre
        for r in range(top, top + table.depth):
            for c in range(1, len(table.columns) + 1):
                ws.cell(r, c).border = border
                ws.cell(r, c).fill = fill
        if first_header is None:
            first_header = (top, top + table.depth - 1)
        row = top + table.depth
        for i, values in enumerate(table.rows):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row, c, value)
                cell.border = border
                cell.font = bold if i in table.bold else body
                cell.alignment = centre if c > 1 and isinstance(value, int) else left if c == 1 else centre
            row += 1
        for c, (_path, w) in enumerate(table.columns, start=1):
            widths[c] = max(widths.get(c, 0), w)
        row += 1
    for c, w in widths.items():
        ws.column_dimensions[column_letter(c)].width = w * 1.15
    for note in part.notes:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row, 1, f"注：{note}")
        cell.font = Font(name=BODY_FONT, size=10)
        cell.alignment = left
        ws.row_dimensions[row].height = 30 if len(note) > 60 else 18
        row += 1
    if part.signoff:
        row += 1
        third = max(1, width // 3)
        starts = (1, third + 1, 2 * third + 1)
        ends = (third, 2 * third, width)
        for text, start, end in zip(SIGN_OFF, starts, ends, strict=True):
            ws.merge_cells(start_row=row, start_column=start, end_row=row, end_column=end)
            ws.cell(row, start, text.format(made_by=part.made_by)).font = Font(name=BODY_FONT, size=12)
        ws.row_dimensions[row].height = 28
        seal_top = row + 1
        ws.merge_cells(
            start_row=seal_top, start_column=2 * third + 1, end_row=seal_top + SEAL_ROWS - 1, end_column=width
        )
        seal = ws.cell(seal_top, 2 * third + 1, SEAL_TEXT)
        seal.font = Font(name=BODY_FONT, size=12)
        seal.alignment = Alignment(horizontal="center", vertical="bottom")
        for r in range(seal_top, seal_top + SEAL_ROWS):
            ws.row_dimensions[r].height = 22
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.oddFooter.center.text = FOOTER_TEXT
    if first_header is not None:
        ws.print_title_rows = f"{first_header[0]}:{first_header[1]}"
        ws.freeze_panes = ws.cell(first_header[1] + 1, 2)
