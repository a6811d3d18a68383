"""Code lists (Chinese values stored as-is) and parsing of grade and class spellings."""

from __future__ import annotations

import re
import unicodedata

SEXES: tuple[str, ...] = ("男", "女")
ID_TYPES: tuple[str, ...] = ("居民身份证", "港澳台居民居住证", "护照", "无证件")
HUKOU_NATURES: tuple[str, ...] = ("农业户口", "非农业户口", "居民户口")
LEFT_BEHIND: tuple[str, ...] = ("无", "单亲外出", "双亲外出")
DISABILITY_TYPES: tuple[str, ...] = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
DISABILITY_ARRANGEMENTS: tuple[str, ...] = ("随班就读", "特教学校", "送教上门")
CHILD_SITUATIONS: tuple[str, ...] = (
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
GUARDIAN_RELATIONS: tuple[str, ...] = (
    "父亲",
    "母亲",
    "祖父",
    "祖母",
    "外祖父",
    "外祖母",
    "其他亲属",
    "其他",
)
STAFF_ROLES: tuple[str, ...] = ("教师", "班主任", "校长", "副校长", "乡镇干部", "村干部", "教育局")
SCHOOL_KINDS: tuple[str, ...] = ("小学", "初中", "九年一贯制", "特教学校")

SITE_TYPES: tuple[str, ...] = ("school", "township", "bureau")
SITE_TYPE_LABELS: dict[str, str] = {
    "school": "学校",
    "township": "乡镇（街道）教育办",
    "bureau": "教育局",
}

SPECIAL_GROUPS: list[tuple[str, str]] = [
    ("left_behind", "留守"),
    ("migrant", "随迁"),
    ("disability_type", "残疾"),
    ("poverty", "脱贫户/建档立卡"),
    ("low_income", "低保"),
    ("orphan", "孤儿"),
    ("boarding", "寄宿"),
]

GRADE_NAMES: dict[int, str] = {
    1: "一年级",
    2: "二年级",
    3: "三年级",
    4: "四年级",
    5: "五年级",
    6: "六年级",
    7: "七年级（初一）",
    8: "八年级（初二）",
    9: "九年级（初三）",
}
PRIMARY_GRADES = range(1, 7)
JUNIOR_GRADES = range(7, 10)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def site_type_label(site_type: str) -> str:
    """Chinese label of a site type ("school" → "学校")."""
    return SITE_TYPE_LABELS[site_type]


def grade_label(n: int) -> str:
    """Label of grade 1 … 9 ("一年级" … "九年级（初三）"); raises ValueError otherwise."""
    try:
        return GRADE_NAMES[n]
    except KeyError:
        raise ValueError(f"年级“{n}”不存在，应为1到9") from None


def _clean(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", value)


def _number(text: str) -> int | None:
    """1–99 from "7", "07", "7.0", "七", "十二", "二十", "二十三"; else None."""
    if re.fullmatch(r"[0-9]{1,2}(\.0+)?", text):
        return int(float(text))
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1:
        return None
    ten_value = _CN_DIGITS[tens] if tens else 1
    unit_value = _CN_DIGITS[units] if units else 0
    if ten_value == 0:
        return None
    return ten_value * 10 + unit_value


def _grade_value(text: str) -> int | None:
    """A grade number with an optional 年级 suffix: "7", "7年级", "七年级", "七"."""
    if text.endswith("年级"):
        text = text[:-2]
    return _number(text)


def parse_grade(text: str | int) -> int | None:
    """1–9 from 一年级, 小学一年级, 七年级, 初一, 初1, 初中一年级, 7, 7年级, ７, "七年级（初一）"; else None."""
    if isinstance(text, bool):
        return None
    value = _clean(text)
    # Our own label "七年级（初一）" and "初一（七年级）": both halves must agree.
    paren = re.fullmatch(r"(.+?)\((.+)\)", value)
    if paren is not None:
        first, second = parse_grade(paren.group(1)), parse_grade(paren.group(2))
        return first if first is not None and first == second else None
    if value.startswith("小学"):
        n = _grade_value(value[2:])
        return n if n in PRIMARY_GRADES else None
    for prefix in ("初中", "初"):
        if value.startswith(prefix):
            n = _grade_value(value[len(prefix) :])
            if n is None:
                return None
            if 1 <= n <= 3:
                return n + 6
            if prefix == "初中" and n in JUNIOR_GRADES:
                return n
            return None
    n = _grade_value(value)
    return n if n is not None and 1 <= n <= 9 else None


def parse_class_no(text: str | int) -> int | None:
    """1–99 from 2班, (2)班, （2）班, 2, 02, 二班, 十二班, "2.0"; else None."""
    if isinstance(text, bool):
        return None
    value = _clean(text)
    match = re.fullmatch(r"\(([^()]+)\)班?|([^()]+?)班?", value)
    if match is None:
        return None
    n = _number(match.group(1) or match.group(2) or "")
    return n if n is not None and 1 <= n <= 99 else None


def parse_grade_class(text: str) -> tuple[int, int] | None:
    """(grade, class) from a combined cell: "七年级（2）班", "初一2班", "三年级二班", "3年级(1)班"."""
    value = _clean(text)
    if not value.endswith("班"):
        return None
    # Try the shortest class part first: "初一二班" is 初一 + 二班.
    for split in range(len(value) - 2, 0, -1):
        grade = parse_grade(value[:split])
        if grade is None:
            continue
        class_no = parse_class_no(value[split:])
        if class_no is not None:
            return grade, class_no
    return None
