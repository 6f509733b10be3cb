"""Results of the county's data matching (数据比对) sent to the villages to confirm."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, Synced

NOTICE_PENDING = "pending"
NOTICE_CONFIRMED = "confirmed"
NOTICE_DISPUTED = "disputed"
NOTICE_STATUSES = (NOTICE_PENDING, NOTICE_CONFIRMED, NOTICE_DISPUTED)

# The fields the village answers with; the county writes every other field, once, when it
# publishes a batch (sync.tables.VILLAGE_ONLY_FIELDS, sync.tables.OWNERSHIP).
NOTICE_VILLAGE_FIELDS = frozenset({"status", "reason", "confirmed_by", "confirmed_at"})


class MatchNotice(Synced, Base):
    """One change the county's data matching made to a person, for the person's village to
    confirm (or dispute, with a reason). Made by the county when it publishes a batch
    (``server.dashboard.matching.publish``); travels to the person's village like any row
    hanging from a person; the village's answer travels back by the ordinary push."""

    __tablename__ = "match_notices"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    batch_id: Mapped[str] = mapped_column(String(36), index=True)  # dashboard_match_batches.id
    source: Mapped[str] = mapped_column(String(20))  # public_security | civil_affairs | ...
    action: Mapped[str] = mapped_column(String(20))  # death | move | status_new | ...
    description: Mapped[str] = mapped_column(String(200), default="")  # Chinese, as published
    target_table: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(36), default="")
    change: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the fields written
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by: Mapped[str] = mapped_column(String(40), default="")
    # the village's answer
    status: Mapped[str] = mapped_column(String(12), default=NOTICE_PENDING)
    reason: Mapped[str] = mapped_column(Text, default="")
    confirmed_by: Mapped[str] = mapped_column(String(40), default="")
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    __table_args__ = (Index("ix_match_notices_status", "status"),)
