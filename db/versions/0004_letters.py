"""letters: responsibility-letter templates (versioned) and the register of issued letters

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-28 17:00:00

Only issue 5's tables: letter_template and letter. The default templates are not seeded here;
services.letter_templates writes them on first use, from resources/letters.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "letter_template",
        sa.Column("template_key", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_template")),
        sa.UniqueConstraint("template_key", "version", name=op.f("uq_letter_template_template_key_version")),
    )
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_template_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_letter_template_current", ["is_current", "kind"], unique=False)

    op.create_table(
        "letter",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("template_id", sa.String(length=32), nullable=False),
        sa.Column("template_key", sa.String(length=32), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("class_id", sa.String(length=32), nullable=True),
        sa.Column("teacher_id", sa.String(length=32), nullable=True),
        sa.Column("township_id", sa.String(length=32), nullable=True),
        sa.Column("village", sa.String(length=60), nullable=True),
        sa.Column("student_id", sa.String(length=32), nullable=True),
        sa.Column("party_a", sa.String(length=100), nullable=False),
        sa.Column("party_b", sa.String(length=100), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=True),
        sa.Column("pupils", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("scan_attachment_id", sa.String(length=32), nullable=True),
        sa.Column("assessment", sa.String(length=8), nullable=True),
        sa.Column("assessment_reason", sa.Text(), nullable=True),
        sa.Column("assessed_at", sa.DateTime(), nullable=True),
        sa.Column("assessed_by", sa.String(length=64), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["class_id"], ["school_class.id"], name=op.f("fk_letter_class_id_school_class")),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_letter_school_id_school")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"], name=op.f("fk_letter_student_id_student")),
        sa.ForeignKeyConstraint(["teacher_id"], ["staff.id"], name=op.f("fk_letter_teacher_id_staff")),
        sa.ForeignKeyConstraint(
            ["template_id"], ["letter_template.id"], name=op.f("fk_letter_template_id_letter_template")
        ),
        sa.ForeignKeyConstraint(["township_id"], ["township.id"], name=op.f("fk_letter_township_id_township")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
        sa.UniqueConstraint("number", name=op.f("uq_letter_number")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_letter_year_status", ["year", "status"], unique=False)
        batch_op.create_index("ix_letter_school_year", ["school_id", "year"], unique=False)
        batch_op.create_index("ix_letter_township_year", ["township_id", "year"], unique=False)
        batch_op.create_index(
            "ix_letter_party",
            ["template_key", "year", "class_id", "teacher_id", "village", "student_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_party")
        batch_op.drop_index("ix_letter_township_year")
        batch_op.drop_index("ix_letter_school_year")
        batch_op.drop_index("ix_letter_year_status")
        batch_op.drop_index(batch_op.f("ix_letter_change_seq"))
    op.drop_table("letter")
    with op.batch_alter_table("letter_template", schema=None) as batch_op:
        batch_op.drop_index("ix_letter_template_current")
        batch_op.drop_index(batch_op.f("ix_letter_template_change_seq"))
    op.drop_table("letter_template")
