"""Students (学籍), the township's register of school-age children, and guardians."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin

LIVE = text("deleted = 0")


def live_index(name: str, *columns: str, where: str | None = None) -> Index:
    """An index over live (not deleted) rows only, optionally narrower still.

    Partial indexes keep the many flag filters cheap to maintain, and let
    ``count(*) ... WHERE deleted = 0`` be answered from an index.
    """
    clause = text(f"deleted = 0 AND {where}") if where else LIVE
    return Index(name, *columns, sqlite_where=clause, postgresql_where=clause)


def search_index(name: str, column: str) -> Index:
    """A full (not partial) index for a searched column, with `deleted` so counts stay index-only.

    SQLite plans each branch of an OR (name prefix OR pinyin prefix OR …) without the enclosing
    ``deleted = 0``, so only non-partial indexes let it answer such a search as a union of index
    ranges instead of scanning the table.
    """
    return Index(name, column, "deleted")


class Student(SyncMixin, Base):
    """A pupil with a 学籍 at a school.

    name_pinyin / name_initials: search keys derived from name (lowercase ASCII);
    id_type: domain.codes.ID_TYPES; student_no: 学籍号 (G/J/L form);
    township_id: the school's township, kept with the row so the register filters on an index;
    status: domain.status.STUDENT_STATUSES; left_behind: 无/单亲外出/双亲外出;
    disability_type / disability_arrangement: None when not disabled;
    guardian_teacher_id: the teacher who is the child's 亲情监护人 (留守儿童).
    """

    __tablename__ = "student"
    __table_args__ = (
        live_index("ix_student_name_pinyin", "name_pinyin", "id"),
        search_index("ix_student_pinyin_search", "name_pinyin"),
        search_index("ix_student_name_initials", "name_initials"),
        search_index("ix_student_name", "name"),
        search_index("ix_student_id_number", "id_number"),
        search_index("ix_student_student_no", "student_no"),
        live_index("ix_student_birth_date", "birth_date", "name_pinyin"),
        live_index("ix_student_sex", "sex", "name_pinyin"),
        live_index("ix_student_school", "school_id", "name_pinyin"),
        live_index("ix_student_township", "township_id", "name_pinyin"),
        live_index("ix_student_grade", "grade", "class_no", "name_pinyin"),
        live_index("ix_student_school_grade", "school_id", "grade", "class_no", "name_pinyin"),
        # The monthly reports (db 0007): the 在读 stock per school and grade, and (covering, with
        # `deleted` last so that a query filtering on it reads the index alone) a pupil's report
        # columns by id and the entrants of a month.
        live_index("ix_student_report_stock", "status", "school_id", "grade", "enrolled_on"),
        Index("ix_student_report_pupil", "id", "school_id", "grade", "enrolled_on", "status", "deleted"),
        Index("ix_student_enrolled_on", "enrolled_on", "id", "school_id", "grade", "status", "deleted"),
        live_index("ix_student_status", "status", "name_pinyin"),
        live_index("ix_student_hukou_township", "hukou_township_id", "id_number"),
        live_index("ix_student_left_behind", "left_behind", "name_pinyin", where="left_behind != '无'"),
        live_index("ix_student_migrant", "name_pinyin", where="migrant = 1"),
        live_index("ix_student_disability", "name_pinyin", where="disability_type IS NOT NULL"),
        live_index("ix_student_poverty", "name_pinyin", where="poverty = 1"),
        live_index("ix_student_low_income", "name_pinyin", where="low_income = 1"),
        live_index("ix_student_orphan", "name_pinyin", where="orphan = 1"),
        live_index("ix_student_boarding", "name_pinyin", where="boarding = 1"),
    )

    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    sex: Mapped[str] = mapped_column(String(2))
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ethnicity_code: Mapped[str | None] = mapped_column(String(2), default="01")
    id_type: Mapped[str] = mapped_column(String(16), default="居民身份证")
    id_number: Mapped[str | None] = mapped_column(String(18), default=None)
    student_no: Mapped[str | None] = mapped_column(String(24), default=None)
    hukou_address: Mapped[str | None] = mapped_column(String(200), default=None)
    hukou_nature: Mapped[str | None] = mapped_column(String(16), default=None)
    hukou_township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    current_address: Mapped[str | None] = mapped_column(String(200), default=None)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    grade: Mapped[int | None] = mapped_column(Integer, default=None)
    class_no: Mapped[int | None] = mapped_column(Integer, default=None)
    enrolled_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    boarding: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(8), default="在读")
    left_behind: Mapped[str] = mapped_column(String(8), default="无")
    migrant: Mapped[bool] = mapped_column(Boolean, default=False)
    disability_type: Mapped[str | None] = mapped_column(String(8), default=None)
    disability_arrangement: Mapped[str | None] = mapped_column(String(8), default=None)
    poverty: Mapped[bool] = mapped_column(Boolean, default=False)
    low_income: Mapped[bool] = mapped_column(Boolean, default=False)
    orphan: Mapped[bool] = mapped_column(Boolean, default=False)
    guardian_teacher_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class Guardian(SyncMixin, Base):
    """A guardian of a student or of a registered child (up to two each; slot 1 or 2).

    away_working: 外出务工 (why a child is 留守).
    """

    __tablename__ = "guardian"
    __table_args__ = (
        Index("ix_guardian_student", "student_id", "slot"),
        Index("ix_guardian_child", "child_id", "slot"),
    )
    student_id: Mapped[str | None] = mapped_column(ForeignKey("student.id"), default=None)
    child_id: Mapped[str | None] = mapped_column(ForeignKey("child.id"), default=None)
    slot: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(40))
    relation: Mapped[str | None] = mapped_column(String(16), default=None)
    phone: Mapped[str | None] = mapped_column(String(20), default=None)
    workplace: Mapped[str | None] = mapped_column(String(100), default=None)
    away_working: Mapped[bool] = mapped_column(Boolean, default=False)


class Child(SyncMixin, Base):
    """A child aged 6–15 on the township's register (适龄儿童少年), enrolled or not.

    situation: domain.codes.CHILD_SITUATIONS; elsewhere_school: for 外地就读;
    approving_body / period_start / period_end: for 缓学 and 免学;
    proof attachments are Attachments owned by the child;
    student_id: the matched Student, when there is one.
    """

    __tablename__ = "child"
    __table_args__ = (
        live_index("ix_child_name_pinyin", "name_pinyin", "id"),
        search_index("ix_child_pinyin_search", "name_pinyin"),
        search_index("ix_child_name_initials", "name_initials"),
        search_index("ix_child_name", "name"),
        search_index("ix_child_id_number", "id_number"),
        live_index("ix_child_township", "township_id", "name_pinyin"),
        live_index("ix_child_situation", "situation", "name_pinyin"),
        live_index("ix_child_birth_date", "birth_date", "name_pinyin"),
        live_index("ix_child_sex", "sex", "name_pinyin"),
        live_index("ix_child_hukou_village", "hukou_village", "name_pinyin"),
        Index("ix_child_student", "student_id"),
    )

    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    sex: Mapped[str | None] = mapped_column(String(2), default=None)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    ethnicity_code: Mapped[str | None] = mapped_column(String(2), default=None)
    id_number: Mapped[str | None] = mapped_column(String(18), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    hukou_village: Mapped[str | None] = mapped_column(String(60), default=None)
    hukou_address: Mapped[str | None] = mapped_column(String(200), default=None)
    residence_address: Mapped[str | None] = mapped_column(String(200), default=None)
    situation: Mapped[str] = mapped_column(String(8), default="本地在校")
    elsewhere_school: Mapped[str | None] = mapped_column(String(100), default=None)
    approving_body: Mapped[str | None] = mapped_column(String(60), default=None)
    period_start: Mapped[dt.date | None] = mapped_column(Date, default=None)
    period_end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    student_id: Mapped[str | None] = mapped_column(ForeignKey("student.id"), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
