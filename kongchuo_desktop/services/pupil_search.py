"""Find a pupil by name, pinyin (full or initials) or ID / 学籍号 prefix, with the open case if any."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.services import clock
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.student_register import StudentFilter, StudentRegister
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Case, School


@dataclass(frozen=True)
class PupilHit:
    """A pupil found: who, where, 学籍 status, and the open case (id, number, status) if there is one."""

    student_id: str
    name: str
    sex: str
    school_name: str
    grade: int | None
    class_no: int | None
    id_number: str | None
    status: str
    case_id: str | None = None
    case_number: str | None = None
    case_status: str | None = None

    @property
    def label(self) -> str:
        """ "温柳 女 金河镇测试小学 4年级2班 （个案：疑似辍学）"."""
        where = self.school_name
        if self.grade:
            where += f" {self.grade}年级{self.class_no or ''}班"
        text = f"{self.name} {self.sex} {where}"
        if self.status != "在读":
            text += f" [{self.status}]"
        if self.case_status:
            text += f" （个案：{self.case_status}）"
        return text


def search_pupils(db: Database, actor: Actor, text: str, limit: int = 20) -> list[PupilHit]:
    """Pupils in the actor's scope matching the typed text, in name order (empty text: none)."""
    actor.require(perms.CASE_READ)
    if not text.strip():
        return []
    with db.read_session() as session:
        register = StudentRegister(session, actor)
        rows = register.page(StudentFilter(text=text), limit=limit)
        if not rows:
            return []
        schools = dict(session.execute(select(School.id, School.name)).all())
        day = clock.today()
        cases = {
            sid: (cid, number, esc.SUSPECTED if status == esc.ABSENT and threshold <= day else status)
            for sid, cid, number, status, threshold in session.execute(
                select(Case.student_id, Case.id, Case.number, Case.status, Case.threshold_on).where(
                    Case.student_id.in_([r.id for r in rows]), Case.is_open.is_(True), Case.deleted.is_(False)
                )
            ).all()
        }
        return [
            PupilHit(
                r.id,
                r.name,
                r.sex,
                schools.get(r.school_id or "", ""),
                r.grade,
                r.class_no,
                r.id_number,
                r.status,
                *cases.get(r.id, (None, None, None)),
            )  # fmt: skip
            for r in rows
        ]
