"""Bad files: each gets one Chinese message naming the file (and sheet, row, column where there is
one), and nothing is written."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.services.roster_import import ImportRefused, apply_import, preview_import
from kongchuo_desktop.store.models import Student
from tests.imports.conftest import roster_row
from tests.imports.support import ROSTER_HEADER, db_fingerprint, write_xlsx


def _ole(*stream_names: str) -> bytes:
    """A tiny fake OLE2 container naming these streams (what a password-protected .xlsx is)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3) + b"\x00" * 486
    entries = b""
    for name in ("Root Entry", *stream_names):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entries += encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded)) + b"\x00" * 62
    return header + entries.ljust(512, b"\x00")


def _good(folder: Path) -> Path:
    return write_xlsx(folder / "好.xlsx", [ROSTER_HEADER, roster_row(1), roster_row(2)])


def not_a_spreadsheet(folder: Path) -> Path:
    path = folder / "照片.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    return path


def corrupt_zip(folder: Path) -> Path:
    data = _good(folder).read_bytes()
    path = folder / "损坏.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def password_protected(folder: Path) -> Path:
    path = folder / "加密.xlsx"
    path.write_bytes(_ole("EncryptionInfo", "EncryptedPackage"))
    return path


def empty_sheet(folder: Path) -> Path:
    return write_xlsx(folder / "空表.xlsx", [], sheet="Sheet1")


def no_header(folder: Path) -> Path:
    rows = [["2026年秋季学期工作安排"], ["时间", "内容"], ["9月1日", "开学"], ["9月10日", "教师节"]]
    return write_xlsx(folder / "工作安排.xlsx", rows, sheet="安排")


def a_million_rows(folder: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "名册"
    sheet.append(ROSTER_HEADER)
    sheet.append(roster_row(1))
    sheet.cell(row=1_000_100, column=1, value="尾")  # the sheet reaches past 1,000,000 rows
    path = folder / "一百万行.xlsx"
    book.save(path)
    return path


def undecodable_text(folder: Path) -> Path:
    path = folder / "乱码.csv"
    header = ",".join(ROSTER_HEADER).encode("utf-8")
    path.write_bytes(header + b"\r\n" + bytes(range(0x80, 0x100)) * 4 + b"\r\n")
    return path


def missing_column(folder: Path) -> Path:
    header = [h for h in ROSTER_HEADER if h not in ("身份证件号", "全国学籍号")]
    row = [v for i, v in enumerate(roster_row(1)) if ROSTER_HEADER[i] not in ("身份证件号", "全国学籍号")]
    return write_xlsx(folder / "缺列.xlsx", [header, row], sheet="名册")


CASES: list[tuple[Callable[[Path], Path], str, str | None]] = [
    (not_a_spreadsheet, "not_spreadsheet", None),
    (corrupt_zip, "corrupt", None),
    (password_protected, "encrypted", None),
    (empty_sheet, "empty", None),
    (no_header, "no_header", "安排"),
    (a_million_rows, "too_big", "名册"),
    (undecodable_text, "bad_encoding", None),
    (missing_column, "missing_column", "名册"),
]


@pytest.mark.parametrize(("make", "code", "sheet"), CASES, ids=[c[1] for c in CASES])
def test_a_bad_file_is_refused_with_one_message_and_nothing_written(db, db_path, admin, tmp_path, make, code, sheet):
    path = make(tmp_path)
    before = db_fingerprint(db_path)
    with pytest.raises(ImportRefused) as caught:
        preview_import(db, admin, path, "roster")
    error = caught.value
    assert error.code == code
    message = str(error)
    assert path.name in message and "\n" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message.replace(path.name, ""))
    if sheet:
        assert sheet in message
    assert error.unreadable == (code in {"not_spreadsheet", "corrupt", "encrypted", "bad_encoding"})
    assert db_fingerprint(db_path) == before


def test_a_missing_file_is_refused(db, admin, tmp_path):
    with pytest.raises(ImportRefused) as caught:
        preview_import(db, admin, tmp_path / "不存在.xlsx", "roster")
    assert caught.value.code == "unreadable" and "不存在.xlsx" in str(caught.value)


def test_a_ten_thousand_character_cell_refuses_its_row_only(db, admin, tmp_path):
    rows = [roster_row(1), roster_row(2)]
    rows[1][12 - 1] = "1" * 10_001  # the phone cell
    rows[0][0] = "说明" * 6_000  # a long cell in an ignored column (序号) does no harm
    preview = preview_import(
        db, admin, write_xlsx(tmp_path / "长.xlsx", [ROSTER_HEADER, *rows], sheet="名册"), "roster"
    )
    assert preview.new == 1
    [problem] = preview.rejected
    assert (problem.sheet, problem.row, problem.column, problem.reason) == ("名册", 3, "联系电话", "bad_value")
    summary = apply_import(db, admin, preview)
    with db.read_session() as session:
        assert session.execute(select(Student.name)).scalars().all() == [roster_row(1)[4]]
    assert summary.rejected_rows == 1


def test_formula_cells_without_values_are_reported_by_row_and_column(db, admin, tmp_path):
    rows = [roster_row(1), roster_row(2)]
    rows[1][4] = '=CONCATENATE("张","三")'  # a formula name: the file keeps no computed value
    preview = preview_import(
        db, admin, write_xlsx(tmp_path / "公式.xlsx", [ROSTER_HEADER, *rows], sheet="名册"), "roster"
    )
    assert preview.new == 1
    [problem] = preview.rejected
    assert (problem.sheet, problem.row, problem.column, problem.reason) == ("名册", 3, "姓名", "missing_field")


def test_a_gbk_csv_is_read_as_gbk(db, admin, tmp_path):
    rows = [ROSTER_HEADER, roster_row(1), roster_row(2)]
    text = "\r\n".join(",".join(str(v) for v in row) for row in rows) + "\r\n"
    path = tmp_path / "名册-GBK.csv"
    path.write_bytes(text.encode("gbk"))
    preview = preview_import(db, admin, path, "roster")
    assert (preview.new, preview.rejected_rows) == (2, 0)
    apply_import(db, admin, preview)
    with db.read_session() as session:
        names = set(session.execute(select(Student.name)).scalars())
    assert names == {roster_row(1)[4], roster_row(2)[4]}


def test_a_file_with_no_valid_row_writes_nothing(db, db_path, admin, tmp_path):
    rows = [roster_row(1), roster_row(2)]
    for row in rows:
        row[8] = row[8][:17] + ("0" if row[8][17] != "0" else "1")  # wrong check character
        row[9] = ""
    path = write_xlsx(tmp_path / "全错.xlsx", [ROSTER_HEADER, *rows], sheet="名册")
    before = db_fingerprint(db_path)
    preview = preview_import(db, admin, path, "roster")
    assert preview.new + preview.updated + preview.unchanged == 0
    assert {r.reason for r in preview.rejected} == {"id_checksum"}
    summary = apply_import(db, admin, preview)
    assert not summary.written
    assert db_fingerprint(db_path) == before
