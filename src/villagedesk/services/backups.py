"""Backups of the station database file: made on demand (and before migrations), listed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from villagedesk.store.database import Database
from villagedesk.store.migrate import backup_sqlite


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size: int


def make_backup(*, db: Database, label: str = "manual") -> BackupFile:
    path = backup_sqlite(db.path, label=label)
    stat = path.stat()
    return BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size)


def list_backups(*, db: Database) -> list[BackupFile]:
    pattern = f"{db.path.stem}.backup-*{db.path.suffix}"
    files = []
    for path in db.path.parent.glob(pattern):
        stat = path.stat()
        files.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(files, key=lambda b: b.made_at, reverse=True)
