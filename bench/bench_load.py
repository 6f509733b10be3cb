"""Load test on 127.0.0.1 (issue 8): `make bench-load`.

A PostgreSQL county (database ``vd_bench_load``, made afresh each run and dropped after) served
by ``villagedesk-server serve --workers 2``; 150 stations each syncing 200 new persons at once
(processes of threads, like `bench_sync.py`'s 150-station run, whose set-up code this reuses),
while a few county officers use the dashboard (log in through the form with its CSRF token,
then poll the overview and the stations page). In the middle of the run the server is killed
with SIGKILL (the whole process group: supervisor and workers) and started again. Every
station retries until its sync completes.

Checks: every station finished, nothing lost (persons at the county = stations x changes, per
village too; every outbox entry acknowledged). Prints requests/s, p50/p95/max latency, errors
(connection failures and 5xx, most of them while the server was down), and the total time.

PostgreSQL server from VILLAGEDESK_BENCH_PG_URL / VILLAGEDESK_TEST_PG_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test); the run uses its own database on it.
Options: --stations, --per-station, --officers, --kill-at (fraction of stations done).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import PG_URL, SECRET, free_port, make_stations, point, prepare_county

DATABASE = "vd_bench_load"
OFFICER = ("bench-officer", "bench-officer-password-1")


# -- the county database and server ----------------------------------------------------------
def bench_database_url() -> str:
    """Drop and create ``vd_bench_load`` on the PostgreSQL server of PG_URL; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=DATABASE).render_as_string(hide_password=False)


def drop_database() -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
    admin.dispose()


class Server:
    """``villagedesk-server serve --workers 2`` in a process group of its own, so SIGKILL
    takes the supervisor and its workers together (as a power cut would)."""

    def __init__(self, url: str, port: int, workers: int = 2) -> None:
        self.url, self.port, self.workers = url, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        import requests

        t = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "villagedesk.server.cli",
                "--db",
                self.url,
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
            start_new_session=True,
        )
        for _ in range(1200):
            try:
                if requests.get(self.base + "/healthz", timeout=1).ok:
                    return time.perf_counter() - t
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError("the county server did not start")

    def kill(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# -- timed HTTP ------------------------------------------------------------------------------
def timed_session(log: list[tuple[str, float, float, str]], who: str) -> Any:
    """A requests Session that records (who, start, seconds, status or error) per request."""
    import requests

    class Timed(requests.Session):
        def request(self, method: str | bytes, url: str | bytes, *a: Any, **kw: Any) -> Any:  # type: ignore[override]
            t = time.time()
            try:
                response = super().request(method, url, *a, **kw)
            except requests.RequestException as exc:
                log.append((who, t, time.time() - t, type(exc).__name__))
                raise
            log.append((who, t, time.time() - t, str(response.status_code)))
            return response

    return Timed()


# -- stations --------------------------------------------------------------------------------
def _station_worker(base: str, jobs: list[tuple[str, str]], start_at: float, queue: Any) -> None:
    from villagedesk.store.database import Database
    from villagedesk.sync.client import SyncClient, SyncError
    from villagedesk.sync.engine import sync_once

    log: list[tuple[str, float, float, str]] = []

    def one(code: str, path: str) -> None:
        db = Database(Path(path))
        client = SyncClient(
            base, secret=SECRET + code, session=timed_session(log, "station"), retries=3
        )
        started = time.time()
        attempts = 0
        status = "ok"
        mismatches: list[str] = []
        while True:
            attempts += 1
            try:
                summary = sync_once(db=db, client=client)
                mismatches = summary.mismatches
                break
            except SyncError as exc:
                if time.time() - started > 900:
                    status = f"gave up: {exc!r}"[:300]
                    break
                time.sleep(1.0 + random.random())  # the county is down: try again
            except Exception as exc:
                status = f"failed: {exc!r}"[:300]
                break
        client.close()
        db.close()
        queue.put(("station", code, status, started, time.time(), attempts, mismatches))

    time.sleep(max(0.0, start_at - time.time()))
    threads = [threading.Thread(target=one, args=job) for job in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    queue.put(("log", log))


# -- officers --------------------------------------------------------------------------------
def make_officer(url: str) -> bool:
    """An officer account through ``villagedesk-server officer add``; False when the dashboard
    (issue 8's other half) is not in this build."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "villagedesk.server.cli",
            "--db",
            url,
            "officer",
            "add",
            "--username",
            OFFICER[0],
            "--password",
            OFFICER[1],
            "--role",
            "officer",
        ],
        capture_output=True,
        text=True,
    )
    return done.returncode == 0


CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrf_token"')


def _login(http: Any, base: str) -> bool:
    page = http.get(base + "/dashboard/login", timeout=10)
    found = CSRF.search(page.text)
    if page.status_code != 200 or not found:
        return False
    token = found.group(1) or found.group(2)
    answer = http.post(
        base + "/dashboard/login",
        data={"username": OFFICER[0], "password": OFFICER[1], "csrf_token": token},
        allow_redirects=False,
        timeout=10,
    )
    return answer.status_code in (302, 303)


def officer(
    base: str,
    dashboard: bool,
    stop: threading.Event,
    log: list[tuple[str, float, float, str]],
    pages: list[str],
) -> None:
    import requests

    http = timed_session(log, "officer")
    logged_in = False
    while not stop.is_set():
        try:
            if not dashboard:
                http.get(base + "/healthz", timeout=10)
            else:
                if not logged_in:
                    logged_in = _login(http, base)
                for path in ("/dashboard/", "/dashboard/stations"):
                    r = http.get(base + path, allow_redirects=False, timeout=30)
                    if r.status_code in (302, 303, 401):
                        logged_in = False
                    elif r.status_code == 200:
                        pages.append(path)
        except requests.RequestException:
            logged_in = False
            time.sleep(0.5)
        stop.wait(0.5)


# -- the run ---------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(stations_n: int, per_station: int, officers_n: int, kill_at: float) -> int:
    from sqlalchemy import func, select

    from villagedesk.store.database import Database
    from villagedesk.store.models import OutboxEntry, Person
    from villagedesk.sync.engine import get_state

    folder = Path(tempfile.mkdtemp(prefix="vd-bench-load-"))
    os.environ.setdefault("VILLAGEDESK_KEY_FILE", str(folder / "database.key"))
    print(f"load test: {stations_n} stations x {per_station} new persons, {officers_n} officers")
    print(f"  county: PostgreSQL database {DATABASE}, villagedesk-server serve --workers 2")
    t = time.perf_counter()
    stations = make_stations(folder, stations_n, per_station)
    print(f"  ({stations_n} counters made in {time.perf_counter() - t:.1f} s)", flush=True)
    url = bench_database_url()
    county = prepare_county(url, [code for code, _ in stations])
    dashboard = make_officer(url)
    server = Server(url, free_port())
    server.start()
    if dashboard:
        import requests

        probe = requests.get(server.base + "/dashboard/login", timeout=10)
        dashboard = probe.status_code == 200 and CSRF.search(probe.text) is not None
    print(
        "  officers: "
        + (
            "log in to the dashboard and poll /dashboard/ and /dashboard/stations"
            if dashboard
            else "the dashboard is not in this build: polling /healthz instead"
        ),
        flush=True,
    )
    for code, path in stations:
        point(path, base=server.base, village=code, cursor="c:0")

    officer_log: list[tuple[str, float, float, str]] = []
    pages: list[str] = []
    stop = threading.Event()
    officer_threads = [
        threading.Thread(target=officer, args=(server.base, dashboard, stop, officer_log, pages))
        for _ in range(officers_n)
    ]
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs_n = min(6, stations_n)
    groups: list[list[tuple[str, str]]] = [[] for _ in range(procs_n)]
    for i, (code, path) in enumerate(stations):
        groups[i % procs_n].append((code, str(path)))
    start_at = time.time() + 3.0 + 0.3 * procs_n
    procs = [
        ctx.Process(target=_station_worker, args=(server.base, g, start_at, queue)) for g in groups
    ]
    for p in procs:
        p.start()
    for th in officer_threads:
        th.start()

    results: list[tuple[Any, ...]] = []
    station_log: list[tuple[str, float, float, str]] = []
    logs = 0
    killed_at = restarted_at = 0.0
    restart_took = 0.0
    done_when_killed = 0
    while len(results) < stations_n or logs < procs_n:
        item = queue.get(timeout=1800)
        if item[0] == "log":
            station_log.extend(item[1])
            logs += 1
            continue
        results.append(item)
        if not killed_at and len(results) >= max(1, int(stations_n * kill_at)):
            killed_at = time.time()
            done_when_killed = len(results)
            server.kill()
            print(
                f"  SIGKILL of the server with {done_when_killed}/{stations_n} stations done",
                flush=True,
            )
            restart_took = server.start()
            restarted_at = time.time()
            print(f"  server started again in {restart_took:.1f} s", flush=True)
    for p in procs:
        p.join()
    stop.set()
    for th in officer_threads:
        th.join()
    server.stop()

    with county.read() as s:
        arrived = s.scalar(select(func.count()).select_from(Person)) or 0
        per_village = dict(
            s.execute(select(Person.village_code, func.count()).group_by(Person.village_code)).all()
        )
    county.close()
    unacked = 0
    for _code, path in stations:
        db = Database(path)
        with db.read() as s:
            top = s.scalar(select(func.max(OutboxEntry.seq))) or 0
            if int(get_state(s, "outbox_acked_seq", "0")) != top:
                unacked += 1
        db.close()

    ok = [r for r in results if r[2] == "ok" and not r[6]]
    failed = [r for r in results if r not in ok]
    first = min(r[3] for r in results)
    last = max(r[4] for r in results)
    total = last - first
    expected = stations_n * per_station
    everything = station_log + [e for e in officer_log if first <= e[1] <= last]
    errors = [e for e in everything if not e[3].isdigit() or int(e[3]) >= 500]
    # failed while the server was down: the request ended (with the error) in that window
    down = [e for e in errors if killed_at - 1 <= e[1] + e[2] <= restarted_at + 1]
    lat_ok = [e[2] for e in everything if e[3].isdigit() and int(e[3]) < 500]
    lat_station = [e[2] for e in station_log if e[3].isdigit() and int(e[3]) < 500]
    lat_officer = [e[2] for e in officer_log if e[3].isdigit() and int(e[3]) < 500]
    retried = sum(1 for r in results if r[5] > 1)

    print()
    print(f"  total time            {total:.1f} s (first station start to last station end)")
    print(
        f"  requests              {len(everything)} ({len(station_log)} station, "
        f"{len(everything) - len(station_log)} officer)"
    )
    answered = len(everything) - len(errors)
    print(
        f"  requests/s            {len(everything) / total:.1f} "
        f"({answered / total:.1f} answered, the rest refused while the server was down)"
    )
    print(
        f"  latency (answered)    p50 {percentile(lat_ok, 50) * 1000:.0f} ms, "
        f"p95 {percentile(lat_ok, 95) * 1000:.0f} ms, max {max(lat_ok, default=0) * 1000:.0f} ms"
    )
    print(
        f"    stations            p95 {percentile(lat_station, 95) * 1000:.0f} ms; officers p95 "
        f"{percentile(lat_officer, 95) * 1000:.0f} ms ({len(pages)} dashboard pages served "
        "to logged-in officers)"
    )
    print(
        f"  errors                {len(errors)} ({len(down)} while the server was down or "
        f"restarting, {len(errors) - len(down)} otherwise)"
    )
    print(
        f"  kill + restart        at {done_when_killed}/{stations_n} done, back in "
        f"{restart_took:.1f} s; {retried} stations needed more than one sync"
    )
    print(f"  every station done    {'yes' if not failed else 'NO'} ({len(ok)}/{stations_n})")
    lost = [v for v, _ in stations if per_village.get(v, 0) != per_station]
    whole = arrived == expected and not lost and not unacked
    print(
        f"  nothing lost          {'yes' if whole else 'NO'}"
        f" ({arrived:,}/{expected:,} persons at the county, {len(lost)} villages short, "
        f"{unacked} stations with unacknowledged outbox)"
    )
    kinds = Counter(e[3] for e in errors)
    print(f"    by kind             {', '.join(f'{k} {n}' for k, n in kinds.most_common())}")
    other = Counter(e[3] for e in errors if e not in down)
    if other:
        print(f"    outside the restart {', '.join(f'{k} {n}' for k, n in other.most_common())}")
    for r in failed[:5]:
        print(f"    {r[1]}: {r[2]} attempts {r[5]} mismatches {r[6]}")
    drop_database()
    return 0 if not failed and arrived == expected and not lost and not unacked else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--stations", type=int, default=150)
    parser.add_argument("--per-station", type=int, default=200)
    parser.add_argument("--officers", type=int, default=3)
    parser.add_argument("--kill-at", type=float, default=0.3, help="fraction of stations done")
    args = parser.parse_args(argv)
    return run(args.stations, args.per_station, args.officers, args.kill_at)


if __name__ == "__main__":
    sys.exit(main())
