"""One sync session of a counter: push the outbox, pull the county's changes, refresh the
conflict list, compare counts. Safe to cut at any point and run again.

Local state (``sync_state`` keys): ``outbox_acked_seq`` (last outbox seq the county
answered for), ``pull_cursor``, ``station_secret``, ``last_sync_at``, ``open_conflicts``
(county conflicts + local ones) and, as JSON lists for the 同步 page: ``sync_conflicts`` (the
county's conflicts about this village), ``sync_local_conflicts`` (pulled persons whose ID
number clashes with another local person; the rows wait in ``sync_parked``),
``sync_duplicates`` (duplicate-person cases this village is part of), ``sync_refusals``
(changes the county did not apply, with its reason), ``sync_moved_away`` (persons the county
moved to another village) and ``sync_history`` (recent syncs, newest first).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Text, delete, func, insert, select, text, type_coerce
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from villagedesk.services.context import Actor, require_supervisor
from villagedesk.store.base import new_uuid
from villagedesk.store.capture import RESTORE_OP as RESTORE_OP  # re-exported (usb, tests)
from villagedesk.store.capture import RESTORED_ROWS, restored_rows, synced_table
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry, Person, Referral, Station, SyncState
from villagedesk.sync.client import Progress, Refused, ServerFailed, SyncClient
from villagedesk.sync.protocol import (
    DOCUMENT_KEY_STATE,
    MAX_PAGE,
    PUSH_FORMAT_COLUMNS,
    Change,
    ConflictInfo,
    Counts,
    DuplicateInfo,
    EnrolResult,
    Mutation,
    PullPage,
    PushResult,
    SnapshotBlock,
)
from villagedesk.sync.push_columns import OutboxRow, push_columns_json, push_request_json
from villagedesk.sync.tables import (
    TABLE_ORDER,
    TABLES,
    Scope,
    TableSpec,
    attr_to_column,
    checksum,
    from_wire,
)
from villagedesk.sync.tables import Column as WireColumn
from villagedesk.sync.tables import visible_ids as _visible_ids

EXIT_OK = 0
EXIT_MISMATCH = 1  # finished, but the counts differ from the county's
EXIT_OFFLINE = 3
EXIT_REFUSED = 4
EXIT_CONFLICTS = 5  # finished; conflicts wait for a person
EXIT_FAILED = 6
EXIT_BUSY = 7  # another sync is running

PUSH_BATCH = 1000  # = protocol.MAX_BATCH: 1,000 changes are one request, one county transaction
PULL_PAGE = 1000
# RESTORE_OP marks own rows brought back by a snapshot (never pushed): store/capture.py
REMOVE_OP = "remove"  # a pulled change: this village no longer sees the row (moved away)
HISTORY_KEEP = 30
LIST_KEEP = 200
# tables where an attribute key differs from its column name (``policy_rows.table``)
_RENAMED = frozenset(
    spec.name for spec in TABLES.values() if any(k != v for k, v in attr_to_column(spec).items())
)


class SyncBusy(RuntimeError):
    """Another sync of this database is running."""


class NotEnrolled(RuntimeError):
    """The station has no county credentials: run ``villagedesk enrol``."""


@dataclass
class SyncSummary:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0  # open at the county for this village
    new_conflicts: int = 0
    held: int = 0
    refused: int = 0  # changes the county did not apply (reasons in sync_refusals)
    skipped: int = 0  # pulled rows left for the next sync (edited here meanwhile)
    removed: int = 0  # rows removed here: their person was moved to another village
    local_conflicts: int = 0  # pulled persons waiting: their ID number is another's here
    bytes: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    round_trips: int = 0
    seconds: float = 0.0
    mismatches: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- local state ---------------------------------------------------------------------------
def get_state(session: Session, key: str, default: str = "") -> str:
    value = session.scalar(select(SyncState.value).where(SyncState.key == key))
    return value if value is not None else default


def set_state(session: Session, key: str, value: str) -> None:
    stmt = sqlite_insert(SyncState).values(key=key, value=value)
    session.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))


def get_states(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """Several sync_state values in one query (missing keys are left out)."""
    rows = session.execute(
        select(SyncState.key, SyncState.value).where(SyncState.key.in_(list(keys)))
    )
    return {k: v for k, v in rows}


def set_states(session: Session, values: dict[str, str]) -> None:
    """Write several sync_state values with one (executemany) statement."""
    if not values:
        return
    stmt = sqlite_insert(SyncState)
    session.execute(
        stmt.on_conflict_do_update(index_elements=["key"], set_={"value": stmt.excluded.value}),
        [{"key": k, "value": v} for k, v in values.items()],
    )


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return []


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def get_json(session: Session, key: str) -> Any:
    """A JSON sync_state value ([] when missing or unreadable)."""
    try:
        return json.loads(get_state(session, key, "[]"))
    except ValueError:
        return []


def set_json(session: Session, key: str, value: Any) -> None:
    set_state(session, key, json.dumps(value, ensure_ascii=False))


def _prepend(session: Session, key: str, items: list[dict[str, Any]], keep: int) -> None:
    found = get_json(session, key)
    old = found if isinstance(found, list) else []
    set_json(session, key, (items + old)[:keep])


def record_history(db: Database, entry: dict[str, Any]) -> None:
    """Add one sync (``at``, ``status``, ``message`` and the summary figures) to
    ``sync_history``, newest first; failures are kept too, so the clerk sees what happened."""
    with local_write(db) as s:
        _prepend(s, "sync_history", [entry], HISTORY_KEEP)


@contextmanager
def local_write(db: Database) -> Iterator[Session]:
    """A write transaction that is NOT captured into the outbox (county data coming in)."""
    session = Session(bind=db.engine.execution_options(sqlite_begin="IMMEDIATE"))
    try:
        with session.begin():
            yield session
    finally:
        session.close()


@contextmanager
def sync_lock(db_path: Path) -> Iterator[None]:
    """Only one sync per database at a time (GUI timer and the OS scheduler alike)."""
    path = db_path.with_name(db_path.name + ".sync.lock")
    handle: TextIO = open(path, "a+")  # noqa: SIM115 - held for the whole block
    try:
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise SyncBusy(f"another sync of {db_path} is running") from exc
        yield
    finally:
        handle.close()


# -- push ----------------------------------------------------------------------------------
def _mutation(entry: OutboxEntry) -> Mutation:
    return Mutation(
        mutation_id=entry.mutation_id,
        table=entry.table_name,
        row_id=entry.row_id,
        op=entry.op,  # type: ignore[arg-type]
        base_rev=entry.base_rev,
        new_rev=entry.new_rev,
        fields=entry.fields,
        base_fields=entry.base_fields,
        hlc=entry.hlc,
        actor=entry.actor[:40],
    )


PUSH_FORMAT_STATE = "county_push_format"  # "columns": the county reads PushColumns


@dataclass
class _Batch:
    """One push batch read from the outbox: the entries to send (none when it holds only
    restored rows, which are never pushed) and what the answer is matched against."""

    last_seq: int
    size: int
    rows: list[OutboxRow]
    entries: dict[str, tuple[str, str, str]]  # mutation id -> table, row id, hlc
    tables: set[str]


def _read_batch(db: Database, acked: int, batch: int) -> _Batch | None:
    """The next ``batch`` outbox entries after ``acked``, payloads as their stored JSON text
    (they go into the body as they are, or are read once for a column-wise body)."""
    outbox: Any = OutboxEntry.__table__
    c = outbox.c
    with db.read() as s:
        rows = s.execute(
            select(
                c.seq,
                c.mutation_id,
                c.table_name,
                c.row_id,
                c.op,
                c.base_rev,
                c.new_rev,
                type_coerce(c.fields, Text),
                type_coerce(c.base_fields, Text),
                c.hlc,
                c.actor,
            )
            .where(c.seq > acked)
            .order_by(c.seq)
            .limit(batch)
        ).all()
    if not rows:
        return None
    entries: dict[str, tuple[str, str, str]] = {}
    tables: set[str] = set()
    send: list[OutboxRow] = []
    for _seq, *values in rows:
        row = OutboxRow(*values)
        if row.op == RESTORE_OP:
            continue
        entries[row.mutation_id] = (row.table, row.row_id, row.hlc)
        tables.add(row.table)
        send.append(row)
    return _Batch(rows[-1][0], len(rows), send, entries, tables)


def _send(client: SyncClient, batch: _Batch) -> PushResult | None:
    """Push one batch: column-wise to a county that reads it, else (or when the county asks
    for the old values, or cannot read the body after all) as whole mutations."""
    if not batch.rows:
        return None
    if client.push_columns:
        node = batch.rows[-1].hlc.rsplit("-", 1)[-1]  # this station's stamps
        try:
            return client.push_json(push_columns_json(batch.rows, node=node), columns=True)
        except Refused as exc:
            if exc.code == "base_needed":  # a merge at the county: it needs base_fields
                pass
            elif exc.status == 422 and exc.code in ("invalid", "bad_run"):
                client.push_columns = False  # e.g. an older county behind the same address
            else:
                raise
    return client.push_json(push_request_json(batch.rows))


def _acknowledge(
    db: Database, batch: _Batch, refusals: list[dict[str, Any]], client: SyncClient
) -> None:
    """The county answered ``batch``: move the acknowledged position past it, note refusals
    (and whether the county reads column-wise pushes, for the next session)."""
    with local_write(db) as s:
        set_state(s, "outbox_acked_seq", str(batch.last_seq))
        _touch(s, batch.tables)
        _note_push_format(s, client)
        if refusals:
            known = {x.get("mutation_id") for x in get_json(s, "sync_refusals")}
            fresh = [x for x in refusals if x["mutation_id"] not in known]
            _prepend(s, "sync_refusals", fresh, LIST_KEEP)


def _note_push_format(session: Session, client: SyncClient) -> None:
    value = PUSH_FORMAT_COLUMNS if client.push_columns else ""
    if get_state(session, PUSH_FORMAT_STATE) != value:
        set_state(session, PUSH_FORMAT_STATE, value)


def push_outbox(
    *,
    db: Database,
    client: SyncClient,
    summary: SyncSummary,
    batch: int = PUSH_BATCH,
    progress: Progress | None = None,
) -> None:
    """Push every outbox entry after ``outbox_acked_seq``; the position moves only after the
    county's answer, so a cut batch is simply sent again (the county ignores replays).

    While the county works on one batch the next one is read and encoded (the request runs
    on a helper thread); as soon as an answer is in, the next batch is sent and the answer is
    noted here while the county works on that one. Batches still reach the county one at a
    time, in order, and the acknowledged position moves only past answered batches (a cut
    after the next batch was sent just repeats it: the county answers ``duplicate``)."""
    with db.read() as s:
        acked = int(get_state(s, "outbox_acked_seq", "0"))
    current = _read_batch(db, acked, batch)
    if current is None:
        return  # nothing waiting (a quiet sync does not count the outbox)
    with db.read() as s:
        total = (
            s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.seq > acked))
            or 0
        )
    done = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="push") as pool:
        answer: Future[PushResult | None] | None = pool.submit(_send, client, current)
        following: _Batch | None = None
        try:
            following = _read_batch(db, current.last_seq, batch)
        finally:
            result = answer.result() if answer is not None else None
        while current is not None:
            refusals: list[dict[str, Any]] = []
            for r in result.results if result is not None else []:
                if r.status == "held":
                    summary.held += 1
                summary.new_conflicts += len(r.conflict_ids)
                if r.status == "refused" or (r.status == "duplicate" and r.reason):
                    table, row_id, hlc = current.entries.get(r.mutation_id, ("", "", ""))
                    refusals.append(
                        {
                            "mutation_id": r.mutation_id,
                            "table": table,
                            "row_id": row_id,
                            "reason": r.reason or "",
                            "hlc": hlc,
                        }
                    )
            summary.refused += len(refusals)
            summary.pushed += len(current.entries)
            done += current.size
            try:  # before the next batch goes out: a Cancel leaves no request in flight
                if progress:
                    progress("push", done, total)
            except BaseException:
                _acknowledge(db, current, refusals, client)
                raise
            # the next batch goes out now; this answer is noted while the county works on it
            answer = None
            if following is not None:
                answer = pool.submit(_send, client, following)
            _acknowledge(db, current, refusals, client)
            current, following = following, None
            if current is None:
                break
            try:
                following = _read_batch(db, current.last_seq, batch)
            finally:
                result = answer.result() if answer is not None else None


# -- pull ----------------------------------------------------------------------------------
def _pending(session: Session, acked: int) -> set[tuple[str, str]]:
    rows = session.execute(
        select(OutboxEntry.table_name, OutboxEntry.row_id).where(OutboxEntry.seq > acked)
    )
    return {(t, r) for t, r in rows}


_SYNC_KEYS = frozenset({"id", "rev", "created_hlc", "updated_hlc", "origin", "deleted"})
_UPDATES: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
_FILL: dict[str, tuple[tuple[str, Callable[[], Any]], ...]] = {}


def _fill(spec: TableSpec) -> tuple[tuple[str, Callable[[], Any]], ...]:
    """Defaults of the columns a pulled row may lack (a county older than this counter)."""
    found = _FILL.get(spec.name)
    if found is None:
        found = tuple(
            (k, make) for k, make in synced_table(spec.model).defaults if k not in _SYNC_KEYS
        )
        _FILL[spec.name] = found
    return found


def _upsert_values(spec: TableSpec, change: Change) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A pulled row by column name (defaults for what the county did not send), and the
    columns an existing row takes from it."""
    columns = spec.columns
    values: dict[str, Any] = {}
    for key, value in change.fields.items():
        column = columns.get(key)
        if column is None:  # a newer county's extra columns are not ours to blank
            continue
        # text is text (the county checked it when it came in); the rest is converted
        values[key] = (
            value if type(value) is str and column.kind == "str" else (from_wire(column, value))
        )
    values.update(
        id=change.row_id,
        rev=change.rev,
        created_hlc=change.created_hlc,
        updated_hlc=change.hlc,
        origin=change.origin,
        deleted=change.deleted,
    )
    shape = (spec.name, tuple(values))
    updates = _UPDATES.get(shape)
    if updates is None:  # the same few shapes over and over: worked out once each
        if len(_UPDATES) > 1000:
            _UPDATES.clear()
        updates = _UPDATES[shape] = tuple(k for k in shape[1] if k != "id")
    full = values
    for key, make in _fill(spec):
        if key not in values:
            if full is values:
                full = dict(values)
            full[key] = make()
    if spec.name in _RENAMED:
        names = attr_to_column(spec)
        return {names[k]: v for k, v in full.items()}, tuple(names[k] for k in updates)
    return full, updates


def _upsert(session: Session, spec: TableSpec, change: Change) -> None:
    row, updates = _upsert_values(spec, change)
    table = spec.model.__table__  # type: ignore[attr-defined]
    session.execute(
        sqlite_insert(table)
        .values(row)
        .on_conflict_do_update(index_elements=["id"], set_={c: row[c] for c in updates})
    )


Processor = Callable[[Any], Any]
_PROCESSORS: dict[tuple[str, str], dict[str, Processor | None]] = {}
_UPSERT_SQL: dict[tuple[str, tuple[str, ...], tuple[str, ...]], str] = {}


def _processors(session: Session, spec: TableSpec) -> dict[str, Processor | None]:
    """Column name → the dialect's bind processor (what SQLAlchemy does to a Python value
    before the driver gets it), so pulled rows can go to the driver as plain tuples."""
    dialect = session.get_bind().dialect
    found = _PROCESSORS.get((dialect.name, spec.name))
    if found is None:
        table = spec.model.__table__  # type: ignore[attr-defined]
        found = {col.name: col.type._cached_bind_processor(dialect) for col in table.c}
        _PROCESSORS[(dialect.name, spec.name)] = found
    return found


def _upsert_sql(
    session: Session, name: str, columns: tuple[str, ...], updates: tuple[str, ...]
) -> str:
    """``INSERT ... ON CONFLICT (id) DO UPDATE`` for one table and shape (SQLite, ``?``)."""
    key = (name, columns, updates)
    found = _UPSERT_SQL.get(key)
    if found is None:
        quote = session.get_bind().dialect.identifier_preparer.quote
        table = TABLES[name].model.__table__  # type: ignore[attr-defined]
        sets = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in updates)
        found = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
            f"VALUES ({', '.join('?' for _c in columns)}) ON CONFLICT ({quote('id')}) "
            + (f"DO UPDATE SET {sets}" if sets else "DO NOTHING")
        )
        if len(_UPSERT_SQL) > 1000:
            _UPSERT_SQL.clear()
        _UPSERT_SQL[key] = found
    return found


class _Upserts:
    """Pulled rows, written with one executemany per table and shape instead of a statement
    each: plain tuples of driver values, straight to the driver (no SQLAlchemy parameter
    processing per row). ``flush`` before anything that reads or deletes rows of the page."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[Any]] = {}

    def add(self, session: Session, spec: TableSpec, change: Change) -> None:
        row, updates = _upsert_values(spec, change)
        procs = _processors(session, spec)
        values = tuple(
            value if (proc := procs[name]) is None else proc(value) for name, value in row.items()
        )
        self.groups.setdefault((spec.name, tuple(row), updates), []).append(values)

    def rows(self, plan: _Plan) -> list[Any]:
        """The list a block's rows (driver tuples, in ``plan.names`` order) are added to."""
        return self.groups.setdefault((plan.spec.name, plan.names, plan.updates), [])

    def flush(self, session: Session) -> None:
        if not self.groups:
            return
        connection = session.connection()
        for (name, columns, updates), rows in self.groups.items():
            if rows:
                connection.exec_driver_sql(_upsert_sql(session, name, columns, updates), rows)
        self.groups.clear()


_LEAD = ("id", "rev", "updated_hlc", "created_hlc", "origin", "deleted")  # BLOCK_SYNC_COLUMNS


@dataclass(frozen=True)
class _Plan:
    """How the rows of a snapshot block become rows of the local table: ``names`` the local
    columns written, ``convert`` one converter (or None: as it is) per value taken, from
    ``positions`` of the wire row, then ``fills`` for local columns the county did not send."""

    spec: TableSpec
    width: int  # values in every wire row
    names: tuple[str, ...]
    updates: tuple[str, ...]
    positions: tuple[int, ...]
    convert: tuple[Processor | None, ...]
    fills: tuple[Any, ...]
    number_at: int | None  # persons: the ID number's place in a wire row
    person_at: int | None  # a person's record: person_id's place in a wire row


_PLANS: dict[tuple[str, str, tuple[str, ...]], _Plan] = {}


_INT32 = range(-(2**31), 2**31)
_DELETED = WireColumn("deleted", "bool", False, None)


def _converter(column: Any, proc: Processor | None) -> Processor:
    """Wire value → driver value of ``column``: checked and converted as ``from_wire`` does
    (BadValue when it does not fit), with a shortcut for the usual whole numbers and dates."""

    def convert(value: Any) -> Any:
        found = from_wire(column, value)
        return found if proc is None else proc(found)

    if column.kind == "int" and proc is None:

        def whole(value: Any) -> Any:
            return value if type(value) is int and value in _INT32 else convert(value)

        return whole
    if column.kind == "bool" and proc is not None and (proc(True), proc(False)) == (1, 0):

        def truth(value: Any) -> Any:
            return 1 if value is True else 0 if value is False else convert(value)

        return truth
    if column.kind == "date" and proc is not None:
        fromisoformat = date.fromisoformat
        # SQLite keeps a date as its ISO text: a wire date that parses is written as it came
        same = proc(date(2026, 1, 2)) == "2026-01-02"

        def day(value: Any) -> Any:
            if type(value) is str:
                try:
                    found = fromisoformat(value)
                except ValueError:
                    pass
                else:
                    return value if same and len(value) == 10 else proc(found)
            return convert(value)

        return day
    return convert


def _plan(session: Session, spec: TableSpec, wire: tuple[str, ...]) -> _Plan:
    dialect = session.get_bind().dialect.name
    found = _PLANS.get((dialect, spec.name, wire))
    if found is not None:
        return found
    names = attr_to_column(spec)
    procs = _processors(session, spec)
    columns: list[str] = []
    positions: list[int] = []
    convert: list[Processor | None] = []
    for at, key in enumerate(_LEAD):
        columns.append(names[key])
        positions.append(at)
        proc = procs[names[key]]
        convert.append(_converter(_DELETED, proc) if key == "deleted" and proc else proc)
    sent = set()
    for at, key in enumerate(wire, start=len(_LEAD)):
        column = spec.columns.get(key)
        if column is None or key in sent:  # a newer county's extra columns are not ours
            continue
        sent.add(key)
        columns.append(names[key])
        positions.append(at)
        proc = procs[names[key]]
        # text is text (the county checked it when it came in); the rest is converted
        convert.append(proc if column.kind == "str" else _converter(column, proc))
    # an existing row takes what the county sent; a column it did not send (an older county)
    # keeps its value here, and only a new row gets the default
    updates = tuple(c for c in columns if c != names["id"])
    fills = []
    for key, make in _fill(spec):
        if key not in sent:
            columns.append(names[key])
            fills.append((make, procs[names[key]]))
    wire_at = {key: at for at, key in enumerate(wire, start=len(_LEAD))}
    found = _Plan(
        spec=spec,
        width=len(_LEAD) + len(wire),
        names=tuple(columns),
        updates=updates,
        positions=tuple(positions),
        convert=tuple(convert),
        fills=tuple(fills),
        number_at=wire_at.get("id_number") if spec.name == "persons" else None,
        person_at=wire_at.get("person_id") if spec.scope is Scope.PERSON else None,
    )
    if len(_PLANS) > 1000:
        _PLANS.clear()
    _PLANS[(dialect, spec.name, wire)] = found
    return found


def _block_change(block: SnapshotBlock, row: list[Any]) -> Change:
    """One row of a snapshot block as a whole-row change (for the rare rows parked here)."""
    return Change(
        seq=block.seq,
        table=block.table,
        row_id=row[0],
        op="insert",
        rev=row[1],
        hlc=row[2],
        created_hlc=row[3],
        origin=row[4],
        deleted=row[5],
        fields=dict(zip(block.columns, row[len(_LEAD) :], strict=True)),
    )


def _remove(session: Session, spec: TableSpec, row_id: str) -> tuple[dict[str, Any] | None, bool]:
    """Drop a row from the local copy (the county keeps it); a person goes with every record
    hanging from them. Returns the person's name and ID number when a person was removed, and
    whether the row was here at all (a snapshot's removals are mostly of rows never here).
    A vacancy that local referrals point to stays (the county keeps it visible to a village
    that referred to it; a referral made during this sync arrives there with the next push)."""
    gone: dict[str, Any] | None = None
    if spec.name == "vacancies" and session.scalar(
        select(Referral.id).where(Referral.vacancy_id == row_id).limit(1)
    ):
        return None, False
    if spec.name == "persons":
        found = session.execute(
            select(Person.name, Person.id_number).where(Person.id == row_id)
        ).first()
        if found is None:
            return None, False  # not here: nothing can hang from them either
        gone = {"person_id": row_id, "name": found[0], "id_number": found[1]}
        for name in reversed(TABLE_ORDER):
            dep = TABLES[name]
            if dep.scope is Scope.PERSON:
                dep_table = dep.model.__table__  # type: ignore[attr-defined]
                session.execute(delete(dep_table).where(dep_table.c.person_id == row_id))
    table = spec.model.__table__  # type: ignore[attr-defined]
    result: Any = session.execute(delete(table).where(table.c.id == row_id))
    return gone, bool(result.rowcount)


class _Parked:
    """Pulled rows that cannot be applied yet: a person whose ID number belongs to another
    local person (a duplicate registration the county has not decided), and the records
    hanging from them. Kept in ``sync_parked``; each such person is a local conflict
    (``sync_local_conflicts``); applied as soon as the clash is gone."""

    def __init__(self, session: Session) -> None:
        found = get_json(session, "sync_parked")
        self.rows: dict[tuple[str, str], dict[str, Any]] = {}
        for item in found if isinstance(found, list) else []:
            change = item.get("change", {})
            self.rows[(change.get("table", ""), change.get("row_id", ""))] = item
        self.changed = False

    @property
    def persons(self) -> set[str]:
        return {row_id for (table, row_id) in self.rows if table == "persons"}

    def park(self, change: Change, clash: dict[str, Any] | None = None) -> None:
        item: dict[str, Any] = {"change": change.model_dump(mode="json")}
        if clash is not None:
            item["clash"] = clash
        self.rows[(change.table, change.row_id)] = item
        self.changed = True

    def drop(self, key: tuple[str, str]) -> None:
        if self.rows.pop(key, None) is not None:
            self.changed = True

    def retry(self, session: Session) -> int:
        """Apply parked persons whose ID number is free now, with their records."""
        applied = 0
        for key in [k for k in self.rows if k[0] == "persons"]:
            change = Change.model_validate(self.rows[key]["change"])
            if _clash(session, change) is not None:
                continue
            _upsert(session, TABLES["persons"], change)
            self.drop(key)
            applied += 1
            children = [
                Change.model_validate(item["change"])
                for item in self.rows.values()
                if item["change"].get("fields", {}).get("person_id") == change.row_id
            ]
            children.sort(key=lambda c: TABLE_ORDER.index(c.table) if c.table in TABLES else 0)
            for child in children:
                if child.table in TABLES:
                    _upsert(session, TABLES[child.table], child)
                    applied += 1
                self.drop((child.table, child.row_id))
        return applied

    def save(self, session: Session) -> None:
        if not self.changed:
            return
        set_json(session, "sync_parked", list(self.rows.values()))
        conflicts = []
        for (table, row_id), item in self.rows.items():
            clash = item.get("clash")
            if table != "persons" or clash is None:
                continue
            fields = item["change"].get("fields", {})
            conflicts.append(
                {
                    "id": f"local:{row_id}",
                    "table": "persons",
                    "row_id": row_id,
                    "field": "id_number",
                    "id_number": fields.get("id_number", ""),
                    "county_name": fields.get("name", ""),
                    "local_person_id": clash.get("person_id", ""),
                    "local_name": clash.get("name", ""),
                    "status": "open",
                }
            )
        set_json(session, "sync_local_conflicts", conflicts)


def _clash(session: Session, change: Change) -> dict[str, Any] | None:
    """Another local person with this pulled person's ID number, if any."""
    number = change.fields.get("id_number")
    if not isinstance(number, str):
        return None
    found = session.execute(
        select(Person.id, Person.name).where(Person.id_number == number, Person.id != change.row_id)
    ).first()
    return {"person_id": found[0], "name": found[1]} if found is not None else None


def apply_page(
    *, session: Session, page: PullPage, station: str, summary: SyncSummary | None = None
) -> tuple[int, int, str]:
    """Write a pulled page as the county has it (rev, stamps, origin kept; not captured).

    Rows with local edits not yet acknowledged are left alone: the next push merges them at
    the county, which logs the row again for the next pull. A ``remove`` drops the local copy
    (the person moved to another village). A person whose ID number belongs to another local
    person is parked as a local conflict instead of failing the page. Column-wise snapshot
    rows (``page.blocks``) come before ``page.changes``. Returns (applied, skipped, max hlc).
    """
    session.execute(text("PRAGMA defer_foreign_keys=ON"))
    acked = int(get_state(session, "outbox_acked_seq", "0"))
    writer = _PageWriter(session, station, _pending(session, acked), summary)
    writer.holders_of(_numbers(page))
    for block in page.blocks or ():
        writer.block(block)
    for change in page.changes:
        writer.change(change)
    return writer.finish(acked)


def _numbers(page: PullPage) -> list[str]:
    """The ID numbers of the persons on a page."""
    found = {
        str(c.fields["id_number"])
        for c in page.changes
        if c.table == "persons" and c.op != REMOVE_OP and c.fields.get("id_number")
    }
    for block in page.blocks or ():
        if block.table == "persons" and "id_number" in block.columns:
            at = len(_LEAD) + block.columns.index("id_number")
            found.update(str(row[at]) for row in block.rows if len(row) > at and row[at])
    return sorted(found)


class _PageWriter:
    """The state of one page being applied (see ``apply_page``)."""

    def __init__(
        self,
        session: Session,
        station: str,
        pending: set[tuple[str, str]],
        summary: SyncSummary | None,
    ) -> None:
        self.session = session
        self.station = station
        self.own_suffix = f"-{station}"
        self.pending = pending
        self.summary = summary
        self.parked = _Parked(session)
        self.holders: dict[str, str] = {}
        self.applied = 0
        self.skipped = 0
        self.top = ""
        self.own: list[tuple[str, str, int, str]] = []
        self.moved: list[dict[str, Any]] = []
        self.upserts = _Upserts()

    def holders_of(self, numbers: list[str]) -> None:
        for start in range(0, len(numbers), 500):
            for pid, number in self.session.execute(
                select(Person.id, Person.id_number).where(
                    Person.id_number.in_(numbers[start : start + 500])
                )
            ):
                self.holders[number] = pid

    def change(self, change: Change) -> None:
        spec = TABLES.get(change.table)
        if spec is None:  # a table this (older) counter does not know
            return
        session, parked = self.session, self.parked
        key = (change.table, change.row_id)
        if change.op == REMOVE_OP:
            self.upserts.flush(session)
            gone, was_here = _remove(session, spec, change.row_id)
            if gone is not None:
                self.holders.pop(gone["id_number"], None)
                self.moved.append({**gone, "hlc": change.hlc})
            parked.drop(key)
            if self.summary is not None and was_here:
                self.summary.removed += 1
            self.top = max(self.top, change.hlc)
            return
        if key in self.pending:
            self.skipped += 1
            return
        if spec.name == "persons":
            holder = self.holders.get(str(change.fields.get("id_number")))
            if holder is not None and holder != change.row_id:
                self.upserts.flush(session)
                clash = _clash(session, change)
                if clash is not None:
                    parked.park(change, clash)
                    return
        elif spec.scope is Scope.PERSON and change.fields.get("person_id") in parked.persons:
            parked.park(change)
            return
        self.upserts.add(session, spec, change)
        if spec.name == "persons":
            self.holders[str(change.fields.get("id_number"))] = change.row_id
        parked.drop(key)
        self.applied += 1
        self.top = max(self.top, change.hlc)
        if change.hlc.endswith(self.own_suffix):
            self.own.append((change.table, change.row_id, change.rev, change.hlc))

    def block(self, block: SnapshotBlock) -> None:
        """Snapshot rows of one table, column-wise: each row becomes a tuple of driver values
        (converted by a plan worked out once per table and shape), no model per row."""
        spec = TABLES.get(block.table)
        if spec is None:  # a table this (older) counter does not know
            return
        plan = _plan(self.session, spec, tuple(block.columns))
        name = spec.name
        pending, parked, holders = self.pending, self.parked, self.holders
        waiting = parked.persons  # persons parked here: their records wait with them
        out = self.upserts.rows(plan)
        pick = itemgetter(*plan.positions)
        convert = plan.convert
        fills = plan.fills
        width, number_at, person_at = plan.width, plan.number_at, plan.person_at
        own, suffix = self.own, self.own_suffix
        applied = 0
        top = self.top
        for row in block.rows:
            if len(row) != width:  # nothing of the page is kept: its transaction rolls back
                raise ServerFailed(
                    f"the county sent a {name} snapshot row of {len(row)} values, not {width}"
                )
            row_id = row[0]
            if (name, row_id) in pending:
                self.skipped += 1
                continue
            if number_at is not None:
                number = str(row[number_at])
                holder = holders.get(number)
                if holder is not None and holder != row_id:
                    self.upserts.flush(self.session)
                    out = self.upserts.rows(plan)
                    change = _block_change(block, row)
                    clash = _clash(self.session, change)
                    if clash is not None:
                        parked.park(change, clash)
                        waiting.add(row_id)
                        continue
                holders[number] = row_id
            elif person_at is not None and waiting and row[person_at] in waiting:
                parked.park(_block_change(block, row))
                continue
            values = [v if c is None else c(v) for c, v in zip(convert, pick(row), strict=True)]
            for make, proc in fills:
                values.append(make() if proc is None else proc(make()))
            out.append(tuple(values))
            if parked.rows:
                parked.drop((name, row_id))
            applied += 1
            hlc = row[2]
            if hlc > top:
                top = hlc
            if hlc.endswith(suffix):
                own.append((name, row_id, row[1], hlc))
        self.applied += applied
        self.top = top

    def finish(self, acked: int) -> tuple[int, int, str]:
        session, parked = self.session, self.parked
        self.upserts.flush(session)
        if parked.rows:
            self.applied += parked.retry(session)
        parked.save(session)
        if self.summary is not None:
            self.summary.local_conflicts = sum(1 for t, _r in parked.rows if t == "persons")
        if self.moved:
            _prepend(session, "sync_moved_away", self.moved, LIST_KEEP)
        if self.own:
            _restore_outbox(session, self.own, self.station, acked)
        return self.applied, self.skipped, self.top


def _restore_outbox(
    session: Session, own: list[tuple[str, str, int, str]], station: str, acked: int
) -> None:
    """Rows made here that came back in a snapshot (a reinstalled laptop) are noted in the
    outbox as already acknowledged, so "every row changed here is in the outbox" holds: one
    ``restore`` entry per table listing the rows and their revisions (``RESTORED_ROWS``),
    not one entry per row (a reinstalled laptop gets every row it ever made back)."""
    by_table: dict[str, dict[str, int]] = {}
    stamps: dict[str, str] = {}
    for table, row_id, rev, hlc in own:
        by_table.setdefault(table, {})[row_id] = rev
        stamps[table] = max(stamps.get(table, ""), hlc)
    for table, rows in by_table.items():
        if (
            session.scalar(
                select(OutboxEntry.seq)
                .where(OutboxEntry.table_name == table, OutboxEntry.row_id != RESTORED_ROWS)
                .limit(1)
            )
            is None
        ):
            continue  # a new laptop: no edit of this table in its outbox yet
        have = _captured(session, table, list(rows))
        for row_id in [r for r, v in rows.items() if (r, v) in have]:
            del rows[row_id]
    entries = [
        {
            "mutation_id": new_uuid(),
            "table_name": table,
            "row_id": RESTORED_ROWS,
            "op": RESTORE_OP,
            "base_rev": 0,
            "new_rev": 0,
            "fields": {"rows": rows},
            "base_fields": {},
            "hlc": stamps[table],
            "station": station,
            "actor": "sync",
        }
        for table, rows in by_table.items()
        if rows
    ]
    if not entries:
        return
    outbox: Any = OutboxEntry.__table__
    session.execute(insert(outbox), entries)
    # Nothing was pending (own rows are only applied when no local edit waits), so the
    # restored entries may be acknowledged along with everything before them.
    if not _pending(session, acked) - {(e["table_name"], RESTORED_ROWS) for e in entries}:
        top = session.scalar(select(func.max(OutboxEntry.seq)))
        set_state(session, "outbox_acked_seq", str(top or acked))


def _captured(session: Session, table: str, ids: list[str]) -> set[tuple[str, int]]:
    """(row id, revision) of ``ids`` already in the outbox: entries of one row, and rows
    listed by many-row ``restore`` entries of ``table`` (a station given a snapshot again)."""
    have: set[tuple[str, int]] = set()
    for start in range(0, len(ids), 500):  # by table and row: the outbox index (table, row)
        have.update(
            (r, v)
            for r, v in session.execute(
                select(OutboxEntry.row_id, OutboxEntry.new_rev).where(
                    OutboxEntry.table_name == table,
                    OutboxEntry.row_id.in_(ids[start : start + 500]),
                )
            )
        )
    for fields in session.scalars(
        select(OutboxEntry.fields).where(
            OutboxEntry.table_name == table, OutboxEntry.row_id == RESTORED_ROWS
        )
    ):
        have.update(restored_rows(fields).items())
    return have


class _PageWrites:
    """The write transactions of pulled pages, on one connection with ``synchronous=NORMAL``:
    in WAL mode such a commit is atomic but not flushed to disk by itself, so a power cut can
    lose the last pages together with their cursor (pulled again next time), never part of
    one. The next commit with the database's ``synchronous=FULL`` (the sync's closing write)
    flushes the log with them. Pulled rows are the county's, kept there; the outbox and its
    acknowledged position are written by other transactions (FULL), except the acknowledged
    ``restore`` entries of a page, which go back with it."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.connection: Any = None

    def __enter__(self) -> _PageWrites:
        return self

    def _pragma(self, value: str) -> None:
        self.connection.connection.driver_connection.execute(f"PRAGMA synchronous={value}")

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self.connection is None:
            self.connection = self.db.engine.connect()
            self._pragma("NORMAL")  # outside a transaction: on the driver's connection
        session = Session(bind=self.connection.execution_options(sqlite_begin="IMMEDIATE"))
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def __exit__(self, *_exc: object) -> None:
        if self.connection is not None:
            try:
                self._pragma("FULL")  # the pooled connection goes back as it came
            finally:
                self.connection.close()
                self.connection = None


def pull_changes(
    *,
    db: Database,
    client: SyncClient,
    summary: SyncSummary,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
    compare: Iterable[str] | None = None,
) -> tuple[list[ConflictInfo] | None, Counts | None]:
    """Pull and apply pages until the county has no more. Returns the village's conflicts
    when the last page carries them (``client.pull_conflicts``), else None; and the county's
    counts when the last page carries them, else None.

    ``compare``: the tables the counter will compare as things stand (``_tables_to_compare``
    after the push); each request names them plus every table the pages before it touched,
    and the county counts those and the ones its last page touches: the very tables
    ``_tables_to_compare`` gives once the last page is written (a county that does not know
    the header sends no counts). None: no counts asked for.

    The next page is asked for (on a helper thread) while this one is written here; each
    page and its cursor still commit together, in order, so a cut loses nothing. Snapshot
    pages grow (twice the size each time, up to MAX_PAGE): fewer round trips and commits for
    a whole village, while the first page stays small."""
    station = db.station_code
    with db.read() as s:
        cursor = get_state(s, "pull_cursor")
    asked = None if compare is None else set(compare)

    def named() -> list[str] | None:
        return None if asked is None else [t for t in TABLE_ORDER if t in asked]

    size = page_size
    page = client.pull(cursor, size, counts=named())
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull") as pool,
        _PageWrites(db) as pages,
    ):
        while True:
            if not page.changes and not page.blocks and not page.has_more and page.cursor == cursor:
                with db.read() as s:
                    parked = get_json(s, "sync_parked")
                if not parked:  # nothing new or waiting: no write (a quiet sync)
                    return page.conflicts, page.counts
            following = None
            touched = page.touched(TABLE_ORDER)
            if page.has_more:
                size = min(size * 2, MAX_PAGE) if page.snapshot else page_size
                if asked is not None:
                    asked |= touched
                following = pool.submit(client.pull, page.cursor, size, counts=named())
            with pages.write() as s:
                applied, skipped, top = apply_page(
                    session=s, page=page, station=station, summary=summary
                )
                set_state(s, "pull_cursor", page.cursor)
                _touch(s, touched)
            db.clock.observe(top)
            summary.pulled += applied
            summary.skipped += skipped
            if progress:
                progress("pull", summary.pulled, 0)
            if following is None:
                return page.conflicts, page.counts
            cursor = page.cursor
            page = following.result()


# -- the session ---------------------------------------------------------------------------
def local_counts(
    *, session: Session, village: str, tables: Iterable[str] = TABLE_ORDER
) -> dict[str, tuple[int, str]]:
    return {name: checksum(session.execute(_visible_ids(TABLES[name], village))) for name in tables}


def _touch(session: Session, tables: Iterable[str]) -> None:
    """Note tables that changed here or at the county since counts were last compared (in the
    transaction that acknowledges the push or writes the page, so a cut sync forgets none)."""
    fresh = {t for t in tables if t in TABLES}
    if not fresh:
        return
    known = get_json(session, "counts_tables")
    have = {t for t in known if isinstance(t, str)} if isinstance(known, list) else set()
    if not fresh <= have:
        set_json(session, "counts_tables", sorted(have | fresh))


def _tables_to_compare(db: Database, day: str) -> list[str]:
    """Counting every row on both sides costs more than the rest of a small sync. A table
    neither pushed nor pulled since a comparison that found everything equal is still equal
    (every change on either side goes through the outbox or the county's change log), so
    only changed tables are compared, and all of them at the first sync of each day."""
    with db.read() as s:
        found = get_states(s, ("counts_equal_day", "counts_tables"))
    if found.get("counts_equal_day", "") != day:
        return list(TABLE_ORDER)
    known = _loads(found.get("counts_tables", "[]"))
    changed = set(known) if isinstance(known, list) else set(TABLE_ORDER)
    return [name for name in TABLE_ORDER if name in changed]


def document_key(db: Database) -> str:
    """The station's document-signing public key (base64), '' before it has one. The county
    keeps it to check printed documents; it is sent with every request of a sync."""
    with db.read() as s:
        return get_state(s, DOCUMENT_KEY_STATE)


def client_for(db: Database, **kwargs: Any) -> SyncClient:
    with db.read() as s:
        st = s.scalar(select(Station))
        secret = get_state(s, "station_secret")
    if st is None or not st.server_url or not secret:
        raise NotEnrolled(
            "this station is not enrolled with a county server: run `villagedesk enrol`"
        )
    client = SyncClient(st.server_url, secret=secret, **kwargs)
    client.document_key = document_key(db)
    with db.read() as s:
        client.push_columns = get_state(s, PUSH_FORMAT_STATE) == PUSH_FORMAT_COLUMNS
    return client


def sync_once(
    *,
    db: Database,
    client: SyncClient,
    progress: Progress | None = None,
    push_batch: int = PUSH_BATCH,
    page_size: int = PULL_PAGE,
    now: Callable[[], datetime] | None = None,
) -> SyncSummary:
    """Push, pull, refresh conflicts, compare counts. Raises the client's errors."""
    started = time.monotonic()
    summary = SyncSummary()
    with sync_lock(db.path):
        client.document_key = document_key(db) or client.document_key
        push_outbox(db=db, client=client, summary=summary, batch=push_batch, progress=progress)
        from villagedesk.sync.audit_sync import push_audit  # audit log to the county (issue 8)

        push_audit(db=db, client=client)
        client.pull_conflicts = True  # the last page brings them: one round trip less
        clock = now or (lambda: datetime.now(UTC))
        listed, counted = pull_changes(
            db=db,
            client=client,
            summary=summary,
            page_size=page_size,
            progress=progress,
            # the last page brings the county's counts too: one round trip less
            compare=_tables_to_compare(db, clock().isoformat(timespec="seconds")[:10]),
        )
        conflicts = listed if listed is not None else client.conflicts().conflicts
        open_ = [c for c in conflicts if c.status == "open"]
        summary.conflicts = len(open_)
        stamp = clock().isoformat(timespec="seconds")
        compare = _tables_to_compare(db, stamp[:10])
        if compare:
            county_counts = dict(counted.tables) if counted is not None else {}
            # a county that did not count with the pull (older), or a table it did not count
            # (the day turned meanwhile): asked as before, never left out
            missing = [name for name in compare if name not in county_counts]
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="counts") as pool:
                some = missing if len(missing) < len(TABLE_ORDER) else None
                asked = pool.submit(client.counts, some) if missing else None
                # after the last page is written; the county counts its side meanwhile
                # (after a snapshot from an older county, every table on both sides)
                with db.read() as s:
                    mine = local_counts(session=s, village=db.station_code, tables=compare)
                if asked is not None:
                    county_counts.update(asked.result().tables)
            for name, (count, digest) in mine.items():
                theirs = county_counts.get(name)
                if theirs is None:
                    continue
                if theirs.count != count or theirs.checksum != digest:
                    summary.mismatches.append(
                        f"{name}: here {count} rows, county {theirs.count} rows"
                        + ("" if theirs.count != count else " (revisions differ)")
                    )
        cases = _duplicates(client) if _cases_may_have_changed(db, summary) else None
        _count_wire(summary, client, started)
        with local_write(db) as s:
            found = get_states(s, ("sync_local_conflicts", "sync_history"))
            local = _loads(found.get("sync_local_conflicts", "[]"))
            summary.local_conflicts = len(local) if isinstance(local, list) else 0
            history = _loads(found.get("sync_history", "[]"))
            entry = {"at": stamp, "status": "ok", "message": "", **summary.as_dict()}
            values = {
                "sync_conflicts": _dumps([c.model_dump(mode="json") for c in conflicts]),
                "open_conflicts": str(len(open_) + summary.local_conflicts),
                "counts_equal_day": "" if summary.mismatches else stamp[:10],
                "counts_tables": "[]",
                "last_sync_at": stamp,
                "last_sync_result": json.dumps(summary.as_dict()),
                "sync_history": _dumps(
                    ([entry] + (history if isinstance(history, list) else []))[:HISTORY_KEEP]
                ),
            }
            if cases is not None:
                values["sync_duplicates"] = _dumps([c.model_dump(mode="json") for c in cases])
            set_states(s, values)  # one statement for the lot: a quiet sync stays quick
    _count_wire(summary, client, started)
    return summary


def _count_wire(summary: SyncSummary, client: SyncClient, started: float) -> None:
    summary.bytes_sent = client.bytes_sent
    summary.bytes_received = client.bytes_received
    summary.bytes = client.bytes_sent + client.bytes_received
    summary.round_trips = client.round_trips
    summary.seconds = round(time.monotonic() - started, 3)


def _cases_may_have_changed(db: Database, summary: SyncSummary) -> bool:
    """Ask the county for this village's duplicate-person cases only when one may have
    changed: something was held, pulled or removed, or a case known here is undecided."""
    if summary.held or summary.pulled or summary.removed or summary.refused:
        return True
    with db.read() as s:
        known = get_json(s, "sync_duplicates")
    return any(
        isinstance(c, dict) and c.get("status") in ("open", "refused")
        for c in (known if isinstance(known, list) else [])
    )


def _duplicates(client: SyncClient) -> list[DuplicateInfo] | None:
    """This village's duplicate-person cases; None from a county too old to list them."""
    try:
        return client.duplicates().cases
    except Refused as exc:
        if exc.status in (404, 405):
            return None
        raise


def enrol_station(
    *,
    db_path: Path,
    server_url: str,
    token: str,
    client: SyncClient | None = None,
    now: Callable[[], datetime] | None = None,
) -> tuple[Database, SyncSummary]:
    """Exchange the one-time token for credentials, then pull a snapshot of the village.

    A database that does not exist yet (a reinstalled laptop) is created for the county's
    village; an existing one must belong to that village.
    """
    from villagedesk.services.station import init_station

    client = client or SyncClient(server_url)
    existing = Database(db_path) if db_path.exists() else None
    try:
        if existing is not None and existing.has_station():
            client.document_key = document_key(existing)
        result = client.enrol(token)
    except BaseException:
        if existing is not None:
            existing.close()
        raise
    if existing is not None and existing.has_station():
        db = existing
        if db.station_code != result.village_code:
            raise ValueError(
                f"this database is station {db.station_code}; the token is for "
                f"{result.village_code}"
            )
    else:
        if existing is not None:
            existing.close()
        stamp = (now or (lambda: datetime.now(UTC)))().replace(tzinfo=None)
        db = init_station(
            path=db_path,
            village_code=result.village_code,
            name=result.station_name or result.village_code,
            now=stamp,
        )
    _store_credentials(db, server_url, result)
    client.secret = result.secret
    summary = sync_once(db=db, client=client, now=now)
    with local_write(db) as s:  # what the county's answers said of column-wise pushes
        _note_push_format(s, client)
    return db, summary


def _store_credentials(db: Database, server_url: str, result: EnrolResult) -> None:
    with local_write(db) as s:
        st = s.scalar(select(Station))
        assert st is not None
        st.server_url = server_url.rstrip("/")
        st.enrolment_token = ""
        set_state(s, "station_secret", result.secret)
        set_state(s, "pull_cursor", "")  # start with a snapshot
        set_state(s, "counts_equal_day", "")  # and compare every table after it


def enrol_database(
    *,
    db: Database,
    server_url: str,
    token: str,
    client: SyncClient,
    actor: Actor,
    progress: Progress | None = None,
    now: Callable[[], datetime] | None = None,
) -> SyncSummary:
    """Enrol the open station database (the counter's 同步 page): the token must be for this
    village. Exchanges it for credentials, then syncs (push the outbox, pull a snapshot).
    Binding the counter to a county is a supervisor's decision (``PermissionDenied``)."""
    require_supervisor(actor, action="enrolling the counter with the county")
    client.document_key = document_key(db)
    result = client.enrol(token)
    if db.station_code != result.village_code:
        raise ValueError(
            f"this station is village {db.station_code}; the token is for {result.village_code}"
        )
    _store_credentials(db, server_url, result)
    client.secret = result.secret
    return sync_once(db=db, client=client, progress=progress, now=now)
