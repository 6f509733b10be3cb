"""The station itself, its clerks, and the machinery rows: outbox, audit, sync state, policy."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, Synced, new_uuid


class Station(Base):
    """This counter. Exactly one row, made by ``init``."""

    __tablename__ = "station"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)  # 12-digit village code
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    server_url: Mapped[str] = mapped_column(String(300), default="")
    enrolment_token: Mapped[str] = mapped_column(String(200), default="")


class Clerk(Base):
    """A clerk account of this counter (local; the county has its own officers)."""

    __tablename__ = "clerks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxEntry(Base):
    """One captured mutation waiting to be pushed, written in the same transaction as the edit."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))  # insert | update | delete
    base_rev: Mapped[int] = mapped_column(Integer)
    new_rev: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_fields: Mapped[dict[str, Any]] = mapped_column(JSON)  # old values, for 3-way merge
    hlc: Mapped[str] = mapped_column(String(40))
    station: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (Index("ix_outbox_row", "table_name", "row_id"),)


class AuditEntry(Base):
    """Who did what. Each entry's hash covers its content and the previous entry's hash."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    at: Mapped[str] = mapped_column(String(32))  # ISO timestamp, UTC
    hlc: Mapped[str] = mapped_column(String(40))
    station: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    target_table: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(36), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SyncState(Base):
    """Small local key/value facts: sync cursor, last sync, schema notes."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PolicyRowRecord(Synced, Base):
    """One dated policy row (domain.policy.PolicyRow); published by the county through sync."""

    __tablename__ = "policy_rows"

    table: Mapped[str] = mapped_column("policy_table", String(40))
    effective_from: Mapped[date] = mapped_column(Date)
    key: Mapped[str] = mapped_column(String(40), default="")
    scope: Mapped[str] = mapped_column(String(12), default="")
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    confidence: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_policy_lookup", "policy_table", "key", "scope"),)


class PrintedDocument(Synced, Base):
    """Every document printed at the counter; a reprint points at the original."""

    __append_only__ = True
    __tablename__ = "printed_documents"

    kind: Mapped[str] = mapped_column(String(40))
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    # indexed: a county's snapshot pages and the person page read documents by person
    person_id: Mapped[str | None] = mapped_column(
        ForeignKey("persons.id"), default=None, index=True
    )
    printed_at: Mapped[datetime] = mapped_column(DateTime)
    clerk: Mapped[str] = mapped_column(String(40))
    reprint_of: Mapped[str | None] = mapped_column(String(36), default=None)
    payload_hash: Mapped[str] = mapped_column(String(64), default="")
