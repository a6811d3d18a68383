"""parse_file end to end: the shared samples, messy files, and every import reason code."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from kongchuo_desktop.importing import ImportFileError, parse_file
from tests.importing.importing_kit import ROSTER_HEADER, TODAY, make_id, roster_row, with_bad_check

# --------------------------------------------------------------------------- shared samples


def test_roster_sample_matches_expected(samples_dir):
    expected = json.loads((samples_dir / "roster_sample.expected.json").read_text("utf-8"))
    parsed = parse_file(samples_dir / expected["file"], expected["kind"], today=TODAY, duplicates="keep_first")
    assert parsed.data_rows == expected["data_rows"]
    assert parsed.valid == expected["valid"]
    reasons = {(r.row, r.reason) for r in parsed.rejected}
    for item in expected["reject"]:
        assert (item["sheet_row"], item["reason"]) in reasons, item
    assert set(parsed.rejected_rows) == {item["sheet_row"] for item in expected["reject"]}
    assert parsed.rejected_rows
    first, second = expected["duplicate_sheet_rows"]
    assert second in parsed.rejected_rows
    assert all(r.sheet == "学生名册" for r in parsed.rejected)


def test_roster_sample_duplicates_refuse_both_rows_by_default(samples_dir):
    expected = json.loads((samples_dir / "roster_sample.expected.json").read_text("utf-8"))
    parsed = parse_file(samples_dir / expected["file"], "roster", today=TODAY)
    first, second = expected["duplicate_sheet_rows"]
    dupes = {r.row: r for r in parsed.rejected if r.reason == "duplicate"}
    assert set(dupes) == {first, second}
    assert f"第{second}行" in dupes[first].message
    assert f"第{first}行" in dupes[second].message
    assert parsed.valid == expected["valid"] - 1
    assert parsed.data_rows == expected["data_rows"]


def test_roster_sample_values(samples_dir):
    parsed = parse_file(samples_dir / "roster_sample.xlsx", "roster", today=TODAY)
    by_row = {r.excel_row: r for r in parsed.records}
    first = by_row[4]
    assert first.sheet == "学生名册"
    assert first.values["name"] == "乔玉宁"
    assert first.values["grade"] == 8
    assert first.values["class_no"] == 1
    assert first.values["birth_date"] == dt.date(2013, 2, 1)
    assert first.values["ethnicity_code"] == "01"
    assert first.values["student_no"] == "G" + first.values["id_number"]
    assert first.values["left_behind"] == "双亲外出"
    assert first.values["boarding"] is False
    assert first.raw[4] == "乔玉宁"
    for record in parsed.records:
        values = record.values
        assert isinstance(values["grade"], int) and 1 <= values["grade"] <= 9
        assert values["sex"] in ("男", "女")
        assert isinstance(values["birth_date"], dt.date)
        assert len(values["id_number"]) == 18
        assert values["id_number"] == values["id_number"].upper().strip()
    excel_id = next(r for r in parsed.rejected if r.reason == "id_format")
    assert "Excel" in excel_id.message and "文本" in excel_id.message
    assert excel_id.column == "身份证件号"


def test_crosscheck_samples_parse(samples_dir):
    children = parse_file(samples_dir / "crosscheck_sample_children.xlsx", "children", today=TODAY)
    roster = parse_file(samples_dir / "crosscheck_sample_roster.xlsx", "roster", today=TODAY)
    assert children.valid == children.data_rows > 100
    assert roster.valid == roster.data_rows > 100
    expected = json.loads((samples_dir / "crosscheck_sample_crosscheck.expected.json").read_text("utf-8"))
    child_ids = {r.values["id_number"] for r in children.records}
    roster_ids = {r.values["id_number"] for r in roster.records}
    assert set(expected["not_enrolled"]) <= child_ids - roster_ids
    assert set(expected["missing_from_children"]) <= roster_ids - child_ids
    assert set(expected["not_school_age"]) <= child_ids
    assert all(r.values["sex"] in ("男", "女") for r in children.records)


# --------------------------------------------------------------------------- messy files


def _messy_rows() -> list[list]:
    """A roster with a merged title, header on row 4, full-width digits, all date spellings, bad rows."""
    dates = ["2015.3.2", "20150302", "2015/3/2", "2015-03-02", "2015年3月2日", "2015年03月", dt.date(2015, 3, 2)]
    birth = dt.date(2015, 3, 2)
    rows: list[list] = [
        ["金河镇中心学校2026年秋季学生名册"],
        [],
        ["填报单位：金河镇中心学校", None, None, "填报日期：2026年9月"],
    ]
    rows.append(
        ["序号", "年级", "班级", "姓名", "性别", "出生日期", "民族", "身份证件号", "全国学籍号", "是否留守儿童"]
    )
    for i, spelling in enumerate(dates, start=1):
        number = make_id(birth, i)
        rows.append(
            [
                i,
                "三年级",
                f"{i}班",
                f"学生{'甲乙丙丁戊己庚'[i - 1]}",
                "男",
                spelling,
                "汉族",
                number,
                "G" + number,
                "否",
            ]
        )
    full = make_id(birth, 20, male=False)
    full_width = (
        full[:6]
        + " "
        + full[6:14].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        + " "
        + full[14:].lower()
    )
    rows.append([8, "初一", "（2）班", "全角", "女", "2015.03.02", "蒙古", full_width, "", "是"])  # row 12: valid
    rows.append(
        [9, "三年级", "1班", "数字", "男", "2015-03-02", "汉族", 1.5078520150302e17, "", "否"]
    )  # row 13: id_format
    dup = make_id(birth, 30)
    rows.append([10, "三年级", "1班", "重复", "男", "2015-03-02", "汉族", dup, "", "否"])  # row 14
    rows.append([11, "四年级", "1班", "重复", "男", "2015-03-02", "汉族", dup, "", "否"])  # row 15
    rows.append(
        [12, "三年级", "1班", "长", "男", "2015-03-02", "汉族", make_id(birth, 40), "", "否" * 10_001]
    )  # row 16
    rows.append([None] * 10)  # row 17: blank
    rows.append(["合计", None, None, "12人"])  # row 18
    rows.append(["填表人：张老师", None, None, "审核人：李校长"])  # row 19
    return rows


def test_messy_xlsx(files):
    path = files.xlsx("messy.xlsx", _messy_rows(), merge=["A1:J1"], sheet="学生")
    parsed = parse_file(path, "roster", today=TODAY)
    assert parsed.layout.header_row == 4
    assert parsed.data_rows == 12
    assert parsed.valid == 8
    by_row = {r.excel_row: r.values for r in parsed.records}
    for row in range(5, 12):
        assert by_row[row]["birth_date"] == dt.date(2015, 3, 2)
        assert by_row[row]["school_name"] == "金河镇中心学校"
        assert by_row[row]["grade"] == 3
    assert by_row[12]["id_number"] == make_id(dt.date(2015, 3, 2), 20, male=False)
    assert by_row[12]["class_no"] == 2 and by_row[12]["grade"] == 7
    assert by_row[12]["ethnicity_code"] == "02"
    assert by_row[12]["left_behind"] == "双亲外出"
    reasons = {(r.row, r.reason, r.column) for r in parsed.rejected}
    assert (13, "id_format", "身份证件号") in reasons
    assert (14, "duplicate", "身份证件号") in reasons
    assert (15, "duplicate", "身份证件号") in reasons
    assert (16, "bad_value", "是否留守儿童") in reasons
    assert parsed.rejected_rows == [13, 14, 15, 16]
    messages = {r.row: r.message for r in parsed.rejected}
    assert "第15行" in messages[14] and "第14行" in messages[15]


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_roster(files, encoding):
    rows = [["学生名册"], ROSTER_HEADER] + [roster_row(i) for i in range(1, 6)]
    bad = roster_row(6)
    bad[8] = with_bad_check(bad[8])
    bad[9] = "G" + bad[8]
    rows.append(bad)
    path = files.csv(f"roster-{encoding}.csv", rows, encoding=encoding)
    parsed = parse_file(path, "roster", today=TODAY)
    assert parsed.valid == 5
    assert [(r.row, r.reason) for r in parsed.rejected] == [(8, "id_checksum")]
    assert parsed.records[0].excel_row == 3
    assert parsed.records[0].values["name"] == "学生一"


def test_csv_line_numbers_with_multiline_cells(files):
    rows = [ROSTER_HEADER + ["备注"], roster_row(1) + ["第一行\n第二行"], roster_row(2) + [""]]
    rows[2][5] = "女"  # contradicts the ID
    parsed = parse_file(files.csv("多行.csv", rows), "roster", today=TODAY)
    assert [(r.row, r.reason) for r in parsed.rejected] == [(4, "sex_mismatch")]


def test_ods_roster(files):
    rows = [ROSTER_HEADER] + [roster_row(i) for i in range(1, 4)]
    parsed = parse_file(files.ods("名册.ods", rows), "roster", today=TODAY)
    assert parsed.valid == 3


def _one(files, row, header=ROSTER_HEADER, kind="roster", **kwargs):
    parsed = parse_file(files.xlsx("one.xlsx", [header, row]), kind, today=TODAY, **kwargs)
    return parsed


def _reasons(parsed):
    return sorted(r.reason for r in parsed.rejected)


def test_id_checksum(files):
    row = roster_row(1)
    row[8] = with_bad_check(row[8])
    parsed = _one(files, row)
    assert _reasons(parsed) == ["id_checksum"]
    assert row[8] in parsed.rejected[0].message


def test_id_date(files):
    row = roster_row(1)
    first17 = row[8][:10] + "1332" + row[8][14:17]
    from kongchuo_desktop.domain.id_number import check_char

    row[8] = first17 + check_char(first17)
    row[9] = ""
    assert _reasons(_one(files, row)) == ["id_date"]


def test_id_format(files):
    row = roster_row(1)
    row[8] = "15078520150101"
    row[9] = ""
    assert _reasons(_one(files, row)) == ["id_format"]


def test_missing_fields(files):
    row = roster_row(1)
    row[2] = ""  # grade
    row[4] = " "  # name
    parsed = _one(files, row)
    assert _reasons(parsed) == ["missing_field", "missing_field"]
    assert {r.column for r in parsed.rejected} == {"年级", "姓名"}


def test_missing_id(files):
    row = roster_row(1)
    row[8] = ""
    row[9] = ""
    parsed = _one(files, row)
    assert _reasons(parsed) == ["missing_field"]
    assert parsed.rejected[0].column == "身份证件号"


def test_sex_mismatch(files):
    row = roster_row(1, male=True)
    row[5] = "女"
    parsed = _one(files, row)
    assert _reasons(parsed) == ["sex_mismatch"]
    assert parsed.rejected[0].column == "性别"


def test_birth_mismatch(files):
    row = roster_row(1, birth=dt.date(2015, 3, 2))
    row[6] = "2015.3.12"
    parsed = _one(files, row)
    assert _reasons(parsed) == ["birth_mismatch"]
    assert "2015年3月2日" in parsed.rejected[0].message


def test_month_only_birth_date_agreeing_with_the_id_takes_the_day_from_it(files):
    row = roster_row(1, birth=dt.date(2015, 3, 2))
    row[6] = "2015年03月"
    parsed = _one(files, row)
    assert parsed.valid == 1
    assert parsed.records[0].values["birth_date"] == dt.date(2015, 3, 2)
    row[6] = "2015年04月"
    assert _reasons(_one(files, row)) == ["birth_mismatch"]


def test_student_no_mismatch(files):
    row = roster_row(1)
    other = make_id(dt.date(2014, 1, 1), 9)
    row[9] = "G" + other
    parsed = _one(files, row)
    assert _reasons(parsed) == ["student_no_mismatch"]
    assert parsed.rejected[0].column == "全国学籍号"


def test_bad_student_no(files):
    row = roster_row(1)
    row[9] = "X123"
    assert _reasons(_one(files, row)) == ["bad_value"]


def test_bad_values(files):
    row = roster_row(1)
    row[2] = "高三"
    row[6] = "去年"
    row[7] = "火星族"
    parsed = _one(files, row)
    assert _reasons(parsed) == ["bad_value"] * 3
    assert [r.column for r in parsed.rejected] == ["年级", "出生日期", "民族"]


def test_long_cell_is_refused_not_the_file(files):
    rows = [ROSTER_HEADER + ["备注"], roster_row(1) + ["好"], roster_row(2) + ["长" * 10_001]]
    parsed = parse_file(files.xlsx("长.xlsx", rows), "roster", today=TODAY)
    assert parsed.valid == 1
    assert [(r.row, r.reason, r.column) for r in parsed.rejected] == [(3, "bad_value", "备注")]
    assert "10,000" in parsed.rejected[0].message


def test_fifteen_digit_id_is_upgraded(files):
    header = ["姓名", "性别", "身份证号", "年级", "学校"]
    parsed = _one(files, ["老张", "男", "150785990101001", "三年级", "金河镇中心学校"], header=header)
    assert parsed.valid == 1
    from kongchuo_desktop.domain.id_number import convert_15_to_18

    assert parsed.records[0].values["id_number"] == convert_15_to_18("150785990101001")
    assert parsed.records[0].values["birth_date"] == dt.date(1999, 1, 1)


def test_no_id_card_needs_a_student_no(files):
    header = ["姓名", "性别", "身份证件类型", "身份证件号", "学籍号", "年级", "学校"]
    ok = ["无证", "男", "无证件", "", "L15078520150302" + "0001", "三年级", "金河镇中心学校"]
    parsed = _one(files, ok, header=header)
    assert parsed.valid == 1, parsed.rejected
    assert parsed.records[0].values["id_type"] == "无证件"
    missing = ["无证", "男", "无证件", "", "", "三年级", "金河镇中心学校"]
    parsed = _one(files, missing, header=header)
    assert [(r.reason, r.column) for r in parsed.rejected] == [("missing_field", "学籍号")]


def test_id_taken_from_g_form_student_no(files):
    number = make_id(dt.date(2015, 3, 2), 3)
    header = ["姓名", "性别", "学籍号", "年级", "学校"]
    parsed = _one(files, ["学生", "男", "G" + number, "三年级", "金河镇中心学校"], header=header)
    assert parsed.valid == 1
    assert parsed.records[0].values["id_number"] == number
    assert parsed.records[0].values["birth_date"] == dt.date(2015, 3, 2)


def test_missing_required_column_refuses_the_file(files):
    path = files.xlsx(
        "缺列.xlsx", [["姓名", "身份证号", "性别"], ["张三", make_id(dt.date(2015, 1, 1)), "男"]], sheet="名册"
    )
    with pytest.raises(ImportFileError) as info:
        parse_file(path, "roster", today=TODAY)
    assert info.value.code == "missing_column"
    message = str(info.value)
    assert "年级" in message and "学校名称" in message and "缺列.xlsx" in message and "名册" in message


def test_default_school_fills_a_missing_school_column(files):
    path = files.xlsx(
        "无学校列.xlsx", [["姓名", "身份证号", "性别", "年级"], ["张三", make_id(dt.date(2015, 1, 1)), "男", "三年级"]]
    )
    parsed = parse_file(path, "roster", today=TODAY, default_school="金河镇中心学校")
    assert parsed.records[0].values["school_name"] == "金河镇中心学校"


def test_children_register(files):
    header = ["姓名", "公民身份号码", "户籍村", "就读情况", "外地就读学校", "现住址"]
    boy = make_id(dt.date(2016, 5, 1), 1, male=True)
    rows = [
        header,
        ["小明", boy, "向阳村", "外地", "海拉尔区第三小学", "根河市金河镇"],
        ["小红", make_id(dt.date(2016, 6, 1), 2, male=False), "向阳村", "在校", "", ""],
        ["小刚", "", "向阳村", "未入学", "", ""],
    ]
    parsed = parse_file(files.xlsx("儿童.xlsx", rows), "children", today=TODAY)
    assert parsed.valid == 2
    first = parsed.records[0].values
    assert first["situation"] == "外地就读"
    assert first["elsewhere_school"] == "海拉尔区第三小学"
    assert first["residence_address"] == "根河市金河镇"
    assert first["hukou_village"] == "向阳村"
    assert first["sex"] == "男" and first["birth_date"] == dt.date(2016, 5, 1)
    assert parsed.records[1].values["situation"] == "本地在校"
    assert [(r.row, r.reason) for r in parsed.rejected] == [(4, "missing_field")]


def test_children_register_approval_and_period(files):
    """One 缓（免）学期限 column gives both period_start and period_end; separate columns work too."""
    header = ["姓名", "身份证号", "就读情况", "审批单位", "缓（免）学期限"]
    rows = [
        header,
        ["小明", make_id(dt.date(2019, 5, 1), 1), "缓学", "根河市教育局", "2026年9月1日至2027年7月15日"],
        ["小红", make_id(dt.date(2019, 6, 1), 2), "本地在校", "", ""],
        ["小刚", make_id(dt.date(2019, 7, 1), 3), "缓学", "镇政府", "明年再说"],
    ]
    parsed = parse_file(files.xlsx("儿童.xlsx", rows), "children", today=TODAY)
    first, second = (r.values for r in parsed.records)
    assert first["approving_body"] == "根河市教育局" and "period" not in first
    assert (first["period_start"], first["period_end"]) == (dt.date(2026, 9, 1), dt.date(2027, 7, 15))
    assert (second["approving_body"], second["period_start"], second["period_end"]) == (None, None, None)
    [bad] = parsed.rejected
    assert (bad.row, bad.column, bad.reason) == (4, "缓（免）学期限", "bad_value") and "无法识别" in bad.message

    header = ["姓名", "身份证号", "批准单位", "起始日期", "截止日期"]
    row = ["小明", make_id(dt.date(2019, 5, 1), 1), "镇政府", "2026.9.1", "2027.7.15"]
    values = parse_file(files.xlsx("分列.xlsx", [header, row]), "children", today=TODAY).records[0].values
    assert (values["period_start"], values["period_end"]) == (dt.date(2026, 9, 1), dt.date(2027, 7, 15))


def test_too_many_data_rows(files):
    rows = [ROSTER_HEADER] + [roster_row(i) for i in range(1, 21)]
    path = files.xlsx("多.xlsx", rows)
    with pytest.raises(ImportFileError) as info:
        parse_file(path, "roster", today=TODAY, max_rows=15)
    assert info.value.code == "too_big"
    assert "15" in str(info.value)
    assert parse_file(path, "roster", today=TODAY, max_rows=20).valid == 20


def test_mapping_override_end_to_end(files):
    rows = [
        ["名字", "号码", "男女", "年", "校"],
        ["张三", make_id(dt.date(2015, 1, 1)), "男", "三年级", "金河镇中心学校"],
    ]
    path = files.xlsx("怪表头.xlsx", rows)
    with pytest.raises(ImportFileError):
        parse_file(path, "roster", today=TODAY)
    parsed = parse_file(
        path,
        "roster",
        today=TODAY,
        mapping_override={"名字": "name", "号码": "id_number", "男女": "sex", "年": "grade", "校": "school_name"},
    )
    assert parsed.valid == 1


def test_named_sheet(files):
    rows = [ROSTER_HEADER, roster_row(1)]
    path = files.xlsx(
        "两表.xlsx", rows, sheet="二班", first_sheets={"一班": [ROSTER_HEADER, roster_row(2), roster_row(3)]}
    )
    assert parse_file(path, "roster", today=TODAY).valid == 2
    assert parse_file(path, "roster", sheet="二班", today=TODAY).valid == 1


def test_rejection_as_dict_matches_the_cli_contract(files):
    row = roster_row(1)
    row[5] = "女"
    parsed = _one(files, row)
    assert parsed.rejected[0].as_dict() == {
        "sheet": "Sheet1",
        "row": 2,
        "column": "性别",
        "reason": "sex_mismatch",
        "message": parsed.rejected[0].message,
    }


def test_progress_is_reported(files):
    calls = []
    rows = [ROSTER_HEADER] + [roster_row(i) for i in range(1, 4)]
    parse_file(
        files.xlsx("p.xlsx", rows), "roster", today=TODAY, progress=lambda done, total: calls.append((done, total))
    )
    assert calls[-1] == (3, 3)


def test_not_a_spreadsheet_via_parse_file(files):
    with pytest.raises(ImportFileError) as info:
        parse_file(files.raw("照片.jpg", b"\xff\xd8\xff\xe0JFIF"), "roster")
    assert info.value.code == "not_spreadsheet"


XLS = Path(__file__).resolve().parent / "data" / "roster_biff8.xls"  # written once with xlwt


@pytest.mark.parametrize("name", ["名册.xls", "名册.et", "改了扩展名.xlsx"])
def test_xls_roster(tmp_path, name):
    path = tmp_path / name
    shutil.copyfile(XLS, path)
    parsed = parse_file(path, "roster", today=TODAY)
    assert parsed.layout.header_row == 3
    assert parsed.data_rows == 4
    assert parsed.valid == 3
    assert [(r.row, r.reason) for r in parsed.rejected] == [(7, "id_format")]
    assert parsed.records[0].values["birth_date"] == dt.date(2016, 2, 10)
    assert parsed.records[0].values["school_name"] == "金河镇中心学校"


def test_id_written_as_none_counts_as_empty(files):
    row = roster_row(1)
    row[8], row[9] = "无", ""
    parsed = _one(files, row)
    assert [(r.reason, r.column) for r in parsed.rejected] == [("missing_field", "身份证件号")]
    row[9] = "J15078520150108" + "0001"  # birth 2015-01-08 as in the row
    parsed = _one(files, row)
    assert parsed.valid == 1, parsed.rejected
    assert parsed.records[0].values["id_number"] is None


def test_parse_layout_after_confirming_a_mapping(files):
    from kongchuo_desktop.importing import locate_table, open_workbook, parse_layout

    rows = [["名字", "身份证号", "性别", "年级"], ["张三", make_id(dt.date(2015, 1, 1)), "男", "三年级"]]
    book = open_workbook(files.xlsx("确认.xlsx", rows))
    layout = locate_table(book, "roster", mapping_override={"名字": "name"})
    assert layout.mapping[0] == "name"
    parsed = parse_layout(layout, "roster", today=TODAY, default_school="金河镇中心学校")
    assert parsed.valid == 1
    assert parsed.records[0].values["school_name"] == "金河镇中心学校"
