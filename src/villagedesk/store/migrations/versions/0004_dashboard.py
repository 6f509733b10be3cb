"""county dashboard: officers, sessions, login attempts, station reports, data matching,
vacancy targets

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 13:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dashboard_login_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_login_attempts")),
    )
    with op.batch_alter_table("dashboard_login_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_dashboard_login_attempts_client_at", ["client", "at"], unique=False
        )
        batch_op.create_index(
            "ix_dashboard_login_attempts_user_at", ["username", "at"], unique=False
        )

    op.create_table(
        "dashboard_match_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("unmatched", sa.JSON(), nullable=False),
        sa.Column("published_by", sa.String(length=40), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_match_batches")),
    )
    op.create_table(
        "dashboard_officers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_officers")),
        sa.UniqueConstraint("username", name=op.f("uq_dashboard_officers_username")),
    )
    op.create_table(
        "dashboard_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dashboard_sessions")),
    )
    with op.batch_alter_table("dashboard_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dashboard_sessions_officer_id"), ["officer_id"], unique=False
        )

    op.create_table(
        "dashboard_station_reports",
        sa.Column("village_code", sa.String(length=12), nullable=False),
        sa.Column("client_version", sa.String(length=40), nullable=False),
        sa.Column("last_request_at", sa.DateTime(), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(), nullable=True),
        sa.Column("pull_seq", sa.Integer(), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=False),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("village_code", name=op.f("pk_dashboard_station_reports")),
    )
    op.create_table(
        "dashboard_vacancy_targets",
        sa.Column("vacancy_id", sa.String(length=36), nullable=False),
        sa.Column("village_code", sa.String(length=12), nullable=False),
        sa.Column("published_by", sa.String(length=40), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint(
            "vacancy_id", "village_code", name=op.f("pk_dashboard_vacancy_targets")
        ),
    )


def downgrade() -> None:
    op.drop_table("dashboard_vacancy_targets")
    op.drop_table("dashboard_station_reports")
    with op.batch_alter_table("dashboard_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dashboard_sessions_officer_id"))

    op.drop_table("dashboard_sessions")
    op.drop_table("dashboard_officers")
    op.drop_table("dashboard_match_batches")
    with op.batch_alter_table("dashboard_login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_dashboard_login_attempts_user_at")
        batch_op.drop_index("ix_dashboard_login_attempts_client_at")

    op.drop_table("dashboard_login_attempts")
