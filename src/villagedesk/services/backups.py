"""Backups of the station database file: automatic, rotating, verified; restore by a supervisor.

A backup is a SQLCipher copy under the station key (as encrypted as the database), written as
``.partial`` and renamed when complete, then *verified*: opened with the key and run through
``check`` (the integrity checks of ``villagedesk check``). Backups are made at start-up, every
few hours of work (``backup_due``), before every schema migration (store.migrate) and before
every restore; the oldest are rotated away per kind.

Restoring (supervisor only) never loses an outbox entry: the entries not yet acknowledged by
the county are exported from the current database and appended again to the restored one, so
the county still receives them (and sends the rows back on the next pull). After a restore,
sync pauses (``sync.paused_after_restore`` in sync_state) until a supervisor confirms.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from villagedesk.services.context import Actor, require_supervisor
from villagedesk.services.integrity import Fault, check_database
from villagedesk.store import crypto
from villagedesk.store.audit import append_audit
from villagedesk.store.database import RESTORING_SUFFIX, Database
from villagedesk.store.migrate import (
    PARTIAL_SUFFIX,
    backup_sqlite,
    current_revision,
    shipped_head,
    upgrade_to_head,
)
from villagedesk.store.models import OutboxEntry, Station, SyncState

AUTO_EVERY = timedelta(hours=3)
AUTO_LABELS = ("start", "periodic")
PAUSE_KEY = "sync.paused_after_restore"
ACKED_KEY = "outbox_acked_seq"
# How many of each kind are kept: automatic, manual, before a restore, before a migration.
KEEP = {"auto": 12, "manual": 10, "pre-restore": 5, "migration": 5}
_NAME = re.compile(r"\.backup-(?P<label>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})$")


class BackupFailed(RuntimeError):
    """The copy could not be made, or does not open and check clean (it was removed)."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size: int
    label: str = ""
    faults: int = 0  # what ``check`` found in the copy (0: verified clean)

    @property
    def kind(self) -> str:
        if self.label in AUTO_LABELS:
            return "auto"
        if self.label in ("manual", "pre-restore"):
            return self.label
        return "migration"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path  # the database as it was just before the restore
    outbox_kept: int  # un-pushed outbox entries carried over into the restored database


@dataclass(frozen=True)
class SyncPause:
    at: str
    by: str
    backup: str


def _parse(path: Path, stem: str, suffix: str = ".db") -> tuple[str, datetime] | None:
    """(label, made) of a backup file name; None for anything else (a -wal or -shm beside a
    backup, a ``.partial`` copy, a stranger)."""
    name = path.name
    if not name.startswith(stem) or not suffix or not name.endswith(suffix):
        return None
    match = _NAME.match(name[len(stem) : len(name) - len(suffix)])
    if match is None:
        return None
    try:
        made = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None
    return match["label"], made


def _describe(path: Path, stem: str, suffix: str, faults: int = 0) -> BackupFile | None:
    parsed = _parse(path, stem, suffix)
    if parsed is None:
        return None
    label, made = parsed
    return BackupFile(path, made, path.stat().st_size, label, faults)


def verify_backup(*, db: Database, path: Path) -> list[Fault]:
    """Open a backup with the station key and run ``check`` on it. Raises BackupFailed when it
    does not open (wrong key, damaged, not a database)."""
    try:
        copy = Database(path, migrate=False, key=db.key)
    except (crypto.WrongKey, crypto.DatabaseError) as exc:
        raise BackupFailed(f"{path.name} does not open: {exc}") from exc
    try:
        if current_revision(copy.engine) != shipped_head():
            # made before a schema migration: the checks need the current schema, so only the
            # page-level check here (a restore checks it fully once brought up to date)
            with copy.engine.connect() as conn:
                result = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]
            return [] if result == ["ok"] else [Fault("integrity", "database", r) for r in result]
        with copy.read() as s:
            code = s.scalar(select(Station.code))
            if code is None:
                raise BackupFailed(f"{path.name} holds no station")
            return check_database(session=s, station=code)
    except crypto.DatabaseError as exc:
        raise BackupFailed(f"{path.name} cannot be read: {exc}") from exc
    finally:
        copy.close()


def make_backup(*, db: Database, label: str = "manual") -> BackupFile:
    """Copy the database now, verify the copy, rotate old backups of the same kind."""
    if not re.fullmatch(r"[a-z0-9_-]{1,40}", label):
        raise ValueError(f"bad backup label {label!r}")
    path = backup_sqlite(db.path, label=label, key=db.key)
    try:
        faults = verify_backup(db=db, path=path)
    except BackupFailed:
        crypto.wipe_file(path)
        raise
    described = _describe(path, db.path.stem, db.path.suffix, len(faults))
    assert described is not None
    rotate_backups(db=db)
    return described


def list_backups(*, db: Database) -> list[BackupFile]:
    """This database's backups, newest first (half-written ``.partial`` copies are removed)."""
    files = []
    for path in db.path.parent.glob(f"{db.path.stem}.backup-*"):
        if PARTIAL_SUFFIX in path.name:
            path.unlink(missing_ok=True)  # a backup cut by a crash: never a usable copy
            continue
        described = _describe(path, db.path.stem, db.path.suffix)
        if described is not None:
            files.append(described)
    return sorted(files, key=lambda b: b.made_at, reverse=True)


def rotate_backups(*, db: Database, keep: dict[str, int] | None = None) -> list[Path]:
    """Remove the oldest backups beyond ``KEEP`` per kind. Returns what was removed."""
    limits = keep or KEEP
    seen: dict[str, int] = {}
    removed = []
    for backup in list_backups(db=db):
        seen[backup.kind] = seen.get(backup.kind, 0) + 1
        if seen[backup.kind] > limits.get(backup.kind, 5):
            for side in ("-wal", "-shm", "-journal"):
                backup.path.with_name(backup.path.name + side).unlink(missing_ok=True)
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def backup_due(*, db: Database, now: datetime, every: timedelta = AUTO_EVERY) -> bool:
    """True when no automatic backup was made in the last ``every`` (a few hours of work)."""
    for backup in list_backups(db=db):
        if backup.kind == "auto":
            return now - backup.made_at >= every
    return True


def auto_backup(*, db: Database, now: datetime, at_start: bool = False) -> BackupFile | None:
    """The start-up backup, or a periodic one when due; None when none was due."""
    if not at_start and not backup_due(db=db, now=now):
        return None
    return make_backup(db=db, label="start" if at_start else "periodic")


# -- restore -----------------------------------------------------------------------------
def _pending_outbox(session: Session) -> list[dict[str, Any]]:
    value = session.scalar(select(SyncState.value).where(SyncState.key == ACKED_KEY))
    acked = int(value or "0")
    rows = session.scalars(select(OutboxEntry).where(OutboxEntry.seq > acked)).all()
    return [
        {
            "mutation_id": r.mutation_id,
            "table_name": r.table_name,
            "row_id": r.row_id,
            "op": r.op,
            "base_rev": r.base_rev,
            "new_rev": r.new_rev,
            "fields": r.fields,
            "base_fields": r.base_fields,
            "hlc": r.hlc,
            "station": r.station,
            "actor": r.actor,
        }
        for r in sorted(rows, key=lambda r: r.seq)
    ]


def _set_state(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _single_file(path: Path, key: bytes) -> bool:
    """Checkpoint the WAL into the file and leave WAL mode, so the database is one file
    (False when another connection keeps it in WAL mode)."""
    con = crypto.open_checked(path, key, isolation_level=None, timeout=2)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except crypto.DatabaseError:  # "database is locked": another connection holds it
        return False
    finally:
        con.close()
    return str(mode).lower() == "delete"


def restore_backup(*, db: Database, actor: Actor, backup: Path, now: datetime) -> RestoreResult:
    """Put a backup in place of the database (supervisor only).

    Steps (a power cut at any point leaves the old or the restored database, whole):
    1. verify the backup (opens with the key, ``check`` clean) and that it is this station's;
    2. export the outbox entries the county has not acknowledged;
    3. make a verified ``pre-restore`` backup of the database as it is;
    4. copy the backup to ``<db>.restoring``, bring it to the current schema, append the
       exported entries it lacks (same mutation ids: the county applies each once), set the
       sync pause, audit; check it;
    5. checkpoint the live database and leave WAL mode (one file), ``os.replace`` the restored
       file over it, fsync the folder. Leftovers of a cut restore are removed at next open.
    """
    require_supervisor(actor, action="restoring a backup")
    backup = Path(backup)
    if not backup.is_file() or _parse(backup, db.path.stem, db.path.suffix) is None:
        raise BackupFailed(f"{backup.name} is not a backup of this database")
    faults = verify_backup(db=db, path=backup)
    if faults:
        raise BackupFailed(f"{backup.name} does not check clean ({len(faults)} faults)")
    station = db.station_code
    with db.read() as s:
        pending = _pending_outbox(s)
    safety = make_backup(db=db, label="pre-restore")

    work = db.path.with_name(db.path.name + RESTORING_SUFFIX)
    for leftover in (work, *(work.with_name(work.name + x) for x in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    src = crypto.open_checked(backup, db.key)
    dst = crypto.connect(work, db.key)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    restored = Database(work, migrate=False, key=db.key)
    try:
        upgrade_to_head(restored.engine, sqlite_path=None, key=db.key)
        if restored.station_code != station:
            raise BackupFailed(f"{backup.name} belongs to station {restored.station_code}")
        with restored.write(actor=actor.username) as s:
            have = set(s.scalars(select(OutboxEntry.mutation_id)))
            missing = [e for e in pending if e["mutation_id"] not in have]
            if missing:
                s.execute(insert(OutboxEntry), missing)
            pause = {"at": now.isoformat(timespec="seconds"), "by": actor.username}
            _set_state(s, PAUSE_KEY, json.dumps({**pause, "backup": backup.name}))
            append_audit(
                s,
                actor=actor.username,
                action="backup.restore",
                target_table="station",
                target_id=station,
                details={"backup": backup.name, "outbox_kept": len(missing)},
            )
        with restored.read() as s:
            problems = check_database(session=s, station=station)
        if problems:
            raise BackupFailed(f"the restored database does not check clean: {problems[:3]}")
        restored.close()
        _single_file(work, db.key)
    except BaseException:
        restored.close()
        for leftover in (work, *(work.with_name(work.name + x) for x in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    _fsync(work)

    # The swap: the live file must be a single file (no WAL a new connection would replay).
    db.engine.dispose()
    if not _single_file(db.path, db.key):
        work.unlink(missing_ok=True)
        raise BackupFailed("the database is in use by another program; close it and retry")
    os.replace(work, db.path)
    crypto.fsync_dir(db.path.parent)
    db.engine.dispose()
    return RestoreResult(backup, safety.path, len(missing))


# -- the sync pause ----------------------------------------------------------------------
def sync_pause(*, session: Session) -> SyncPause | None:
    """Why sync is paused (a restore not yet confirmed by a supervisor), or None."""
    row = session.get(SyncState, PAUSE_KEY)
    if row is None or not row.value:
        return None
    try:
        data = json.loads(row.value)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    return SyncPause(str(data.get("at", "")), str(data.get("by", "")), str(data.get("backup", "")))


def pause_message(pause: SyncPause) -> str:
    return (
        f"sync is paused: the database was restored from {pause.backup} at {pause.at} by "
        f"{pause.by}; a supervisor must confirm before the station syncs again"
    )


def confirm_sync_after_restore(*, session: Session, actor: Actor) -> bool:
    """A supervisor lets sync run again after a restore. Returns False if it was not paused."""
    require_supervisor(actor, action="resuming sync after a restore")
    row = session.get(SyncState, PAUSE_KEY)
    if row is None:
        return False
    details = {"was": row.value}
    session.delete(row)
    append_audit(
        session,
        actor=actor.username,
        action="sync.resume_after_restore",
        target_table="sync_state",
        target_id=PAUSE_KEY,
        details=details,
    )
    return True
