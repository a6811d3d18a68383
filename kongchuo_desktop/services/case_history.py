"""The casework lines of a pupil's history: absences, visits and what happened to their cases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services.case_settings import BookCache
from kongchuo_desktop.services.history import HistoryEvent, local_time
from kongchuo_desktop.store.models import Absence, Attachment, Case, CaseEvent, Visit

# Case events shown in the history (a visit has its own line; an absence opens or reopens a case).
SHOWN_EVENTS = (esc.SUSPECT, esc.REPORT, esc.NOTICE, esc.REFERRAL, esc.REFERRAL_ANSWER, esc.CONFIRM_DROPOUT,
                esc.RETURN, esc.CLOSE, esc.REOPEN)  # fmt: skip


def case_history_events(session: Session, student_id: str, today: dt.date) -> list[HistoryEvent]:
    """Absences (with their length in school days), visits and case events of one pupil."""
    events: list[HistoryEvent] = []
    books = BookCache(session)
    numbers = dict(session.execute(select(Case.id, Case.number).where(Case.student_id == student_id)).all())
    for a in session.execute(
        select(Absence).where(Absence.student_id == student_id, Absence.deleted.is_(False))
    ).scalars():
        last = a.return_day - dt.timedelta(days=1) if a.return_day else today
        days = books.book(a.school_id).count_school_days(a.first_day, last)
        back = f"{a.return_day:%Y-%m-%d}返校" if a.return_day else "尚未返校"
        text = f"{a.first_day:%Y-%m-%d}起无故缺课，{back}，共{days}个上学日"
        if a.note:
            text += f"；{a.note}"
        if a.case_id in numbers:
            text += f"（个案 {numbers[a.case_id]}）"
        events.append(
            HistoryEvent(
                dt.datetime.combine(a.first_day, dt.time()),
                "缺课",
                text,
                a.recorded_by,
                0,
                a.id,
                local_time(a.updated_at),
            )  # fmt: skip
        )
    counts = dict(
        session.execute(
            select(Attachment.owner_id, func.count())
            .join(Visit, Visit.id == Attachment.owner_id)
            .where(Attachment.owner_type == "visit", Attachment.deleted.is_(False), Visit.student_id == student_id)
            .group_by(Attachment.owner_id)
        ).all()
    )
    for v in session.execute(select(Visit).where(Visit.student_id == student_id, Visit.deleted.is_(False))).scalars():
        summary = session.execute(
            select(CaseEvent.summary).where(CaseEvent.ref_type == "visit", CaseEvent.ref_id == v.id).limit(1)
        ).scalar_one_or_none()
        events.append(
            HistoryEvent(
                v.visited_at,
                f"家访：{v.round}",
                summary or f"{v.kind}，结果：{v.outcome}",
                v.recorded_by,
                counts.get(v.id, 0),
                v.id,
                local_time(v.updated_at),
            )  # fmt: skip
        )
    for e in session.execute(
        select(CaseEvent)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(Case.student_id == student_id, CaseEvent.deleted.is_(False), CaseEvent.kind.in_(SHOWN_EVENTS))
    ).scalars():
        label = esc.EVENT_LABELS.get(e.kind, e.kind)
        events.append(
            HistoryEvent(
                dt.datetime.combine(e.happened_on, dt.time()),
                f"个案：{label}",
                e.summary or label,
                e.recorded_by,
                0,
                e.case_id,
                local_time(e.recorded_at),
            )  # fmt: skip
        )
    return events
