"""The station's audit log, sent to the county and verified there.

The counter keeps a hash-chained audit log (``store.audit``); ``villagedesk check`` verifies it
locally. But whoever holds the laptop can rewrite the whole chain (the hashes are not keyed),
so each sync also uploads the entries the county has not seen yet (``POST /sync/v1/audit``,
and inside every USB package). The county keeps them as received, append-only, and checks
that each entry's hash matches its content and that it follows the entry before it. An entry
tampered with before it was sent is found by both checks; a chain rewritten after it was sent
no longer joins the county's copy, so the next entry the station sends is flagged.

Station state: ``audit_acked_seq`` (last audit seq the county answered for).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.store.audit import GENESIS, entry_hash
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry, SyncState
from villagedesk.store.security_models import CountyAuditEntry
from villagedesk.sync.client import Refused, SyncClient

AUDIT_BATCH = 1000
ACKED_KEY = "audit_acked_seq"
HASH_PATTERN = r"^[0-9a-f]{64}$"
AUDIT_PATH = "/sync/v1/audit"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AuditWireEntry(_Model):
    seq: int = Field(ge=1, le=2**31 - 1)
    id: str = Field(max_length=36)
    at: str = Field(max_length=32)
    hlc: str = Field(max_length=40)
    station: str = Field(max_length=12)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=60)
    target_table: str = Field(default="", max_length=40)
    target_id: str = Field(default="", max_length=36)
    details: dict[str, Any] = Field(default_factory=dict)
    prev_hash: str = Field(pattern=HASH_PATTERN)
    hash: str = Field(pattern=HASH_PATTERN)


class AuditUpload(_Model):
    entries: list[AuditWireEntry] = Field(max_length=AUDIT_BATCH)


class AuditReceipt(_Model):
    acked_seq: int  # the station may move its position here
    received: int  # entries stored now (repeats are not counted)
    faults: int  # entries of this upload that do not fit the chain


class AuditFault(_Model):
    seq: int
    problem: str


class AuditVerification(_Model):
    village_code: str
    entries: int
    last_seq: int
    faults: list[AuditFault]


# -- station -------------------------------------------------------------------------------
def _wire(entry: AuditEntry) -> AuditWireEntry:
    return AuditWireEntry(
        seq=entry.seq,
        id=entry.id,
        at=entry.at,
        hlc=entry.hlc,
        station=entry.station,
        actor=entry.actor[:40],
        action=entry.action,
        target_table=entry.target_table,
        target_id=entry.target_id,
        details=dict(entry.details or {}),
        prev_hash=entry.prev_hash,
        hash=entry.hash,
    )


def acked_audit(session: Session) -> int:
    value = session.scalar(select(SyncState.value).where(SyncState.key == ACKED_KEY))
    try:
        return int(value or 0)
    except ValueError:
        return 0


def pending_audit(session: Session, *, limit: int = AUDIT_BATCH) -> list[AuditWireEntry]:
    """Audit entries the county has not acknowledged yet, oldest first."""
    after = acked_audit(session)
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.seq > after).order_by(AuditEntry.seq).limit(limit)
    )
    return [_wire(e) for e in rows]


def _entry(wire: AuditWireEntry) -> AuditEntry:
    """A transient AuditEntry (never added to a session), to recompute its hash."""
    return AuditEntry(**wire.model_dump())


def push_audit(*, db: Database, client: SyncClient) -> int:
    """Send the audit entries the county has not acknowledged; returns how many were sent.
    A county too old to take them (404/405) is skipped silently."""
    sent = 0
    while True:
        with db.read() as s:
            entries = pending_audit(s)
        if not entries:
            return sent
        try:
            receipt = client.request("POST", AUDIT_PATH, AuditUpload(entries=entries), AuditReceipt)
        except Refused as exc:
            if exc.status in (404, 405):
                return sent
            raise
        with db.read() as s:
            current = acked_audit(s)
        top = max(current, min(receipt.acked_seq, entries[-1].seq))
        _set_acked(db, top)
        sent += len(entries)
        if len(entries) < AUDIT_BATCH:
            return sent


def _set_acked(db: Database, seq: int) -> None:
    from villagedesk.sync.engine import local_write, set_state

    with local_write(db) as s:
        set_state(s, ACKED_KEY, str(seq))


# -- county --------------------------------------------------------------------------------
def receive_audit(
    *, session: Session, village: str, entries: list[AuditWireEntry], now: datetime
) -> AuditReceipt:
    """Store a station's audit entries as sent (append-only), flagging those that do not fit
    the chain. Sending an entry again is a no-op; different content for a position already
    stored flags the stored entry (the station's log was rewritten) and keeps the first copy."""
    ordered = sorted(entries, key=lambda e: e.seq)
    if not ordered:
        return AuditReceipt(acked_seq=0, received=0, faults=0)
    seqs = [e.seq for e in ordered]
    stored = {
        row.seq: row
        for row in session.scalars(
            select(CountyAuditEntry).where(
                CountyAuditEntry.village_code == village, CountyAuditEntry.seq.in_(seqs)
            )
        )
    }
    before = session.execute(
        select(CountyAuditEntry.seq, CountyAuditEntry.hash)
        .where(CountyAuditEntry.village_code == village, CountyAuditEntry.seq < seqs[0])
        .order_by(CountyAuditEntry.seq.desc())
        .limit(1)
    ).first()
    prev = before[1] if before is not None else GENESIS
    received = faults = 0
    seen: set[int] = set()
    for wire in ordered:
        if wire.seq in seen:
            continue
        seen.add(wire.seq)
        known = stored.get(wire.seq)
        if known is not None:
            if known.hash != wire.hash or known.prev_hash != wire.prev_hash:
                if not known.fault:
                    known.fault = "the station later sent different content for this entry"
                faults += 1
            prev = known.hash
            continue
        problems = []
        if wire.prev_hash != prev:
            problems.append("does not follow the previous entry")
        if entry_hash(_entry(wire)) != wire.hash:
            problems.append("content does not match its hash")
        if wire.station != village:
            problems.append(f"made by station {wire.station}")
        if problems:
            faults += 1
        session.add(
            CountyAuditEntry(
                village_code=village,
                **wire.model_dump(),
                received_at=now,
                fault="; ".join(problems)[:200],
            )
        )
        received += 1
        prev = wire.hash
    session.flush()
    return AuditReceipt(acked_seq=ordered[-1].seq, received=received, faults=faults)


def verify_station_audit(*, session: Session, village: str) -> AuditVerification:
    """Recompute a station's chain as the county holds it; every broken entry is listed."""
    faults: list[AuditFault] = []
    prev = GENESIS
    count = last = 0
    for row in session.scalars(
        select(CountyAuditEntry)
        .where(CountyAuditEntry.village_code == village)
        .order_by(CountyAuditEntry.seq)
    ):
        count += 1
        last = row.seq
        wire = AuditWireEntry.model_construct(
            seq=row.seq,
            id=row.id,
            at=row.at,
            hlc=row.hlc,
            station=row.station,
            actor=row.actor,
            action=row.action,
            target_table=row.target_table,
            target_id=row.target_id,
            details=row.details,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
        problems = []
        if row.prev_hash != prev:
            problems.append("does not follow the previous entry")
        if entry_hash(_entry(wire)) != row.hash:
            problems.append("content does not match its hash")
        if row.fault:
            problems.extend(row.fault.split("; "))
        if problems:
            faults.append(AuditFault(seq=row.seq, problem="; ".join(dict.fromkeys(problems))))
        prev = row.hash
    return AuditVerification(village_code=village, entries=count, last_seq=last, faults=faults)
