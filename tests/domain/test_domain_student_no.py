"""Tests for domain.student_no (学籍号 G / J / L forms)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain import student_no as sno

TODAY = dt.date(2026, 6, 1)
BIRTH = dt.date(2015, 3, 7)


def make_id(birth: dt.date, seq: int = 1, area: str = "150785") -> str:
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + idn.check_char(first17)


ID = make_id(BIRTH, 11)
OTHER_ID = make_id(BIRTH, 12)


def test_classify_forms() -> None:
    assert sno.classify("G" + ID) == "G"
    assert sno.classify("J" + ID) == "J"
    assert sno.classify(f"L150785{BIRTH:%Y%m%d}0001") == "L"
    assert sno.classify("") is None
    assert sno.classify(ID) is None  # no letter
    assert sno.classify("G" + ID[:-1]) is None  # too short
    assert sno.classify("L150785201503070001X") is None
    assert sno.classify(f"L150785{BIRTH:%Y%m%d}001") is None
    assert sno.classify("K" + ID) is None


def test_normalises_fullwidth_lowercase_spaces() -> None:
    fullwidth = "ｇ" + "".join(chr(ord(c) + 0xFEE0) for c in ID)
    assert sno.normalize(fullwidth) == "G" + ID
    assert sno.classify(fullwidth) == "G"
    assert sno.classify(" g " + ID[:6] + " " + ID[6:]) == "G"
    assert sno.classify(f"l150785-{BIRTH:%Y%m%d}-0001") == "L"
    assert sno.validate("ｇ" + ID.lower(), ID, BIRTH, today=TODAY) is None


def test_g_matching_id_is_valid() -> None:
    assert sno.validate("G" + ID, ID, BIRTH, today=TODAY) is None
    assert sno.validate("G" + ID, None, None, today=TODAY) is None
    assert sno.validate("G" + ID, ID.lower(), None, today=TODAY) is None


def test_g_differing_from_id_is_mismatch() -> None:
    problem = sno.check("G" + OTHER_ID, ID, BIRTH, today=TODAY)
    assert problem is not None
    assert problem.code == "student_no_mismatch"
    assert "不一致" in problem.message
    assert sno.validate("G" + OTHER_ID, ID, today=TODAY) == problem.message


def test_g_compares_with_upgraded_15_digit_id() -> None:
    old = "150785991231123"
    new = idn.convert_15_to_18(old)
    assert sno.validate("G" + new, old, today=TODAY) is None


def test_g_with_bad_checksum_or_date() -> None:
    bad = ID[:17] + ("0" if ID[17] != "0" else "1")
    problem = sno.check("G" + bad, None, None, today=TODAY)
    assert problem is not None and problem.code == "bad_value" and "校验位" in problem.message
    first17 = "15078520150230001"
    problem = sno.check("G" + first17 + idn.check_char(first17), today=TODAY)
    assert problem is not None and problem.code == "bad_value" and "出生日期" in problem.message


def test_g_without_id_but_birth_date_differs() -> None:
    problem = sno.check("G" + ID, None, dt.date(2015, 3, 8), today=TODAY)
    assert problem is not None and problem.code == "student_no_mismatch"


def test_j_form() -> None:
    assert sno.validate("J" + ID, None, BIRTH, today=TODAY) is None
    problem = sno.check("J" + ID, None, dt.date(2016, 1, 1), today=TODAY)
    assert problem is not None and problem.code == "student_no_mismatch"
    assert sno.check("J15078520151340001X", today=TODAY) is not None  # month 13


def test_l_form() -> None:
    no = f"L150785{BIRTH:%Y%m%d}0001"
    assert sno.validate(no, None, BIRTH, today=TODAY) is None
    assert sno.validate(no, today=TODAY) is None
    problem = sno.check(no, None, dt.date(2015, 3, 8), today=TODAY)
    assert problem is not None
    assert problem.code == "student_no_mismatch"
    assert "2015年3月7日" in problem.message and "2015年3月8日" in problem.message
    bad_date = sno.check("L150785201502300001", today=TODAY)
    assert bad_date is not None and bad_date.code == "bad_value"
    future = sno.check("L150785203001010001", today=TODAY)
    assert future is not None and future.code == "bad_value"


def test_bad_format_messages() -> None:
    for text in ["", "   ", "123", "G123", "学籍号"]:
        problem = sno.check(text, today=TODAY)
        assert problem is not None and problem.code == "bad_value"
        assert sno.validate(text, today=TODAY)


def test_embedded_birth_date() -> None:
    assert sno.embedded_birth_date("G" + ID) == BIRTH
    assert sno.embedded_birth_date(f"L150785{BIRTH:%Y%m%d}0001") == BIRTH
    assert sno.embedded_birth_date("nonsense") is None


def test_builders() -> None:
    assert sno.from_id_number(ID.lower()) == "G" + ID
    assert sno.temporary("150785", BIRTH, 7) == f"L150785{BIRTH:%Y%m%d}0007"
    with pytest.raises(ValueError):
        sno.temporary("15078", BIRTH, 1)
    with pytest.raises(ValueError):
        sno.temporary("150785", BIRTH, 10000)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY),
    st.integers(min_value=0, max_value=999),
    st.integers(min_value=0, max_value=9999),
)
def test_generated_numbers_validate_against_their_person(birth: dt.date, seq: int, serial: int) -> None:
    number = make_id(birth, seq)
    assert sno.validate(sno.from_id_number(number), number, birth, today=TODAY) is None
    assert sno.validate(sno.temporary("150785", birth, serial), None, birth, today=TODAY) is None
    other = birth + dt.timedelta(days=1)
    if other <= TODAY:
        assert sno.validate(sno.temporary("150785", birth, serial), None, other, today=TODAY)
