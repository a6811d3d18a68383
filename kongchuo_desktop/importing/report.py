"""Write the rows an import refused to an .xlsx: original cells, bad cells in red with a comment, reasons."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

from kongchuo_desktop.importing.parse import ParsedFile, Rejection

__all__ = ["write_rejects_xlsx"]

_EXCEL_CELL_LIMIT = 32_767
_RED = "FFFF9999"


def write_rejects_xlsx(parsed: ParsedFile, out_path: str | os.PathLike[str]) -> Path:
    """Save the refused rows of `parsed` to `out_path` (written to a temporary file, then renamed).

    Sheet 未导入的行: 原行号, the file's own header, then 错误原因; each bad cell is filled red
    and carries a comment with its message. Sheet 说明 names the source file and the counts.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    out = Path(out_path)
    layout = parsed.layout
    by_row: dict[int, list[Rejection]] = {}
    for rejection in parsed.rejected:
        by_row.setdefault(rejection.row, []).append(rejection)
    width = max([len(layout.headers)] + [len(cells) for cells in parsed.rejected_cells.values()])
    headers = list(layout.headers) + [""] * (width - len(layout.headers))

    book = Workbook(write_only=True)
    sheet = book.create_sheet("未导入的行")
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 8
    for c in range(width):
        sheet.column_dimensions[get_column_letter(c + 2)].width = 14 if c not in layout.mapping else 16
    sheet.column_dimensions[get_column_letter(width + 2)].width = 60

    bold = Font(bold=True)
    red = PatternFill("solid", start_color=_RED, end_color=_RED)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(value: Any, **style: Any) -> WriteOnlyCell:
        out_cell = WriteOnlyCell(sheet, value=_safe(value))
        if isinstance(out_cell.value, str):
            out_cell.data_type = "s"  # never a formula, even when the text starts with "="
        if isinstance(value, dt.datetime):
            out_cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            out_cell.number_format = "yyyy-mm-dd"
        for key, item in style.items():
            setattr(out_cell, key, item)
        return out_cell

    sheet.append([cell("原行号", font=bold)] + [cell(h, font=bold) for h in headers] + [cell("错误原因", font=bold)])
    for row_no in sorted(parsed.rejected_cells):
        original = parsed.rejected_cells[row_no]
        problems = by_row.get(row_no, [])
        per_column: dict[int, list[str]] = {}
        for problem in problems:
            if problem.column_index is not None:
                per_column.setdefault(problem.column_index, []).append(problem.message)
        cells = [cell(row_no)]
        for c in range(width):
            value = original[c] if c < len(original) else None
            if c in per_column:
                marked = cell(value, fill=red)
                marked.comment = Comment("\n".join(per_column[c]), "控辍保学台账", width=300, height=120)
                cells.append(marked)
            else:
                cells.append(cell(value))
        reasons = "；".join(f"【{p.column}】{p.message}" if p.column else p.message for p in problems)
        cells.append(cell(reasons, alignment=wrap))
        sheet.append(cells)

    info = book.create_sheet("说明")
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 60
    for label, value in (
        ("源文件", parsed.path.name),
        ("工作表", parsed.sheet),
        ("表头所在行", layout.header_row),
        ("数据行数", parsed.data_rows),
        ("可导入", parsed.valid),
        ("未导入", len(parsed.rejected_cells)),
        ("说明", "红色单元格有问题，鼠标移到上面可看到原因；改正后可把这些行复制回原表重新导入。"),
    ):
        info.append([cell(label, font=bold), cell(value)])

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_name = out.with_name(f".{out.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        book.save(tmp_name)
        os.replace(tmp_name, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return out


def _safe(value: Any) -> Any:
    """A cell value openpyxl can write: no control characters, at most 32,767 characters."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > _EXCEL_CELL_LIMIT:
            value = value[: _EXCEL_CELL_LIMIT - 20] + "…（内容过长，已截断）"
        return value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value
