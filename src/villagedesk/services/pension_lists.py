"""What the pension and certification pages list, and the previews their forms show.

Read-only queries over the ledgers: the rules stay in ``services.pension``,
``services.certification`` and ``domain``; this module only gathers their answers for many
persons at once (through the work-list snapshot) or for one form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from villagedesk.domain import certification as cert_rules
from villagedesk.domain import pension as rules
from villagedesk.domain.categories import AwardStatus, EnrolmentStatus, EntryKind
from villagedesk.domain.idnumber import age_on
from villagedesk.domain.policy import Grade, PolicyMissing
from villagedesk.services.certification import certification_dates, certification_status
from villagedesk.services.context import get_live
from villagedesk.services.facts import contribution_totals, paid_years
from villagedesk.services.pension import (
    MIN_ENROL_AGE,
    PENSION_AGE,
    account_statement,
    award_of,
    check_eligibility,
    contribution_policy_day,
    enrolment_of,
    expected_pension,
    first_of_month,
)
from villagedesk.services.policy import county_of, load_policy
from villagedesk.services.search import find_by_id_number
from villagedesk.services.worklists import load_snapshot
from villagedesk.store.models import (
    BenefitAward,
    BenefitPayment,
    Certification,
    Contribution,
    Person,
)

# --------------------------------------------------------------------------- pension page


@dataclass(frozen=True)
class ContributorRow:
    """An enrolled person (any enrolment status) and whether this year is paid."""

    person_id: str
    name: str
    id_number: str
    birth_date: date
    deceased: bool
    enrolment_status: str
    grade_fen: int
    paid_this_year: bool
    # Expected to pay this year: enrolment normal, alive, aged 16 to under 60 on 1 January
    # (the years ``record_contribution`` accepts).
    owes_this_year: bool


@dataclass(frozen=True)
class PensionerRow:
    """A person with a pension award (any award status)."""

    person_id: str
    name: str
    id_number: str
    birth_date: date
    deceased: bool
    kind: str
    status: str
    first_month: date
    monthly_fen: int
    certification: str | None  # CertStatus, None when not receiving
    due_by: date | None
    paid_for_month: bool  # a positive net payment for ``PensionLists.month``


@dataclass(frozen=True)
class PensionLists:
    on: date
    month: date
    contributors: list[ContributorRow]
    pensioners: list[PensionerRow]


def _net_paid_persons(session: Session, month: date) -> set[str]:
    q = (
        select(BenefitPayment.person_id)
        .where(BenefitPayment.month == month, BenefitPayment.deleted.is_(False))
        .group_by(BenefitPayment.person_id)
        .having(func.sum(BenefitPayment.amount_fen) > 0)
    )
    return set(session.scalars(q))


def pension_lists(*, session: Session, on: date, month: date | None = None) -> PensionLists:
    """Every enrolment and every award of the station on ``on``; ``month`` (default: the
    month of ``on``) is the month whose payment is shown."""
    month = first_of_month(month or on)
    snap = load_snapshot(session=session, on=on)
    paid = _net_paid_persons(session, month)
    year_start = date(on.year, 1, 1)
    contributors: list[ContributorRow] = []
    pensioners: list[PensionerRow] = []
    for person in snap.persons.values():
        enrolment = snap.enrolments.get(person.id)
        if enrolment is not None:
            contributors.append(
                ContributorRow(
                    person_id=person.id,
                    name=person.name,
                    id_number=person.id_number,
                    birth_date=person.birth_date,
                    deceased=person.death_date is not None,
                    enrolment_status=enrolment.status,
                    grade_fen=enrolment.grade_fen,
                    paid_this_year=person.id in snap.paid_this_year,
                    owes_this_year=enrolment.status == EnrolmentStatus.NORMAL.value
                    and person.alive_on(on)
                    and on.year >= person.birth_date.year + MIN_ENROL_AGE
                    and age_on(person.birth_date, year_start) < PENSION_AGE,
                )
            )
        award = snap.awards.get(person.id)
        if award is not None:
            state = snap.certification(person)
            pensioners.append(
                PensionerRow(
                    person_id=person.id,
                    name=person.name,
                    id_number=person.id_number,
                    birth_date=person.birth_date,
                    deceased=person.death_date is not None,
                    kind=award.kind,
                    status=award.status,
                    first_month=award.first_month,
                    monthly_fen=award.monthly_fen,
                    certification=state.status if state is not None else None,
                    due_by=state.due_by if state is not None else None,
                    paid_for_month=person.id in paid,
                )
            )
    contributors.sort(key=lambda r: (r.name, r.id_number))
    pensioners.sort(key=lambda r: (r.name, r.id_number))
    return PensionLists(on=on, month=month, contributors=contributors, pensioners=pensioners)


@dataclass(frozen=True)
class PayableRow:
    person_id: str
    name: str
    monthly_fen: int


def payable_pensioners(*, session: Session, month: date) -> list[PayableRow]:
    """Active awards that have started by ``month`` and are not yet paid for it.

    Persons recorded as deceased are left out even if their award is still active (a death
    that arrived by data matching): they appear on the "deceased, payment not stopped" list.
    """
    month = first_of_month(month)
    paid = _net_paid_persons(session, month)
    q = (
        select(BenefitAward.person_id, Person.name, BenefitAward.monthly_fen)
        .join(Person, Person.id == BenefitAward.person_id)
        .where(
            BenefitAward.status == AwardStatus.ACTIVE.value,
            BenefitAward.deleted.is_(False),
            BenefitAward.first_month <= month,
            Person.deleted.is_(False),
            Person.death_date.is_(None),
        )
        .order_by(Person.name, Person.id_number)
    )
    return [
        PayableRow(person_id=pid, name=name, monthly_fen=monthly)
        for pid, name, monthly in session.execute(q)
        if pid not in paid
    ]


# --------------------------------------------------------------------------- certification


@dataclass(frozen=True)
class CertCandidate:
    """A scanned person at the certification queue, with what the clerk must know."""

    person_id: str
    name: str
    id_number: str
    birth_date: date
    deceased_on: date | None
    award_status: str | None  # AwardStatus, None without an award
    monthly_fen: int | None
    suspended_from: date | None
    state: cert_rules.CertState | None  # None when no pension is received
    last_certified: date | None


def certification_candidate(*, session: Session, id_number: str, on: date) -> CertCandidate | None:
    """The person with this ID number (as typed or scanned), or None if not registered."""
    person = find_by_id_number(session=session, id_number=id_number)
    if person is None:
        return None
    award = award_of(session=session, person_id=person.id)
    dates = certification_dates(session=session, person_id=person.id)
    past = [d for d in dates if d <= on]
    return CertCandidate(
        person_id=person.id,
        name=person.name,
        id_number=person.id_number,
        birth_date=person.birth_date,
        deceased_on=person.death_date,
        award_status=award.status if award is not None else None,
        monthly_fen=award.monthly_fen if award is not None else None,
        suspended_from=award.suspended_from if award is not None else None,
        state=certification_status(session=session, person_id=person.id, on=on),
        last_certified=past[-1] if past else None,
    )


@dataclass(frozen=True)
class CertifiedRow:
    certification_id: str
    person_id: str
    name: str
    id_number: str
    method: str
    clerk: str


def certified_on_day(*, session: Session, day: date) -> list[CertifiedRow]:
    """Certifications dated ``day`` still in force, in the order they were made."""
    reversal = aliased(Certification)
    reversed_ids = select(reversal.reverses_id).where(
        reversal.reverses_id.is_not(None), reversal.deleted.is_(False)
    )
    q = (
        select(Certification, Person.name, Person.id_number)
        .join(Person, Person.id == Certification.person_id)
        .where(
            Certification.certified_on == day,
            Certification.deleted.is_(False),
            Certification.reverses_id.is_(None),
            Certification.id.not_in(reversed_ids),
        )
        .order_by(Certification.created_hlc)
    )
    return [
        CertifiedRow(
            certification_id=c.id,
            person_id=c.person_id,
            name=name,
            id_number=number,
            method=c.method,
            clerk=c.clerk,
        )
        for c, name, number in session.execute(q)
    ]


@dataclass(frozen=True)
class DueRow:
    person_id: str
    name: str
    id_number: str
    status: str  # "due" or "overdue"
    window: tuple[date, date]
    due_by: date
    overdue_since: date | None
    award_status: str


def certification_due(*, session: Session, on: date) -> list[DueRow]:
    """Recipients whose certification is due soon or overdue on ``on``: the longest overdue
    first, then the soonest due."""
    snap = load_snapshot(session=session, on=on)
    out: list[DueRow] = []
    for person in snap.persons.values():
        if not person.alive_on(on):
            continue
        state = snap.certification(person)
        if state is None or state.status not in (cert_rules.DUE, cert_rules.OVERDUE):
            continue
        award = snap.awards[person.id]
        out.append(
            DueRow(
                person_id=person.id,
                name=person.name,
                id_number=person.id_number,
                status=state.status,
                window=state.current_window,
                due_by=state.due_by,
                overdue_since=state.overdue_since,
                award_status=award.status,
            )
        )
    out.sort(
        key=lambda r: (
            r.status != cert_rules.OVERDUE,
            r.overdue_since or r.due_by,
            r.name,
            r.id_number,
        )
    )
    return out


# --------------------------------------------------------------------------- forms


def grades_in_force(*, session: Session, person_id: str, on: date) -> list[Grade]:
    """The contribution grades offered to this person's county on ``on`` (empty if none)."""
    person = get_live(session, Person, person_id, field="person_id")
    try:
        return load_policy(session=session).contribution_grades(on, county_of(person.village_code))
    except PolicyMissing:
        return []


def grades_for_contribution(
    *, session: Session, person_id: str, year: int, paid_on: date
) -> list[Grade]:
    """The grades a contribution for ``year`` paid on ``paid_on`` may use."""
    on = contribution_policy_day(year=year, paid_on=paid_on)
    return grades_in_force(session=session, person_id=person_id, on=on)


@dataclass(frozen=True)
class AwardPreview:
    """What the award form shows before the clerk confirms."""

    eligibility: rules.Eligibility
    amount: rules.PensionAmount | None  # None when no basic pension is in force
    balance_fen: int
    divisor: int
    contribution_years: int
    already_awarded: bool


def award_preview(*, session: Session, person_id: str, on: date) -> AwardPreview:
    person = get_live(session, Person, person_id, field="person_id")
    policy = load_policy(session=session)
    county = county_of(person.village_code)
    elig = check_eligibility(session=session, person_id=person_id, on=on, policy=policy)
    statement = account_statement(
        session=session, person_id=person_id, as_of_year=on.year, policy=policy
    )
    try:
        amount: rules.PensionAmount | None = expected_pension(
            session=session, person_id=person_id, on=on, policy=policy
        )
    except PolicyMissing:
        amount = None
    years = len(paid_years(contribution_totals(session=session, person_id=person_id)))
    return AwardPreview(
        eligibility=elig,
        amount=amount,
        balance_fen=statement.closing_fen,
        divisor=policy.scheme_rule(on, county).divisor,
        contribution_years=years,
        already_awarded=award_of(session=session, person_id=person_id) is not None,
    )


@dataclass(frozen=True)
class LedgerEntry:
    """A contribution or benefit payment that a supervisor may reverse."""

    ledger: Literal["contribution", "payment"]
    entry_id: str
    period: str  # "2026" for a contribution year, "2026-11" for a payment month
    booked_on: date
    kind: str  # EntryKind
    amount_fen: int  # credited (contribution) or paid (payment)
    personal_fen: int  # the person's own part of a contribution; 0 for a payment


def correctable_entries(*, session: Session, person_id: str) -> list[LedgerEntry]:
    """The person's contributions and payments that are neither reversals nor reversed."""
    out: list[LedgerEntry] = []
    contributions = list(
        session.scalars(
            select(Contribution).where(
                Contribution.person_id == person_id, Contribution.deleted.is_(False)
            )
        )
    )
    reversed_c = {c.reverses_id for c in contributions if c.reverses_id}
    for c in contributions:
        if c.kind == EntryKind.REVERSAL.value or c.id in reversed_c:
            continue
        out.append(
            LedgerEntry(
                ledger="contribution",
                entry_id=c.id,
                period=str(c.year),
                booked_on=c.paid_on,
                kind=c.kind,
                amount_fen=c.personal_fen + c.subsidy_fen + c.paid_premium_fen + c.collective_fen,
                personal_fen=c.personal_fen,
            )
        )
    payments = list(
        session.scalars(
            select(BenefitPayment).where(
                BenefitPayment.person_id == person_id, BenefitPayment.deleted.is_(False)
            )
        )
    )
    reversed_p = {p.reverses_id for p in payments if p.reverses_id}
    for p in payments:
        if p.kind == EntryKind.REVERSAL.value or p.id in reversed_p:
            continue
        out.append(
            LedgerEntry(
                ledger="payment",
                entry_id=p.id,
                period=f"{p.month:%Y-%m}",
                booked_on=p.paid_on,
                kind=p.kind,
                amount_fen=p.amount_fen,
                personal_fen=0,
            )
        )
    out.sort(key=lambda e: (e.ledger, e.period, e.booked_on), reverse=True)
    return out


def enrolled_grade(*, session: Session, person_id: str) -> int | None:
    """The yearly grade chosen at enrolment, or None when not enrolled."""
    enrolment = enrolment_of(session=session, person_id=person_id)
    return enrolment.grade_fen if enrolment is not None else None
