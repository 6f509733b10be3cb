"""Opening a database: migrated to head after a backup, refused when it is too new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from villagedesk.store.database import Database, make_station_engine, open_station_connection
from villagedesk.store.migrate import (
    DatabaseTooNew,
    alembic_config,
    current_revision,
    head_revision,
)


def test_a_new_database_is_created_at_the_head_revision(tmp_path: Path):
    db = Database(tmp_path / "new.db")
    assert current_revision(db.engine) == head_revision()
    assert db.last_backup is None  # nothing to back up
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_older_database_is_backed_up_then_migrated(tmp_path: Path):
    path = tmp_path / "old.db"
    first = Database(path)
    first.close()
    engine = make_station_engine(path, key=first.key)
    # Make it "older": back to the base revision, with a table of precious data left behind.
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        conn.execute(text("CREATE TABLE keepsake (note TEXT)"))
        conn.execute(text("INSERT INTO keepsake VALUES ('do not lose me')"))
    engine.dispose()

    db = Database(path)
    assert current_revision(db.engine) == head_revision()
    assert db.last_backup is not None and db.last_backup.exists()
    con = open_station_connection(db.last_backup)
    assert con.execute("SELECT note FROM keepsake").fetchall() == [("do not lose me",)]
    con.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "future.db"
    Database(path).close()
    con = open_station_connection(path)
    con.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew, match="newer villagedesk"):
        Database(path)
    con = open_station_connection(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
        ("9999_from_the_future",)
    ]
    con.close()


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("saved", sorted(FIXTURES.glob("schema-*.db")), ids=lambda p: p.name)
def test_every_released_schema_opens_migrated_and_checks_clean(saved: Path, tmp_path: Path):
    """A database saved by each released schema upgrades to head with nothing lost."""
    from sqlalchemy import func, select

    from villagedesk.services.integrity import check_database
    from villagedesk.store.models import Person

    work = tmp_path / saved.name
    work.write_bytes(saved.read_bytes())
    before = sqlite3.connect(work).execute("SELECT count(*) FROM persons").fetchone()[0]
    db = Database(work)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == before > 0
        assert check_database(session=s, station=db.station_code) == []
    assert current_revision(db.engine) == head_revision()


def test_the_migrations_build_exactly_the_models(tmp_path: Path):
    """A model change without its migration would blank or lose data on upgrade."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from villagedesk.store import models  # noqa: F401
    from villagedesk.store.base import Base

    db = Database(tmp_path / "fresh.db")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
