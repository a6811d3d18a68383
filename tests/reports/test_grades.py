"""The grade a pupil is counted in during a school year (grades.py): from the entry where the
entry tells, else from the stored grade as the reference year's."""

from __future__ import annotations

import datetime as dt

from kongchuo_desktop.services.reports.grades import grade_in, reference_year

D = dt.date


def test_a_grade_never_moved_up_since_entry_counts_from_the_entry() -> None:
    # Registered in grade 1 in September 2023; nothing moved the grade up since (no 升级 step).
    assert grade_in(1, "小学", D(2023, 9, 1), 2025, 2025) == 3
    assert grade_in(1, "小学", D(2023, 9, 1), 2025, 2023) == 1
    assert grade_in(7, "初中", D(2024, 9, 1), 2025, 2025) == 8


def test_a_grade_kept_up_to_date_agrees_with_the_entry() -> None:
    assert grade_in(3, "小学", D(2023, 9, 1), 2025, 2025) == 3
    assert grade_in(3, "小学", D(2023, 9, 1), 2025, 2024) == 2
    assert grade_in(8, "九年一贯制", D(2018, 9, 1), 2025, 2020) == 3  # entered grade 1


def test_without_a_fitting_entry_grade_the_stored_grade_is_the_reference_years() -> None:
    # Transferred into grade 4 in 2024: grade 5 now, 4 last year.
    assert grade_in(5, "小学", D(2024, 10, 8), 2025, 2024) == 4
    assert grade_in(5, None, None, 2025, 2023) == 3  # no entry date
    # Held back a year (休学) and graduated from a 小学 in grade 6 after seven years.
    assert grade_in(6, "小学", D(2016, 9, 1), 2022, 2022) == 6
    assert grade_in(None, "小学", D(2016, 9, 1), 2022, 2022) is None


def test_reference_year() -> None:
    assert reference_year("在读", D(2023, 3, 1), 2025) == 2025
    assert reference_year("休学", None, 2025) == 2025
    assert reference_year("毕业", D(2024, 7, 1), 2025) == 2023
    assert reference_year("转出", D(2024, 9, 2), 2025) == 2024
