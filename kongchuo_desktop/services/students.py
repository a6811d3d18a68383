"""Register, edit and read students; every change is validated, scoped and audited."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain import id_number as idn
from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError, ValidationError
from kongchuo_desktop.services.student_rules import check_student
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Guardian, School, Student

# Fields the form edits (status changes only through a 学籍异动).
EDITABLE = (
    "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number", "student_no",
    "hukou_address", "hukou_nature", "hukou_township_id", "current_address", "school_id", "grade",
    "class_no", "enrolled_on", "boarding", "left_behind", "migrant", "disability_type",
    "disability_arrangement", "poverty", "low_income", "orphan", "guardian_teacher_id", "note",
)  # fmt: skip
GUARDIAN_FIELDS = ("name", "relation", "phone", "workplace", "away_working")


@dataclass
class StudentDetail:
    """A student's editable values plus guardians, status and identity, as plain data."""

    id: str | None
    values: dict[str, Any]
    guardians: list[dict[str, Any]] = field(default_factory=list)
    status: str = "在读"


def _normalise(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: values.get(k) for k in EDITABLE if k in values}
    for key in ("name", "hukou_address", "current_address", "note", "student_no"):
        if isinstance(out.get(key), str):
            out[key] = out[key].strip() or None
    if out.get("id_number"):
        out["id_number"] = idn.normalize(out["id_number"])
    if out.get("student_no"):
        out["student_no"] = idn.normalize(out["student_no"])
    if out.get("id_number") and not out.get("birth_date"):
        with contextlib.suppress(idn.IdNumberError):  # an invalid ID is reported by the checks
            out["birth_date"] = idn.parse(out["id_number"]).birth_date
    for flag in ("boarding", "migrant", "poverty", "low_income", "orphan"):
        if flag in out:
            out[flag] = bool(out[flag])
    out.setdefault("left_behind", "无")
    if not out.get("left_behind"):
        out["left_behind"] = "无"
    return out


def _clean_guardians(guardians: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    cleaned = []
    for g in (guardians or [])[:2]:
        item = {k: g.get(k) for k in GUARDIAN_FIELDS}
        item["name"] = (item.get("name") or "").strip()
        item["phone"] = (item.get("phone") or "").strip() or None
        item["away_working"] = bool(item.get("away_working"))
        if item["name"]:
            cleaned.append(item)
    return cleaned


def _check(session: Session, actor: Actor, values: dict[str, Any], guardians: list[dict[str, Any]]) -> School:
    problems = check_student({**values, "guardians": guardians})
    school = session.get(School, values.get("school_id")) if values.get("school_id") else None
    if values.get("school_id") and school is None:
        problems["school_id"] = "所选学校不存在"
    if problems:
        raise ValidationError(problems)
    assert school is not None
    actor.require_student(school.id, school.township_id, values.get("grade"), values.get("class_no"))
    return school


def _duplicate_problem(session: Session, values: dict[str, Any], exclude: str | None) -> dict[str, str]:
    problems = {}
    for key, label in (("id_number", "身份证件号"), ("student_no", "学籍号")):
        value = values.get(key)
        if not value:
            continue
        stmt = select(Student.name).where(getattr(Student, key) == value, Student.deleted.is_(False))
        if exclude:
            stmt = stmt.where(Student.id != exclude)
        other = session.execute(stmt.limit(1)).scalar_one_or_none()
        if other:
            problems[key] = f"{label} {value} 已登记在学生“{other}”名下，同一人不能重复登记"
    return problems


def _save_guardians(session: Session, student: Student, guardians: list[dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
    existing = {
        g.slot: g
        for g in session.execute(
            select(Guardian).where(Guardian.student_id == student.id, Guardian.deleted.is_(False))
        ).scalars()
    }
    changes: dict[str, tuple[Any, Any]] = {}
    for slot in (1, 2):
        wanted = guardians[slot - 1] if slot <= len(guardians) else None
        row = existing.get(slot)
        if wanted is None:
            if row is not None:
                row.deleted = True
                changes[f"guardian{slot}"] = (row.name, None)
            continue
        if row is None:
            row = Guardian(student_id=student.id, slot=slot, name=wanted["name"])
            session.add(row)
            changes[f"guardian{slot}"] = (None, wanted["name"])
        for key in GUARDIAN_FIELDS:
            old = getattr(row, key)
            if old != wanted.get(key):
                if key != "name" or f"guardian{slot}" not in changes:
                    changes[f"guardian{slot}_{key}"] = (old, wanted.get(key))
                setattr(row, key, wanted.get(key))
    return changes


def create_student(
    db: Database, actor: Actor, values: Mapping[str, Any], guardians: list[Mapping[str, Any]] | None = None
) -> str:
    """Register a new student (status 在读); returns its id."""
    actor.require(perms.STUDENT_CREATE)
    vals = _normalise(values)
    gs = _clean_guardians(guardians)
    with db.transaction(user=actor.user) as session:
        school = _check(session, actor, vals, gs)
        if dup := _duplicate_problem(session, vals, None):
            raise ValidationError(dup)
        pinyin, initials = name_keys(vals["name"])
        student = Student(**vals, name_pinyin=pinyin, name_initials=initials, township_id=school.township_id)
        session.add(student)
        session.flush()
        _save_guardians(session, student, gs)
        audit.record(
            session, "create", "student", student.id, {k: (None, v) for k, v in vals.items() if v not in (None, "")}
        )
        return student.id


def update_student(
    db: Database,
    actor: Actor,
    student_id: str,
    values: Mapping[str, Any],
    guardians: list[Mapping[str, Any]] | None = None,
    reason: str | None = None,
) -> dict[str, tuple[Any, Any]]:
    """Save edits to a student; returns the changed fields (old, new), all audited."""
    actor.require(perms.STUDENT_UPDATE)
    with db.transaction(user=actor.user) as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        current = {k: getattr(student, k) for k in EDITABLE}
        vals = {**current, **_normalise(values)}
        gs = _clean_guardians(guardians) if guardians is not None else _guardian_values(session, student.id)
        school = _check(session, actor, vals, gs)
        if dup := _duplicate_problem(session, vals, student.id):
            raise ValidationError(dup)
        changes = {k: (current[k], vals[k]) for k in EDITABLE if current[k] != vals[k]}
        for key, (_old, new) in changes.items():
            setattr(student, key, new)
        if "name" in changes:
            student.name_pinyin, student.name_initials = name_keys(student.name)
        student.township_id = school.township_id
        if guardians is not None:
            changes.update(_save_guardians(session, student, gs))
        if changes:
            audit.record(session, "update", "student", student.id, changes, reason)
        return changes


def _guardian_values(session: Session, student_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Guardian)
        .where(Guardian.student_id == student_id, Guardian.deleted.is_(False))
        .order_by(Guardian.slot)
    ).scalars()
    return [{k: getattr(g, k) for k in GUARDIAN_FIELDS} for g in rows]


def get_student(db: Database, actor: Actor, student_id: str) -> StudentDetail:
    """A student's values and guardians (NotFoundError / PermissionDenied as appropriate)."""
    actor.require(perms.STUDENT_READ)
    with db.read_session() as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        values = {k: getattr(student, k) for k in EDITABLE}
        return StudentDetail(student.id, values, _guardian_values(session, student.id), student.status)


def delete_student(db: Database, actor: Actor, student_id: str, reason: str) -> None:
    """Mark a student deleted (a tombstone that syncs); the reason is required and audited."""
    actor.require(perms.STUDENT_DELETE)
    if not reason.strip():
        raise ValidationError({"reason": "删除学生必须说明原因"})
    with db.transaction(user=actor.user) as session:
        student = session.get(Student, student_id)
        if student is None or student.deleted:
            raise NotFoundError("找不到这个学生，可能已被删除。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        student.deleted = True
        audit.record(session, "delete", "student", student.id, {"deleted": (False, True)}, reason)


