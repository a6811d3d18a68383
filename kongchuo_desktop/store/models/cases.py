"""控辍保学 casework: school calendars, absences, cases with their event log, visits, referrals, notices.

Every case event is logged in `CaseEvent`; `Case` keeps the state the events led to
(domain.escalation.CaseState, as JSON) and a summary of it in columns — status, what is due and
when — so that the to-do list and the ledgers are answered from indexes over the open cases. Every to-do group has a partial index on (its date, id) over
open, live cases, alone and per township — so "the first 200 in due order" stops after 200 index
entries; a school's open cases are few and read from one covering
index.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kongchuo_desktop.store.base import Base, SyncMixin

OPEN_LIVE = "is_open = 1 AND deleted = 0"


def open_index(name: str, *columns: str) -> Index:
    """An index over open, live cases only."""
    clause = text(OPEN_LIVE)
    return Index(name, *columns, sqlite_where=clause, postgresql_where=clause)


class SchoolCalendar(SyncMixin, Base):
    """One school year's calendar (校历), for one school or (school_id None) for every school.

    school_year: the first year (2026 → 2026-2027); term1_* / term2_*: the terms' first and last
    days (term 2 may be left out); weekend: weekday digits without school (Monday 0 … Sunday 6,
    "56" = Saturday and Sunday). Holidays and make-up days are CalendarDay rows.
    """

    __tablename__ = "school_calendar"
    __table_args__ = (Index("ix_school_calendar_year", "school_year", "school_id"),)
    school_year: Mapped[int] = mapped_column(Integer)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    term1_start: Mapped[dt.date] = mapped_column(Date)
    term1_end: Mapped[dt.date] = mapped_column(Date)
    term2_start: Mapped[dt.date | None] = mapped_column(Date, default=None)
    term2_end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    weekend: Mapped[str] = mapped_column(String(8), default="56")
    note: Mapped[str | None] = mapped_column(String(200), default=None)


class CalendarDay(SyncMixin, Base):
    """A special day of a calendar: kind 假日 (no school on a weekday) or 调休上课 (school on a weekend)."""

    __tablename__ = "calendar_day"
    __table_args__ = (Index("ix_calendar_day_calendar", "calendar_id", "day"),)
    calendar_id: Mapped[str] = mapped_column(ForeignKey("school_calendar.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))
    name: Mapped[str | None] = mapped_column(String(40), default=None)


class Case(SyncMixin, Base):
    """A 控辍 case (三访一报告 → 劝返 → 销号) of one pupil.

    number: shown on reports (e.g. 2026-3F9A2C); school_id / township_id: the pupil's school when
    the case was opened (the scope it belongs to); status / is_open and the *_on dates: the
    summary of the replayed events (domain.escalation.CaseState); next_action / next_due_on: the
    earliest due action; visit_action / visit_due_on, report_due_on, notice_due_on (a notice's
    deadline nothing has followed), close_due_on: the to-do groups; last_activity_on: the
    latest event day (14 days without one = 无进展); reason: the main reason from the latest visit;
    principal_id / teacher_id (school line) and township_cadre_id / village_cadre_id (government
    line): the 包保责任人 (Staff), responsible_note: others named in words; measures: what was done
    (for the report); dropout_change_id / resume_change_id: the 学籍异动 recorded with the case;
    events: how many CaseEvents it has (the next one's seq); state: the full
    domain.escalation.CaseState as JSON (what the next event is applied to).
    """

    __tablename__ = "dropout_case"
    __table_args__ = (
        Index("ix_case_student", "student_id", "opened_on"),
        Index("ix_case_status", "status", "threshold_on"),
        open_index("ix_case_open_due", "next_due_on"),
        open_index("ix_case_visit_due", "visit_due_on", "id"),
        open_index("ix_case_township_visit_due", "township_id", "visit_due_on", "id"),
        open_index("ix_case_report_due", "report_due_on", "id"),
        open_index("ix_case_township_report_due", "township_id", "report_due_on", "id"),
        open_index("ix_case_notice_due", "notice_due_on", "id"),
        open_index("ix_case_township_notice_due", "township_id", "notice_due_on", "id"),
        open_index("ix_case_activity", "last_activity_on", "id"),
        open_index("ix_case_township_activity", "township_id", "last_activity_on", "id"),
        open_index("ix_case_close_due", "close_due_on", "id"),
        open_index("ix_case_township_close_due", "township_id", "close_due_on", "id"),
        # A school's to-do (a few thousand open cases at most) is answered from this index alone.
        open_index(
            "ix_case_school_todo",
            "school_id",
            "visit_due_on",
            "report_due_on",
            "notice_due_on",
            "last_activity_on",
            "close_due_on",
            "next_due_on",
            "id",
        ),  # fmt: skip
        # Covers the to-do badge's "any group" count without touching the table. Not partial:
        # SQLite scans a partial index in full only when told to, but searches this one on
        # (is_open, deleted[, township_id]).
        Index(
            "ix_case_todo",
            "is_open",
            "deleted",
            "township_id",
            "visit_due_on",
            "report_due_on",
            "notice_due_on",
            "last_activity_on",
            "close_due_on",
        ),  # fmt: skip
    )
    number: Mapped[str] = mapped_column(String(24))
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    township_id: Mapped[str | None] = mapped_column(ForeignKey("township.id"), default=None)
    status: Mapped[str] = mapped_column(String(8))
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    episode_start: Mapped[dt.date] = mapped_column(Date)
    threshold_on: Mapped[dt.date] = mapped_column(Date)
    suspected_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    dropout_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    returned_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    outcome: Mapped[str | None] = mapped_column(String(8), default=None)
    close_note: Mapped[str | None] = mapped_column(Text, default=None)
    report_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    last_activity_on: Mapped[dt.date] = mapped_column(Date)
    next_action: Mapped[str | None] = mapped_column(String(16), default=None)
    next_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    visit_action: Mapped[str | None] = mapped_column(String(16), default=None)
    visit_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    report_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notice_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    close_due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    reason: Mapped[str | None] = mapped_column(String(16), default=None)
    principal_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    teacher_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    township_cadre_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    village_cadre_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    responsible_note: Mapped[str | None] = mapped_column(String(200), default=None)
    measures: Mapped[str | None] = mapped_column(Text, default=None)
    dropout_change_id: Mapped[str | None] = mapped_column(String(32), default=None)
    resume_change_id: Mapped[str | None] = mapped_column(String(32), default=None)
    events: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(Text, default="{}")
    note: Mapped[str | None] = mapped_column(Text, default=None)


class CaseEvent(SyncMixin, Base):
    """One event of a case, in recording order (seq 1, 2, 3 … within the case).

    kind: domain.escalation.EVENT_KINDS; happened_on: the day it happened; data: the
    domain Event as JSON (what replay needs); ref_type / ref_id: the absence, visit, notice or
    referral row it belongs to; summary: one line for the timeline; recorded_by / recorded_at:
    who entered it and when (UTC).
    """

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_case", "case_id", "seq"),)
    case_id: Mapped[str] = mapped_column(ForeignKey("dropout_case.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    happened_on: Mapped[dt.date] = mapped_column(Date)
    data: Mapped[str] = mapped_column(Text)
    ref_type: Mapped[str | None] = mapped_column(String(16), default=None)
    ref_id: Mapped[str | None] = mapped_column(String(32), default=None)
    summary: Mapped[str | None] = mapped_column(Text, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Absence(SyncMixin, Base):
    """An unexcused absence: from first_day until return_day (the day the child is back; None =
    still away), with the case it belongs to."""

    __tablename__ = "absence"
    __table_args__ = (
        Index("ix_absence_student", "student_id", "first_day"),
        Index("ix_absence_case", "case_id", "first_day"),
    )
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("dropout_case.id"), default=None)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), default=None)
    first_day: Mapped[dt.date] = mapped_column(Date)
    return_day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)


class Visit(SyncMixin, Base):
    """A home visit (家访) or other contact in a case.

    round: 一访 / 二访 / 三访 / 跟进; kind: 家访 / 电话 / 到务工地 / 其他; participants: JSON list of
    {"staff_id", "name", "role"} (staff_id None for people named in words); met_with: whom they
    met; reason: the reason category (domain.escalation.REASONS); attitude: the family's;
    outcome: 已返校 / 承诺返校 / 拒绝 / 无法联系, promised_on for 承诺返校; next_step / next_step_on:
    what happens next and when. Photos and scans are Attachments owned by the visit.
    """

    __tablename__ = "visit"
    __table_args__ = (
        Index("ix_visit_case", "case_id", "visited_at"),
        Index("ix_visit_student", "student_id", "visited_at"),
        Index("ix_visit_at", "visited_at"),
    )
    case_id: Mapped[str] = mapped_column(ForeignKey("dropout_case.id"))
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    visited_at: Mapped[dt.datetime] = mapped_column(DateTime)
    round: Mapped[str] = mapped_column(String(4))
    kind: Mapped[str] = mapped_column(String(8))
    participants: Mapped[str] = mapped_column(Text, default="[]")
    met_with: Mapped[str | None] = mapped_column(String(60), default=None)
    reason: Mapped[str | None] = mapped_column(String(16), default=None)
    attitude: Mapped[str | None] = mapped_column(String(60), default=None)
    outcome: Mapped[str] = mapped_column(String(8))
    promised_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    next_step: Mapped[str | None] = mapped_column(Text, default=None)
    next_step_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)


class Referral(SyncMixin, Base):
    """A case handed to the township's 教育执法组 or a department (依法控辍).

    agency: domain.escalation.AGENCIES; request: what was asked; answer / answered_on: the reply.
    """

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_case", "case_id", "referred_on"),
        Index("ix_referral_date", "referred_on"),
    )
    case_id: Mapped[str] = mapped_column(ForeignKey("dropout_case.id"))
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    agency: Mapped[str] = mapped_column(String(16))
    referred_on: Mapped[dt.date] = mapped_column(Date)
    request: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text, default=None)
    answered_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)


class CaseNotice(SyncMixin, Base):
    """A 限期返校通知书 the township sent the guardians: number, issued and deadline dates, to whom."""

    __tablename__ = "case_notice"
    __table_args__ = (Index("ix_case_notice_case", "case_id", "issued_on"),)
    case_id: Mapped[str] = mapped_column(ForeignKey("dropout_case.id"))
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"))
    number: Mapped[str] = mapped_column(String(40))
    issued_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    guardian_name: Mapped[str | None] = mapped_column(String(40), default=None)
    issuer: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text, default=None)
    recorded_by: Mapped[str | None] = mapped_column(String(64), default=None)
