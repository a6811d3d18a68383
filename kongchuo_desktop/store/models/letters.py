"""Responsibility-letter templates (versioned) and the register of letters issued (控辍责任状)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin


class LetterTemplate(SyncMixin, Base):
    """One version of a letter template; saving a template adds a row with the next version.

    template_key: the lineage every version shares ("teacher" / "village" / "parent" for the
    three we ship, a UUID for templates made in the app); kind: whose letter it is (teacher:
    school ↔ class teacher, village: township ↔ village committee, parent: school ↔ parents);
    body: the text with {占位符} and 【指令】 lines (services.letter_templates); is_default: shipped
    by us; is_current: the newest version of its lineage (the one new letters use).
    """

    __tablename__ = "letter_template"
    __table_args__ = (
        UniqueConstraint("template_key", "version"),
        Index("ix_letter_template_current", "is_current", "kind"),
    )
    template_key: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(String(200), default=None)


class Letter(SyncMixin, Base):
    """An issued letter: who signs it, for which year, from which template version, and its fate.

    number: printed on the letter and in its QR code; template_id / template_key /
    template_version: what it was printed from; year: the school year's first year (2026 →
    2026—2027学年); kind: as the template's; party ids (school, class, teacher, township,
    village, student) with party_a / party_b / subject: the names as printed (snapshots);
    pupils: how many pupils the letter lists; status: 已发放 → 已签回 → 已考核;
    signed_on / scan_attachment_id: when it came back and the scan (an Attachment owned by the
    letter); assessment: 合格 / 不合格 / 一票否决 with assessment_reason; issued_* / assessed_*: who
    and when.
    """

    __tablename__ = "letter"
    __table_args__ = (
        UniqueConstraint("number"),
        Index("ix_letter_year_status", "year", "status"),
        Index("ix_letter_school_year", "school_id", "year"),
        Index("ix_letter_township_year", "township_id", "year"),
        Index("ix_letter_party", "template_key", "year", "class_id", "teacher_id", "village", "student_id"),
    )
    number: Mapped[str] = mapped_column(String(40))
    template_id: Mapped[str] = mapped_column(ForeignKey("letter_template.id"))
    template_key: Mapped[str] = mapped_column(String(32))
    template_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    class_id: Mapped[str | None] = mapped_column(ForeignKey("school_class.id"), default=None)
    teacher_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    village: Mapped[str | None] = mapped_column(String(60), default=None)
    student_id: Mapped[str | None] = mapped_column(ForeignKey("student.id"), default=None)
    party_a: Mapped[str] = mapped_column(String(100))
    party_b: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(String(100), default=None)
    pupils: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(8), default="已发放")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    issued_by: Mapped[str | None] = mapped_column(String(64), default=None)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    signed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    scan_attachment_id: Mapped[str | None] = mapped_column(String(32), default=None)
    assessment: Mapped[str | None] = mapped_column(String(8), default=None)
    assessment_reason: Mapped[str | None] = mapped_column(Text, default=None)
    assessed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    assessed_by: Mapped[str | None] = mapped_column(String(64), default=None)
