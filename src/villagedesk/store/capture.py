"""Change capture: every insert/update/tombstone of a synced row writes an outbox row in the
same flush, so a crash can lose neither the edit nor its outbox entry (DESIGN.md, Storage).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

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


@dataclass(frozen=True)
class SyncedTable:
    """What change capture needs to know about one synced model, worked out once per class.

    ``columns`` pairs each attribute key with its column name (they differ for
    ``PolicyRowRecord.table``); ``fields`` are the keys that travel in an outbox payload (every
    column but the ones capture maintains); ``defaults`` make the value of a column left
    ``None``: its scalar default, or a new uuid for ``id``.
    """

    model: type[Synced]
    name: str
    columns: tuple[tuple[str, str], ...]
    fields: tuple[str, ...]
    defaults: tuple[tuple[str, Callable[[], Any]], ...]


def _scalar(value: Any) -> Callable[[], Any]:
    return lambda: value


_TABLES: dict[type[Synced], SyncedTable] = {}


def synced_table(model: type[Synced]) -> SyncedTable:
    known = _TABLES.get(model)
    if known is not None:
        return known
    mapper = inspect(model)
    columns: list[tuple[str, str]] = []
    defaults: list[tuple[str, Callable[[], Any]]] = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        columns.append((attr.key, column.key))
        default = column.default
        if default is None:
            continue
        if default.is_scalar:
            defaults.append((attr.key, _scalar(default.arg)))
        elif default.is_callable and attr.key == "id":
            defaults.append((attr.key, new_uuid))
    table = SyncedTable(
        model=model,
        name=model.__tablename__,  # type: ignore[attr-defined]
        columns=tuple(columns),
        fields=tuple(key for key, _ in columns if key not in Synced.SYNC_COLUMNS),
        defaults=tuple(defaults),
    )
    _TABLES[model] = table
    return table


class RowValues(Protocol):
    """A new row's values by attribute key: a dict, or a mapped object through ``ObjectRow``."""

    def get(self, key: str) -> Any: ...

    def __setitem__(self, key: str, value: Any) -> None: ...


class ObjectRow:
    """A mapped object seen as ``RowValues`` (reads and writes its attributes)."""

    __slots__ = ("obj",)

    def __init__(self, obj: Synced) -> None:
        self.obj = obj

    def get(self, key: str) -> Any:
        return getattr(self.obj, key)

    def __setitem__(self, key: str, value: Any) -> None:
        setattr(self.obj, key, value)


def stamp_new_row(
    table: SyncedTable, row: RowValues, *, stamp: str, station: str
) -> dict[str, Any]:
    """Make ``row`` a new synced row and return its outbox ``fields`` payload.

    Fills every column left ``None`` that has a default, sets revision 1, the created and
    updated stamps and (unless already set) the origin station. Shared by the ORM capture
    below and ``store.bulk``, so an insert travels the same way whichever path wrote it.
    """
    for key, make in table.defaults:
        if row.get(key) is None:
            row[key] = make()
    row["rev"] = 1
    row["created_hlc"] = stamp
    row["updated_hlc"] = stamp
    if not row.get("origin"):
        row["origin"] = station
    return {key: to_wire(row.get(key)) for key in table.fields}


# The namespace of derived mutation ids (a fixed, random uuid: never change it, the county
# recomputes ids with it).
MUTATION_NAMESPACE = uuid.UUID("6f0b8c3e-52d4-4b7e-9a61-2d7c1e9f4a35")
_NAMESPACE = MUTATION_NAMESPACE.bytes


def mutation_id_for(*, hlc: str, table: str, row_id: str) -> str:
    """The mutation id of a change, derived from what identifies it: its stamp (unique per
    station: the node is the village code), table and row. The county can work it out again,
    so a push need not carry it (docs/sync.md, column-wise push). Outbox entries made before
    ids were derived keep their random (version 4) ids and always travel with them."""
    # uuid.uuid5 written out: the same value, without a UUID object per id (a first push
    # derives 100,000 of them on each side)
    digest = bytearray(hashlib.sha1(_NAMESPACE + f"{hlc}/{table}/{row_id}".encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def outbox_values(
    *,
    table_name: str,
    row_id: str,
    op: str,
    base_rev: int,
    new_rev: int,
    fields: dict[str, Any],
    base_fields: dict[str, Any],
    stamp: str,
    session_info: dict[str, Any],
) -> dict[str, Any]:
    """The columns of one outbox row (its derived mutation id; station and actor of the
    session)."""
    return {
        "mutation_id": mutation_id_for(hlc=stamp, table=table_name, row_id=row_id),
        "table_name": table_name,
        "row_id": row_id,
        "op": op,
        "base_rev": base_rev,
        "new_rev": new_rev,
        "fields": fields,
        "base_fields": base_fields,
        "hlc": stamp,
        "station": session_info["station"],
        "actor": session_info.get("actor", ""),
    }


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
        **outbox_values(
            table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
            row_id=obj.id,
            op=op,
            base_rev=base_rev,
            new_rev=obj.rev,
            fields=fields,
            base_fields=base_fields,
            stamp=stamp,
            session_info=session.info,
        )
    )
    session.add(entry)
    return entry


def _capture_new(session: Session, obj: Synced, clock: HybridClock) -> None:
    stamp = clock.now()
    fields = stamp_new_row(
        synced_table(type(obj)), ObjectRow(obj), stamp=stamp, station=session.info["station"]
    )
    _outbox(session, obj, op="insert", base_rev=0, fields=fields, base_fields={}, stamp=stamp)


def _capture_dirty(session: Session, obj: Synced, clock: HybridClock) -> None:
    state = inspect(obj)
    fields: dict[str, Any] = {}
    base_fields: dict[str, Any] = {}
    for key in synced_table(type(obj)).fields:
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


# A restore entry (an own row brought back by a snapshot: never pushed, only there so that
# "every row changed here is in the outbox" holds) either names one row, or, with row id
# RESTORED_ROWS, lists many rows of its table in ``fields`` as {"rows": {row id: rev}}: a
# reinstalled laptop restores tens of thousands of rows, one outbox entry per table and page.
RESTORE_OP = "restore"
RESTORED_ROWS = "*"


def restored_rows(fields: Any) -> dict[str, int]:
    """Row id → revision listed by a many-row restore entry's ``fields`` ({} if malformed)."""
    rows = fields.get("rows") if isinstance(fields, dict) else None
    if not isinstance(rows, dict):
        return {}
    return {str(k): v for k, v in rows.items() if isinstance(v, int)}
