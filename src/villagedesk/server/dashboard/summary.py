"""The overview's per-village summary (issue 7): the large aggregates of the county overview
kept per village in ``dashboard_village_figures``, so that showing the overview sums a few
thousand rows instead of scanning 500,000 persons.

Kept up to date without touching the sync push: every change a station pushes and every
county edit appends to the change log in commit order, with the village that may see it as
its ``scope`` (a person moved by the county logs both villages). ``refresh`` — called when
the overview is shown, and every minute by the server's ``Refresher`` thread — recomputes
only the villages named by entries after the position the summary was made at, and of
those only the parts whose tables changed, with grouped queries restricted to those
villages, and records the new position. A part changed in many villages (the night's sync)
or a new day (ages and dates move) is recomputed for the whole county in one grouped pass.
So the figures always include every change the county had when the page was asked for;
``tests/dashboard/test_summary.py`` checks they equal the full computation
(``queries._compute``).

Only person-scoped data is summarised (every figure here belongs to one person, so to one
village); open vacancies are county-wide reference data of a few hundred rows, read fresh.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select, text, true
from sqlalchemy.orm import Session

from villagedesk.domain.categories import CostLevel
from villagedesk.domain.money import round_fen
from villagedesk.server.dashboard import queries
from villagedesk.services.reports import PremiumYear, Rate, TrainingSummary, VacancySummary
from villagedesk.store.dashboard_models import DashboardSummaryState, DashboardVillageFigure
from villagedesk.store.models import (
    BenefitAward,
    Enrolment,
    LabourRegistration,
    PaidPremium,
    Person,
    PersonStatus,
    Referral,
    TrainingRecord,
)
from villagedesk.store.server_models import ChangeLogEntry

log = logging.getLogger(__name__)

# More changed villages than this: one grouped pass over the whole county is cheaper than
# that many village-restricted passes (measured with bench/bench_dashboard.py).
FULL_ABOVE = 40
STATE_ID = 1
Figure = tuple[str, str, str, str, int, int, int, int, int, int]  # village, part, k1, k2, n1-n6
Run = Callable[[Callable[[Session], Any]], Any]


@dataclass(frozen=True)
class Refreshed:
    seq: int  # the summary includes every change up to this change-log position
    refreshed_at: datetime | None
    villages: int  # villages recomputed by this call (0: nothing had changed)
    full: bool  # the whole county was recomputed


def _of(column: Any, villages: Collection[str] | None) -> Any:
    return column.in_(sorted(villages)) if villages is not None else true()


def _figure(village: str, part: str, k1: str = "", k2: str = "", *n: int) -> Figure:
    v = [*n, 0, 0, 0, 0, 0, 0][:6]
    return (village, part, k1, k2, v[0], v[1], v[2], v[3], v[4], v[5])


def rate_figures(session: Session, on: date, villages: Collection[str] | None) -> list[Figure]:
    return [
        _figure(
            v.village_code,
            "rates",
            "",
            "",
            v.participation.denominator,
            v.participation.numerator,
            v.payment.denominator,
            v.payment.numerator,
        )
        for v in queries.target_rates(session=session, on=on, villages=villages)
    ]


def employment_figures(
    session: Session, on: date, villages: Collection[str] | None
) -> list[Figure]:
    """Latest surveys of living persons per village, counted by status, by channel and by
    place (the overview shows each of the three on its own)."""
    latest = LabourRegistration
    q = (
        select(
            Person.village_code,
            latest.employment_status,
            latest.job_channel,
            latest.work_place,
            func.count(),
        )
        .join(Person, Person.id == latest.person_id)
        .where(
            queries.latest_survey(session, latest, on),
            Person.deleted.is_(False),
            (Person.death_date.is_(None)) | (Person.death_date > on),
            _of(Person.village_code, villages),
        )
        .group_by(
            Person.village_code, latest.employment_status, latest.job_channel, latest.work_place
        )
    )
    acc: dict[tuple[str, str, str], int] = {}
    for village, status, channel, place, n in session.execute(q):
        for dim, value in (("status", status), ("channel", channel), ("place", place)):
            k = (str(village), dim, str(value or ""))
            acc[k] = acc.get(k, 0) + int(n)
    return [_figure(v, "employment", dim, value, n) for (v, dim, value), n in acc.items()]


def premium_figures(session: Session, on: date, villages: Collection[str] | None) -> list[Figure]:
    p = PaidPremium
    q = (
        select(
            Person.village_code,
            p.year,
            p.local_level,
            func.count(case((p.amount_fen > 0, 1))) - func.count(case((p.amount_fen < 0, 1))),
            func.sum(p.amount_fen),
            func.sum(p.region_fen),
            func.sum(p.local_fen),
        )
        .join(Person, Person.id == p.person_id)
        .where(p.deleted.is_(False), _of(Person.village_code, villages))
        .group_by(Person.village_code, p.year, p.local_level)
    )
    return [
        _figure(
            str(village),
            "premium",
            str(int(year)),
            str(level or ""),
            int(persons or 0),
            int(amount or 0),
            int(region or 0),
            int(local or 0),
        )
        for village, year, level, persons, amount, region, local in session.execute(q)
    ]


def training_figures(session: Session, on: date, villages: Collection[str] | None) -> list[Figure]:
    t = TrainingRecord
    employed = t.employed_after.is_(True)
    with_wage = and_(employed, t.monthly_wage_fen.is_not(None))
    q = (
        select(
            Person.village_code,
            t.trade,
            func.count(),
            func.count(case((and_(t.end_date.is_not(None), t.end_date <= on), 1))),
            func.count(case((t.certificate != "", 1))),
            func.count(case((employed, 1))),
            func.count(case((with_wage, 1))),
            func.sum(case((with_wage, t.monthly_wage_fen))),
        )
        .join(Person, Person.id == t.person_id)
        .where(t.deleted.is_(False), t.start_date <= on, _of(Person.village_code, villages))
        .group_by(Person.village_code, t.trade)
    )
    return [
        _figure(str(village), "training", str(trade), "", *(int(x or 0) for x in counts))
        for village, trade, *counts in session.execute(q)
    ]


def referral_figures(session: Session, on: date, villages: Collection[str] | None) -> list[Figure]:
    q = (
        select(Person.village_code, Referral.outcome, func.count())
        .join(Person, Person.id == Referral.person_id)
        .where(
            Referral.deleted.is_(False),
            Referral.referred_on <= on,
            _of(Person.village_code, villages),
        )
        .group_by(Person.village_code, Referral.outcome)
    )
    return [
        _figure(str(village), "referral", str(outcome), "", int(n))
        for village, outcome, n in session.execute(q)
    ]


PartQuery = Callable[[Session, date, Collection[str] | None], list[Figure]]
# each part of the figures, and the tables its queries read: a change to another table (a
# household, a contribution, a vacancy) leaves that part of the village's figures as it was
PARTS: dict[str, tuple[PartQuery, frozenset[str]]] = {
    "rates": (
        rate_figures,
        frozenset(t.__tablename__ for t in (Person, PersonStatus, Enrolment, BenefitAward)),
    ),
    "employment": (
        employment_figures,
        frozenset(t.__tablename__ for t in (Person, LabourRegistration)),
    ),
    "premium": (premium_figures, frozenset(t.__tablename__ for t in (Person, PaidPremium))),
    "training": (training_figures, frozenset(t.__tablename__ for t in (Person, TrainingRecord))),
    "referral": (referral_figures, frozenset(t.__tablename__ for t in (Person, Referral))),
}
Todo = dict[str, Collection[str] | None]  # part -> its villages to recompute (None: all)


def few_villages(session: Session) -> None:
    """PostgreSQL plans for a few villages' persons (a few thousand of 500,000): from the
    village index, each person's records by their ``person_id`` index (nested loops), not a
    scan of every record hashed against them, and no parallel workers for so little work —
    the planner prices the index probes as disk reads and picks the scans, about 1.4x slower
    here with the data in memory (bench/bench_dashboard.py, EXPLAIN ANALYZE)."""
    if session.get_bind().dialect.name == "postgresql":
        for setting in ("enable_hashjoin", "enable_mergejoin"):
            session.execute(text(f"SET LOCAL {setting} = off"))
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def compute(run: Run, on: date, todo: Todo, parallel: bool) -> list[Figure]:
    """The figures of each part in ``todo`` for its villages, each on its own session."""

    def job(part: PartQuery, villages: Collection[str] | None) -> Any:
        def one(session: Session) -> list[Figure]:
            if villages is not None:
                few_villages(session)
            return part(session, on, villages)

        return one

    jobs = [job(PARTS[name][0], villages) for name, villages in todo.items()]
    if parallel and len(jobs) > 1:
        with ThreadPoolExecutor(max_workers=3) as pool:
            done = list(pool.map(run, jobs))
    else:
        done = [run(job) for job in jobs]
    return [figure for part in done for figure in part]


def covers(*, session: Session, on: date, seq: int) -> bool:
    """The summary counts on ``on`` and includes every change up to ``seq``."""
    state = session.get(DashboardSummaryState, STATE_ID)
    return state is not None and state.on_date == on and state.seq >= seq


def _todo(session: Session, state: DashboardSummaryState | None, on: date) -> Todo:
    """What a refresh recomputes: per part, the villages changed since the summary's
    position (None: the whole county — a new day, or more than ``FULL_ABOVE`` villages)."""
    if state is None or state.on_date != on:  # a new day: everything, everywhere
        return {name: None for name in PARTS}
    changed = session.execute(
        select(ChangeLogEntry.scope, ChangeLogEntry.table_name)
        .where(ChangeLogEntry.seq > state.seq, ChangeLogEntry.scope != "")
        .distinct()
    ).all()
    todo: Todo = {}
    for name, (_query, tables) in PARTS.items():
        touched = {scope for scope, table in changed if table in tables}
        if touched:  # many villages: one pass over the county is cheaper
            todo[name] = touched if len(touched) <= FULL_ABOVE else None
    return todo


def needs_county_pass(*, session: Session, on: date) -> bool:
    """A refresh now would recompute some part for the whole county."""
    todo = _todo(session, session.get(DashboardSummaryState, STATE_ID), on)
    return any(villages is None for villages in todo.values())


def refresh(
    *,
    write: Callable[[], AbstractContextManager[Session]],
    run: Run,
    on: date,
    now: datetime,
    parallel: bool = False,
) -> Refreshed:
    """Bring the summary up to the change log's current position for the day ``on``.

    One refresh at a time across workers (the state row is locked; on SQLite the write
    transaction is the lock); pushes are never blocked on PostgreSQL. The position is read
    before the data, so the figures include at least every change up to it — a change
    committed meanwhile is counted again at the next refresh, never missed."""
    with write() as session:
        state = session.get(DashboardSummaryState, STATE_ID, with_for_update=True)
        if state is None:  # a database made without the migration's row
            state = DashboardSummaryState(id=STATE_ID, seq=0, villages_refreshed=0)
            session.add(state)
            session.flush()
        seq = int(session.scalar(select(func.max(ChangeLogEntry.seq))) or 0)
        if state.on_date == on and state.seq >= seq:
            return Refreshed(state.seq, state.refreshed_at, 0, False)
        todo = _todo(session, state, on)
        figures = compute(run, on, todo, parallel) if todo else []
        table = DashboardVillageFigure
        for name, villages in todo.items():
            gone = delete(table).where(table.part == name)
            if villages is not None:
                gone = gone.where(table.village_code.in_(sorted(villages)))
            session.execute(gone)
        names = ("village_code", "part", "k1", "k2", "n1", "n2", "n3", "n4", "n5", "n6")
        rows = [dict(zip(names, f, strict=True)) for f in figures]
        for start in range(0, len(rows), 5000):
            session.execute(insert(table), rows[start : start + 5000])
        full = any(villages is None for villages in todo.values())
        if full:
            count = len({f[0] for f in figures})
        else:  # 0: only county-wide changes (vacancies, policy tables) or none that count
            count = len({v for villages in todo.values() if villages for v in villages})
        state.on_date, state.seq, state.refreshed_at = on, seq, now
        state.villages_refreshed = count
        return Refreshed(seq, now, count, full)


def read(*, session: Session, on: date) -> queries.Heavy:
    """The overview's large aggregates summed from the village figures (refreshed for ``on``
    by ``refresh``)."""
    f = DashboardVillageFigure
    names = queries.station_names(session)
    villages = [
        queries.VillageRates(
            village_code=code,
            name=names.get(code, code),
            participation=Rate(int(num), int(den)),
            payment=Rate(int(pay_num), int(pay_den)),
        )
        for code, den, num, pay_den, pay_num in session.execute(
            select(f.village_code, f.n1, f.n2, f.n3, f.n4).where(f.part == "rates")
        )
    ]
    villages.sort(key=queries.rate_order)

    # every other part summed over the villages in one query
    sums = [func.sum(c) for c in (f.n1, f.n2, f.n3, f.n4, f.n5, f.n6)]
    groups: dict[str, dict[str, int]] = {"status": {}, "channel": {}, "place": {}}
    acc: dict[int, list[int]] = {}
    trained = [0, 0, 0, 0, 0, 0]
    outcomes: dict[str, int] = {}
    for part, k1, k2, *totals in session.execute(
        select(f.part, f.k1, f.k2, *sums).where(f.part != "rates").group_by(f.part, f.k1, f.k2)
    ):
        n = [int(x or 0) for x in totals]
        if part == "employment":
            groups[str(k1)][str(k2)] = n[0]
        elif part == "premium":
            t = acc.setdefault(int(k1), [0, 0, 0, 0, 0])
            t[0] += n[0]
            t[1] += n[1]
            t[2] += n[2]
            t[3 if k2 == CostLevel.CITY.value else 4] += n[3]
        elif part == "training":
            trained = [a + b for a, b in zip(trained, n, strict=True)]
        elif part == "referral":
            outcomes[str(k1)] = n[0]
    surveyed = sum(groups["status"].values())
    premiums = [PremiumYear(y, *acc[y]) for y in sorted(acc) if any(acc[y])]
    records, completed, certificate, employed, wages_n, wages_sum = trained
    training = TrainingSummary(
        records=records,
        completed=completed,
        with_certificate=certificate,
        employed_after=employed,
        average_wage_fen=round_fen(Decimal(wages_sum) / wages_n) if wages_n else None,
    )
    # the same order as the full query, in the database's collation (ties by trade name)
    trades = [
        (str(trade), int(n), int(e))
        for trade, n, e in session.execute(
            select(f.k1, func.sum(f.n1), func.sum(f.n4))
            .where(f.part == "training")
            .group_by(f.k1)
            .order_by(func.sum(f.n1).desc(), f.k1)
            .limit(10)
        )
    ]
    vacancies, posts = queries.open_vacancies(session=session, on=on)
    return queries.Heavy(
        villages=villages,
        surveyed=surveyed,
        groups=groups,
        premiums=premiums,
        training=(training, trades),
        vacancies=VacancySummary(
            open_vacancies=vacancies, open_posts=posts, referrals_by_outcome=outcomes
        ),
    )


class Refresher:
    """Brings the summary up to date in the background every ``interval`` seconds, so the
    first view after a night's sync (or after the day changed) finds at most the last
    interval's villages left to recompute: the whole-county pass runs here, not in an
    officer's request. Each server worker may run one; the state row makes them take turns,
    and a round with nothing new costs two index probes. The view still refreshes whatever
    is left, so the figures shown are never older than the page."""

    def __init__(
        self,
        *,
        read: Callable[[], AbstractContextManager[Session]],
        write: Callable[[], AbstractContextManager[Session]],
        today: Callable[[], date],
        now: Callable[[], datetime],
        parallel: bool = False,
        interval: float = 60.0,
    ) -> None:
        self._read, self._write = read, write
        self._today, self._now = today, now
        self._parallel, self._interval = parallel, interval
        self._stop = False
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> Refreshed:
        def run(part: Callable[[Session], Any]) -> Any:
            with self._read() as session:
                queries.tune(session)
                return part(session)

        return refresh(
            write=self._write, run=run, on=self._today(), now=self._now(), parallel=self._parallel
        )

    def _loop(self) -> None:
        while True:  # a first round at once: a backlog from before a restart is taken now
            try:
                self.run_once()
            except Exception:  # a database hiccup: try again next round, keep the server up
                log.exception("dashboard summary refresh failed")
            self._wake.wait(self._interval)
            self._wake.clear()
            if self._stop:
                return

    def wake(self) -> None:
        """Refresh now rather than at the next round (the view found a whole-county pass
        due and showed the plain full computation meanwhile)."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is None and self._interval > 0:
            self._stop = False
            self._thread = threading.Thread(
                target=self._loop, name="dashboard-summary", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        self._stop = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
