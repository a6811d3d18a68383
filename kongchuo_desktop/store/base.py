"""Declarative base and the sync columns every travelling table carries (DESIGN.md §4)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, DateTime, Integer, MetaData, String
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
    updated_at / updated_by: last write; deleted: tombstone instead of a hard delete.
    """

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    origin_site_id: Mapped[str | None] = mapped_column(String(32), default=None)
    change_seq: Mapped[int] = mapped_column(Integer, default=0, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64), default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
