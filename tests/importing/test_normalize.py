"""Cell normalisers: each spelling offices use, and the reason code for what cannot be read."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.importing.errors import CellError
from kongchuo_desktop.importing.normalize import (
    MAX_CELL_CHARS,
    normalizer_for,
    parse_date,
    parse_date_ex,
    to_bool,
    to_class_no,
    to_ethnicity_code,
    to_grade,
    to_id_number,
    to_left_behind,
    to_name,
    to_period,
    to_phone,
    to_sex,
    to_student_no,
    to_text,
)

D = dt.date(2015, 3, 2)


@pytest.mark.parametrize(
    "raw",
    [
        "2015.3.2",
        "2015.03.02",
        "20150302",
        "2015/3/2",
        "2015-03-02",
        "2015年3月2日",
        "2015年03月02日",
        " 2015-3-2 ",
        "２０１５－０３－０２",
        "2015-03-02 00:00:00",
        "2015.3.2.",
        "2015 年 3 月 2 日",
        D,
        dt.datetime(2015, 3, 2, 8, 30),
        42065.0,
        42065,
        20150302.0,
    ],
)
def test_dates_every_spelling(raw):
    assert parse_date(raw) == D


@pytest.mark.parametrize("raw", ["2015年03月", "2015年3月", "2015.03", "2015-3", "201503", 201503.0])
def test_month_only_dates(raw):
    assert parse_date_ex(raw) == (dt.date(2015, 3, 1), False)


def test_excel_serials_around_the_1900_leap_bug():
    assert parse_date(1) == dt.date(1900, 1, 1)
    assert parse_date(59) == dt.date(1900, 2, 28)
    assert parse_date(61) == dt.date(1900, 3, 1)


@pytest.mark.parametrize(
    "raw",
    ["2015-02-30", "2015.13.1", "明年", "15.3.2", "0", 0.5, True, "2015年", float("inf"), float("-inf"), float("nan")],
)
def test_unreadable_dates(raw):
    with pytest.raises(CellError) as info:
        parse_date(raw)
    assert info.value.reason == "bad_value"
    assert "日期" in info.value.message


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        ("2026-09-01至2027-07-15", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),  # as services.ledgers writes it
        ("…至2027-07-15", (None, dt.date(2027, 7, 15))),
        ("2026-09-01至…", (dt.date(2026, 9, 1), None)),
        ("2026.9.1—2027.7.15", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
        ("2026年9月1日至2027年7月15日", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
        (" 2026/9/1 ~ 2027/7/15 ", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
        ("2026.9.1到2027.7.15", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
        ("2026.9.1-2027.7.15", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
        ("2026-09-01-2027-07-15", (dt.date(2026, 9, 1), dt.date(2027, 7, 15))),
    ],
)
def test_periods(raw, period):
    assert to_period(raw) == period
    assert normalizer_for("period")(raw) == period


@pytest.mark.parametrize(
    "raw", ["2026-09-01", "一年", "2026-09-01至明年", "2026-09-01至2027-02-30", "2027-09-01至2026-09-01", D, 46000]
)
def test_bad_periods(raw):
    with pytest.raises(CellError) as info:
        to_period(raw)
    assert info.value.reason == "bad_value"
    assert "缓（免）学期限" in info.value.message


@pytest.mark.parametrize(
    ("raw", "grade"),
    [
        ("一年级", 1),
        ("小学一年级", 1),
        ("初一", 7),
        ("七年级", 7),
        ("8", 8),
        (8.0, 8),
        ("九年级", 9),
        ("初三", 9),
        ("３", 3),
        ("三年级2班", 3),
    ],
)
def test_grades(raw, grade):
    assert to_grade(raw) == grade


@pytest.mark.parametrize("raw", ["高一", "十年级", "0", "学前班", True])
def test_bad_grades(raw):
    with pytest.raises(CellError) as info:
        to_grade(raw)
    assert info.value.reason == "bad_value"


@pytest.mark.parametrize(
    ("raw", "class_no"), [("2班", 2), (2.0, 2), ("（2）班", 2), ("二班", 2), ("02", 2), ("十二班", 12)]
)
def test_classes(raw, class_no):
    assert to_class_no(raw) == class_no


def test_bad_class():
    with pytest.raises(CellError):
        to_class_no("火箭班")


@pytest.mark.parametrize(
    ("raw", "sex"), [("男", "男"), ("女", "女"), ("1", "男"), (2.0, "女"), ("M", "男"), ("f", "女"), (" 男性 ", "男")]
)
def test_sex(raw, sex):
    assert to_sex(raw) == sex


def test_bad_sex():
    with pytest.raises(CellError) as info:
        to_sex("未知")
    assert info.value.reason == "bad_value"
    assert "未知" in info.value.message


@pytest.mark.parametrize("raw", ["是", "√", "✓", "Y", "y", "1", 1.0, True, "住校"])
def test_yes(raw):
    assert to_bool(raw) is True


@pytest.mark.parametrize("raw", ["否", "N", "0", 0.0, False, "无", "走读", "×"])
def test_no(raw):
    assert to_bool(raw) is False


def test_bad_yes_no():
    with pytest.raises(CellError):
        to_bool("也许")


def test_blank_cells_of_flag_columns_are_false():
    from kongchuo_desktop.importing.normalize import BLANK_DEFAULTS

    assert BLANK_DEFAULTS["migrant"] is False
    assert BLANK_DEFAULTS["left_behind"] == "无"


@pytest.mark.parametrize(
    ("raw", "value"), [("是", "双亲外出"), ("否", "无"), ("单亲外出", "单亲外出"), ("父亲外出", "单亲外出")]
)
def test_left_behind(raw, value):
    assert to_left_behind(raw) == value


@pytest.mark.parametrize(
    ("raw", "code"), [("汉族", "01"), ("蒙古", "02"), ("蒙古族", "02"), ("鄂温克族", "45"), ("2", "02"), (31.0, "31")]
)
def test_ethnicity(raw, code):
    assert to_ethnicity_code(raw) == code


def test_bad_ethnicity():
    with pytest.raises(CellError) as info:
        to_ethnicity_code("火星族")
    assert info.value.reason == "bad_value"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("150785201503020011", "150785201503020011"),
        ("１５０７８５２０１５０３０２００１x", "15078520150302001X"),
        (" 150785 20150302 0011 ", "150785201503020011"),
        ("'150785201503020011", "150785201503020011"),
        ('="150785201503020011"', "150785201503020011"),
        (150785150302001.0, "150785150302001"),
    ],
)
def test_id_numbers_are_normalised(raw, value):
    assert to_id_number(raw) == value


@pytest.mark.parametrize("raw", [1.522232020070667e17, "1.52223E+17", 152223202007066000.0])
def test_id_turned_into_a_number_by_excel(raw):
    with pytest.raises(CellError) as info:
        to_id_number(raw)
    assert info.value.reason == "id_format"
    assert "Excel" in info.value.message
    assert "文本" in info.value.message


def test_short_number_id_is_format_error():
    with pytest.raises(CellError) as info:
        to_id_number(12345.0)
    assert info.value.reason == "id_format"


def test_student_no_normalised():
    assert to_student_no(" g150785201503020011 ") == "G150785201503020011"
    assert to_student_no("Ｇ１５０７８５２０１５０３０２００１１") == "G150785201503020011"


def test_names():
    assert to_name(" 张  三 ") == "张三"
    assert to_name("阿依古丽.买买提") == "阿依古丽·买买提"
    with pytest.raises(CellError) as info:
        to_name("240人")
    assert info.value.reason == "bad_value"


def test_phones():
    assert to_phone(13566547192.0) == "13566547192"
    assert to_phone("135 6654 7192") == "13566547192"
    assert to_phone("13566547192/13912345678") == "13566547192"
    assert to_phone("无") is None
    assert to_phone("13566547192（父）") == "13566547192"
    assert to_phone("父亲：0470-1234567") == "04701234567"
    with pytest.raises(CellError):
        to_phone("1356654")


def test_full_width_text_becomes_half_width_digits_and_letters():
    assert to_text("根河市好里堡街道１８１号　") == "根河市好里堡街道181号"
    assert to_text(181.0) == "181"


def test_too_long_cell_is_bad_value():
    long = "长" * (MAX_CELL_CHARS + 1)
    for field in ("name", "note", "grade", "ethnicity_code", "hukou_address", "id_number", "sex"):
        with pytest.raises(CellError) as info:
            normalizer_for(field)(long)
        assert info.value.reason in ("bad_value", "id_format")
    with pytest.raises(CellError) as info:
        normalizer_for("note")(long)
    assert f"{MAX_CELL_CHARS:,}" in info.value.message


def test_address_over_its_column_limit():
    with pytest.raises(CellError) as info:
        normalizer_for("hukou_address")("村" * 201)
    assert info.value.reason == "bad_value"
    assert "太长" in info.value.message
