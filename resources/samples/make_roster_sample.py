"""Write the sample 学籍 roster `kongchuo self-test` imports (invented pupils, no real person).

Run from the checkout after changing the rows, then commit the output files:
    python resources/samples/make_roster_sample.py
Writes roster_sample.xlsx, shaped like the rosters schools export (a merged title row, a
"填报单位" line, the header on row 3, a blank row in the middle, a 合计 row at the end, IDs as
text with stray spaces, full-width digits or a lowercase x, dates spelt five ways, grades as
一年级 / 初一 / 7, classes as "2班" or 2), and roster_sample.expected.json: the rows an importer
must refuse (as Excel row numbers, with the DESIGN.md reason code) and how many are importable.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from kongchuo_desktop.domain.id_number import check_char  # noqa: E402

HEADER = [
    "序号", "学校名称", "年级", "班级", "姓名", "性别", "出生日期", "民族",
    "身份证号", "全国学籍号", "户口所在地", "现住址", "监护人", "联系电话", "是否留守儿童",
]  # fmt: skip
TITLE = "金河镇义务教育阶段学生花名册（2026年秋季学期）"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "子涵浩然欣怡宇轩梓萱一诺雨桐俊杰思远佳琪明哲若曦天佑诗涵嘉懿雅琳博文晨阳昊天瑞雪乐萌安琪志强秋月春燕海龙金花"
ETHNIC = ["汉族", "汉族", "汉族", "蒙古族", "满族", "鄂温克族", "回族", "达斡尔族"]
SCHOOLS = [("金河镇中心学校", range(1, 10)), ("金河镇第二小学", range(1, 7))]
AREA = "150785"
GRADE_WORDS = {
    1: "一年级",
    2: "二年级",
    3: "三年级",
    4: "四年级",
    5: "五年级",
    6: "六年级",
    7: "初一",
    8: "初二",
    9: "初三",
}
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
PUPILS = 30


def make_id(birth: dt.date, serial: int, male: bool) -> str:
    """A well-formed 18-digit ID number (odd 17th digit for boys)."""
    seq = serial * 2 + (1 if male else 0)
    first17 = f"{AREA}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + check_char(first17)


def spell_date(day: dt.date, style: int) -> object:
    """Dates as schools type them: a real date cell or one of several text spellings."""
    return [day, f"{day:%Y%m%d}", f"{day:%Y.%m.%d}", f"{day.year}/{day.month}/{day.day}", f"{day:%Y-%m-%d}"][style % 5]


def build_rows() -> tuple[list[list[object]], list[dict[str, object]], int]:
    """The data rows (as written), the expected refusals, and how many rows are importable."""
    rng = random.Random(20260910)
    rows: list[list[object]] = []
    for i in range(PUPILS):
        school, grades = SCHOOLS[i % 2]
        grade = rng.choice(list(grades))
        birth = dt.date(2026 - 6 - grade, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
        male = rng.random() < 0.5
        id_number = make_id(birth, 100 + i, male)
        grade_cell = GRADE_WORDS[grade] if i % 3 else str(grade)
        if grade >= 7 and i % 4 == 0:
            grade_cell = f"{grade}年级" if grade != 7 else "七年级"
        id_cell = id_number
        if i % 7 == 3:
            id_cell = f" {id_number} "
        elif i % 11 == 5:
            id_cell = id_number[:6].translate(FULL_WIDTH) + id_number[6:]
        if id_cell.endswith("X") and i % 2:
            id_cell = id_cell[:-1] + "x"
        rows.append([
            i + 1, school, grade_cell, f"{rng.randint(1, 3)}班" if i % 2 else rng.randint(1, 3),
            rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)), "男" if male else "女",
            spell_date(birth, i), rng.choice(ETHNIC), id_cell, "G" + id_number,
            "内蒙古自治区呼伦贝尔市根河市", f"根河市金河镇{rng.randint(1, 300)}号",
            rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)), f"13{rng.randint(100000000, 999999999)}",
            "是" if rng.random() < 0.2 else "否",
        ])  # fmt: skip

    header_row = 3  # Excel row of the header; data row k (0-based) is on row header_row + 1 + k
    refusals: list[tuple[int, str]] = []  # (data index, reason)

    def refuse(index: int, reason: str) -> None:
        refusals.append((index, reason))

    # A check character typed wrong.
    ident = str(rows[4][8]).strip()
    rows[4][8] = ident[:17] + ("0" if ident[17] != "0" else "1")
    refuse(4, "id_checksum")
    # Sex contradicting the ID.
    rows[9][5] = "女" if rows[9][5] == "男" else "男"
    refuse(9, "sex_mismatch")
    # No name.
    rows[13][4] = ""
    refuse(13, "missing_field")
    # An ID that Excel turned into a number (digits lost after the 15th).
    rows[17][8] = float(make_id(dt.date(2016, 5, 4), 977, True)[:17] + "0")
    refuse(17, "id_format")
    # An impossible birth date inside the ID (30 February), with a correct check character.
    first17 = f"{AREA}20150230{123:03d}"
    rows[21][8] = first17 + check_char(first17)
    rows[21][6] = ""
    rows[21][9] = ""
    refuse(21, "id_date")
    # The same pupil entered twice (the second copy is refused).
    duplicate = list(rows[2])
    duplicate[0] = len(rows) + 1
    rows.append(duplicate)
    refuse(len(rows) - 1, "duplicate")

    blank_after = 15  # a blank row in the middle shifts every later row down by one
    expected = []
    for index, reason in sorted(refusals):
        sheet_row = header_row + 1 + index + (1 if index >= blank_after else 0)
        expected.append({"sheet_row": sheet_row, "reason": reason})
    return rows, expected, len(rows) - len(refusals)


def write(out_dir: Path = HERE) -> tuple[Path, Path]:
    """Write the workbook and its expectations; returns both paths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows, expected, valid = build_rows()
    book = Workbook()
    sheet = book.active
    sheet.title = "学生花名册"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["填报单位（盖章）：金河镇教育办", "", "", "", "", "", "", "", "填报日期：2026年9月10日"])
    sheet.append(HEADER)
    for index, row in enumerate(rows):
        if index == 15:
            sheet.append([])
        sheet.append(row)
    sheet.append([])
    sheet.append(["合计", "", "", "", f"{len(rows)}人"])
    for column, width in zip("ABCDEFGHIJKLMNO", (6, 18, 8, 6, 10, 6, 12, 10, 22, 22, 28, 22, 10, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["G"][3:]:
        if isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    xlsx = out_dir / "roster_sample.xlsx"
    book.properties.creator = "kongchuo make_roster_sample.py"
    book.properties.created = dt.datetime(2026, 9, 10, 8, 0, 0)
    book.properties.modified = dt.datetime(2026, 9, 10, 8, 0, 0)
    book.save(xlsx)
    summary = {
        "file": xlsx.name,
        "kind": "roster",
        "data_rows": len(rows),
        "valid": valid,
        "reject": expected,
    }
    expected_path = out_dir / "roster_sample.expected.json"
    expected_path.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return xlsx, expected_path


if __name__ == "__main__":
    for path in write():
        print(path.name)
