"""County-server-only tables: stations, applied mutations, the change log, revisions,
conflicts and duplicate-person cases.

They live in the same metadata and migrations as the counter's tables (a counter database
simply keeps them empty), so one Alembic history serves both programs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, new_uuid


class CountyStation(Base):
    """A village counter known to the county, with its hashed credentials.

    ``token_hash`` is the one-time enrolment token (cleared when used); ``secret_hash`` the
    station's bearer secret. Both are SHA-256 of long random strings, never stored in clear.
    """

    __tablename__ = "county_stations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    village_code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending|active|revoked
    token_hash: Mapped[str] = mapped_column(String(64), default="")
    secret_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # base64 of the station's Ed25519 document-signing public key, sent at enrol and sync;
    # the county's /verify page checks printed certificates against it.
    document_public_key: Mapped[str] = mapped_column(String(64), default="")


class AppliedMutation(Base):
    """Every mutation id the county has taken, with a digest of its content and its answer."""

    __tablename__ = "county_applied_mutations"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(12))
    digest: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    answer: Mapped[dict[str, Any]] = mapped_column()
    applied_at: Mapped[datetime] = mapped_column(DateTime)


class ChangeLogEntry(Base):
    """One committed change, in commit order. ``scope`` is the village that may see it
    ('' = county-wide reference data every station receives)."""

    __tablename__ = "county_change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    scope: Mapped[str] = mapped_column(String(12), default="")
    op: Mapped[str] = mapped_column(String(10))
    rev: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(40))

    __table_args__ = (Index("ix_county_change_log_scope_seq", "scope", "seq"),)


class RowRevision(Base):
    """The history of every synced row at the county: who changed which fields to what."""

    __tablename__ = "county_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    rev: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(40))
    station: Mapped[str] = mapped_column(String(12))
    mutation_id: Mapped[str] = mapped_column(String(36), default="")
    fields: Mapped[dict[str, Any]] = mapped_column()

    __table_args__ = (Index("ix_county_revisions_row", "table_name", "row_id"),)


class ConflictRecord(Base):
    """The same field changed to different values at a village and at the county.

    ``values`` holds ``base``, ``village`` and ``county`` (and ``resolved`` once decided); the
    losing value is never thrown away.
    """

    __tablename__ = "county_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    scope: Mapped[str] = mapped_column(String(12), default="", index=True)
    station: Mapped[str] = mapped_column(String(12))
    mutation_id: Mapped[str] = mapped_column(String(36))
    values: Mapped[dict[str, Any]] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | resolved
    created_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_by: Mapped[str] = mapped_column(String(40), default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class DuplicateCase(Base):
    """An ID number registered at a second village: held for a person to decide, never an
    overwrite of the person the county already has."""

    __tablename__ = "county_duplicate_cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    existing_person_id: Mapped[str] = mapped_column(String(36))
    existing_village: Mapped[str] = mapped_column(String(12))
    new_person_id: Mapped[str] = mapped_column(String(36))
    new_village: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class HeldMutation(Base):
    """A mutation kept aside with a duplicate case (the second registration and the rows that
    hang from it), replayed or dropped when the case is decided."""

    __tablename__ = "county_held_mutations"

    mutation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    station: Mapped[str] = mapped_column(String(12))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column()
