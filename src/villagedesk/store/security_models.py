"""County-side tables for issue 8 (security and resilience): the USB packages imported from
each station (sequence numbers, so a gap or a replay is refused) and the stations' audit logs
(hash-chained, verified at the county). Migration ``0005``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base


class UsbPackageRecord(Base):
    """One outbox package imported at the county. Sequence numbers count per station and per
    credential (``key_id`` names the station secret the package was signed with), so a rotated
    or re-enrolled station starts again at 1 and an old package cannot be replayed."""

    __tablename__ = "county_usb_packages"

    village_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    from_seq: Mapped[int] = mapped_column(Integer)
    to_seq: Mapped[int] = mapped_column(Integer)
    mutations: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class CountyAuditEntry(Base):
    """One entry of a station's audit log as the station sent it (never edited afterwards).

    ``fault`` is empty while the entry fits the chain; otherwise it says what is wrong (its
    hash does not match its content, it does not follow the previous entry, or the station
    later sent different content for the same position)."""

    __tablename__ = "county_audit_entries"

    village_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[str] = mapped_column(String(36))
    at: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[str] = mapped_column(String(40))
    station: Mapped[str] = mapped_column(String(12))
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    target_table: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(36), default="")
    details: Mapped[dict[str, Any]] = mapped_column()
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    fault: Mapped[str] = mapped_column(String(200), default="")
