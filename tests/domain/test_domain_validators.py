"""Tests for domain.validators (phone, name, date)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_desktop.domain import validators as v


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "8613812345678",
        "19912345678",
        "0470-1234567",
        "04701234567",
        "010-12345678",
        "(0470)1234567",
        "（0470）1234567",
        "０４７０－１２３４５６７",
        "0470 123 4567",
    ],
)
def test_phone_ok(text: str) -> None:
    assert v.phone_problem(text) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("12812345678", "手机号"),
        ("1381234567", "11位"),
        ("138123456789", "12位"),
        ("2345678", "区号"),
        ("1234567", "11位"),
        ("82345678", "区号"),
        ("abc", "数字"),
        ("138l2345678", "数字"),
        ("0470-12", "格式不对"),
        ("99999999999", "格式不对"),
    ],
)
def test_phone_problems(text: str, word: str) -> None:
    problem = v.phone_problem(text)
    assert problem is not None
    assert word in problem


def test_phone_empty() -> None:
    assert v.phone_problem("") is None
    assert v.phone_problem(None) is None
    assert v.phone_problem("  ", required=True) == "请填写电话号码"


def test_normalize_phone() -> None:
    assert v.normalize_phone("+86 138-1234-5678") == "13812345678"
    assert v.normalize_phone("（0470）123 4567") == "04701234567"


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_any_mobile_ok(number: str) -> None:
    assert v.phone_problem(number) is None
    assert v.phone_problem(f"{number[:3]} {number[3:7]} {number[7:]}") is None


@pytest.mark.parametrize(
    "text",
    [
        "王丽",
        "欧阳娜娜",
        "阿依古丽·买买提",
        "王",
        "𪚥犇",
        "李〇",
        "Anna Smith",
        "玛丽亚·José",
        "\ue000明",
        "乌" * 30,
        "阿依古丽•买买提",
        "阿依古丽.买买提",
    ],
)
def test_name_ok(text: str) -> None:
    assert v.name_problem(text) is None


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("", "请填写"),
        ("   ", "请填写"),
        (None, "请填写"),
        ("乌" * 31, "太长"),
        ("王2", "数字"),
        ("王丽!", "不允许"),
        ("王@丽", "不允许"),
        ("·王丽", "间隔号"),
        ("王丽·", "间隔号"),
        ("阿依··买买提", "间隔号"),
    ],
)
def test_name_problems(text: str | None, word: str) -> None:
    problem = v.name_problem(text)
    assert problem is not None
    assert word in problem


def test_normalize_name() -> None:
    assert v.normalize_name("  王 丽 ") == "王丽"
    assert v.normalize_name("阿依古丽 • 买买提") == "阿依古丽·买买提"
    assert v.normalize_name("阿依古丽．买买提") == "阿依古丽·买买提"
    assert v.normalize_name("Anna   Smith") == "Anna Smith"


def test_date_problem() -> None:
    today = dt.date.today()
    assert v.date_problem(today) is None
    assert v.date_problem(dt.date(1990, 1, 1)) is None
    assert v.date_problem(today + dt.timedelta(days=1)) == "日期不能晚于今天"
    assert v.date_problem(dt.date(1989, 12, 31)) == "日期不能早于1990年1月1日"
    assert v.date_problem(None) == "请填写日期"
    assert v.date_problem(None, required=False) is None
    assert v.date_problem(dt.date(1980, 1, 1), not_before=None) is None
    assert v.date_problem(dt.datetime(2020, 5, 1, 12, 0)) is None


def test_date_problem_custom_limits() -> None:
    limit = dt.date(2026, 6, 1)
    assert v.date_problem(dt.date(2026, 6, 2), not_after=limit, label="出生日期") == "出生日期不能晚于2026年6月1日"
    assert v.date_problem(dt.date(2010, 1, 1), not_before=dt.date(2011, 1, 1), label="入学日期") == (
        "入学日期不能早于2011年1月1日"
    )
