"""控辍 cases: what happens to them (report, notice, referral, dropout, return, 销号, reopening) and
how the GUI and documents read them.

Every change goes through `record_event`: the event is checked by the domain state machine
against the case's stored state (domain.escalation.apply), logged as a CaseEvent, and the new
state and its summary (status, what is due and when) are stored on the Case. Time-implied steps
(a 缺课 case turning 疑似辍学) are logged explicitly before the event that follows them.

When a case is confirmed 辍学, or closed as 已复学 / 送教上门 while the pupil's 学籍 says 辍学, the
matching 学籍异动 is recorded through services.status_changes (with the case report as the
dropout's proof). That service commits on its own, so the order is: check the case event without
writing, record the 学籍异动, then write the case event with the change's id. Should the second
write fail, the pupil's status already matches and repeating the action completes the case (the
学籍异动 is not recorded twice).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain.school_calendar import CalendarBook
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.case_settings import BookCache, calendar_book, load_rules
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied, ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.base import utcnow
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import (
    Absence,
    Attachment,
    Case,
    CaseEvent,
    CaseNotice,
    Guardian,
    Referral,
    School,
    Staff,
    Student,
    Township,
    Visit,
)

RESPONSIBLE_ROLES = {
    "principal_id": "校长（学校包保）",
    "teacher_id": "班主任（学校包保）",
    "township_cadre_id": "乡镇干部（政府包保）",
    "village_cadre_id": "村（居）干部（政府包保）",
}
DEFAULT_REPORT_TO = "乡镇人民政府、市教育局"


def today() -> dt.date:
    """The local date (services.clock, which tests can fix)."""
    return clock.today()


def _fmt(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else "—"


def _not_future(day: dt.date, label: str, now: dt.date) -> None:
    if day > now:
        raise ValidationError({"on": f"{label}（{_fmt(day)}）不能晚于今天（{_fmt(now)}）"})


# --- loading and scope ---------------------------------------------------------------------------
def require_case_scope(actor: Actor, case: Case, student: Student | None) -> None:
    """PermissionDenied unless the case's school (and, for a teacher limited to classes, the pupil's
    class) is in the actor's scope."""
    actor.require_school(case.school_id, case.township_id)
    if actor.classes:
        key = (student.grade, student.class_no) if student is not None else (None, None)
        if key not in actor.classes:
            raise PermissionDenied("您只能查看或办理自己所带班级学生的个案。")


def load_case(session: Session, actor: Actor, case_id: str) -> tuple[Case, Student]:
    """A live case and its pupil, in the actor's scope (NotFoundError / PermissionDenied)."""
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise NotFoundError("找不到这个个案，可能已被删除。")
    student = session.get(Student, case.student_id)
    if student is None:
        raise NotFoundError("找不到这个个案的学生。")
    require_case_scope(actor, case, student)
    return case, student


def case_state(case: Case) -> esc.CaseState:
    """The stored state of a case."""
    return esc.CaseState.from_dict(json.loads(case.state))


def case_number(opened_on: dt.date, case_id: str) -> str:
    """The number printed on a case's papers: year of the first absence and the id's first six."""
    return f"{opened_on.year}-{case_id[:6].upper()}"


# --- recording events ----------------------------------------------------------------------------
@dataclass
class CaseContext:
    """A case being changed in one session: its row, calendar, rules and current state."""

    session: Session
    actor: Actor
    case: Case
    student: Student
    book: CalendarBook
    rules: esc.EscalationRules
    state: esc.CaseState | None


def context(session: Session, actor: Actor, case: Case, student: Student) -> CaseContext:
    """The context of an existing case (or of one just created without events: state None)."""
    state = case_state(case) if case.events else None
    return CaseContext(
        session, actor, case, student, calendar_book(session, case.school_id), load_rules(session), state
    )


def check_event(ctx: CaseContext, event: esc.Event) -> esc.CaseState:
    """The state the event would lead to; ValidationError (Chinese) when it is not allowed."""
    state = ctx.state
    try:
        for implied in esc.implied_events(state, event.on):
            state = esc.apply(state, implied, ctx.book, ctx.rules)
        return esc.apply(state, event, ctx.book, ctx.rules)
    except esc.CaseRuleError as exc:
        raise ValidationError({exc.field or "case": str(exc)}) from exc


def record_event(
    ctx: CaseContext,
    event: esc.Event,
    summary: str,
    ref_type: str | None = None,
    ref_id: str | None = None,
) -> esc.CaseState:
    """Apply an event to the case, log it (after any time-implied events), store the new state."""
    for implied in esc.implied_events(ctx.state, event.on):
        text = f"连续缺课超过{ctx.rules.suspected_after}个上学日仍未返校，列为疑似辍学"
        _log(ctx, implied, text, None, None)
    _log(ctx, event, summary, ref_type, ref_id)
    assert ctx.state is not None
    return ctx.state


def _log(ctx: CaseContext, event: esc.Event, summary: str, ref_type: str | None, ref_id: str | None) -> None:
    before = ctx.state
    try:
        after = esc.apply(before, event, ctx.book, ctx.rules)
    except esc.CaseRuleError as exc:
        raise ValidationError({exc.field or "case": str(exc)}) from exc
    case = ctx.case
    case.events += 1
    ctx.session.add(
        CaseEvent(
            case_id=case.id,
            seq=case.events,
            kind=event.kind,
            happened_on=event.on,
            data=json.dumps(event.as_dict(), ensure_ascii=False),
            ref_type=ref_type,
            ref_id=ref_id,
            summary=summary,
            recorded_by=ctx.actor.user,
            recorded_at=utcnow(),
        )
    )
    old_status = before.status if before is not None else None
    store_state(case, after, ctx.book, ctx.rules)
    ctx.state = after
    if old_status is not None and old_status != after.status:
        audit.record(ctx.session, "update", "case", case.id, {"status": (old_status, after.status)}, summary)


def store_state(case: Case, state: esc.CaseState, book: CalendarBook, rules: esc.EscalationRules) -> None:
    """Write a state and its summary columns onto the case row."""
    summary = esc.summarize(state, book, rules)
    case.state = json.dumps(state.as_dict(), ensure_ascii=False)
    case.status = state.status
    case.is_open = state.is_open
    case.opened_on = state.opened_on
    case.episode_start = state.episode_start
    case.threshold_on = state.threshold_on
    case.suspected_on = state.suspected_on
    case.dropout_on = state.dropout_on
    case.returned_on = state.returned_on
    case.closed_on = state.closed_on
    case.outcome = state.outcome
    case.report_on = state.report_on
    case.last_activity_on = state.last_activity_on
    case.next_action = summary.next_action
    case.next_due_on = summary.next_due_on
    case.visit_action = summary.visit_action
    case.visit_due_on = summary.visit_due_on
    case.report_due_on = summary.report_due_on
    case.notice_due_on = summary.notice_due_on
    case.close_due_on = summary.close_due_on


def new_case(session: Session, actor: Actor, student: Student, first_day: dt.date, summary: str) -> CaseContext:
    """Open a case for a pupil with an absence starting on `first_day` (audited)."""
    case = Case(
        student_id=student.id,
        school_id=student.school_id,
        township_id=student.township_id,
        status=esc.ABSENT,
        opened_on=first_day,
        episode_start=first_day,
        threshold_on=first_day,
        last_activity_on=first_day,
        number="",
        events=0,
    )
    session.add(case)
    session.flush()
    case.number = case_number(first_day, case.id)
    teacher = _head_teacher(session, student)
    principal = (
        session.execute(
            select(Staff.id).where(Staff.school_id == student.school_id, Staff.role == "校长", Staff.deleted.is_(False))
        )
        .scalars()
        .first()
    )
    case.teacher_id, case.principal_id = teacher, principal
    ctx = CaseContext(session, actor, case, student, calendar_book(session, case.school_id), load_rules(session), None)
    record_event(ctx, esc.Event(esc.OPEN, first_day), summary)
    audit.record(
        session, "create", "case", case.id,
        {"student_id": (None, student.id), "opened_on": (None, first_day), "status": (None, case.status)},
    )  # fmt: skip
    return ctx


def _head_teacher(session: Session, student: Student) -> str | None:
    from kongchuo_desktop.store.models import SchoolClass

    if student.school_id is None or student.grade is None or student.class_no is None:
        return None
    return session.execute(
        select(SchoolClass.head_teacher_id).where(
            SchoolClass.school_id == student.school_id,
            SchoolClass.grade == student.grade,
            SchoolClass.class_no == student.class_no,
            SchoolClass.deleted.is_(False),
        )
    ).scalar_one_or_none()


def open_case_of(session: Session, student_id: str) -> Case | None:
    """The pupil's open case, if any."""
    return session.execute(
        select(Case)
        .where(Case.student_id == student_id, Case.is_open.is_(True), Case.deleted.is_(False))
        .order_by(Case.opened_on.desc())
        .limit(1)
    ).scalar_one_or_none()


def latest_case_of(session: Session, student_id: str) -> Case | None:
    """The pupil's most recent case, open or closed."""
    return session.execute(
        select(Case)
        .where(Case.student_id == student_id, Case.deleted.is_(False))
        .order_by(Case.opened_on.desc(), Case.updated_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def end_open_absence(session: Session, case: Case, day: dt.date, why: str | None = None) -> None:
    """Give the case's still-open absence its end day (the child is back, or the case closed)."""
    for absence in session.execute(
        select(Absence).where(Absence.case_id == case.id, Absence.return_day.is_(None), Absence.deleted.is_(False))
    ).scalars():
        absence.return_day = max(day, absence.first_day + dt.timedelta(days=1))
        if why:
            absence.note = f"{absence.note}；{why}" if absence.note else why
        audit.record(session, "update", "absence", absence.id, {"return_day": (None, absence.return_day)}, why)


# --- actions on a case ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponsiblePersons:
    """The 包保责任人 of a case (Staff ids; None = nobody named) and others named in words."""

    principal_id: str | None = None
    teacher_id: str | None = None
    township_cadre_id: str | None = None
    village_cadre_id: str | None = None
    note: str | None = None


def set_responsible(db: Database, actor: Actor, case_id: str, persons: ResponsiblePersons) -> None:
    """Name the case's 包保责任人 on the school and government lines (audited)."""
    actor.require(perms.CASE_MANAGE)
    with db.transaction(user=actor.user) as session:
        case, _student = load_case(session, actor, case_id)
        changes = {}
        for name in RESPONSIBLE_ROLES:
            new = getattr(persons, name)
            if new is not None:
                staff = session.get(Staff, new)
                if staff is None or staff.deleted:
                    raise ValidationError({name: "所选人员不存在"})
            if getattr(case, name) != new:
                changes[name] = (getattr(case, name), new)
                setattr(case, name, new)
        note = (persons.note or "").strip() or None
        if case.responsible_note != note:
            changes["responsible_note"] = (case.responsible_note, note)
            case.responsible_note = note
        if changes:
            audit.record(session, "update", "case", case.id, changes, "调整包保责任人")


def set_measures(db: Database, actor: Actor, case_id: str, measures: str) -> None:
    """Record the measures taken (控辍措施) that the report lists."""
    actor.require(perms.CASE_MANAGE)
    with db.transaction(user=actor.user) as session:
        case, _student = load_case(session, actor, case_id)
        text = measures.strip() or None
        if case.measures != text:
            audit.record(session, "update", "case", case.id, {"measures": (case.measures, text)})
            case.measures = text


def send_report(
    db: Database, actor: Actor, case_id: str, sent_on: dt.date | None = None, sent_to: str = DEFAULT_REPORT_TO
) -> None:
    """Record that the written report (辍学学生情况报告表) was sent; refused for a case with no visits."""
    actor.require(perms.CASE_MANAGE)
    now = today()
    sent_on = sent_on or now
    _not_future(sent_on, "报送日期", now)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        to = sent_to.strip() or DEFAULT_REPORT_TO
        record_event(ctx, esc.Event(esc.REPORT, sent_on), f"书面情况报告已报送{to}")


@dataclass(frozen=True)
class NoticeInput:
    """A 限期返校通知书 to issue: dates, the guardian it is addressed to, the issuing body
    (default: the township's government) and a note."""

    issued_on: dt.date
    deadline: dt.date
    guardian_name: str | None = None
    issuer: str | None = None
    note: str | None = None


def default_issuer(township_name: str | None) -> str:
    """Who issues a township's notices: 金河镇人民政府, 河西街道办事处."""
    if not township_name:
        return "乡镇人民政府"
    if township_name.endswith("街道"):
        return f"{township_name}办事处"
    return f"{township_name}人民政府"


def _short_place(name: str | None) -> str:
    if not name:
        return "乡"
    for suffix in ("鄂温克族乡", "街道", "镇", "乡"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)][:3]
    return name[:2]


def issue_notice(db: Database, actor: Actor, case_id: str, notice: NoticeInput) -> str:
    """Issue a 限期返校通知书 (numbered per township and year); returns the notice id."""
    actor.require(perms.CASE_ENFORCE)
    now = today()
    _not_future(notice.issued_on, "通知书发出日期", now)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        event = esc.Event(esc.NOTICE, notice.issued_on, deadline=notice.deadline)
        check_event(ctx, event)
        township = session.get(Township, case.township_id) if case.township_id else None
        year = notice.issued_on.year
        same_place = Case.township_id.is_(None) if case.township_id is None else Case.township_id == case.township_id
        count = session.execute(
            select(func.count())
            .select_from(CaseNotice)
            .join(Case, Case.id == CaseNotice.case_id)
            .where(same_place, CaseNotice.issued_on.between(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        ).scalar_one()
        number = f"{_short_place(township.name if township else None)}限返〔{year}〕{count + 1}号"
        guardian = (notice.guardian_name or "").strip() or _first_guardian(session, student.id)
        row = CaseNotice(
            case_id=case.id,
            student_id=student.id,
            number=number,
            issued_on=notice.issued_on,
            deadline=notice.deadline,
            guardian_name=guardian,
            issuer=(notice.issuer or "").strip() or default_issuer(township.name if township else None),
            note=(notice.note or "").strip() or None,
            recorded_by=actor.user,
        )
        session.add(row)
        session.flush()
        record_event(
            ctx, event, f"发出限期返校通知书（{number}），限{_fmt(notice.deadline)}前返校", "case_notice", row.id
        )
        audit.record(
            session, "create", "case_notice", row.id,
            {"number": (None, number), "deadline": (None, notice.deadline), "case_id": (None, case.id)},
        )  # fmt: skip
        return row.id


def _first_guardian(session: Session, student_id: str) -> str | None:
    return session.execute(
        select(Guardian.name)
        .where(Guardian.student_id == student_id, Guardian.deleted.is_(False))
        .order_by(Guardian.slot)
        .limit(1)
    ).scalar_one_or_none()


@dataclass(frozen=True)
class ReferralInput:
    """A referral to make: which body (domain.escalation.AGENCIES), when, and what was asked."""

    agency: str
    referred_on: dt.date
    request: str


def add_referral(db: Database, actor: Actor, case_id: str, referral: ReferralInput) -> str:
    """Hand the case to the township's 教育执法组 or a department (依法控辍); returns the referral id."""
    actor.require(perms.CASE_ENFORCE)
    problems = {}
    if referral.agency not in esc.AGENCIES:
        problems["agency"] = "请选择转介的部门"
    if not referral.request.strip():
        problems["request"] = "请写明请对方做什么（例如：依法督促监护人送子女返校）"
    if problems:
        raise ValidationError(problems)
    now = today()
    _not_future(referral.referred_on, "转介日期", now)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        row = Referral(
            case_id=case.id,
            student_id=student.id,
            agency=referral.agency,
            referred_on=referral.referred_on,
            request=referral.request.strip(),
            recorded_by=actor.user,
        )
        session.add(row)
        session.flush()
        record_event(
            ctx, esc.Event(esc.REFERRAL, referral.referred_on, ref=row.id),
            f"转介{referral.agency}：{row.request}", "referral", row.id,
        )  # fmt: skip
        audit.record(session, "create", "referral", row.id, {"agency": (None, row.agency), "case_id": (None, case.id)})
        return row.id


def answer_referral(db: Database, actor: Actor, referral_id: str, answered_on: dt.date, answer: str) -> None:
    """Record a department's answer to a referral."""
    actor.require(perms.CASE_ENFORCE)
    if not answer.strip():
        raise ValidationError({"answer": "请填写部门的答复内容"})
    now = today()
    _not_future(answered_on, "答复日期", now)
    with db.transaction(user=actor.user) as session:
        row = session.get(Referral, referral_id)
        if row is None or row.deleted:
            raise NotFoundError("找不到这条转介记录。")
        case, student = load_case(session, actor, row.case_id)
        ctx = context(session, actor, case, student)
        record_event(
            ctx, esc.Event(esc.REFERRAL_ANSWER, answered_on, ref=row.id),
            f"{row.agency}答复：{answer.strip()}", "referral", row.id,
        )  # fmt: skip
        audit.record(session, "update", "referral", row.id, {"answer": (row.answer, answer.strip())})
        row.answer, row.answered_on = answer.strip(), answered_on


def record_return(db: Database, actor: Actor, case_id: str, returned_on: dt.date, note: str | None = None) -> None:
    """The child is back in class: a 缺课 case closes itself (已返校); later ones wait for 销号."""
    actor.require(perms.CASE_RECORD)
    now = today()
    _not_future(returned_on, "返校日期", now)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        text = f"学生返校（{_fmt(returned_on)}）" + (f"：{note.strip()}" if note and note.strip() else "")
        record_event(ctx, esc.Event(esc.RETURN, returned_on), text)
        end_open_absence(session, case, returned_on)


def confirm_dropout(
    db: Database,
    actor: Actor,
    case_id: str,
    on: dt.date,
    reason: str,
    proof_files: Sequence[str | Path] = (),
) -> str:
    """Confirm a suspected dropout: records the 学籍异动 辍学 (the case report is attached as proof,
    with any files given) and moves the case to 辍学. Returns the StatusChange id."""
    from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change

    actor.require(perms.CASE_MANAGE)
    actor.require(perms.STATUS_CHANGE)
    if not reason.strip():
        raise ValidationError({"reason": "请填写认定辍学的原因"})
    now = today()
    _not_future(on, "认定日期", now)
    with db.read_session() as session:
        case, student = load_case(session, actor, case_id)
        check_event(context(session, actor, case, student), esc.Event(esc.CONFIRM_DROPOUT, on))
        already = student.status == "辍学"
        student_id = student.id
    change_id = None
    if not already:
        from kongchuo_desktop.services.case_documents import report_pdf

        with tempfile.TemporaryDirectory(prefix="kongchuo-case-") as tmp:
            proof = Path(tmp) / "辍学学生情况报告表.pdf"
            proof.write_bytes(report_pdf(db, actor, case_id))
            request = StatusChangeRequest(
                kind="辍学", changed_on=on, reason=reason.strip(), proof_files=[proof, *proof_files]
            )
            change_id = record_status_change(db, actor, student_id, request)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        record_event(ctx, esc.Event(esc.CONFIRM_DROPOUT, on), f"认定辍学：{reason.strip()}")
        case.dropout_change_id = change_id or case.dropout_change_id
    return change_id or ""


@dataclass(frozen=True)
class CloseInput:
    """Closing (销号): date, outcome (domain.escalation.CLOSE_OUTCOMES), a note; returned_on: the day
    the child came back, needed for 已复学 when no return was recorded yet."""

    closed_on: dt.date
    outcome: str | None
    note: str | None = None
    returned_on: dt.date | None = None


def close_case(db: Database, actor: Actor, case_id: str, closing: CloseInput) -> None:
    """Close a case (销号) with its outcome; a pupil marked 辍学 who is back gets a 学籍异动 复学."""
    from kongchuo_desktop.services.status_changes import StatusChangeRequest, record_status_change

    actor.require(perms.CASE_ENFORCE)
    outcome = (closing.outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": "销号必须选择结果（已复学、转学、送教上门、缓学或其他）。"})
    now = today()
    _not_future(closing.closed_on, "销号日期", now)
    if closing.returned_on is not None:
        _not_future(closing.returned_on, "返校日期", now)
    with db.read_session() as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        state = ctx.state
        if closing.returned_on is not None and state is not None and state.status in esc.OUT_OF_SCHOOL:
            state = check_event(ctx, esc.Event(esc.RETURN, closing.returned_on))
            ctx.state = state
        if state is None or state.status != esc.CLOSED:  # a 缺课 case closes itself on the return
            check_event(ctx, esc.Event(esc.CLOSE, closing.closed_on, outcome=outcome))
        resume = outcome in esc.RESUMING_OUTCOMES and student.status == "辍学"
        student_id, number = student.id, case.number
    change_id = None
    if resume:
        actor.require(perms.STATUS_CHANGE)
        back = closing.returned_on or (state.returned_on if state is not None else None) or closing.closed_on
        request = StatusChangeRequest(kind="复学", changed_on=back, reason=f"经劝返{outcome}（个案 {number} 销号）")
        change_id = record_status_change(db, actor, student_id, request)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        if closing.returned_on is not None and ctx.state is not None and ctx.state.status in esc.OUT_OF_SCHOOL:
            record_event(ctx, esc.Event(esc.RETURN, closing.returned_on), f"学生返校（{_fmt(closing.returned_on)}）")
        note = (closing.note or "").strip() or None
        text = f"销号：{outcome}" + (f"（{note}）" if note else "")
        if ctx.state is not None and ctx.state.status != esc.CLOSED:
            record_event(ctx, esc.Event(esc.CLOSE, closing.closed_on, outcome=outcome), text)
        end_open_absence(session, case, closing.closed_on, f"个案销号（{outcome}）")
        case.close_note = note
        case.resume_change_id = change_id or case.resume_change_id
        audit.record(
            session,
            "update",
            "case",
            case.id,
            {"outcome": (None, case.outcome), "closed_on": (None, case.closed_on)},
            note,
        )


def reopen_case(db: Database, actor: Actor, case_id: str, first_day: dt.date, note: str | None = None) -> str:
    """Reopen a closed case because the child is absent again from `first_day` (an absence is
    recorded with it); returns the absence id."""
    from kongchuo_desktop.services.absences import record_absence

    actor.require(perms.CASE_ENFORCE)
    with db.read_session() as session:
        case, _student = load_case(session, actor, case_id)
        if case.is_open:
            raise ValidationError({"case": "个案尚未销号，不需要重新开启。"})
        student_id = case.student_id
    result = record_absence(db, actor, student_id, first_day, note=note, reopen_case_id=case_id)
    return result.absence_id


# --- recomputing after rule or calendar changes ----------------------------------------------------
def recompute_open_cases(db: Database, actor: Actor, school_id: str | None = None) -> int:
    """Recompute due dates (and the 疑似辍学 threshold of 缺课 cases) of open cases after the rules
    or a calendar changed; returns how many were updated."""
    actor.require(perms.CASE_READ)
    done = 0
    with db.transaction(user=actor.user) as session:
        rules = load_rules(session)
        books = BookCache(session)
        stmt = select(Case).where(Case.is_open.is_(True), Case.deleted.is_(False))
        if school_id is not None:
            stmt = stmt.where(Case.school_id == school_id)
        for case in session.execute(stmt).scalars():
            state = case_state(case)
            book = books.book(case.school_id)
            if state.status == esc.ABSENT:
                state = replace(state, threshold_on=esc.threshold_day(state.episode_start, book, rules))
            before = (case.status, case.threshold_on, case.next_due_on, case.visit_due_on, case.report_due_on,
                      case.notice_due_on, case.close_due_on)  # fmt: skip
            store_state(case, state, book, rules)
            after = (case.status, case.threshold_on, case.next_due_on, case.visit_due_on, case.report_due_on,
                     case.notice_due_on, case.close_due_on)  # fmt: skip
            done += before != after
    return done


# --- reading ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonRef:
    """A staff member as shown: id, name, role (and village for 村干部)."""

    id: str
    name: str
    role: str
    village: str | None = None


@dataclass(frozen=True)
class AbsenceRow:
    """An absence with its length in school days (up to today when still open)."""

    id: str
    case_id: str | None
    first_day: dt.date
    return_day: dt.date | None
    school_days: int
    note: str | None
    recorded_by: str | None


@dataclass(frozen=True)
class VisitRow:
    """A visit as the case page and the report show it."""

    id: str
    visited_at: dt.datetime
    round: str
    kind: str
    participants: str
    met_with: str | None
    reason: str | None
    attitude: str | None
    outcome: str
    promised_on: dt.date | None
    next_step: str | None
    next_step_on: dt.date | None
    note: str | None
    recorded_by: str | None
    attachments: int = 0


@dataclass(frozen=True)
class NoticeRow:
    """A 限期返校通知书 as listed."""

    id: str
    number: str
    issued_on: dt.date
    deadline: dt.date
    guardian_name: str | None
    issuer: str
    note: str | None


@dataclass(frozen=True)
class ReferralRow:
    """A referral as listed."""

    id: str
    agency: str
    referred_on: dt.date
    request: str
    answer: str | None
    answered_on: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the case's timeline: the day, what (label), the details, who recorded it."""

    on: dt.date
    kind: str
    label: str
    summary: str
    user: str | None
    ref_type: str | None = None
    ref_id: str | None = None
    seq: int = 0


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case page and the report need, as plain data.

    status: as of today (a 缺课 case past its threshold shows 疑似辍学); due: what is due, earliest
    first; allowed: event kinds possible today; responsible: RESPONSIBLE_ROLES key → person;
    absent_days: school days absent in all the case's absences (to today for an open one).
    """

    id: str
    number: str
    student_id: str
    student_name: str
    sex: str
    birth_date: dt.date | None
    id_number: str | None
    student_no: str | None
    ethnicity_code: str | None
    student_status: str
    school_id: str | None
    school_name: str
    township_id: str | None
    township_name: str
    grade: int | None
    class_no: int | None
    address: str | None
    hukou_address: str | None
    flags: list[str]
    guardians: list[dict[str, object]]
    status: str
    state: esc.CaseState
    reason: str | None
    due: list[esc.DueAction]
    allowed: list[str]
    responsible: dict[str, PersonRef | None]
    responsible_note: str | None
    measures: str | None
    close_note: str | None
    absent_days: int
    absences: list[AbsenceRow] = field(default_factory=list)
    visits: list[VisitRow] = field(default_factory=list)
    notices: list[NoticeRow] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        """Not yet closed."""
        return self.state.is_open

    @property
    def next_due(self) -> esc.DueAction | None:
        """The earliest due action."""
        return self.due[0] if self.due else None


def participants_text(raw: str) -> str:
    """A visit's participants JSON as "李明（班主任）、王村长"."""
    try:
        people = json.loads(raw or "[]")
    except ValueError:
        return raw
    out = []
    for person in people:
        name = str(person.get("name") or "").strip()
        role = str(person.get("role") or "").strip()
        if name:
            out.append(f"{name}（{role}）" if role else name)
    return "、".join(out)


def _person(session: Session, staff_id: str | None) -> PersonRef | None:
    if not staff_id:
        return None
    staff = session.get(Staff, staff_id)
    return PersonRef(staff.id, staff.name, staff.role, staff.village) if staff is not None else None


def absence_rows(session: Session, book: CalendarBook, stmt_filter: object, now: dt.date) -> list[AbsenceRow]:
    """Absences matching a WHERE term, oldest first, with their school-day counts."""
    rows = session.execute(
        select(Absence).where(stmt_filter, Absence.deleted.is_(False)).order_by(Absence.first_day)  # type: ignore[arg-type]
    ).scalars()
    out = []
    for a in rows:
        last = (a.return_day - dt.timedelta(days=1)) if a.return_day else now
        out.append(
            AbsenceRow(
                a.id,
                a.case_id,
                a.first_day,
                a.return_day,
                book.count_school_days(a.first_day, last),
                a.note,
                a.recorded_by,
            )  # fmt: skip
        )
    return out


def visit_rows(session: Session, case_id: str) -> list[VisitRow]:
    """A case's visits, oldest first, with attachment counts."""
    visits = (
        session.execute(
            select(Visit).where(Visit.case_id == case_id, Visit.deleted.is_(False)).order_by(Visit.visited_at)
        )
        .scalars()
        .all()
    )
    counts = (
        dict(
            session.execute(
                select(Attachment.owner_id, func.count())
                .where(
                    Attachment.owner_type == "visit",
                    Attachment.owner_id.in_([v.id for v in visits]),
                    Attachment.deleted.is_(False),
                )  # fmt: skip
                .group_by(Attachment.owner_id)
            ).all()
        )
        if visits
        else {}
    )
    return [
        VisitRow(
            v.id,
            v.visited_at,
            v.round,
            v.kind,
            participants_text(v.participants),
            v.met_with,
            v.reason,
            v.attitude,
            v.outcome,
            v.promised_on,
            v.next_step,
            v.next_step_on,
            v.note,
            v.recorded_by,
            counts.get(v.id, 0),
        )  # fmt: skip
        for v in visits
    ]


def get_case(db: Database, actor: Actor, case_id: str, now: dt.date | None = None) -> CaseDetail:
    """A case with its pupil, people, timeline and what is due (NotFoundError / PermissionDenied)."""
    actor.require(perms.CASE_READ)
    now = now or today()
    with db.read_session() as session:
        case, student = load_case(session, actor, case_id)
        book = calendar_book(session, case.school_id)
        rules = load_rules(session)
        state = case_state(case)
        current = esc.advance(state, now)
        school = session.get(School, case.school_id) if case.school_id else None
        township = session.get(Township, case.township_id) if case.township_id else None
        guardians: list[dict[str, object]] = [
            {
                "name": g.name,
                "relation": g.relation,
                "phone": g.phone,
                "workplace": g.workplace,
                "away_working": g.away_working,
            }  # fmt: skip
            for g in session.execute(
                select(Guardian)
                .where(Guardian.student_id == student.id, Guardian.deleted.is_(False))
                .order_by(Guardian.slot)
            ).scalars()
        ]
        absences = absence_rows(session, book, Absence.case_id == case.id, now)
        visits = visit_rows(session, case.id)
        notices = [
            NoticeRow(n.id, n.number, n.issued_on, n.deadline, n.guardian_name, n.issuer, n.note)
            for n in session.execute(
                select(CaseNotice)
                .where(CaseNotice.case_id == case.id, CaseNotice.deleted.is_(False))
                .order_by(CaseNotice.issued_on)
            ).scalars()
        ]
        referrals = [
            ReferralRow(r.id, r.agency, r.referred_on, r.request, r.answer, r.answered_on)
            for r in session.execute(
                select(Referral)
                .where(Referral.case_id == case.id, Referral.deleted.is_(False))
                .order_by(Referral.referred_on)
            ).scalars()
        ]
        timeline = [
            TimelineEntry(
                e.happened_on,
                e.kind,
                esc.EVENT_LABELS.get(e.kind, e.kind),
                e.summary or "",
                e.recorded_by,
                e.ref_type,
                e.ref_id,
                e.seq,
            )  # fmt: skip
            for e in session.execute(
                select(CaseEvent)
                .where(CaseEvent.case_id == case.id, CaseEvent.deleted.is_(False))
                .order_by(CaseEvent.seq)
            ).scalars()
        ]
        flags = _flags(student)
        return CaseDetail(
            id=case.id,
            number=case.number,
            student_id=student.id,
            student_name=student.name,
            sex=student.sex,
            birth_date=student.birth_date,
            id_number=student.id_number,
            student_no=student.student_no,
            ethnicity_code=student.ethnicity_code,
            student_status=student.status,
            school_id=case.school_id,
            school_name=school.name if school else "",
            township_id=case.township_id,
            township_name=township.name if township else "",
            grade=student.grade,
            class_no=student.class_no,
            address=student.current_address or student.hukou_address,
            hukou_address=student.hukou_address,
            flags=flags,
            guardians=guardians,
            status=current.status,
            state=state,
            reason=case.reason,
            due=esc.due_actions(state, book, rules),
            allowed=esc.allowed_events(state, now),
            responsible={name: _person(session, getattr(case, name)) for name in RESPONSIBLE_ROLES},
            responsible_note=case.responsible_note,
            measures=case.measures,
            close_note=case.close_note,
            absent_days=sum(a.school_days for a in absences),
            absences=absences,
            visits=visits,
            notices=notices,
            referrals=referrals,
            timeline=timeline,
        )


def _flags(student: Student) -> list[str]:
    flags = []
    if student.left_behind and student.left_behind != "无":
        flags.append(f"留守（{student.left_behind}）")
    for attr, label in (("migrant", "随迁子女"), ("poverty", "脱贫户/建档立卡"), ("low_income", "低保"),
                        ("orphan", "孤儿"), ("boarding", "寄宿")):  # fmt: skip
        if getattr(student, attr):
            flags.append(label)
    if student.disability_type:
        flags.append(f"残疾（{student.disability_type}）")
    return flags


@dataclass(frozen=True)
class CaseBrief:
    """A case as a pupil's case list shows it."""

    id: str
    number: str
    status: str
    opened_on: dt.date
    closed_on: dt.date | None
    outcome: str | None
    next_label: str | None
    next_due_on: dt.date | None


def cases_of_student(db: Database, actor: Actor, student_id: str, now: dt.date | None = None) -> list[CaseBrief]:
    """A pupil's cases, newest first."""
    actor.require(perms.CASE_READ)
    now = now or today()
    with db.read_session() as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        out = []
        for case in session.execute(
            select(Case).where(Case.student_id == student_id, Case.deleted.is_(False)).order_by(Case.opened_on.desc())
        ).scalars():
            status = esc.advance(case_state(case), now).status
            out.append(
                CaseBrief(
                    case.id,
                    case.number,
                    status,
                    case.opened_on,
                    case.closed_on,
                    case.outcome,
                    esc.DUE_LABELS.get(case.next_action or "", None),
                    case.next_due_on,
                )  # fmt: skip
            )
        return out


def staff_options(db: Database, actor: Actor, school_id: str | None, township_id: str | None) -> list[PersonRef]:
    """People who visit and are named as 包保责任人: the school's staff, then the township's cadres and
    village cadres, each group in pinyin order."""
    from kongchuo_desktop.domain.pinyin import name_keys

    actor.require(perms.CASE_READ)
    with db.read_session() as session:
        rows: list[Staff] = list(
            session.execute(
                select(Staff).where(
                    Staff.deleted.is_(False),
                    (Staff.school_id == school_id) if school_id else Staff.id.is_(None),
                )
            )
            .scalars()
            .all()
        )
        if township_id:
            rows += (
                session.execute(
                    select(Staff).where(
                        Staff.deleted.is_(False),
                        Staff.school_id.is_(None),
                        Staff.township_id == township_id,
                        Staff.role.in_(("乡镇干部", "村干部")),
                    )  # fmt: skip
                )
                .scalars()
                .all()
            )
    order = {"校长": 0, "副校长": 1, "班主任": 2, "教师": 3, "乡镇干部": 4, "村干部": 5}
    people = [PersonRef(s.id, s.name, s.role, s.village) for s in rows]
    return sorted(people, key=lambda p: (order.get(p.role, 9), name_keys(p.name)[0]))
