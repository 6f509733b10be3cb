"""Labour surveys, training, employers, vacancies, referrals and matching residents to jobs."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import (
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    WorkPlace,
)
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on
from villagedesk.domain.uscc import check_uscc
from villagedesk.services.context import Actor, Checks, get_live, require_supervisor
from villagedesk.services.persons import check_phone
from villagedesk.store.audit import append_audit
from villagedesk.store.models import (
    Employer,
    LabourRegistration,
    Person,
    Referral,
    TrainingNeed,
    TrainingRecord,
    Vacancy,
)
from villagedesk.store.wire import to_wire

E = TypeVar("E", bound=StrEnum)

MAX_MONTHLY_FEN = 10_000_000  # 100,000 yuan a month: anything above is a typing slip
MIN_WORKING_AGE = 16  # the Labour Law forbids employing anyone younger

# Statuses that are a job; only these can have been found through a channel.
JOB_STATUSES = frozenset(
    {
        EmploymentStatus.WORKING_AWAY,
        EmploymentStatus.LOCAL_EMPLOYMENT,
        EmploymentStatus.SELF_EMPLOYED,
        EmploymentStatus.FLEXIBLE,
    }
)


# -- shared checks ---------------------------------------------------------------------------


def _enum(checks: Checks, field: str, value: E | str | None, kind: type[E]) -> E | None:
    """The value as ``kind``; a value outside the vocabulary is a ``choice`` error."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        checks.add(field, "choice", f"{value!r} is not one of the allowed values")
        return None


def _check_fen(checks: Checks, field: str, value: int | None) -> None:
    """A monthly amount in fen: a whole number from 0 to ``MAX_MONTHLY_FEN``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        checks.add(field, "type", "must be a whole number of fen")
    elif value < 0:
        checks.add(field, "negative", "must not be negative")
    elif value > MAX_MONTHLY_FEN:
        checks.add(field, "range", f"must be at most {MAX_MONTHLY_FEN} fen a month")


def _check_alive(checks: Checks, person: Person) -> None:
    if person.death_date is not None:
        checks.add("person_id", "deceased", "the person is recorded as deceased")


def _check_lived_on(checks: Checks, field: str, person: Person, day: date, today: date) -> None:
    checks.not_future(field, day, today)
    if day < person.birth_date:
        checks.add(field, "before_birth", "is before the person's birth date")


def _snapshot(row: object, fields: tuple[str, ...]) -> dict[str, Any]:
    """Some fields of a row as audit details (``append_audit`` converts top-level values only)."""
    return {f: to_wire(getattr(row, f)) for f in fields}


def _yesterday(day: date) -> date:
    return day - timedelta(days=1)


def _check_job(
    checks: Checks,
    status: EmploymentStatus | None,
    channel: JobChannel | None,
    place: WorkPlace | None,
    work_province: str,
    status_given: object,
) -> None:
    """How the employment fields of a working-age survey fit together."""
    status_refused = status is None and status_given is not None  # already a choice error
    if channel is not None and status not in JOB_STATUSES and not status_refused:
        checks.add("job_channel", "not_applicable", "needs an employment status that is a job")
    if place is WorkPlace.OUTSIDE_REGION and status is EmploymentStatus.WORKING_AWAY:
        checks.required("work_province", work_province)
    if work_province.strip() and place is not WorkPlace.OUTSIDE_REGION:
        checks.add("work_province", "not_applicable", "only for work outside Guangxi")


# -- labour surveys --------------------------------------------------------------------------


def record_labour_survey(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    surveyed_on: date,
    population_category: PopulationCategory,
    employment_status: EmploymentStatus | None = None,
    job_channel: JobChannel | None = None,
    work_place: WorkPlace | None = None,
    work_province: str = "",
    employer_name: str = "",
    industry: str = "",
    monthly_income_fen: int | None = None,
    phone: str = "",
    wants_work: bool = False,
    wants_training: bool = False,
    training_trade: str = "",
    wants_business: bool = False,
    note: str = "",
) -> LabourRegistration:
    """Record one labour survey of a person. Earlier surveys stay: a survey is a new row."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    _check_alive(checks, person)
    _check_lived_on(checks, "surveyed_on", person, surveyed_on, today)
    checks.required("population_category", population_category)
    category = _enum(checks, "population_category", population_category, PopulationCategory)
    status = _enum(checks, "employment_status", employment_status, EmploymentStatus)
    channel = _enum(checks, "job_channel", job_channel, JobChannel)
    place = _enum(checks, "work_place", work_place, WorkPlace)
    if surveyed_on >= person.birth_date and category is not None:
        under_16 = age_on(person.birth_date, surveyed_on) < MIN_WORKING_AGE
        if under_16 and category is not PopulationCategory.UNDER_16:
            checks.add("population_category", "age", "the person is under 16 on that day")
        elif not under_16 and category is PopulationCategory.UNDER_16:
            checks.add("population_category", "age", "the person is 16 or older on that day")
    if category is not None and category is not PopulationCategory.WORKING_AGE:
        employment_fields: dict[str, object] = {
            "employment_status": employment_status,
            "job_channel": job_channel,
            "work_place": work_place,
            "work_province": work_province.strip(),
            "employer_name": employer_name.strip(),
            "industry": industry.strip(),
            "monthly_income_fen": monthly_income_fen,
        }
        for field, value in employment_fields.items():
            if value not in (None, ""):
                checks.add(field, "not_applicable", "only for people of working age")
    elif category is PopulationCategory.WORKING_AGE:
        _check_job(checks, status, channel, place, work_province, employment_status)
    checks.max_length("work_province", work_province.strip(), 20)
    checks.max_length("employer_name", employer_name.strip(), 100)
    checks.max_length("industry", industry.strip(), 60)
    _check_fen(checks, "monthly_income_fen", monthly_income_fen)
    check_phone(checks, "phone", phone)
    if wants_training:
        checks.required("training_trade", training_trade)
    checks.max_length("training_trade", training_trade.strip(), 60)
    checks.max_length("note", note, 2000)
    checks.raise_if_any()
    assert category is not None
    row = LabourRegistration(
        person_id=person_id,
        surveyed_on=surveyed_on,
        population_category=category.value,
        employment_status=status.value if status is not None else None,
        job_channel=channel.value if channel is not None else None,
        work_place=place.value if place is not None else None,
        work_province=work_province.strip(),
        employer_name=employer_name.strip(),
        industry=industry.strip(),
        monthly_income_fen=monthly_income_fen,
        phone=phone.strip(),
        wants_work=wants_work,
        wants_training=wants_training,
        training_trade=training_trade.strip(),
        wants_business=wants_business,
        clerk=actor.username,
        note=note,
    )
    session.add(row)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="labour.survey",
        target_table="labour_registrations",
        target_id=row.id,
        details={
            "person": person_id,
            "surveyed_on": surveyed_on,
            "category": row.population_category,
            "status": row.employment_status,
        },
    )
    return row


def labour_history(*, session: Session, person_id: str) -> list[LabourRegistration]:
    """Every labour survey of a person, newest first."""
    q = (
        select(LabourRegistration)
        .where(
            LabourRegistration.person_id == person_id,
            LabourRegistration.deleted.is_(False),
        )
        .order_by(LabourRegistration.surveyed_on.desc(), LabourRegistration.created_hlc.desc())
    )
    return list(session.scalars(q))


def latest_labour(*, session: Session, person_id: str) -> LabourRegistration | None:
    history = labour_history(session=session, person_id=person_id)
    return history[0] if history else None


# -- training ------------------------------------------------------------------------------


def record_training_need(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    surveyed_on: date,
    trade: str,
    note: str = "",
) -> TrainingNeed:
    """Record the trade a labourer wants to be trained in (a survey: always a new row)."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    _check_alive(checks, person)
    _check_lived_on(checks, "surveyed_on", person, surveyed_on, today)
    if checks.required("trade", trade):
        checks.max_length("trade", trade.strip(), 60)
    checks.max_length("note", note, 2000)
    checks.raise_if_any()
    need = TrainingNeed(
        person_id=person_id, surveyed_on=surveyed_on, trade=trade.strip(), note=note
    )
    session.add(need)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="training.need",
        target_table="training_needs",
        target_id=need.id,
        details={"person": person_id, "trade": need.trade, "surveyed_on": surveyed_on},
    )
    return need


def _check_outcome(
    checks: Checks,
    *,
    start_date: date,
    end_date: date | None,
    certificate: str,
    employed_after: bool | None,
    monthly_wage_fen: int | None,
    today: date,
) -> None:
    """Rules for how a training ended: dates in order, a wage only for someone employed."""
    checks.not_future("end_date", end_date, today)
    if end_date is not None and end_date < start_date:
        checks.add("end_date", "before_start", "is before the training started")
    checks.max_length("certificate", certificate.strip(), 100)
    if end_date is None and (certificate.strip() or employed_after is not None):
        checks.add("end_date", "required", "an outcome needs the date the training ended")
    _check_fen(checks, "monthly_wage_fen", monthly_wage_fen)
    if monthly_wage_fen is not None and employed_after is not True:
        checks.add("monthly_wage_fen", "not_applicable", "only for someone employed afterwards")


def record_training(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    programme: str,
    trade: str,
    start_date: date,
    end_date: date | None = None,
    certificate: str = "",
    employed_after: bool | None = None,
    monthly_wage_fen: int | None = None,
) -> TrainingRecord:
    """Record a training a person took part in; the outcome may be filled in later."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    _check_lived_on(checks, "start_date", person, start_date, today)
    if person.death_date is not None and start_date > person.death_date:
        checks.add("start_date", "after_death", "is after the person's death")
    if checks.required("programme", programme):
        checks.max_length("programme", programme.strip(), 100)
    if checks.required("trade", trade):
        checks.max_length("trade", trade.strip(), 60)
    _check_outcome(
        checks,
        start_date=start_date,
        end_date=end_date,
        certificate=certificate,
        employed_after=employed_after,
        monthly_wage_fen=monthly_wage_fen,
        today=today,
    )
    checks.raise_if_any()
    record = TrainingRecord(
        person_id=person_id,
        programme=programme.strip(),
        trade=trade.strip(),
        start_date=start_date,
        end_date=end_date,
        certificate=certificate.strip(),
        employed_after=employed_after,
        monthly_wage_fen=monthly_wage_fen,
    )
    session.add(record)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="training.record",
        target_table="training_records",
        target_id=record.id,
        details={"person": person_id, "programme": record.programme, "trade": record.trade},
    )
    return record


def update_training_outcome(
    *,
    session: Session,
    actor: Actor,
    today: date,
    training_id: str,
    end_date: date,
    certificate: str = "",
    employed_after: bool | None = None,
    monthly_wage_fen: int | None = None,
) -> TrainingRecord:
    """Fill in (or correct) how a training ended."""
    record = get_live(session, TrainingRecord, training_id, field="training_id")
    checks = Checks()
    checks.required("end_date", end_date)
    _check_outcome(
        checks,
        start_date=record.start_date,
        end_date=end_date,
        certificate=certificate,
        employed_after=employed_after,
        monthly_wage_fen=monthly_wage_fen,
        today=today,
    )
    checks.raise_if_any()
    fields = ("end_date", "certificate", "employed_after", "monthly_wage_fen")
    before = _snapshot(record, fields)
    record.end_date = end_date
    record.certificate = certificate.strip()
    record.employed_after = employed_after
    record.monthly_wage_fen = monthly_wage_fen
    append_audit(
        session,
        actor=actor.username,
        action="training.outcome",
        target_table="training_records",
        target_id=record.id,
        details={"before": before, "after": _snapshot(record, fields)},
    )
    return record


def trainings_for(*, session: Session, person_id: str) -> list[TrainingRecord]:
    """A person's trainings, latest start first."""
    q = (
        select(TrainingRecord)
        .where(TrainingRecord.person_id == person_id, TrainingRecord.deleted.is_(False))
        .order_by(TrainingRecord.start_date.desc())
    )
    return list(session.scalars(q))


# -- employers and vacancies ---------------------------------------------------------------


def add_employer(
    *,
    session: Session,
    actor: Actor,
    today: date,
    name: str,
    uscc: str,
    contact: str = "",
    phone: str = "",
    address: str = "",
) -> Employer:
    """Register an employer by its unified social credit code (one row per code)."""
    checks = Checks()
    if checks.required("name", name):
        checks.max_length("name", name.strip(), 120)
    code: str | None = None
    if checks.required("uscc", uscc):
        try:
            code = check_uscc(uscc, field="uscc")
        except ValidationError as exc:
            checks.errors.extend(exc.errors)
    if code is not None:
        existing = session.scalar(select(Employer.id).where(Employer.uscc == code))
        if existing is not None:
            checks.add("uscc", "duplicate", f"already registered here (employer {existing})")
    checks.max_length("contact", contact.strip(), 60)
    check_phone(checks, "phone", phone)
    checks.max_length("address", address.strip(), 200)
    checks.raise_if_any()
    assert code is not None
    employer = Employer(
        name=name.strip(),
        uscc=code,
        contact=contact.strip(),
        phone=phone.strip(),
        address=address.strip(),
    )
    session.add(employer)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="employer.add",
        target_table="employers",
        target_id=employer.id,
        details={"name": employer.name, "uscc": code},
    )
    return employer


def add_vacancy(
    *,
    session: Session,
    actor: Actor,
    today: date,
    employer_id: str,
    post: str,
    count: int,
    wage_min_fen: int,
    wage_max_fen: int,
    valid_until: date,
    place: str = "",
    requirements: str = "",
) -> Vacancy:
    """Post a vacancy of a registered employer, open up to and including ``valid_until``."""
    get_live(session, Employer, employer_id, field="employer_id")
    checks = Checks()
    if checks.required("post", post):
        checks.max_length("post", post.strip(), 100)
    if count < 1:
        checks.add("count", "range", "at least one post")
    _check_fen(checks, "wage_min_fen", wage_min_fen)
    _check_fen(checks, "wage_max_fen", wage_max_fen)
    if wage_max_fen < wage_min_fen:
        checks.add("wage_max_fen", "below_min", "is below the minimum wage offered")
    checks.max_length("place", place.strip(), 120)
    checks.max_length("requirements", requirements, 2000)
    if valid_until < today:
        checks.add("valid_until", "past", "must not be before today")
    checks.raise_if_any()
    vacancy = Vacancy(
        employer_id=employer_id,
        post=post.strip(),
        count=count,
        wage_min_fen=wage_min_fen,
        wage_max_fen=wage_max_fen,
        place=place.strip(),
        requirements=requirements,
        valid_until=valid_until,
    )
    session.add(vacancy)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="vacancy.add",
        target_table="vacancies",
        target_id=vacancy.id,
        details={"employer": employer_id, "post": vacancy.post, "count": count},
    )
    return vacancy


def close_vacancy(*, session: Session, actor: Actor, today: date, vacancy_id: str) -> Vacancy:
    """Close a vacancy now: it was last open yesterday and takes no referral from today on."""
    vacancy = get_live(session, Vacancy, vacancy_id, field="vacancy_id")
    if vacancy.valid_until < today:
        raise ValidationError.single("vacancy_id", "closed", "the vacancy is already closed")
    before = vacancy.valid_until
    vacancy.valid_until = _yesterday(today)
    append_audit(
        session,
        actor=actor.username,
        action="vacancy.close",
        target_table="vacancies",
        target_id=vacancy.id,
        details={"before": before, "valid_until": vacancy.valid_until},
    )
    return vacancy


def open_vacancies(*, session: Session, on: date) -> list[Vacancy]:
    """Vacancies still open on ``on``, those closing soonest first."""
    q = (
        select(Vacancy)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(
            Vacancy.valid_until >= on,
            Vacancy.deleted.is_(False),
            Employer.deleted.is_(False),
        )
        .order_by(Vacancy.valid_until, Vacancy.post, Vacancy.id)
    )
    return list(session.scalars(q))


# -- referrals -----------------------------------------------------------------------------


def _hired_count(session: Session, vacancy_id: str) -> int:
    q = select(func.count(Referral.id)).where(
        Referral.vacancy_id == vacancy_id,
        Referral.outcome == ReferralOutcome.HIRED.value,
        Referral.deleted.is_(False),
    )
    return session.scalar(q) or 0


def refer_to_vacancy(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    vacancy_id: str,
    note: str = "",
) -> Referral:
    """Refer a resident to an open vacancy; the outcome is recorded later."""
    person = get_live(session, Person, person_id, field="person_id")
    vacancy = get_live(session, Vacancy, vacancy_id, field="vacancy_id")
    checks = Checks()
    _check_alive(checks, person)
    if today >= person.birth_date and age_on(person.birth_date, today) < MIN_WORKING_AGE:
        checks.add("person_id", "age", "nobody under 16 may be referred to a job")
    if vacancy.valid_until < today:
        checks.add("vacancy_id", "closed", "the vacancy is no longer open")
    elif _hired_count(session, vacancy_id) >= vacancy.count:
        checks.add("vacancy_id", "filled", "every post of this vacancy is filled")
    pending = session.scalar(
        select(Referral.id).where(
            Referral.person_id == person_id,
            Referral.vacancy_id == vacancy_id,
            Referral.outcome == ReferralOutcome.PENDING.value,
            Referral.deleted.is_(False),
        )
    )
    if pending is not None:
        checks.add("vacancy_id", "duplicate", "the person is already referred and waiting")
    checks.max_length("note", note, 2000)
    checks.raise_if_any()
    referral = Referral(
        person_id=person_id,
        vacancy_id=vacancy_id,
        referred_on=today,
        outcome=ReferralOutcome.PENDING.value,
        clerk=actor.username,
        note=note,
    )
    session.add(referral)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="referral.add",
        target_table="referrals",
        target_id=referral.id,
        details={"person": person_id, "vacancy": vacancy_id},
    )
    return referral


def record_referral_outcome(
    *,
    session: Session,
    actor: Actor,
    today: date,
    referral_id: str,
    outcome: ReferralOutcome,
    outcome_on: date,
    monthly_wage_fen: int | None = None,
    note: str | None = None,
) -> Referral:
    """Record how a referral ended. Changing an outcome already recorded needs a supervisor."""
    referral = get_live(session, Referral, referral_id, field="referral_id")
    if referral.outcome != ReferralOutcome.PENDING.value:
        require_supervisor(actor, action="changing a recorded referral outcome")
    checks = Checks()
    result = _enum(checks, "outcome", outcome, ReferralOutcome)
    if result is ReferralOutcome.PENDING:
        checks.add("outcome", "choice", "an outcome cannot be 'pending'")
    checks.not_future("outcome_on", outcome_on, today)
    if outcome_on < referral.referred_on:
        checks.add("outcome_on", "before_referral", "is before the referral was made")
    if result is ReferralOutcome.HIRED:
        checks.required("monthly_wage_fen", monthly_wage_fen)
    elif monthly_wage_fen is not None:
        checks.add("monthly_wage_fen", "not_applicable", "only for someone hired")
    _check_fen(checks, "monthly_wage_fen", monthly_wage_fen)
    if note is not None:
        checks.max_length("note", note, 2000)
    checks.raise_if_any()
    assert result is not None
    fields = ("outcome", "outcome_on", "monthly_wage_fen", "note")
    before = _snapshot(referral, fields)
    referral.outcome = result.value
    referral.outcome_on = outcome_on
    referral.monthly_wage_fen = monthly_wage_fen
    if note is not None:
        referral.note = note
    append_audit(
        session,
        actor=actor.username,
        action="referral.outcome",
        target_table="referrals",
        target_id=referral.id,
        details={"before": before, "after": _snapshot(referral, fields)},
    )
    return referral


def referrals_for(*, session: Session, person_id: str) -> list[Referral]:
    """A person's referrals, newest first."""
    q = (
        select(Referral)
        .where(Referral.person_id == person_id, Referral.deleted.is_(False))
        .order_by(Referral.referred_on.desc(), Referral.created_hlc.desc())
    )
    return list(session.scalars(q))


def match_vacancies(*, session: Session, person_id: str, on: date) -> list[Vacancy]:
    """Open vacancies for a person: those mentioning the trade they want to learn or the
    industry they work in come first, then the best paid."""
    latest = latest_labour(session=session, person_id=person_id)
    keywords: list[str] = []
    if latest is not None:
        keywords = [k.casefold() for k in (latest.training_trade, latest.industry) if k.strip()]

    def matches(vacancy: Vacancy) -> bool:
        text = f"{vacancy.post}\n{vacancy.requirements}".casefold()
        return any(k in text for k in keywords)

    vacancies = open_vacancies(session=session, on=on)
    return sorted(vacancies, key=lambda v: (not matches(v), -v.wage_max_fen))
