"""The county server's database: a SQLite file or PostgreSQL, from a URL.

Same models and Alembic migrations as a counter. Writes that append to the change log take
``lock_change_log`` first, so change-log sequence numbers are handed out in commit order (see
``lock_change_log``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from villagedesk.store.database import make_sqlite_engine
from villagedesk.store.migrate import upgrade_to_head

# Any constant works; it only has to be the same in every worker of one county.
CHANGE_LOG_LOCK_KEY = 0x7D5E_0001


class ServerDatabase:
    """Engine and sessions of a county database (stateless: several workers may share it)."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.sqlite_path: Path | None = None
        self.engine: Engine
        writer: Engine
        if self.url.get_backend_name() == "sqlite":
            database = self.url.database or ""
            if not database or database == ":memory:":
                raise ValueError("the county server needs a SQLite file, not an in-memory db")
            self.sqlite_path = Path(database)
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = make_sqlite_engine(self.sqlite_path)
            writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)
            writer = self.engine
        self._write_sessions = sessionmaker(bind=writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    def migrate(self) -> Path | None:
        return upgrade_to_head(self.engine, sqlite_path=self.sqlite_path)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        session = self._write_sessions()
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
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def lock_change_log(session: Session) -> None:
    """Serialise the writers of the change log until this transaction ends.

    A reader pulls "every change after seq N". With a plain sequence, transaction A could take
    seq 10, transaction B seq 11 and commit first; a station pulling then would move its cursor
    to 11 and never see 10. Holding a transaction-level advisory lock from before the first
    sequence number is drawn until commit means numbers are drawn in commit order, so every
    number below a visible one is already committed (or rolled back, leaving a harmless gap).
    Pushes are short, so serialising them costs little; it also makes the read-merge-write of a
    row and the duplicate-ID check race-free across workers. On SQLite, the write transaction
    (BEGIN IMMEDIATE) already is that lock.
    """
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK_KEY})
