"""sync: per-field clocks on every travelling table; site keys, peers, package log, scope moves, conflicts

Revision ID: 0006
Revises: 0002, 0003, 0004, 0005
Create Date: 2026-11-28 18:10:00

Merges the four branches made beside each other (imports, accounts, letters, cases). Existing rows
get born_hlc 0 (older than any clock a site will write) and no per-field clocks.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = ("0002", "0003", "0004", "0005")
branch_labels = None
depends_on = None

TRAVELLING = (
    "absence", "attachment", "audit_entry", "calendar_day", "case_event", "case_notice", "child", "dropout_case",
    "guardian", "import_batch", "letter", "letter_template", "referral", "school", "school_calendar",
    "school_class", "setting", "site", "staff", "status_change", "student", "township", "user_account", "visit",
)  # fmt: skip


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("born_hlc", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("clocks", sa.Text(), nullable=True),
    ]


def upgrade() -> None:
    for table in TRAVELLING:
        op.add_column(table, sa.Column("born_hlc", sa.BigInteger(), server_default="0", nullable=False))
        op.add_column(table, sa.Column("clocks", sa.Text(), nullable=True))

    op.create_table(
        "sync_site_key",
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("sign_private", sa.LargeBinary(), nullable=False),
        sa.Column("box_private", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_sync_site_key")),
    )
    op.create_table(
        "sync_peer",
        sa.Column("site_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("site_type", sa.String(length=16), nullable=False),
        sa.Column("township_id", sa.String(length=32), nullable=True),
        sa.Column("township_name", sa.String(length=60), nullable=True),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("school_name", sa.String(length=100), nullable=True),
        sa.Column("sign_public", sa.LargeBinary(), nullable=False),
        sa.Column("box_public", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("paired_at", sa.DateTime(), nullable=False),
        sa.Column("last_sent_no", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("acked_seq", sa.BigInteger(), nullable=False),
        sa.Column("acked_no", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.DateTime(), nullable=True),
        sa.Column("last_received_no", sa.Integer(), nullable=False),
        sa.Column("last_received_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("site_id", name=op.f("pk_sync_peer")),
    )
    op.create_table(
        "sync_package_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("peer_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("from_seq", sa.BigInteger(), nullable=False),
        sa.Column("to_seq", sa.BigInteger(), nullable=False),
        sa.Column("covers_from", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_user", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("report", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_package_log")),
    )
    with op.batch_alter_table("sync_package_log", schema=None) as batch_op:
        batch_op.create_index("ix_sync_package_log_peer", ["peer_id", "direction", "kind", "number"], unique=False)
        batch_op.create_index("ix_sync_package_log_sha256", ["sha256"], unique=True)
    op.create_table(
        "sync_scope_move",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("old_school_id", sa.String(length=32), nullable=True),
        sa.Column("old_township_id", sa.String(length=32), nullable=True),
        sa.Column("new_school_id", sa.String(length=32), nullable=True),
        sa.Column("new_township_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_scope_move")),
    )
    with op.batch_alter_table("sync_scope_move", schema=None) as batch_op:
        batch_op.create_index("ix_sync_scope_move_seq", ["change_seq"], unique=False)
    op.create_table(
        "sync_conflict",
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("winner_value", sa.Text(), nullable=True),
        sa.Column("winner_hlc", sa.BigInteger(), nullable=False),
        sa.Column("winner_site", sa.String(length=32), nullable=False),
        sa.Column("winner_user", sa.String(length=64), nullable=True),
        sa.Column("winner_at", sa.DateTime(), nullable=True),
        sa.Column("loser_value", sa.Text(), nullable=True),
        sa.Column("loser_hlc", sa.BigInteger(), nullable=False),
        sa.Column("loser_site", sa.String(length=32), nullable=False),
        sa.Column("loser_user", sa.String(length=64), nullable=True),
        sa.Column("loser_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("resolution", sa.String(length=8), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflict_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_sync_conflict_status", ["status", "table_name"], unique=False)


def downgrade() -> None:
    op.drop_table("sync_conflict")
    op.drop_table("sync_scope_move")
    op.drop_table("sync_package_log")
    op.drop_table("sync_peer")
    op.drop_table("sync_site_key")
    for table in TRAVELLING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("clocks")
            batch_op.drop_column("born_hlc")
