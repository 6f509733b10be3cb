"""Backups: verified, rotated, made when due; restore by a supervisor keeps the outbox and
pauses sync until a supervisor confirms."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.services.backups import (
    PAUSE_KEY,
    BackupFailed,
    auto_backup,
    backup_due,
    confirm_sync_after_restore,
    list_backups,
    make_backup,
    restore_backup,
    rotate_backups,
    sync_pause,
    verify_backup,
)
from villagedesk.services.context import PermissionDenied
from villagedesk.services.integrity import check_database
from villagedesk.services.persons import register_person
from villagedesk.store import crypto
from villagedesk.store.models import OutboxEntry, Person, SyncState


def _register(db, clerk, today, n: int, name: str = "韦") -> list[str]:
    ids = []
    with db.write(actor=clerk.username) as s:
        for i in range(n):
            p = register_person(
                session=s,
                actor=clerk,
                today=today,
                id_number=make_id(date(1960 + i, 1, 1), ord(name) % 400 + i),
                name=name + "一二三四五六七八九十"[i],
            )
            ids.append(p.id)
    return ids


def _ack_all(db) -> None:
    with db.write() as s:
        top = s.scalar(select(func.max(OutboxEntry.seq))) or 0
        row = s.get(SyncState, "outbox_acked_seq")
        if row is None:
            s.add(SyncState(key="outbox_acked_seq", value=str(top)))
        else:
            row.value = str(top)


def test_a_backup_is_verified_encrypted_and_listed(db, clerk, today):
    _register(db, clerk, today, 3)
    made = make_backup(db=db, label="manual")
    assert made.faults == 0 and made.kind == "manual"
    assert not crypto.file_is_plain_sqlite(made.path)
    assert verify_backup(db=db, path=made.path) == []
    assert [b.path for b in list_backups(db=db)] == [made.path]


def test_a_damaged_backup_fails_verification(db, tmp_path):
    made = make_backup(db=db)
    data = bytearray(made.path.read_bytes())
    data[100:4000] = os.urandom(3900)
    made.path.write_bytes(bytes(data))
    with pytest.raises(BackupFailed):
        verify_backup(db=db, path=made.path)


def test_a_half_written_backup_is_never_listed(db):
    partial = db.path.with_name(f"{db.path.stem}.backup-start-20261127-090000-000000.db.partial")
    partial.write_bytes(b"cut by a power failure")
    assert list_backups(db=db) == []
    assert not partial.exists()


def test_old_backups_are_rotated_per_kind(db):
    for _ in range(4):
        make_backup(db=db, label="start")
    make_backup(db=db, label="manual")
    removed = rotate_backups(db=db, keep={"auto": 2, "manual": 1})
    assert len(removed) == 2
    kinds = [b.kind for b in list_backups(db=db)]
    assert kinds.count("auto") == 2 and kinds.count("manual") == 1


def test_an_automatic_backup_is_made_at_start_and_when_a_few_hours_passed(db):
    now = datetime.now()
    assert backup_due(db=db, now=now)
    first = auto_backup(db=db, now=now, at_start=True)
    assert first is not None and first.label == "start"
    assert auto_backup(db=db, now=now + timedelta(hours=1)) is None
    later = auto_backup(db=db, now=now + timedelta(hours=4))
    assert later is not None and later.label == "periodic"


def test_only_a_supervisor_may_restore(db, clerk):
    made = make_backup(db=db)
    with pytest.raises(PermissionDenied):
        restore_backup(db=db, actor=clerk, backup=made.path, now=datetime.now())


def test_a_restore_keeps_every_unpushed_outbox_entry_and_pauses_sync(db, clerk, supervisor, today):
    _register(db, clerk, today, 2, name="甲")
    _ack_all(db)  # pushed before the backup
    _register(db, clerk, today, 1, name="乙")  # not pushed, in the backup
    backup = make_backup(db=db)
    pushed_after = _register(db, clerk, today, 1, name="丙")  # made after the backup...
    _ack_all(db)  # ...and pushed: the county has it, it comes back on the next pull
    later = _register(db, clerk, today, 2, name="丁")  # after the backup, not pushed
    with db.read() as s:
        acked = int(s.get(SyncState, "outbox_acked_seq").value)
        waiting = {
            m for m in s.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.seq > acked))
        }
    assert waiting

    result = restore_backup(db=db, actor=supervisor, backup=backup.path, now=datetime.now())

    assert result.outbox_kept == len(waiting)
    assert result.safety_backup.exists()
    with db.read() as s:
        persons = set(s.scalars(select(Person.id)))
        assert not set(later) & persons and not set(pushed_after) & persons  # the backup's rows
        acked = int(s.get(SyncState, "outbox_acked_seq").value)
        now_waiting = set(s.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.seq > acked)))
        assert waiting <= now_waiting  # nothing un-pushed is lost: the county still gets it
        kept_rows = {
            r for r in s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.seq > acked))
        }
        assert set(later) <= kept_rows
        assert check_database(session=s, station=db.station_code) == []
        pause = sync_pause(session=s)
    assert pause is not None and pause.by == supervisor.username
    assert pause.backup == backup.path.name


def test_sync_resumes_only_when_a_supervisor_confirms(db, clerk, supervisor):
    backup = make_backup(db=db)
    restore_backup(db=db, actor=supervisor, backup=backup.path, now=datetime.now())
    with pytest.raises(PermissionDenied), db.write(actor=clerk.username) as s:
        confirm_sync_after_restore(session=s, actor=clerk)
    with db.read() as s:
        assert sync_pause(session=s) is not None
    with db.write(actor=supervisor.username) as s:
        assert confirm_sync_after_restore(session=s, actor=supervisor)
    with db.read() as s:
        assert sync_pause(session=s) is None
        assert s.get(SyncState, PAUSE_KEY) is None


def test_a_foreign_or_broken_file_is_not_restored(db, supervisor, tmp_path):
    stray = tmp_path / "station.backup-manual-20261127-090000-000000.db"
    stray.write_bytes(os.urandom(8192))
    with pytest.raises(BackupFailed):
        restore_backup(db=db, actor=supervisor, backup=stray, now=datetime.now())
    other = tmp_path / "elsewhere.db"
    other.write_bytes(b"")
    with pytest.raises(BackupFailed, match="not a backup"):
        restore_backup(db=db, actor=supervisor, backup=other, now=datetime.now())
    with db.read() as s:
        assert sync_pause(session=s) is None


def test_the_pause_is_stored_as_json_in_sync_state(db, supervisor):
    backup = make_backup(db=db)
    restore_backup(db=db, actor=supervisor, backup=backup.path, now=datetime(2026, 11, 27, 9))
    with db.read() as s:
        value = json.loads(s.get(SyncState, PAUSE_KEY).value)
    assert value["at"] == "2026-11-27T09:00:00" and value["by"] == supervisor.username
