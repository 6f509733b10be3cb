"""County-dashboard tables (county server only): officers, their sessions and login attempts,
what each station last told the county, data-matching batches, and vacancy targets.

Like ``server_models`` they share the counter's metadata and migrations (a counter database
keeps them empty). None of them travels by sync.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, new_uuid


class DashboardOfficer(Base):
    """A county officer who signs in to the dashboard (not a station, not a counter clerk).

    ``password_hash`` is argon2id; ``role`` is ``officer`` or ``admin``.
    """

    __tablename__ = "dashboard_officers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60), default="")
    role: Mapped[str] = mapped_column(String(12), default="officer")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class DashboardSession(Base):
    """A signed-in browser. ``id`` is the SHA-256 of the cookie value (never stored in clear);
    ``csrf_token`` goes into every form of the session."""

    __tablename__ = "dashboard_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[str] = mapped_column(String(36), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class DashboardLoginAttempt(Base):
    """A failed (or successful) sign-in, for the rate limit on officer logins."""

    __tablename__ = "dashboard_login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(40))
    client: Mapped[str] = mapped_column(String(64))
    ok: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_dashboard_login_attempts_user_at", "username", "at"),
        Index("ix_dashboard_login_attempts_client_at", "client", "at"),
    )


class StationReport(Base):
    """What a station last told the county when it synced: client version, the pull cursor
    (so the county knows how many changes wait for it) and the last error answered."""

    __tablename__ = "dashboard_station_reports"

    village_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    client_version: Mapped[str] = mapped_column(String(40), default="")
    last_request_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_ok_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    pull_seq: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(300), default="")
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class MatchBatch(Base):
    """One uploaded list from another department (数据比对): the proposed changes are kept
    for preview and written through sync only when an admin publishes the batch."""

    __tablename__ = "dashboard_match_batches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    source: Mapped[str] = mapped_column(String(20))  # public_security | civil_affairs | ...
    filename: Mapped[str] = mapped_column(String(200), default="")
    uploaded_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(12), default="preview")  # preview|published
    changes: Mapped[list[Any]] = mapped_column(JSON)
    unmatched: Mapped[list[Any]] = mapped_column(JSON)
    published_by: Mapped[str] = mapped_column(String(40), default="")
    published_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class VacancyTarget(Base):
    """A vacancy the county published to chosen villages (no row: published to all)."""

    __tablename__ = "dashboard_vacancy_targets"

    vacancy_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    published_by: Mapped[str] = mapped_column(String(40), default="")
    published_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class DashboardVillageFigure(Base):
    """The overview's figures of one village on ``DashboardSummaryState.on_date`` (issue 7):
    the overview sums these few thousand rows instead of scanning every person, and only
    the villages the change log names since the last refresh are recomputed
    (``server.dashboard.summary``).

    ``part`` names what a row counts and how ``k1``/``k2``/``n1``..``n6`` read: ``rates``
    (participation denominator/numerator, payment denominator/numerator), ``employment``
    (k1 = status|channel|place, k2 = the value; n1 persons), ``premium`` (k1 = year, k2 =
    local level; persons, amount, region, local share), ``training`` (k1 = trade; records,
    completed, with certificate, employed, with wage, wages), ``referral`` (k1 = outcome)."""

    __tablename__ = "dashboard_village_figures"

    village_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    part: Mapped[str] = mapped_column(String(12), primary_key=True)
    k1: Mapped[str] = mapped_column(String(60), primary_key=True, default="")
    k2: Mapped[str] = mapped_column(String(60), primary_key=True, default="")
    n1: Mapped[int] = mapped_column(BigInteger, default=0)
    n2: Mapped[int] = mapped_column(BigInteger, default=0)
    n3: Mapped[int] = mapped_column(BigInteger, default=0)
    n4: Mapped[int] = mapped_column(BigInteger, default=0)
    n5: Mapped[int] = mapped_column(BigInteger, default=0)
    n6: Mapped[int] = mapped_column(BigInteger, default=0)


class DashboardSummaryState(Base):
    """One row (id 1): the day the village figures count on and the change-log position
    they include (every change up to ``seq`` is in them), and when they were brought up to
    date."""

    __tablename__ = "dashboard_summary_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    on_date: Mapped[date | None] = mapped_column(Date, default=None)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    refreshed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    villages_refreshed: Mapped[int] = mapped_column(Integer, default=0)
