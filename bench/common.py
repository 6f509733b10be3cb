"""Helpers for the benchmarks: timing, percentiles, a cached demo station."""

from __future__ import annotations

import fcntl
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
# in cached stations' names: a station cached before mutation ids were derived (random ids)
# would push whole mutations, not column-wise ones
OUTBOX_FORM = "ids5"
# The benchmarks' own station key (next to the cached encrypted stations, which need it).
os.environ.setdefault("VILLAGEDESK_KEY_FILE", str(CACHE / "bench-database.key"))
TODAY = date(2026, 11, 27)
VILLAGE = "450422116201"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def demo_station(persons: int, *, seed: int = 1) -> Path:
    """A station with ``persons`` demo persons, built once and cached; returns a fresh copy."""
    from villagedesk import __version__
    from villagedesk.services.demo import make_demo
    from villagedesk.services.station import init_station

    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"station-{persons}-seed{seed}-v{__version__}-{OUTBOX_FORM}-sqlcipher.db"
    # Two benchmarks started together must not build (and delete) the same temporary file.
    with open(CACHE / (cached.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not cached.exists():
            tmp = cached.with_suffix(".building")
            for leftover in CACHE.glob(tmp.name + "*"):
                leftover.unlink()
            print(
                f"(building a {persons:,}-person demo station once; cached in {CACHE})", flush=True
            )
            db = init_station(path=tmp, village_code=VILLAGE, name="基准测试村", now=datetime.now())
            make_demo(db=db, persons=persons, seed=seed, today=TODAY)
            db.close()
            from villagedesk.store.database import open_station_connection

            con = open_station_connection(tmp)
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.close()
            tmp.rename(cached)
    work = Path(tempfile.mkdtemp(prefix="vd-bench-")) / "station.db"
    shutil.copy(cached, work)
    return work
