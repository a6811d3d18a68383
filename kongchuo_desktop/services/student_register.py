"""The student register as the table shows it: filtered, sorted, counted and paged in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select, union
from sqlalchemy.orm import Session

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services import search_text
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.models import School, Student, Township

T = Student.__table__
SCHOOL = School.__table__
TOWNSHIP = Township.__table__

# Special groups the register can filter on: attribute → condition (each has a partial index).
GROUP_CONDITIONS: dict[str, ColumnElement[bool]] = {
    "left_behind": T.c.left_behind != "无",
    "migrant": T.c.migrant == True,  # noqa: E712
    "disability_type": T.c.disability_type.is_not(None),
    "poverty": T.c.poverty == True,  # noqa: E712
    "low_income": T.c.low_income == True,  # noqa: E712
    "orphan": T.c.orphan == True,  # noqa: E712
    "boarding": T.c.boarding == True,  # noqa: E712
}

# Sort keys: column name → ORDER BY columns (each backed by an index ending in name_pinyin).
SORT_KEYS: dict[str, tuple[ColumnElement[object], ...]] = {
    "name": (T.c.name_pinyin, T.c.id),
    "sex": (T.c.sex, T.c.name_pinyin, T.c.id),
    "birth_date": (T.c.birth_date, T.c.name_pinyin, T.c.id),
    "id_number": (T.c.id_number, T.c.id),
    "student_no": (T.c.student_no, T.c.id),
    "grade": (T.c.grade, T.c.class_no, T.c.name_pinyin, T.c.id),
    "status": (T.c.status, T.c.name_pinyin, T.c.id),
}
# Sorted through a small lookup table, one segment per school / township (see page()).
SEGMENT_SORTS = {"school": (T.c.school_id, SCHOOL), "township": (T.c.township_id, TOWNSHIP)}


@dataclass(frozen=True)
class StudentFilter:
    """What the register shows: search text plus filters (None = any)."""

    text: str = ""
    township_id: str | None = None
    school_id: str | None = None
    grade: int | None = None
    status: str | None = None
    groups: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class StudentRow:
    """One register row, plain data for the table model."""

    id: str
    name: str
    sex: str
    birth_date: dt.date | None
    id_number: str | None
    student_no: str | None
    school_id: str | None
    grade: int | None
    class_no: int | None
    status: str
    left_behind: str
    migrant: bool
    disability_type: str | None
    poverty: bool
    low_income: bool
    orphan: bool
    boarding: bool


ROW_COLUMNS = [T.c[name] for name in StudentRow.__dataclass_fields__]
ROW_NAMES = set(StudentRow.__dataclass_fields__)
# Search branches whose matches are spread evenly over every sort order (unlike name and pinyin,
# which cluster in name order); when they match this many rows, walking the sort index is cheaper.
UNCORRELATED_SEARCH = {"id_number", "student_no"}
LARGE_BRANCH = 10_000


class StudentRegister:
    """Counts and pages of the student register within an actor's scope."""

    def __init__(self, session: Session, actor: Actor) -> None:
        actor.require(perms.STUDENT_READ)
        self.session = session
        self.actor = actor

    def where(self, flt: StudentFilter) -> list[ColumnElement[bool]]:
        """The WHERE terms for a filter, the actor's scope included."""
        terms: list[ColumnElement[bool]] = [T.c.deleted == False]  # noqa: E712
        if self.actor.school_id is not None:
            terms.append(T.c.school_id == self.actor.school_id)
        elif self.actor.township_id is not None:
            terms.append(T.c.township_id == self.actor.township_id)
        if self.actor.classes:
            terms.append(or_(*(and_(T.c.grade == g, T.c.class_no == c) for g, c in self.actor.classes)))
        if flt.township_id is not None:
            terms.append(T.c.township_id == flt.township_id)
        if flt.school_id is not None:
            terms.append(T.c.school_id == flt.school_id)
        if flt.grade is not None:
            terms.append(T.c.grade == flt.grade)
        if flt.status is not None:
            terms.append(T.c.status == flt.status)
        for group in sorted(flt.groups):
            terms.append(GROUP_CONDITIONS[group])
        text_term = search_text.condition(search_text.parse(flt.text), T)
        if text_term is not None:
            terms.append(text_term)
        return terms

    def count(self, flt: StudentFilter) -> int:
        """How many students match."""
        stmt = select(func.count()).select_from(T).where(and_(*self.where(flt)))
        return int(self.session.execute(stmt).scalar_one())

    def page(
        self,
        flt: StudentFilter,
        sort: str = "name",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        segments: list[tuple[str | None, int]] | None = None,
    ) -> list[StudentRow]:
        """Rows [offset, offset+limit) of the filtered register in the given order.

        For the school and township sorts a caller paging through one result may pass the
        `segments()` it got for that filter and order, so they are not counted again per page.
        """
        if sort in SEGMENT_SORTS:
            if segments is None:
                segments = self.segments(flt, sort, descending)
            return self._segment_page(flt, sort, descending, offset, limit, segments)
        keys = SORT_KEYS.get(sort, SORT_KEYS["name"])
        return self._ordered_page(flt, [], keys, descending, offset, limit)

    def _ordered_page(
        self,
        flt: StudentFilter,
        extra: list[ColumnElement[bool]],
        keys: tuple[ColumnElement[Any], ...],
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[StudentRow]:
        """One page in `keys` order, planned so that each search branch stays on an index.

        A search ORs several prefix branches (name, pinyin, initials, ID, 学籍号). SQLite answers
        such an OR with an index union followed by a sort of every match, which is slow when a
        branch matches hundreds of thousands of rows. Instead each branch is fetched in sort order
        up to offset+limit rows and the branches are merged; an ID or 学籍号 branch that matches
        very many rows walks the sort index and tests each row instead (see search_text.unindexed).
        """
        base = [*self.where(replace(flt, text="")), *extra]
        terms = search_text.parse(flt.text)
        order_cols = list(keys)
        order = [k.desc() for k in order_cols] if descending else order_cols
        wanted = [*ROW_COLUMNS, *(k for k in order_cols if k.name not in ROW_NAMES)]
        parts = search_text.branches(terms, T)
        if terms.empty:
            stmt = select(*ROW_COLUMNS).where(and_(*base)).order_by(*order).offset(offset).limit(limit)
            return self._rows(stmt)
        if not parts:
            return []
        members = []
        for column, cond in parts:
            if column in UNCORRELATED_SEARCH and self._is_large(base, cond):
                cond = search_text.unindexed(T.c[column], getattr(terms, column))
            if len(parts) == 1:
                stmt = select(*ROW_COLUMNS).where(and_(*base, cond)).order_by(*order).offset(offset).limit(limit)
                return self._rows(stmt)
            sub = select(*wanted).where(and_(*base, cond)).order_by(*order).limit(offset + limit).subquery()
            members.append(select(*sub.c))
        merged = union(*members).subquery()
        merged_order = [merged.c[k.name] for k in order_cols]
        if descending:
            merged_order = [c.desc() for c in merged_order]
        stmt = select(*(merged.c[c.name] for c in ROW_COLUMNS)).order_by(*merged_order).offset(offset).limit(limit)
        return self._rows(stmt)

    def _is_large(self, base: list[ColumnElement[bool]], cond: ColumnElement[bool]) -> bool:
        """Whether a branch matches at least LARGE_BRANCH rows (a bounded, index-only probe)."""
        probe = select(literal(1)).where(and_(*base, cond)).limit(LARGE_BRANCH).subquery()
        return int(self.session.execute(select(func.count()).select_from(probe)).scalar_one()) >= LARGE_BRANCH

    def segments(self, flt: StudentFilter, sort: str, descending: bool = False) -> list[tuple[str | None, int]]:
        """(key, count) per school or township, in the pinyin order of their names."""
        column, lookup = SEGMENT_SORTS[sort]
        counts = dict(
            self.session.execute(
                select(column, func.count()).where(and_(*self.where(flt))).group_by(column)
            ).all()
        )
        names = dict(self.session.execute(select(lookup.c.id, lookup.c.name)).all())
        # Chinese names sort by pinyin, as people expect (not by code point).
        ordered = sorted(counts, key=lambda key: (key is None, name_keys(names.get(key, ""))[0] if key else ""))
        if descending:
            ordered.reverse()
        return [(key, counts[key]) for key in ordered]

    def _segment_page(
        self,
        flt: StudentFilter,
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
        segments: list[tuple[str | None, int]],
    ) -> list[StudentRow]:
        # Sorting 1,000,000 rows by a joined name is slow; instead walk the (few) schools in name
        # order and page inside each one on its (school_id, name_pinyin) index.
        column, _lookup = SEGMENT_SORTS[sort]
        rows: list[StudentRow] = []
        start = 0
        for key, size in segments:
            end = start + size
            if end > offset and len(rows) < limit:
                key_term = column.is_(None) if key is None else column == key
                rows.extend(
                    self._ordered_page(
                        flt, [key_term], SORT_KEYS["name"], descending, max(0, offset - start), limit - len(rows)
                    )
                )
            start = end
            if len(rows) >= limit:
                break
        return rows

    def _rows(self, stmt: Select[tuple[object, ...]]) -> list[StudentRow]:
        return [StudentRow(*r) for r in self.session.execute(stmt).all()]

    def ids(self, flt: StudentFilter, limit: int = 10_000) -> list[str]:
        """Ids of matching students in name order (for selections and exports of modest size)."""
        stmt = select(T.c.id).where(and_(*self.where(flt))).order_by(T.c.name_pinyin, T.c.id).limit(limit)
        return list(self.session.execute(stmt).scalars())
