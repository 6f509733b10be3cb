"""Change capture: every insert/update/tombstone of a synced row writes an outbox row in the
same flush, so a crash can lose neither the edit nor its outbox entry (DESIGN.md, Storage).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from villagedesk.store.base import Synced, new_uuid
from villagedesk.store.clock import HybridClock
from villagedesk.store.models.system import OutboxEntry
from villagedesk.store.wire import to_wire


class AppendOnlyViolation(RuntimeError):
    """A ledger row was edited or deleted; ledgers only take new (reversing) rows."""


class CaptureSession(Session):
    """A session whose flushes are captured into the outbox.

    ``info`` must hold ``clock`` (HybridClock), ``station`` (village code) and ``actor``.
    """


def _field_columns(obj: Synced) -> list[str]:
    mapper = inspect(type(obj))
    return [attr.key for attr in mapper.column_attrs if attr.key not in Synced.SYNC_COLUMNS]


def _apply_defaults(obj: Synced) -> None:
    mapper = inspect(type(obj))
    for attr in mapper.column_attrs:
        if getattr(obj, attr.key) is not None:
            continue
        column = attr.columns[0]
        default = column.default
        if default is None:
            continue
        if default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default.is_callable and attr.key == "id":
            setattr(obj, attr.key, new_uuid())


def _outbox(
    session: Session,
    obj: Synced,
    *,
    op: str,
    base_rev: int,
    fields: dict[str, Any],
    base_fields: dict[str, Any],
    stamp: str,
) -> OutboxEntry:
    entry = OutboxEntry(
        mutation_id=new_uuid(),
        table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
        row_id=obj.id,
        op=op,
        base_rev=base_rev,
        new_rev=obj.rev,
        fields=fields,
        base_fields=base_fields,
        hlc=stamp,
        station=session.info["station"],
        actor=session.info.get("actor", ""),
    )
    session.add(entry)
    return entry


def _capture_new(session: Session, obj: Synced, clock: HybridClock) -> None:
    _apply_defaults(obj)
    stamp = clock.now()
    obj.rev = 1
    obj.created_hlc = obj.updated_hlc = stamp
    if not obj.origin:
        obj.origin = session.info["station"]
    fields = {key: to_wire(getattr(obj, key)) for key in _field_columns(obj)}
    _outbox(session, obj, op="insert", base_rev=0, fields=fields, base_fields={}, stamp=stamp)


def _capture_dirty(session: Session, obj: Synced, clock: HybridClock) -> None:
    state = inspect(obj)
    fields: dict[str, Any] = {}
    base_fields: dict[str, Any] = {}
    for key in _field_columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if to_wire(old) == to_wire(new):
            continue
        fields[key] = to_wire(new)
        base_fields[key] = to_wire(old)
    if not fields:
        return
    if type(obj).__append_only__:
        raise AppendOnlyViolation(
            f"{type(obj).__tablename__} is a ledger: add a reversing entry instead of editing"  # type: ignore[attr-defined]
        )
    op = "delete" if fields.get("deleted") is True else "update"
    stamp = clock.now()
    base_rev = obj.rev
    obj.rev = base_rev + 1
    obj.updated_hlc = stamp
    _outbox(
        session,
        obj,
        op=op,
        base_rev=base_rev,
        fields=fields,
        base_fields=base_fields,
        stamp=stamp,
    )


@event.listens_for(CaptureSession, "before_flush")
def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    clock: HybridClock | None = session.info.get("clock")
    if clock is None or "station" not in session.info:
        raise RuntimeError("a capturing session needs a clock and a station in session.info")
    for obj in list(session.deleted):
        if isinstance(obj, Synced):
            raise AppendOnlyViolation(
                "synced rows are never deleted: set deleted=True (a tombstone) instead"
            )
    for obj in list(session.new):
        if isinstance(obj, Synced):
            _capture_new(session, obj, clock)
    for obj in list(session.dirty):
        if isinstance(obj, Synced) and obj not in session.new:
            _capture_dirty(session, obj, clock)
