"""Home visits (家访, 三访 and 跟进): what the form needs, and recording a visit with its photos/scans."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.attachments import AttachmentInfo, attach, read_proof_file
from kongchuo_desktop.services.cases import (
    PersonRef,
    case_state,
    context,
    load_case,
    record_event,
    staff_options,
)
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AttachmentBlob, Guardian, School, Visit

OWNER = "visit"


@dataclass(frozen=True)
class Participant:
    """Someone who took part in a visit: a staff member (staff_id) or a person named in words."""

    name: str
    role: str = ""
    staff_id: str | None = None


@dataclass(frozen=True)
class VisitInput:
    """A visit as the form gives it (see store.models.Visit for the fields); others: more
    participants typed as text ("王村长、李书记"); attachments: photo or scan files."""

    visited_at: dt.datetime
    round: str
    kind: str = "家访"
    participants: tuple[Participant, ...] = ()
    others: str = ""
    met_with: str | None = None
    reason: str | None = None
    attitude: str | None = None
    outcome: str | None = None
    promised_on: dt.date | None = None
    next_step: str | None = None
    next_step_on: dt.date | None = None
    note: str | None = None
    attachments: Sequence[str | Path] = ()


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def all_participants(inp: VisitInput) -> list[Participant]:
    """The chosen staff plus the people typed in words (split on 、，,；; — not on spaces, which
    separate a title from a name: "驻村第一书记 刘强"), without repeats."""
    people = list(inp.participants)
    seen = {p.name for p in people}
    for name in re.split(r"[、，,；;\n]+", inp.others or ""):
        name = name.strip()
        if name and name not in seen:
            people.append(Participant(name))
            seen.add(name)
    return people


def check_visit(inp: VisitInput, now: dt.datetime) -> dict[str, str]:
    """Problems of a visit's own fields (field → Chinese message); the case's rules are checked
    when it is recorded."""
    problems: dict[str, str] = {}
    if inp.visited_at > now + dt.timedelta(minutes=5):
        problems["visited_at"] = f"走访时间（{inp.visited_at:%Y-%m-%d %H:%M}）不能晚于现在"
    if inp.round not in esc.VISIT_ROUNDS:
        problems["round"] = "请选择走访轮次"
    if inp.kind not in esc.VISIT_KINDS:
        problems["kind"] = "请选择走访方式"
    if not all_participants(inp):
        problems["participants"] = "请至少选择或填写一名走访人员"
    if not inp.reason:
        problems["reason"] = "请选择缺课（辍学）原因"
    elif inp.reason not in esc.REASONS:
        problems["reason"] = f"未知的原因“{inp.reason}”"
    if inp.outcome not in esc.VISIT_OUTCOMES:
        problems["outcome"] = "请选择走访结果"
    if inp.outcome == esc.OUTCOME_PROMISED:
        if inp.promised_on is None:
            problems["promised_on"] = "家长承诺返校时，请填写承诺返校的日期"
        elif inp.promised_on < inp.visited_at.date():
            problems["promised_on"] = "承诺返校日期不能早于走访日期"
    if inp.next_step_on is not None and inp.next_step_on < inp.visited_at.date():
        problems["next_step_on"] = "下一步的日期不能早于走访日期"
    return problems


def visit_summary(inp: VisitInput) -> str:
    """One timeline line: 一访（家访）：李明（班主任）；见到：母亲；原因：…；结果：承诺返校（10月8日前）."""
    who = "、".join(f"{p.name}（{p.role}）" if p.role else p.name for p in all_participants(inp))
    parts = [f"{inp.round}（{inp.kind}）：{who}"]
    if inp.met_with:
        parts.append(f"见到：{inp.met_with}")
    if inp.reason:
        parts.append(f"原因：{inp.reason}")
    if inp.attitude:
        parts.append(f"家长态度：{inp.attitude}")
    outcome = inp.outcome or ""
    if inp.outcome == esc.OUTCOME_PROMISED and inp.promised_on:
        outcome += f"（{inp.promised_on:%Y-%m-%d}前返校）"
    parts.append(f"结果：{outcome}")
    if inp.next_step:
        parts.append(f"下一步：{inp.next_step}" + (f"（{inp.next_step_on:%Y-%m-%d}）" if inp.next_step_on else ""))
    return "；".join(parts)


def record_visit(db: Database, actor: Actor, case_id: str, inp: VisitInput, now: dt.datetime | None = None) -> str:
    """Record a visit in a case (with its attachments); returns the visit id.

    Refused with a clear message: a time in the future, a date before the absence began, a round
    already visited or out of order, a closed case, missing required fields.
    """
    actor.require(perms.CASE_RECORD)
    now = now or clock.now()
    problems = check_visit(inp, now)
    files = []
    for path in inp.attachments:
        try:
            files.append(read_proof_file(path))
        except ValidationError as exc:
            problems.update(exc.problems)
    if problems:
        raise ValidationError(problems)
    people = all_participants(inp)
    with db.transaction(user=actor.user) as session:
        case, student = load_case(session, actor, case_id)
        ctx = context(session, actor, case, student)
        next_on = inp.next_step_on or (inp.promised_on if inp.outcome == esc.OUTCOME_PROMISED else None)
        event = esc.Event(
            esc.VISIT, inp.visited_at.date(), round=inp.round, outcome=inp.outcome, promised_on=inp.promised_on,
            next_on=next_on,
        )  # fmt: skip
        visit = Visit(
            case_id=case.id,
            student_id=student.id,
            visited_at=inp.visited_at.replace(second=0, microsecond=0),
            round=inp.round,
            kind=inp.kind,
            participants=json.dumps(
                [{"staff_id": p.staff_id, "name": p.name, "role": p.role} for p in people], ensure_ascii=False
            ),
            met_with=_clean(inp.met_with),
            reason=inp.reason,
            attitude=_clean(inp.attitude),
            outcome=inp.outcome or "",
            promised_on=inp.promised_on if inp.outcome == esc.OUTCOME_PROMISED else None,
            next_step=_clean(inp.next_step),
            next_step_on=next_on,
            note=_clean(inp.note),
            recorded_by=actor.user,
        )
        session.add(visit)
        session.flush()
        record_event(ctx, event, visit_summary(inp), OWNER, visit.id)
        for name, data in files:
            attach(session, OWNER, visit.id, name, data)
        if inp.reason:
            case.reason = inp.reason
        audit.record(
            session, "create", "visit", visit.id,
            {"case_id": (None, case.id), "round": (None, visit.round), "visited_at": (None, visit.visited_at),
             "outcome": (None, visit.outcome)},
        )  # fmt: skip
        return visit.id


@dataclass(frozen=True)
class VisitFormInfo:
    """What the visit form shows and defaults to for a case.

    next_round: the round a new visit most likely is; staff: people to pick as participants;
    defaults: round → the participants to preselect; last_reason / last_met_with: from the
    previous visit; guardians: the pupil's guardians ("母亲 王芳")."""

    case_id: str
    case_number: str
    student_id: str
    student_name: str
    school_name: str
    grade: int | None
    class_no: int | None
    status: str
    episode_start: dt.date
    next_round: str
    staff: list[PersonRef]
    defaults: dict[str, list[str]] = field(default_factory=dict)
    last_reason: str | None = None
    last_met_with: str | None = None
    guardians: list[str] = field(default_factory=list)


def visit_form_info(db: Database, actor: Actor, case_id: str, now: dt.date | None = None) -> VisitFormInfo:
    """Defaults and choices for logging a visit in a case."""
    actor.require(perms.CASE_READ)
    now = now or clock.today()
    with db.read_session() as session:
        case, student = load_case(session, actor, case_id)
        state = case_state(case)
        school = session.get(School, case.school_id) if case.school_id else None
        last = session.execute(
            select(Visit.reason, Visit.met_with)
            .where(Visit.case_id == case.id, Visit.deleted.is_(False))
            .order_by(Visit.visited_at.desc())
            .limit(1)
        ).first()
        guardians = [
            f"{g.relation or '监护人'} {g.name}"
            for g in session.execute(
                select(Guardian)
                .where(Guardian.student_id == student.id, Guardian.deleted.is_(False))
                .order_by(Guardian.slot)
            ).scalars()
        ]
        ids = {
            "teacher": case.teacher_id, "principal": case.principal_id, "township": case.township_cadre_id,
            "village": case.village_cadre_id,
        }  # fmt: skip
        info_status = esc.advance(state, now).status
        number, student_id, name, episode = case.number, student.id, student.name, state.episode_start
        grade, class_no, school_id, township_id = student.grade, student.class_no, case.school_id, case.township_id
    staff = staff_options(db, actor, school_id, township_id)

    def pick(*keys: str) -> list[str]:
        return [ids[k] for k in keys if ids.get(k)]  # type: ignore[misc]

    defaults = {
        esc.ROUND_1: pick("teacher"),
        esc.ROUND_2: pick("principal", "teacher"),
        esc.ROUND_3: pick("principal", "teacher", "village", "township"),
        esc.FOLLOW_UP: pick("teacher"),
    }
    return VisitFormInfo(
        case_id=case_id,
        case_number=number,
        student_id=student_id,
        student_name=name,
        school_name=school.name if school else "",
        grade=grade,
        class_no=class_no,
        status=info_status,
        episode_start=episode,
        next_round=esc.next_round(state),
        staff=staff,
        defaults=defaults,
        last_reason=last[0] if last else None,
        last_met_with=last[1] if last else None,
        guardians=guardians,
    )


def visit_attachments(db: Database, actor: Actor, visit_id: str) -> list[AttachmentInfo]:
    """Photos and scans of a visit (scope checked through its case)."""
    actor.require(perms.ATTACHMENT_READ)
    with db.read_session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFoundError("找不到这次走访记录。")
        load_case(session, actor, visit.case_id)
        rows = session.execute(
            select(Attachment)
            .where(Attachment.owner_type == OWNER, Attachment.owner_id == visit_id, Attachment.deleted.is_(False))
            .order_by(Attachment.updated_at)
        ).scalars()
        return [AttachmentInfo(r.id, r.file_name, r.mime_type, r.size, r.sha256) for r in rows]


def visit_attachment_data(db: Database, actor: Actor, visit_id: str, sha256: str) -> bytes:
    """The bytes of one of a visit's attachments."""
    actor.require(perms.ATTACHMENT_READ)
    with db.read_session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFoundError("找不到这次走访记录。")
        load_case(session, actor, visit.case_id)
        owned = session.execute(
            select(Attachment.id).where(
                Attachment.owner_type == OWNER,
                Attachment.owner_id == visit_id,
                Attachment.sha256 == sha256,
                Attachment.deleted.is_(False),
            )  # fmt: skip
        ).first()
        blob = session.get(AttachmentBlob, sha256) if owned else None
        if blob is None:
            raise NotFoundError("附件内容缺失。")
        return blob.data
