"""Proof files: stored once by content hash, attached to any record, read back for viewing."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Attachment, AttachmentBlob

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


def list_attachments(db: Database, owner_type: str, owner_id: str) -> list[AttachmentInfo]:
    """Attachments of one record, oldest first."""
    with db.read_session() as session:
        rows = session.execute(
            select(Attachment)
            .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id, Attachment.deleted.is_(False))
            .order_by(Attachment.updated_at)
        ).scalars()
        return [AttachmentInfo(r.id, r.file_name, r.mime_type, r.size, r.sha256) for r in rows]


def attachment_data(db: Database, sha256: str) -> bytes:
    """The stored bytes of an attachment."""
    with db.read_session() as session:
        blob = session.get(AttachmentBlob, sha256)
        if blob is None:
            raise ValidationError({"attachment": "附件内容缺失"})
        return blob.data
