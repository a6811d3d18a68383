"""Finding the table in a sheet: header row under titles, column mapping, which rows are people."""

from __future__ import annotations

import pytest

from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.reader import Sheet, open_workbook
from kongchuo_desktop.importing.table import (
    find_table,
    header_signature,
    iter_data_rows,
    locate_table,
    school_from_title,
)

ROW = ["张三", "男", "150785201501010011"]


def sheet(rows, name="名册") -> Sheet:
    return Sheet(name=name, rows=rows, file_name="测试.xlsx")


def test_header_below_title_rows():
    layout = find_table(sheet([["2026年秋季学生名册"], [], ["填报单位：金河镇"], ["姓名", "性别", "身份证号"], ROW]))
    assert layout is not None
    assert layout.header_row_index == 3
    assert layout.header_row == 4
    assert layout.mapping == {0: "name", 1: "sex", 2: "id_number"}
    assert layout.data_start == 4
    assert "2026年秋季学生名册" in layout.title


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("学生姓名", "name"),
        ("儿童姓名", "name"),
        ("身份证件号", "id_number"),
        ("证件号码", "id_number"),
        ("公民身份号码", "id_number"),
        ("身份证号码", "id_number"),
        ("全国学籍号", "student_no"),
        ("学籍辅号", "student_no"),
        ("出生年月", "birth_date"),
        ("所在年级", "grade"),
        ("班", "class_no"),
        ("就读学校", "school_name"),
        ("户口所在地", "hukou_address"),
        ("家庭住址", "current_address"),
        ("入学年月", "enrolled_on"),
        ("寄宿生", "boarding"),
        ("是否留守", "left_behind"),
        ("是否随迁子女", "migrant"),
        ("残疾类型", "disability_type"),
        ("安置方式", "disability_arrangement"),
        ("建档立卡", "poverty"),
        ("低保", "low_income"),
        ("孤儿", "orphan"),
        ("家长姓名", "guardian1_name"),
        ("与学生关系", "guardian1_relation"),
        ("监护人电话", "guardian1_phone"),
        ("备注", "note"),
        ("身份证号（必填）", "id_number"),
        ("＊姓 名", "name"),
        ("出生日期\n(yyyy-mm-dd)", "birth_date"),
        ("是否建档立卡贫困户", "poverty"),
        ("民族", "ethnicity_code"),
        ("身份证件类型", "id_type"),
    ],
)
def test_roster_header_synonyms(header, field):
    layout = find_table(sheet([["姓名", "性别", header] if field != "name" else [header, "性别", "身份证号"]]))
    assert layout is not None
    assert field in layout.mapping.values()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("乡镇", "township_name"),
        ("所属乡镇", "township_name"),
        ("村(居)委会", "hukou_village"),
        ("户籍村", "hukou_village"),
        ("就读情况", "situation"),
        ("在学情况", "situation"),
        ("外地就读学校", "elsewhere_school"),
        ("现住址", "residence_address"),
        ("居住地址", "residence_address"),
    ],
)
def test_children_header_synonyms(header, field):
    layout = find_table(sheet([["姓名", "身份证号", header]]), kind="children")
    assert layout is not None
    assert layout.mapping[2] == field


def test_guardian_header_under_a_guardian_group():
    rows = [
        ["学生信息", None, None, "监护人信息", None],
        ["姓名", "性别", "身份证号", "姓名", "电话"],
        ["张三", "男", "150785201501010011", "张大", "13566547192"],
    ]
    layout = find_table(sheet(rows))
    assert layout.mapping == {0: "name", 1: "sex", 2: "id_number", 3: "guardian1_name", 4: "guardian1_phone"}
    assert layout.headers[3] == "监护人信息 姓名"
    assert layout.data_start == 2


def test_row_above_the_header_that_is_no_group_row_leaves_headers_alone():
    rows = [["2026年秋季", "金河镇"], ["学生姓名", "性别", "身份证号"], ["张三", "男", "150785201501010011"]]
    layout = find_table(sheet(rows))
    assert layout.headers == ["学生姓名", "性别", "身份证号"]
    assert layout.mapping == {0: "name", 1: "sex", 2: "id_number"}


def test_guardian_header_with_a_sub_header_row():
    rows = [
        ["学生姓名", "性别", "身份证号", "监护人", None],
        [None, None, None, "姓名", "联系电话"],
        ["张三", "男", "150785201501010011", "张大", "13566547192"],
    ]
    layout = find_table(sheet(rows))
    assert layout.mapping == {0: "name", 1: "sex", 2: "id_number", 3: "guardian1_name", 4: "guardian1_phone"}
    assert layout.data_start == 2


def test_second_guardian_columns_go_to_slot_two():
    rows = [["姓名", "身份证号", "监护人姓名", "联系电话", "监护人姓名", "联系电话"]]
    layout = find_table(sheet(rows))
    assert layout.mapping[4] == "guardian2_name"
    assert layout.mapping[5] == "guardian2_phone"


def test_father_and_mother_columns_imply_relations():
    layout = find_table(sheet([["姓名", "身份证号", "父亲姓名", "母亲姓名"]]))
    assert layout.mapping[2] == "guardian1_name"
    assert layout.mapping[3] == "guardian2_name"
    assert layout.defaults == {"guardian1_relation": "父亲", "guardian2_relation": "母亲"}


def test_best_synonym_wins_when_two_columns_claim_a_field():
    layout = find_table(sheet([["姓名", "学籍辅号", "全国学籍号", "身份证号"]]))
    assert layout.mapping[2] == "student_no"
    assert 1 not in layout.mapping
    assert "学籍辅号" in layout.unmapped_headers


def test_unmapped_headers_are_listed():
    layout = find_table(sheet([["序号", "姓名", "身份证号", "爱好"]]))
    assert layout.unmapped_headers == ["序号", "爱好"]


def test_mapping_override():
    rows = [["名字", "号码", "爱好"], ["张三", "150785201501010011", "画画"]]
    assert find_table(sheet(rows)) is None
    layout = find_table(sheet(rows), mapping_override={"名字": "name", "号码": "id_number", "爱好": "note"})
    assert layout.mapping == {0: "name", 1: "id_number", 2: "note"}
    layout = find_table(sheet([["姓名", "身份证号", "备注"]]), mapping_override={"备注": None})
    assert 2 not in layout.mapping
    assert layout.unmapped_headers == []


def test_mapping_override_rejects_unknown_fields():
    with pytest.raises(ValueError):
        find_table(sheet([["姓名", "身份证号"]]), mapping_override={"姓名": "shoe_size"})


def test_signature_is_stable_and_depends_on_the_header():
    a = find_table(sheet([["标题"], ["姓名", "身份证号", "性别"]]))
    b = find_table(sheet([["姓 名", "身份证号", "性别", None], ["张三"]]))
    c = find_table(sheet([["姓名", "性别", "身份证号"]]))
    assert a.signature == b.signature
    assert a.signature != c.signature
    assert header_signature(["姓名", "身份证号", "性别"]) == a.signature


def test_data_rows_skip_blank_total_note_and_repeated_header_rows():
    rows = [
        ["序号", "姓名", "性别", "身份证号"],
        [1, "张三", "男", "150785201501010011"],
        [2, None, "  ", None],
        [3, "李四", "女", "150785201502020022"],
        ["小计", "2人", None, None],
        ["序号", "姓名", "性别", "身份证号"],
        [4, "王五", "男", "150785201503030033"],
        ["合 计", None, None, None, "3人"],
        ["填表人：赵六", None, "审核人：钱七"],
        ["说明：", "1. 身份证号请用文本格式"],
        ["1. 身份证号请用文本格式", "孙八", "男", "150785201504040044"],
    ]
    layout = find_table(sheet(rows))
    assert [index for index, _ in iter_data_rows(layout)] == [1, 3, 6]


def test_school_from_title():
    assert school_from_title("根河市第一小学2026年秋季学生名册") == "根河市第一小学"
    assert school_from_title("2026年金河镇中心学校学生花名册") == "金河镇中心学校"
    assert school_from_title("根河市义务教育阶段学生名册（2026年秋季学期）") is None
    assert school_from_title("根河市中小学学生名册") is None


def test_title_school_becomes_a_default_when_there_is_no_school_column():
    layout = find_table(sheet([["根河市第一小学学生名册"], ["姓名", "性别", "身份证号", "年级"]]))
    assert layout.defaults == {"school_name": "根河市第一小学"}
    with_column = find_table(sheet([["根河市第一小学学生名册"], ["学校", "姓名", "身份证号"]]))
    assert with_column.defaults == {}


def test_no_header_names_file_and_sheet(files):
    path = files.xlsx("乱表.xlsx", [["甲", "乙"], [1, 2]], sheet="第一页")
    book = open_workbook(path)
    with pytest.raises(ImportFileError) as info:
        locate_table(book)
    assert info.value.code == "no_header"
    assert "乱表.xlsx" in str(info.value) and "第一页" in str(info.value)


def test_empty_workbook(files):
    path = files.xlsx("空表.xlsx", [], sheet="Sheet1")
    with pytest.raises(ImportFileError) as info:
        locate_table(open_workbook(path))
    assert info.value.code == "empty"
    assert "空表.xlsx" in str(info.value)


def test_empty_named_sheet(files):
    path = files.xlsx("两表.xlsx", [["姓名", "身份证号"]], sheet="名册", first_sheets={"空": []})
    with pytest.raises(ImportFileError) as info:
        locate_table(open_workbook(path), sheet="空")
    assert info.value.code == "no_header"
    assert "空" in str(info.value)


def test_first_sheet_with_a_header_is_used(files):
    path = files.xlsx(
        "多表.xlsx",
        [["姓名", "身份证号"], ["张三", "150785201501010011"]],
        sheet="名册",
        first_sheets={"封面": [["学生名册"], ["2026年"]], "隐藏": [["姓名", "身份证号"]]},
        hidden=["隐藏"],
    )
    layout = locate_table(open_workbook(path))
    assert layout.sheet.name == "名册"
    named = locate_table(open_workbook(path), sheet="隐藏")
    assert named.sheet.name == "隐藏"
