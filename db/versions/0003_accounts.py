"""accounts: user accounts; audit chain per site, with its tail anchored in local_state

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-28 16:00:00

Only issue 8's tables: user_account, and audit_entry's indexes (the chain is now numbered per
site, so entries that arrive by sync keep their own site's numbering).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("login_name", sa.String(length=64), nullable=False),
        sa.Column("login_key", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("township_id", sa.String(length=32), nullable=True),
        sa.Column("school_id", sa.String(length=32), nullable=True),
        sa.Column("classes", sa.String(length=200), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("disabled", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("must_change_password", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_user_account_school_id_school")),
        sa.ForeignKeyConstraint(["township_id"], ["township.id"], name=op.f("fk_user_account_township_id_township")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_user_account_login_key", ["login_key"], unique=False)

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_seq")
        batch_op.create_index("ix_audit_site_seq", ["site_id", "seq"], unique=True)
        batch_op.create_index("ix_audit_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_user", ["user", "at"], unique=False)

    # Anchor the local chain's last entry, so that deleting entries from its end is noticed.
    op.execute(
        sa.text(
            "INSERT INTO local_state (key, value, note) "
            "SELECT 'audit_tail', seq, entry_hash FROM audit_entry "
            "WHERE (site_id IS NULL OR site_id IN (SELECT id FROM site WHERE is_local = 1)) "
            "AND NOT EXISTS (SELECT 1 FROM local_state WHERE key = 'audit_tail') "
            "ORDER BY seq DESC LIMIT 1"
        )
    )


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM local_state WHERE key = 'audit_tail'"))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_user")
        batch_op.drop_index("ix_audit_at")
        batch_op.drop_index("ix_audit_site_seq")
        batch_op.create_index("ix_audit_seq", ["seq"], unique=True)

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index("ix_user_account_login_key")
        batch_op.drop_index(batch_op.f("ix_user_account_change_seq"))

    op.drop_table("user_account")
