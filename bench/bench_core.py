"""Core benchmarks on a 20,000-person station (issue: foundation).

Prints each figure beside a baseline measured in the same run on the same file, because the
machines are shared and noisy: the ratio says more than the absolute time.
Targets (2-core machine): register <= 5 ms median, search p95 <= 20 ms, whole work-list
<= 1 s, whole report <= 1 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, VILLAGE, demo_station, median, ms, percentile, timed

from villagedesk.store.database import open_station_connection

PERSONS = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000


def baseline_commit(path: Path, n: int = 200) -> list[float]:
    """Raw SQLCipher connection (same file, same key): one durable INSERT + COMMIT (WAL,
    synchronous=FULL) into a scratch table
    of the same station file, so WAL size and checkpoints cost the baseline what they cost
    the real write."""
    con = open_station_connection(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS bench_scratch (id TEXT PRIMARY KEY, body TEXT)")
    samples = []
    for i in range(n):
        samples.append(
            timed(
                lambda i=i: (
                    con.execute("BEGIN IMMEDIATE"),
                    con.execute("INSERT INTO bench_scratch VALUES (?, ?)", (str(i), "x" * 400)),
                    con.execute("COMMIT"),
                )
            )
        )
    con.execute("DROP TABLE bench_scratch")
    con.close()
    return samples


def bench_register(db_path: Path, n: int = 200) -> list[float]:
    from villagedesk.domain.categories import Role
    from villagedesk.domain.idnumber import check_char
    from villagedesk.services.context import Actor
    from villagedesk.services.persons import register_person
    from villagedesk.store.database import Database

    db = Database(db_path)
    actor = Actor("bench", Role.CLERK)
    samples = []
    for i in range(n):
        first17 = f"450422{2000 + i // 300}0101{(i % 300) * 3 + 1:03d}"
        number = first17 + check_char(first17)

        def one(number: str = number) -> None:
            with db.write(actor="bench") as s:
                register_person(
                    session=s, actor=actor, today=TODAY, id_number=number, name="测试人"
                )

        samples.append(timed(one))
    db.close()
    return samples


def bench_search(db_path: Path, n: int = 100) -> dict[str, list[float]]:
    from villagedesk.services.search import find_persons
    from villagedesk.store.database import Database

    db = Database(db_path)
    rng = random.Random(7)
    with db.read() as s:
        people = s.execute(
            __import__("sqlalchemy").text("SELECT name, name_initials, id_number FROM persons")
        ).all()
    queries = {
        "name (2 chars)": [p[0][:2] for p in rng.sample(people, n)],
        "pinyin initials": [p[1][:2] for p in rng.sample(people, n)],
        "ID prefix (10)": [p[2][:10] for p in rng.sample(people, n)],
    }
    results: dict[str, list[float]] = {}
    with db.read() as s:
        for label, qs in queries.items():
            results[label] = [timed(lambda q=q: find_persons(session=s, query=q)) for q in qs]
    db.close()
    return results


def baseline_lookup(db_path: Path, n: int = 100) -> list[float]:
    """Raw SQLCipher connection (same file, same key): fetch 50 rows by an indexed prefix
    range (the floor for any search)."""
    con = open_station_connection(db_path)
    ids = [r[0] for r in con.execute("SELECT id_number FROM persons LIMIT 1000")]
    rng = random.Random(3)
    samples = []
    for _ in range(n):
        prefix = rng.choice(ids)[:10]
        samples.append(
            timed(
                lambda prefix=prefix: con.execute(
                    "SELECT * FROM persons WHERE id_number >= ? AND id_number < ? LIMIT 50",
                    (prefix, prefix + "\uffff"),
                ).fetchall()
            )
        )
    con.close()
    return samples


def bench_worklist_report(db_path: Path) -> tuple[list[float], list[float], int]:
    from villagedesk.services.reports import station_report
    from villagedesk.services.worklists import worklists
    from villagedesk.store.database import Database

    db = Database(db_path)
    wl, rp = [], []
    items = 0
    for _ in range(3):
        with db.read() as s:
            wl.append(timed(lambda s=s: worklists(session=s, on=TODAY)))
            items = sum(w.count for w in worklists(session=s, on=TODAY))
        with db.read() as s:
            rp.append(timed(lambda s=s: station_report(session=s, on=TODAY)))
    db.close()
    return wl, rp, items


def baseline_scan(db_path: Path) -> float:
    """Raw SQLCipher connection (same file, same key): read every person row once (the floor
    for a whole-station pass)."""
    con = open_station_connection(db_path)
    t = timed(lambda: con.execute("SELECT * FROM persons").fetchall())
    con.close()
    return t


def bench_demo(n: int = 5000) -> float:
    from villagedesk.services.demo import make_demo
    from villagedesk.services.station import init_station

    path = Path(tempfile.mkdtemp(prefix="vd-demo-")) / "demo.db"
    db = init_station(path=path, village_code=VILLAGE, name="演示村", now=datetime.now())
    t = timed(lambda: make_demo(db=db, persons=n, seed=2, today=TODAY))
    db.close()
    return t


def row(label: str, value: str, target: str = "", ratio: str = "") -> None:
    print(f"  {label:<40} {value:>14} {ratio:>18}  {target}")


def main() -> None:
    print(f"villagedesk core benchmark, {PERSONS:,}-person station, {date.today()}")
    path = demo_station(PERSONS)

    base = baseline_commit(path)
    reg = bench_register(path)
    print("\nregister a person (validate, write, outbox, audit; durable commit)")
    row("baseline: raw INSERT+COMMIT median", ms(median(base)))
    row(
        "register median",
        ms(median(reg)),
        "target <= 5 ms",
        f"{median(reg) / median(base):6.1f}x baseline",
    )
    row(
        "register p95",
        ms(percentile(reg, 95)),
        "",
        f"{percentile(reg, 95) / percentile(base, 95):6.1f}x baseline",
    )

    look = baseline_lookup(path)
    print("\nsearch (50 results max)")
    row("baseline: raw indexed prefix p95", ms(percentile(look, 95)))
    for label, samples in bench_search(path).items():
        p95 = percentile(samples, 95)
        row(
            f"{label} p95",
            ms(p95),
            "target <= 20 ms",
            f"{p95 / percentile(look, 95):6.1f}x baseline",
        )

    scan = baseline_scan(path)
    wl, rp, items = bench_worklist_report(path)
    print("\nwhole-station passes (best of 3)")
    row("baseline: raw read of every person", ms(scan))
    row(
        f"work-lists ({items:,} items)",
        ms(min(wl)),
        "target <= 1 s",
        f"{min(wl) / scan:6.1f}x baseline",
    )
    row("report", ms(min(rp)), "target <= 1 s", f"{min(rp) / scan:6.1f}x baseline")

    print("\ndemo data")
    t = bench_demo(5000)
    row("demo --persons 5000", f"{t:8.2f} s", "", f"{t / 5000 * 1000:6.2f} ms/person")


if __name__ == "__main__":
    main()
