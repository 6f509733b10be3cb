"""Recording a death: payment stops, the enrolment ends, overpayments and the inheritable
balance are worked out for the family and the county."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from villagedesk.domain import pension as rules
from villagedesk.domain.categories import AwardStatus, EnrolmentStatus, EntryKind
from villagedesk.domain.errors import ValidationError
from villagedesk.services.context import Actor, Checks, get_live
from villagedesk.services.pension import account_statement, award_of, enrolment_of, paid_months
from villagedesk.store.audit import append_audit
from villagedesk.store.models import BenefitPayment, Person


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
    settlement = _stop_after_death(session, person=person, today=today)
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


def stop_payment_after_death(
    *, session: Session, actor: Actor, today: date, person_id: str
) -> DeathOutcome:
    """Stop the pension of someone whose death is recorded but whose payment still runs
    (e.g. a death entered before this rule existed, or synced without its stop)."""
    person = get_live(session, Person, person_id, field="person_id")
    if person.death_date is None:
        raise ValidationError.single("person_id", "not_deceased", "no death is recorded")
    settlement = _stop_after_death(session, person=person, today=today)
    append_audit(
        session,
        actor=actor.username,
        action="pension.stop_after_death",
        target_table="persons",
        target_id=person_id,
        details={
            "death_date": person.death_date,
            "inheritable_fen": settlement.inheritable_fen,
            "overpaid_fen": settlement.overpaid_fen,
        },
    )
    return DeathOutcome(person, settlement)


def _stop_after_death(session: Session, *, person: Person, today: date) -> rules.DeathSettlement:
    assert person.death_date is not None
    person_id = person.id
    death_date = person.death_date
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
    return settlement


def record_recovery(
    *, session: Session, actor: Actor, today: date, person_id: str, reason: str
) -> list[BenefitPayment]:
    """Record that the pension paid for months after the death came back (returned by the
    family or set against the inheritable balance): one recovery entry per overpaid month."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    if person.death_date is None:
        checks.add("person_id", "not_deceased", "no death is recorded")
    if not (reason or "").strip():
        checks.add("reason", "required", "say how the money came back")
    checks.raise_if_any()
    assert person.death_date is not None
    award = award_of(session=session, person_id=person_id)
    months = paid_months(session=session, person_id=person_id)
    settlement = rules.death_settlement(
        death_date=person.death_date,
        balance_fen=0,
        paid_months=[(m, a) for m, a in months.items() if a > 0],
    )
    if award is None or not settlement.overpaid_months:
        raise ValidationError.single("person_id", "nothing_to_recover", "no overpayment")
    entries = []
    for month in settlement.overpaid_months:
        entry = BenefitPayment(
            award_id=award.id,
            person_id=person_id,
            month=month,
            amount_fen=-months[month],
            kind=EntryKind.RECOVERY.value,
            paid_on=today,
            reason=reason.strip(),
            clerk=actor.username,
        )
        session.add(entry)
        entries.append(entry)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.recovery",
        target_table="benefit_payments",
        target_id=entries[0].id,
        details={"person": person_id, "recovered_fen": settlement.overpaid_fen},
    )
    return entries
