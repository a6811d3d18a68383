"""Tests for domain.school_age (age, entry year, expected grade, age flags)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongchuo_desktop.domain import school_age as sa

cutoffs = st.sampled_from([(8, 31), (9, 1), (12, 31), (1, 1), (6, 30), (2, 28), (3, 1)])
births = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2030, 12, 31))
years = st.integers(min_value=2000, max_value=2040)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08-31", (8, 31)),
        ("8-31", (8, 31)),
        ("08/31", (8, 31)),
        ("8.31", (8, 31)),
        ("0831", (8, 31)),
        ("8月31日", (8, 31)),
        ("８月３１日", (8, 31)),
        (" 09-01 ", (9, 1)),
        ("12-31", (12, 31)),
    ],
)
def test_parse_cutoff(text: str, expected: tuple[int, int]) -> None:
    assert sa.parse_cutoff(text) == expected


@pytest.mark.parametrize("text", ["", "08-32", "13-01", "02-30", "02-29", "abc", "2026-08-31", "8"])
def test_parse_cutoff_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        sa.parse_cutoff(text)


def test_format_cutoff() -> None:
    assert sa.format_cutoff((8, 31)) == "08-31"
    assert sa.parse_cutoff(sa.format_cutoff((9, 1))) == (9, 1)


def test_age_on() -> None:
    birth = dt.date(2015, 9, 1)
    assert sa.age_on(birth, dt.date(2021, 8, 31)) == 5
    assert sa.age_on(birth, dt.date(2021, 9, 1)) == 6
    assert sa.age_on(birth, dt.date(2015, 9, 1)) == 0
    leap = dt.date(2016, 2, 29)
    assert sa.age_on(leap, dt.date(2022, 2, 28)) == 5
    assert sa.age_on(leap, dt.date(2022, 3, 1)) == 6
    assert sa.age_on(leap, dt.date(2024, 2, 29)) == 8


@given(births, st.integers(min_value=0, max_value=20))
def test_age_on_birthday_is_whole_years(birth: dt.date, years: int) -> None:
    if (birth.month, birth.day) == (2, 29):
        return
    day = birth.replace(year=birth.year + years)
    assert sa.age_on(birth, day) == years
    assert sa.age_on(birth, day - dt.timedelta(days=1)) == years - 1


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("2026-2027", 2026),
        ("2026—2027", 2026),
        ("2026/2027", 2026),
        ("2026-27", 2026),
        ("2026", 2026),
        ("2026学年", 2026),
        ("２０２６－２０２７", 2026),
        (2026, 2026),
        ("2026-2027学年度", 2026),
    ],
)
def test_parse_school_year(text: str | int, first: int) -> None:
    assert sa.parse_school_year(text) == first
    assert sa.school_year_start(text) == dt.date(first, 9, 1)


@pytest.mark.parametrize("text", ["2026-2028", "2026-2026", "26-27", "", "abcd-efgh"])
def test_parse_school_year_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        sa.parse_school_year(text)


def test_school_year_of() -> None:
    assert sa.school_year_of(dt.date(2026, 9, 1)) == "2026-2027"
    assert sa.school_year_of(dt.date(2027, 8, 31)) == "2026-2027"


def test_entry_year_examples() -> None:
    assert sa.entry_year(dt.date(2020, 8, 31)) == 2026  # turns 6 on the cut-off day
    assert sa.entry_year(dt.date(2020, 9, 1)) == 2027  # one day late
    assert sa.entry_year(dt.date(2020, 1, 1)) == 2026
    assert sa.entry_year(dt.date(2020, 12, 31)) == 2027
    assert sa.entry_year(dt.date(2020, 9, 1), (9, 1)) == 2026
    assert sa.entry_year(dt.date(2020, 12, 31), (12, 31)) == 2026


def test_expected_grade_examples() -> None:
    assert sa.expected_grade(dt.date(2020, 8, 31), "2026-2027") == 1
    assert sa.expected_grade(dt.date(2020, 9, 1), "2026-2027") == 0
    assert sa.expected_grade(dt.date(2012, 5, 1), "2026-2027") == 9
    assert sa.expected_grade(dt.date(2011, 5, 1), "2026-2027") == 10
    assert sa.expected_grade(dt.date(2022, 5, 1), "2026-2027") == -1


def test_age_flag_examples() -> None:
    birth = dt.date(2016, 5, 1)  # expected grade 5 in 2026-2027
    assert sa.expected_grade(birth, "2026-2027") == 5
    assert sa.age_flag(birth, 5, "2026-2027") is None
    assert sa.age_flag(birth, 4, "2026-2027") is None
    assert sa.age_flag(birth, 6, "2026-2027") is None
    assert sa.age_flag(birth, 3, "2026-2027") == "over_age"
    assert sa.age_flag(birth, 7, "2026-2027") == "under_age"
    assert sa.age_flag(birth, 4, "2026-2027", tolerance=0) == "over_age"
    assert sa.age_flag(birth, 3, "2026-2027", tolerance=2) is None
    with pytest.raises(ValueError):
        sa.age_flag(birth, 5, "2026-2027", tolerance=-1)
    assert sa.AGE_FLAG_LABELS["over_age"] == "超龄"


def test_is_compulsory_age_examples() -> None:
    assert sa.is_compulsory_age(dt.date(2020, 8, 31), "2026-2027")
    assert not sa.is_compulsory_age(dt.date(2020, 9, 1), "2026-2027")
    assert sa.is_compulsory_age(dt.date(2011, 9, 1), "2026-2027")
    assert not sa.is_compulsory_age(dt.date(2011, 8, 31), "2026-2027")


def test_cutoff_feb_29_rejected() -> None:
    with pytest.raises(ValueError):
        sa.entry_year(dt.date(2020, 1, 1), (2, 29))
    with pytest.raises(ValueError):
        sa.check_cutoff((4, 31))


@given(births, cutoffs)
def test_entry_year_rule(birth: dt.date, cutoff: tuple[int, int]) -> None:
    year = sa.entry_year(birth, cutoff)
    cutoff_day = dt.date(year, *cutoff)
    assert sa.age_on(birth, cutoff_day) >= 6 or (birth.month, birth.day) == (2, 29)
    previous_cutoff = dt.date(year - 1, *cutoff)
    assert sa.age_on(birth, previous_cutoff) < 6


@given(births, years, cutoffs, st.integers(min_value=-3, max_value=12), st.integers(min_value=0, max_value=3))
def test_age_flag_matches_expected_grade(
    birth: dt.date, year: int, cutoff: tuple[int, int], grade: int, tolerance: int
) -> None:
    school_year = f"{year}-{year + 1}"
    expected = sa.expected_grade(birth, school_year, cutoff)
    flag = sa.age_flag(birth, grade, school_year, cutoff, tolerance)
    if expected - grade > tolerance:
        assert flag == "over_age"
    elif grade - expected > tolerance:
        assert flag == "under_age"
    else:
        assert flag is None
    # A year later the same child is expected one grade higher.
    assert sa.expected_grade(birth, f"{year + 1}-{year + 2}", cutoff) == expected + 1


@given(births, years, cutoffs)
def test_birth_ranges_agree_with_rules(birth: dt.date, year: int, cutoff: tuple[int, int]) -> None:
    school_year = f"{year}-{year + 1}"
    earliest, latest = sa.compulsory_birth_range(school_year, cutoff)
    assert sa.is_compulsory_age(birth, school_year, cutoff) == (earliest <= birth <= latest)
    grade = sa.expected_grade(birth, school_year, cutoff)
    lo, hi = sa.grade_birth_range(grade, school_year, cutoff)
    assert lo <= birth <= hi
    assert sa.expected_grade(lo, school_year, cutoff) == grade
    assert sa.expected_grade(hi, school_year, cutoff) == grade
    assert sa.expected_grade(lo - dt.timedelta(days=1), school_year, cutoff) == grade + 1
    assert sa.expected_grade(hi + dt.timedelta(days=1), school_year, cutoff) == grade - 1
