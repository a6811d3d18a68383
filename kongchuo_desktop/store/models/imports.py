"""Records of roster / children-register imports, and the column mappings users confirmed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin, utcnow


class ImportBatch(SyncMixin, Base):
    """One import that wrote to the register (an import that changed nothing leaves no row).

    kind: "roster" (学籍名册) | "children" (适龄儿童登记表); file_name / sheet: what was read;
    sha256: the file's content hash (the same file imported twice has the same hash);
    imported_at / user: when and by whom; new / updated / unchanged / rejected: row counts;
    schools_added / classes_added / townships_added: what the import added to the register,
    names joined by "、" (None when nothing).
    """

    __tablename__ = "import_batch"
    __table_args__ = (Index("ix_import_batch_at", "imported_at"), Index("ix_import_batch_sha256", "sha256"))

    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    sheet: Mapped[str | None] = mapped_column(String(100), default=None)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str | None] = mapped_column(String(64), default=None)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    schools_added: Mapped[str | None] = mapped_column(Text, default=None)
    classes_added: Mapped[str | None] = mapped_column(Text, default=None)
    townships_added: Mapped[str | None] = mapped_column(Text, default=None)


class HeaderMapping(Base):
    """A column mapping a user confirmed for one header layout; local to this installation.

    signature: TableLayout.signature of the file's header row; kind: roster | children (the same
    headers may mean different fields in the two kinds of file); mapping: JSON object, header
    text as in the file → canonical field name (null = ignore the column); confirmed_at: when.
    """

    __tablename__ = "header_mapping"

    signature: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    mapping: Mapped[str] = mapped_column(Text)
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
