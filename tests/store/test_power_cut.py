"""A process killed (SIGKILL) in the middle of a stream of writes loses nothing committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from villagedesk.services.integrity import check_database
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry, OutboxEntry, Person

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from villagedesk.domain.categories import Role
    from villagedesk.domain.idnumber import check_char
    from villagedesk.services.context import Actor
    from villagedesk.services.persons import register_person, edit_person
    from villagedesk.store.database import Database

    db = Database(sys.argv[1])
    actor = Actor("li", Role.SUPERVISOR)
    today = date(2026, 11, 27)
    i = 0
    while True:
        i += 1
        first17 = f"450422{1940 + i // 999}0101{i:03d}"
        number = first17 + check_char(first17)
        with db.write(actor="li") as s:
            p = register_person(session=s, actor=actor, today=today,
                                id_number=number, name="测试") if i < 999 else None
            if p is not None and i % 3 == 0:
                s.flush()
                edit_person(session=s, actor=actor, today=today, person_id=p.id,
                            changes={"phone": "1380000" + f"{i:04d}"})
        if p is None:
            break
        # Printed only after the commit returned: the parent treats it as durable.
        print(p.id, flush=True)
    """
)


@pytest.mark.slow
def test_sigkill_mid_stream_keeps_every_committed_change(db: Database, tmp_path: Path):
    db_file = str(db.path)
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), db_file], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    committed: list[str] = []
    deadline = time.monotonic() + 60
    while len(committed) < 60 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the next write
    proc.wait()
    assert len(committed) >= 60, "the writer did not get going"

    reopened = Database(db_file)
    with reopened.read() as s:
        assert check_database(session=s, station=reopened.station_code) == []
        present = set(s.scalars(select(Person.id)))
        captured = set(s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.op == "insert")))
        audited = set(s.scalars(select(AuditEntry.target_id)))
    missing = [pid for pid in committed if pid not in present]
    assert missing == []
    assert all(pid in captured for pid in committed)
    assert all(pid in audited for pid in committed)
    reopened.close()
