"""Schema migrations with Alembic; an existing database is backed up before it is migrated."""

from __future__ import annotations

import ast
import functools
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseTooNew(RuntimeError):
    """The database was written by a newer villagedesk; this version must not touch it."""


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        url = engine.url.render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@functools.cache
def shipped_head() -> str | None:
    """The head revision read straight from the version files (no Alembic import: opening
    an up-to-date database at start-up must not pay for loading Alembic)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    values[target.id] = ast.literal_eval(node.value)
        if isinstance(values.get("revision"), str):
            down = values.get("down_revision")
            revisions[str(values["revision"])] = down if isinstance(down, str) else None
    parents = set(revisions.values())
    heads = [rev for rev in revisions if rev not in parents]
    return heads[0] if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):  # no alembic_version table yet
        return None
    return str(value) if value is not None else None


PARTIAL_SUFFIX = ".partial"


def backup_sqlite(path: Path, *, label: str, key: bytes | None = None) -> Path:
    """Consistent copy through SQLite's backup API (safe with WAL and open readers).

    With ``key`` both files are SQLCipher files under that key (the backup is as encrypted as
    the station database). The copy is written as ``<name>.partial``, fsynced, then renamed, so
    a power cut never leaves a half backup under a backup's name.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix}")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    if key is None:
        src = sqlite3.connect(str(path))
        dst = sqlite3.connect(str(partial))
    else:
        from villagedesk.store import crypto

        src = crypto.open_checked(path, key)
        dst = crypto.connect(partial, key)
    try:
        try:
            src.backup(dst)
            # verified before it counts as a backup: opens (with the key) and checks whole
            result = [str(r[0]) for r in dst.execute("PRAGMA quick_check")]
        finally:
            dst.close()
    finally:
        src.close()
    if result != ["ok"]:
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"the backup of {path.name} does not check whole: {result[:3]}")
    with partial.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, target)
    if os.name == "posix":
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return target


def upgrade_to_head(
    engine: Engine, *, sqlite_path: Path | None = None, key: bytes | None = None
) -> Path | None:
    """Bring the schema to head. Returns the backup made first, if any.

    Raises DatabaseTooNew when the database carries a revision this version does not know.
    """
    current = current_revision(engine)
    if current is not None and current == shipped_head():
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current == head:
        return None
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            f"the database has schema revision {current}, made by a newer villagedesk; "
            "install that version (or newer) to open it"
        )
    backup = None
    has_tables = bool(inspect(engine).get_table_names())
    if sqlite_path is not None and has_tables and sqlite_path.exists():
        backup = backup_sqlite(sqlite_path, label=current or "unversioned", key=key)
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
