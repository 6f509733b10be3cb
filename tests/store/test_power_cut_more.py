"""Power cuts (SIGKILL) during a schema migration, the plain -> encrypted migration, a backup,
a restore and a county-list import: each time the database opens, ``check`` passes and
nothing committed is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from villagedesk.services.integrity import check_database
from villagedesk.store import crypto
from villagedesk.store.database import Database, open_station_connection
from villagedesk.store.migrate import current_revision, head_revision
from villagedesk.store.models import Person, PersonStatus

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-0001.db"
SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run_and_kill(script: str, args: list[str], delay: float, tmp_path: Path) -> str:
    """Start ``script``; once it prints ``go``, wait ``delay`` seconds and SIGKILL it.
    Returns everything it printed (``done`` when it finished before the kill)."""
    path = tmp_path / "victim.py"
    path.write_text(textwrap.dedent(script), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, str(path), *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    out = [proc.stdout.readline()]
    assert out[0].strip() == "go", out
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    return "".join(out) + (rest or "")


def _whole(path: Path) -> tuple[int, Database]:
    db = Database(path)
    with db.read() as s:
        assert check_database(session=s, station=db.station_code) == []
        persons = s.scalar(select(func.count()).select_from(Person)) or 0
    return persons, db


def _fixture_persons() -> int:
    import sqlite3

    con = sqlite3.connect(FIXTURE)
    try:
        return int(con.execute("SELECT count(*) FROM persons").fetchone()[0])
    finally:
        con.close()


OPEN = """
    import sys
    from villagedesk.store.database import Database
    print("go", flush=True)
    Database(sys.argv[1]).close()
    print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.6, 1.0])
def test_a_cut_while_encrypting_and_migrating_an_old_plain_database(tmp_path: Path, delay):
    """The saved 0001 database is plain: opening it encrypts it, then migrates the schema."""
    path = tmp_path / "station.db"
    path.write_bytes(FIXTURE.read_bytes())
    expected = _fixture_persons()
    _run_and_kill(OPEN, [str(path)], delay, tmp_path)
    persons, db = _whole(path)
    assert persons == expected
    assert current_revision(db.engine) == head_revision()
    db.close()
    assert not crypto.file_is_plain_sqlite(path)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith((".encrypting", "-wipe"))]
    assert leftovers == []
    for backup in tmp_path.glob("station.backup-*.db"):
        assert not crypto.file_is_plain_sqlite(backup)


def _older_encrypted(path: Path) -> int:
    """An encrypted station at the first schema revision, with the fixture's persons."""
    path.write_bytes(FIXTURE.read_bytes())
    key = crypto.database_key()
    crypto.encrypt_plain_database(path, key)
    con = open_station_connection(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        return int(con.execute("SELECT count(*) FROM persons").fetchone()[0])
    finally:
        con.close()


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4, 0.8])
def test_a_cut_during_a_schema_migration(tmp_path: Path, delay):
    path = tmp_path / "station.db"
    expected = _older_encrypted(path)
    _run_and_kill(OPEN, [str(path)], delay, tmp_path)
    persons, db = _whole(path)
    assert persons == expected
    assert current_revision(db.engine) == head_revision()
    db.close()


BACKUPS = """
    import sys
    from villagedesk.services.backups import make_backup
    from villagedesk.store.database import Database
    db = Database(sys.argv[1])
    print("go", flush=True)
    while True:
        make_backup(db=db, label="periodic")
"""


@pytest.mark.parametrize("delay", [0.1, 0.35, 0.7])
def test_a_cut_during_a_backup(db: Database, tmp_path: Path, clerk, today, delay):
    from helpers import make_id
    from villagedesk.services.backups import list_backups, verify_backup
    from villagedesk.services.persons import register_person

    with db.write(actor=clerk.username) as s:
        for i in range(30):
            register_person(
                session=s,
                actor=clerk,
                today=today,
                id_number=make_id(date(1950 + i, 2, 3), i + 1),
                name="覃" + "一二三四五六七八九十"[i % 10],
            )
    db.close()
    _run_and_kill(BACKUPS, [str(db.path)], delay, tmp_path)
    persons, again = _whole(db.path)
    assert persons == 30
    made = list_backups(db=again)
    assert made, "no backup finished"
    for backup in made:  # a cut backup is never listed as one; every listed one is whole
        assert verify_backup(db=again, path=backup.path) == []
    assert not list(db.path.parent.glob("*.partial"))
    again.close()


RESTORE = """
    import sys
    from datetime import datetime
    from villagedesk.domain.categories import Role
    from villagedesk.services.backups import list_backups, restore_backup
    from villagedesk.services.context import Actor
    from villagedesk.store.database import Database
    db = Database(sys.argv[1])
    backup = list_backups(db=db)[0].path
    print("go", flush=True)
    restore_backup(db=db, actor=Actor("li", Role.SUPERVISOR), backup=backup, now=datetime.now())
    print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.4, 0.8])
def test_a_cut_during_a_restore_leaves_the_old_or_the_restored_database(
    db: Database, tmp_path: Path, clerk, today, delay
):
    from helpers import make_id
    from villagedesk.services.backups import make_backup, sync_pause
    from villagedesk.services.persons import register_person

    def add(n: int, start: int) -> None:
        with db.write(actor=clerk.username) as s:
            for i in range(start, start + n):
                register_person(
                    session=s,
                    actor=clerk,
                    today=today,
                    id_number=make_id(date(1950 + i % 40, 2, 3), i + 1),
                    name="韦" + "一二三四五六七八九十"[i % 10],
                )

    add(20, 0)
    make_backup(db=db, label="manual")
    add(10, 20)  # after the backup, not synced: kept in the outbox by a restore
    db.close()
    printed = _run_and_kill(RESTORE, [str(db.path)], delay, tmp_path)
    persons, again = _whole(db.path)
    with again.read() as s:
        paused = sync_pause(session=s) is not None
    if paused:  # the restore went through: the backup's persons, sync waits
        assert persons == 20
    else:  # cut before the swap: the database as it was
        assert persons == 30 and "done" not in printed
    assert not list(db.path.parent.glob("*.restoring*"))
    again.close()


IMPORT = """
    import sys
    from datetime import date
    from pathlib import Path
    from villagedesk.domain.categories import Role
    from villagedesk.services.context import Actor
    from villagedesk.services.roster import apply_roster
    from villagedesk.store.database import Database
    db = Database(sys.argv[1])
    print("go", flush=True)
    with db.write(actor="li") as s:
        apply_roster(session=s, actor=Actor("li", Role.SUPERVISOR), path=Path(sys.argv[2]),
                     today=date(2026, 11, 27))
    print("done", flush=True)
"""


@pytest.mark.parametrize("delay", [0.1, 0.5, 1.0, 2.0])
def test_a_cut_during_a_county_list_import_applies_all_or_nothing(
    db: Database, tmp_path: Path, clerk, today, delay
):
    import csv

    from helpers import make_id
    from villagedesk.services.persons import register_person

    rows = []
    with db.write(actor=clerk.username) as s:
        for i in range(400):
            number = make_id(date(1950 + i % 50, 1 + i % 12, 1 + i % 28), i + 1)
            name = "黄" + "一二三四五六七八九十"[i % 10]
            register_person(session=s, actor=clerk, today=today, id_number=number, name=name)
            rows.append([number, name, "disability", 2, "2026-06-01", "", ""])
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(PersonStatus)) or 0
    db.close()
    roster = tmp_path / "county.csv"
    with roster.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id_number", "name", "kind", "level", "date", "year", "note"])
        writer.writerows(rows)
    printed = _run_and_kill(IMPORT, [str(db.path), str(roster)], delay, tmp_path)
    persons, again = _whole(db.path)
    assert persons == 400
    with again.read() as s:
        after = s.scalar(select(func.count()).select_from(PersonStatus)) or 0
    assert after - before in (0, 400)  # all or nothing
    if "done" in printed:
        assert after - before == 400
    again.close()
