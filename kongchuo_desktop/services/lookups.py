"""Small lists for dropdowns: townships, schools (of a township) and teachers (of a school)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School, Staff, Township

# Staff who can be a pupil's 亲情监护人 (the people working at the school).
TEACHER_ROLES = ("教师", "班主任", "校长", "副校长")


@dataclass(frozen=True)
class Option:
    """One dropdown entry: the record id and the name shown."""

    id: str
    name: str


@dataclass(frozen=True)
class SchoolOption:
    """A school as dropdowns list it, with the township it belongs to."""

    id: str
    name: str
    township_id: str | None


def _by_pinyin(name: str) -> tuple[str, str]:
    # Chinese names are listed in pinyin order, as the register sorts them (not by code point).
    return name_keys(name)[0], name


def townships(db: Database, actor: Actor | None = None) -> list[Option]:
    """Townships in the actor's scope, in pinyin order of their names."""
    stmt = select(Township.id, Township.name).where(Township.deleted.is_(False))
    if actor is not None and actor.township_id is not None:
        stmt = stmt.where(Township.id == actor.township_id)
    with db.read_session() as session:
        rows = [Option(*row) for row in session.execute(stmt).all()]
    return sorted(rows, key=lambda o: _by_pinyin(o.name))


def schools(db: Database, actor: Actor | None = None, township_id: str | None = None) -> list[SchoolOption]:
    """Schools in the actor's scope (and of one township when given), in pinyin order of their names."""
    stmt = select(School.id, School.name, School.township_id).where(School.deleted.is_(False))
    if actor is not None and actor.school_id is not None:
        stmt = stmt.where(School.id == actor.school_id)
    elif actor is not None and actor.township_id is not None:
        stmt = stmt.where(School.township_id == actor.township_id)
    if township_id is not None:
        stmt = stmt.where(School.township_id == township_id)
    with db.read_session() as session:
        rows = [SchoolOption(*row) for row in session.execute(stmt).all()]
    return sorted(rows, key=lambda o: _by_pinyin(o.name))


def school_names(db: Database) -> dict[str, str]:
    """Every school's name by id (deleted ones too, so old rows still show a name)."""
    with db.read_session() as session:
        return dict(session.execute(select(School.id, School.name)).all())  # type: ignore[arg-type]


def teachers(db: Database, school_id: str | None) -> list[Option]:
    """Teachers, class teachers and principals of a school, in pinyin order (empty without a school)."""
    if not school_id:
        return []
    stmt = select(Staff.id, Staff.name).where(
        Staff.school_id == school_id, Staff.role.in_(TEACHER_ROLES), Staff.deleted.is_(False)
    )
    with db.read_session() as session:
        rows = [Option(*row) for row in session.execute(stmt).all()]
    return sorted(rows, key=lambda o: _by_pinyin(o.name))
