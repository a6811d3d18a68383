"""Where each 控辍 case stood at a month's end, replayed from its dated events (not from its
current state): 疑似辍学 since when, returned during the month, and the reason the visits gave."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services.reports.history import _chunks
from kongchuo_desktop.services.reports.period import Period
from kongchuo_desktop.store.models import Case, CaseEvent, Student, Visit

# States in which a pupil still on the roll is not attending (在籍不在校).
NOT_ATTENDING = (esc.SUSPECTED, esc.DROPPED_OUT, esc.PERSUADING)


@dataclass(frozen=True)
class CaseAtEnd:
    """One case at the end of a month.

    status: esc.CASE_STATUSES at the month's end; suspected_on: when the current episode became
    疑似辍学 (None: it did not); suspected_in_month: it became 疑似辍学 during the month;
    returned_on: the child came back during the month from 疑似辍学 (not a confirmed dropout,
    whose return is a 学籍 复学); number: the case number.
    """

    case_id: str
    student_id: str
    number: str
    status: str
    suspected_on: dt.date | None
    suspected_in_month: bool
    returned_on: dt.date | None


def _replay(events: list[tuple[str, dt.date, str]], period: Period) -> tuple[str, dt.date | None, bool, dt.date | None]:
    status = esc.ABSENT
    suspected_on: dt.date | None = None
    suspected_in_month = False
    returned: dt.date | None = None
    resume: str | None = None
    in_month = lambda day: period.start <= day <= period.end  # noqa: E731

    def suspect(day: dt.date) -> None:
        nonlocal status, suspected_on, suspected_in_month
        status, suspected_on = esc.SUSPECTED, day
        suspected_in_month = suspected_in_month or in_month(day)

    def back(day: dt.date) -> None:
        nonlocal status, resume, returned
        if status == esc.ABSENT:
            status = esc.CLOSED
            return
        if status == esc.SUSPECTED and in_month(day):
            returned = day
        resume = esc.PERSUADING if status in (esc.DROPPED_OUT, esc.PERSUADING) else esc.SUSPECTED
        status = esc.RETURNED

    for kind, day, data in events:
        if kind in (esc.OPEN, esc.REOPEN):
            status, suspected_on, resume = esc.ABSENT, None, None
        elif kind == esc.SUSPECT or (kind == esc.REPORT and status == esc.ABSENT):
            suspect(day)
        elif kind == esc.ABSENCE:
            status, resume = resume or esc.SUSPECTED, None
        elif kind == esc.RETURN:
            back(day)
        elif kind == esc.CONFIRM_DROPOUT:
            status = esc.DROPPED_OUT
        elif kind == esc.CLOSE:
            status = esc.CLOSED
        elif kind in (esc.VISIT, esc.NOTICE, esc.REFERRAL):
            if status == esc.DROPPED_OUT:
                status = esc.PERSUADING
            if kind == esc.VISIT and status in esc.OUT_OF_SCHOOL:
                outcome = json.loads(data or "{}").get("outcome")
                if outcome == esc.OUTCOME_BACK:
                    back(day)
    return status, suspected_on, suspected_in_month, returned


def cases_at_end(session: Session, schools: frozenset[str] | None, period: Period) -> list[CaseAtEnd]:
    """Every case of a pupil of `schools` (None = all) that was open at some time in the month."""
    query = (
        select(Case.id, Case.student_id, Case.number, Case.threshold_on, Student.school_id)
        .join(Student, Student.id == Case.student_id)
        .where(
            Case.deleted == false(),
            Student.deleted == false(),
            Case.opened_on <= period.end,
            or_(Case.closed_on.is_(None), Case.closed_on >= period.start),
        )
    )
    cases = [row for row in session.execute(query).all() if schools is None or row[4] in schools]
    events: dict[str, list[tuple[str, dt.date, str]]] = defaultdict(list)
    later: set[str] = set()
    for part in _chunks([c[0] for c in cases]):
        for case_id, kind, day, data in session.execute(
            select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.happened_on, CaseEvent.data)
            .where(CaseEvent.case_id.in_(part), CaseEvent.deleted == false())
            .order_by(CaseEvent.case_id, CaseEvent.seq)
        ).all():
            if day <= period.end:
                events[case_id].append((kind, day, data))
            else:
                later.add(case_id)
    out = []
    for case_id, student_id, number, threshold_on, _school in cases:
        if not events.get(case_id):
            continue
        status, suspected_on, new, returned = _replay(events[case_id], period)
        # Time alone makes a 缺课 case 疑似辍学 on its threshold day; the services write that down
        # as an event before the next one, so only a case with nothing after the month is due it.
        if status == esc.ABSENT and case_id not in later and threshold_on <= period.end:
            status, suspected_on = esc.SUSPECTED, threshold_on
            new = new or threshold_on >= period.start
        out.append(CaseAtEnd(case_id, student_id, number, status, suspected_on, new, returned))
    return out


def visit_reasons(session: Session, student_ids: list[str], until: dt.date) -> dict[str, str]:
    """The reason the latest visit up to `until` gave, per student (students with none left out)."""
    reasons: dict[str, str] = {}
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
    for part in _chunks(sorted(student_ids)):
        for student_id, reason in session.execute(
            select(Visit.student_id, Visit.reason)
            .where(
                Visit.student_id.in_(part), Visit.deleted == false(), Visit.visited_at < end, Visit.reason.is_not(None)
            )
            .order_by(Visit.student_id, Visit.visited_at)
        ).all():
            reasons[student_id] = reason
    return reasons
