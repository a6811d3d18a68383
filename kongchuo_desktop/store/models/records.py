"""Status changes, attachments, the audit log, settings and local bookkeeping."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin, utcnow


class StatusChange(SyncMixin, Base):
    """A 学籍异动: kind (转入/转出/休学/复学/辍学/毕业/死亡) on a date, with reason and schools.

    status_before / status_after: the student's status around the change;
    transfer_scope: for 转入 / 转出, how far the other school is (domain.status.TRANSFER_SCOPES:
    县内 / 市内 / 省内 / 跨省; None when not recorded); recorded_by: the user who recorded it.
    """

    __tablename__ = "status_change"
    __table_args__ = (
        Index("ix_status_change_student", "student_id", "changed_on"),
        Index("ix_status_change_date", "changed_on", "kind"),
        Index("ix_status_change_kind_date", "kind", "changed_on"),
        # The monthly reports (db 0007), covering (`deleted` last so that a query filtering on it
        # reads the index alone): a pupil's changes in order, and the changes of a span of days.
        Index(
            "ix_status_change_history",
            "student_id",
            "changed_on",
            "updated_at",
            "id",
            "status_before",
            "status_after",
            "deleted",
        ),
        Index(
            "ix_status_change_month",
            "changed_on",
            "student_id",
            "kind",
            "status_before",
            "status_after",
            "transfer_scope",
            "deleted",
        ),
    )
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    kind: Mapped[str] = mapped_column(String(4))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    from_school: Mapped[str | None] = mapped_column(String(100), default=None)
    to_school: Mapped[str | None] = mapped_column(String(100), default=None)
    status_before: Mapped[str | None] = mapped_column(String(8), default=None)
    status_after: Mapped[str] = mapped_column(String(8))
    transfer_scope: Mapped[str | None] = mapped_column(String(4), default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)


class AttachmentBlob(Base):
    """File content, stored once per SHA-256."""

    __tablename__ = "attachment_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(SyncMixin, Base):
    """A proof file (scan, photo, PDF) attached to a record: owner_type + owner_id."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_type", "owner_id"),)
    owner_type: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100), default=None)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("attachment_blob.sha256"))
    description: Mapped[str | None] = mapped_column(String(200), default=None)


class AuditEntry(SyncMixin, Base):
    """One audited change of one field: who, when, what before/after, why.

    action: create | update | delete | restore; entity / entity_id: the changed row;
    site_id: the site that wrote the entry — each site keeps its own chain, so entries arriving
    by sync keep their place in their site's chain; seq: 1, 2, 3 … within the site's chain;
    prev_hash / entry_hash: the tamper-evident chain (store.audit).
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id", "at"),
        Index("ix_audit_site_seq", "site_id", "seq", unique=True),
        Index("ix_audit_at", "at"),
        Index("ix_audit_user", "user", "at"),
    )
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str | None] = mapped_column(String(64), default=None)
    site_id: Mapped[str | None] = mapped_column(String(32), default=None)
    action: Mapped[str] = mapped_column(String(8))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64), default=None)
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


class Setting(SyncMixin, Base):
    """A named setting (age cut-off, thresholds …); value is JSON text."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[str] = mapped_column(Text)


class LocalState(Base):
    """Per-installation counters that never travel: key → integer (e.g. change_seq)."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(String(200), default=None)
