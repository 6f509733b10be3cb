"""One sync session of a counter: push the outbox, pull the county's changes, refresh the
conflict list, compare counts. Safe to cut at any point and run again.

Local state (``sync_state`` keys): ``outbox_acked_seq`` (last outbox seq the county
answered for), ``pull_cursor``, ``station_secret``, ``last_sync_at``, ``open_conflicts`` and
``sync_conflicts`` (a JSON list of the county's conflicts about this village, for the 同步 page).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from villagedesk.store.base import new_uuid
from villagedesk.store.capture import synced_table
from villagedesk.store.database import Database
from villagedesk.store.models import OutboxEntry, Station, SyncState
from villagedesk.sync.client import Progress, SyncClient
from villagedesk.sync.protocol import Mutation, PullPage
from villagedesk.sync.tables import TABLE_ORDER, TABLES, attr_to_column, checksum, from_wire
from villagedesk.sync.tables import visible_ids as _visible_ids

EXIT_OK = 0
EXIT_MISMATCH = 1  # finished, but the counts differ from the county's
EXIT_OFFLINE = 3
EXIT_REFUSED = 4
EXIT_CONFLICTS = 5  # finished; conflicts wait for a person
EXIT_FAILED = 6
EXIT_BUSY = 7  # another sync is running

PUSH_BATCH = 300
PULL_PAGE = 1000
RESTORE_OP = "restore"  # marks own rows brought back by a snapshot (never pushed)


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
    skipped: int = 0  # pulled rows left for the next sync (edited here meanwhile)
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
    session.merge(SyncState(key=key, value=value))


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


def push_outbox(
    *,
    db: Database,
    client: SyncClient,
    summary: SyncSummary,
    batch: int = PUSH_BATCH,
    progress: Progress | None = None,
) -> None:
    """Push every outbox entry after ``outbox_acked_seq``; the position moves only after the
    county's answer, so a cut batch is simply sent again (the county ignores replays)."""
    with db.read() as s:
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        total = len(s.scalars(select(OutboxEntry.seq).where(OutboxEntry.seq > acked)).all())
    done = 0
    while True:
        with db.read() as s:
            entries = list(
                s.scalars(
                    select(OutboxEntry)
                    .where(OutboxEntry.seq > acked)
                    .order_by(OutboxEntry.seq)
                    .limit(batch)
                )
            )
        if not entries:
            return
        mutations = [_mutation(e) for e in entries if e.op != RESTORE_OP]
        if mutations:
            result = client.push(mutations)
            for r in result.results:
                if r.status == "held":
                    summary.held += 1
                summary.new_conflicts += len(r.conflict_ids)
        acked = entries[-1].seq
        with local_write(db) as s:
            set_state(s, "outbox_acked_seq", str(acked))
        summary.pushed += len(mutations)
        done += len(entries)
        if progress:
            progress("push", done, total)


# -- pull ----------------------------------------------------------------------------------
def _pending(session: Session, acked: int) -> set[tuple[str, str]]:
    rows = session.execute(
        select(OutboxEntry.table_name, OutboxEntry.row_id).where(OutboxEntry.seq > acked)
    )
    return {(t, r) for t, r in rows}


def apply_page(*, session: Session, page: PullPage, station: str) -> tuple[int, int, str]:
    """Write a pulled page as the county has it (rev, stamps, origin kept; not captured).

    Rows with local edits not yet acknowledged are left alone: the next push merges them at
    the county, which logs the row again for the next pull. Returns (applied, skipped, max hlc).
    """
    session.execute(text("PRAGMA defer_foreign_keys=ON"))
    acked = int(get_state(session, "outbox_acked_seq", "0"))
    pending = _pending(session, acked)
    applied = skipped = 0
    top = ""
    own: list[tuple[str, str, int, str]] = []
    for change in page.changes:
        spec = TABLES.get(change.table)
        if spec is None:  # a table this (older) counter does not know
            continue
        if (change.table, change.row_id) in pending:
            skipped += 1
            continue
        values = {
            key: from_wire(spec.columns[key], value)
            for key, value in change.fields.items()
            if key in spec.columns  # a newer county's extra columns are not ours to blank
        }
        values.update(
            id=change.row_id,
            rev=change.rev,
            created_hlc=change.created_hlc,
            updated_hlc=change.hlc,
            origin=change.origin,
            deleted=change.deleted,
        )
        full = dict(values)
        for key, make in synced_table(spec.model).defaults:
            if full.get(key) is None and key not in values:
                full[key] = make()
        names = attr_to_column(spec)
        table = spec.model.__table__  # type: ignore[attr-defined]
        row = {names[k]: v for k, v in full.items()}
        updates = {names[k]: v for k, v in values.items() if k != "id"}
        session.execute(
            sqlite_insert(table)
            .values(row)
            .on_conflict_do_update(index_elements=["id"], set_=updates)
        )
        applied += 1
        top = max(top, change.hlc)
        if change.hlc.endswith(f"-{station}"):
            own.append((change.table, change.row_id, change.rev, change.hlc))
    if own:
        _restore_outbox(session, own, station, acked)
    return applied, skipped, top


def _restore_outbox(
    session: Session, own: list[tuple[str, str, int, str]], station: str, acked: int
) -> None:
    """Rows made here that came back in a snapshot (a reinstalled laptop) get an
    already-acknowledged outbox entry, so "every row changed here is in the outbox" holds."""
    ids = [row_id for _t, row_id, _r, _h in own]
    have: set[tuple[str, str, int]] = set(
        session.execute(
            select(OutboxEntry.table_name, OutboxEntry.row_id, OutboxEntry.new_rev).where(
                OutboxEntry.row_id.in_(ids)
            )
        ).all()
    )
    missing = [o for o in own if (o[0], o[1], o[2]) not in have]
    for table, row_id, rev, hlc in missing:
        session.add(
            OutboxEntry(
                mutation_id=new_uuid(),
                table_name=table,
                row_id=row_id,
                op=RESTORE_OP,
                base_rev=rev,
                new_rev=rev,
                fields={},
                base_fields={},
                hlc=hlc,
                station=station,
                actor="sync",
            )
        )
    if missing:
        session.flush()
        # Nothing was pending (own rows are only applied when no local edit waits), so the
        # restored entries may be acknowledged along with everything before them.
        if not _pending(session, acked) - {(t, r) for t, r, _v, _h in missing}:
            top = session.scalar(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc()))
            set_state(session, "outbox_acked_seq", str(top or acked))


def pull_changes(
    *,
    db: Database,
    client: SyncClient,
    summary: SyncSummary,
    page_size: int = PULL_PAGE,
    progress: Progress | None = None,
) -> None:
    station = db.station_code
    while True:
        with db.read() as s:
            cursor = get_state(s, "pull_cursor")
        page = client.pull(cursor, page_size)
        with local_write(db) as s:
            applied, skipped, top = apply_page(session=s, page=page, station=station)
            set_state(s, "pull_cursor", page.cursor)
        db.clock.observe(top)
        summary.pulled += applied
        summary.skipped += skipped
        if progress:
            progress("pull", summary.pulled, 0)
        if not page.has_more:
            return


# -- the session ---------------------------------------------------------------------------
def local_counts(*, session: Session, village: str) -> dict[str, tuple[int, str]]:
    return {
        name: checksum(session.execute(_visible_ids(TABLES[name], village))) for name in TABLE_ORDER
    }


def client_for(db: Database, **kwargs: Any) -> SyncClient:
    with db.read() as s:
        st = s.scalar(select(Station))
        secret = get_state(s, "station_secret")
    if st is None or not st.server_url or not secret:
        raise NotEnrolled(
            "this station is not enrolled with a county server: run `villagedesk enrol`"
        )
    return SyncClient(st.server_url, secret=secret, **kwargs)


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
        push_outbox(db=db, client=client, summary=summary, batch=push_batch, progress=progress)
        pull_changes(db=db, client=client, summary=summary, page_size=page_size, progress=progress)
        conflicts = client.conflicts().conflicts
        open_ = [c for c in conflicts if c.status == "open"]
        summary.conflicts = len(open_)
        county_counts = client.counts().tables
        with db.read() as s:
            mine = local_counts(session=s, village=db.station_code)
        for name, (count, digest) in mine.items():
            theirs = county_counts.get(name)
            if theirs is None:
                continue
            if theirs.count != count or theirs.checksum != digest:
                summary.mismatches.append(
                    f"{name}: here {count} rows, county {theirs.count} rows"
                    + ("" if theirs.count != count else " (revisions differ)")
                )
        stamp = (now or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
        with local_write(db) as s:
            set_state(
                s,
                "sync_conflicts",
                json.dumps([c.model_dump(mode="json") for c in conflicts], ensure_ascii=False),
            )
            set_state(s, "open_conflicts", str(len(open_)))
            set_state(s, "last_sync_at", stamp)
            set_state(
                s,
                "last_sync_result",
                json.dumps({**summary.as_dict(), "seconds": round(time.monotonic() - started, 3)}),
            )
    summary.bytes_sent = client.bytes_sent
    summary.bytes_received = client.bytes_received
    summary.bytes = client.bytes_sent + client.bytes_received
    summary.round_trips = client.round_trips
    summary.seconds = round(time.monotonic() - started, 3)
    return summary


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
    result = client.enrol(token)
    existing = Database(db_path) if db_path.exists() else None
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
    with local_write(db) as s:
        st = s.scalar(select(Station))
        assert st is not None
        st.server_url = server_url.rstrip("/")
        st.enrolment_token = ""
        set_state(s, "station_secret", result.secret)
        set_state(s, "pull_cursor", "")  # start with a snapshot
    client.secret = result.secret
    summary = sync_once(db=db, client=client, now=now)
    return db, summary
