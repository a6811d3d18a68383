"""The reject report: original header and cells, bad cells red with a comment, reasons, atomic write."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from kongchuo_desktop.importing import parse_file, write_rejects_xlsx
from tests.importing.importing_kit import ROSTER_HEADER, TODAY, roster_row, with_bad_check


def test_reject_report(files, tmp_path):
    good = roster_row(1)
    sex = roster_row(2)
    sex[5] = "女"
    two = roster_row(3)
    two[8] = with_bad_check(two[8])
    two[9] = ""
    two[2] = "高三"
    rows = [["根河市第一小学学生名册"], ROSTER_HEADER, good, sex, two]
    parsed = parse_file(files.xlsx("名册.xlsx", rows), "roster", today=TODAY)
    assert parsed.rejected_rows == [4, 5]

    out = tmp_path / "out" / "未导入.xlsx"
    assert write_rejects_xlsx(parsed, out) == out
    assert [p.name for p in out.parent.iterdir()] == ["未导入.xlsx"]  # no temporary file left behind

    book = load_workbook(out)
    sheet = book["未导入的行"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["原行号", *ROSTER_HEADER, "错误原因"]
    assert [row[0] for row in values[1:]] == [4, 5]

    sex_row = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert sex_row[6].value == "女"
    assert sex_row[6].fill.fill_type == "solid"
    assert "性别" in sex_row[6].comment.text
    assert sex_row[5].fill.fill_type in (None, "none")
    assert "【性别】" in sex_row[-1].value

    two_row = list(sheet.iter_rows(min_row=3, max_row=3))[0]
    red = [i for i, c in enumerate(two_row) if c.fill.fill_type == "solid"]
    assert red == [3, 9]  # 年级 and 身份证件号 (shifted by the 原行号 column)
    assert "校验位" in two_row[9].comment.text
    assert "；" in two_row[-1].value

    info = {row[0].value: row[1].value for row in book["说明"].iter_rows()}
    assert info["源文件"] == "名册.xlsx"
    assert info["未导入"] == 2
    assert info["可导入"] == 1


def test_report_keeps_dates_and_overwrites(files, tmp_path):
    row = roster_row(1, birth=dt.date(2015, 3, 2))
    row[6] = dt.date(2015, 3, 12)
    parsed = parse_file(files.xlsx("日期.xlsx", [ROSTER_HEADER, row]), "roster", today=TODAY)
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    write_rejects_xlsx(parsed, out)
    sheet = load_workbook(out)["未导入的行"]
    cell = sheet.cell(row=2, column=8)
    assert cell.value == dt.datetime(2015, 3, 12)
    assert cell.number_format == "yyyy-mm-dd"
    assert "出生日期" in sheet.cell(row=2, column=12).value


def test_report_for_csv_uses_line_numbers_and_never_writes_formulas(files, tmp_path):
    rows = [ROSTER_HEADER, roster_row(1), roster_row(2)]
    rows[2][4] = "=HYPERLINK(1)"
    parsed = parse_file(files.csv("名册.csv", rows, encoding="gbk"), "roster", today=TODAY)
    assert [(r.row, r.reason) for r in parsed.rejected] == [(3, "bad_value")]
    out = write_rejects_xlsx(parsed, tmp_path / "r.xlsx")
    sheet = load_workbook(out)["未导入的行"]
    assert sheet.cell(row=2, column=1).value == 3
    assert sheet.cell(row=2, column=6).value == "=HYPERLINK(1)"
    assert sheet.cell(row=2, column=6).data_type == "s"
