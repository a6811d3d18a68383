"""Pupils one by one, with their dated history: for the few a report looks at individually (the
dropouts and their cases, pupils absent at the month's end, pupils whose records contradict each
other); the counts of everyone else are GROUP BY queries (counts.py).

A pupil enters the school's roll on `enrolled_on` (新入学), or by a first 转入 recorded with no
status before it (a pupil transferred in); from then on the status on a day is the
`status_after` of the last 学籍异动 dated on or before that day (在读 when there is none). A pupil
with no recorded entry date (`enrolled_on` empty and no such 转入) is taken to have been on the
roll before any report month (the report says how many).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from kongchuo_desktop.services.reports import grades
from kongchuo_desktop.services.reports.period import Period, school_year_of
from kongchuo_desktop.store.models import School, StatusChange, Student

ATTENDING = "在读"
CHUNK = 5000


@dataclass(frozen=True)
class Change:
    """One 学籍异动 as the reports read it."""

    id: str
    changed_on: dt.date
    kind: str
    status_before: str | None
    status_after: str
    transfer_scope: str | None
    other_school: str | None
    reason: str | None


@dataclass
class Pupil:
    """A student with their 学籍异动 in date order (ties: in the order they were recorded)."""

    id: str
    name: str
    sex: str | None
    school_id: str | None
    township_id: str | None
    grade: int | None
    status: str
    enrolled_on: dt.date | None
    flags: tuple[str, ...] = ()
    student_no: str | None = None
    kind: str | None = None  # the school's kind (小学 / 初中 / …), for the grade rule
    changes: list[Change] = field(default_factory=list)

    @property
    def entry(self) -> tuple[str, dt.date | None]:
        """How and when the pupil came onto the roll: (新入学 | 转入, day or None when unknown)."""
        if self.changes and self.changes[0].status_before is None:
            return "转入", self.changes[0].changed_on
        return "新入学", self.enrolled_on

    def status_on(self, day: dt.date) -> str | None:
        """The status at the end of `day` (None: not on this school's roll yet)."""
        how, since = self.entry
        if since is not None and day < since:
            return None
        status = ATTENDING if how == "新入学" else None
        for change in self.changes:
            if change.changed_on > day:
                break
            status = change.status_after
        return status

    def reference_year(self, today: dt.date) -> int:
        """The school year the stored grade is taken to belong to (grades.py, rule 2)."""
        last = self.changes[-1].changed_on if self.changes else None
        return grades.reference_year(self.status, last, school_year_of(today))

    def grade_for(self, period: Period, today: dt.date) -> int | None:
        """The grade this pupil is counted in during `period` (not clamped; grades.py)."""
        return grades.grade_in(self.grade, self.kind, self.enrolled_on, self.reference_year(today), period.school_year)


def _flags(row: Any) -> tuple[str, ...]:
    flags = []
    if row.left_behind and row.left_behind != "无":
        flags.append("留守")
    if row.migrant:
        flags.append("随迁")
    if row.disability_type:
        flags.append("残疾")
    if row.poverty:
        flags.append("脱贫户")
    if row.low_income:
        flags.append("低保")
    if row.orphan:
        flags.append("孤儿")
    if row.boarding:
        flags.append("寄宿")
    return tuple(flags)


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def load_pupils(session: Session, ids: Iterable[str] | Select[Any], schools: frozenset[str] | None) -> dict[str, Pupil]:
    """The live pupils among `ids` (ids, or a SELECT of student ids) inside `schools` (None = all),
    with their live changes."""
    S = Student
    columns = (S.id, S.name, S.sex, S.school_id, S.township_id, S.grade, S.status, S.enrolled_on, S.student_no,
               S.left_behind, S.migrant, S.disability_type, S.poverty, S.low_income, S.orphan, S.boarding)  # fmt: skip
    kinds = {i: k for i, k in session.execute(select(School.id, School.kind)).all()}
    change_columns = (
        StatusChange.student_id, StatusChange.id, StatusChange.changed_on, StatusChange.kind,
        StatusChange.status_before, StatusChange.status_after, StatusChange.transfer_scope,
        StatusChange.from_school, StatusChange.to_school, StatusChange.reason, StatusChange.updated_at,
    )  # fmt: skip
    if isinstance(ids, Select):
        sets: list[Any] = [ids]
    else:
        sets = list(_chunks(sorted(set(ids))))
    pupils: dict[str, Pupil] = {}
    changes: list[Any] = []
    for part in sets:
        for row in session.execute(select(*columns).where(S.id.in_(part), S.deleted == false())).all():
            if schools is not None and row.school_id not in schools:
                continue
            pupils[row.id] = Pupil(
                row.id, row.name, row.sex, row.school_id, row.township_id, row.grade, row.status, row.enrolled_on,
                _flags(row), row.student_no, kinds.get(row.school_id or ""),
            )  # fmt: skip
        changes += session.execute(
            select(*change_columns).where(StatusChange.student_id.in_(part), StatusChange.deleted == false())
        ).all()
    changes.sort(key=lambda r: (r[0], r[2], r[10], r[1]))
    for sid, cid, on, kind, before, after, scope, from_school, to_school, reason, _at in changes:
        pupil = pupils.get(sid)
        if pupil is not None and (not pupil.changes or pupil.changes[-1].id != cid):
            other = from_school if kind == "转入" else to_school if kind == "转出" else None
            pupil.changes.append(Change(cid, on, kind, before, after, scope, other, reason))
    return pupils


def unknown_entry_count(session: Session, schools: frozenset[str] | None) -> int:
    """Live students with neither an entry date nor a first 转入 (counted as entered long ago)."""
    first_in = select(StatusChange.id).where(
        and_(
            StatusChange.student_id == Student.id, StatusChange.status_before.is_(None), StatusChange.deleted == false()
        )
    )
    query = select(func.count()).where(Student.deleted == false(), Student.enrolled_on.is_(None), ~first_in.exists())
    if schools is not None:
        query = query.where(Student.school_id.in_(sorted(schools)))
    return int(session.execute(query).scalar_one())
