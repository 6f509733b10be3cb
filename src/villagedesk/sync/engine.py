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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Text, delete, func, insert, select, text, type_coerce
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from villagedesk.store.base import new_uuid
from villagedesk.store.capture import synced_table
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry, Person, Station, SyncState
from villagedesk.sync.client import Progress, Refused, SyncClient
from villagedesk.sync.protocol import (
    DOCUMENT_KEY_STATE,
    MAX_PAGE,
    Change,
    ConflictInfo,
    DuplicateInfo,
    EnrolResult,
    Mutation,
    PullPage,
)
from villagedesk.sync.tables import (
    TABLE_ORDER,
    TABLES,
    Scope,
    TableSpec,
    attr_to_column,
    checksum,
    from_wire,
)
from villagedesk.sync.tables import visible_ids as _visible_ids

EXIT_OK = 0
EXIT_MISMATCH = 1  # finished, but the counts differ from the county's
EXIT_OFFLINE = 3
EXIT_REFUSED = 4
EXIT_CONFLICTS = 5  # finished; conflicts wait for a person
EXIT_FAILED = 6
EXIT_BUSY = 7  # another sync is running

PUSH_BATCH = 500
PULL_PAGE = 1000
RESTORE_OP = "restore"  # marks own rows brought back by a snapshot (never pushed)
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


@dataclass
class _Batch:
    """One push batch read from the outbox: its JSON body (None when it holds only restored
    rows, which are never pushed) and what the answer is matched against."""

    last_seq: int
    size: int
    body: bytes | None
    entries: dict[str, tuple[str, str, str]]  # mutation id -> table, row id, hlc
    tables: set[str]


def _read_batch(db: Database, acked: int, batch: int) -> _Batch | None:
    """The next ``batch`` outbox entries after ``acked``, written straight into a push body:
    the stored payloads are JSON already, so they go out as they are."""
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
    dumps = json.dumps
    parts: list[str] = []
    entries: dict[str, tuple[str, str, str]] = {}
    tables: set[str] = set()
    for _seq, mid, table, row_id, op, base_rev, new_rev, fields, base, hlc, actor in rows:
        if op == RESTORE_OP:
            continue
        entries[mid] = (table, row_id, hlc)
        tables.add(table)
        parts.append(
            f'{{"mutation_id":{dumps(mid)},"table":{dumps(table)},"row_id":{dumps(row_id)},'
            f'"op":{dumps(op)},"base_rev":{int(base_rev)},"new_rev":{int(new_rev)},'
            f'"fields":{fields or "{}"},"base_fields":{base or "{}"},"hlc":{dumps(hlc)},'
            f'"actor":{dumps((actor or "")[:40], ensure_ascii=False)}}}'
        )
    body = ('{"mutations":[' + ",".join(parts) + "]}").encode() if parts else None
    return _Batch(rows[-1][0], len(rows), body, entries, tables)


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
    on a helper thread; answers are still taken one at a time, in order)."""
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
        while current is not None:
            answer = pool.submit(client.push_json, current.body) if current.body else None
            try:
                following = _read_batch(db, current.last_seq, batch)
            finally:
                result = answer.result() if answer is not None else None
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
            with local_write(db) as s:
                set_state(s, "outbox_acked_seq", str(current.last_seq))
                _touch(s, current.tables)
                if refusals:
                    known = {x.get("mutation_id") for x in get_json(s, "sync_refusals")}
                    fresh = [x for x in refusals if x["mutation_id"] not in known]
                    _prepend(s, "sync_refusals", fresh, LIST_KEEP)
            summary.pushed += len(current.entries)
            done += current.size
            if progress:
                progress("push", done, total)
            current = following


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


class _Upserts:
    """Pulled rows, written with one executemany per table and shape instead of a statement
    each. ``flush`` before anything that reads or deletes rows of the page."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}

    def add(self, spec: TableSpec, change: Change) -> None:
        row, updates = _upsert_values(spec, change)
        self.groups.setdefault((spec.name, tuple(row), updates), []).append(row)

    def flush(self, session: Session) -> None:
        for (name, _columns, updates), rows in self.groups.items():
            stmt = sqlite_insert(TABLES[name].model.__table__)  # type: ignore[attr-defined]
            stmt = stmt.on_conflict_do_update(
                index_elements=["id"], set_={c: stmt.excluded[c] for c in updates}
            )
            session.execute(stmt, rows)
        self.groups.clear()


def _remove(session: Session, spec: TableSpec, row_id: str) -> tuple[dict[str, Any] | None, bool]:
    """Drop a row from the local copy (the county keeps it); a person goes with every record
    hanging from them. Returns the person's name and ID number when a person was removed, and
    whether the row was here at all (a snapshot's removals are mostly of rows never here)."""
    gone: dict[str, Any] | None = None
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
    person is parked as a local conflict instead of failing the page. Returns (applied,
    skipped, max hlc).
    """
    session.execute(text("PRAGMA defer_foreign_keys=ON"))
    acked = int(get_state(session, "outbox_acked_seq", "0"))
    pending = _pending(session, acked)
    parked = _Parked(session)
    numbers = sorted(
        {
            str(c.fields["id_number"])
            for c in page.changes
            if c.table == "persons" and c.op != REMOVE_OP and c.fields.get("id_number")
        }
    )
    holders: dict[str, str] = {}
    for start in range(0, len(numbers), 500):
        for pid, number in session.execute(
            select(Person.id, Person.id_number).where(
                Person.id_number.in_(numbers[start : start + 500])
            )
        ):
            holders[number] = pid
    applied = skipped = 0
    top = ""
    own: list[tuple[str, str, int, str]] = []
    moved: list[dict[str, Any]] = []
    upserts = _Upserts()
    for change in page.changes:
        spec = TABLES.get(change.table)
        if spec is None:  # a table this (older) counter does not know
            continue
        key = (change.table, change.row_id)
        if change.op == REMOVE_OP:
            upserts.flush(session)
            gone, was_here = _remove(session, spec, change.row_id)
            if gone is not None:
                holders.pop(gone["id_number"], None)
                moved.append({**gone, "hlc": change.hlc})
            parked.drop(key)
            if summary is not None and was_here:
                summary.removed += 1
            top = max(top, change.hlc)
            continue
        if key in pending:
            skipped += 1
            continue
        if spec.name == "persons":
            holder = holders.get(str(change.fields.get("id_number")))
            if holder is not None and holder != change.row_id:
                upserts.flush(session)
                clash = _clash(session, change)
                if clash is not None:
                    parked.park(change, clash)
                    continue
        elif spec.scope is Scope.PERSON and change.fields.get("person_id") in parked.persons:
            parked.park(change)
            continue
        upserts.add(spec, change)
        if spec.name == "persons":
            holders[str(change.fields.get("id_number"))] = change.row_id
        parked.drop(key)
        applied += 1
        top = max(top, change.hlc)
        if change.hlc.endswith(f"-{station}"):
            own.append((change.table, change.row_id, change.rev, change.hlc))
    upserts.flush(session)
    if parked.rows:
        applied += parked.retry(session)
    parked.save(session)
    if summary is not None:
        summary.local_conflicts = sum(1 for t, _r in parked.rows if t == "persons")
    if moved:
        _prepend(session, "sync_moved_away", moved, LIST_KEEP)
    if own:
        _restore_outbox(session, own, station, acked)
    return applied, skipped, top


def _restore_outbox(
    session: Session, own: list[tuple[str, str, int, str]], station: str, acked: int
) -> None:
    """Rows made here that came back in a snapshot (a reinstalled laptop) get an
    already-acknowledged outbox entry, so "every row changed here is in the outbox" holds."""
    by_table: dict[str, list[str]] = {}
    for table, row_id, _r, _h in own:
        by_table.setdefault(table, []).append(row_id)
    have: set[tuple[str, str, int]] = set()
    for table, ids in by_table.items():  # by table and row: the outbox index (table, row)
        if (
            session.scalar(select(OutboxEntry.seq).where(OutboxEntry.table_name == table).limit(1))
            is None
        ):
            continue  # a new laptop: nothing of this table in its outbox yet
        for start in range(0, len(ids), 500):
            have.update(
                (t, r, v)
                for t, r, v in session.execute(
                    select(OutboxEntry.table_name, OutboxEntry.row_id, OutboxEntry.new_rev).where(
                        OutboxEntry.table_name == table,
                        OutboxEntry.row_id.in_(ids[start : start + 500]),
                    )
                )
            )
    missing = [o for o in own if (o[0], o[1], o[2]) not in have]
    if missing:
        outbox: Any = OutboxEntry.__table__
        session.execute(  # one executemany: a reinstalled laptop restores every row it made
            insert(outbox),
            [
                {
                    "mutation_id": new_uuid(),
                    "table_name": table,
                    "row_id": row_id,
                    "op": RESTORE_OP,
                    "base_rev": rev,
                    "new_rev": rev,
                    "fields": {},
                    "base_fields": {},
                    "hlc": hlc,
                    "station": station,
                    "actor": "sync",
                }
                for table, row_id, rev, hlc in missing
            ],
        )
        # Nothing was pending (own rows are only applied when no local edit waits), so the
        # restored entries may be acknowledged along with everything before them.
        if not _pending(session, acked) - {(t, r) for t, r, _v, _h in missing}:
            top = session.scalar(select(func.max(OutboxEntry.seq)))
            set_state(session, "outbox_acked_seq", str(top or acked))


def pull_changes(
    *,
    db: Database,
    client: SyncClient,
    summary: SyncSummary,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
) -> list[ConflictInfo] | None:
    """Pull and apply pages until the county has no more. Returns the village's conflicts
    when the last page carries them (``client.pull_conflicts``), else None.

    The next page is asked for (on a helper thread) while this one is written here; each
    page and its cursor still commit together, in order, so a cut loses nothing. Snapshot
    pages grow (twice the size each time, up to MAX_PAGE): fewer round trips and commits for
    a whole village, while the first page stays small."""
    station = db.station_code
    with db.read() as s:
        cursor = get_state(s, "pull_cursor")
    size = page_size
    page = client.pull(cursor, size)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull") as pool:
        while True:
            if not page.changes and not page.has_more and page.cursor == cursor:
                with db.read() as s:
                    parked = get_json(s, "sync_parked")
                if not parked:
                    return page.conflicts  # nothing new or waiting: no write (a quiet sync)
            following = None
            if page.has_more:
                size = min(size * 2, MAX_PAGE) if page.snapshot else page_size
                following = pool.submit(client.pull, page.cursor, size)
            with local_write(db) as s:
                applied, skipped, top = apply_page(
                    session=s, page=page, station=station, summary=summary
                )
                set_state(s, "pull_cursor", page.cursor)
                removed = any(c.op == REMOVE_OP for c in page.changes)
                _touch(s, TABLE_ORDER if removed else {c.table for c in page.changes})
            db.clock.observe(top)
            summary.pulled += applied
            summary.skipped += skipped
            if progress:
                progress("pull", summary.pulled, 0)
            if following is None:
                return page.conflicts
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
        listed = pull_changes(
            db=db, client=client, summary=summary, page_size=page_size, progress=progress
        )
        conflicts = listed if listed is not None else client.conflicts().conflicts
        open_ = [c for c in conflicts if c.status == "open"]
        summary.conflicts = len(open_)
        stamp = (now or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
        compare = _tables_to_compare(db, stamp[:10])
        if compare:
            some = compare if len(compare) < len(TABLE_ORDER) else None
            county_counts = client.counts(some).tables
            with db.read() as s:
                mine = local_counts(session=s, village=db.station_code, tables=compare)
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
    progress: Progress | None = None,
    now: Callable[[], datetime] | None = None,
) -> SyncSummary:
    """Enrol the open station database (the counter's 同步 page): the token must be for this
    village. Exchanges it for credentials, then syncs (push the outbox, pull a snapshot)."""
    client.document_key = document_key(db)
    result = client.enrol(token)
    if db.station_code != result.village_code:
        raise ValueError(
            f"this station is village {db.station_code}; the token is for {result.village_code}"
        )
    _store_credentials(db, server_url, result)
    client.secret = result.secret
    return sync_once(db=db, client=client, progress=progress, now=now)
