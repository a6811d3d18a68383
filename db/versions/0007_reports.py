"""reports: the 转入/转出 range of a status change, and indexes the monthly reports read

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 18:00:00

status_change.transfer_scope: 县内 / 市内 / 省内 / 跨省 for 转入 and 转出 (NULL for other kinds and
for changes recorded before this version; the report counts those in the subtotal and says so).
Indexes the reports read (the counts are GROUP BY queries over them; see
services/reports/counts.py): the 在读 stock by school and grade (index-only), status changes by kind
and date (dropouts up to a month's end), and covering indexes for a pupil's changes in order, the
changes of a month, a pupil's report columns by id and the pupils entering in a month.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_change") as batch:
        batch.add_column(sa.Column("transfer_scope", sa.String(length=4), nullable=True))
    op.create_index("ix_status_change_kind_date", "status_change", ["kind", "changed_on"])
    # Covering indexes: `deleted` last, so that a query filtering on it reads the index alone.
    op.create_index(
        "ix_status_change_history",
        "status_change",
        ["student_id", "changed_on", "updated_at", "id", "status_before", "status_after", "deleted"],
    )
    op.create_index(
        "ix_status_change_month",
        "status_change",
        ["changed_on", "student_id", "kind", "status_before", "status_after", "transfer_scope", "deleted"],
    )
    op.create_index(
        "ix_student_report_stock",
        "student",
        ["status", "school_id", "grade", "enrolled_on"],
        sqlite_where=sa.text("deleted = 0"),
        postgresql_where=sa.text("deleted = 0"),
    )
    op.create_index(
        "ix_student_report_pupil", "student", ["id", "school_id", "grade", "enrolled_on", "status", "deleted"]
    )
    op.create_index(
        "ix_student_enrolled_on", "student", ["enrolled_on", "id", "school_id", "grade", "status", "deleted"]
    )


def downgrade() -> None:
    op.drop_index("ix_student_enrolled_on", table_name="student")
    op.drop_index("ix_student_report_pupil", table_name="student")
    op.drop_index("ix_student_report_stock", table_name="student")
    op.drop_index("ix_status_change_month", table_name="status_change")
    op.drop_index("ix_status_change_history", table_name="status_change")
    op.drop_index("ix_status_change_kind_date", table_name="status_change")
    with op.batch_alter_table("status_change") as batch:
        batch.drop_column("transfer_scope")
