"""Sync benchmarks on 127.0.0.1 (issue 4): `make bench-sync`.

Every figure is printed beside a baseline measured in the same run on the same machine and
database, because the machines are shared and noisy: the ratio says more than the absolute
number. The county server runs as a real `villagedesk-server serve` subprocess (uvicorn);
the counter side runs in this process.

  first push     100,000 person-like records from one counter, to a SQLite and to a PostgreSQL
                 county: records/s; baseline = a bulk upsert (executemany INSERT ... ON CONFLICT
                 DO UPDATE, 1,000 rows a transaction) of the same rows straight into a fresh
                 database of the same kind. Targets >= 20,000 rec/s and ratio >= 0.25.
  enrolment      a reinstalled laptop of a 5,000-person demo village (all its records):
                 snapshot pull; baseline = copying the same rows straight from the county
                 database into a fresh counter file. Target <= 3 s.
  incremental    1,000 changed persons: push + pull + conflicts + counts; baseline = the same
                 1,000 UPDATEs straight into the county database. Target <= 0.3 s.
  nothing to do  a sync right after a sync; baseline = one HTTP round trip. Target <= 20 ms.
  wire           bytes (HTTP bodies as sent; headers excluded) and round trips of the
                 incremental sync, against the zstd-compressed (gzip when zstandard is not
                 installed) JSON of just the changed fields with their row ids. Target <= 1.2x.
  150 stations   syncing at once, 200 new persons each, PostgreSQL county with 2 uvicorn
                 workers: all complete, nothing lost, total time; baseline = one station alone.

PostgreSQL from VILLAGEDESK_BENCH_PG_URL, else VILLAGEDESK_TEST_PG_URL, else
postgresql+psycopg://postgres@127.0.0.1:5432/test (each run makes its own schema and drops it).
Options: --persons, --village, --changes, --stations, --per-station, --skip-pg, --only
(push | village | enrol | enrol-big | stations; enrol = the enrolment figure alone;
enrol-big = that enrolment from a PostgreSQL county of 300 villages / 500,000 persons, the
dashboard benchmark's county copied, beside a county of that village alone; not in the
default run).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE, OUTBOX_FORM, VILLAGE, demo_station, median

PG_URL = (
    os.environ.get("VILLAGEDESK_BENCH_PG_URL")
    or os.environ.get("VILLAGEDESK_TEST_PG_URL")
    or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 11, 27, 9, 30)
SECRET = "vds_bench-secret-"
RESULTS: list[tuple[str, str, str, str, str]] = []  # figure, value, baseline, ratio, target


# -- printing ------------------------------------------------------------------------------------
def report(figure: str, value: str, baseline: str, ratio: str, target: str) -> None:
    RESULTS.append((figure, value, baseline, ratio, target))
    print(f"  {figure:<34} {value:>16}  {baseline:>22}  {ratio:>9}  {target}", flush=True)


def header(title: str) -> None:
    print(f"\n{title}", flush=True)


def secs(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# -- county databases and servers --------------------------------------------------------------
@contextlib.contextmanager
def county_url(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, empty county database: a SQLite file or a PostgreSQL schema of its own."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'county-{uuid.uuid4().hex[:8]}.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"vdbench_{uuid.uuid4().hex[:10]}"
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


def prepare_county(url: str, villages: list[str]) -> Any:
    """Migrate, seed the policy rows and provision ``villages`` (secret = SECRET + code)."""
    from sqlalchemy import insert

    from villagedesk.store.server_db import ServerDatabase
    from villagedesk.store.server_models import CountyStation
    from villagedesk.sync import county

    db = ServerDatabase(url)
    db.migrate()
    with db.write() as s:
        county.seed_county(session=s)
        if villages:
            s.execute(
                insert(CountyStation),
                [
                    {
                        "id": str(uuid.uuid4()),
                        "village_code": v,
                        "name": v,
                        "status": "active",
                        "token_hash": "",
                        "secret_hash": county.hash_secret(SECRET + v),
                        "created_at": NOW,
                        "enrolled_at": NOW,
                    }
                    for v in villages
                ],
            )
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(url: str, *, workers: int = 1) -> Iterator[str]:
    import requests

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "villagedesk.server.cli",
            "--db",
            url,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if requests.get(base + "/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.1)
        else:
            raise RuntimeError("the county server did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def point(path: Path, *, base: str, village: str, cursor: str | None = None) -> None:
    """Make a counter database enrolled at ``base`` (as `villagedesk enrol` leaves it)."""
    from sqlalchemy import select

    from villagedesk.store.database import Database
    from villagedesk.store.models import Station
    from villagedesk.sync.engine import local_write, set_state

    db = Database(path)
    with local_write(db) as s:
        st = s.scalar(select(Station))
        assert st is not None
        st.server_url = base
        set_state(s, "station_secret", SECRET + village)
        if cursor is not None:
            set_state(s, "pull_cursor", cursor)
    db.close()


def client(base: str, village: str) -> Any:
    from villagedesk.sync.client import SyncClient

    return SyncClient(base, secret=SECRET + village)


# -- person-like rows ------------------------------------------------------------------------------
SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen")]
SURNAMES += [("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou")]
GIVEN = [("秀", "xiu"), ("英", "ying"), ("华", "hua"), ("明", "ming"), ("国", "guo")]
GIVEN += [("强", "qiang"), ("丽", "li"), ("军", "jun"), ("平", "ping"), ("芳", "fang")]
GIVEN += [("桂", "gui"), ("兰", "lan"), ("海", "hai"), ("玉", "yu"), ("春", "chun")]


def _id_number(birth: date, seq: int) -> str:
    from villagedesk.domain.idnumber import check_char

    first17 = f"450422{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def person_values(i: int, village: str, rng: random.Random) -> dict[str, Any]:
    """The columns of a plausible resident (a unique ID number for each i < 29,000,000)."""
    surname, given1, given2 = rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)
    birth = date.fromordinal(date(1930, 1, 1).toordinal() + i % 29_000)
    seq = i // 29_000 % 1000
    return {
        "id_number": _id_number(birth, seq),
        "name": surname[0] + given1[0] + given2[0],
        "name_pinyin": surname[1] + given1[1] + given2[1],
        "name_initials": surname[1][0] + given1[1][0] + given2[1][0],
        "sex": "male" if seq % 2 else "female",
        "birth_date": birth,
        "relation": rng.choice(["户主", "配偶", "子", "女", "孙子"]),
        "village_code": village,
        "phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
        "address": f"大黎镇大黎村{rng.randrange(1, 30)}组{rng.randrange(1, 200)}号",
        "guangxi_hukou": True,
        "student": False,
    }


def station_with_persons(path: Path, village: str, count: int, *, seed: int = 1) -> None:
    """A new counter database with ``count`` new persons in its outbox (bulk, as an import)."""
    from villagedesk.services.station import init_station
    from villagedesk.store.bulk import BulkWriter
    from villagedesk.store.models import Person

    db = init_station(path=path, village_code=village, name="基准村", now=NOW)
    rng = random.Random(seed)
    for start in range(0, count, 20_000):
        with db.write(actor="bench") as s, BulkWriter(s) as bulk:
            for i in range(start, min(count, start + 20_000)):
                bulk.add_row(Person, person_values(i, village, rng))
    db.close()


def cached_push_station(count: int) -> Path:
    from villagedesk import __version__

    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"sync-push-{count}-v{__version__}-{OUTBOX_FORM}-sqlcipher.db"
    if not cached.exists():
        print(f"  (building a counter with {count:,} new persons once; cached in {CACHE})")
        # a name of its own: two benchmarks started at once must not build into one file
        tmp = cached.with_suffix(f".building-{os.getpid()}")
        station_with_persons(tmp, VILLAGE, count)
        from villagedesk.store.database import open_station_connection

        con = open_station_connection(tmp)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        tmp.rename(cached)
    work = Path(tempfile.mkdtemp(prefix="vd-bench-sync-")) / "station.db"
    shutil.copy(cached, work)
    return work


# -- 1. first push ---------------------------------------------------------------------------------
def bulk_upsert(url: str, rows: list[dict[str, Any]], chunk: int = 1000) -> float:
    """The baseline: the same person rows straight into a fresh county database."""
    from sqlalchemy import create_engine
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    from villagedesk.store.models import Person
    from villagedesk.store.server_db import ServerDatabase

    ServerDatabase(url).migrate()
    engine = create_engine(url)
    table = Person.__table__
    dialect_insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    stmt = dialect_insert(table)
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"],
        set_={c.name: stmt.excluded[c.name] for c in table.c if c.name != "id"},
    )
    start = time.perf_counter()
    for i in range(0, len(rows), chunk):
        with engine.begin() as conn:
            conn.execute(stmt, rows[i : i + chunk])
    took = time.perf_counter() - start
    engine.dispose()
    return took


def bench_first_push(kind: str, count: int, folder: Path) -> None:
    from sqlalchemy import func, select

    from villagedesk.store.database import Database
    from villagedesk.store.models import Person
    from villagedesk.sync.engine import SyncSummary, push_outbox

    station = cached_push_station(count)
    with county_url(kind, folder) as url:
        county = prepare_county(url, [VILLAGE])
        with server(url) as base:
            point(station, base=base, village=VILLAGE)
            db = Database(station)
            c = client(base, VILLAGE)
            summary = SyncSummary()
            start = time.perf_counter()
            push_outbox(db=db, client=c, summary=summary)
            took = time.perf_counter() - start
            c.close()
            with db.read() as s:
                table = Person.__table__
                rows = [dict(r) for r in s.execute(select(table)).mappings()]
            db.close()
        with county.read() as s:
            arrived = s.scalar(select(func.count()).select_from(Person))
        county.close()
    assert arrived == count, f"{arrived} of {count} persons arrived"
    with county_url(kind, folder) as url:
        base_took = bulk_upsert(url, rows)
    rate, base_rate = count / took, count / base_took
    ratio = rate / base_rate
    report(
        f"first push {count:,} ({kind})",
        f"{rate:,.0f} rec/s",
        f"bulk upsert {base_rate:,.0f} rec/s",
        f"{ratio:.2f}",
        f">= 20,000 rec/s, >= 0.25: {verdict(rate >= 20_000 and ratio >= 0.25)}"
        f" ({secs(took)} for {summary.pushed:,})",
    )


# -- 2-5. one village: enrolment, incremental, nothing to do, wire -------------------------
def copy_rows(county: Any, village: str, target: Path) -> float:
    """Baseline for enrolment: the village's rows straight from the county into a new file."""
    from sqlalchemy import insert, select

    from villagedesk.services.station import init_station
    from villagedesk.store.database import make_station_engine
    from villagedesk.sync.tables import TABLE_ORDER, TABLES, visible_ids

    station = init_station(path=target, village_code=village, name="基准村", now=NOW)
    station.close()
    engine = make_station_engine(target, key=station.key)
    start = time.perf_counter()
    with county.read() as s, engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for name in TABLE_ORDER:
            spec = TABLES[name]
            table: Any = spec.model.__table__  # type: ignore[attr-defined]
            ids = visible_ids(spec, village).with_only_columns(spec.model.id).subquery()  # type: ignore[attr-defined]
            rows = [
                dict(r)
                for r in s.execute(select(table).where(table.c.id.in_(select(ids)))).mappings()
            ]
            if name == "policy_rows":
                conn.execute(table.delete())
            if rows:
                conn.execute(insert(table), rows)
    took = time.perf_counter() - start
    engine.dispose()
    return took


def compressed(data: bytes) -> tuple[int, str]:
    try:
        import zstandard

        return len(zstandard.ZstdCompressor(level=3).compress(data)), "zstd"
    except ImportError:
        return len(gzip.compress(data, compresslevel=6)), "gzip"


def analyse(url: str) -> None:
    """ANALYZE a PostgreSQL county after the bulk load, as autovacuum does within a minute of
    one (without statistics the planner scans and sorts a whole table for every snapshot
    page); SQLite keeps no statistics unless asked and plans these queries the same."""
    if url.startswith("sqlite"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def bench_village(
    kind: str, persons: int, changes: int, folder: Path, *, enrol_only: bool = False
) -> None:
    import requests
    from sqlalchemy import bindparam, select, update

    from villagedesk.store.database import Database
    from villagedesk.store.models import Person
    from villagedesk.sync import county as county_service
    from villagedesk.sync.engine import client_for, enrol_station, sync_once

    station = demo_station(persons)
    with county_url(kind, folder) as url:
        county = prepare_county(url, [VILLAGE])
        with server(url, workers=2) as base:
            point(station, base=base, village=VILLAGE)
            db = Database(station)
            c = client(base, VILLAGE)
            t = time.perf_counter()
            first = sync_once(db=db, client=c)
            first_took = time.perf_counter() - t
            c.close()
            db.close()
            print(
                f"  (demo village: {persons:,} persons, {first.pushed:,} records pushed "
                f"in {secs(first_took)})"
            )
            analyse(url)
            # 2. enrolment of a reinstalled laptop
            with county.write() as s:
                token = county_service.add_station(
                    session=s, village_code=VILLAGE, name="", now=NOW
                )
            laptop = folder / f"laptop-{kind}.db"
            t = time.perf_counter()
            enrolled, summary = enrol_station(db_path=laptop, server_url=base, token=token)
            took = time.perf_counter() - t
            assert summary.mismatches == [], summary.mismatches
            base_took = copy_rows(county, VILLAGE, folder / f"copy-{kind}.db")
            report(
                f"enrolment {persons:,}-person village",
                secs(took),
                f"row copy {secs(base_took)}",
                f"{took / base_took:.1f}x",
                f"<= 3 s: {verdict(took <= 3)} ({summary.pulled:,} rows)",
            )
            if enrol_only:
                enrolled.close()
                county.close()
                return
            # 3. incremental sync of `changes` changed persons
            rng = random.Random(5)
            with enrolled.read() as s:
                ids = sorted(s.scalars(select(Person.id).where(Person.deleted.is_(False))))
            chosen = rng.sample(ids, min(changes, len(ids)))
            phones = {pid: f"13{rng.randrange(10**9):09d}" for pid in chosen}
            with enrolled.write(actor="bench") as s:
                for pid in chosen:
                    person = s.get(Person, pid)
                    assert person is not None
                    person.phone = phones[pid]
            c = client_for(enrolled)  # the laptop's new secret
            t = time.perf_counter()
            inc = sync_once(db=enrolled, client=c)
            took = time.perf_counter() - t
            assert inc.pushed == len(chosen) and inc.mismatches == [], inc
            table: Any = Person.__table__
            with county.write() as s:
                t = time.perf_counter()
                s.execute(
                    update(table)
                    .where(table.c.id == bindparam("pid"))
                    .values(phone=bindparam("new_phone")),
                    [{"pid": pid, "new_phone": phone} for pid, phone in phones.items()],
                )
                base_took = time.perf_counter() - t
            report(
                f"incremental sync, {len(chosen):,} changes",
                secs(took),
                f"UPDATEs {secs(base_took)}",
                f"{took / base_took:.1f}x",
                f"<= 0.3 s: {verdict(took <= 0.3)} ({inc.round_trips} round trips)",
            )
            # 5. wire
            changed = json.dumps(
                [{"id": pid, "phone": phone} for pid, phone in phones.items()],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode()
            size, algo = compressed(changed)
            report(
                f"wire, {len(chosen):,}-change sync",
                f"{inc.bytes:,} B",
                f"{algo} of changes {size:,} B",
                f"{inc.bytes / size:.2f}x",
                f"<= 1.2x: {verdict(inc.bytes <= 1.2 * size)} (sent {inc.bytes_sent:,}, "
                f"received {inc.bytes_received:,}, {inc.round_trips} round trips)",
            )
            # 4. nothing to do
            noop = []
            for _ in range(7):
                c2 = client_for(enrolled)
                t = time.perf_counter()
                nothing = sync_once(db=enrolled, client=c2)
                noop.append(time.perf_counter() - t)
                c2.close()
                assert nothing.pushed == 0 and nothing.pulled == 0, nothing
            http = requests.Session()
            trips = []
            for _ in range(21):
                t = time.perf_counter()
                http.get(base + "/healthz", timeout=5).raise_for_status()
                trips.append(time.perf_counter() - t)
            report(
                "sync with nothing to do (median)",
                secs(median(noop)),
                f"1 round trip {secs(median(trips))}",
                f"{median(noop) / median(trips):.1f}x",
                f"<= 20 ms: {verdict(median(noop) <= 0.02)} ({nothing.round_trips} round trips)",
            )
            c.close()
            enrolled.close()
        county.close()


# -- 2b. enrolment from a full county (--only enrol-big) ----------------------------------------
BIG_DB = "vd_bench_enrol"  # a copy of bench_dashboard's county, dropped after the run


def _counts_times(county: Any, calls: int = 5) -> tuple[float, float]:
    """Median time of ``station_counts`` of every table for the bench village (what the first
    sync of a day asks, with the last pull page), and of the same counts in the former
    ``person_id IN (village's persons) OR ...`` form (``county_visible_ids``), interleaved;
    both must give the same figures."""
    from villagedesk.sync import county as county_service
    from villagedesk.sync.tables import TABLE_ORDER, TABLES

    def former(s: Any) -> dict[str, tuple[int, str]]:
        return {
            name: county_service._pg_checksum(
                s, county_service.county_visible_ids(TABLES[name], VILLAGE)
            )
            for name in TABLE_ORDER
        }

    now: list[float] = []
    before: list[float] = []
    with county.read() as s:
        for _ in range(calls):
            t = time.perf_counter()
            counts = county_service.station_counts(session=s, village=VILLAGE, tables=None)
            now.append(time.perf_counter() - t)
            t = time.perf_counter()
            old = former(s)
            before.append(time.perf_counter() - t)
    got = {name: (c.count, c.checksum) for name, c in counts.tables.items()}
    assert got == old, (got, old)
    with county.read() as s:  # where the time goes: each table alone, best of 3
        each = {
            name: min(
                _timed(
                    lambda n=name: county_service.station_counts(
                        session=s, village=VILLAGE, tables=[n]
                    )
                )
                for _ in range(3)
            )
            for name in TABLE_ORDER
        }
    slow = sorted(each.items(), key=lambda item: -item[1])[:4]
    print("  (counts, slowest tables: " + ", ".join(f"{n} {secs(t)}" for n, t in slow) + ")")
    return median(now), median(before)


def _timed(call: Any) -> float:
    t = time.perf_counter()
    call()
    return time.perf_counter() - t


def _enrol_in(
    url: str, persons: int, folder: Path, tag: str
) -> tuple[float, float, int, tuple[float, float]]:
    """Push the demo village into the county at ``url``, then enrol a new laptop with a
    token: (enrolment time, row-copy time, rows pulled, (counts time, former counts time))."""
    from villagedesk.store.database import Database
    from villagedesk.sync import county as county_service
    from villagedesk.sync.engine import enrol_station, sync_once

    station = demo_station(persons)
    county = prepare_county(url, [VILLAGE])
    with server(url, workers=2) as base:
        point(station, base=base, village=VILLAGE)
        db = Database(station)
        c = client(base, VILLAGE)
        first = sync_once(db=db, client=c)
        c.close()
        db.close()
        analyse(url)
        with county.write() as s:
            token = county_service.add_station(session=s, village_code=VILLAGE, name="", now=NOW)
        t = time.perf_counter()
        enrolled, summary = enrol_station(
            db_path=folder / f"laptop-{tag}.db", server_url=base, token=token
        )
        took = time.perf_counter() - t
        enrolled.close()
        assert summary.mismatches == [], summary.mismatches
        print(f"  ({tag}: {first.pushed:,} records pushed, {first.held:,} held as duplicates)")
    base_took = copy_rows(county, VILLAGE, folder / f"copy-{tag}.db")
    counts_took = _counts_times(county)
    county.close()
    return took, base_took, summary.pulled, counts_took


def bench_enrol_big(persons: int, folder: Path) -> None:
    """Enrolment of the demo village from a county of 300 villages / 500,000 persons (the
    dashboard benchmark's county, built once into ``vd_bench_dash`` with COPY and copied here
    so that benchmark's figures stay as they were) beside the same enrolment from a county
    holding only that village, in the same run."""
    import bench_dashboard as dash
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    dash.ensure_database()
    engine = create_engine(dash.bench_url())
    label = "v1 persons=500000 villages=300"  # bench_dashboard's defaults: its cache
    if dash.built_as(engine) != label:
        print("  (building the dashboard benchmark's county once: several minutes)", flush=True)
        dash.build(engine, persons=500_000, villages=300, label=label)
    engine.dispose()
    with county_url("pg", folder) as url:
        small, small_copy, rows, small_counts = _enrol_in(url, persons, folder, "one-village")
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{BIG_DB}"'))
        # a file-level copy: needs no other session on vd_bench_dash
        conn.execute(text(f'CREATE DATABASE "{BIG_DB}" TEMPLATE "{dash.DB_NAME}"'))
    try:
        url = make_url(PG_URL).set(database=BIG_DB).render_as_string(hide_password=False)
        with create_engine(url).connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM persons")).scalar() or 0
            villages = conn.execute(text("SELECT count(*) FROM county_stations")).scalar() or 0
        print(f"  (full county: {villages:,} villages, {n:,} persons before the push)")
        big, big_copy, big_rows, big_counts = _enrol_in(url, persons, folder, "full-county")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{BIG_DB}" WITH (FORCE)'))
        admin.dispose()
    report(
        f"enrolment {persons:,}, 1-village county",
        secs(small),
        f"row copy {secs(small_copy)}",
        f"{small / small_copy:.1f}x",
        f"<= 3 s: {verdict(small <= 3)} ({rows:,} rows)",
    )
    report(
        f"enrolment {persons:,}, {villages}-village county",
        secs(big),
        f"1-village county {secs(small)}",
        f"{big / small:.1f}x",
        f"<= 3 s: {verdict(big <= 3)} ({big_rows:,} rows; row copy {secs(big_copy)})",
    )
    # every table's counts (a first sync of the day), median of 5; the former query alongside
    report(
        "all-table counts, 1-village county",
        secs(small_counts[0]),
        f"former query {secs(small_counts[1])}",
        f"{small_counts[0] / small_counts[1]:.1f}x",
        f"(full county: {secs(big_counts[0])})",
    )
    report(
        f"all-table counts, {villages}-village county",
        secs(big_counts[0]),
        f"1-village county {secs(small_counts[0])}",
        f"{big_counts[0] / small_counts[0]:.1f}x",
        f"<= 2x: {verdict(big_counts[0] <= 2 * small_counts[0])} "
        f"(former query {secs(big_counts[1])})",
    )


# -- 6. many stations at once ---------------------------------------------------------------------
def village_code(i: int) -> str:
    return f"450422117{i + 1:03d}"


def make_stations(folder: Path, count: int, per_station: int) -> list[tuple[str, Path]]:
    """Counters for villages 0..count (copies of one new station, each given its own village
    and ``per_station`` new persons)."""
    from sqlalchemy import update

    from villagedesk.services.station import init_station
    from villagedesk.store.bulk import BulkWriter
    from villagedesk.store.database import Database
    from villagedesk.store.models import Person, Station

    template = folder / "template.db"
    init_station(path=template, village_code=village_code(0), name="站", now=NOW).close()
    out = []
    rng = random.Random(9)
    for i in range(count):
        code = village_code(i)
        path = folder / f"station-{code}.db"
        shutil.copy(template, path)
        db = Database(path)
        with db.bootstrap() as s:
            s.execute(update(Station).values(code=code))
        db.close()
        db = Database(path)
        with db.write(actor="bench") as s, BulkWriter(s) as bulk:
            for j in range(per_station):
                bulk.add_row(Person, person_values(i * 1000 + j, code, rng))
        db.close()
        out.append((code, path))
    return out


def _station_worker(base: str, jobs: list[tuple[str, str]], start_at: float, queue: Any) -> None:
    from villagedesk.store.database import Database
    from villagedesk.sync.engine import sync_once

    def one(code: str, path: str) -> None:
        db = Database(Path(path))
        c = client(base, code)
        t = time.time()
        try:
            s = sync_once(db=db, client=c)
            queue.put((code, "ok", t, time.time(), s.pushed, s.mismatches))
        except Exception as exc:
            queue.put((code, f"failed: {exc!r}"[:300], t, time.time(), 0, []))
        finally:
            c.close()
            db.close()

    time.sleep(max(0.0, start_at - time.time()))
    threads = [threading.Thread(target=one, args=job) for job in jobs]
    for th in threads:
        th.start()
    for th in threads:
        th.join()


def bench_stations(count: int, per_station: int, folder: Path) -> None:
    from sqlalchemy import func, select

    from villagedesk.store.database import Database
    from villagedesk.store.models import Person
    from villagedesk.sync.engine import sync_once

    print(f"  (making {count + 1} counters with {per_station} new persons each)", flush=True)
    stations = make_stations(folder, count + 1, per_station)
    with county_url("pg", folder) as url:
        county = prepare_county(url, [code for code, _ in stations])
        with server(url, workers=2) as base:
            for code, path in stations:
                point(path, base=base, village=code, cursor="c:0")
            # baseline: one station alone
            code, path = stations[-1]
            db = Database(path)
            c = client(base, code)
            t = time.perf_counter()
            alone = sync_once(db=db, client=c)
            alone_took = time.perf_counter() - t
            c.close()
            db.close()
            assert alone.pushed == per_station
            # all the others at once: processes of threads, started together
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue()
            procs_n = min(6, count)
            groups: list[list[tuple[str, str]]] = [[] for _ in range(procs_n)]
            for i, (code, path) in enumerate(stations[:-1]):
                groups[i % procs_n].append((code, str(path)))
            start_at = time.time() + 3.0 + 0.2 * procs_n
            procs = [
                ctx.Process(target=_station_worker, args=(base, g, start_at, queue)) for g in groups
            ]
            for p in procs:
                p.start()
            results = [queue.get(timeout=900) for _ in range(count)]
            for p in procs:
                p.join()
        with county.read() as s:
            arrived = s.scalar(select(func.count()).select_from(Person)) or 0
        county.close()
    ok = [r for r in results if r[1] == "ok" and r[4] == per_station and not r[5]]
    failed = [r for r in results if r not in ok]
    first = min(r[2] for r in results)
    last = max(r[3] for r in results)
    slowest = max(r[3] - r[2] for r in results)
    expected = (count + 1) * per_station
    report(
        f"{count} stations at once (PG, 2 workers)",
        secs(last - first),
        f"1 station alone {secs(alone_took)}",
        f"{(last - first) / alone_took:.1f}x",
        f"all complete: {verdict(not failed)} ({len(ok)}/{count} ok, slowest {secs(slowest)}); "
        f"nothing lost: {verdict(arrived == expected)} ({arrived:,}/{expected:,} persons)",
    )
    for r in failed[:5]:
        print(f"    {r[0]}: {r[1]} pushed {r[4]} mismatches {r[5]}")


# -- main -----------------------------------------------------------------------------------
@dataclass
class Options:
    persons: int = 100_000
    village: int = 5_000
    changes: int = 1_000
    stations: int = 150
    per_station: int = 200
    skip_pg: bool = False
    only: list[str] = field(default_factory=list)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--village", type=int, default=5_000)
    parser.add_argument("--changes", type=int, default=1_000)
    parser.add_argument("--stations", type=int, default=150)
    parser.add_argument("--per-station", type=int, default=200)
    parser.add_argument("--skip-pg", action="store_true", help="SQLite figures only")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        choices=["push", "village", "enrol", "enrol-big", "stations"],
        help="run only these parts (repeatable); enrol: the village's enrolment figure alone; "
        "enrol-big: that enrolment from a 300-village county beside a 1-village one (PG)",
    )
    args = parser.parse_args(argv)
    opts = Options(
        args.persons,
        args.village,
        args.changes,
        args.stations,
        args.per_station,
        args.skip_pg,
        args.only,
    )
    kinds = ["sqlite"] if opts.skip_pg else ["sqlite", "pg"]
    want = set(opts.only or ["push", "village", "stations"])
    print(f"villagedesk sync benchmark on 127.0.0.1, {date.today()}, {os.cpu_count()} CPUs")
    print(f"  {'figure':<34} {'value':>16}  {'baseline (same run)':>22}  {'ratio':>9}  target")
    folder = Path(tempfile.mkdtemp(prefix="vd-bench-sync-"))
    try:
        if "push" in want:
            header("first push (one counter, 1 uvicorn worker)")
            for kind in kinds:
                bench_first_push(kind, opts.persons, folder)
        if "village" in want or "enrol" in want:
            header(f"one village ({opts.village:,} persons, 2 uvicorn workers)")
            for kind in kinds:
                print(f"  [{kind} county]")
                bench_village(
                    kind, opts.village, opts.changes, folder, enrol_only="village" not in want
                )
        if "enrol-big" in want and not opts.skip_pg:
            header(f"enrolment of one village ({opts.village:,} persons) from a full county")
            bench_enrol_big(opts.village, folder)
        if "stations" in want and not opts.skip_pg:
            header("many stations at once")
            bench_stations(opts.stations, opts.per_station, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    missed = [r for r in RESULTS if "MISSED" in r[4]]
    print(f"\n{len(RESULTS) - len(missed)} of {len(RESULTS)} figures on target", flush=True)


if __name__ == "__main__":
    main()
