"""School-age rules: age, entry year and expected grade under a configurable cut-off date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

Cutoff = tuple[int, int]
"""(month, day): a child who turns 6 on or before this day of year Y starts grade 1 in Sept of Y."""

DEFAULT_CUTOFF: Cutoff = (8, 31)
COMPULSORY_GRADES = range(1, 10)

AgeFlag = Literal["over_age", "under_age"]
AGE_FLAG_LABELS: dict[str, str] = {"over_age": "超龄", "under_age": "低龄"}

_RE_CUTOFF = re.compile(r"^(\d{1,2})(?:[-/.月]|(?=\d{2}$))(\d{1,2})日?$")
_RE_YEAR = re.compile(r"^(\d{4})(?:[-/~—–至到](\d{4}|\d{2}))?(?:学年(?:度)?)?$")


def check_cutoff(cutoff: Cutoff) -> Cutoff:
    """Return `cutoff` if it is a real month-day (not 2月29日), else raise ValueError."""
    month, day = cutoff
    if month == 2 and day == 29:
        raise ValueError("入学截止日期不能设为2月29日（平年没有这一天）")
    try:
        dt.date(2001, month, day)
    except (ValueError, TypeError):
        raise ValueError(f"入学截止日期“{month}月{day}日”不存在") from None
    return (month, day)


def parse_cutoff(text: str) -> Cutoff:
    """Read a cut-off month-day: "08-31", "8-31", "8/31", "8.31", "0831", "8月31日"."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))
    match = _RE_CUTOFF.match(value)
    if match is None:
        raise ValueError(f"入学截止日期“{text}”格式不对，应写成“08-31”这样的月-日")
    return check_cutoff((int(match.group(1)), int(match.group(2))))


def format_cutoff(cutoff: Cutoff) -> str:
    """The form settings store: (8, 31) → "08-31"."""
    month, day = check_cutoff(cutoff)
    return f"{month:02d}-{day:02d}"


def age_on(birth: dt.date, on_date: dt.date) -> int:
    """Completed years (周岁) on `on_date`; a 2月29日 birthday counts from 3月1日 in common years."""
    years = on_date.year - birth.year
    if (on_date.month, on_date.day) < (birth.month, birth.day):
        years -= 1
    return years


def parse_school_year(school_year: str | int) -> int:
    """The first calendar year of a school year: "2026-2027", "2026—2027", "2026-27", "2026学年" → 2026."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(school_year)))
    match = _RE_YEAR.match(value)
    if match is None:
        raise ValueError(f"学年“{school_year}”格式不对，应写成“2026-2027”")
    first = int(match.group(1))
    second = match.group(2)
    if second is not None:
        expected = first + 1
        ok = int(second) == expected if len(second) == 4 else int(second) == expected % 100
        if not ok:
            raise ValueError(f"学年“{school_year}”的两个年份应相差一年，如“{first}-{expected}”")
    if not 1900 <= first <= 2999:
        raise ValueError(f"学年“{school_year}”的年份不对")
    return first


def school_year_of(day: dt.date, start_month: int = 9) -> str:
    """The school year a day falls in ("2026-2027" for 2026-09-01 … 2027-08-31)."""
    first = day.year if day.month >= start_month else day.year - 1
    return f"{first}-{first + 1}"


def school_year_start(school_year: str | int) -> dt.date:
    """1 September of the school year's first calendar year."""
    return dt.date(parse_school_year(school_year), 9, 1)


def entry_year(birth: dt.date, cutoff: Cutoff = DEFAULT_CUTOFF) -> int:
    """The year the child starts grade 1: the year it turns 6 if on or before the cut-off, else the next."""
    check_cutoff(cutoff)
    turns_six = birth.year + 6
    return turns_six if (birth.month, birth.day) <= cutoff else turns_six + 1


def expected_grade(birth: dt.date, school_year: str | int, cutoff: Cutoff = DEFAULT_CUTOFF) -> int:
    """The grade the child should be in during `school_year` (may be < 1 or > 9)."""
    return parse_school_year(school_year) - entry_year(birth, cutoff) + 1


def age_flag(
    birth: dt.date,
    grade: int,
    school_year: str | int,
    cutoff: Cutoff = DEFAULT_CUTOFF,
    tolerance: int = 1,
) -> AgeFlag | None:
    """Flag a grade more than `tolerance` grades from the expected one: "over_age" / "under_age" / None."""
    if tolerance < 0:
        raise ValueError("允许偏差的年级数不能为负数")
    diff = expected_grade(birth, school_year, cutoff) - grade
    if diff > tolerance:
        return "over_age"
    if -diff > tolerance:
        return "under_age"
    return None


def is_compulsory_age(birth: dt.date, school_year: str | int, cutoff: Cutoff = DEFAULT_CUTOFF) -> bool:
    """True when the expected grade is 1–9 (aged 6–15 by the cut-off rule)."""
    return expected_grade(birth, school_year, cutoff) in COMPULSORY_GRADES


def compulsory_birth_range(school_year: str | int, cutoff: Cutoff = DEFAULT_CUTOFF) -> tuple[dt.date, dt.date]:
    """(earliest, latest) birth dates, inclusive, of children of compulsory age in `school_year`.

    Same answer as `is_compulsory_age`, as a range a database query can use with an index.
    """
    month, day = check_cutoff(cutoff)
    first = parse_school_year(school_year)
    latest = dt.date(first - 6, month, day)
    earliest = dt.date(first - 15, month, day) + dt.timedelta(days=1)
    return earliest, latest


def grade_birth_range(grade: int, school_year: str | int, cutoff: Cutoff = DEFAULT_CUTOFF) -> tuple[dt.date, dt.date]:
    """(earliest, latest) birth dates, inclusive, whose expected grade in `school_year` is `grade`."""
    month, day = check_cutoff(cutoff)
    entry = parse_school_year(school_year) - grade + 1
    latest = dt.date(entry - 6, month, day)
    earliest = dt.date(entry - 7, month, day) + dt.timedelta(days=1)
    return earliest, latest
