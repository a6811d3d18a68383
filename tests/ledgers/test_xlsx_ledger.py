"""documents.xlsx_ledger: the styled ledger sheet — layout, print setup, borders, types — and safe writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from kongchuo_desktop.documents.xlsx_ledger import Column, LedgerSheet, column_letter, sheet_name, write_ledger

COLUMNS = [Column("姓名", 8, "center"), Column("出生日期", 11, "date"), Column("身份证件号", 20, "id"),
           Column("年级", 6, "int"), Column("户籍地址", 20, "wrap"), Column("备注", 12)]  # fmt: skip
ROWS = [
    ["张三", dt.date(2015, 3, 2), "150785201503021234", 3, "内蒙古根河市红旗村", None],
    ["李四", None, "15078520150302123X", 4, "", "A&B <c> d"],
    ["王五", dt.date(2016, 1, 1), "000123", 5, " 前后有空格 ", "控制\x01字符"],
]


def sample(rows: list[list[object]] | None = None, **extra: object) -> LedgerSheet:
    values = {"name": "学生名册", "title": "得耳布尔镇学生名册", "columns": COLUMNS, "rows": ROWS if rows is None else rows,
              "unit": "得耳布尔镇教育办", "date": dt.date(2026, 9, 10), "info": "2026—2027学年", "total": 3}  # fmt: skip
    values.update(extra)
    return LedgerSheet(**values)  # type: ignore[arg-type]


def test_layout_and_print_setup(tmp_path: Path) -> None:
    out = tmp_path / "名册.xlsx"
    assert write_ledger(out, [sample(notes=("注：演示。",))]) == [3]
    book = openpyxl.load_workbook(out)
    sheet = book["学生名册"]
    last = column_letter(len(COLUMNS) + 1)
    assert sheet["A1"].value == "得耳布尔镇学生名册" and sheet["A1"].font.bold and sheet["A1"].font.sz == 16
    assert f"A1:{last}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "填报单位：得耳布尔镇教育办"
    row2 = [c.value for c in sheet[2] if c.value]
    assert row2 == ["填报单位：得耳布尔镇教育办", "2026—2027学年", "填报日期：2026年9月10日"]
    header = [c.value for c in sheet[3]]
    assert header == ["序号", "姓名", "出生日期", "身份证件号", "年级", "户籍地址", "备注"]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("D9D9D9") for c in sheet[3])
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == "9"
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_options.horizontalCentered
    assert "&P" in sheet.oddFooter.center.text
    assert sheet.column_dimensions["A"].width == 6 and sheet.column_dimensions["D"].width == 20


def test_data_cells_are_typed_and_bordered(tmp_path: Path) -> None:
    out = tmp_path / "名册.xlsx"
    write_ledger(out, [sample(notes=("注：演示。",))])
    sheet = openpyxl.load_workbook(out)["学生名册"]
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=6)]
    assert [r[0] for r in data] == [1, 2, 3]
    assert data[0][1:5] == ["张三", dt.datetime(2015, 3, 2), "150785201503021234", 3]
    assert data[1][2] is None and data[1][5] is None and data[1][6] == "A&B <c> d"
    assert data[2][3] == "000123"  # text stays text, leading zeros kept
    assert data[2][5] == " 前后有空格 " and data[2][6] == "控制字符"
    for row in sheet.iter_rows(min_row=3, max_row=6, max_col=len(COLUMNS) + 1):
        for cell in row:  # every cell of the table, empty ones too
            assert all(getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
    assert sheet["C4"].number_format == "yyyy-mm-dd" and sheet["D4"].number_format == "@"
    assert sheet["F4"].alignment.wrap_text and sheet["B4"].alignment.horizontal == "center"
    assert sheet["A7"].value == "注：演示。"
    assert sheet["A9"].value.startswith("填表人") and "审核人" in sheet["A9"].value
    # python-calamine (what the importer reads with) sees the same values.
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("学生名册").to_python()
    assert rows[3][1:5] == ["张三", dt.date(2015, 3, 2), "150785201503021234", 3.0]


def test_empty_ledger_and_several_sheets(tmp_path: Path) -> None:
    out = tmp_path / "多表.xlsx"
    counts = write_ledger(
        out,
        [sample([], notes=("注：暂无记录。",), serial=False), sample(name="学生名册"), sample(name="a/b:c*" * 8)],
    )
    assert counts == [0, 3, 3]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["学生名册", "学生名册(2)", sheet_name("a/b:c*" * 8)]
    assert book.sheetnames[2] == "abc" * 8 and sheet_name("名" * 40) == "名" * 31
    empty = book.worksheets[0]
    assert empty["A3"].value == "姓名" and empty["A4"].value == "注：暂无记录。"


def test_written_through_a_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "名册.xlsx"
    out.write_bytes(b"old")

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    many = ([f"学生{i}", None, str(i), i, "", ""] for i in range(5000))
    with pytest.raises(KeyboardInterrupt):
        write_ledger(out, [sample(list(many), total=5000)], cancel)
    assert out.read_bytes() == b"old"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]  # no leftovers
    with pytest.raises(ValueError):
        write_ledger(out, [sample([["只有一列"]])])
    assert out.read_bytes() == b"old" and len(list(tmp_path.iterdir())) == 1
    seen: list[tuple[int, int]] = []
    write_ledger(out, [sample([[f"学生{i}", None, str(i), i, "", ""] for i in range(4500)], total=4500)],
                 lambda d, t: seen.append((d, t)))  # fmt: skip
    assert seen[0] == (2000, 4500) and seen[-1] == (4500, 4500)
    assert openpyxl.load_workbook(out).active.max_row == 4503 + 2  # title rows + data + signature line
