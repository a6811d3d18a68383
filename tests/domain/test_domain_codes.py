"""Tests for domain.codes (code lists, grade and class parsing)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_desktop.domain import codes


def test_code_lists() -> None:
    assert codes.SEXES == ("男", "女")
    assert codes.ID_TYPES == ("居民身份证", "港澳台居民居住证", "护照", "无证件")
    assert codes.HUKOU_NATURES == ("农业户口", "非农业户口", "居民户口")
    assert codes.LEFT_BEHIND == ("无", "单亲外出", "双亲外出")
    assert codes.DISABILITY_TYPES == ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
    assert codes.DISABILITY_ARRANGEMENTS == ("随班就读", "特教学校", "送教上门")
    assert codes.CHILD_SITUATIONS == (
        "本地在校",
        "外地就读",
        "随班就读",
        "特教学校",
        "送教上门",
        "缓学",
        "免学",
        "未入学",
        "辍学",
        "迁出",
        "死亡",
    )
    assert codes.GUARDIAN_RELATIONS == ("父亲", "母亲", "祖父", "祖母", "外祖父", "外祖母", "其他亲属", "其他")
    assert codes.STAFF_ROLES == ("教师", "班主任", "校长", "副校长", "乡镇干部", "村干部", "教育局")
    assert codes.SCHOOL_KINDS == ("小学", "初中", "九年一贯制", "特教学校")
    assert codes.SITE_TYPES == ("school", "township", "bureau")
    assert set(codes.SITE_TYPE_LABELS) == set(codes.SITE_TYPES)
    assert codes.site_type_label("school") == "学校"
    assert codes.site_type_label("bureau") == "教育局"
    assert [attr for attr, _ in codes.SPECIAL_GROUPS] == [
        "left_behind",
        "migrant",
        "disability_type",
        "poverty",
        "low_income",
        "orphan",
        "boarding",
    ]
    assert dict(codes.SPECIAL_GROUPS)["poverty"] == "脱贫户/建档立卡"


def test_grade_labels() -> None:
    assert [codes.grade_label(n) for n in range(1, 10)] == [
        "一年级",
        "二年级",
        "三年级",
        "四年级",
        "五年级",
        "六年级",
        "七年级（初一）",
        "八年级（初二）",
        "九年级（初三）",
    ]
    for bad in (0, 10, -1):
        with pytest.raises(ValueError):
            codes.grade_label(bad)


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("一年级", 1),
        ("六年级", 6),
        ("七年级", 7),
        ("九年级", 9),
        ("初一", 7),
        ("初二", 8),
        ("初三", 9),
        ("初1", 7),
        ("初3", 9),
        ("小学一年级", 1),
        ("小学六年级", 6),
        ("小学1年级", 1),
        ("初中一年级", 7),
        ("初中三年级", 9),
        ("初中1年级", 7),
        ("初中七年级", 7),
        ("初中九年级", 9),
        ("7", 7),
        ("07", 7),
        ("7.0", 7),
        (7, 7),
        ("7年级", 7),
        ("1年级", 1),
        ("７", 7),
        ("７年级", 7),
        ("初１", 7),
        (" 三 年级 ", 3),
        ("三", 3),
        ("七年级（初一）", 7),
        ("七年级(初一)", 7),
        ("九年级（初三）", 9),
    ],
)
def test_parse_grade(text: str | int, grade: int) -> None:
    assert codes.parse_grade(text) == grade


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        "10",
        "十年级",
        "初四",
        "初七",
        "小学七年级",
        "初中四年级",
        "高一",
        "一年级2班",
        "七年级（初二）",
        "年级",
        "初",
        "初中",
        "abc",
        "1.5",
        True,
    ],
)
def test_parse_grade_rejects(text: str | bool) -> None:
    assert codes.parse_grade(text) is None


def test_labels_parse_back() -> None:
    for n in range(1, 10):
        assert codes.parse_grade(codes.grade_label(n)) == n
        assert codes.parse_grade(str(n)) == n


@pytest.mark.parametrize(
    ("text", "class_no"),
    [
        ("2班", 2),
        ("(2)班", 2),
        ("（2）班", 2),
        ("2", 2),
        ("02", 2),
        ("二班", 2),
        ("２班", 2),
        ("（２）班", 2),
        ("(2)", 2),
        ("2.0", 2),
        (2, 2),
        ("十班", 10),
        ("十二班", 12),
        ("二十班", 20),
        ("二十三班", 23),
        ("12班", 12),
        (" 3 班 ", 3),
        ("两班", 2),
    ],
)
def test_parse_class_no(text: str | int, class_no: int) -> None:
    assert codes.parse_class_no(text) == class_no


@pytest.mark.parametrize("text", ["", "0", "0班", "班", "100", "一百班", "二二班", "十十班", "a班", "(2班", True])
def test_parse_class_no_rejects(text: str | bool) -> None:
    assert codes.parse_class_no(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("七年级（2）班", (7, 2)),
        ("初一2班", (7, 2)),
        ("初一二班", (7, 2)),
        ("三年级二班", (3, 2)),
        ("3年级(1)班", (3, 1)),
        ("一年级12班", (1, 12)),
        ("三年级二十班", (3, 20)),
        ("初中一年级3班", (7, 3)),
        ("七年级（初一）5班", (7, 5)),
    ],
)
def test_parse_grade_class(text: str, expected: tuple[int, int]) -> None:
    assert codes.parse_grade_class(text) == expected


@pytest.mark.parametrize("text", ["", "七年级", "2班", "高一2班", "十年级1班"])
def test_parse_grade_class_rejects(text: str) -> None:
    assert codes.parse_grade_class(text) is None


@given(st.integers(min_value=1, max_value=99))
def test_class_numbers_any_spelling(n: int) -> None:
    assert codes.parse_class_no(f"{n}班") == n
    assert codes.parse_class_no(f"（{n}）班") == n
    assert codes.parse_class_no(str(n)) == n


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=30))
def test_grade_class_combined(grade: int, class_no: int) -> None:
    assert codes.parse_grade_class(f"{codes.grade_label(grade)}（{class_no}）班") == (grade, class_no)
    assert codes.parse_grade_class(f"{grade}年级{class_no}班") == (grade, class_no)
