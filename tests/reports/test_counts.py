"""The report's GROUP BY counts (counts.py) against a pupil-by-pupil replay of the whole history, on a
demo with years of history; the SQL school year against Python's; and a history that contradicts
itself after the month is caught instead of shifting the month's counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import literal, select

from kongchuo_desktop.services.actor import DEMO_ADMIN, SYSTEM
from kongchuo_desktop.services.reports import rows as R
from kongchuo_desktop.services.reports.changes import GRADE_NAMES, NO_GRADE, _replay
from kongchuo_desktop.services.reports.counts import school_year
from kongchuo_desktop.services.reports.history import load_pupils
from kongchuo_desktop.services.reports.monthly import monthly_report
from kongchuo_desktop.services.reports.period import Period, school_year_of
from kongchuo_desktop.store.models import Student
from tests.helpers import opened_copy
from tests.reports import kit

TODAY = dt.date(2026, 11, 16)
FLOWS = [k for k in R.COUNTED if k not in ("opening", "closing", "absent")]


@pytest.fixture(scope="module")
def demo_db(demo_databases: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory):
    template = demo_databases(students=900, seed=11, today=TODAY, cases=False)  # shared with test_stepped
    with opened_copy(template, tmp_path_factory.mktemp("demo")) as db:
        yield db


def _replayed(db, period: Period) -> dict[str, dict[str, int]]:
    """Every grade row of the month from each pupil's own records, one pupil at a time."""
    with db.read_session() as session:
        pupils = load_pupils(session, select(Student.id), None)
    rows: dict[str, dict[str, int]] = defaultdict(R.blank)
    for pupil in pupils.values():
        opening, closing, flows, details = _replay(pupil, period)
        assert not details, (pupil.name, details)
        grade = pupil.grade_for(period, TODAY)
        label = NO_GRADE if grade is None else GRADE_NAMES[min(9, max(1, grade))]
        row = rows[label]
        row["opening"] += opening
        row["closing"] += closing
        for key, n in flows.items():
            row[key] += n
    return rows


@pytest.mark.parametrize("month", ["2023-09", "2024-07", "2025-03", "2025-09", "2026-10"])
def test_counts_equal_a_replay_of_every_pupil(demo_db, month: str) -> None:
    report = monthly_report(demo_db, DEMO_ADMIN, month, kind="changes", today=TODAY)
    assert report.adds_up, report.problem_line()
    expected = _replayed(demo_db, report.period)
    for row in report.changes.grade_rows:
        if row.kind != "grade":
            continue
        want = expected.get(row.label, R.blank())
        for key in ("opening", "closing", *FLOWS):
            assert row.values[key] == want[key], (month, row.label, key)
    moved = sum(report.changes.total.values[k] for k in FLOWS)
    assert moved > 0, month  # the demo's history reaches back to this month


def test_sql_school_year_is_pythons(demo_db) -> None:
    days = [dt.date(2020, 8, 31), dt.date(2020, 9, 1), dt.date(2021, 1, 1), dt.date(2026, 12, 31)]
    with demo_db.read_session() as session:
        for day in days:
            assert session.execute(select(school_year(literal(day)))).scalar_one() == school_year_of(day), day


def test_a_history_contradicting_itself_after_the_month_does_not_shift_it(tmp_path: Path) -> None:
    db, ids = kit.build(tmp_path / "kit.sqlite")
    try:
        march = monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON).as_dict()
        with db.transaction(user="test") as s:
            p1 = s.get(Student, ids["p1"])
            kit.change(s, p1, "转出", kit.D(2025, 4, 3), "在读", "转出", "县内")
            # Recorded wrongly: p1 had left on 04-03, yet this says it found p1 在读.
            kit.change(s, p1, "休学", kit.D(2025, 4, 10), "在读", "休学")
        today = kit.D(2025, 4, 20)
        assert monthly_report(db, SYSTEM, kit.MONTH, today=today).as_dict() == march
        april = monthly_report(db, SYSTEM, "2025-04", today=today)
        assert not april.adds_up
        assert [p.name for p in april.changes.pupil_problems] == ["p1"]
    finally:
        db.close()
