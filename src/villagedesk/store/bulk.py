"""Writing many new synced rows at once, with their outbox rows, in one capturing session.

The ORM path (``session.add`` + change capture) costs a few hundred microseconds per row in
SQLAlchemy bookkeeping. ``BulkWriter`` collects new rows and writes each table with one
executemany ``INSERT``, together with exactly the outbox rows change capture would have
written for the same inserts: the same ``fields`` payload, ``base_rev`` 0, ``new_rev`` 1,
created/updated stamps from the session's clock, origin the station. Both paths fill a new
row through ``capture.stamp_new_row``, so they cannot drift apart.

Audit: a batch is audited as ONE entry (not one per row): ``append_audit`` with the writer's
``action`` (default ``bulk.insert``), the number of rows per table and the first and last row
id per table, plus any ``details`` the caller gives.

Only inserts: an edit of an existing row still goes through the ORM, so that capture records
what changed and refuses edits of ledgers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlalchemy import Table, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import instance_dict

from villagedesk.store.audit import append_audit
from villagedesk.store.base import Base, Synced, new_uuid
from villagedesk.store.capture import (
    SyncedTable,
    outbox_values,
    stamp_new_row,
    synced_table,
)
from villagedesk.store.clock import HybridClock
from villagedesk.store.models.system import OutboxEntry

DEFAULT_ACTION = "bulk.insert"


@dataclass(frozen=True)
class BulkBatch:
    """What one ``flush`` wrote: rows per table (in the order written) and their id range."""

    counts: dict[str, int]
    first_ids: dict[str, str]
    last_ids: dict[str, str]
    audit_id: str

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _sql_table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _table_order() -> dict[str, int]:
    return {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}


class BulkWriter:
    """Collects new synced rows and writes them, with their outbox rows, table by table.

    ``session`` must be a capturing write session (``Database.write()``): its ``info`` holds
    ``clock``, ``station`` and ``actor``. ``add(obj)`` takes a new, transient instance of a
    synced model; ``add_row(Model, values)`` takes its column values by attribute key. Both
    return the row id at once (made now unless given), so later rows can refer to it.

    Rows are read when ``flush()`` runs, not when added: an added object may still be changed
    until then (a household's head, say). ``flush()`` first flushes the session's own pending
    ORM changes, then, inside a SAVEPOINT, inserts the tables in foreign-key order and the
    outbox rows in the same order, and appends one audit entry for the batch. If anything in
    it fails, the savepoint is rolled back (none of the batch's rows, outbox rows or audit
    entry remain), the collected rows are dropped and the error is raised. An added object is
    only read: the writer sets nothing on it but a missing id, and it stays transient (not in
    the session; load the row to see its sync columns).

    Used as a context manager, the writer flushes on a normal exit and drops what it holds
    when the block raises (the surrounding write transaction then rolls back anyway).
    """

    def __init__(
        self,
        session: Session,
        *,
        action: str = DEFAULT_ACTION,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        clock = session.info.get("clock")
        if not isinstance(clock, HybridClock) or "station" not in session.info:
            raise RuntimeError("a bulk writer needs a capturing session (clock and station)")
        self.session = session
        self.clock = clock
        self.station: str = session.info["station"]
        self.action = action
        self.details = dict(details or {})
        self._pending: dict[type[Synced], list[Synced | dict[str, Any]]] = {}
        self._count = 0
        self._keys: dict[type[Synced], frozenset[str]] = {}

    # -- collecting -------------------------------------------------------------------------

    @property
    def pending(self) -> int:
        """Rows added and not yet written."""
        return self._count

    def add(self, obj: Synced) -> str:
        """Queue a new instance of a synced model; returns its id."""
        model = type(obj)
        if not isinstance(obj, Synced) or not isinstance(obj, Base):
            raise TypeError(f"{model.__name__} is not a synced model")
        if not inspect(obj).transient:
            raise ValueError("only new objects (not in a session) can be bulk-inserted")
        if obj.id is None:
            obj.id = new_uuid()
        self._queue(model, obj)
        return obj.id

    def add_row(self, model: type[Synced], values: dict[str, Any]) -> str:
        """Queue a new row of ``model`` given by attribute key; returns its id.

        The dict itself is kept and read at flush (its ``id`` is filled in now if missing),
        like an added object; a column it leaves out is None or the column's default.
        """
        if not issubclass(model, Synced) or not issubclass(model, Base):
            raise TypeError(f"{model.__name__} is not a synced model")
        keys = self._keys.get(model)
        if keys is None:
            keys = self._keys[model] = frozenset(key for key, _ in synced_table(model).columns)
        if not keys.issuperset(values):
            unknown = ", ".join(sorted(set(values) - keys))
            raise KeyError(f"{synced_table(model).name} has no column {unknown}")
        if values.get("id") is None:
            values["id"] = new_uuid()
        self._queue(model, values)
        row_id: str = values["id"]
        return row_id

    def _queue(self, model: type[Synced], row: Synced | dict[str, Any]) -> None:
        self._pending.setdefault(model, []).append(row)
        self._count += 1

    # -- writing ----------------------------------------------------------------------------

    def flush(self) -> BulkBatch | None:
        """Write everything queued (see the class docstring); None when nothing was queued."""
        if not self._pending:
            return None
        pending, self._pending, self._count = self._pending, {}, 0
        order = _table_order()
        tables = sorted(
            (synced_table(model) for model in pending),
            key=lambda t: order[t.name],
        )
        self.session.flush()
        with self.session.begin_nested():
            return self._write(tables, pending)

    def _write(
        self, tables: list[SyncedTable], pending: dict[type[Synced], list[Synced | dict[str, Any]]]
    ) -> BulkBatch:
        conn = self.session.connection()
        info = self.session.info
        outbox: list[dict[str, Any]] = []
        counts: dict[str, int] = {}
        first_ids: dict[str, str] = {}
        last_ids: dict[str, str] = {}
        for table in tables:
            keys = [key for key, _ in table.columns]
            renamed = [(key, column) for key, column in table.columns if key != column]
            rows = []
            for queued in pending[table.model]:
                # An object's values are read from its instance dict: a column never set is
                # None, as it would be for the ORM.
                source = queued if isinstance(queued, dict) else instance_dict(queued)
                values: dict[str, Any] = {key: source.get(key) for key in keys}
                stamp = self.clock.now()
                fields = stamp_new_row(table, values, stamp=stamp, station=self.station)
                for key, column in renamed:
                    values[column] = values.pop(key)
                rows.append(values)
                outbox.append(
                    outbox_values(
                        table_name=table.name,
                        row_id=values["id"],
                        op="insert",
                        base_rev=0,
                        new_rev=1,
                        fields=fields,
                        base_fields={},
                        stamp=stamp,
                        session_info=info,
                    )
                )
            conn.execute(insert(_sql_table(table.model)), rows)
            counts[table.name] = len(rows)
            first_ids[table.name] = rows[0]["id"]
            last_ids[table.name] = rows[-1]["id"]
        conn.execute(insert(_sql_table(OutboxEntry)), outbox)
        entry = append_audit(
            self.session,
            action=self.action,
            target_table=tables[0].name if len(tables) == 1 else "",
            details={**self.details, "counts": counts, "first": first_ids, "last": last_ids},
        )
        self.session.flush()
        return BulkBatch(counts, first_ids, last_ids, entry.id)

    def discard(self) -> None:
        """Forget every row queued and not yet written."""
        self._pending, self._count = {}, 0

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.flush()
        else:
            self.discard()
