"""The indicators read pupils and their 学籍异动 as plain SQL tuples: on a demo with years of
history (a pupil and a 学籍异动 deleted), every scope reads exactly what the ORM reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import indicators as si
from kongchuo_desktop.store.models import Child, School, StatusChange, Student
from tests.helpers import opened_copy

TODAY = dt.date(2026, 11, 16)


def orm_pupils(session: Session) -> dict[str, ind.PupilRecord]:
    """The live pupils read the plain ORM way: the reference for the SQL reader."""
    kinds = {school.id: school.kind for school in session.execute(select(School)).scalars()}
    changes: dict[str, list[ind.Change]] = {}
    ordered = select(StatusChange).where(StatusChange.deleted.is_(False))
    for c in session.execute(ordered.order_by(StatusChange.changed_on, StatusChange.updated_at)).scalars():
        changes.setdefault(c.student_id, []).append(ind.Change(c.kind, c.changed_on, c.status_before, c.status_after))
    out = {}
    for s in session.execute(select(Student).where(Student.deleted.is_(False))).scalars():
        history, kind = tuple(changes.get(s.id, ())), kinds.get(s.school_id)
        out[s.id] = ind.PupilRecord(s.id, s.school_id, s.township_id, s.grade, s.status, s.enrolled_on, history, kind)
    return out


def by_id(pupils: list[ind.PupilRecord]) -> dict[str, ind.PupilRecord]:
    """Pupils by id (each once)."""
    out = {p.id: p for p in pupils}
    assert len(out) == len(pupils)
    return out


def test_every_scope_reads_what_the_orm_reads(demo_databases: Callable[..., Path], tmp_path: Path) -> None:
    template = demo_databases(students=900, seed=11, today=TODAY, cases=False)  # shared with tests/reports
    with opened_copy(template, tmp_path) as db:
        with db.transaction(user="test") as session:  # deleted rows must not count
            gone = session.execute(select(Student).where(Student.status == "在读").limit(1)).scalar_one()
            gone.deleted = True
            change = session.execute(select(StatusChange).where(StatusChange.student_id != gone.id).limit(1))
            dropped = change.scalar_one()
            dropped.deleted = True
        with db.read_session() as session:
            expected = orm_pupils(session)
            everyone = si.load_pupils(session)
            assert by_id(everyone) == expected and len(everyone) == len(expected) > 800
            assert gone.id not in expected
            assert ind.Change(dropped.kind, dropped.changed_on, dropped.status_before, dropped.status_after) not in (
                expected[dropped.student_id].changes
            )
            assert sum(len(p.changes) for p in everyone) > 500
            assert all(isinstance(p.enrolled_on, dt.date) for p in everyone if p.enrolled_on is not None)
            school, town = everyone[0].school_id, everyone[0].township_id
            assert school is not None and town is not None
            by_school = by_id(si.load_pupils(session, school_id=school))
            assert by_school == {p.id: p for p in everyone if p.school_id == school} and by_school
            by_town = by_id(si.load_pupils(session, township_id=town))
            assert by_town == {p.id: p for p in everyone if p.township_id == town} and len(by_town) > len(by_school)
            some = [p.id for p in everyone[::7]] + [gone.id]
            assert by_id(si.load_pupils(session, ids=some)) == {i: expected[i] for i in some[:-1]}
            # The register, and the pupils it links to, as the ORM reads them.
            data = si.load(session, None, None)
            children = session.execute(select(Child).where(Child.deleted.is_(False))).scalars().all()
            read = {child.id: (child, student) for rows in data.children.values() for child, student in rows}
            assert len(read) == len(children)
            for child in children:
                record, student = read[child.id]
                assert (record.birth_date, record.situation, student) == (child.birth_date, child.situation,
                                                                          child.student_id)  # fmt: skip
                if child.student_id in expected:
                    assert data.linked[child.student_id] == expected[child.student_id]
