"""Tests for domain.ethnicity (GB/T 3304 民族 codes)."""

from __future__ import annotations

import pytest

from kongchuo_desktop.domain import ethnicity


def test_full_list() -> None:
    codes = [code for code, _ in ethnicity.ALL]
    names = [name for _, name in ethnicity.ALL]
    assert len(ethnicity.ALL) == 58
    assert codes[:56] == [f"{i:02d}" for i in range(1, 57)]
    assert codes[56:] == ["97", "98"]
    assert len(set(names)) == 58
    assert all(name.endswith("族") for name in names[:56])


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("01", "汉族"),
        ("02", "蒙古族"),
        ("03", "回族"),
        ("05", "维吾尔族"),
        ("10", "朝鲜族"),
        ("11", "满族"),
        ("31", "达斡尔族"),
        ("44", "俄罗斯族"),
        ("45", "鄂温克族"),
        ("46", "德昂族"),
        ("52", "鄂伦春族"),
        ("56", "基诺族"),
        ("97", "其他"),
        ("98", "外国血统中国籍人士"),
    ],
)
def test_anchor_codes(code: str, name: str) -> None:
    assert ethnicity.name_of(code) == name
    assert ethnicity.lookup(name) == (code, name)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2", "02"),
        ("02", "02"),
        ("２", "02"),
        ("2.0", "02"),
        (2, "02"),
        ("蒙古族", "02"),
        ("蒙古", "02"),
        ("蒙", "02"),
        ("汉", "01"),
        ("汉族", "01"),
        (" 汉 族 ", "01"),
        ("维吾尔", "05"),
        ("维族", "05"),
        ("鄂温克", "45"),
        ("鄂伦春", "52"),
        ("达斡尔", "31"),
        ("土家", "15"),
        ("土", "30"),
        ("崩龙族", "46"),
        ("其它", "97"),
        ("外国血统", "98"),
    ],
)
def test_lookup_spellings(text: str | int, code: str) -> None:
    found = ethnicity.lookup(text)
    assert found is not None
    assert found[0] == code
    assert found[1] == ethnicity.name_of(code)
    assert ethnicity.code_of(text) == code


@pytest.mark.parametrize("text", ["", "0", "57", "99", "100", "火星族", "汉汉", "1.5"])
def test_lookup_unknown(text: str) -> None:
    assert ethnicity.lookup(text) is None


def test_every_entry_round_trips() -> None:
    for code, name in ethnicity.ALL:
        assert ethnicity.lookup(code) == (code, name)
        assert ethnicity.lookup(str(int(code))) == (code, name)
        assert ethnicity.lookup(name) == (code, name)
        if name.endswith("族"):
            assert ethnicity.lookup(name[:-1]) == (code, name)


def test_name_of_unknown() -> None:
    assert ethnicity.name_of("57") is None
    assert ethnicity.name_of("汉族") is None
