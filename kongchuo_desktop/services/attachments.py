"""Proof files: stored once by content hash, attached to any record, read back for viewing."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AttachmentBlob, Child, StatusChange, Student

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment as the UI lists it."""

    id: str
    file_name: str
    mime_type: str | None
    size: int
    sha256: str


def read_proof_file(path: str | Path) -> tuple[str, bytes]:
    """Read a file chosen as proof, refusing missing, empty or oversized ones (Chinese message)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError({"attachment": f"无法读取证明材料“{path.name}”：{exc.strerror or exc}"}) from exc
    if not data:
        raise ValidationError({"attachment": f"证明材料“{path.name}”是空文件"})
    if len(data) > MAX_BYTES:
        raise ValidationError({"attachment": f"证明材料“{path.name}”超过 50 MB，请压缩或扫描成较小的文件"})
    return path.name, data


def attach(session: Session, owner_type: str, owner_id: str, file_name: str, data: bytes) -> Attachment:
    """Store `data` (deduplicated by SHA-256) and link it to the owner record."""
    digest = hashlib.sha256(data).hexdigest()
    if session.get(AttachmentBlob, digest) is None:
        session.add(AttachmentBlob(sha256=digest, data=data))
        session.flush()  # the blob row must exist before the row that references it
    row = Attachment(
        owner_type=owner_type,
        owner_id=owner_id,
        file_name=file_name,
        mime_type=mimetypes.guess_type(file_name)[0],
        size=len(data),
        sha256=digest,
    )
    session.add(row)
    return row


def _owner_in_scope(session: Session, actor: Actor, owner_type: str, owner_id: str) -> bool:
    """Whether the record an attachment belongs to is inside the actor's scope."""
    if actor.whole_site:
        return True
    student: Student | None = None
    if owner_type == "status_change":
        change = session.get(StatusChange, owner_id)
        student = session.get(Student, change.student_id) if change is not None else None
    elif owner_type == "student":
        student = session.get(Student, owner_id)
    elif owner_type == "visit":
        from kongchuo_desktop.store.models.cases import Visit

        visit = session.get(Visit, owner_id)
        student = session.get(Student, visit.student_id) if visit is not None else None
    elif owner_type == "child":
        child = session.get(Child, owner_id)
        if child is None:
            return False
        if actor.school_id is None and not actor.classes:
            return actor.can_see_school(None, child.township_id)
        student = session.get(Student, child.student_id) if child.student_id else None
    else:
        return False  # records of kinds not known here: whole-site roles only
    return student is not None and actor.can_see_student(
        student.school_id, student.township_id, student.grade, student.class_no
    )


def list_attachments(db: Database, actor: Actor, owner_type: str, owner_id: str) -> list[AttachmentInfo]:
    """Attachments of one record, oldest first (PermissionDenied outside the actor's scope)."""
    actor.require(perms.ATTACHMENT_READ)
    with db.read_session() as session:
        if not _owner_in_scope(session, actor, owner_type, owner_id):
            raise PermissionDenied("您没有权限查看这条记录的证明材料。")
        rows = session.execute(
            select(Attachment)
            .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id, Attachment.deleted.is_(False))
            .order_by(Attachment.updated_at)
        ).scalars()
        return [AttachmentInfo(r.id, r.file_name, r.mime_type, r.size, r.sha256) for r in rows]


def attachment_data(db: Database, actor: Actor, sha256: str) -> bytes:
    """The stored bytes of an attachment the actor may see."""
    actor.require(perms.ATTACHMENT_READ)
    with db.read_session() as session:
        owners = session.execute(
            select(Attachment.owner_type, Attachment.owner_id).where(
                Attachment.sha256 == sha256, Attachment.deleted.is_(False)
            )
        ).all()
        if owners and not any(_owner_in_scope(session, actor, t, i) for t, i in owners):
            raise PermissionDenied("您没有权限查看这份证明材料。")
        blob = session.get(AttachmentBlob, sha256)
        if blob is None or not owners:
            raise ValidationError({"attachment": "附件内容缺失"})
        return blob.data
