"""County dashboard benchmark: the overview page of a county of 300 villages and 500,000
persons on PostgreSQL (issue 7: the overview renders in <= 1 s).

The county is built once into its own database (``vd_bench_dash`` next to the one named by
``VILLAGEDESK_TEST_PG_URL``) with COPY, and kept for the next run. Prints the overview's render
time through the whole app (login cookie, SQL, template; FastAPI TestClient), median and p95
over the rounds, in each situation of the per-village summary (``dashboard/summary.py``):

* cold — every village changed since the summary was made (the first view after a night's
  sync, no background refresher running): the view shows the full computation and leaves
  the whole-county pass to a refresher (never made in a request);
* woken — the same with a refresher running: the view shows the plain full computation and
  wakes the refresher (whose pass is run after the timing, as its thread would);
* warm — 5 villages' persons changed (all their figures recomputed); statuses — 5 villages'
  statuses changed (only their rates recomputed);
* unchanged — nothing changed, this worker's cache empty (summary read only); cached —
  nothing changed since this worker's last view;
* refreshed — every village changed, then the background refresher ran (its own time is
  printed too: work off the request path);
* new day — the day counted on changed, no refresher running (the full computation shown);

each beside the full recomputation of the overview's aggregates (the path without the
summary) measured right after it in the same round, and a bare ``SELECT count(*) FROM
persons``. Changes are county edits through ``sync.county.county_edit``, which log to the
change log like a push.

    python bench/bench_dashboard.py [--persons 500000] [--villages 300] [--rounds 9] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, median, ms, percentile, timed
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get(
    "VILLAGEDESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DB_NAME = "vd_bench_dash"
OFFICER, PASSWORD = "bench", "bench-officer-pw"
COUNTY = "450422"


def bench_url() -> str:
    return make_url(PG_URL).set(database=DB_NAME).render_as_string(hide_password=False)


def ensure_database() -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DB_NAME}
        ).scalar()
        if not found:
            conn.execute(text(f'CREATE DATABASE "{DB_NAME}"'))
    admin.dispose()


def built_as(engine: Any) -> str | None:
    with engine.connect() as conn:
        try:
            value = conn.execute(text("SELECT value FROM bench_meta WHERE key = 'built'")).scalar()
            return None if value is None else str(value)
        except Exception:
            return None


def _copy(raw: Any, table: str, columns: list[str], rows: Any) -> int:
    n = 0
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
            n += 1
    return n


def build(engine: Any, *, persons: int, villages: int, label: str) -> None:
    from villagedesk.domain.idnumber import check_char
    from villagedesk.server.dashboard import auth
    from villagedesk.store.server_db import ServerDatabase
    from villagedesk.sync import county

    started = time.perf_counter()
    with engine.begin() as conn:  # start over: drop everything this database holds
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db = ServerDatabase(bench_url())
    db.migrate()
    codes = [f"{COUNTY}{100 + v // 199:03d}{200 + v % 199:03d}" for v in range(villages)]
    now = datetime(2026, 11, 27, 8, 0)
    with db.write() as s:
        county.seed_county(session=s)
        for i, code in enumerate(codes):
            county.add_station(session=s, village_code=code, name=f"第{i + 1}村服务站", now=now)
        auth.add_officer(session=s, username=OFFICER, password=PASSWORD, role="admin", now=now)
    db.close()
    rng = random.Random(7)
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        person_cols = [
            "id", "rev", "created_hlc", "updated_hlc", "origin", "deleted", "id_number", "name",
            "name_pinyin", "name_initials", "sex", "birth_date", "relation", "village_code",
            "phone", "address", "guangxi_hukou", "student", "employee_scheme",
            "other_state_pension", "death_date", "death_source", "note",
        ]  # fmt: skip
        sync_cols = ["id", "rev", "created_hlc", "updated_hlc", "origin", "deleted"]
        people: list[tuple[str, date, str]] = []
        base_day = date(1930, 1, 1)

        def person_rows() -> Any:
            for i in range(persons):
                birth = base_day + timedelta(days=i % 30_000)
                seq = i // 30_000 * 2 + 1
                first17 = f"{COUNTY}{birth:%Y%m%d}{seq:03d}"
                pid = str(uuid.UUID(int=rng.getrandbits(128)))
                village = codes[i % villages]
                dead = birth.year < 1940 and i % 7 == 0
                people.append((pid, birth, village))
                yield (
                    pid, 1, "", "", village, False, first17 + check_char(first17),
                    f"村民{i}", "", "", "male" if i % 2 else "female", birth, "", village,
                    "", "", i % 50 != 0, 16 <= 2026 - birth.year <= 22 and i % 3 == 0,
                    i % 40 == 0, i % 60 == 0, date(2024, 5, 1) if dead else None, "", "",
                )  # fmt: skip

        _copy(driver, "persons", person_cols, person_rows())

        def statuses() -> Any:
            for i, (pid, _birth, _v) in enumerate(people):
                if i % 10 < 3:  # 30 % registered poor, some lifted out
                    lifted = (2019 + i % 8) if i % 4 == 0 else None
                    yield (
                        str(uuid.uuid4()), 1, "", "", "", False, pid, "registered_poor", None,
                        date(2016, 1, 1), None, lifted, "clerk", "",
                    )  # fmt: skip
                elif i % 20 == 5:
                    yield (
                        str(uuid.uuid4()), 1, "", "", "", False, pid, "dibao", None,
                        date(2020, 1, 1), None, None, "clerk", "",
                    )  # fmt: skip

        _copy(
            driver,
            "person_statuses",
            [*sync_cols, "person_id", "kind", "level", "start_date", "end_date",
             "lifted_out_year", "source", "note"],
            statuses(),
        )  # fmt: skip
        aged_16 = date(2010, 11, 27)
        aged_60 = date(1966, 11, 27)
        enrolled = [
            p
            for i, p in enumerate(people)
            if p[1] <= aged_16 and i % 10 < 8 and i % 50 not in (1, 2)
        ]

        def enrolments() -> Any:
            for i, (pid, _b, _v) in enumerate(enrolled):
                yield (
                    str(uuid.uuid4()), 1, "", "", "", False, pid, date(2015, 1, 1),
                    "normal" if i % 30 else "suspended", "ordinary", 10000, None, "",
                )  # fmt: skip

        _copy(
            driver,
            "enrolments",
            [*sync_cols, "person_id", "enrolled_on", "status", "insured_category", "grade_fen",
             "status_changed_on", "status_reason"],
            enrolments(),
        )  # fmt: skip

        def awards() -> Any:
            for i, (pid, birth, _v) in enumerate(enrolled):
                if birth <= aged_60 and i % 10 < 9:
                    yield (
                        str(uuid.uuid4()), 1, "", "", "", False, pid, "normal",
                        date(2020, 1, 1), date(2020, 1, 1), 11800, 0, 2000, 13800, 278000,
                        "active" if i % 25 else "suspended", None, None, "",
                    )  # fmt: skip

        _copy(
            driver,
            "benefit_awards",
            [*sync_cols, "person_id", "kind", "awarded_on", "first_month", "basic_fen",
             "bonus_fen", "account_fen", "monthly_fen", "balance_at_award_fen", "status",
             "suspended_from", "stopped_from", "status_reason"],
            awards(),
        )  # fmt: skip
        poor = [p for i, p in enumerate(people) if i % 10 < 3 and p[1] <= aged_16]
        premium_rows: list[tuple[Any, ...]] = []

        def contributions() -> Any:
            for year in (2023, 2024, 2025):
                for i, (pid, _b, _v) in enumerate(poor[: len(poor) // 2]):
                    cid = str(uuid.uuid4())
                    city = i % 2 == 0
                    premium_rows.append(
                        (
                            str(uuid.uuid4()), 1, "", "", "", False, pid, cid, year, 10000,
                            6000 if city else 8000, 4000 if city else 2000,
                            "city" if city else "county", None,
                        )
                    )  # fmt: skip
                    yield (
                        cid, 1, "", "", "", False, pid, year, date(year, 3, 1), "normal", 10000,
                        0, 3000, 10000, 0, None, "", "",
                    )  # fmt: skip

        _copy(
            driver,
            "contributions",
            [*sync_cols, "person_id", "year", "paid_on", "kind", "grade_fen", "personal_fen",
             "subsidy_fen", "paid_premium_fen", "collective_fen", "reverses_id", "reason",
             "clerk"],
            contributions(),
        )  # fmt: skip
        _copy(
            driver,
            "paid_premiums",
            [*sync_cols, "person_id", "contribution_id", "year", "amount_fen", "region_fen",
             "local_fen", "local_level", "reverses_id"],
            iter(premium_rows),
        )  # fmt: skip
        statuses_ = ["farming", "working_away", "local_employment", "self_employed", "flexible",
                     "returned_not_working", "not_transferred"]  # fmt: skip
        channels = ["government", "own", "employer", "workshop", "public_welfare", "guangdong"]
        places = ["in_county", "in_region", "outside_region"]

        def labour() -> Any:
            for i, (pid, birth, _v) in enumerate(people):
                if not (aged_60 < birth <= aged_16) or i % 10 >= 7:
                    continue
                for k, day in enumerate((date(2024, 3, 1), date(2026, 3, 1))):
                    if k == 0 and i % 3:
                        continue
                    yield (
                        str(uuid.uuid4()), 1, "", f"h{k}", "", False, pid, day, "working_age",
                        statuses_[(i + k) % 7], channels[i % 6], places[i % 3], "", "", "",
                        None, "", False, False, "", False, "", "",
                    )  # fmt: skip

        _copy(
            driver,
            "labour_registrations",
            [*sync_cols, "person_id", "surveyed_on", "population_category",
             "employment_status", "job_channel", "work_place", "work_province",
             "employer_name", "industry", "monthly_income_fen", "phone", "wants_work",
             "wants_training", "training_trade", "wants_business", "clerk", "note"],
            labour(),
        )  # fmt: skip
        trades = ["电工", "焊工", "家政服务", "中式烹调", "缝纫", "电子装配", "挖掘机驾驶"]

        def training() -> Any:
            for i, (pid, _b, _v) in enumerate(people[: persons // 20]):
                yield (
                    str(uuid.uuid4()), 1, "", "", "", False, pid, "项目制培训", trades[i % 7],
                    date(2025, 3, 1), date(2025, 4, 1) if i % 4 else None,
                    "初级工" if i % 3 == 0 else "", i % 2 == 0, 330000 if i % 2 == 0 else None,
                )  # fmt: skip

        _copy(
            driver,
            "training_records",
            [*sync_cols, "person_id", "programme", "trade", "start_date", "end_date",
             "certificate", "employed_after", "monthly_wage_fen"],
            training(),
        )  # fmt: skip
        from villagedesk.domain.uscc import uscc_check_char

        employer_ids = [str(uuid.uuid4()) for _ in range(50)]

        def employers() -> Any:
            for i, eid in enumerate(employer_ids):
                first17 = f"9145042200000{i:04d}"
                yield (eid, 1, "", "", "county", False, f"用工单位{i}",
                       first17 + uscc_check_char(first17), "", "", "")  # fmt: skip

        _copy(
            driver,
            "employers",
            [*sync_cols, "name", "uscc", "contact", "phone", "address"],
            employers(),
        )
        vacancy_ids = [str(uuid.uuid4()) for _ in range(200)]
        _copy(
            driver,
            "vacancies",
            [*sync_cols, "employer_id", "post", "count", "wage_min_fen", "wage_max_fen",
             "place", "requirements", "valid_until"],
            (
                (vid, 1, "", "", "county", False, employer_ids[i % 50], f"岗位{i}", 5, 250000,
                 400000, "", "", date(2027, 3, 1) if i % 2 else date(2026, 6, 1))
                for i, vid in enumerate(vacancy_ids)
            ),
        )  # fmt: skip
        outcomes = ["pending", "hired", "rejected", "declined", "no_show"]
        _copy(
            driver,
            "referrals",
            [*sync_cols, "person_id", "vacancy_id", "referred_on", "outcome", "outcome_on",
             "monthly_wage_fen", "clerk", "note"],
            (
                (str(uuid.uuid4()), 1, "", "", "", False, people[i * 37][0],
                 vacancy_ids[i % 200], date(2026, 6, 1), outcomes[i % 5], None, None, "", "")
                for i in range(min(10_000, persons // 37))
            ),
        )  # fmt: skip
        with driver.cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text primary key, value text)")
            cur.execute(
                "INSERT INTO bench_meta VALUES ('built', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (label,),
            )
        driver.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    print(f"built the county in {time.perf_counter() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=500_000)
    parser.add_argument("--villages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from villagedesk.server.app import create_app
    from villagedesk.server.core.config import Settings
    from villagedesk.server.dashboard import queries, summary
    from villagedesk.store.clock import HybridClock
    from villagedesk.store.migrate import upgrade_to_head
    from villagedesk.sync import county

    ensure_database()
    url = bench_url()
    engine = create_engine(url)
    label = f"v1 persons={args.persons} villages={args.villages}"
    if args.rebuild or built_as(engine) != label:
        print(f"building a county of {args.villages} villages, {args.persons:,} persons ...")
        build(engine, persons=args.persons, villages=args.villages, label=label)
    else:
        upgrade_to_head(engine)  # a cached county from before a new migration
        print(f"using the cached county in database {DB_NAME} ({label})")
    with engine.connect() as conn:
        counts = {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("persons", "person_statuses", "enrolments", "benefit_awards",
                      "labour_registrations", "paid_premiums", "training_records")
        }  # fmt: skip
    print("  " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))

    baseline = []
    with engine.connect() as conn:
        for _ in range(args.rounds):
            baseline.append(timed(lambda: conn.execute(text("SELECT count(*) FROM persons")).one()))

    app = create_app(settings=Settings(db_url=url))
    app.state.dashboard_today = TODAY
    http = TestClient(app)
    form = http.get("/dashboard/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    answer = http.post(
        "/dashboard/login",
        data={"username": OFFICER, "password": PASSWORD, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text

    db = app.state.db
    with engine.connect() as conn:  # one person per village, for the county edits below
        one_each = list(
            conn.execute(
                text("SELECT DISTINCT ON (village_code) village_code, id FROM persons "
                     "WHERE NOT deleted ORDER BY village_code, id")
            )
        )  # fmt: skip
        statuses = list(
            conn.execute(
                text("SELECT DISTINCT ON (p.village_code) p.village_code, s.id "
                     "FROM person_statuses s JOIN persons p ON p.id = s.person_id "
                     "ORDER BY p.village_code, s.id")
            )
        )  # fmt: skip
    rng = random.Random(11)
    clock = HybridClock("county")

    def change(villages: int, table: str = "persons") -> None:
        """County edits of one row in each of ``villages`` villages (a person's phone number,
        or a note on a status as data matching writes them): each appends to the change
        log with its village as the scope, like a push."""
        rows, field = (one_each, "phone") if table == "persons" else (statuses, "note")
        with db.write() as s:
            for _code, row_id in rng.sample(rows, villages):
                county.county_edit(
                    session=s, table=table, row_id=row_id, by="bench", clock=clock,
                    fields={field: f"139{rng.randrange(10**8):08d}"},
                )  # fmt: skip

    def full() -> float:  # the baseline: the overview's aggregates computed over the county
        return timed(
            lambda: queries.overview(read=db.read, on=TODAY, now=datetime.now(), parallel=True)
        )

    def view() -> Any:
        page = http.get("/dashboard/")
        assert page.status_code == 200 and "参保率" in page.text and "数据截至" in page.text
        return page

    view()  # templates compiled, connections open, the summary made for the day
    refresher = summary.Refresher(
        read=db.read, write=db.write, today=lambda: TODAY, now=datetime.now, parallel=True
    )
    background: list[float] = []

    def night_then_refresher() -> None:
        change(len(one_each))
        background.append(timed(refresher.run_once))

    class Running:
        """The server's refresher as the overview sees it (running, wakeable); the pass
        it is woken for is run by ``caught_up`` after the timing, as the thread would."""

        running = True
        woken = 0

        def wake(self) -> None:
            self.woken += 1

    running = Running()

    def night_refresher_running() -> None:
        change(len(one_each))
        app.state.dashboard_refresher = running

    def caught_up() -> None:
        app.state.dashboard_refresher = None
        refresher.run_once()

    after = {"woken": caught_up}

    scenarios: list[tuple[str, str, Callable[[], None]]] = [
        ("cold", f"all {len(one_each)} villages changed (first view after a night's sync), "
         "no refresher running", lambda: change(len(one_each))),
        ("woken", f"all {len(one_each)} villages changed, a refresher running: the view "
         "shows the full computation and wakes it", night_refresher_running),
        ("warm", "5 villages' persons changed since the last view", lambda: change(5)),
        ("statuses", "5 villages' statuses changed (only their rates recomputed)",
         lambda: change(5, "person_statuses")),
        ("unchanged", "nothing changed; this worker's cache empty (another worker)",
         lambda: None),
        ("cached", "nothing changed since this worker's last view", lambda: None),
        ("refreshed", f"all {len(one_each)} villages changed, then the background refresher "
         "ran", night_then_refresher),
    ]  # fmt: skip
    pages: dict[str, list[float]] = {name: [] for name, _w, _c in scenarios}
    fulls: dict[str, list[float]] = {name: [] for name, _w, _c in scenarios}
    page = view()
    for _ in range(args.rounds):
        for name, _what, prepare in scenarios:
            prepare()
            if name != "cached":
                app.state.dashboard_cache.clear()
            start = time.perf_counter()
            page = view()
            pages[name].append(time.perf_counter() - start)
            fulls[name].append(full())  # measured right after, in the same conditions
            if name in after:
                after[name]()
    new_day = []  # the day counted on changes: everything recomputed (ages, dates)
    for _ in range(max(3, args.rounds // 3)):
        with db.write() as s:
            s.execute(text("UPDATE dashboard_summary_state SET on_date = NULL"))
        app.state.dashboard_cache.clear()
        new_day.append(timed(view))
    rate = re.search(r'id="kpi-participation">.*?<div class="value">([^<]+)</div>', page.text, re.S)
    stations = []
    for _ in range(max(3, args.rounds // 3)):
        stations.append(timed(lambda: http.get("/dashboard/stations")))

    shown = rate.group(1) if rate else "?"
    print(f"county of {args.villages} villages, {args.persons:,} persons on PostgreSQL "
          f"(overview shows participation {shown}, page {len(page.content):,} bytes); "
          f"median / p95 over {args.rounds} rounds, target <= 1 s")  # fmt: skip
    for name, what, _prepare in scenarios:
        p, f = pages[name], fulls[name]
        print(f"  overview {name:<9} page {ms(median(p))}  p95 {ms(percentile(p, 95))}"
              f"   full recompute {ms(median(f))}  ratio {median(p) / median(f):5.2f}"
              f"   ({what})")  # fmt: skip
    assert running.woken == args.rounds, running.woken  # every "woken" view woke it
    print(f"  background refresh of all villages (off the request path) {ms(median(background))}"
          f"  p95 {ms(percentile(background, 95))}")  # fmt: skip
    print(f"  overview new day  page {ms(median(new_day))}  p95 {ms(percentile(new_day, 95))}"
          "   (the day counted on changed, no refresher: the full computation shown)")  # fmt: skip
    print(f"  stations page      median {ms(median(stations))}  p95 {ms(percentile(stations, 95))}")
    print(f"  baseline count(*)  median {ms(median(baseline))}  p95 {ms(percentile(baseline, 95))}"
          "   (SELECT count(*) FROM persons)")  # fmt: skip
    http.close()
    app.state.db.close()
    engine.dispose()
    return 0 if median(pages["warm"]) <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
