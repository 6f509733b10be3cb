"""printed documents indexed by person

Snapshot pages of person tables read each of the village's persons' rows through the
table's ``person_id`` index (``sync.county._person_page``); ``printed_documents`` was the
one person table without it, so each of those queries scanned the county's printed
documents. The counter's person page lists a person's documents by the same column.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 19:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("printed_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_printed_documents_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("printed_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printed_documents_person_id"))
