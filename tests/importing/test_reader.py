"""Reading spreadsheet files: formats, encodings, delimiters, and files that must be refused."""

from __future__ import annotations

import datetime as dt
import struct

import pytest

from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.reader import open_workbook, read_workbook, sniff_delimiter

ROWS = [
    ["姓名", "身份证号", "出生日期"],
    ["张三", "150785201501010011", "2015-01-01"],
    ["李四", "150785201502020022", "2015.2.2"],
]


def _error(path, **kwargs) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        read_workbook(path, **kwargs)
    return info.value


def test_xlsx_cells_keep_their_types_and_row_positions(files):
    path = files.xlsx("名册.xlsx", [["标题"], [], ["姓名", "日期", "数"], ["张三", dt.date(2015, 3, 2), 7]])
    (sheet,) = read_workbook(path)
    assert sheet.name == "Sheet1"
    assert sheet.rows[0][0] == "标题"
    assert sheet.rows[3][0] == "张三"
    assert sheet.rows[3][1] in (dt.date(2015, 3, 2), dt.datetime(2015, 3, 2))
    assert sheet.rows[3][2] == 7
    assert sheet.row_number(3) == 4


def test_sheet_starting_below_and_right_keeps_absolute_row_numbers(files):
    path = files.xlsx("偏移.xlsx", [[], [], [None, None, "姓名"], [None, None, "张三"]])
    (sheet,) = read_workbook(path)
    assert sheet.rows[3][2] == "张三"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(files, encoding):
    path = files.csv(f"名册-{encoding}.csv", ROWS, encoding=encoding)
    (sheet,) = read_workbook(path)
    assert sheet.rows[0] == ["姓名", "身份证号", "出生日期"]
    assert sheet.rows[2][0] == "李四"
    assert sheet.name == f"名册-{encoding}"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_delimiters(files, delimiter):
    path = files.csv("名册.csv", ROWS, delimiter=delimiter)
    (sheet,) = read_workbook(path)
    assert sheet.rows[1] == ["张三", "150785201501010011", "2015-01-01"]


def test_csv_delimiter_ignores_commas_inside_a_tab_file():
    text = "姓名\t地址\n张三\t根河市,好里堡\n李四\t金河镇,1号\n"
    assert sniff_delimiter(text) == "\t"


def test_csv_row_numbers_follow_lines_when_a_cell_spans_lines(files):
    path = files.raw("多行.csv", '姓名,备注\n张三,"第一行\n第二行"\n李四,无\n'.encode())
    (sheet,) = read_workbook(path)
    assert sheet.rows[2] == ["李四", "无"]
    assert sheet.row_number(1) == 2
    assert sheet.row_number(2) == 4


def test_csv_that_is_neither_utf8_nor_gbk_is_refused(files):
    path = files.raw("乱码.csv", "姓名,身份证号\n".encode() + b"\x80\x80,\xff\n")
    error = _error(path)
    assert error.code == "bad_encoding"
    assert "乱码.csv" in str(error)


def test_csv_with_binary_content_is_refused(files):
    path = files.raw("图片.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _error(path).code == "not_spreadsheet"


def test_ods_is_read(files):
    path = files.ods("名册.ods", ROWS)
    (sheet,) = read_workbook(path)
    assert sheet.name == "名册"
    assert sheet.rows[1][1] == "150785201501010011"


def test_html_saved_as_xls_is_read(files):
    html = (
        "<html><head><meta charset='gbk'></head><body><table>"
        "<tr><td colspan='3'>学生名册</td></tr>"
        "<tr><th>姓名</th><th>身份证号</th><th>出生日期</th></tr>"
        "<tr><td>张三</td><td>150785201501010011</td><td>2015-01-01</td></tr>"
        "</table></body></html>"
    )
    path = files.raw("系统导出.xls", html.encode("gbk"))
    (sheet,) = read_workbook(path)
    assert sheet.rows[0] == ["学生名册", "", ""]
    assert sheet.rows[2] == ["张三", "150785201501010011", "2015-01-01"]


def test_empty_file(files):
    error = _error(files.raw("空.xlsx", b""))
    assert error.code == "empty"
    assert "空.xlsx" in str(error)


def test_blank_csv(files):
    assert _error(files.raw("空白.csv", b"\r\n  \r\n")).code == "empty"


def test_missing_file(tmp_path):
    error = _error(tmp_path / "不存在.xlsx")
    assert error.code == "unreadable"
    assert "不存在.xlsx" in str(error)


def test_not_a_spreadsheet_by_extension(files):
    error = _error(files.raw("通知.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
    assert error.code == "not_spreadsheet"
    assert "通知.pdf" in str(error)


def test_text_renamed_to_xlsx(files):
    error = _error(files.raw("假表格.xlsx", "姓名,身份证号\n张三,1\n".encode()))
    assert error.code in ("corrupt", "not_spreadsheet")
    assert "假表格.xlsx" in str(error)


def test_word_document_renamed_to_xlsx(files, tmp_path):
    import zipfile

    path = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    error = _error(path)
    assert error.code == "not_spreadsheet"
    assert "Word" in str(error)


def test_corrupt_zip(files):
    good = files.xlsx("好.xlsx", ROWS).read_bytes()
    error = _error(files.raw("坏.xlsx", good[: len(good) // 2]))
    assert error.code == "corrupt"
    assert "坏.xlsx" in str(error)


def _ole(*stream_names: str) -> bytes:
    """A tiny fake OLE2 container: the magic, a header, and directory entry names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\x00" * 486
    entries = b""
    for name in ("Root Entry", *stream_names):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entries += encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded)) + b"\x00" * 62
    return header + entries.ljust(512, b"\x00")


def test_password_protected_xlsx(files):
    path = files.raw("加密.xlsx", _ole("EncryptionInfo", "EncryptedPackage"))
    error = _error(path)
    assert error.code == "encrypted"
    assert "加密.xlsx" in str(error)
    assert "密码" in str(error)


def test_ole_file_without_a_workbook(files):
    error = _error(files.raw("文档.xls", _ole("WordDocument")))
    assert error.code == "not_spreadsheet"


def test_broken_xls(files):
    error = _error(files.raw("坏.xls", _ole("Workbook")))
    assert error.code == "corrupt"
    assert "坏.xls" in str(error)


def test_too_many_rows_xlsx(files):
    rows = [["姓名"]] + [[f"学生{i}"] for i in range(200)]
    error = _error(files.xlsx("大.xlsx", rows), max_rows=100)
    assert error.code == "too_big"
    assert "100" in str(error) and "大.xlsx" in str(error)


def test_too_many_rows_csv(files):
    rows = [["姓名"]] + [[f"学生{i}"] for i in range(200)]
    error = _error(files.csv("大.csv", rows), max_rows=100)
    assert error.code == "too_big"


def test_sheets_are_read_on_demand_and_hidden_ones_flagged(files):
    path = files.xlsx("多表.xlsx", ROWS, sheet="名册", extra_sheets={"隐藏": [["x"]]}, hidden=["隐藏"])
    book = open_workbook(path)
    try:
        assert book.sheet_names == ["名册", "隐藏"]
        assert book.hidden == {"隐藏"}
        assert book.read("隐藏").hidden
        with pytest.raises(ImportFileError) as info:
            book.read("没有")
        assert info.value.code == "no_sheet"
        assert "名册" in str(info.value)
    finally:
        book.close()
