"""Declarative base and the sync columns every travelling table carries (DESIGN.md §4)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Boolean, DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A new UUID primary key as 32 hex characters."""
    return uuid.uuid4().hex


NATURAL_NAMESPACE = uuid.UUID("6f1b7c52-3a51-4d0e-9a43-5e1b8f0c2d11")
"""Namespace of the ids made from natural keys (the same as the shipped letter templates' ids)."""

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "township": ("name",),
    "school": ("name",),
    "setting": ("key",),
    "school_class": ("school_id", "grade", "class_no"),
    "letter_template": ("template_key", "version"),
}
"""Tables whose rows are identified by a natural key: the same township, school, setting, class or
template version created at two sites gets the same id, so sync merges them instead of making a
duplicate (or breaking a unique constraint)."""


def natural_id(table: str, *parts: object) -> str:
    """The id of the row of `table` with this natural key (see NATURAL_KEYS), as 32 hex characters."""
    return uuid.uuid5(NATURAL_NAMESPACE, ":".join([table, *(str(p) for p in parts)])).hex


def _row_id(context: object) -> str:
    """Column default of every travelling table's id: from the natural key where the table has one."""
    if context is not None:
        table = context.current_column.table.name  # type: ignore[attr-defined]
        keys = NATURAL_KEYS.get(table)
        if keys:
            params = context.get_current_parameters()  # type: ignore[attr-defined]
            if all(params.get(k) is not None for k in keys):
                return natural_id(table, *(params[k] for k in keys))
    return new_id()


def utcnow() -> dt.datetime:
    """Now, in UTC without tzinfo (SQLite stores naive datetimes)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Base of all ORM models."""

    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """Columns for tables that travel between sites.

    id: UUID hex primary key; origin_site_id: the site that created the row;
    change_seq: the local site's change sequence number at the last write (set on flush);
    updated_at / updated_by: last write; deleted: tombstone instead of a hard delete;
    born_hlc: the hybrid logical clock (domain.hlc) of the row's creation at origin_site_id;
    clocks: JSON {field: [hlc, site id]} of the fields written after creation (sparse: a field
    not listed has the version (born_hlc, origin_site_id)). Sync compares these per field.
    """

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=_row_id)
    origin_site_id: Mapped[str | None] = mapped_column(String(32), default=None)
    change_seq: Mapped[int] = mapped_column(Integer, default=0, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64), default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    born_hlc: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    clocks: Mapped[str | None] = mapped_column(Text, default=None)
