"""Real HTTP servers for the robustness tests: the county app under uvicorn in a thread (fast to
start) or as a ``villagedesk-server serve`` subprocess (to kill it), plus county databases and
stations whose secrets the test chooses, so that copies of one village database can sync with
several fresh counties.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import requests
import uvicorn
from sqlalchemy import create_engine, select, text

from villagedesk.server.app import create_app
from villagedesk.server.core.config import Settings
from villagedesk.store.database import Database
from villagedesk.store.models import Station
from villagedesk.store.server_db import ServerDatabase
from villagedesk.store.server_models import CountyStation
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import local_write, set_state

NOW = datetime(2026, 11, 27, 9, 30)
PG_URL = os.environ.get("VILLAGEDESK_TEST_PG_URL", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def another_county_url(backend_of: str, folder: Path) -> Iterator[str]:
    """A second, empty county database of the same kind as ``backend_of``."""
    if backend_of.startswith("sqlite"):
        folder.mkdir(parents=True, exist_ok=True)
        yield f"sqlite:///{folder / f'county-{uuid.uuid4().hex[:8]}.db'}"
        return
    schema = f"vdtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def prepare_county(url: str, stations: dict[str, str]) -> ServerDatabase:
    """Migrate and seed a county database; ``stations`` maps village code → secret."""
    db = ServerDatabase(url)
    db.migrate()
    with db.write() as s:
        county_service.seed_county(session=s)
        for village, secret in stations.items():
            s.add(
                CountyStation(
                    village_code=village,
                    name=f"站{village[-2:]}",
                    status="active",
                    secret_hash=county_service.hash_secret(secret),
                    created_at=NOW,
                    enrolled_at=NOW,
                )
            )
    return db


def point_station(path: Path, *, server_url: str, secret: str) -> None:
    """Make a counter database 'enrolled' with ``secret`` at ``server_url``."""
    db = Database(path)
    try:
        with local_write(db) as s:
            st = s.scalar(select(Station))
            assert st is not None
            st.server_url = server_url
            set_state(s, "station_secret", secret)
    finally:
        db.close()


class ThreadedServer:
    """The county app under uvicorn in a daemon thread on 127.0.0.1."""

    def __init__(self, db_url: str, **settings: Any) -> None:
        self.app = create_app(settings=Settings(db_url=db_url, **settings))
        # proto named: asyncio sets TCP_NODELAY only on sockets that say they are TCP
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port: int = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )

    def __enter__(self) -> ThreadedServer:
        self.thread.start()
        wait_healthy(self.url)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
        self.app.state.db.close()


def wait_healthy(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"no server at {url}")


class ServerProcess:
    """``villagedesk-server serve`` as a subprocess on a fixed port (so it can be restarted)."""

    def __init__(self, db_url: str, port: int, *, workers: int = 1) -> None:
        self.db_url = db_url
        self.port = port
        self.workers = workers
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerProcess:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "villagedesk.server.cli",
                "--db",
                self.db_url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: killed with its workers
        )
        wait_healthy(self.url)
        return self

    def kill(self) -> None:
        """SIGKILL the server and its workers (no shutdown, transactions cut where they are)."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc = None
