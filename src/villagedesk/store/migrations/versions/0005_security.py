"""security: USB packages imported at the county, stations' audit logs at the county

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_usb_packages",
        sa.Column("village_code", sa.String(length=12), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("from_seq", sa.Integer(), nullable=False),
        sa.Column("to_seq", sa.Integer(), nullable=False),
        sa.Column("mutations", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "village_code", "key_id", "sequence", name=op.f("pk_county_usb_packages")
        ),
    )
    op.create_table(
        "county_audit_entries",
        sa.Column("village_code", sa.String(length=12), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.Column("station", sa.String(length=12), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("target_table", sa.String(length=40), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("fault", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("village_code", "seq", name=op.f("pk_county_audit_entries")),
    )


def downgrade() -> None:
    op.drop_table("county_audit_entries")
    op.drop_table("county_usb_packages")
