"""权益查询: what a resident is entitled to, in one statement for the counter and the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from villagedesk.domain import certification as cert_rules
from villagedesk.domain import pension as rules
from villagedesk.domain.categories import EnrolmentStatus
from villagedesk.domain.idnumber import age_on
from villagedesk.services.certification import certification_status
from villagedesk.services.context import get_live
from villagedesk.services.facts import YearTotals, contribution_totals, paid_years
from villagedesk.services.pension import (
    account_statement,
    award_of,
    check_eligibility,
    enrolment_of,
    expected_pension,
    paid_months,
)
from villagedesk.services.policy import load_policy
from villagedesk.store.models import Person


@dataclass(frozen=True)
class AwardSummary:
    kind: str
    status: str
    first_month: date
    monthly_fen: int
    basic_fen: int
    account_fen: int
    suspended_from: date | None
    stopped_from: date | None


@dataclass(frozen=True)
class Entitlement:
    person_id: str
    name: str
    id_number: str
    birth_date: date
    age: int
    deceased_on: date | None
    enrolment_status: str
    enrolled_on: date | None
    insured_category: str | None
    grade_fen: int | None
    years: list[YearTotals]
    account: rules.AccountStatement
    contribution_years: int
    eligibility: rules.Eligibility
    expected: rules.PensionAmount | None  # for someone not yet receiving
    award: AwardSummary | None
    paid_total_fen: int
    last_paid_month: date | None
    certification: cert_rules.CertState | None

    @property
    def balance_fen(self) -> int:
        return self.account.closing_fen


def entitlement(*, session: Session, person_id: str, on: date) -> Entitlement:
    person = get_live(session, Person, person_id, field="person_id")
    policy = load_policy(session=session)
    enrolment = enrolment_of(session=session, person_id=person_id)
    totals = contribution_totals(session=session, person_id=person_id)
    award = award_of(session=session, person_id=person_id)
    months = paid_months(session=session, person_id=person_id)
    paid = {m: a for m, a in months.items() if a > 0}
    return Entitlement(
        person_id=person.id,
        name=person.name,
        id_number=person.id_number,
        birth_date=person.birth_date,
        age=age_on(person.birth_date, on),
        deceased_on=person.death_date,
        enrolment_status=enrolment.status if enrolment else EnrolmentStatus.NOT_ENROLLED.value,
        enrolled_on=enrolment.enrolled_on if enrolment else None,
        insured_category=enrolment.insured_category if enrolment else None,
        grade_fen=enrolment.grade_fen if enrolment else None,
        years=totals,
        account=account_statement(
            session=session, person_id=person_id, as_of_year=on.year, policy=policy
        ),
        contribution_years=len(paid_years(totals)),
        eligibility=check_eligibility(session=session, person_id=person_id, on=on, policy=policy),
        expected=None
        if award is not None or person.death_date is not None
        else expected_pension(session=session, person_id=person_id, on=on, policy=policy),
        award=None
        if award is None
        else AwardSummary(
            kind=award.kind,
            status=award.status,
            first_month=award.first_month,
            monthly_fen=award.monthly_fen,
            basic_fen=award.basic_fen,
            account_fen=award.account_fen,
            suspended_from=award.suspended_from,
            stopped_from=award.stopped_from,
        ),
        paid_total_fen=sum(months.values()),
        last_paid_month=max(paid) if paid else None,
        certification=certification_status(
            session=session, person_id=person_id, on=on, policy=policy
        ),
    )
