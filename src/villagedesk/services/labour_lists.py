"""Station-wide lists of the labour pages: the labour force with each person's latest survey,
trainings and training needs, employers, vacancies and referrals.

Read-only queries: each list is one or two bulk queries (no query per row), so a station of
20,000 persons lists in well under a second. Tombstoned rows are ignored everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import ReferralOutcome
from villagedesk.domain.idnumber import age_on
from villagedesk.services.labour import MIN_WORKING_AGE
from villagedesk.services.worklists import LABOUR_MAX_AGE, latest_birth_for_age
from villagedesk.store.models import (
    Employer,
    LabourRegistration,
    Person,
    Referral,
    TrainingNeed,
    TrainingRecord,
    Vacancy,
)

NOT_SURVEYED = "not_surveyed"  # the employment-status filter for persons without a survey
_ID_PREFIX = re.compile(r"^[0-9]{1,17}[0-9Xx]?$")
_LATIN = re.compile(r"^[A-Za-z]+$")


# -- the labour force ----------------------------------------------------------------------


@dataclass(frozen=True)
class SurveySummary:
    """The columns of a labour survey the labour-force list shows."""

    surveyed_on: date
    population_category: str
    employment_status: str | None
    job_channel: str | None
    work_place: str | None
    work_province: str
    employer_name: str
    monthly_income_fen: int | None


@dataclass(frozen=True)
class LabourRow:
    """A person of working age (16 to 64) with their latest survey (None: never surveyed)."""

    person_id: str
    name: str
    id_number: str
    age: int
    survey: SurveySummary | None

    @property
    def surveyed_on(self) -> date | None:
        return self.survey.surveyed_on if self.survey is not None else None


def _person_filter(text: str) -> ColumnElement[bool] | None:
    """Name anywhere, pinyin initials or full pinyin by prefix, or an ID-number prefix."""
    query = text.strip().replace(" ", "")
    if not query:
        return None
    if _ID_PREFIX.match(query):
        return Person.id_number.startswith(query.upper())
    if _LATIN.match(query):
        low = query.lower()
        return or_(Person.name_initials.startswith(low), Person.name_pinyin.startswith(low))
    return Person.name.contains(query, autoescape=True)


def labour_force(
    *,
    session: Session,
    on: date,
    employment_status: str | None = None,
    not_surveyed_this_year: bool = False,
    query: str = "",
) -> list[LabourRow]:
    """Living persons aged 16 to 64 on ``on`` with their latest survey, by name (pinyin).

    ``employment_status`` keeps those whose latest survey has that status (``NOT_SURVEYED``:
    those never surveyed); ``not_surveyed_this_year`` keeps those with no survey since
    1 January of ``on``'s year; ``query`` matches a name, pinyin initials or an ID prefix.
    One query: persons joined to their latest survey up to ``on`` (the newest created wins
    a same-day tie), columns only, so 20,000 persons list fast.
    """
    lr = LabourRegistration
    ranked = (
        select(
            lr.person_id,
            lr.surveyed_on,
            lr.population_category,
            lr.employment_status,
            lr.job_channel,
            lr.work_place,
            lr.work_province,
            lr.employer_name,
            lr.monthly_income_fen,
            func.row_number()
            .over(
                partition_by=lr.person_id,
                order_by=(lr.surveyed_on.desc(), lr.created_hlc.desc()),
            )
            .label("rank"),
        )
        .where(lr.deleted.is_(False), lr.surveyed_on <= on)
        .subquery()
    )
    latest = select(ranked).where(ranked.c.rank == 1).subquery()
    oldest_birth = latest_birth_for_age(LABOUR_MAX_AGE + 1, on)  # born on or before: too old
    youngest_birth = latest_birth_for_age(MIN_WORKING_AGE, on)
    q = (
        select(
            Person.id,
            Person.name,
            Person.id_number,
            Person.birth_date,
            latest.c.surveyed_on,
            latest.c.population_category,
            latest.c.employment_status,
            latest.c.job_channel,
            latest.c.work_place,
            latest.c.work_province,
            latest.c.employer_name,
            latest.c.monthly_income_fen,
        )
        .outerjoin(latest, latest.c.person_id == Person.id)
        .where(
            Person.deleted.is_(False),
            or_(Person.death_date.is_(None), Person.death_date > on),
            Person.birth_date > oldest_birth,
            Person.birth_date <= youngest_birth,
        )
        .order_by(Person.name_pinyin, Person.name, Person.id_number)
    )
    condition = _person_filter(query)
    if condition is not None:
        q = q.where(condition)
    if not_surveyed_this_year:
        q = q.where(or_(latest.c.surveyed_on.is_(None), latest.c.surveyed_on < date(on.year, 1, 1)))
    if employment_status == NOT_SURVEYED:
        q = q.where(latest.c.surveyed_on.is_(None))
    elif employment_status is not None:
        q = q.where(latest.c.employment_status == employment_status)
    out: list[LabourRow] = []
    for pid, name, number, birth, surveyed_on, *fields in session.execute(q):
        survey = SurveySummary(surveyed_on, *fields) if surveyed_on is not None else None
        out.append(LabourRow(pid, name, number, age_on(birth, on), survey))
    return out


# -- training ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRow:
    record: TrainingRecord
    name: str
    id_number: str


@dataclass(frozen=True)
class NeedRow:
    need: TrainingNeed
    name: str
    id_number: str


def training_rows(*, session: Session, trade: str = "") -> list[TrainingRow]:
    """Training records (of live persons), latest start first; ``trade`` matches a part."""
    q = (
        select(TrainingRecord, Person.name, Person.id_number)
        .join(Person, Person.id == TrainingRecord.person_id)
        .where(TrainingRecord.deleted.is_(False), Person.deleted.is_(False))
        .order_by(TrainingRecord.start_date.desc(), Person.name)
    )
    if trade.strip():
        q = q.where(TrainingRecord.trade.contains(trade.strip(), autoescape=True))
    return [TrainingRow(r, name, number) for r, name, number in session.execute(q)]


def training_need_rows(*, session: Session, trade: str = "") -> list[NeedRow]:
    """Training needs (of living persons), latest survey first; ``trade`` matches a part."""
    q = (
        select(TrainingNeed, Person.name, Person.id_number)
        .join(Person, Person.id == TrainingNeed.person_id)
        .where(
            TrainingNeed.deleted.is_(False),
            Person.deleted.is_(False),
            Person.death_date.is_(None),
        )
        .order_by(TrainingNeed.surveyed_on.desc(), Person.name)
    )
    if trade.strip():
        q = q.where(TrainingNeed.trade.contains(trade.strip(), autoescape=True))
    return [NeedRow(n, name, number) for n, name, number in session.execute(q)]


# -- employers, vacancies, referrals -------------------------------------------------------


@dataclass(frozen=True)
class EmployerRow:
    employer: Employer
    open_vacancies: int


@dataclass(frozen=True)
class VacancyRow:
    vacancy: Vacancy
    employer_name: str
    hired: int

    @property
    def posts_left(self) -> int:
        return max(0, self.vacancy.count - self.hired)


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    name: str
    id_number: str
    post: str
    employer_name: str


def employer_rows(*, session: Session, on: date) -> list[EmployerRow]:
    """Every employer by name, with how many of its vacancies are open on ``on``."""
    counts = session.execute(
        select(Vacancy.employer_id, func.count(Vacancy.id))
        .where(Vacancy.deleted.is_(False), Vacancy.valid_until >= on)
        .group_by(Vacancy.employer_id)
    )
    open_counts = {employer_id: int(n) for employer_id, n in counts}
    employers = session.scalars(
        select(Employer).where(Employer.deleted.is_(False)).order_by(Employer.name)
    )
    return [EmployerRow(e, open_counts.get(e.id, 0)) for e in employers]


def _hired_counts(session: Session, vacancy_ids: Sequence[str]) -> dict[str, int]:
    if not vacancy_ids:
        return {}
    q = (
        select(Referral.vacancy_id, func.count(Referral.id))
        .where(
            Referral.vacancy_id.in_(list(vacancy_ids)),
            Referral.outcome == ReferralOutcome.HIRED.value,
            Referral.deleted.is_(False),
        )
        .group_by(Referral.vacancy_id)
    )
    return {vid: int(n) for vid, n in session.execute(q)}


def describe_vacancies(*, session: Session, vacancies: Sequence[Vacancy]) -> list[VacancyRow]:
    """The vacancies, in the order given, with their employer's name and the posts filled."""
    ids = [v.id for v in vacancies]
    employer_ids = {v.employer_id for v in vacancies}
    names: dict[str, str] = {}
    if employer_ids:
        q = select(Employer.id, Employer.name).where(Employer.id.in_(employer_ids))
        names = {employer_id: name for employer_id, name in session.execute(q)}
    hired = _hired_counts(session, ids)
    return [VacancyRow(v, names.get(v.employer_id, ""), hired.get(v.id, 0)) for v in vacancies]


def vacancy_rows(
    *, session: Session, on: date, include_closed: bool = False, employer_id: str | None = None
) -> list[VacancyRow]:
    """Vacancies open on ``on`` (closing soonest first), or all of them, latest first."""
    q = (
        select(Vacancy)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Vacancy.deleted.is_(False), Employer.deleted.is_(False))
    )
    if employer_id is not None:
        q = q.where(Vacancy.employer_id == employer_id)
    if include_closed:
        q = q.order_by(Vacancy.valid_until.desc(), Vacancy.post)
    else:
        q = q.where(Vacancy.valid_until >= on).order_by(Vacancy.valid_until, Vacancy.post)
    return describe_vacancies(session=session, vacancies=list(session.scalars(q)))


def referral_rows(
    *, session: Session, outcome: str | None = None, limit: int = 500
) -> list[ReferralRow]:
    """Referrals, newest first (at most ``limit``); ``outcome`` keeps one outcome."""
    q = (
        select(Referral, Person.name, Person.id_number, Vacancy.post, Employer.name)
        .join(Person, Person.id == Referral.person_id)
        .join(Vacancy, Vacancy.id == Referral.vacancy_id)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Referral.deleted.is_(False), Person.deleted.is_(False))
        .order_by(Referral.referred_on.desc(), Referral.created_hlc.desc())
        .limit(max(1, limit))
    )
    if outcome is not None:
        q = q.where(Referral.outcome == outcome)
    return [ReferralRow(*row) for row in session.execute(q)]


def referral_row(*, session: Session, referral_id: str) -> ReferralRow | None:
    """One referral with the person's name and the post, or None if it does not exist."""
    q = (
        select(Referral, Person.name, Person.id_number, Vacancy.post, Employer.name)
        .join(Person, Person.id == Referral.person_id)
        .join(Vacancy, Vacancy.id == Referral.vacancy_id)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(Referral.id == referral_id, Referral.deleted.is_(False))
    )
    row = session.execute(q).first()
    return ReferralRow(*row) if row is not None else None


# -- suggestions for the forms -------------------------------------------------------------


@dataclass(frozen=True)
class LabourSuggestions:
    """Values already typed at this station, most used first (for completers)."""

    provinces: list[str]
    industries: list[str]
    employers: list[str]
    trades: list[str]
    programmes: list[str]


def _most_used(session: Session, column: Any, limit: int = 200) -> list[str]:
    q = (
        select(column, func.count())
        .where(column != "")
        .group_by(column)
        .order_by(func.count().desc(), column)
        .limit(limit)
    )
    return [str(value) for value, _n in session.execute(q)]


def suggestions(*, session: Session) -> LabourSuggestions:
    trades: Counter[str] = Counter()
    for column in (TrainingRecord.trade, TrainingNeed.trade, LabourRegistration.training_trade):
        for rank, value in enumerate(_most_used(session, column)):
            trades[value] += 1000 - rank
    return LabourSuggestions(
        provinces=_most_used(session, LabourRegistration.work_province),
        industries=_most_used(session, LabourRegistration.industry),
        employers=_most_used(session, LabourRegistration.employer_name),
        trades=[t for t, _n in trades.most_common()],
        programmes=_most_used(session, TrainingRecord.programme),
    )
