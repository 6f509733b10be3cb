"""Opening a station database: engine, SQLite pragmas, migration, sessions with capture."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from villagedesk.store import crypto
from villagedesk.store.capture import CaptureSession
from villagedesk.store.clock import HybridClock
from villagedesk.store.migrate import upgrade_to_head
from villagedesk.store.models.system import AuditEntry, OutboxEntry, Station

BUSY_TIMEOUT_MS = 10_000
RESTORING_SUFFIX = ".restoring"  # a restore being prepared (services.backups.restore_backup)


class NoStation(RuntimeError):
    """The database has no station yet: run ``villagedesk init`` (or the setup wizard)."""


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" hook below issues BEGIN itself,
    # so a write transaction can take the write lock up front (BEGIN IMMEDIATE).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # FULL: a commit is on disk before it returns - money records survive a power cut.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def make_station_engine(path: Path, *, key: bytes) -> Engine:
    """An engine over the SQLCipher-encrypted station file, unlocked with ``key``."""
    import sqlcipher3.dbapi2
    from sqlalchemy.pool import QueuePool

    target = str(path)

    def connect() -> Any:
        # check_same_thread off: the pool hands a connection to one thread at a time (the GUI's
        # worker threads), as SQLAlchemy's own pysqlite file pool does.
        return crypto.connect(target, key, check_same_thread=False)

    engine = create_engine(
        "sqlite://",
        creator=connect,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        future=True,
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "connect", _station_cache)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


# Decrypted pages kept per connection (KiB): SQLCipher decrypts every page it reads from the
# OS cache, so a whole-station pass (work-lists, report) is much faster with the station's
# hot pages held decrypted. A page of the cache is only in this process's memory.
STATION_CACHE_KIB = 65_536


def _station_cache(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA cache_size=-{STATION_CACHE_KIB}")
    cur.close()


def prepare_station_file(path: Path, *, key: bytes | None = None) -> bytes:
    """The key that opens the station file at ``path``, after encrypting a plain file in place
    (and tidying an interrupted encryption). Raises KeyUnavailable / WrongKey."""
    crypto.finish_interrupted_encryption(path)
    work = path.with_name(path.name + RESTORING_SUFFIX)
    for leftover in (work, *(work.with_name(work.name + x) for x in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)  # a restore cut before its swap: the database is whole
    exists = path.exists() and path.stat().st_size > 0
    plain = crypto.file_is_plain_sqlite(path)
    if key is None:
        key = crypto.database_key(create=not exists or plain)
    if plain:
        crypto.encrypt_plain_database(path, key)
        # backups made before encryption hold the same resident data in the clear
        for old in sorted(path.parent.glob(f"{path.stem}.backup-*{path.suffix}")):
            if crypto.file_is_plain_sqlite(old):
                crypto.encrypt_plain_database(old, key)
    elif exists:
        crypto.open_checked(path, key).close()
    return key


def open_station_connection(path: Path | str, *, key: bytes | None = None, **kwargs: Any) -> Any:
    """A raw (DB-API) connection to an encrypted station file: for tools and tests that need
    SQL below the ORM (``kwargs`` as for sqlite3.connect). Fails clearly with a wrong or missing
    key."""
    if key is None:
        key = crypto.database_key(create=False)
    return crypto.open_checked(path, key, **kwargs)


class Database:
    """A station database file.

    ``write()`` gives a capturing session in a ``BEGIN IMMEDIATE`` transaction, committed on
    success and rolled back on error; ``read()`` gives a plain session for queries.
    """

    def __init__(self, path: Path | str, *, migrate: bool = True, key: bytes | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.key = prepare_station_file(self.path, key=key)
        self.engine = make_station_engine(self.path, key=self.key)
        self.last_backup: Path | None = None
        if migrate:
            self.last_backup = upgrade_to_head(self.engine, sqlite_path=self.path, key=self.key)
        self._writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(
            bind=self._writer, class_=CaptureSession, expire_on_commit=False
        )
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._station: str | None = None
        self._clock: HybridClock | None = None

    # -- station and clock -------------------------------------------------------------
    @property
    def station_code(self) -> str:
        if self._station is None:
            with self.read() as s:
                code = s.scalar(select(Station.code))
            if code is None:
                raise NoStation(f"{self.path} has no station; run `villagedesk init` first")
            self._station = code
        return self._station

    def has_station(self) -> bool:
        try:
            _ = self.station_code
        except NoStation:
            return False
        return True

    @property
    def clock(self) -> HybridClock:
        if self._clock is None:
            clock = HybridClock(self.station_code)
            with self.read() as s:
                for stamp in (
                    s.scalar(select(func.max(OutboxEntry.hlc))),
                    s.scalar(select(func.max(AuditEntry.hlc))),
                ):
                    clock.observe(stamp or "")
            self._clock = clock
        return self._clock

    # -- sessions ------------------------------------------------------------------------
    @contextmanager
    def write(self, *, actor: str = "system") -> Iterator[Session]:
        session = self._write_sessions(
            info={"clock": self.clock, "station": self.station_code, "actor": actor}
        )
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._read_sessions()
        try:
            yield session
        finally:
            # close() ends the read transaction and detaches rows with their values loaded,
            # so callers may use what they read after the block.
            session.close()

    @contextmanager
    def bootstrap(self) -> Iterator[Session]:
        """A write session usable before the station row exists (only ``init`` needs it)."""
        session = self._read_sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
