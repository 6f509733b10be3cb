"""What the county dashboard shows, read from the county database in grouped SQL.

A county holds up to 500,000 persons; every figure here is one ``GROUP BY`` (or a handful),
never a loop over persons in Python. The overview shown to officers sums a per-village
summary of these figures (``summary.py``) and recomputes only the villages changed since;
the full computation here is its reference (``bench/bench_dashboard.py`` times both).

Who is counted follows the station report (``services.reports``), on the date ``on`` and
ignoring tombstones:

* participation (参保率): denominator = living persons aged 16 or more, neither students nor in
  the employee scheme, registered poor (or lifted out no more than ``support_years`` ago);
  numerator = those enrolled (normal or suspended) or receiving the pension.
* payment rate (发放率): denominator = the same poor persons aged 60 or more who may draw the
  pension — a Guangxi household registration and no other state pension (the special basic
  pension brings every such poor person in) — or who already receive it; numerator = those
  with an active award. (The counter's report also checks years paid through the pension
  rules; for the registered poor the special basic pension makes the two agree.)
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, func, or_, select, text, true
from sqlalchemy.orm import Session, aliased

from villagedesk.domain.categories import AwardStatus, CostLevel, StatusKind
from villagedesk.services.reports import (
    PremiumYear,
    Rate,
    TrainingSummary,
    VacancySummary,
    training_totals,
)
from villagedesk.services.worklists import ENROLLED, RECEIVING, latest_birth_for_age
from villagedesk.store.dashboard_models import StationReport, VacancyTarget
from villagedesk.store.models import (
    BenefitAward,
    Employer,
    Enrolment,
    LabourRegistration,
    PaidPremium,
    Person,
    PersonStatus,
    Referral,
    TrainingRecord,
    Vacancy,
)
from villagedesk.store.server_models import (
    ChangeLogEntry,
    ConflictRecord,
    CountyStation,
    DuplicateCase,
)

SUPPORT_YEARS = 2  # paid premiums continue two years after lifting out of poverty [seed]
OVERDUE_DAYS = 3  # a station that has not synced for longer is overdue


@dataclass(frozen=True)
class VillageRates:
    village_code: str
    name: str
    participation: Rate
    payment: Rate


@dataclass(frozen=True)
class Overview:
    on: date
    participation: Rate
    payment: Rate
    villages: list[VillageRates]  # lowest participation first
    premiums: list[PremiumYear]
    by_employment_status: dict[str, int]
    by_job_channel: dict[str, int]
    by_work_place: dict[str, int]
    surveyed: int
    training: TrainingSummary
    training_by_trade: list[tuple[str, int, int]]  # trade, records, employed afterwards
    vacancies: VacancySummary
    open_conflicts: int
    open_duplicates: int
    stations: int
    overdue_stations: int
    # the figures include every change the county had at ``as_of`` (change-log position)
    as_of: datetime | None = None
    change_seq: int = 0


def poor_supported(on: date, support_years: int = SUPPORT_YEARS) -> Any:
    """``SELECT person_id`` of the registered poor on ``on`` (or lifted out recently)."""
    return select(PersonStatus.person_id).where(
        PersonStatus.kind == StatusKind.REGISTERED_POOR.value,
        PersonStatus.deleted.is_(False),
        PersonStatus.start_date <= on,
        or_(
            and_(
                PersonStatus.lifted_out_year.is_(None),
                or_(PersonStatus.end_date.is_(None), PersonStatus.end_date > on),
            ),
            PersonStatus.lifted_out_year + support_years >= on.year,
        ),
    )


def station_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(CountyStation.village_code, CountyStation.name)).all())


def target_rates(
    *, session: Session, on: date, villages: Collection[str] | None = None
) -> list[VillageRates]:
    """Participation and payment rate per village, in one grouped query (of the given
    ``villages`` only, or every village)."""
    aged_16 = latest_birth_for_age(16, on)
    aged_60 = latest_birth_for_age(60, on)
    receiving = BenefitAward.status.in_(sorted(RECEIVING))
    enrolled = Enrolment.status.in_(sorted(ENROLLED))
    is_60 = Person.birth_date <= aged_60
    may_draw = or_(
        receiving, and_(Person.guangxi_hukou.is_(True), Person.other_state_pension.is_(False))
    )
    q = (
        select(
            Person.village_code,
            func.count(),
            func.sum(case((or_(receiving, enrolled), 1), else_=0)),
            func.sum(case((and_(is_60, may_draw), 1), else_=0)),
            func.sum(
                case((and_(is_60, BenefitAward.status == AwardStatus.ACTIVE.value), 1), else_=0)
            ),
        )
        .select_from(Person)
        .outerjoin(Enrolment, and_(Enrolment.person_id == Person.id, Enrolment.deleted.is_(False)))
        .outerjoin(
            BenefitAward,
            and_(BenefitAward.person_id == Person.id, BenefitAward.deleted.is_(False)),
        )
        .where(
            Person.deleted.is_(False),
            or_(Person.death_date.is_(None), Person.death_date > on),
            Person.birth_date <= aged_16,
            Person.student.is_(False),
            Person.employee_scheme.is_(False),
            Person.id.in_(poor_supported(on)),
            Person.village_code.in_(sorted(villages)) if villages is not None else true(),
        )
        .group_by(Person.village_code)
    )
    names = station_names(session)
    rows = [
        VillageRates(
            village_code=code,
            name=names.get(code, code),
            participation=Rate(int(num or 0), int(den)),
            payment=Rate(int(pay_num or 0), int(pay_den or 0)),
        )
        for code, den, num, pay_den, pay_num in session.execute(q)
    ]
    return sorted(rows, key=rate_order)


def rate_order(v: VillageRates) -> tuple[float, str]:
    """Lowest participation first (no denominator last), then by village code."""
    rate = v.participation.rate
    return (float(rate) if rate is not None else 101.0, v.village_code)


def _sum_rates(villages: list[VillageRates]) -> tuple[Rate, Rate]:
    return (
        Rate(
            sum(v.participation.numerator for v in villages),
            sum(v.participation.denominator for v in villages),
        ),
        Rate(
            sum(v.payment.numerator for v in villages),
            sum(v.payment.denominator for v in villages),
        ),
    )


def paid_premiums(*, session: Session) -> list[PremiumYear]:
    """Government-paid premiums per year with the region's and the local shares. Persons are
    counted net: a premium (one per person and year) counts one, its reversal takes it back
    (no COUNT DISTINCT over the whole ledger)."""
    q = (
        select(
            PaidPremium.year,
            PaidPremium.local_level,
            func.count(case((PaidPremium.amount_fen > 0, 1)))
            - func.count(case((PaidPremium.amount_fen < 0, 1))),
            func.sum(PaidPremium.amount_fen),
            func.sum(PaidPremium.region_fen),
            func.sum(PaidPremium.local_fen),
        )
        .where(PaidPremium.deleted.is_(False))
        .group_by(PaidPremium.year, PaidPremium.local_level)
    )
    acc: dict[int, list[int]] = {}
    for year, level, persons, amount, region, local in session.execute(q):
        t = acc.setdefault(int(year), [0, 0, 0, 0, 0])
        t[0] += int(persons or 0)
        t[1] += int(amount or 0)
        t[2] += int(region or 0)
        t[3 if level == CostLevel.CITY.value else 4] += int(local or 0)
    return [PremiumYear(y, *acc[y]) for y in sorted(acc) if any(acc[y])]


def _bytewise(session: Session, column: Any) -> Any:
    """Compare hybrid-clock stamps byte by byte (they are ASCII): on PostgreSQL, the "C"
    collation instead of the database's locale, several times faster."""
    if session.get_bind().dialect.name == "postgresql":
        return column.collate("C")
    return column


def tune(session: Session) -> None:
    """PostgreSQL settings for the dashboard's few large aggregates, for this transaction:
    hash tables in memory (no spilling at 500,000 persons), no JIT compile."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL work_mem = '64MB'"))
        session.execute(text("SET LOCAL jit = off"))


def latest_survey(session: Session, latest: Any, on: date) -> Any:
    """``latest`` (LabourRegistration) is a person's latest survey on ``on``: an anti-join on
    "a newer survey of the same person" (no sort of the whole table, which a window function
    needs)."""
    newer = aliased(LabourRegistration)
    return and_(
        latest.deleted.is_(False),
        latest.surveyed_on <= on,
        ~select(newer.id)
        .where(
            newer.person_id == latest.person_id,
            newer.deleted.is_(False),
            newer.surveyed_on <= on,
            or_(
                newer.surveyed_on > latest.surveyed_on,
                and_(
                    newer.surveyed_on == latest.surveyed_on,
                    _bytewise(session, newer.created_hlc) > _bytewise(session, latest.created_hlc),
                ),
            ),
        )
        .exists(),
    )


def employment(*, session: Session, on: date) -> tuple[int, dict[str, dict[str, int]]]:
    """Each living person's latest labour survey (the newest record of the latest day),
    counted by status, channel and place."""
    latest = LabourRegistration
    gone = select(Person.id).where(
        or_(Person.deleted.is_(True), and_(Person.death_date.is_not(None), Person.death_date <= on))
    )
    q = (
        select(latest.employment_status, latest.job_channel, latest.work_place, func.count())
        .where(latest_survey(session, latest, on), latest.person_id.not_in(gone))
        .group_by(latest.employment_status, latest.job_channel, latest.work_place)
    )
    out: dict[str, dict[str, int]] = {"status": {}, "channel": {}, "place": {}}
    total = 0
    for status, channel, place, n in session.execute(q):
        total += int(n)
        for key, value in (("status", status), ("channel", channel), ("place", place)):
            bucket = out[key]
            bucket[value or ""] = bucket.get(value or "", 0) + int(n)
    return total, out


def training(*, session: Session, on: date) -> tuple[TrainingSummary, list[tuple[str, int, int]]]:
    employed = TrainingRecord.employed_after.is_(True)
    live = (TrainingRecord.deleted.is_(False), TrainingRecord.start_date <= on)
    summary = training_totals(session=session, on=on)
    trades_q = (
        select(TrainingRecord.trade, func.count(), func.count(case((employed, 1))))
        .where(*live)
        .group_by(TrainingRecord.trade)
        .order_by(func.count().desc(), TrainingRecord.trade)
        .limit(10)
    )
    trades = [(str(t), int(n), int(e)) for t, n, e in session.execute(trades_q)]
    return summary, trades


def open_vacancies(*, session: Session, on: date) -> tuple[int, int]:
    """Open vacancies and their posts (county-wide reference data: a few hundred rows)."""
    vacancies, posts = session.execute(
        select(func.count(Vacancy.id), func.sum(Vacancy.count))
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Vacancy.deleted.is_(False), Employer.deleted.is_(False), Vacancy.valid_until >= on)
    ).one()
    return int(vacancies or 0), int(posts or 0)


def vacancy_summary(*, session: Session, on: date) -> VacancySummary:
    vacancies, posts = open_vacancies(session=session, on=on)
    outcomes = dict(
        session.execute(
            select(Referral.outcome, func.count())
            .where(Referral.deleted.is_(False), Referral.referred_on <= on)
            .group_by(Referral.outcome)
        ).all()
    )
    return VacancySummary(
        open_vacancies=vacancies,
        open_posts=posts,
        referrals_by_outcome={str(k): int(v) for k, v in outcomes.items()},
    )


@dataclass(frozen=True)
class Heavy:
    villages: list[VillageRates]
    surveyed: int
    groups: dict[str, dict[str, int]]
    premiums: list[PremiumYear]
    training: tuple[TrainingSummary, list[tuple[str, int, int]]]
    vacancies: VacancySummary


class OverviewCache:
    """The overview's large aggregates of one worker, kept while the county's data has not
    changed: every change a station pushes and every county edit appends to the change log,
    so its last sequence number (one index probe) names a state of the data. Station
    figures and open cases are always read fresh (they change without the log)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # one computation at a time: requests arriving meanwhile wait and take its result
        self.computing = threading.Lock()
        self._key: tuple[date, int] | None = None
        self._value: Heavy | None = None

    def get(self, key: tuple[date, int]) -> Heavy | None:
        with self._lock:
            return self._value if self._key == key else None

    def put(self, key: tuple[date, int], value: Heavy) -> None:
        with self._lock:
            self._key, self._value = key, value

    def clear(self) -> None:
        with self._lock:
            self._key, self._value = None, None


def overview(
    *,
    read: Callable[[], AbstractContextManager[Session]],
    on: date,
    now: datetime,
    parallel: bool = False,
    cache: OverviewCache | None = None,
    write: Callable[[], AbstractContextManager[Session]] | None = None,
    wake: Callable[[], None] | None = None,
) -> Overview:
    """The whole overview. ``read`` opens a read session; with ``parallel`` (PostgreSQL) the
    large aggregates run at once on their own connections; with ``cache`` they are reused
    until the change log moves.

    With ``write``, the large aggregates come from the per-village summary
    (``summary.refresh`` first recomputes the villages the change log names since it was
    made, then the overview sums a few thousand rows); without it they are computed in full
    over the whole county. Both give the same figures (tests/dashboard/test_summary.py).
    ``wake`` (a running background ``summary.Refresher``): when the summary is due a
    whole-county pass (about twice the full computation), the view shows the full
    computation and wakes the refresher to make that pass off the request."""
    from villagedesk.server.dashboard import summary  # it builds on this module's queries

    def run(part: Callable[[Session], Any]) -> Any:
        with read() as session:
            tune(session)
            return part(session)

    with read() as session:
        seq = int(session.scalar(select(func.max(ChangeLogEntry.seq))) or 0)
        fresh = _fresh(session, now)
        # the summary already includes every change up to here: no write transaction
        kept = write is not None and summary.covers(session=session, on=on, seq=seq)
        plain = (
            write is not None
            and wake is not None
            and not kept
            and summary.needs_county_pass(session=session, on=on)
        )
    key = (on, seq)
    heavy = cache.get(key) if cache is not None else None
    if heavy is None:
        with cache.computing if cache is not None else nullcontext():
            heavy = cache.get(key) if cache is not None else None
            if heavy is None:
                if write is None or plain:
                    heavy = _compute(run, on, parallel)
                    if wake is not None and plain:
                        wake()
                else:
                    # the summary includes at least every change up to the position read
                    # above (it is refreshed to the log's position at that moment, or later)
                    if not kept:
                        state = summary.refresh(
                            write=write, run=run, on=on, now=now, parallel=parallel
                        )
                        key = (on, state.seq)
                    with read() as session:
                        heavy = summary.read(session=session, on=on)
                if cache is not None:
                    cache.put(key, heavy)
    conflicts, duplicates, stations = fresh
    participation, payment = _sum_rates(heavy.villages)
    return Overview(
        on=on,
        participation=participation,
        payment=payment,
        villages=heavy.villages,
        premiums=heavy.premiums,
        by_employment_status=heavy.groups["status"],
        by_job_channel=heavy.groups["channel"],
        by_work_place=heavy.groups["place"],
        surveyed=heavy.surveyed,
        training=heavy.training[0],
        training_by_trade=heavy.training[1],
        vacancies=heavy.vacancies,
        open_conflicts=conflicts,
        open_duplicates=duplicates,
        stations=len(stations),
        overdue_stations=sum(1 for s in stations if s.overdue),
        as_of=now,
        change_seq=seq,
    )


def _compute(run: Callable[[Callable[[Session], Any]], Any], on: date, parallel: bool) -> Heavy:
    parts: dict[str, Callable[[Session], Any]] = {
        "villages": lambda s: target_rates(session=s, on=on),
        "employment": lambda s: employment(session=s, on=on),
        "rest": lambda s: (
            paid_premiums(session=s),
            training(session=s, on=on),
            vacancy_summary(session=s, on=on),
        ),
    }
    if parallel:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            futures = {name: pool.submit(run, part) for name, part in parts.items()}
            done = {name: future.result() for name, future in futures.items()}
    else:
        done = {name: run(part) for name, part in parts.items()}
    surveyed, groups = done["employment"]
    premiums, trained, vacancies = done["rest"]
    return Heavy(done["villages"], surveyed, groups, premiums, trained, vacancies)


def _fresh(session: Session, now: datetime) -> tuple[int, int, list[StationRow]]:
    conflicts = session.scalar(
        select(func.count()).select_from(ConflictRecord).where(ConflictRecord.status == "open")
    )
    duplicates = session.scalar(
        select(func.count()).select_from(DuplicateCase).where(DuplicateCase.status == "open")
    )
    return int(conflicts or 0), int(duplicates or 0), station_rows(session=session, now=now)


# -- stations ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StationRow:
    village_code: str
    name: str
    status: str
    last_sync: datetime | None
    days_since: int | None
    client_version: str
    pending: int | None  # changes at the county the station has not pulled yet
    errors: int
    last_error: str
    open_conflicts: int
    overdue: bool


def _vacancy_seers(session: Session, ids: list[str]) -> dict[str, set[str]]:
    """The villages that see each of the vacancies ``ids`` published to chosen villages
    (absent: published to every village). The rule of ``sync.county.vacancy_visible`` — a
    target, or one of its residents was referred to it — worked out for every village at
    once: that clause takes one village, and with a station column in its place PostgreSQL
    joins every referral to its person (0.3 s at 500,000 persons, 10,000 referrals) where
    this reads only the referrals of these vacancies. ``tests/dashboard/test_pages.py``
    checks both agree."""
    targets: dict[str, set[str]] = {}
    referred: dict[str, set[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        chosen = select(VacancyTarget.vacancy_id).where(VacancyTarget.vacancy_id.in_(chunk))
        for is_target, vacancy_id, village in session.execute(
            select(true(), VacancyTarget.vacancy_id, VacancyTarget.village_code)
            .where(VacancyTarget.vacancy_id.in_(chunk))
            .union_all(  # referrals matter only for vacancies published to chosen villages
                select(false(), Referral.vacancy_id, Person.village_code)
                .join(Person, Person.id == Referral.person_id)
                .where(Referral.vacancy_id.in_(chosen))
            )
        ):
            (targets if is_target else referred).setdefault(vacancy_id, set()).add(village)
    return {vid: chosen | referred.get(vid, set()) for vid, chosen in targets.items()}


def station_rows(*, session: Session, now: datetime) -> list[StationRow]:
    """Every station, overdue ones first (longest without a sync at the top)."""
    reports = {r.village_code: r for r in session.scalars(select(StationReport))}
    conflicts = dict(
        session.execute(
            select(ConflictRecord.scope, func.count())
            .where(ConflictRecord.status == "open")
            .group_by(ConflictRecord.scope)
        ).all()
    )
    # changes waiting: county-wide ones after the station's position, and its own village's
    positions = {code: r.pull_seq for code, r in reports.items() if r.pull_seq}
    pending: dict[str, int] = {}
    if positions:
        lowest = min(positions.values())
        # A county-wide vacancy entry (an edit, logged once for everyone) is sent only to
        # the stations that see the vacancy now (sync.county._vacancy_changes).
        county_wide: list[int] = []
        vacancy_seqs: dict[str, list[int]] = {}
        for seq, vacancy_id in session.execute(
            select(
                ChangeLogEntry.seq,
                case((ChangeLogEntry.table_name == "vacancies", ChangeLogEntry.row_id)),
            )
            .where(ChangeLogEntry.scope == "", ChangeLogEntry.seq > lowest)
            .order_by(ChangeLogEntry.seq)
        ):
            if vacancy_id is None:
                county_wide.append(seq)
            else:
                vacancy_seqs.setdefault(vacancy_id, []).append(seq)
        seers = _vacancy_seers(session, sorted(vacancy_seqs)) if vacancy_seqs else {}
        targeted: dict[str, int] = {}  # per station, entries of vacancies for chosen villages
        for vacancy_id, seqs in vacancy_seqs.items():
            if vacancy_id not in seers:  # every village sees it
                county_wide.extend(seqs)
                continue
            for code in seers[vacancy_id] & positions.keys():
                waiting = len(seqs) - bisect.bisect_right(seqs, positions[code])
                targeted[code] = targeted.get(code, 0) + waiting
        county_wide.sort()
        own = dict(
            session.execute(
                select(ChangeLogEntry.scope, func.count())
                .join(StationReport, StationReport.village_code == ChangeLogEntry.scope)
                .where(ChangeLogEntry.seq > StationReport.pull_seq, StationReport.pull_seq > 0)
                .group_by(ChangeLogEntry.scope)
            ).all()
        )
        for code, seq in positions.items():
            after = len(county_wide) - bisect.bisect_right(county_wide, seq)
            pending[code] = after + int(own.get(code, 0)) + targeted.get(code, 0)
    rows = []
    for station in session.scalars(select(CountyStation)):
        report = reports.get(station.village_code)
        seen = [t for t in (station.last_seen_at, report.last_ok_at if report else None) if t]
        last = max(seen) if seen else None
        days = (now - last) // timedelta(days=1) if last else None
        active = station.status == "active"
        rows.append(
            StationRow(
                village_code=station.village_code,
                name=station.name,
                status=station.status,
                last_sync=last,
                days_since=days,
                client_version=report.client_version if report else "",
                pending=pending.get(station.village_code),
                errors=report.errors if report else 0,
                last_error=report.last_error if report else "",
                open_conflicts=int(conflicts.get(station.village_code, 0)),
                overdue=active and (days is None or days > OVERDUE_DAYS),
            )
        )
    rows.sort(
        key=lambda r: (
            not r.overdue,
            -(r.days_since if r.days_since is not None else 10**6),
            r.village_code,
        )
    )
    return rows


# -- vacancies -----------------------------------------------------------------------------
@dataclass(frozen=True)
class VacancyRow:
    id: str
    employer: str
    post: str
    count: int
    wage_min_fen: int
    wage_max_fen: int
    place: str
    valid_until: date
    targets: list[str]  # empty: every village
    referrals: int
    hired: int
    outcomes: dict[str, int]


def vacancy_rows(*, session: Session, on: date) -> list[VacancyRow]:
    referrals: dict[str, dict[str, int]] = {}
    for vid, outcome, n in session.execute(
        select(Referral.vacancy_id, Referral.outcome, func.count())
        .where(Referral.deleted.is_(False))
        .group_by(Referral.vacancy_id, Referral.outcome)
    ):
        referrals.setdefault(vid, {})[outcome] = int(n)
    targets: dict[str, list[str]] = {}
    for vid, code in session.execute(
        select(VacancyTarget.vacancy_id, VacancyTarget.village_code).order_by(
            VacancyTarget.village_code
        )
    ):
        targets.setdefault(vid, []).append(code)
    q = (
        select(Vacancy, Employer.name)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Vacancy.deleted.is_(False), Vacancy.valid_until >= on)
        .order_by(Vacancy.valid_until, Vacancy.post)
    )
    rows = []
    for vacancy, employer in session.execute(q):
        outcomes = referrals.get(vacancy.id, {})
        rows.append(
            VacancyRow(
                id=vacancy.id,
                employer=employer,
                post=vacancy.post,
                count=vacancy.count,
                wage_min_fen=vacancy.wage_min_fen,
                wage_max_fen=vacancy.wage_max_fen,
                place=vacancy.place,
                valid_until=vacancy.valid_until,
                targets=targets.get(vacancy.id, []),
                referrals=sum(outcomes.values()),
                hired=outcomes.get("hired", 0),
                outcomes=outcomes,
            )
        )
    return rows


def employers(*, session: Session) -> list[Employer]:
    return list(
        session.scalars(select(Employer).where(Employer.deleted.is_(False)).order_by(Employer.name))
    )
