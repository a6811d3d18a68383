"""imports: the record of each roster / children-register import, and remembered column mappings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:00:00

Only issue 3's tables: import_batch (travels: a township sees what a school imported) and
header_mapping (local to the installation: which column is which field, per header layout).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=True),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("schools_added", sa.Text(), nullable=True),
        sa.Column("classes_added", sa.Text(), nullable=True),
        sa.Column("townships_added", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_site_id", sa.String(length=32), nullable=True),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_batch_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index("ix_import_batch_at", ["imported_at"], unique=False)
        batch_op.create_index("ix_import_batch_sha256", ["sha256"], unique=False)

    op.create_table(
        "header_mapping",
        sa.Column("signature", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("signature", "kind", name=op.f("pk_header_mapping")),
    )


def downgrade() -> None:
    op.drop_table("header_mapping")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_index("ix_import_batch_sha256")
        batch_op.drop_index("ix_import_batch_at")
        batch_op.drop_index(batch_op.f("ix_import_batch_change_seq"))
    op.drop_table("import_batch")
