"""The .deb on this machine, as a county IT officer would use it: install it with dpkg, run the
installed program (self-test, sync help, the clerk's own database), upgrade an old-schema
database through it, see a too-new database refused untouched, remove and purge it — and the
clerk's station data is still there.

The frozen client and the .deb come from ``installers/build.py``, cached under ``build/`` by a
hash of the sources: the first run builds them (about 3 minutes on two cores), later runs
reuse them. Installing needs root: the tests skip when not root, except under CI where they
must run (and fail if they cannot).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from villagedesk.store.crypto import file_is_plain_sqlite
from villagedesk.store.database import open_station_connection
from villagedesk.store.migrate import head_revision

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "schema-0001.db"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
PACKAGE = "villagedesk"
WRAPPER = Path("/usr/bin/villagedesk")
INSTALLED = Path("/opt/villagedesk")
TIMER_LINK = Path("/etc/systemd/user/timers.target.wants/villagedesk-sync.timer")
VILLAGE = "450422116201"


def _cannot(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI must run the packaging tests: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def deb() -> Path:
    if os.geteuid() != 0:
        _cannot("installing a .deb needs root")
    for tool in ("dpkg", "dpkg-deb"):
        if shutil.which(tool) is None:
            _cannot(f"{tool} is missing (Debian package dpkg)")
    done = subprocess.run(
        [sys.executable, str(ROOT / "installers" / "build.py"), "deb"],
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-6000:]
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.is_file() and path.suffix == ".deb"
    return path


def clean_env(home: Path) -> dict[str, str]:
    """A clerk's session: own HOME, no overrides of the data folder, no display."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        # the tests' station key (the real default is ~/.config/villagedesk/database.key)
        "VILLAGEDESK_KEY_FILE": os.environ["VILLAGEDESK_KEY_FILE"],
    }
    return env


def run(
    cmd: list[str], env: dict[str, str], timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, env=env, timeout=600)


def is_installed() -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", PACKAGE], capture_output=True, text=True
    )
    return done.returncode == 0 and "installed" in done.stdout.split()


@contextmanager
def installed(deb: Path) -> Iterator[None]:
    """The package installed for the block; one test at a time (xdist runs two)."""
    (ROOT / "build").mkdir(exist_ok=True)
    with open(ROOT / "build" / ".dpkg-test.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = dpkg("-i", str(deb))
            assert done.returncode == 0, done.stdout + done.stderr
            yield
        finally:
            if is_installed():
                dpkg("-P", PACKAGE)
            fcntl.flock(lock, fcntl.LOCK_UN)


def source_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    source_env = {**env, "PYTHONPATH": str(ROOT / "src")}
    return run([sys.executable, "-m", "villagedesk.cli", *args], source_env)


def _read_only(path: Path) -> Any:
    """A read-only connection: plain SQLite for the saved old-schema fixture, SQLCipher with
    the tests' key for a database the program has opened (and so encrypted)."""
    if file_is_plain_sqlite(path):
        import sqlite3

        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return open_station_connection(f"file:{path}?mode=ro", uri=True)


def fingerprint(path: Path) -> tuple[object, ...]:
    con = _read_only(path)
    try:
        return (
            con.execute("SELECT code, name FROM station").fetchall(),
            con.execute("SELECT count(*), max(hash) FROM audit_log").fetchone(),
            con.execute("SELECT username FROM clerks").fetchall(),
            con.execute("SELECT version_num FROM alembic_version").fetchall(),
        )
    finally:
        con.close()


def revision(path: Path) -> str:
    con = _read_only(path)
    try:
        return str(con.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        con.close()


def persons(path: Path) -> int:
    con = _read_only(path)
    try:
        return int(con.execute("SELECT count(*) FROM persons").fetchone()[0])
    finally:
        con.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_deb_installs_runs_and_is_removed_keeping_the_station_data(
    deb: Path, tmp_path: Path
) -> None:
    home = tmp_path / "clerk"
    home.mkdir()
    env = clean_env(home)
    # The clerk's station, made before the package is installed, where platformdirs keeps it.
    station_db = home / ".local" / "share" / "villagedesk" / "station.db"
    made = source_cli(
        "init", "--village", VILLAGE, "--name", "大黎村服务站", "--supervisor", "li",
        "--password", "secret-123", env=env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert station_db.is_file()
    before = fingerprint(station_db)

    with installed(deb):
        assert os.access(INSTALLED / "villagedesk", os.X_OK)
        assert WRAPPER.is_file() and "/opt/villagedesk/villagedesk" in WRAPPER.read_text()
        desktop = Path("/usr/share/applications/villagedesk.desktop").read_text(encoding="utf-8")
        assert "Name[zh_CN]=村级就业社保服务" in desktop and "Icon=villagedesk" in desktop
        assert Path("/usr/share/icons/hicolor/256x256/apps/villagedesk.png").is_file()
        assert Path("/usr/lib/systemd/user/villagedesk-sync.service").is_file()
        timer = Path("/usr/lib/systemd/user/villagedesk-sync.timer").read_text()
        assert "OnCalendar=" in timer and "Persistent=true" in timer
        assert TIMER_LINK.is_symlink(), "the nightly timer is not enabled for the users"

        test = run(["villagedesk", "--self-test"], env)
        assert test.returncode == 0, test.stdout + test.stderr
        lines = test.stdout.splitlines()
        assert "(frozen," in lines[0], lines[0]
        assert lines[-1].startswith("self-test passed"), test.stdout
        assert not [line for line in lines if line.startswith("FAIL")]

        sync_help = run(["villagedesk", "sync", "--help"], env)
        assert sync_help.returncode == 0, sync_help.stderr
        assert "usage: villagedesk sync" in sync_help.stdout

        # The installed program finds the clerk's database on its own (no --db).
        check = run(["villagedesk", "check"], env)
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.strip().endswith("ok")

        removed = dpkg("-r", PACKAGE)
        assert removed.returncode == 0, removed.stderr
        assert not WRAPPER.exists() and not (INSTALLED / "villagedesk").exists()
        assert not TIMER_LINK.exists()
        assert station_db.is_file(), "removing the package deleted the station data"
        assert fingerprint(station_db) == before

        purged = dpkg("-P", PACKAGE)
        assert purged.returncode == 0, purged.stderr
        assert "KEPT" in purged.stderr  # it says where the data is and that it was kept
        assert station_db.is_file(), "purging the package deleted the station data"
        assert fingerprint(station_db) == before

    # ... and it still opens (here with the source program, the package being gone).
    again = source_cli("check", env=env)
    assert again.returncode == 0, again.stdout + again.stderr


def test_installed_program_upgrades_an_old_schema_database(deb: Path, tmp_path: Path) -> None:
    old = tmp_path / "station.db"
    shutil.copy2(FIXTURE, old)
    assert revision(old) == "0001"
    count = persons(old)
    assert count > 0
    env = clean_env(tmp_path)

    with installed(deb):
        check = run(["villagedesk", "check", "--db", str(old)], env)

    assert check.returncode == 0, check.stdout + check.stderr
    assert "database migrated; backup kept at" in check.stderr
    backup = Path(check.stderr.split("backup kept at", 1)[1].split()[0])
    if not backup.is_absolute():
        backup = tmp_path / backup
    assert backup.is_file() and backup.parent == tmp_path
    assert revision(backup) == "0001" and persons(backup) == count
    assert revision(old) == head_revision()
    assert persons(old) == count
    assert not file_is_plain_sqlite(old) and not file_is_plain_sqlite(backup)  # encrypted


def test_installed_program_refuses_a_too_new_database_and_leaves_it_untouched(
    deb: Path, tmp_path: Path
) -> None:
    # A database a newer release migrated: at a revision this version does not know.
    future = tmp_path / "station.db"
    shutil.copy2(FIXTURE, future)
    from villagedesk.store.database import Database

    Database(future).close()
    for stray in tmp_path.glob("station.backup-*"):
        stray.unlink()
    con = open_station_connection(future)
    con.execute("UPDATE alembic_version SET version_num='9999_newer_release'")
    con.commit()
    con.close()
    digest = sha256(future)
    files = sorted(p.name for p in tmp_path.iterdir())
    env = clean_env(tmp_path)

    with installed(deb):
        check = run(["villagedesk", "check", "--db", str(future)], env)
        gui_less = run(["villagedesk", "worklist", "--db", str(future)], env)

    for done in (check, gui_less):
        assert done.returncode == 2, done.stdout + done.stderr
        assert "made by a newer villagedesk" in done.stderr
        assert "install that version (or newer)" in done.stderr
        assert "Traceback" not in done.stderr
    assert sha256(future) == digest, "the refused database was changed"
    assert sorted(p.name for p in tmp_path.iterdir()) == files, "files appeared beside it"
    assert revision(future) == "9999_newer_release"
