"""Resident pension use cases: enrol, contribute, correct, award, pay.

Money rules come from ``domain.pension`` over the policy tables in force; this module reads
and writes the ledgers and checks that the request makes sense for this person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain import pension as rules
from villagedesk.domain.categories import (
    AwardKind,
    AwardStatus,
    EnrolmentStatus,
    EntryKind,
    InsuredCategory,
)
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on
from villagedesk.domain.policy import PolicyMissing, PolicySet, SpecialPensionRule
from villagedesk.services.context import Actor, Checks, get_live, require_supervisor
from villagedesk.services.facts import contribution_totals, paid_years, status_facts
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.audit import append_audit
from villagedesk.store.models import (
    BenefitAward,
    BenefitPayment,
    Contribution,
    Enrolment,
    PaidPremium,
    Person,
)

MIN_ENROL_AGE = 16
PENSION_AGE = 60


def first_of_month(d: date) -> date:
    return d.replace(day=1)


def enrolment_of(*, session: Session, person_id: str) -> Enrolment | None:
    return session.scalar(
        select(Enrolment).where(Enrolment.person_id == person_id, Enrolment.deleted.is_(False))
    )


def award_of(*, session: Session, person_id: str) -> BenefitAward | None:
    return session.scalar(
        select(BenefitAward).where(
            BenefitAward.person_id == person_id, BenefitAward.deleted.is_(False)
        )
    )


def _living(session: Session, person_id: str, field: str = "person_id") -> Person:
    person = get_live(session, Person, person_id, field=field)
    if person.death_date is not None:
        raise ValidationError.single(field, "deceased", "this person is recorded as deceased")
    return person


def enrol(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    enrolled_on: date,
    grade_fen: int,
    insured_category: InsuredCategory | None = None,
    policy: PolicySet | None = None,
) -> Enrolment:
    """Enrol a person in the resident pension (参保登记)."""
    person = _living(session, person_id)
    policy = policy or load_policy(session=session)
    county = county_of(person.village_code)
    checks = Checks()
    checks.not_future("enrolled_on", enrolled_on, today)
    if enrolled_on < person.birth_date:
        checks.add("enrolled_on", "before_birth", "is before the person's birth date")
    elif age_on(person.birth_date, enrolled_on) < MIN_ENROL_AGE:
        checks.add("person_id", "under_16", f"must be at least {MIN_ENROL_AGE} years old")
    if person.student:
        checks.add("person_id", "student", "students are not enrolled")
    if person.employee_scheme:
        checks.add("person_id", "employee_scheme", "already insured in the employee scheme")
    if not person.guangxi_hukou:
        checks.add("person_id", "hukou", "enrols where the household registration is")
    if enrolment_of(session=session, person_id=person_id) is not None:
        checks.add("person_id", "already_enrolled", "is already enrolled")
    grades = {g.grade_fen for g in policy.contribution_grades(enrolled_on, county)}
    if grade_fen not in grades:
        checks.add("grade_fen", "grade", "is not a contribution grade in force")
    checks.raise_if_any()
    category = (
        insured_category
        or status_facts(session=session, person_id=person_id, on=enrolled_on).insured_category()
    )
    enrolment = Enrolment(
        person_id=person_id,
        enrolled_on=enrolled_on,
        status=EnrolmentStatus.NORMAL.value,
        insured_category=category.value,
        grade_fen=grade_fen,
    )
    session.add(enrolment)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.enrol",
        target_table="enrolments",
        target_id=enrolment.id,
        details={"person": person_id, "grade_fen": grade_fen, "category": category.value},
    )
    return enrolment


@dataclass(frozen=True)
class ContributionResult:
    contribution: Contribution
    paid_premium: PaidPremium | None
    split: rules.ContributionSplit


def record_contribution(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    year: int,
    grade_fen: int | None = None,
    paid_on: date | None = None,
    collective_fen: int = 0,
    policy: PolicySet | None = None,
) -> ContributionResult:
    """Record one year's contribution; subsidy and government-paid premium are computed."""
    person = _living(session, person_id)
    policy = policy or load_policy(session=session)
    paid_on = paid_on or today
    county = county_of(person.village_code)
    enrolment = enrolment_of(session=session, person_id=person_id)
    checks = Checks()
    if enrolment is None:
        checks.add("person_id", "not_enrolled", "is not enrolled in the resident pension")
    elif enrolment.status != EnrolmentStatus.NORMAL.value:
        checks.add("person_id", "enrolment_status", f"enrolment is {enrolment.status}")
    checks.not_future("paid_on", paid_on, today)
    if year > paid_on.year:
        checks.add("year", "future", "cannot pay for a year that has not begun")
    if year < person.birth_date.year + MIN_ENROL_AGE:
        checks.add("year", "under_16", "the person was under 16 that year")
    elif age_on(person.birth_date, date(year, 1, 1)) >= PENSION_AGE:
        checks.add("year", "over_60", "the person was already 60 at the start of that year")
    if collective_fen < 0:
        checks.add("collective_fen", "negative", "must not be negative")
    grade = grade_fen if grade_fen is not None else (enrolment.grade_fen if enrolment else 0)
    on = contribution_policy_day(year=year, paid_on=paid_on)
    try:
        grades = {g.grade_fen for g in policy.contribution_grades(on, county)}
    except PolicyMissing:
        grades = set()
    if grade not in grades:
        checks.add("grade_fen", "grade", f"{grade} fen is not a contribution grade in {year}")
    if any(
        t.year == year and t.credited_fen > 0
        for t in contribution_totals(session=session, person_id=person_id)
    ):
        checks.add("year", "already_paid", f"{year} is already paid")
    checks.raise_if_any()
    split = preview_contribution(
        session=session,
        person_id=person_id,
        year=year,
        grade_fen=grade,
        paid_on=paid_on,
        policy=policy,
    )
    kind = EntryKind.BACKPAY if year < paid_on.year else EntryKind.NORMAL
    contribution = Contribution(
        person_id=person_id,
        year=year,
        paid_on=paid_on,
        kind=kind.value,
        grade_fen=grade,
        personal_fen=split.personal_fen,
        subsidy_fen=split.subsidy_fen,
        paid_premium_fen=split.paid_premium_fen,
        collective_fen=collective_fen,
        clerk=actor.username,
    )
    session.add(contribution)
    session.flush()
    premium = None
    if split.paid_premium_fen:
        assert split.local_level is not None
        premium = PaidPremium(
            person_id=person_id,
            contribution_id=contribution.id,
            year=year,
            amount_fen=split.paid_premium_fen,
            region_fen=split.region_fen,
            local_fen=split.local_fen,
            local_level=split.local_level.value,
        )
        session.add(premium)
        session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.contribution",
        target_table="contributions",
        target_id=contribution.id,
        details={
            "person": person_id,
            "year": year,
            "personal_fen": split.personal_fen,
            "subsidy_fen": split.subsidy_fen,
            "paid_premium_fen": split.paid_premium_fen,
        },
    )
    return ContributionResult(contribution, premium, split)


def contribution_policy_day(*, year: int, paid_on: date) -> date:
    """The day whose policy prices a contribution: a past year at its last day (back-pay at
    that year's terms), the running year on the day it is paid."""
    return date(year, 12, 31) if year < paid_on.year else paid_on


def preview_contribution(
    *,
    session: Session,
    person_id: str,
    year: int,
    grade_fen: int,
    paid_on: date,
    policy: PolicySet | None = None,
) -> rules.ContributionSplit:
    """The split (personal, subsidy, government-paid with its shares) a contribution gets.

    ``record_contribution`` stores exactly this; forms call it to show the figures first.
    """
    person = get_live(session, Person, person_id, field="person_id")
    policy = policy or load_policy(session=session)
    county = county_of(person.village_code)
    on = contribution_policy_day(year=year, paid_on=paid_on)
    facts = status_facts(session=session, person_id=person_id, on=on)
    try:
        premium_rule = policy.paid_premium(on, county)
    except PolicyMissing:  # before the government-paid premium existed
        premium_rule = None
    eligible = premium_rule is not None and rules.paid_premium_eligible(
        year=year,
        registered_poor=facts.ever_registered_poor,
        lifted_out_year=facts.lifted_out_year,
        disability_grade=facts.disability_grade,
        rule=premium_rule,
    )
    return rules.split_contribution(
        policy=policy, on=on, county=county, grade_fen=grade_fen, paid_premium=eligible
    )


def _require_reason(reason: str) -> str:
    text = (reason or "").strip()
    if len(text) < 2:
        raise ValidationError.single("reason", "required", "a correction needs a reason")
    return text


def reverse_contribution(
    *, session: Session, actor: Actor, today: date, contribution_id: str, reason: str
) -> Contribution:
    """Cancel a contribution with a reversing entry (supervisor only); the original stays."""
    require_supervisor(actor, action="correcting a money record")
    text = _require_reason(reason)
    original = get_live(session, Contribution, contribution_id, field="contribution_id")
    if original.kind == EntryKind.REVERSAL.value:
        raise ValidationError.single("contribution_id", "is_reversal", "cannot reverse a reversal")
    already = session.scalar(
        select(Contribution.id).where(Contribution.reverses_id == contribution_id)
    )
    if already is not None:
        raise ValidationError.single("contribution_id", "already_reversed", "already reversed")
    reversal = Contribution(
        person_id=original.person_id,
        year=original.year,
        paid_on=today,
        kind=EntryKind.REVERSAL.value,
        grade_fen=original.grade_fen,
        personal_fen=-original.personal_fen,
        subsidy_fen=-original.subsidy_fen,
        paid_premium_fen=-original.paid_premium_fen,
        collective_fen=-original.collective_fen,
        reverses_id=original.id,
        reason=text,
        clerk=actor.username,
    )
    session.add(reversal)
    session.flush()
    premium = session.scalar(
        select(PaidPremium).where(
            PaidPremium.contribution_id == original.id, PaidPremium.reverses_id.is_(None)
        )
    )
    if premium is not None:
        session.add(
            PaidPremium(
                person_id=premium.person_id,
                contribution_id=reversal.id,
                year=premium.year,
                amount_fen=-premium.amount_fen,
                region_fen=-premium.region_fen,
                local_fen=-premium.local_fen,
                local_level=premium.local_level,
                reverses_id=premium.id,
            )
        )
    append_audit(
        session,
        actor=actor.username,
        action="pension.contribution.reverse",
        target_table="contributions",
        target_id=reversal.id,
        details={"reverses": original.id, "reason": text},
    )
    return reversal


def account_statement(
    *, session: Session, person_id: str, as_of_year: int, policy: PolicySet | None = None
) -> rules.AccountStatement:
    policy = policy or load_policy(session=session)
    totals = contribution_totals(session=session, person_id=person_id)
    credits = [(t.year, t.credited_fen) for t in totals if t.credited_fen]
    return rules.account_balance(
        credits=credits, rates=policy.provisional_interest_rate, as_of_year=as_of_year
    )


def check_eligibility(
    *, session: Session, person_id: str, on: date, policy: PolicySet | None = None
) -> rules.Eligibility:
    person = get_live(session, Person, person_id, field="person_id")
    policy = policy or load_policy(session=session)
    county = county_of(person.village_code)
    facts = status_facts(session=session, person_id=person_id, on=on)
    years = len(paid_years(contribution_totals(session=session, person_id=person_id)))
    return rules.eligibility(
        birth_date=person.birth_date,
        on=on,
        contribution_years=years,
        has_other_state_pension=person.other_state_pension,
        scheme=policy.scheme_rule(on, county),
        special_categories=facts.special_categories(),
        guangxi_hukou=person.guangxi_hukou,
        special=special_rule(policy, on, county),
    )


def special_rule(policy: PolicySet, on: date, county: str) -> SpecialPensionRule:
    """The special basic pension in force, or one that admits nobody before it existed."""
    try:
        return policy.special_pension_rule(on, county)
    except PolicyMissing:
        return SpecialPensionRule(
            back_pay_from=date.max, categories=(), min_age=200, requires_guangxi_hukou=True
        )


def expected_pension(
    *, session: Session, person_id: str, on: date, policy: PolicySet | None = None
) -> rules.PensionAmount:
    """What the monthly pension would be if it started on ``on`` with today's balance."""
    person = get_live(session, Person, person_id, field="person_id")
    policy = policy or load_policy(session=session)
    county = county_of(person.village_code)
    statement = account_statement(
        session=session, person_id=person_id, as_of_year=on.year, policy=policy
    )
    years = len(paid_years(contribution_totals(session=session, person_id=person_id)))
    return rules.monthly_pension(
        basic=policy.basic_pension(on, county),
        balance_fen=statement.closing_fen,
        contribution_years=years,
        divisor=policy.scheme_rule(on, county).divisor,
    )


def award_pension(
    *, session: Session, actor: Actor, today: date, person_id: str, on: date | None = None
) -> BenefitAward:
    """Start the pension when the person is eligible; amounts fixed at award (待遇核定)."""
    on = on or today
    person = _living(session, person_id)
    policy = load_policy(session=session)
    checks = Checks()
    checks.not_future("on", on, today)
    if award_of(session=session, person_id=person_id) is not None:
        checks.add("person_id", "already_awarded", "already receives the pension")
    checks.raise_if_any()
    elig = check_eligibility(session=session, person_id=person_id, on=on, policy=policy)
    if not elig.eligible or elig.kind is None or elig.first_month is None:
        raise ValidationError.single("person_id", elig.reason, _ineligible_message(elig))
    amount = expected_pension(session=session, person_id=person_id, on=on, policy=policy)
    statement = account_statement(
        session=session, person_id=person_id, as_of_year=on.year, policy=policy
    )
    # A late application starts from its own month; only the special basic pension is
    # back-paid to its policy date (DOMAIN.md).
    first_month = elig.first_month
    if elig.kind is not AwardKind.SPECIAL:
        first_month = max(first_month, first_of_month(on))
    award = BenefitAward(
        person_id=person.id,
        kind=elig.kind.value,
        awarded_on=on,
        first_month=first_month,
        basic_fen=amount.basic_fen,
        bonus_fen=amount.bonus_fen,
        account_fen=amount.account_fen,
        monthly_fen=amount.total_fen,
        balance_at_award_fen=statement.closing_fen,
        status=AwardStatus.ACTIVE.value,
    )
    session.add(award)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.award",
        target_table="benefit_awards",
        target_id=award.id,
        details={"person": person_id, "kind": elig.kind.value, "monthly_fen": amount.total_fen},
    )
    return award


def _ineligible_message(elig: rules.Eligibility) -> str:
    if elig.reason == "too_few_years":
        return f"{elig.years_short} contribution year(s) short of {elig.required_years}"
    return f"not eligible: {elig.reason}"


def paid_months(*, session: Session, person_id: str) -> dict[date, int]:
    """Net amount paid per month (reversals cancel)."""
    out: dict[date, int] = {}
    for p in session.scalars(select(BenefitPayment).where(BenefitPayment.person_id == person_id)):
        out[p.month] = out.get(p.month, 0) + p.amount_fen
    return out


def record_payment(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    month: date,
    kind: EntryKind = EntryKind.NORMAL,
) -> BenefitPayment:
    """Record one month's pension paid to an active award."""
    award = award_of(session=session, person_id=person_id)
    month = first_of_month(month)
    checks = Checks()
    if award is None:
        checks.add("person_id", "no_award", "does not receive the pension")
    elif award.status != AwardStatus.ACTIVE.value:
        checks.add("person_id", "award_status", f"the pension is {award.status}")
    elif month < award.first_month:
        checks.add("month", "before_start", "is before the pension's first month")
    if month > first_of_month(today):
        checks.add("month", "future", "cannot pay a month that has not begun")
    if paid_months(session=session, person_id=person_id).get(month, 0) > 0:
        checks.add("month", "already_paid", f"{month:%Y-%m} is already paid")
    checks.raise_if_any()
    assert award is not None
    payment = BenefitPayment(
        award_id=award.id,
        person_id=person_id,
        month=month,
        amount_fen=award.monthly_fen,
        kind=kind.value,
        paid_on=today,
        clerk=actor.username,
    )
    session.add(payment)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.payment",
        target_table="benefit_payments",
        target_id=payment.id,
        details={"person": person_id, "month": month, "amount_fen": award.monthly_fen},
    )
    return payment


def reverse_payment(
    *, session: Session, actor: Actor, today: date, payment_id: str, reason: str
) -> BenefitPayment:
    require_supervisor(actor, action="correcting a money record")
    text = _require_reason(reason)
    original = get_live(session, BenefitPayment, payment_id, field="payment_id")
    if original.kind == EntryKind.REVERSAL.value:
        raise ValidationError.single("payment_id", "is_reversal", "cannot reverse a reversal")
    if session.scalar(select(BenefitPayment.id).where(BenefitPayment.reverses_id == payment_id)):
        raise ValidationError.single("payment_id", "already_reversed", "already reversed")
    reversal = BenefitPayment(
        award_id=original.award_id,
        person_id=original.person_id,
        month=original.month,
        amount_fen=-original.amount_fen,
        kind=EntryKind.REVERSAL.value,
        paid_on=today,
        reverses_id=original.id,
        reason=text,
        clerk=actor.username,
    )
    session.add(reversal)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="pension.payment.reverse",
        target_table="benefit_payments",
        target_id=reversal.id,
        details={"reverses": original.id, "reason": text},
    )
    return reversal
