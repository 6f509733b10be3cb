"""Encryption at rest: a copied database file (or backup) alone reveals no resident's data."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from villagedesk.services.context import Actor
from villagedesk.store import crypto
from villagedesk.store.database import Database

NAME = "覃秀英"
ID_NUMBER = "450102199003070024"


def _register(db: Database, clerk: Actor) -> None:
    from villagedesk.services.persons import register_person

    with db.write(actor=clerk.username) as s:
        register_person(
            session=s, actor=clerk, today=date(2026, 11, 27), id_number=ID_NUMBER, name=NAME
        )


def _all_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            data += side.read_bytes()
    return data


def _secrets() -> list[bytes]:
    return [
        NAME.encode("utf-8"),
        ID_NUMBER.encode("ascii"),
        ID_NUMBER[:14].encode("ascii"),
        NAME.encode("utf-16-le"),
        NAME.encode("gb18030"),
    ]


def test_the_raw_bytes_of_the_database_and_its_backup_hold_no_name_or_id(
    db: Database, clerk: Actor
):
    from villagedesk.services.backups import make_backup

    _register(db, clerk)
    backup = make_backup(db=db, label="manual")
    with db.write(actor="x"):
        pass
    for path in (db.path, backup.path):
        raw = _all_bytes(path)
        assert len(raw) > 4096
        assert not raw.startswith(crypto.SQLITE_MAGIC)
        for secret in _secrets():
            assert secret not in raw, f"{secret!r} readable in {path.name}"
    # and the plain sqlite3 module cannot read it
    con = sqlite3.connect(db.path)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT count(*) FROM persons").fetchall()
    con.close()


def test_a_copy_of_the_file_does_not_open_with_another_key(db: Database, tmp_path: Path):
    copy = tmp_path / "stolen.db"
    db.close()
    copy.write_bytes(db.path.read_bytes())
    with pytest.raises(crypto.WrongKey):
        Database(copy, key=os.urandom(32))


def test_the_key_file_is_private_and_stable(db: Database):
    path = crypto.key_file_path()
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert crypto.database_key() == db.key
    crypto._cache.clear()
    assert crypto.database_key() == db.key  # read back from the file


def test_a_missing_key_is_a_clear_error(db: Database, tmp_path: Path, monkeypatch):
    db.close()
    monkeypatch.setenv(crypto.KEY_ENV, str(tmp_path / "elsewhere" / "none.key"))
    with pytest.raises(crypto.KeyUnavailable, match="cannot be opened"):
        Database(db.path)


def _make_plain(path: Path) -> None:
    """A plain database as made by villagedesk 0.1 (before encryption): the schema fixture."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "schema-0001.db"
    path.write_bytes(fixture.read_bytes())


def test_a_plain_database_is_encrypted_in_place_with_nothing_lost(tmp_path: Path):
    from villagedesk.services.integrity import check_database
    from villagedesk.store.models import Person

    path = tmp_path / "station.db"
    _make_plain(path)
    plain = sqlite3.connect(path)
    names = sorted(r[0] for r in plain.execute("SELECT name FROM persons"))
    plain.close()
    assert names
    db = Database(path)
    assert not crypto.file_is_plain_sqlite(path)
    with db.read() as s:
        assert sorted(s.scalars(select(Person.name))) == names
        assert check_database(session=s, station=db.station_code) == []
    raw = _all_bytes(path)
    assert names[0].encode() not in raw
    leftovers = [p.name for p in tmp_path.iterdir() if "encrypting" in p.name or "wipe" in p.name]
    assert leftovers == []
    # the backup made before the schema migration is encrypted too
    assert db.last_backup is not None
    assert not crypto.file_is_plain_sqlite(db.last_backup)
    assert names[0].encode() not in db.last_backup.read_bytes()
    db.close()


def test_an_interrupted_encryption_before_the_swap_keeps_the_plain_database(tmp_path: Path):
    path = tmp_path / "station.db"
    _make_plain(path)
    # a crash left a half copy and the hard link to the (still current) plain file
    (tmp_path / "station.db.encrypting").write_bytes(b"half a copy")
    os.link(path, tmp_path / "station.db.plain-wipe")
    db = Database(path)
    with db.read() as s:
        from villagedesk.store.models import Person

        assert s.scalar(select(func.count()).select_from(Person))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("station.db.")) == []


def test_an_interrupted_encryption_after_the_swap_wipes_the_plain_bytes(tmp_path: Path):
    path = tmp_path / "station.db"
    _make_plain(path)
    link = tmp_path / "station.db.plain-wipe"
    link.write_bytes(path.read_bytes())  # the old plain inode, no longer the database
    Database(path).close()
    assert not link.exists()
