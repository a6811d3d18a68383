"""The 学籍变动月报's counts as a handful of GROUP BY queries, not a replay of pupils in Python.

A pupil's status at the end of a day D is the status_after of their last 学籍异动 on or before D;
before their entry (入学日期, or a first 转入) they are not on the roll. The status-change
service keeps each pupil's history consistent — it records a change only from the pupil's current
status, never dated before the previous one — so the status at D is also the current status
stepped back over the changes after D. For each change let Δ = [status_after = 在读] −
[status_before = 在读] (+1 a pupil came back or in, −1 one left, 0 otherwise). Then, summed over the
pupils entered by D (enrolled_on ≤ D or unknown):

    在校生数(D) = #(now 在读) − ΣΔ(changes after D)

— one index-only scan of the 在读 stock (`stock`), plus one pass over the changes after D grouped
by pupil and joined to the pupils whose sum is not zero (`stepped_back`). The month's flows are
its own changes and entrants, grouped (`flows`, `entrants`). Pupils whose history within the
month contradicts itself (a change whose status_before is not what the one before left) are
found by `contradicting` and replayed one by one in changes.py, which replaces their part of
the sums, so a wrong record shows as a row that does not add up instead of being smoothed over.

Each query returns counts keyed by the inputs of the grade rule (grades.py): school, stored
grade, entry year, reference year — the caller turns them into the grade of the month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, and_, case, false, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from kongchuo_desktop.domain.status import ACTIVE_STATUSES
from kongchuo_desktop.store.models import School, StatusChange, Student

ATTENDING = "在读"
C, S = StatusChange, Student


@dataclass(frozen=True)
class Window:
    """The dates one report reads: the day before the month (opening), its first and last day, and
    the current school year (the reference year of pupils on roll)."""

    before: dt.date
    start: dt.date
    end: dt.date
    current_year: int


Key = tuple[str | None, int | None, int | None, int]  # school, stored grade, entry year, reference year


class school_year(FunctionElement[int]):  # noqa: N801 — reads as the SQL function it stands for
    """The school year (first calendar year) of a date column: Y for 1 Sept Y … 31 Aug Y+1."""

    type = Integer()
    inherit_cache = True
    name = "school_year"


@compiles(school_year)
def _school_year_default(element: school_year, compiler: Any, **kw: Any) -> str:
    day = compiler.process(element.clauses, **kw)
    return f"(CAST(EXTRACT(YEAR FROM {day}) AS INTEGER) - CASE WHEN EXTRACT(MONTH FROM {day}) < 9 THEN 1 ELSE 0 END)"


@compiles(school_year, "sqlite")
def _school_year_sqlite(element: school_year, compiler: Any, **kw: Any) -> str:
    day = compiler.process(element.clauses, **kw)  # SQLite keeps dates as 'YYYY-MM-DD' text
    # CAST reads the leading digits (the year) and stops at the '-': cheaper than a substr.
    return f"(CAST({day} AS INTEGER) - (substr({day}, 6, 2) < '09'))"


def school_kinds(session: Session) -> dict[str, str]:
    """school id → kind (小学 / 初中 / 九年一贯制 / 特教学校)."""
    return {i: k for i, k in session.execute(select(School.id, School.kind)).all()}


def inline(value: Any) -> Any:
    """A constant written into the SQL text instead of bound as a `?`. An expression that appears
    twice in a query (in the SELECT list and the GROUP BY, an aggregate in HAVING) is computed once
    only when both copies are identical — which copies with their own `?` parameters are not; for
    a correlated subquery, that is one index seek per row instead of two."""
    return literal(value, literal_execute=True)


def _reference(status: Any, last_year: Any, w: Window) -> ColumnElement[Any]:
    """The reference year (grades.py, rule 2) from the status and the year of the last change."""
    now = inline(w.current_year)
    return case((status.in_([inline(s) for s in ACTIVE_STATUSES]), now), else_=func.coalesce(last_year, now))


def _delta() -> ColumnElement[Any]:
    attending, one, zero = inline(ATTENDING), inline(1), inline(0)
    came = case((C.status_after == attending, one), else_=zero)
    went = case((func.coalesce(C.status_before, inline("")) == attending, one), else_=zero)
    return came - went


def _last_year(student_id: Any) -> Any:
    """The school year of the pupil's last live 学籍异动 (correlated; one index seek)."""
    return (
        select(school_year(func.max(C.changed_on)))
        .where(C.student_id == student_id, C.deleted == false())
        .correlate_except(C)
        .scalar_subquery()
    )


def _in_schools(column: Any, schools: frozenset[str] | None) -> list[ColumnElement[bool]]:
    return [] if schools is None else [column.in_(sorted(schools))]


def stock(session: Session, schools: frozenset[str] | None, w: Window) -> Iterator[tuple[Key, int, int]]:
    """(key, 在读 now and entered by the day before the month, … by its last day) per group: one
    index-only scan of ix_student_report_stock."""
    rows = session.execute(
        select(S.school_id, S.grade, S.enrolled_on, func.count())
        .where(S.deleted == false(), S.status == ATTENDING, *_in_schools(S.school_id, schools))
        .group_by(S.school_id, S.grade, S.enrolled_on)
    ).all()
    out: dict[Key, list[int]] = {}
    for school_id, grade, enrolled_on, n in rows:
        if enrolled_on is not None and enrolled_on > w.end:
            continue
        entry = None if enrolled_on is None else enrolled_on.year - (enrolled_on.month < 9)
        counts = out.setdefault((school_id, grade, entry, w.current_year), [0, 0])
        counts[1] += n
        if enrolled_on is None or enrolled_on <= w.before:
            counts[0] += n
    for key, (opening, closing) in out.items():
        yield key, opening, closing


def _per_pupil(w: Window, *where: ColumnElement[bool]) -> Any:
    """Per pupil with a change after the day before the month: ΣΔ since then (`since`), ΣΔ after
    the month (`later`) and the school year of their last change (pupils whose sums are both 0
    left out: they count as the current stock says)."""
    d = _delta()
    since = func.sum(d)
    later = func.sum(case((C.changed_on > inline(w.end), d), else_=inline(0)))
    return (
        select(
            C.student_id.label("sid"),
            since.label("since"),
            later.label("later"),
            school_year(func.max(C.changed_on)).label("last_year"),
        )
        .where(C.deleted == false(), C.changed_on > w.before, *where)
        .group_by(C.student_id)
        .having(or_(since != 0, later != 0))
        .subquery()
    )


def _impossible(per_pupil: Any, w: Window) -> ColumnElement[bool]:
    """The stepped-back count of a pupil comes out below 0 or above 1: their changes after the day
    do not follow one another (or the current status is not where they lead)."""
    now = case((S.status == ATTENDING, 1), else_=0)
    opening, closing = now - per_pupil.c.since, now - per_pupil.c.later
    return or_(
        and_(or_(S.enrolled_on.is_(None), S.enrolled_on <= w.before), or_(opening < 0, opening > 1)),
        and_(or_(S.enrolled_on.is_(None), S.enrolled_on <= w.end), or_(closing < 0, closing > 1)),
    )


def stepped_back(
    session: Session, schools: frozenset[str] | None, w: Window
) -> tuple[list[tuple[Key, int, int]], bool]:
    """(key, ΣΔ of changes after the day before the month, ΣΔ of changes after its last day) per
    group, over the pupils entered by then — what to take off the current 在读 stock to get the
    opening and closing counts — and whether some pupil's sums are impossible (`unsteppable`
    names them). The heaviest query of a report on an old month: it reads every change since
    (the report asks stepped.py, which gets the same from a cheaper query when the data fits it)."""
    per_pupil = _per_pupil(w)
    entry = school_year(S.enrolled_on).label("entry")
    ref = _reference(S.status, per_pupil.c.last_year, w).label("ref")
    query = (
        select(
            S.school_id,
            S.grade,
            entry,
            ref,
            func.sum(case((S.enrolled_on > w.before, 0), else_=per_pupil.c.since)),
            func.sum(case((S.enrolled_on > w.end, 0), else_=per_pupil.c.later)),
            func.max(case((_impossible(per_pupil, w), 1), else_=0)),
        )
        .select_from(per_pupil)
        .join(S, S.id == per_pupil.c.sid)
        .where(S.deleted == false(), *_in_schools(S.school_id, schools))
        .group_by(S.school_id, S.grade, entry, ref)
    )
    rows, odd = [], False
    for school_id, grade, entry_year, ref_year, since, later_sum, impossible in session.execute(query).all():
        rows.append(((school_id, grade, entry_year, ref_year), int(since or 0), int(later_sum or 0)))
        odd = odd or bool(impossible)
    return rows, odd


def unsteppable(session: Session, schools: frozenset[str] | None, w: Window) -> set[str]:
    """The pupils whose stepped-back counts are impossible (see `stepped_back`)."""
    per_pupil = _per_pupil(w)
    query = (
        select(per_pupil.c.sid)
        .join(S, S.id == per_pupil.c.sid)
        .where(S.deleted == false(), _impossible(per_pupil, w), *_in_schools(S.school_id, schools))
    )
    return set(session.execute(query).scalars())


def flows(
    session: Session, schools: frozenset[str] | None, w: Window
) -> Iterator[tuple[Key, str, str | None, str, str | None, int]]:
    """(key, kind, status_before, status_after, transfer_scope, count) of the month's changes."""
    entry = school_year(S.enrolled_on).label("entry")
    ref = _reference(S.status, _last_year(S.id), w).label("ref")
    query = (
        select(
            S.school_id, S.grade, entry, ref, C.kind, C.status_before, C.status_after, C.transfer_scope, func.count()
        )
        .select_from(C)
        .join(S, S.id == C.student_id)
        .where(
            C.deleted == false(),
            C.changed_on >= w.start,
            C.changed_on <= w.end,
            S.deleted == false(),
            *_in_schools(S.school_id, schools),
        )
        .group_by(S.school_id, S.grade, entry, ref, C.kind, C.status_before, C.status_after, C.transfer_scope)
    )
    for school_id, grade, entry_year, ref_year, kind, before, after, scope, n in session.execute(query).all():
        yield (school_id, grade, entry_year, ref_year), kind, before, after, scope, int(n)


def entrants(session: Session, schools: frozenset[str] | None, w: Window) -> Iterator[tuple[Key, int]]:
    """(key, count) of the month's 新入学: pupils whose 入学日期 falls in it and who entered 在读
    (their first 学籍异动 starts from 在读, or they have none and are 在读; a first 转入 is counted
    as a transfer in, not here)."""
    first_before = (  # NULL: no change at all; "": the first change is a 转入
        select(func.coalesce(C.status_before, ""))
        .where(C.student_id == S.id, C.deleted == false())
        .order_by(C.changed_on, C.updated_at, C.id)
        .limit(1)
        .correlate_except(C)
        .scalar_subquery()
    )
    entry = school_year(S.enrolled_on).label("entry")
    ref = _reference(S.status, _last_year(S.id), w).label("ref")
    query = (
        select(S.school_id, S.grade, entry, ref, func.count())
        .where(
            S.deleted == false(),
            S.enrolled_on >= w.start,
            S.enrolled_on <= w.end,
            case((S.status == ATTENDING, func.coalesce(first_before, ATTENDING)), else_=first_before) == ATTENDING,
            *_in_schools(S.school_id, schools),
        )
        .group_by(S.school_id, S.grade, entry, ref)
    )
    for school_id, grade, entry_year, ref_year, n in session.execute(query).all():
        yield (school_id, grade, entry_year, ref_year), int(n)


def contradicting(session: Session, schools: frozenset[str] | None, w: Window) -> set[str]:
    """Pupils with a change in the month whose status_before is not the status the change before
    it left (for a first change: not 在读, unless it is the 转入 that brought the pupil in)."""
    prev = aliased(StatusChange)
    previous_after = (  # the last change on an earlier day
        select(prev.status_after)
        .where(prev.student_id == C.student_id, prev.deleted == false(), prev.changed_on < C.changed_on)
        .order_by(prev.changed_on.desc(), prev.updated_at.desc(), prev.id.desc())
        .limit(1)
        .correlate(C)
        .scalar_subquery()
    )
    # Two changes of one pupil on the same day are ordered by when they were recorded, which the
    # replay (changes.py) follows exactly: those pupils are handed to it too.
    same_day = (
        select(func.count())
        .select_from(prev)
        .where(prev.student_id == C.student_id, prev.deleted == false(), prev.changed_on == C.changed_on)
        .correlate(C)
        .scalar_subquery()
    )
    expected = func.coalesce(previous_after, case((C.status_before.is_(None), ""), else_=ATTENDING))
    query = select(C.student_id).where(
        C.deleted == false(),
        C.changed_on >= w.start,
        C.changed_on <= w.end,
        or_(func.coalesce(C.status_before, "") != expected, same_day > 1),
    )
    ids = set(session.execute(query).scalars())
    if ids and schools is not None:
        ids = set(
            session.execute(select(S.id).where(S.id.in_(sorted(ids)), S.school_id.in_(sorted(schools)))).scalars()
        )
    return ids
