"""vacancy targets: a change-log scope per chosen village

No schema change: the change log's ``scope`` column already addresses one village, and the
targets are the ``dashboard_vacancy_targets`` rows of 0004 (primary key vacancy_id,
village_code; referrals are indexed by vacancy_id), which ``sync.county.vacancy_visible``
reads. The revision stays in the chain as a no-op.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 16:30:00
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
