"""The register of school-age children (适龄儿童) as the table shows it: filtered, sorted, counted, paged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain.codes import grade_label
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import search_text
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Child, Guardian, School, Student, Township

T = Child.__table__
S = Student.__table__

# Sort keys: column name → ORDER BY columns (each backed by an index on the child table).
SORT_KEYS: dict[str, tuple[ColumnElement[Any], ...]] = {
    "name": (T.c.name_pinyin, T.c.id),
    "birth_date": (T.c.birth_date, T.c.name_pinyin, T.c.id),
    "id_number": (T.c.id_number, T.c.id),
    "situation": (T.c.situation, T.c.name_pinyin, T.c.id),
}


@dataclass(frozen=True)
class ChildFilter:
    """What the children register shows: search text, township and situation (None = any)."""

    text: str = ""
    township_id: str | None = None
    situation: str | None = None


@dataclass(frozen=True)
class ChildRow:
    """One row of the children register, with the matched student's school, grade and status."""

    id: str
    name: str
    sex: str | None
    birth_date: dt.date | None
    id_number: str | None
    township_id: str | None
    hukou_village: str | None
    situation: str
    elsewhere_school: str | None
    approving_body: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    student_id: str | None
    student_school_id: str | None
    student_grade: int | None
    student_status: str | None


_CHILD_COLUMNS = [T.c[name] for name in list(ChildRow.__dataclass_fields__)[:13]]
_ROW_COLUMNS = [*_CHILD_COLUMNS, S.c.school_id, S.c.grade, S.c.status]


class ChildRegister:
    """Counts and pages of the children register within an actor's scope."""

    def __init__(self, session: Session, actor: Actor) -> None:
        actor.require(perms.CHILD_READ)
        self.session = session
        self.actor = actor

    def where(self, flt: ChildFilter) -> list[ColumnElement[bool]]:
        """The WHERE terms for a filter, the actor's scope included."""
        terms: list[ColumnElement[bool]] = [T.c.deleted == False]  # noqa: E712
        terms.extend(_scope(self.actor))
        if flt.township_id is not None:
            terms.append(T.c.township_id == flt.township_id)
        if flt.situation is not None:
            terms.append(T.c.situation == flt.situation)
        text_term = search_text.condition(search_text.parse(flt.text), T)
        if text_term is not None:
            terms.append(text_term)
        return terms

    def count(self, flt: ChildFilter) -> int:
        """How many children match."""
        stmt = select(func.count()).select_from(T).where(and_(*self.where(flt)))
        return int(self.session.execute(stmt).scalar_one())

    def page(
        self, flt: ChildFilter, sort: str = "name", descending: bool = False, offset: int = 0, limit: int = 200
    ) -> list[ChildRow]:
        """Rows [offset, offset+limit) of the filtered register in the given order."""
        keys = SORT_KEYS.get(sort, SORT_KEYS["name"])
        order = [k.desc() for k in keys] if descending else list(keys)
        stmt = (
            select(*_ROW_COLUMNS)
            .select_from(T.outerjoin(S, S.c.id == T.c.student_id))
            .where(and_(*self.where(flt)))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        return [ChildRow(*r) for r in self.session.execute(stmt).all()]


def _scope(actor: Actor) -> list[ColumnElement[bool]]:
    if actor.school_id is not None:
        # A school (or a teacher's classes) sees the children who are its pupils; the township
        # keeps the full register.
        pupils = select(S.c.id).where(S.c.school_id == actor.school_id)
        if actor.classes:
            pupils = pupils.where(or_(*(and_(S.c.grade == g, S.c.class_no == c) for g, c in actor.classes)))
        return [T.c.student_id.in_(pupils)]
    if actor.township_id is not None:
        return [T.c.township_id == actor.township_id]
    return []


@dataclass
class ChildDetail:
    """A child's recorded values as plain data, with display names for township and matched student."""

    id: str
    values: dict[str, Any]
    township: str | None = None
    student: str | None = None
    guardians: list[dict[str, Any]] = field(default_factory=list)


DETAIL_FIELDS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_number", "hukou_village", "hukou_address",
    "residence_address", "situation", "elsewhere_school", "approving_body", "period_start", "period_end", "note",
)  # fmt: skip


def get_child(db: Database, actor: Actor, child_id: str) -> ChildDetail:
    """One child of the register (NotFoundError / PermissionDenied as appropriate)."""
    actor.require(perms.CHILD_READ)
    with db.read_session() as session:
        child = session.get(Child, child_id)
        if child is None or child.deleted:
            raise NotFoundError("找不到这个儿童，可能已被删除。")
        visible = session.execute(select(func.count()).select_from(T).where(T.c.id == child_id, *_scope(actor)))
        if not visible.scalar_one():
            raise PermissionDenied("您没有权限查看这个儿童的信息。")
        township = session.get(Township, child.township_id) if child.township_id else None
        student_text = None
        student = session.get(Student, child.student_id) if child.student_id else None
        if student is not None and not student.deleted:
            school = session.get(School, student.school_id) if student.school_id else None
            parts = [school.name if school else "", grade_label(student.grade) if student.grade else "", student.status]
            student_text = " ".join(p for p in parts if p)
        guardians = [
            {"name": g.name, "relation": g.relation, "phone": g.phone}
            for g in session.execute(
                select(Guardian)
                .where(Guardian.child_id == child.id, Guardian.deleted.is_(False))
                .order_by(Guardian.slot)
            ).scalars()
        ]
        return ChildDetail(
            child.id,
            {k: getattr(child, k) for k in DETAIL_FIELDS},
            township.name if township else None,
            student_text,
            guardians,
        )
