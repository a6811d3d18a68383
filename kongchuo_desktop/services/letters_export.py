"""Export the letter register (控辍责任状登记表) to .xlsx, written to a temporary name and renamed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.letters import LetterRow, list_letters
from kongchuo_desktop.store.database import Database

HEADERS = (
    ("编号", 20), ("类别", 22), ("学年", 12), ("甲方", 24), ("乙方", 24), ("班级/对象", 20), ("名单人数", 10),
    ("模板版本", 10), ("状态", 10), ("发放日期", 12), ("签回日期", 12), ("扫描件", 8), ("考核结果", 10), ("原因", 40),
)  # fmt: skip


def _values(row: LetterRow) -> list[object]:
    return [
        row.number, row.kind_label, row.school_year, row.party_a, row.party_b, row.subject, row.pupils,
        f"第{row.template_version}版", row.status, row.issued_on, row.signed_on, "有" if row.has_scan else "无",
        row.assessment or "", row.assessment_reason or "",
    ]  # fmt: skip


def export_register(
    db: Database, actor: Actor, out: str | Path, rows: Sequence[LetterRow] | None = None, **filters: object
) -> int:
    """Write `rows` (or the register filtered like `list_letters(**filters)`) to `out`; returns the count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    actor.require(perms.LETTERS_MAKE)
    if rows is None:
        rows = list_letters(db, actor, **filters)  # type: ignore[arg-type]
    out = Path(out)
    book = Workbook()
    sheet = book.active
    sheet.title = "责任状登记"
    sheet.append([h for h, _w in HEADERS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F3")
    for i, (_h, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=i)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    for row in rows:
        sheet.append(_values(row))
    for cells in sheet.iter_rows(min_row=2, min_col=10, max_col=11):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        book.save(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(rows)
