"""data-matching confirmations from the villages

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_notices",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("target_table", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("change", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=40), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("created_hlc", sa.String(length=40), nullable=False),
        sa.Column("updated_hlc", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_match_notices_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_notices")),
    )
    with op.batch_alter_table("match_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_notices_person_id"), ["person_id"])
        batch_op.create_index(batch_op.f("ix_match_notices_batch_id"), ["batch_id"])
        batch_op.create_index("ix_match_notices_status", ["status"])


def downgrade() -> None:
    with op.batch_alter_table("match_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_match_notices_status")
        batch_op.drop_index(batch_op.f("ix_match_notices_batch_id"))
        batch_op.drop_index(batch_op.f("ix_match_notices_person_id"))
    op.drop_table("match_notices")
