"""Survival certification (生存认证): certify, suspend the overdue, resume with back-pay."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain import certification as cert_rules
from villagedesk.domain import pension as rules
from villagedesk.domain.categories import AwardStatus, CertificationMethod, EntryKind
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.policy import PolicySet
from villagedesk.services.context import Actor, Checks, get_live
from villagedesk.services.pension import award_of, first_of_month, paid_months
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.audit import append_audit
from villagedesk.store.models import BenefitAward, BenefitPayment, Certification, Person

SUSPENDED_FOR_CERTIFICATION = "survival certification overdue"


def certification_dates(*, session: Session, person_id: str) -> list[date]:
    """Dates of certifications still in force (a reversed one does not count)."""
    rows = list(session.scalars(select(Certification).where(Certification.person_id == person_id)))
    reversed_ids = {r.reverses_id for r in rows if r.reverses_id and not r.deleted}
    return sorted(
        r.certified_on
        for r in rows
        if r.reverses_id is None and r.id not in reversed_ids and not r.deleted
    )


def certification_status(
    *, session: Session, person_id: str, on: date, policy: PolicySet | None = None
) -> cert_rules.CertState | None:
    """The person's certification state, or None if they receive no pension."""
    award = award_of(session=session, person_id=person_id)
    if award is None or award.status == AwardStatus.STOPPED.value:
        return None
    person = get_live(session, Person, person_id, field="person_id")
    policy = policy or load_policy(session=session)
    return cert_rules.certification_state(
        birth_date=person.birth_date,
        certified_on=certification_dates(session=session, person_id=person_id),
        on=on,
        award_start=award.first_month,
        rule=policy.certification_rule(on, county_of(person.village_code)),
    )


@dataclass
class CertifyResult:
    certification: Certification
    resumed: bool = False
    back_paid: list[BenefitPayment] = field(default_factory=list)

    @property
    def back_paid_fen(self) -> int:
        return sum(p.amount_fen for p in self.back_paid)


def certify(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    method: CertificationMethod = CertificationMethod.COUNTER,
    certified_on: date | None = None,
    note: str = "",
) -> CertifyResult:
    """Certify that a pensioner is alive; a suspended pension resumes with back-pay."""
    certified_on = certified_on or today
    person = get_live(session, Person, person_id, field="person_id")
    award = award_of(session=session, person_id=person_id)
    checks = Checks()
    if person.death_date is not None:
        checks.add("person_id", "deceased", "this person is recorded as deceased")
    if award is None or award.status == AwardStatus.STOPPED.value:
        checks.add("person_id", "no_award", "does not receive the pension")
    checks.not_future("certified_on", certified_on, today)
    if award is not None and certified_on < award.awarded_on:
        checks.add("certified_on", "before_award", "is before the pension was awarded")
    checks.raise_if_any()
    assert award is not None
    certification = Certification(
        person_id=person_id,
        certified_on=certified_on,
        method=method.value,
        clerk=actor.username,
        note=note,
    )
    session.add(certification)
    session.flush()
    result = CertifyResult(certification)
    if award.status == AwardStatus.SUSPENDED.value:
        result.resumed = True
        result.back_paid = _resume(session, actor=actor, today=today, award=award)
    append_audit(
        session,
        actor=actor.username,
        action="certification.certify",
        target_table="certifications",
        target_id=certification.id,
        details={
            "person": person_id,
            "method": method.value,
            "resumed": result.resumed,
            "back_paid_fen": result.back_paid_fen,
        },
    )
    return result


def _resume(
    session: Session, *, actor: Actor, today: date, award: BenefitAward
) -> list[BenefitPayment]:
    suspended_from = award.suspended_from or first_of_month(today)
    award.status = AwardStatus.ACTIVE.value
    award.suspended_from = None
    award.status_reason = ""
    policy = load_policy(session=session)
    person = session.get(Person, award.person_id)
    assert person is not None
    rule = policy.certification_rule(today, county_of(person.village_code))
    if not rule.back_pay_on_resume:
        return []
    owed = rules.back_pay(
        monthly_fen=award.monthly_fen, suspended_from=suspended_from, resumed_on=today
    )
    already = paid_months(session=session, person_id=award.person_id)
    payments = []
    for month in owed.months:
        if already.get(month, 0) > 0:
            continue
        payment = BenefitPayment(
            award_id=award.id,
            person_id=award.person_id,
            month=month,
            amount_fen=award.monthly_fen,
            kind=EntryKind.BACKPAY.value,
            paid_on=today,
            clerk=actor.username,
            reason="resumed after survival certification",
        )
        session.add(payment)
        payments.append(payment)
    session.flush()
    return payments


def suspend_overdue(*, session: Session, actor: Actor, today: date) -> list[BenefitAward]:
    """Suspend every active pension whose certification window passed without a check."""
    policy = load_policy(session=session)
    suspended = []
    awards = session.scalars(
        select(BenefitAward).where(
            BenefitAward.status == AwardStatus.ACTIVE.value, BenefitAward.deleted.is_(False)
        )
    )
    for award in list(awards):
        state = certification_status(
            session=session, person_id=award.person_id, on=today, policy=policy
        )
        if state is None or state.status != "overdue" or state.overdue_since is None:
            continue
        award.status = AwardStatus.SUSPENDED.value
        award.suspended_from = first_of_month(state.overdue_since)
        award.status_reason = SUSPENDED_FOR_CERTIFICATION
        append_audit(
            session,
            actor=actor.username,
            action="pension.suspend",
            target_table="benefit_awards",
            target_id=award.id,
            details={"person": award.person_id, "from": award.suspended_from},
        )
        suspended.append(award)
    return suspended


def reverse_certification(
    *, session: Session, actor: Actor, today: date, certification_id: str, reason: str
) -> Certification:
    """A certification made in error (wrong person) is cancelled by a reversing entry."""
    from villagedesk.services.context import require_supervisor

    require_supervisor(actor, action="cancelling a certification")
    original = get_live(session, Certification, certification_id, field="certification_id")
    if not (reason or "").strip():
        raise ValidationError.single("reason", "required", "a correction needs a reason")
    reversal = Certification(
        person_id=original.person_id,
        certified_on=today,
        method=original.method,
        clerk=actor.username,
        reverses_id=original.id,
        note=reason.strip(),
    )
    session.add(reversal)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="certification.reverse",
        target_table="certifications",
        target_id=reversal.id,
        details={"reverses": original.id, "reason": reason.strip()},
    )
    return reversal
