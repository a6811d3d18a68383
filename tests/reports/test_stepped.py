"""The packed stepped-back query (stepped.py) gives what counts.stepped_back gives — on a demo with
years of history for every month, per township and school, with histories that contradict
themselves, pupils without grade, entry date or school — and hands over to counts.stepped_back
when a value does not fit the packing; the whole report is the same either way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.reports import counts, stepped
from kongchuo_desktop.services.reports.counts import Window
from kongchuo_desktop.services.reports.monthly import monthly_report
from kongchuo_desktop.services.reports.period import Period, school_year_of
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School, StatusChange, Student
from tests.helpers import opened_copy

TODAY = dt.date(2026, 11, 16)
MONTHS = [Period(2021, 9)]
while MONTHS[-1].key < "2026-10":
    MONTHS.append(MONTHS[-1].next())


@pytest.fixture(scope="module")
def template(demo_databases: Callable[..., Path]) -> Path:
    return demo_databases(students=900, seed=11, today=TODAY, cases=False)


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Iterator[Database]:
    with opened_copy(template, tmp_path) as opened:
        yield opened


def _window(period: Period) -> Window:
    return Window(period.before, period.start, period.end, school_year_of(TODAY))


def _nonzero(rows: list[tuple[counts.Key, int, int]]) -> list[tuple[counts.Key, int, int]]:
    return sorted(((key, a, b) for key, a, b in rows if a or b), key=repr)


def _both(db: Database, schools: frozenset[str] | None, period: Period) -> tuple[object, object]:
    with db.read_session() as session:
        packed = stepped.stepped_back_packed(session, schools, _window(period))
        generic = counts.stepped_back(session, schools, _window(period))
    assert packed is not None
    return (_nonzero(packed[0]), packed[1]), (_nonzero(generic[0]), generic[1])


def test_every_month_and_unit_agrees_with_the_generic_query(db: Database) -> None:
    with db.read_session() as session:
        schools = session.execute(select(School.id, School.township_id)).all()
    units = [None, frozenset({schools[0][0]}), frozenset(s for s, t in schools if t == schools[0][1])]
    stepped_somewhere = False
    for period in MONTHS:
        for unit in units if period.month in (1, 7, 9) else units[:1]:
            packed, generic = _both(db, unit, period)
            assert packed == generic, (period.key, unit)
            stepped_somewhere = stepped_somewhere or bool(packed[0])  # type: ignore[index]
    assert stepped_somewhere


def test_contradicting_histories_and_missing_fields_agree_too(db: Database) -> None:
    with db.transaction(user="test") as session:
        pupils = (
            session.execute(
                select(Student).where(Student.status == "在读", Student.enrolled_on <= dt.date(2023, 9, 1)).limit(6)
            )
            .scalars()
            .all()
        )
        odd, twice, no_grade, no_entry, no_school, new = pupils
        # 在读 now, yet the last change says 转出 (and a 复学 from 在读 before it): impossible sums.
        session.add(StatusChange(student_id=odd.id, kind="转出", changed_on=dt.date(2025, 3, 3),
                                 status_before="在读", status_after="转出"))  # fmt: skip
        for day in (dt.date(2024, 5, 6), dt.date(2024, 6, 7)):  # two 复学 in a row: sums of +2
            session.add(StatusChange(student_id=twice.id, kind="复学", changed_on=day, status_before="休学",
                                     status_after="在读"))  # fmt: skip
        no_grade.grade = None
        no_entry.enrolled_on = None
        no_school.school_id = None
        new.enrolled_on = dt.date(2026, 9, 1)
        for pupil in (no_grade, no_entry, no_school, new):
            session.add(StatusChange(student_id=pupil.id, kind="休学", changed_on=dt.date(2026, 10, 9),
                                     status_before="在读", status_after="休学"))  # fmt: skip
            pupil.status = "休学"
    found_odd = False
    for period in [Period(2024, 4), Period(2024, 5), Period(2025, 3), Period(2025, 9), Period(2026, 9)]:
        packed, generic = _both(db, None, period)
        assert packed == generic, period.key
        found_odd = found_odd or bool(packed[1])  # type: ignore[index]
    assert found_odd
    # The report as a whole reads the same with either query.
    for month in ("2024-05", "2025-03", "2026-10"):
        fast = monthly_report(db, SYSTEM, month, today=TODAY).as_dict()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(stepped, "stepped_back_packed", lambda *a: None)
            slow = monthly_report(db, SYSTEM, month, today=TODAY).as_dict()
        assert fast == slow, month


def test_values_out_of_the_packings_range_go_to_the_generic_query(db: Database) -> None:
    period = Period(2025, 3)
    with db.read_session() as session:
        expected = counts.stepped_back(session, None, _window(period))
    with db.transaction(user="test") as session:
        pupil = session.execute(
            select(Student).where(Student.status == "在读", Student.enrolled_on <= dt.date(2023, 9, 1)).limit(1)
        ).scalar_one()
        for n in range(stepped.SUMS + 2):  # a pupil brought back 128 times: sums beyond one byte
            session.add(StatusChange(student_id=pupil.id, kind="复学", changed_on=dt.date(2025, 6, 1) + dt.timedelta(n),
                                     status_before="休学", status_after="在读"))  # fmt: skip
    with db.read_session() as session:
        assert stepped.stepped_back_packed(session, None, _window(period)) is None
        got = stepped.stepped_back(session, None, _window(period))
        assert got == counts.stepped_back(session, None, _window(period))
        assert got != expected and got[1]
    with db.transaction(user="test") as session:
        session.execute(update(Student).where(Student.id == pupil.id).values(grade=900))
    with db.read_session() as session:
        assert stepped.layout(session, school_year_of(TODAY)) is None
        assert stepped.stepped_back(session, None, _window(period)) == counts.stepped_back(
            session, None, _window(period)
        )


def test_a_missing_covering_index_goes_to_the_generic_query(db: Database) -> None:
    """The packed query names its index (INDEXED BY); a file without it still gets its report."""
    period = Period(2024, 10)
    with db.read_session() as session:
        expected = counts.stepped_back(session, None, _window(period))
        assert stepped.layout(session, school_year_of(TODAY)) is not None
    with db.transaction(user="test") as session:
        session.execute(text(f"DROP INDEX {stepped.PUPIL_INDEX}"))
    with db.read_session() as session:
        assert stepped.layout(session, school_year_of(TODAY)) is None
        assert stepped.stepped_back(session, None, _window(period)) == expected
    monthly_report(db, SYSTEM, period, today=TODAY)  # the whole report, too
