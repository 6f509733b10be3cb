"""dashboard: per-village summary of the overview's figures (issue 7)

The overview sums these rows instead of scanning every person; the villages the change log
names since the last refresh are recomputed when the overview is next shown
(``server.dashboard.summary``). Nothing is written by the sync push.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dashboard_village_figures",
        sa.Column("village_code", sa.String(length=12), nullable=False),
        sa.Column("part", sa.String(length=12), nullable=False),
        sa.Column("k1", sa.String(length=60), nullable=False),
        sa.Column("k2", sa.String(length=60), nullable=False),
        sa.Column("n1", sa.BigInteger(), nullable=False),
        sa.Column("n2", sa.BigInteger(), nullable=False),
        sa.Column("n3", sa.BigInteger(), nullable=False),
        sa.Column("n4", sa.BigInteger(), nullable=False),
        sa.Column("n5", sa.BigInteger(), nullable=False),
        sa.Column("n6", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "village_code", "part", "k1", "k2", name=op.f("pk_dashboard_village_figures")
        ),
    )
    state = op.create_table(
        "dashboard_summary_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=True),
        sa.Column("villages_refreshed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_summary_state")),
    )
    # the one row every refresh locks (so two workers never refresh at once)
    op.bulk_insert(state, [{"id": 1, "on_date": None, "seq": 0, "villages_refreshed": 0}])


def downgrade() -> None:
    op.drop_table("dashboard_summary_state")
    op.drop_table("dashboard_village_figures")
