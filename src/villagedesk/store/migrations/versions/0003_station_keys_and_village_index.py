"""station document keys at the county; persons indexed by village

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 13:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("county_stations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "document_public_key", sa.String(length=64), nullable=False, server_default=""
            )
        )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_persons_village_code"), ["village_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_persons_village_code"))
    with op.batch_alter_table("county_stations", schema=None) as batch_op:
        batch_op.drop_column("document_public_key")
