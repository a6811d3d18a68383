"""Unexcused absences: record one (opening, continuing or reopening the pupil's case), record the
return, list a pupil's absences counted in school days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.case_settings import calendar_book, load_rules
from kongchuo_desktop.services.cases import (
    AbsenceRow,
    absence_rows,
    context,
    latest_case_of,
    load_case,
    new_case,
    open_case_of,
    record_event,
    today,
)
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Absence, Case, Student

NEW, CONTINUED, REOPENED = "new", "continued", "reopened"
ACTION_TEXT = {
    NEW: "已建立新的控辍个案",
    CONTINUED: "已记入该学生未结的个案",
    REOPENED: "已重新开启该学生此前销号的个案",
}


@dataclass(frozen=True)
class AbsenceResult:
    """What recording an absence did: the absence, its case, and whether the case is new,
    continued (the child had come back and is away again) or reopened."""

    absence_id: str
    case_id: str
    case_number: str
    action: str

    @property
    def message(self) -> str:
        """One sentence for the user."""
        return f"缺课已登记，{ACTION_TEXT[self.action]}（编号 {self.case_number}）。"


def _fmt(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "—"


def _check_dates(first_day: dt.date, return_day: dt.date | None, now: dt.date) -> None:
    problems = {}
    if first_day > now:
        problems["first_day"] = f"缺课开始日期（{_fmt(first_day)}）不能晚于今天"
    if return_day is not None:
        if return_day <= first_day:
            problems["return_day"] = "返校日期应晚于缺课开始日期"
        elif return_day > now:
            problems["return_day"] = f"返校日期（{_fmt(return_day)}）不能晚于今天"
    if problems:
        raise ValidationError(problems)


def record_absence(
    db: Database,
    actor: Actor,
    student_id: str,
    first_day: dt.date,
    note: str | None = None,
    return_day: dt.date | None = None,
    *,
    reopen_case_id: str | None = None,
    now: dt.date | None = None,
) -> AbsenceResult:
    """Record an unexcused absence from `first_day` (until `return_day`, when the child is already
    back). Refused: dates in the future, an absence overlapping another, a pupil not attending.

    The pupil's open case takes the absence when the child had come back; otherwise a case closed
    within the reopen period (a setting; or `reopen_case_id`) is reopened, else a new case opens.
    """
    actor.require(perms.CASE_RECORD)
    now = now or today()
    _check_dates(first_day, return_day, now)
    with db.transaction(user=actor.user) as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        if student.status != "在读":
            hint = "请在该学生的个案中跟进劝返。" if student.status == "辍学" else "不在校就读的学生不需要登记缺课。"
            raise ValidationError({"student": f"该学生当前学籍状态为“{student.status}”，不能登记缺课。{hint}"})
        _check_overlap(session, student.id, first_day, return_day)
        text = (note or "").strip() or None
        summary = f"{_fmt(first_day)}起无故缺课" + (f"：{text}" if text else "")
        case = open_case_of(session, student.id)
        if case is not None:
            ctx = context(session, actor, case, student)
            if ctx.state is None or ctx.state.status != esc.RETURNED:
                raise ValidationError(
                    {"first_day": f"该学生已有未结的个案（{case.number}，{case.status}），缺课仍在继续，无需重复登记。"}
                )
            record_event(ctx, esc.Event(esc.ABSENCE, first_day), f"返校后再次缺课：{summary}")
            action = CONTINUED
        else:
            reopen = _case_to_reopen(session, student.id, first_day, reopen_case_id)
            if reopen is not None:
                ctx = context(session, actor, reopen, student)
                record_event(ctx, esc.Event(esc.REOPEN, first_day), f"再次缺课，重新开启个案：{summary}")
                audit.record(session, "update", "case", reopen.id, {"is_open": (False, True)}, "再次缺课，重新开启")
                action = REOPENED
            else:
                ctx = new_case(session, actor, student, first_day, summary)
                action = NEW
        absence = Absence(
            student_id=student.id,
            case_id=ctx.case.id,
            school_id=student.school_id,
            first_day=first_day,
            return_day=return_day,
            note=text,
            recorded_by=actor.user,
        )
        session.add(absence)
        session.flush()
        audit.record(
            session, "create", "absence", absence.id,
            {"student_id": (None, student.id), "first_day": (None, first_day), "return_day": (None, return_day)},
        )  # fmt: skip
        if return_day is not None:
            record_event(ctx, esc.Event(esc.RETURN, return_day), f"学生返校（{_fmt(return_day)}）")
        return AbsenceResult(absence.id, ctx.case.id, ctx.case.number, action)


def _check_overlap(
    session: object, student_id: str, first_day: dt.date, return_day: dt.date | None, exclude: str | None = None
) -> None:
    far = dt.date.max
    end = return_day or far
    stmt = select(Absence).where(Absence.student_id == student_id, Absence.deleted.is_(False))
    for other in session.execute(stmt).scalars():  # type: ignore[attr-defined]
        if other.id == exclude:
            continue
        other_end = other.return_day or far
        if first_day < other_end and other.first_day < end:
            span = f"{_fmt(other.first_day)}起，" + (
                f"{_fmt(other.return_day)}返校" if other.return_day else "尚未登记返校"
            )
            raise ValidationError({"first_day": f"与已登记的缺课（{span}）时间重叠，请核对日期。"})


def _case_to_reopen(session: object, student_id: str, first_day: dt.date, wanted: str | None) -> Case | None:
    latest = latest_case_of(session, student_id)  # type: ignore[arg-type]
    if wanted is not None:
        if latest is None or latest.id != wanted or latest.is_open:
            raise ValidationError({"case": "只能重新开启该学生最近一次已销号的个案。"})
        return latest
    if latest is None or latest.is_open or latest.closed_on is None:
        return None
    rules = load_rules(session)  # type: ignore[arg-type]
    if first_day < latest.closed_on:
        return None
    return latest if (first_day - latest.closed_on).days <= rules.reopen_within_days else None


def record_absence_return(
    db: Database, actor: Actor, absence_id: str, return_day: dt.date, now: dt.date | None = None
) -> None:
    """The day the child came back from an absence (closes a 缺课 case; a later case waits for 销号)."""
    actor.require(perms.CASE_RECORD)
    now = now or today()
    with db.transaction(user=actor.user) as session:
        absence = session.get(Absence, absence_id)
        if absence is None or absence.deleted:
            raise NotFoundError("找不到这条缺课记录。")
        student = session.get(Student, absence.student_id)
        assert student is not None
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        if absence.return_day is not None:
            raise ValidationError({"return_day": f"这次缺课已登记返校日期（{_fmt(absence.return_day)}）。"})
        _check_dates(absence.first_day, return_day, now)
        _check_overlap(session, student.id, absence.first_day, return_day, exclude=absence.id)
        if absence.case_id is not None:
            case, _student = load_case(session, actor, absence.case_id)
            ctx = context(session, actor, case, student)
            if ctx.state is not None and ctx.state.status in esc.OUT_OF_SCHOOL:
                record_event(ctx, esc.Event(esc.RETURN, return_day), f"学生返校（{_fmt(return_day)}）")
        audit.record(session, "update", "absence", absence.id, {"return_day": (None, return_day)})
        absence.return_day = return_day


def absences_of_student(db: Database, actor: Actor, student_id: str, now: dt.date | None = None) -> list[AbsenceRow]:
    """A pupil's absences, oldest first, each with its length in school days."""
    actor.require(perms.CASE_READ)
    now = now or today()
    with db.read_session() as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        book = calendar_book(session, student.school_id)
        return absence_rows(session, book, Absence.student_id == student_id, now)
