"""Today's work-lists: who needs what at the counter (the home screen of the app).

Everything is computed "on" a date from a handful of bulk queries (persons, statuses,
contribution years grouped in SQL, enrolments, awards, certifications, labour surveys,
payments after death) and the pure rules of ``domain``; no query runs per person, so a
20,000-person station is listed in under a second (about 0.8 s for the demo station).

Tombstoned rows are ignored everywhere. A person counts as deceased on ``on`` when their
death date is on or before it; deceased persons appear only in ``death_not_stopped``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, case, distinct, event, func, or_, select
from sqlalchemy.orm import Session, aliased

from villagedesk.domain import certification as cert_rules
from villagedesk.domain import pension as rules
from villagedesk.domain.categories import AwardStatus, EnrolmentStatus, EntryKind
from villagedesk.domain.money import format_yuan
from villagedesk.domain.policy import (
    CertificationRule,
    PaidPremiumRule,
    PolicyMissing,
    PolicySet,
    SchemeRule,
    SpecialPensionRule,
)
from villagedesk.services.facts import StatusFacts, all_status_facts
from villagedesk.services.matching import list_notices
from villagedesk.services.pension import MIN_ENROL_AGE, PENSION_AGE, special_rule
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.models import (
    BenefitAward,
    BenefitPayment,
    Certification,
    Contribution,
    Enrolment,
    LabourRegistration,
    Person,
    PersonStatus,
)

# Stable codes of the lists, in the order the home screen shows them.
MATCH_TO_CONFIRM = "match_to_confirm"
POOR_NOT_ENROLLED = "poor_not_enrolled"
TURNING_60 = "turning_60"
ELIGIBLE_NOT_RECEIVING = "eligible_not_receiving"
CERTIFICATION_DUE = "certification_due"
CERTIFICATION_OVERDUE = "certification_overdue"
CONTRIBUTION_UNPAID = "contribution_unpaid"
PAID_PREMIUM_DUE = "paid_premium_due"
LABOUR_NOT_UPDATED = "labour_not_updated"
DEATH_NOT_STOPPED = "death_not_stopped"

TITLES_EN: dict[str, str] = {
    MATCH_TO_CONFIRM: "County data-matching results to confirm",
    POOR_NOT_ENROLLED: "Registered poor, not enrolled",
    TURNING_60: "Turning 60 within 3 months",
    ELIGIBLE_NOT_RECEIVING: "Eligible for the pension, not receiving it",
    CERTIFICATION_DUE: "Survival certification due",
    CERTIFICATION_OVERDUE: "Survival certification overdue",
    CONTRIBUTION_UNPAID: "This year's contribution not paid",
    PAID_PREMIUM_DUE: "Government-paid premium not yet recorded",
    LABOUR_NOT_UPDATED: "Labour survey not updated this year",
    DEATH_NOT_STOPPED: "Deceased, payment not stopped",
}

# Codes of the forms that handle an item.
ACTION_ENROL = "enrol"
ACTION_CONTRIBUTE = "contribute"
ACTION_AWARD = "award"
ACTION_CERTIFY = "certify"
ACTION_SURVEY = "survey"
ACTION_STOP_PAYMENT = "stop_payment"
ACTION_CONFIRM_MATCH = "confirm_match"

TURNING_60_MONTHS = 3
_CHUNK = 500  # ids per IN (...) list, well below any database's parameter limit
LABOUR_MAX_AGE = 64  # the labour survey covers ages 16 (MIN_ENROL_AGE) to 64

RECEIVING = frozenset({AwardStatus.ACTIVE.value, AwardStatus.SUSPENDED.value})
ENROLLED = frozenset({EnrolmentStatus.NORMAL.value, EnrolmentStatus.SUSPENDED.value})


@dataclass(frozen=True)
class WorkItem:
    person_id: str
    name: str
    id_number: str
    detail: str  # short English text; the GUI shows it as it is
    due: date | None
    action: str  # the code of the form that handles it (ACTION_*)


@dataclass(frozen=True)
class WorkList:
    code: str
    title_en: str
    items: list[WorkItem]

    @property
    def count(self) -> int:
        return len(self.items)


# --------------------------------------------------------------------------- the snapshot


class PersonRow(NamedTuple):
    """The columns of a person the rules need (a tuple: 20,000 of them load fast)."""

    id: str
    name: str
    id_number: str
    birth_date: date
    village_code: str
    guangxi_hukou: bool
    student: bool
    employee_scheme: bool
    other_state_pension: bool
    death_date: date | None

    @property
    def county(self) -> str:
        return county_of(self.village_code)

    def alive_on(self, on: date) -> bool:
        return self.death_date is None or self.death_date > on


class EnrolmentRow(NamedTuple):
    person_id: str
    status: str
    grade_fen: int


class AwardRow(NamedTuple):
    person_id: str
    status: str
    kind: str
    first_month: date
    monthly_fen: int


@dataclass(frozen=True)
class CountyRules:
    """The rules in force on the snapshot date in one county (None: no row in force)."""

    scheme: SchemeRule | None
    special: SpecialPensionRule
    premium: PaidPremiumRule | None
    certification: CertificationRule | None


def _county_rules(policy: PolicySet, on: date, county: str) -> CountyRules:
    scheme: SchemeRule | None
    special: SpecialPensionRule
    premium: PaidPremiumRule | None
    cert: CertificationRule | None
    try:
        scheme = policy.scheme_rule(on, county)
    except PolicyMissing:
        scheme = None
    special = special_rule(policy, on, county)
    try:
        premium = policy.paid_premium(on, county)
    except PolicyMissing:
        premium = None
    try:
        cert = policy.certification_rule(on, county)
    except PolicyMissing:
        cert = None
    return CountyRules(scheme, special, premium, cert)


@dataclass
class StationSnapshot:
    """What the pension rules need about every person of the station on one date."""

    on: date
    policy: PolicySet
    persons: dict[str, PersonRow]  # live (not tombstoned) persons, deceased included
    facts: dict[str, StatusFacts]
    paid_years: dict[str, int]  # years with a positive net credit
    paid_this_year: set[str]  # positive net credit for on.year
    enrolments: dict[str, EnrolmentRow]
    awards: dict[str, AwardRow]
    latest_certification: dict[str, date]  # in force, up to ``on``
    _rules: dict[str, CountyRules] = field(default_factory=dict, repr=False)

    def rules_for(self, county: str) -> CountyRules:
        found = self._rules.get(county)
        if found is None:
            found = _county_rules(self.policy, self.on, county)
            self._rules[county] = found
        return found

    def facts_of(self, person_id: str) -> StatusFacts:
        return self.facts.get(person_id, _NO_FACTS)

    def poor_supported(self, person: PersonRow) -> bool:
        """Registered poor now, or lifted out and still within the years of support."""
        return poor_supported(
            self.facts_of(person.id), self.on, self.rules_for(person.county).premium
        )

    def eligibility(self, person: PersonRow) -> rules.Eligibility | None:
        """``check_eligibility`` from the snapshot (None when no scheme rule is in force)."""
        county_rules = self.rules_for(person.county)
        if county_rules.scheme is None:
            return None
        return rules.eligibility(
            birth_date=person.birth_date,
            on=self.on,
            contribution_years=self.paid_years.get(person.id, 0),
            has_other_state_pension=person.other_state_pension,
            scheme=county_rules.scheme,
            special_categories=self.facts_of(person.id).special_categories(),
            guangxi_hukou=person.guangxi_hukou,
            special=county_rules.special,
        )

    def certification(self, person: PersonRow) -> cert_rules.CertState | None:
        """``certification_status`` from the snapshot: None without an active or suspended
        award, or when no certification rule is in force."""
        award = self.awards.get(person.id)
        if award is None or award.status not in RECEIVING:
            return None
        rule = self.rules_for(person.county).certification
        if rule is None:
            return None
        latest = self.latest_certification.get(person.id)
        return cert_rules.certification_state(
            birth_date=person.birth_date,
            certified_on=[latest] if latest is not None else [],
            on=self.on,
            award_start=award.first_month,
            rule=rule,
        )

    def premium_paid_by_government(self, person: PersonRow, year: int) -> bool:
        """Whether the government pays the premium for ``year`` (as ``record_contribution``
        decides it for a payment made on the snapshot date)."""
        premium = self.rules_for(person.county).premium
        if premium is None:
            return False
        facts = self.facts_of(person.id)
        return rules.paid_premium_eligible(
            year=year,
            registered_poor=facts.ever_registered_poor,
            lifted_out_year=facts.lifted_out_year,
            disability_grade=facts.disability_grade,
            rule=premium,
        )


_NO_FACTS = StatusFacts()


def poor_supported(facts: StatusFacts, on: date, premium: PaidPremiumRule | None) -> bool:
    """Registered poor on ``on``, or lifted out no more than the support years ago."""
    if facts.registered_poor:
        return True
    if not facts.ever_registered_poor or facts.lifted_out_year is None:
        return False
    support = premium.support_years_after_lifting if premium is not None else 0
    return on.year <= facts.lifted_out_year + support


def _load_persons(session: Session, only: ColumnElement[bool] | None) -> dict[str, PersonRow]:
    q = select(
        Person.id,
        Person.name,
        Person.id_number,
        Person.birth_date,
        Person.village_code,
        Person.guangxi_hukou,
        Person.student,
        Person.employee_scheme,
        Person.other_state_pension,
        Person.death_date,
    ).where(Person.deleted.is_(False))
    if only is not None:
        q = q.where(only)
    return {row.id: row for row in map(PersonRow._make, session.execute(q))}


def credited_fen() -> ColumnElement[int]:
    """What a contribution row credits to the account (negative for a reversal)."""
    return (
        Contribution.personal_fen
        + Contribution.subsidy_fen
        + Contribution.paid_premium_fen
        + Contribution.collective_fen
    )


def chunks(ids: list[str]) -> Iterator[list[str]]:
    """``ids`` in slices small enough for an ``IN (...)`` list on any database."""
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def unusual_contributors(session: Session) -> list[str]:
    """Persons whose contribution years cannot be read from the (person, year) index alone:
    with a tombstoned or reversing entry, or an entry that credits nothing, or themselves
    tombstoned. They are few; their years are netted exactly, the others' only counted.
    Read once per session: the report and the work-lists both need it."""
    cached = session.info.get("unusual_contributors")
    if isinstance(cached, list):
        return cached
    q = select(Contribution.person_id).where(
        or_(
            Contribution.deleted.is_(True),
            Contribution.kind == EntryKind.REVERSAL.value,
            credited_fen() <= 0,
            Contribution.person_id.in_(select(Person.id).where(Person.deleted.is_(True))),
        )
    )
    found = sorted(set(session.scalars(q)))
    session.info["unusual_contributors"] = found
    return found


@event.listens_for(Session, "after_flush")
def _forget_contributors(session: Session, _ctx: object) -> None:
    session.info.pop("unusual_contributors", None)


def _load_paid_years(
    session: Session, year: int, born_by: date | None
) -> tuple[dict[str, int], set[str]]:
    """Per person (born on or before ``born_by`` if given): the number of years with a
    positive net credit, and whether ``year`` is one of them.

    Nearly every (person, year) holds one positive entry, so the years are first counted
    from the (person, year) index alone, without reading the ledger rows. Persons with
    anything else - a tombstoned or reversing entry, or an entry that credits nothing - are
    then counted again exactly, netting their entries per year.
    """
    credited = credited_fen()
    born = select(Person.id).where(Person.birth_date <= born_by) if born_by else None
    fast = select(
        Contribution.person_id,
        func.count(distinct(Contribution.year)),
        func.max(case((Contribution.year == year, 1), else_=0)),
    ).group_by(Contribution.person_id)
    if born is not None:
        fast = fast.where(Contribution.person_id.in_(born))
    years: dict[str, int] = {}
    this_year: set[str] = set()
    for person_id, count, has_year in session.execute(fast):
        years[person_id] = int(count)
        if has_year:
            this_year.add(person_id)

    unusual = unusual_contributors(session)
    for person_id in unusual:
        years.pop(person_id, None)
        this_year.discard(person_id)
    for chunk in chunks(unusual):
        exact = (
            select(Contribution.person_id, Contribution.year)
            .where(Contribution.deleted.is_(False), Contribution.person_id.in_(chunk))
            .group_by(Contribution.person_id, Contribution.year)
            .having(func.sum(credited) > 0)
        )
        if born is not None:
            exact = exact.where(Contribution.person_id.in_(born))
        for person_id, paid_year in session.execute(exact):
            years[person_id] = years.get(person_id, 0) + 1
            if paid_year == year:
                this_year.add(person_id)
    return years, this_year


def _load_certifications(session: Session, on: date) -> dict[str, date]:
    """Per person, the latest certification up to ``on`` still in force: reversals and the
    certifications they cancel are left out (as ``services.certification.certification_dates``).

    The latest one is all ``domain.certification.certification_state`` depends on: there is
    a certification in the current window exactly when the latest one up to ``on`` is in
    it, and the next window needed follows the latest one's window.
    """
    reversal = aliased(Certification)
    reversed_ids = select(reversal.reverses_id).where(
        reversal.reverses_id.is_not(None), reversal.deleted.is_(False)
    )
    q = (
        select(Certification.person_id, func.max(Certification.certified_on))
        .where(
            Certification.deleted.is_(False),
            Certification.reverses_id.is_(None),
            Certification.certified_on <= on,
            Certification.id.not_in(reversed_ids),
        )
        .group_by(Certification.person_id)
    )
    return {pid: latest for pid, latest in session.execute(q)}


def load_snapshot(
    *,
    session: Session,
    on: date,
    policy: PolicySet | None = None,
    targets_only: bool = False,
) -> StationSnapshot:
    """Load everything the pension rules need for every person, in a handful of queries.

    ``targets_only`` loads just what the report's targets and certification counts ask
    for: persons with a status or an award (no one else can be registered poor or a
    recipient), and contribution years of persons of pension age (the only ones whose
    eligibility is asked) - most of the persons and of the contribution ledger are skipped.
    """
    policy = policy or load_policy(session=session)
    born_by = latest_birth_for_age(PENSION_AGE, on) if targets_only else None
    only: ColumnElement[bool] | None = None
    if targets_only:
        with_status = select(PersonStatus.person_id).where(PersonStatus.deleted.is_(False))
        with_award = select(BenefitAward.person_id).where(BenefitAward.deleted.is_(False))
        only = or_(Person.id.in_(with_status), Person.id.in_(with_award))
    paid_years, paid_this_year = _load_paid_years(session, on.year, born_by)
    enrolment_q = select(Enrolment.person_id, Enrolment.status, Enrolment.grade_fen).where(
        Enrolment.deleted.is_(False)
    )
    award_q = select(
        BenefitAward.person_id,
        BenefitAward.status,
        BenefitAward.kind,
        BenefitAward.first_month,
        BenefitAward.monthly_fen,
    ).where(BenefitAward.deleted.is_(False))
    enrolments = {e.person_id: e for e in map(EnrolmentRow._make, session.execute(enrolment_q))}
    awards = {a.person_id: a for a in map(AwardRow._make, session.execute(award_q))}
    return StationSnapshot(
        on=on,
        policy=policy,
        persons=_load_persons(session, only),
        facts=all_status_facts(session=session, on=on),
        paid_years=paid_years,
        paid_this_year=paid_this_year,
        enrolments=enrolments,
        awards=awards,
        latest_certification=_load_certifications(session, on),
    )


# --------------------------------------------------------------------------- helpers


def add_months_to_day(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    first = rules.add_months(day, months)
    last = rules.last_day_of_month(first)
    return first.replace(day=min(day.day, last.day))


def latest_birth_for_age(age: int, on: date) -> date:
    """The latest birth date of someone at least ``age`` years old on ``on``.

    Age (``domain.pension.age_on``) never grows with a later birth date, so "age >= N" is
    "born on or before this date": a comparison per person instead of an age computation,
    found here by bisecting over the rule itself.
    """
    lo = date(on.year - age - 1, 1, 1).toordinal()  # certainly old enough
    hi = date(on.year - age + 1, 1, 1).toordinal()  # certainly too young
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if rules.age_on(date.fromordinal(mid), on) >= age:
            lo = mid
        else:
            hi = mid
    return date.fromordinal(lo)


def _latest_surveys(session: Session, on: date) -> dict[str, date]:
    """The day of each person's latest survey up to ``on``.

    Read from the (person, day) index alone, then again exactly for the few persons with
    a tombstoned survey (as ``_load_paid_years``).
    """
    day = func.max(LabourRegistration.surveyed_on)
    q = (
        select(LabourRegistration.person_id, day)
        .where(LabourRegistration.surveyed_on <= on)
        .group_by(LabourRegistration.person_id)
    )
    latest = {pid: last for pid, last in session.execute(q)}
    tombstoned_q = select(LabourRegistration.person_id).where(LabourRegistration.deleted.is_(True))
    tombstoned = sorted(set(session.scalars(tombstoned_q)))
    for pid in tombstoned:
        latest.pop(pid, None)
    for chunk in chunks(tombstoned):
        exact = (
            select(LabourRegistration.person_id, day)
            .where(
                LabourRegistration.deleted.is_(False),
                LabourRegistration.surveyed_on <= on,
                LabourRegistration.person_id.in_(chunk),
            )
            .group_by(LabourRegistration.person_id)
        )
        latest.update({pid: last for pid, last in session.execute(exact)})
    return latest


def _payments_after_death(
    session: Session, snapshot: StationSnapshot
) -> dict[str, rules.DeathSettlement]:
    """For deceased persons: months paid after the death month and not reversed."""
    deceased = select(Person.id).where(
        Person.deleted.is_(False), Person.death_date.is_not(None), Person.death_date <= snapshot.on
    )
    # Only months after the death month can be overpaid: month (a first day) > death date.
    q = (
        select(BenefitPayment.person_id, BenefitPayment.month, func.sum(BenefitPayment.amount_fen))
        .join(Person, Person.id == BenefitPayment.person_id)
        .where(
            BenefitPayment.person_id.in_(deceased),
            BenefitPayment.deleted.is_(False),
            BenefitPayment.month > Person.death_date,
        )
        .group_by(BenefitPayment.person_id, BenefitPayment.month)
    )
    paid: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for pid, month, net in session.execute(q):
        if net and net > 0:
            paid[pid].append((month, int(net)))
    out: dict[str, rules.DeathSettlement] = {}
    for pid, months in paid.items():
        person = snapshot.persons.get(pid)
        if person is None or person.death_date is None or person.death_date > snapshot.on:
            continue
        settlement = rules.death_settlement(
            death_date=person.death_date, balance_fen=0, paid_months=months
        )
        if settlement.overpaid_months:
            out[pid] = settlement
    return out


def _item(person: PersonRow, detail: str, due: date | None, action: str) -> WorkItem:
    return WorkItem(
        person_id=person.id,
        name=person.name,
        id_number=person.id_number,
        detail=detail,
        due=due,
        action=action,
    )


def _poor_detail(facts: StatusFacts, premium: PaidPremiumRule | None) -> str:
    if facts.registered_poor or facts.lifted_out_year is None:
        return "registered poor, not enrolled"
    support = premium.support_years_after_lifting if premium is not None else 0
    return (
        f"lifted out in {facts.lifted_out_year}, supported through "
        f"{facts.lifted_out_year + support}; not enrolled"
    )


# --------------------------------------------------------------------------- the lists


def worklists(*, session: Session, on: date) -> list[WorkList]:
    """Every work-list of the station on ``on``, in home-screen order (empty lists too)."""
    snap = load_snapshot(session=session, on=on)
    latest_survey = _latest_surveys(session, on)
    after_death = _payments_after_death(session, snap)
    year_start = date(on.year, 1, 1)
    year_end = date(on.year, 12, 31)
    horizon = add_months_to_day(on, TURNING_60_MONTHS)
    # Age bands as birth-date cut-offs ("aged N or more" = born on or before).
    aged_16 = latest_birth_for_age(MIN_ENROL_AGE, on)
    aged_59 = latest_birth_for_age(PENSION_AGE - 1, on)
    aged_60 = latest_birth_for_age(PENSION_AGE, on)
    aged_65 = latest_birth_for_age(LABOUR_MAX_AGE + 1, on)
    aged_60_at_year_start = latest_birth_for_age(PENSION_AGE, year_start)
    lists: dict[str, list[WorkItem]] = {code: [] for code in TITLES_EN}

    for person in snap.persons.values():
        pid = person.id
        if not person.alive_on(on):
            _deceased(person, snap, after_death.get(pid), lists[DEATH_NOT_STOPPED])
            continue
        birth = person.birth_date
        if birth > aged_16:  # under 16: no list concerns children
            continue
        enrolment = snap.enrolments.get(pid)
        award = snap.awards.get(pid)

        # 应参保未参保: registered poor of working age, not enrolled.
        if (
            birth > aged_60
            and not person.student
            and not person.employee_scheme
            and enrolment is None
            and snap.poor_supported(person)
        ):
            premium = snap.rules_for(person.county).premium
            detail = _poor_detail(snap.facts_of(pid), premium)
            lists[POOR_NOT_ENROLLED].append(_item(person, detail, None, ACTION_ENROL))

        # Turning 60 within the next 3 months (so 59 today): prepare the award.
        if (
            aged_60 < birth <= aged_59
            and enrolment is not None
            and enrolment.status in ENROLLED
            and award is None
        ):
            birthday = rules.anniversary(birth, PENSION_AGE)
            if on < birthday <= horizon:
                detail = f"turns 60 on {birthday.isoformat()}: prepare the pension award"
                lists[TURNING_60].append(_item(person, detail, birthday, ACTION_AWARD))

        # 60+, eligible under the rules, no award.
        if birth <= aged_60 and award is None:
            elig = snap.eligibility(person)
            if elig is not None and elig.eligible and elig.kind is not None:
                first = elig.first_month
                from_month = f" since {first:%Y-%m}" if first is not None else ""
                detail = f"eligible{from_month} ({elig.kind.value} pension), no award"
                lists[ELIGIBLE_NOT_RECEIVING].append(_item(person, detail, None, ACTION_AWARD))

        # Survival certification of recipients (active or suspended awards).
        state = snap.certification(person) if award is not None else None
        if state is not None and state.status == cert_rules.DUE:
            detail = f"certify by {state.due_by.isoformat()}"
            lists[CERTIFICATION_DUE].append(_item(person, detail, state.due_by, ACTION_CERTIFY))
        elif state is not None and state.status == cert_rules.OVERDUE:
            since = state.overdue_since or on
            missed_end = since - timedelta(days=1)
            suspended = award is not None and award.status == AwardStatus.SUSPENDED.value
            detail = f"not certified in the window ending {missed_end.isoformat()}; " + (
                "payment suspended" if suspended else f"suspend from {since:%Y-%m}"
            )
            lists[CERTIFICATION_OVERDUE].append(_item(person, detail, missed_end, ACTION_CERTIFY))

        # This year's contribution (under 60 on 1 January), and the government-paid premium.
        if (
            enrolment is not None
            and pid not in snap.paid_this_year
            and enrolment.status == EnrolmentStatus.NORMAL.value
            and on.year >= birth.year + MIN_ENROL_AGE
            and birth > aged_60_at_year_start
        ):
            grade = format_yuan(enrolment.grade_fen)
            detail = f"{on.year} contribution not paid (grade {grade} yuan)"
            lists[CONTRIBUTION_UNPAID].append(_item(person, detail, year_end, ACTION_CONTRIBUTE))
            if snap.premium_paid_by_government(person, on.year):
                detail = f"{on.year} premium paid by the government: record the contribution"
                lists[PAID_PREMIUM_DUE].append(_item(person, detail, year_end, ACTION_CONTRIBUTE))

        # Labour survey not updated this year (16 to 64).
        if birth > aged_65:
            latest = latest_survey.get(pid)
            if latest is None or latest < year_start:
                detail = "never surveyed" if latest is None else f"last surveyed {latest}"
                lists[LABOUR_NOT_UPDATED].append(_item(person, detail, None, ACTION_SURVEY))

    lists[MATCH_TO_CONFIRM] = _match_items(session)
    return [
        WorkList(code=code, title_en=TITLES_EN[code], items=sorted(items, key=_order))
        for code, items in lists.items()
    ]


def _match_items(session: Session) -> list[WorkItem]:
    """One item per person with data-matching notices waiting for the clerk's answer; the
    detail is the county's own (Chinese) text of what it changed."""
    per_person: dict[str, list[str]] = defaultdict(list)
    who: dict[str, tuple[str, str]] = {}
    for notice in list_notices(session=session):
        per_person[notice.person_id].append(notice.description)
        who[notice.person_id] = (notice.name, notice.id_number)
    return [
        WorkItem(
            person_id=pid,
            name=who[pid][0],
            id_number=who[pid][1],
            detail="；".join(texts),
            due=None,
            action=ACTION_CONFIRM_MATCH,
        )
        for pid, texts in per_person.items()
    ]


def _deceased(
    person: PersonRow,
    snap: StationSnapshot,
    settlement: rules.DeathSettlement | None,
    out: list[WorkItem],
) -> None:
    assert person.death_date is not None
    award = snap.awards.get(person.id)
    problems: list[str] = []
    if award is not None and award.status in RECEIVING:
        problems.append(f"award still {award.status}")
    if settlement is not None:
        n = len(settlement.overpaid_months)
        problems.append(
            f"{n} month(s) paid after death, {format_yuan(settlement.overpaid_fen)} yuan to recover"
        )
    if problems:
        detail = f"died {person.death_date.isoformat()}: " + "; ".join(problems)
        out.append(_item(person, detail, None, ACTION_STOP_PAYMENT))


def _order(item: WorkItem) -> tuple[date, str, str]:
    return (item.due or date.max, item.name, item.id_number)
