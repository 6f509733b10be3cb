"""The audit log: who did what, each entry chained to the previous one by SHA-256.

Altering, removing or inserting an entry anywhere breaks the chain from that point on.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from villagedesk.store.base import new_uuid
from villagedesk.store.clock import HybridClock
from villagedesk.store.models.system import AuditEntry
from villagedesk.store.wire import to_wire

GENESIS = "0" * 64
_PREV_KEY = "audit_prev_hash"


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(entry: AuditEntry) -> str:
    body = canonical_json(
        {
            "id": entry.id,
            "at": entry.at,
            "hlc": entry.hlc,
            "station": entry.station,
            "actor": entry.actor,
            "action": entry.action,
            "target_table": entry.target_table,
            "target_id": entry.target_id,
            "details": entry.details,
            "prev": entry.prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_audit(
    session: Session,
    *,
    action: str,
    actor: str | None = None,
    target_table: str = "",
    target_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; call inside the transaction that makes the change it describes."""
    clock: HybridClock = session.info["clock"]
    # The previous hash is read once per transaction (write sessions hold the write lock, so
    # nobody else appends meanwhile); a rollback, even of a savepoint, forgets it.
    prev = session.info.get(_PREV_KEY)
    if prev is None:
        prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    entry = AuditEntry(
        id=new_uuid(),
        at=datetime.now(UTC).isoformat(timespec="milliseconds"),
        hlc=clock.now(),
        station=session.info["station"],
        actor=actor if actor is not None else session.info.get("actor", ""),
        action=action,
        target_table=target_table,
        target_id=target_id,
        details={k: to_wire(v) for k, v in (details or {}).items()},
        prev_hash=prev or GENESIS,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.info[_PREV_KEY] = entry.hash
    return entry


@event.listens_for(Session, "after_soft_rollback")
def _forget_prev(session: Session, _previous: object) -> None:
    session.info.pop(_PREV_KEY, None)


@event.listens_for(Session, "after_commit")
def _forget_prev_after_commit(session: Session) -> None:
    session.info.pop(_PREV_KEY, None)


@dataclass(frozen=True)
class ChainFault:
    seq: int
    problem: str


def verify_chain(session: Session) -> list[ChainFault]:
    """Recompute the chain; return every entry where it breaks (empty list: intact)."""
    faults: list[ChainFault] = []
    prev = GENESIS
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        if entry.prev_hash != prev:
            faults.append(ChainFault(entry.seq, "previous hash does not match"))
        if entry_hash(entry) != entry.hash:
            faults.append(ChainFault(entry.seq, "content does not match its hash"))
        prev = entry.hash
    return faults
