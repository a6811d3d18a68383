"""Tests for domain.pinyin (name search keys)."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin, pinyin

from kongchuo_desktop.domain.pinyin import SURNAME_READINGS, name_keys

# Common name characters, heteronyms included (长 乐 朝 行 重 华 单 曾 解 …).
NAME_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫宇浩然子轩欣怡梓涵一诺雨桐佳琪思彤晨阳朝乐长博文嘉俊泽辰睿航奕铭瑞天翔行重单曾解查朴都藏"


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("王丽", ("wangli", "wl")),
        ("张三", ("zhangsan", "zs")),
        ("单田芳", ("shantianfang", "stf")),
        ("曾国藩", ("zengguofan", "zgf")),
        ("解缙", ("xiejin", "xj")),
        ("仇英", ("qiuying", "qy")),
        ("朴树", ("piaoshu", "ps")),
        ("翟志刚", ("zhaizhigang", "zzg")),
        ("尉迟恭", ("yuchigong", "ycg")),
        ("长孙无忌", ("zhangsunwuji", "zswj")),
        ("王朝阳", ("wangzhaoyang", "wzy")),
        ("吕女", ("lvnv", "ln")),
        ("阿依古丽·买买提", ("ayigulimaimaiti", "ayglmmt")),
        ("阿依古丽•买买提", ("ayigulimaimaiti", "ayglmmt")),
        ("  张 三 ", ("zhangsan", "zs")),
        ("Anna王", ("annawang", "annaw")),
        ("ＡＢ王", ("abwang", "abw")),
        ("张3", ("zhang3", "z3")),
        ("", ("", "")),
    ],
)
def test_examples(name: str, keys: tuple[str, str]) -> None:
    assert name_keys(name) == keys


def test_surname_table_readings_are_real_readings() -> None:
    for surname, readings in SURNAME_READINGS.items():
        assert len(readings) == len(surname)
        for ch, reading in zip(surname, readings, strict=True):
            assert reading in pinyin(ch, style=Style.NORMAL, heteronym=True)[0], (surname, reading)


def test_surname_reading_only_at_start() -> None:
    # 单 in a given name keeps pypinyin's ordinary reading.
    assert name_keys("王单")[0] == "wang" + lazy_pinyin("单")[0]
    assert name_keys("单")[0] == "shan"


@settings(max_examples=300)
@given(st.text(alphabet=NAME_CHARS, min_size=1, max_size=3))
def test_given_name_matches_pypinyin(given_name: str) -> None:
    full, initials = name_keys("王" + given_name)
    expected = ["wang", *lazy_pinyin(given_name, style=Style.NORMAL)]
    assert full == "".join(expected)
    assert initials == "".join(r[0] for r in expected)


@given(st.text(max_size=12))
def test_keys_are_lowercase_ascii_without_spaces(name: str) -> None:
    full, initials = name_keys(name)
    for key in (full, initials):
        assert key.isascii()
        assert key == key.lower()
        assert " " not in key and "·" not in key
    assert len(initials) <= len(full)
    assert full.startswith(initials[:1])


def test_many_names_are_fast() -> None:
    rng = random.Random(7)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    names = [rng.choice(surnames) + "".join(rng.choices(NAME_CHARS, k=rng.randint(1, 2))) for _ in range(50_000)]
    start = time.perf_counter()
    for name in names:
        name_keys(name)
    assert time.perf_counter() - start < 10
