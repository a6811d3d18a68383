"""User accounts: who may log in, with which role and over which scope (they travel with sync)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin


class UserAccount(SyncMixin, Base):
    """A person who logs in.

    login_name: as the person types it (kept verbatim, never renamed: the audit log names it);
    login_key: login_name normalised (NFKC, trimmed, case-folded) for look-up;
    display_name: shown in the title bar and lists;
    role: 管理员 | 教育局 | 乡镇 | 校长 | 教师 (services.permissions.ROLES);
    township_id / school_id: the scope (both None = the whole site);
    classes: for teachers, "grade-class_no" pairs separated by commas ("3-1,3-2"); None = whole school;
    password_hash: argon2id hash string (never the password);
    failed_attempts / locked_until: consecutive wrong passwords and the end of a lock-out (UTC);
    disabled: may not log in; must_change_password: set by an administrator's reset;
    last_login_at: last successful login (UTC).
    Login names are unique among accounts in the service layer (not by a database constraint,
    so that accounts made at two sites can still meet in one database through sync).
    """

    __tablename__ = "user_account"
    __table_args__ = (Index("ix_user_account_login_key", "login_key"),)

    login_name: Mapped[str] = mapped_column(String(64))
    login_key: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(8))
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    classes: Mapped[str | None] = mapped_column(String(200), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
