"""Sites, townships, schools, classes and staff."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin


class Site(SyncMixin, Base):
    """One installation: a school, a township office or the city bureau.

    site_type: "school" | "township" | "bureau"; township_id / school_id: what it covers;
    is_local: True for the row describing this installation itself.
    """

    __tablename__ = "site"
    name: Mapped[str] = mapped_column(String(100))
    site_type: Mapped[str] = mapped_column(String(16))
    area_code: Mapped[str | None] = mapped_column(String(12), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    is_local: Mapped[bool] = mapped_column(default=False)


class Township(SyncMixin, Base):
    """A township (乡镇) or subdistrict (街道); code: area code of 12 digits where known."""

    __tablename__ = "township"
    name: Mapped[str] = mapped_column(String(60), unique=True)
    code: Mapped[str | None] = mapped_column(String(12), default=None)
    city: Mapped[str | None] = mapped_column(String(60), default=None)


class School(SyncMixin, Base):
    """A school; kind: 小学 | 初中 | 九年一贯制 | 特教学校."""

    __tablename__ = "school"
    name: Mapped[str] = mapped_column(String(100), unique=True)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="小学")
    code: Mapped[str | None] = mapped_column(String(20), default=None)
    address: Mapped[str | None] = mapped_column(String(200), default=None)


class SchoolClass(SyncMixin, Base):
    """A class of a school in a grade (1–9); head_teacher_id: its 班主任 (Staff)."""

    __tablename__ = "school_class"
    __table_args__ = (UniqueConstraint("school_id", "grade", "class_no"),)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"))
    grade: Mapped[int] = mapped_column(Integer)
    class_no: Mapped[int] = mapped_column(Integer)
    head_teacher_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)


class Staff(SyncMixin, Base):
    """A person who visits and signs: teacher, principal, township or village cadre.

    role: one of domain.codes.STAFF_ROLES; school_id / township_id: where they work;
    village: for 村干部, the village committee.
    """

    __tablename__ = "staff"
    __table_args__ = (Index("ix_staff_school_role", "school_id", "role"),)
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    village: Mapped[str | None] = mapped_column(String(60), default=None)
