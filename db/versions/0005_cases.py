"""cases: school calendars, absences, 控辍 cases with their event log, visits, referrals, notices

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-28 15:51:55

Only issue 4's tables (a branch beside 0002–0004; store.migrate upgrades to all heads). The to-do
list reads partial indexes over open, live cases (is_open = 1 AND deleted = 0).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "school_calendar",
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("term1_start", sa.Date(), nullable=False),
        sa.Column("term1_end", sa.Date(), nullable=False),
        sa.Column("term2_start", sa.Date(), nullable=True),
        sa.Column("term2_end", sa.Date(), nullable=True),
        sa.Column("weekend", sa.String(length=8), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_school_calendar_school_id_school")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_calendar")),
    )
    with op.batch_alter_table("school_calendar", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_calendar_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_school_calendar_year", ["school_year", "school_id"], unique=False)

    op.create_table(
        "calendar_day",
        sa.Column("calendar_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["school_calendar.id"], name=op.f("fk_calendar_day_calendar_id_school_calendar")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_day")),
    )
    with op.batch_alter_table("calendar_day", schema=None) as batch_op:
        batch_op.create_index("ix_calendar_day_calendar", ["calendar_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendar_day_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "dropout_case",
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("township_id", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("episode_start", sa.Date(), nullable=False),
        sa.Column("threshold_on", sa.Date(), nullable=False),
        sa.Column("suspected_on", sa.Date(), nullable=True),
        sa.Column("dropout_on", sa.Date(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=True),
        sa.Column("report_on", sa.Date(), nullable=True),
        sa.Column("last_activity_on", sa.Date(), nullable=False),
        sa.Column("next_action", sa.String(length=16), nullable=True),
        sa.Column("next_due_on", sa.Date(), nullable=True),
        sa.Column("visit_action", sa.String(length=16), nullable=True),
        sa.Column("visit_due_on", sa.Date(), nullable=True),
        sa.Column("report_due_on", sa.Date(), nullable=True),
        sa.Column("notice_due_on", sa.Date(), nullable=True),
        sa.Column("close_due_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("principal_id", sa.String(length=32), nullable=True),
        sa.Column("teacher_id", sa.String(length=32), nullable=True),
        sa.Column("township_cadre_id", sa.String(length=32), nullable=True),
        sa.Column("village_cadre_id", sa.String(length=32), nullable=True),
        sa.Column("responsible_note", sa.String(length=200), nullable=True),
        sa.Column("measures", sa.Text(), nullable=True),
        sa.Column("dropout_change_id", sa.String(length=32), nullable=True),
        sa.Column("resume_change_id", sa.String(length=32), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["principal_id"], ["staff.id"], name=op.f("fk_dropout_case_principal_id_staff")),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_dropout_case_school_id_school")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_dropout_case_student_id_student")),
        sa.ForeignKeyConstraint(["teacher_id"], ["staff.id"], name=op.f("fk_dropout_case_teacher_id_staff")),
        sa.ForeignKeyConstraint(
            ["township_cadre_id"], ["staff.id"], name=op.f("fk_dropout_case_township_cadre_id_staff")
        ),
        sa.ForeignKeyConstraint(["township_id"], ["township.id"], name=op.f("fk_dropout_case_township_id_township")),
        sa.ForeignKeyConstraint(
            ["village_cadre_id"], ["staff.id"], name=op.f("fk_dropout_case_village_cadre_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dropout_case")),
    )
    with op.batch_alter_table("dropout_case", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_activity",
            ["last_activity_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_close_due",
            ["close_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_notice_due",
            ["notice_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_open_due",
            ["next_due_on"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_report_due",
            ["report_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_school_todo",
            [
                "school_id",
                "visit_due_on",
                "report_due_on",
                "notice_due_on",
                "last_activity_on",
                "close_due_on",
                "next_due_on",
                "id",
            ],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index("ix_case_status", ["status", "threshold_on"], unique=False)
        batch_op.create_index("ix_case_student", ["student_id", "opened_on"], unique=False)
        batch_op.create_index(
            "ix_case_township_activity",
            ["township_id", "last_activity_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_township_close_due",
            ["township_id", "close_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_township_notice_due",
            ["township_id", "notice_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_township_report_due",
            ["township_id", "report_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_todo",
            [
                "is_open",
                "deleted",
                "township_id",
                "visit_due_on",
                "report_due_on",
                "notice_due_on",
                "last_activity_on",
                "close_due_on",
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_case_township_visit_due",
            ["township_id", "visit_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(
            "ix_case_visit_due",
            ["visit_due_on", "id"],
            unique=False,
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.create_index(batch_op.f("ix_dropout_case_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "absence",
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("return_day", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dropout_case.id"], name=op.f("fk_absence_case_id_dropout_case")),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_absence_school_id_school")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_absence_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index("ix_absence_case", ["case_id", "first_day"], unique=False)
        batch_op.create_index(batch_op.f("ix_absence_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_absence_student", ["student_id", "first_day"], unique=False)

    op.create_table(
        "case_event",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("ref_type", sa.String(length=16), nullable=True),
        sa.Column("ref_id", sa.String(length=32), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dropout_case.id"], name=op.f("fk_case_event_case_id_dropout_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index("ix_case_event_case", ["case_id", "seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_event_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "case_notice",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("guardian_name", sa.String(length=40), nullable=True),
        sa.Column("issuer", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dropout_case.id"], name=op.f("fk_case_notice_case_id_dropout_case")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_case_notice_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notice")),
    )
    with op.batch_alter_table("case_notice", schema=None) as batch_op:
        batch_op.create_index("ix_case_notice_case", ["case_id", "issued_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_notice_change_seq"), ["change_seq"], unique=False)

    op.create_table(
        "referral",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("agency", sa.String(length=16), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dropout_case.id"], name=op.f("fk_referral_case_id_dropout_case")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_referral_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index("ix_referral_case", ["case_id", "referred_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_referral_date", ["referred_on"], unique=False)

    op.create_table(
        "visit",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("visited_at", sa.DateTime(), nullable=False),
        sa.Column("round", sa.String(length=4), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("met_with", sa.String(length=60), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("attitude", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("promised_on", sa.Date(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("next_step_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=64), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dropout_case.id"], name=op.f("fk_visit_case_id_dropout_case")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_visit_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index("ix_visit_at", ["visited_at"], unique=False)
        batch_op.create_index("ix_visit_case", ["case_id", "visited_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_visit_student", ["student_id", "visited_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index("ix_visit_student")
        batch_op.drop_index(batch_op.f("ix_visit_change_seq"))
        batch_op.drop_index("ix_visit_case")
        batch_op.drop_index("ix_visit_at")

    op.drop_table("visit")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index("ix_referral_date")
        batch_op.drop_index(batch_op.f("ix_referral_change_seq"))
        batch_op.drop_index("ix_referral_case")

    op.drop_table("referral")
    with op.batch_alter_table("case_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_notice_change_seq"))
        batch_op.drop_index("ix_case_notice_case")

    op.drop_table("case_notice")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_event_change_seq"))
        batch_op.drop_index("ix_case_event_case")

    op.drop_table("case_event")
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index("ix_absence_student")
        batch_op.drop_index(batch_op.f("ix_absence_change_seq"))
        batch_op.drop_index("ix_absence_case")

    op.drop_table("absence")
    with op.batch_alter_table("dropout_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dropout_case_change_seq"))
        batch_op.drop_index(
            "ix_case_visit_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index("ix_case_todo")
        batch_op.drop_index(
            "ix_case_township_visit_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_township_report_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_township_notice_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_township_close_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_township_activity",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index("ix_case_student")
        batch_op.drop_index("ix_case_status")
        batch_op.drop_index(
            "ix_case_school_todo",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_report_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_open_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_notice_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_close_due",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )
        batch_op.drop_index(
            "ix_case_activity",
            sqlite_where=sa.text("is_open = 1 AND deleted = 0"),
            postgresql_where=sa.text("is_open = 1 AND deleted = 0"),
        )

    op.drop_table("dropout_case")
    with op.batch_alter_table("calendar_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_day_change_seq"))
        batch_op.drop_index("ix_calendar_day_calendar")

    op.drop_table("calendar_day")
    with op.batch_alter_table("school_calendar", schema=None) as batch_op:
        batch_op.drop_index("ix_school_calendar_year")
        batch_op.drop_index(batch_op.f("ix_school_calendar_change_seq"))

    op.drop_table("school_calendar")
