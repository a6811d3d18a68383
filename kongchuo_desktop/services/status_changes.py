"""Record a 学籍异动 (transfer, suspension, resumption, dropout, graduation, death) with proof."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.domain import status as status_rules
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.attachments import attach, read_proof_file
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import School, StatusChange, Student


@dataclass(frozen=True)
class StatusChangeRequest:
    """What the user asks for: kind, date, reason, schools involved and proof files."""

    kind: str
    changed_on: dt.date
    reason: str = ""
    from_school: str | None = None
    to_school: str | None = None
    proof_files: Sequence[str | Path] = ()
    transfer_scope: str | None = None  # 县内/市内/省内/跨省, required for 转入 and 转出


def record_status_change(db: Database, actor: Actor, student_id: str, req: StatusChangeRequest) -> str:
    """Apply a status change to a student, storing proof; returns the StatusChange id."""
    actor.require(perms.STATUS_CHANGE)
    problems: dict[str, str] = {}
    if req.kind not in status_rules.STATUS_CHANGE_KINDS:
        problems["kind"] = f"未知的异动类型“{req.kind}”"
    if req.changed_on > dt.date.today():
        problems["changed_on"] = "异动日期不能晚于今天"
    if not req.reason.strip():
        problems["reason"] = "请填写异动原因"
    if req.kind == "转出" and not (req.to_school or "").strip():
        problems["to_school"] = "转出请填写转入学校"
    if req.kind == "转入" and not (req.from_school or "").strip():
        problems["from_school"] = "转入请填写原学校"
    if req.kind in status_rules.TRANSFER_KINDS and req.transfer_scope not in status_rules.TRANSFER_SCOPES:
        problems["transfer_scope"] = f"{req.kind}请选择转学范围（{'、'.join(status_rules.TRANSFER_SCOPES)}）"
    proofs = []
    for path in req.proof_files:
        try:
            proofs.append(read_proof_file(path))
        except ValidationError as exc:
            problems.update(exc.problems)
    if not proofs and "kind" not in problems and status_rules.needs_proof(req.kind):
        problems["proof"] = f"办理“{req.kind}”需要上传证明材料（扫描件或照片）"
    if problems:
        raise ValidationError(problems)
    with db.transaction(user=actor.user) as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        last = session.execute(
            select(StatusChange.changed_on)
            .where(StatusChange.student_id == student.id, StatusChange.deleted.is_(False))
            .order_by(StatusChange.changed_on.desc())
            .limit(1)
        ).scalar_one_or_none()
        if last is not None and req.changed_on < last:
            raise ValidationError({"changed_on": f"异动日期早于该学生上一次异动（{last:%Y-%m-%d}），请核对"})
        try:
            new_status = status_rules.apply_change(student.status, req.kind)
        except status_rules.TransitionError as exc:
            raise ValidationError({"kind": str(exc)}) from exc
        school_name = session.get(School, student.school_id).name if student.school_id else None
        change = StatusChange(
            student_id=student.id,
            kind=req.kind,
            changed_on=req.changed_on,
            reason=req.reason.strip(),
            from_school=(req.from_school or "").strip() or (school_name if req.kind == "转出" else None),
            to_school=(req.to_school or "").strip() or (school_name if req.kind == "转入" else None),
            status_before=student.status,
            status_after=new_status,
            transfer_scope=req.transfer_scope if req.kind in status_rules.TRANSFER_KINDS else None,
            recorded_by=actor.user,
        )
        session.add(change)
        session.flush()
        for name, data in proofs:
            attach(session, "status_change", change.id, name, data)
        audit.record(
            session, "update", "student", student.id, {"status": (student.status, new_status)}, f"{req.kind}：{req.reason}"
        )
        student.status = new_status
        return change.id
