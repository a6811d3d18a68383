"""A student's history: 学籍异动 with their proof, every audited edit, and (services.case_history)
absences, visits and case events, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kongchuo_desktop.domain.ethnicity import name_of
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import NotFoundError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AuditEntry, School, Staff, StatusChange, Student, Township

FIELD_LABELS = {
    "name": "姓名", "sex": "性别", "birth_date": "出生日期", "ethnicity_code": "民族", "id_type": "证件类型",
    "id_number": "身份证件号", "student_no": "学籍号", "hukou_address": "户籍地址", "hukou_nature": "户口性质",
    "hukou_township_id": "户籍乡镇", "current_address": "现住址", "school_id": "学校", "grade": "年级",
    "class_no": "班级", "enrolled_on": "入学日期", "boarding": "寄宿", "left_behind": "留守情况",
    "migrant": "随迁子女", "disability_type": "残疾类型", "disability_arrangement": "安置方式",
    "poverty": "脱贫户/建档立卡", "low_income": "低保", "orphan": "孤儿", "guardian_teacher_id": "亲情监护人",
    "note": "备注", "status": "学籍状态", "deleted": "删除",
}  # fmt: skip


def field_label(name: str | None) -> str:
    """The Chinese label of a field name (guardian fields included)."""
    if name is None:
        return ""
    if name.startswith("guardian") and name[8:9] in "12":
        rest = name[10:]
        sub = {"name": "姓名", "relation": "关系", "phone": "电话", "workplace": "工作单位", "away_working": "外出务工"}
        return f"监护人{name[8]}" + (sub.get(rest, rest) if rest else "")
    return FIELD_LABELS.get(name, name)


def _display(session: Session, field: str | None, value: str | None) -> str:
    """A stored value as a person reads it (names instead of ids, 民族 name instead of code)."""
    if value in (None, ""):
        return "（空）"
    lookups = {"school_id": School, "hukou_township_id": Township, "guardian_teacher_id": Staff}
    if field in lookups:
        row = session.get(lookups[field], value)
        return row.name if row is not None else value
    if field == "ethnicity_code":
        return name_of(value) or value
    return value


def local_time(utc: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) time as the local wall-clock time."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class HistoryEvent:
    """One line of the history tab: when it took effect, what, details, who, proof count."""

    when: dt.datetime
    kind: str
    summary: str
    user: str | None
    attachments: int = 0
    ref_id: str | None = None
    recorded_at: dt.datetime | None = None

    def sort_key(self) -> tuple[dt.date, dt.datetime]:
        """Order by effective date, then by when it was recorded."""
        return (self.when.date(), self.recorded_at or self.when)


def student_history(db: Database, actor: Actor, student_id: str) -> list[HistoryEvent]:
    """Status changes and audited edits of one student, newest first."""
    actor.require(perms.STUDENT_READ)
    events: list[HistoryEvent] = []
    with db.read_session() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise NotFoundError("找不到这个学生。")
        actor.require_student(student.school_id, student.township_id, student.grade, student.class_no)
        counts = dict(
            session.execute(
                select(Attachment.owner_id, func.count())
                .where(Attachment.owner_type == "status_change", Attachment.deleted.is_(False))
                .join(StatusChange, StatusChange.id == Attachment.owner_id)
                .where(StatusChange.student_id == student_id)
                .group_by(Attachment.owner_id)
            ).all()
        )
        for change in session.execute(
            select(StatusChange).where(StatusChange.student_id == student_id, StatusChange.deleted.is_(False))
        ).scalars():
            where = change.to_school if change.kind == "转出" else change.from_school if change.kind == "转入" else None
            summary = f"{change.status_before or '—'} → {change.status_after}；原因：{change.reason or '—'}"
            if where:
                summary += f"；{'转入学校' if change.kind == '转出' else '原学校'}：{where}"
            events.append(
                HistoryEvent(
                    dt.datetime.combine(change.changed_on, dt.time()),
                    f"学籍异动：{change.kind}",
                    summary,
                    change.recorded_by,
                    counts.get(change.id, 0),
                    change.id,
                    local_time(change.updated_at),
                )
            )
        created: dict[str, list[AuditEntry]] = {}
        for entry in session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity == "student", AuditEntry.entity_id == student_id)
            .order_by(AuditEntry.seq)
        ).scalars():
            if entry.action == "create":
                created.setdefault(entry.at.isoformat(), []).append(entry)
                continue
            if entry.field == "status":
                continue  # shown by its status change
            old = _display(session, entry.field, entry.old_value)
            new = _display(session, entry.field, entry.new_value)
            text = f"{field_label(entry.field)}：{old} → {new}"
            if entry.reason:
                text += f"（{entry.reason}）"
            events.append(HistoryEvent(local_time(entry.at), "删除" if entry.action == "delete" else "修改", text, entry.user))
        for entries in created.values():
            shown = [e for e in entries if e.field in ("name", "school_id", "grade", "class_no")]
            text = "，".join(f"{field_label(e.field)}：{_display(session, e.field, e.new_value)}" for e in shown)
            events.append(HistoryEvent(local_time(entries[0].at), "登记", f"登记入册（{text}）", entries[0].user))
        if actor.can(perms.CASE_READ):  # absences, visits and cases (issue 4)
            from kongchuo_desktop.services import clock
            from kongchuo_desktop.services.case_history import case_history_events

            events.extend(case_history_events(session, student_id, clock.today()))
    events.sort(key=HistoryEvent.sort_key, reverse=True)
    return events
