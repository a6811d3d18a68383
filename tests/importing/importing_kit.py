"""Helpers for the importer tests: valid ID numbers and roster rows (imported by the test modules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kongchuo_desktop.domain.id_number import check_char

TODAY = dt.date(2026, 9, 1)

ROSTER_HEADER = ["序号", "学校名称", "年级", "班级", "姓名", "性别", "出生日期", "民族", "身份证件号", "全国学籍号"]


def make_id(birth: dt.date, seq: int = 1, area: str = "150785", male: bool = True) -> str:
    """A valid 18-character ID number (sex digit chosen by `male`)."""
    seq3 = (seq % 500) * 2 + (1 if male else 0)  # odd 17th digit = male
    first17 = f"{area}{birth:%Y%m%d}{seq3:03d}"
    return first17 + check_char(first17)


def with_bad_check(number: str) -> str:
    """The same ID number with a wrong check character."""
    good = number[17]
    return number[:17] + ("0" if good != "0" else "1")


def roster_row(i: int, *, birth: dt.date | None = None, male: bool = True, school: str = "根河市第一小学") -> list[Any]:
    """A valid roster row matching ROSTER_HEADER."""
    birth = birth or dt.date(2015, 1, 1) + dt.timedelta(days=i * 7)
    number = make_id(birth, i, male=male)
    return [
        i,
        school,
        "三年级",
        "2班",
        f"学生{_cn(i)}",
        "男" if male else "女",
        birth.isoformat(),
        "汉族",
        number,
        "G" + number,
    ]


def _cn(i: int) -> str:
    digits = "零一二三四五六七八九"
    return "".join(digits[int(d)] for d in str(i))
