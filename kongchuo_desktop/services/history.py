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
from kongchuo_desktop.services.field_labels import field_label
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AuditEntry, School, Staff, StatusChange, Student, Township


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
            text = f"{field_label(entry.field, 'student')}：{old} → {new}"
            if entry.reason:
                text += f"（{entry.reason}）"
            events.append(HistoryEvent(local_time(entry.at), "删除" if entry.action == "delete" else "修改", text, entry.user))
        for entries in created.values():
            shown = [e for e in entries if e.field in ("name", "school_id", "grade", "class_no")]
            text = "，".join(f"{field_label(e.field, 'student')}：{_display(session, e.field, e.new_value)}" for e in shown)
            events.append(HistoryEvent(local_time(entries[0].at), "登记", f"登记入册（{text}）", entries[0].user))
        if actor.can(perms.CASE_READ):  # absences, visits and cases (issue 4)
            from kongchuo_desktop.services import clock
            from kongchuo_desktop.services.case_history import case_history_events

            events.extend(case_history_events(session, student_id, clock.today()))
    events.sort(key=HistoryEvent.sort_key, reverse=True)
    return events
