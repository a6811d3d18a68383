"""待办: what is due in the logged-in person's scope — visits overdue and due today, reports to
send, notices past their deadline, cases with no progress, pupils back and awaiting 销号.

Each group is one indexed range over the open cases (store.models.cases: a partial index per group
date, alone and per township), counted in full and listed up to `limit` rows, most urgent first.
The badge counts cases in any group once, from one covering index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.case_settings import load_rules
from kongchuo_desktop.services.cases import today as local_today
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Case, School, Student

C = Case.__table__.c
S = Student.__table__.c

VISITS_OVERDUE = "visits_overdue"
VISITS_TODAY = "visits_today"
REPORTS = "reports"
NOTICES = "notices"
STALE = "stale"
TO_CLOSE = "to_close"
GROUP_KEYS: tuple[str, ...] = (VISITS_OVERDUE, VISITS_TODAY, REPORTS, NOTICES, STALE, TO_CLOSE)
GROUP_TITLES = {
    VISITS_OVERDUE: "已逾期的走访",
    VISITS_TODAY: "今天到期的走访",
    REPORTS: "待报送的情况报告",
    NOTICES: "限期返校通知书已过期限",
    STALE: "{n}天无进展的个案",
    TO_CLOSE: "已返校待销号",
}
GROUP_HINTS = {
    VISITS_OVERDUE: "按“三访一报告”应当走访而还没有登记的",
    VISITS_TODAY: "今天应当走访的",
    REPORTS: "三访后应报送乡镇政府和教育局的书面报告",
    NOTICES: "通知书期限已过，请核查学生是否返校，并决定下一步（转介、认定辍学）",
    STALE: "很久没有走访、通知或转介记录的个案",
    TO_CLOSE: "学生已返校，请核实后销号",
}


@dataclass(frozen=True)
class TodoItem:
    """One line of the to-do list: the case and pupil, the action due, and how late it is.

    status: as of today; days_late: today − due_on (0 = due today, negative = not yet due).
    """

    case_id: str
    case_number: str
    student_id: str
    student_name: str
    school_name: str
    grade: int | None
    class_no: int | None
    status: str
    action: str
    due_on: dt.date
    days_late: int
    last_activity_on: dt.date


@dataclass(frozen=True)
class TodoGroup:
    """A group of the to-do list: key (GROUP_KEYS), title, hint, how many in all, the first items."""

    key: str
    title: str
    hint: str
    count: int
    items: list[TodoItem] = field(default_factory=list)


@dataclass(frozen=True)
class Todo:
    """The to-do list as of `today`: its groups and how many different cases need attention."""

    today: dt.date
    groups: list[TodoGroup]
    cases: int

    def group(self, key: str) -> TodoGroup:
        """A group by key."""
        return next(g for g in self.groups if g.key == key)


def _scope(actor: Actor) -> tuple[list[ColumnElement[bool]], bool]:
    """WHERE terms for the actor's scope, and whether the pupil's class must be checked (join)."""
    terms: list[ColumnElement[bool]] = [C.is_open == True, C.deleted == False]  # noqa: E712 — renders "= 1", as the partial indexes say
    if actor.school_id is not None:
        terms.append(C.school_id == actor.school_id)
    elif actor.township_id is not None:
        terms.append(C.township_id == actor.township_id)
    return terms, bool(actor.classes)


def _unindexed(column: Any) -> Any:
    """The column written so that no index answers a condition on it (``col || ''``; dates are
    ISO text in SQLite, so comparing with ISO text keeps the meaning)."""
    return type_coerce(column, String).concat("")


def _conditions(
    day: dt.date, stale_before: dt.date, indexed: bool = True
) -> dict[str, tuple[ColumnElement[bool], Any]]:
    """Each group's condition and ORDER BY column. indexed=False: the conditions are written so
    that SQLite cannot answer them from the per-group date indexes (see `todo_in`)."""
    if indexed:
        col: Any = lambda c: c  # noqa: E731
        d: Any = day
        s: Any = stale_before
    else:
        col, d, s = _unindexed, day.isoformat(), stale_before.isoformat()
    return {
        VISITS_OVERDUE: (col(C.visit_due_on) < d, C.visit_due_on),
        VISITS_TODAY: (col(C.visit_due_on) == d, C.visit_due_on),
        REPORTS: (col(C.report_due_on) <= d, C.report_due_on),
        NOTICES: (col(C.notice_due_on) < d, C.notice_due_on),
        STALE: (col(C.last_activity_on) <= s, C.last_activity_on),
        TO_CLOSE: (col(C.close_due_on) <= d, C.close_due_on),
    }


def _class_terms(actor: Actor) -> ColumnElement[bool]:
    return or_(*(and_(S.grade == g, S.class_no == c) for g, c in actor.classes))


def build_todo(db: Database, actor: Actor, today: dt.date | None = None, limit: int = 200) -> Todo:
    """The to-do list of the actor's scope as of `today` (default: the real today)."""
    actor.require(perms.CASE_READ)
    day = today or local_today()
    with db.read_session() as session:
        return todo_in(session, actor, day, limit)


def todo_in(session: Session, actor: Actor, day: dt.date, limit: int = 200) -> Todo:
    """`build_todo` in an open session."""
    actor.require(perms.CASE_READ)
    rules = load_rules(session)
    stale_before = day - dt.timedelta(days=rules.stale_days)
    base, by_class = _scope(actor)
    # SQLite's planner, left alone, answers a school's groups from the site-wide date indexes
    # (walking them in due order and testing each case's school) and the badge's OR from five
    # indexes plus table lookups. A school's cases are few: its conditions are kept off the date
    # indexes so the covering ix_case_school_todo serves them; the badge likewise reads the
    # covering ix_case_todo once.
    conditions = _conditions(day, stale_before, indexed=actor.school_id is None)
    unindexed = _conditions(day, stale_before, indexed=False)
    schools: dict[str, str] | None = None
    groups = []
    for key in GROUP_KEYS:
        cond, order = conditions[key]
        where = and_(*base, cond)
        count_stmt = select(func.count()).select_from(Case.__table__).where(where)
        if by_class:
            count_stmt = count_stmt.join(Student.__table__, S.id == C.student_id).where(_class_terms(actor))
        count = int(session.execute(count_stmt).scalar_one())
        items: list[TodoItem] = []
        if count and limit > 0:
            if schools is None:
                schools = dict(session.execute(select(School.id, School.name)).all())  # type: ignore[arg-type]
            items = _items(session, actor, key, where, order, day, limit, schools, by_class)
        title = GROUP_TITLES[key].replace("{n}", str(rules.stale_days))
        groups.append(TodoGroup(key, title, GROUP_HINTS[key], count, items))
    any_group = or_(*(unindexed[key][0] for key in GROUP_KEYS))
    total_stmt = select(func.count()).select_from(Case.__table__).where(and_(*base, any_group))
    if by_class:
        total_stmt = total_stmt.join(Student.__table__, S.id == C.student_id).where(_class_terms(actor))
    total = int(session.execute(total_stmt).scalar_one())
    return Todo(day, groups, total)


def _items(
    session: Session,
    actor: Actor,
    key: str,
    where: ColumnElement[bool],
    order: Any,
    day: dt.date,
    limit: int,
    schools: dict[str, str],
    by_class: bool,
) -> list[TodoItem]:
    # The ORDER BY … LIMIT runs on the group's index in a subquery; only its rows are then joined
    # to the case (by primary key) and the pupil — one statement, no long IN list to render.
    top = select(C.id).where(where).order_by(order, C.id).limit(limit)
    if by_class:
        top = top.join(Student.__table__, S.id == C.student_id).where(_class_terms(actor))
    ranked = top.subquery()
    group_col = {VISITS_OVERDUE: C.visit_due_on, VISITS_TODAY: C.visit_due_on, REPORTS: C.report_due_on,
                 NOTICES: C.notice_due_on, TO_CLOSE: C.close_due_on, STALE: C.last_activity_on}[key]  # fmt: skip
    rows = session.execute(
        select(
            C.id,
            C.number,
            C.student_id,
            C.status,
            C.threshold_on,
            C.visit_action,
            C.next_action,
            C.last_activity_on,
            C.school_id,
            S.name,
            S.grade,
            S.class_no,
            group_col,
        )  # fmt: skip
        .select_from(ranked)
        .join(Case.__table__, C.id == ranked.c.id)
        .join(Student.__table__, S.id == C.student_id)
        .order_by(group_col, C.id)
    ).all()
    labels = esc.DUE_LABELS
    suspected, absent = esc.SUSPECTED, esc.ABSENT
    fixed = {REPORTS: labels[esc.DUE_REPORT], TO_CLOSE: labels[esc.DUE_CLOSE]}
    out = []
    for (
        cid,
        number,
        sid,
        status,
        threshold,
        visit_action,
        next_action,
        last,
        school_id,
        name,
        grade,
        class_no,
        due,
    ) in rows:
        if status == absent and threshold <= day:
            status = suspected
        if key in (VISITS_OVERDUE, VISITS_TODAY):
            action = labels.get(visit_action or "", "走访")
        elif key == NOTICES:
            action = f"通知书期限 {due:%Y-%m-%d} 已过，核查是否返校"
        elif key == STALE:
            nxt = labels.get(next_action or "", "")
            action = f"{(day - last).days}天没有任何记录" + (f"；应办：{nxt}" if nxt else "")
        else:
            action = fixed[key]
        out.append(
            TodoItem(
                cid,
                number,
                sid,
                name,
                schools.get(school_id, ""),
                grade,
                class_no,
                status,
                action,
                due,
                (day - due).days,
                last,
            )  # fmt: skip
        )
    return out


def todo_count(db: Database, actor: Actor, today: dt.date | None = None) -> int:
    """How many cases need attention (the navigation badge)."""
    return build_todo(db, actor, today, limit=0).cases
