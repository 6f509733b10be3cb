"""Recording a death: payment stops, the enrolment ends, overpayments and the inheritable
balance are worked out for the family and the county."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from villagedesk.domain import pension as rules
from villagedesk.domain.categories import AwardStatus, EnrolmentStatus
from villagedesk.services.context import Actor, Checks, get_live
from villagedesk.services.pension import account_statement, award_of, enrolment_of, paid_months
from villagedesk.store.audit import append_audit
from villagedesk.store.models import Person


@dataclass(frozen=True)
class DeathOutcome:
    person: Person
    settlement: rules.DeathSettlement


def mark_deceased(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    death_date: date,
    source: str = "clerk",
) -> DeathOutcome:
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    if person.death_date is not None:
        checks.add("person_id", "already_deceased", "is already recorded as deceased")
    checks.not_future("death_date", death_date, today)
    if death_date < person.birth_date:
        checks.add("death_date", "before_birth", "is before the person's birth date")
    checks.raise_if_any()
    person.death_date = death_date
    person.death_reported_on = today
    person.death_source = source
    enrolment = enrolment_of(session=session, person_id=person_id)
    if enrolment is not None and enrolment.status != EnrolmentStatus.TERMINATED.value:
        enrolment.status = EnrolmentStatus.TERMINATED.value
        enrolment.status_changed_on = today
        enrolment.status_reason = "deceased"
    statement = account_statement(session=session, person_id=person_id, as_of_year=today.year)
    award = award_of(session=session, person_id=person_id)
    # What is left in the account: the balance minus the account part already paid out.
    account_paid = 0
    months = paid_months(session=session, person_id=person_id)
    if award is not None:
        paid_count = sum(1 for amount in months.values() if amount > 0)
        account_paid = paid_count * award.account_fen
        award.status = AwardStatus.STOPPED.value
        award.status_reason = "deceased"
    settlement = rules.death_settlement(
        death_date=death_date,
        balance_fen=max(statement.closing_fen - account_paid, 0),
        paid_months=[(m, a) for m, a in months.items() if a > 0],
    )
    if award is not None:
        award.stopped_from = settlement.stop_from
    append_audit(
        session,
        actor=actor.username,
        action="person.deceased",
        target_table="persons",
        target_id=person_id,
        details={
            "death_date": death_date,
            "source": source,
            "inheritable_fen": settlement.inheritable_fen,
            "overpaid_fen": settlement.overpaid_fen,
        },
    )
    return DeathOutcome(person, settlement)
