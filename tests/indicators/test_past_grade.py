"""The indicators count a pupil in the grade the monthly reports count them in (one rule,
domain/past_grade.py): on hand-made records whose stored grade was never moved up, and for every
pupil of a demo with years of history, in every school year of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import indicators as si
from kongchuo_desktop.services.reports import grades
from kongchuo_desktop.services.reports.history import load_pupils
from kongchuo_desktop.services.reports.period import Period, school_year_of
from kongchuo_desktop.store.models import Student
from tests.helpers import opened_copy

D = dt.date
TODAY = D(2026, 11, 16)


def test_a_grade_never_moved_up_counts_from_the_entry_in_both() -> None:
    # Registered in grade 1 at a 小学 in September 2023, the grade never moved up since.
    pupil = ind.PupilRecord("p", "s", "t", 1, "在读", D(2023, 9, 1), (), "小学")
    assert ind.grade_in(pupil, 2025, 2025) == grades.grade_in(1, "小学", D(2023, 9, 1), 2025, 2025) == 3
    assert ind.grade_in(pupil, 2023, 2025) == 1
    # Left a 初中 in March 2024 with grade 7 on record (entered September 2022): grade 8 then.
    left = ind.PupilRecord("q", "s", "t", 7, "转出", D(2022, 9, 1), (ind.Change("转出", D(2024, 3, 1), "在读", "转出"),),
                           "初中")  # fmt: skip
    assert ind.grade_in(left, 2023, 2025) == grades.grade_in(7, "初中", D(2022, 9, 1), 2023, 2023) == 8
    # Transferred in above the entry grade: the stored grade is this year's, as before.
    moved = ind.PupilRecord("r", "s", "t", 5, "在读", D(2024, 10, 8), (ind.Change("转入", D(2024, 10, 8), None, "在读"),),
                            "小学")  # fmt: skip
    assert ind.grade_in(moved, 2024, 2025) == grades.grade_in(5, "小学", D(2024, 10, 8), 2025, 2024) == 4


def test_every_demo_pupil_is_in_the_same_grade_for_the_indicators_as_for_the_report(
    demo_databases: Callable[..., Path], tmp_path: Path
) -> None:
    template = demo_databases(students=900, seed=11, today=TODAY, cases=False)  # shared with tests/reports
    current = school_year_of(TODAY)
    with opened_copy(template, tmp_path) as db, db.read_session() as session:
        records = {p.id: p for p in si.load_pupils(session)}
        pupils = load_pupils(session, select(Student.id), None)
    assert len(records) == len(pupils) > 800
    kinds = {p.kind for p in records.values()}
    assert {"小学", "初中"} <= kinds or "九年一贯制" in kinds
    for pid, pupil in pupils.items():
        record = records[pid]
        assert record.kind == pupil.kind
        for year in range(current - 6, current + 1):
            assert ind.grade_in(record, year, current) == pupil.grade_for(Period(year, 10), TODAY), (pid, year)
