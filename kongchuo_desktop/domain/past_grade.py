"""The grade a pupil was in during any school year, from the grade the register stores — one rule
for the monthly reports (services/reports) and the indicators (domain/indicators).

The app has no 升级 (promotion) step: a pupil's stored grade is the one last entered on the form
or read from a roster, and nothing moves it up in September. So the stored grade belongs to some
school year between the pupil's entry and now (for a pupil who left: the year they left), and the
grade of another school year is worked out this way:

1. From the entry, where it tells: a pupil with a known entry date (`enrolled_on`, school year E)
   at a school whose pupils enter in grade 1 (小学), grade 7 (初中) or either (九年一贯制, 特教学校,
   unknown kind) was in grade e + (Y − E) in school year Y, e being the entry grade — when exactly
   one entry grade e fits the stored grade g: g − k ≤ e ≤ g (g lies between the entry grade, never
   moved up, and the grade of the reference year, moved up every year) and e + k does not pass the
   school's top grade (6 at a 小学, else 9), with k the years from E to the reference year R.
   (义务教育 has no 留级, so a pupil goes up one grade a year.)
2. Otherwise (a pupil transferred in above the entry grade, no entry date, no fitting entry
   grade) the stored grade is taken to be the grade of the reference year R — the current school
   year for pupils on roll (在读/休学), the school year of the last 学籍异动 for pupils who left —
   and moves one grade per school year: g − (R − Y).

Both give `offset`, with grade in school year Y = offset + Y; the reports' SQL groups by the inputs
(school, stored grade, entry year, reference year) and calls `offset` once per group.
"""

from __future__ import annotations

import datetime as dt

from kongchuo_desktop.domain.status import ACTIVE_STATUSES

# The grades pupils enter a school of each kind in (others and unknown kinds: either).
ENTRY_GRADES: dict[str | None, tuple[int, ...]] = {"小学": (1,), "初中": (7,)}
BOTH = (1, 7)
TOP_GRADE: dict[str | None, int] = {"小学": 6}  # others: 9


def school_year_of(day: dt.date) -> int:
    """The school year a day belongs to, by its first calendar year (2025-10-01 → 2025)."""
    return day.year if day.month >= 9 else day.year - 1


def reference_year(status: str, last_change: dt.date | None, current_year: int) -> int:
    """The school year the stored grade is taken to belong to (rule 2): now for pupils on roll
    (or with no 学籍异动), else the year of their last 学籍异动."""
    if status in ACTIVE_STATUSES or last_change is None:
        return current_year
    return school_year_of(last_change)


def offset(grade: int | None, kind: str | None, entry_year: int | None, ref_year: int) -> int | None:
    """grade − school year: the pupil's grade in school year Y is offset + Y (None: no grade)."""
    if grade is None:
        return None
    if entry_year is not None:
        k = ref_year - entry_year
        top = TOP_GRADE.get(kind, 9)
        fits = [e for e in ENTRY_GRADES.get(kind, BOTH) if grade - k <= e <= grade and e + k <= top]
        if len(fits) == 1:
            return fits[0] - entry_year
    return grade - ref_year


def grade_in(
    grade: int | None, kind: str | None, enrolled_on: dt.date | None, ref_year: int, school_year: int
) -> int | None:
    """The grade (not clamped to 1–9) of a pupil in `school_year`."""
    entry_year = school_year_of(enrolled_on) if enrolled_on is not None else None
    base = offset(grade, kind, entry_year, ref_year)
    return None if base is None else base + school_year
