"""Enrolment, contributions, corrections, award, payments, certification and death.

Each money figure is worked out in the test from the policy rules, not copied from output.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.domain.categories import AwardStatus, StatusKind
from villagedesk.domain.errors import ValidationError
from villagedesk.services.certification import certification_status, certify, suspend_overdue
from villagedesk.services.context import PermissionDenied
from villagedesk.services.deaths import mark_deceased
from villagedesk.services.entitlement import entitlement
from villagedesk.services.integrity import check_database
from villagedesk.services.pension import (
    award_of,
    award_pension,
    enrol,
    record_contribution,
    record_payment,
    reverse_contribution,
)
from villagedesk.services.persons import add_status, register_person
from villagedesk.store.models import BenefitPayment, Contribution, PaidPremium


def _person(db, actor, today, birth, seq=1, *, poor_since=None, name="农民"):
    with db.write() as s:
        p = register_person(
            session=s, actor=actor, today=today, id_number=make_id(birth, seq), name=name
        )
        if poor_since:
            add_status(
                session=s,
                actor=actor,
                today=today,
                person_id=p.id,
                kind=StatusKind.REGISTERED_POOR,
                start_date=poor_since,
            )
        return p.id


def test_registered_poor_2019_grade_100_is_paid_by_the_government(db, clerk, today):
    pid = _person(db, clerk, today, date(1980, 6, 1), poor_since=date(2015, 3, 1))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2016, 1, 10),
            grade_fen=10000,
        )
        result = record_contribution(
            session=s, actor=clerk, today=today, person_id=pid, year=2019, paid_on=date(2019, 5, 1)
        )
    c, premium = result.contribution, result.paid_premium
    # Grade 100 yuan; the government pays all 100 (paid premium 100 >= grade), so the
    # person pays 0. 藤县 (450422) shares it region : county = 8 : 2 -> 80.00 + 20.00.
    # The grade-100 subsidy is 30 yuan. Credited: 0 + 30 + 100 = 130.00 yuan.
    assert (c.personal_fen, c.paid_premium_fen, c.subsidy_fen) == (0, 10000, 3000)
    assert premium is not None
    assert (premium.region_fen, premium.local_fen, premium.local_level) == (8000, 2000, "county")
    assert result.split.total_credited_fen == 13000


def test_grade_500_poor_person_pays_the_part_above_the_paid_premium(db, clerk, today):
    pid = _person(db, clerk, today, date(1980, 6, 1), poor_since=date(2015, 3, 1))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2016, 1, 10),
            grade_fen=50000,
        )
        r = record_contribution(
            session=s, actor=clerk, today=today, person_id=pid, year=2020, paid_on=date(2020, 5, 1)
        )
    # 500 - 100 paid by the government = 400 personal; subsidy at >= 500 is 60.
    assert (r.contribution.personal_fen, r.contribution.paid_premium_fen) == (40000, 10000)
    assert r.contribution.subsidy_fen == 6000


def test_enrolment_refusals_name_the_rule(db, clerk, today):
    child = _person(db, clerk, today, date(2012, 1, 1), seq=1)
    adult = _person(db, clerk, today, date(1990, 1, 1), seq=2)
    with pytest.raises(ValidationError) as err, db.write() as s:
        enrol(
            session=s, actor=clerk, today=today, person_id=child, enrolled_on=today, grade_fen=10000
        )
    assert err.value.rules() == {"under_16"}
    with pytest.raises(ValidationError) as err, db.write() as s:
        enrol(
            session=s, actor=clerk, today=today, person_id=adult, enrolled_on=today, grade_fen=12345
        )
    assert err.value.rules() == {"grade"}
    with db.write() as s:
        enrol(
            session=s, actor=clerk, today=today, person_id=adult, enrolled_on=today, grade_fen=20000
        )
    with pytest.raises(ValidationError) as err, db.write() as s:
        enrol(
            session=s, actor=clerk, today=today, person_id=adult, enrolled_on=today, grade_fen=20000
        )
    assert err.value.rules() == {"already_enrolled"}


def test_a_year_is_paid_once_and_corrected_only_by_a_supervisor_with_a_reason(
    db, clerk, supervisor, today
):
    pid = _person(db, clerk, today, date(1985, 1, 1))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=20000,
        )
        cid = record_contribution(
            session=s, actor=clerk, today=today, person_id=pid, year=2026
        ).contribution.id
    with pytest.raises(ValidationError) as err, db.write() as s:
        record_contribution(session=s, actor=clerk, today=today, person_id=pid, year=2026)
    assert err.value.rules() == {"already_paid"}
    with pytest.raises(PermissionDenied), db.write() as s:
        reverse_contribution(
            session=s, actor=clerk, today=today, contribution_id=cid, reason="wrong grade"
        )
    with pytest.raises(ValidationError) as err, db.write() as s:
        reverse_contribution(
            session=s, actor=supervisor, today=today, contribution_id=cid, reason=" "
        )
    assert err.value.rules() == {"required"}
    with db.write() as s:
        reverse_contribution(
            session=s,
            actor=supervisor,
            today=today,
            contribution_id=cid,
            reason="wrong grade: should be 300",
        )
        record_contribution(
            session=s, actor=clerk, today=today, person_id=pid, year=2026, grade_fen=30000
        )
    with db.read() as s:
        rows = s.scalars(select(Contribution).order_by(Contribution.created_hlc)).all()
        # original kept, reversal cancels it, the new entry stands: net 300 personal + 40 subsidy
        assert [(r.kind, r.personal_fen) for r in rows] == [
            ("normal", 20000),
            ("reversal", -20000),
            ("normal", 30000),
        ]
        assert sum(r.personal_fen + r.subsidy_fen for r in rows) == 34000
        assert check_database(session=s, station=db.station_code) == []


def _half_up(x: Decimal) -> int:
    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_award_after_15_years_pays_basic_plus_balance_over_139(db, clerk, today):
    # Born 1966-03-10: 60 on 2026-03-10. Enrolled 2011, pays grade 100 for 2011..2025.
    pid = _person(db, clerk, today, date(1966, 3, 10))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2011, 8, 1),
            grade_fen=10000,
        )
        for year in range(2011, 2026):
            record_contribution(
                session=s,
                actor=clerk,
                today=today,
                person_id=pid,
                year=year,
                paid_on=date(year, 6, 1),
            )
        award = award_pension(session=s, actor=clerk, today=today, person_id=pid)
    # Each year credits 100 + 30 subsidy = 130.00 yuan; interest 2.50 % a year on the
    # balance at the start of each year (shipped default; 2026 provisional = 2025's rate).
    balance = 0
    for year in range(2011, 2027):
        balance = _half_up(Decimal(balance) * Decimal("1.025"))
        balance += 13000 if year <= 2025 else 0
    assert award.balance_at_award_fen == balance
    account_part = _half_up(Decimal(balance) / 139)
    # Basic pension in force in Nov 2026: the shipped 123.00 yuan (default table);
    # exactly 15 years -> no long-contribution bonus.
    assert (award.basic_fen, award.bonus_fen) == (12300, 0)
    assert award.account_fen == account_part
    assert award.monthly_fen == 12300 + account_part
    # 60 in March, applied in November: paid from the month of the application. Aged 45
    # at the county's scheme start (2011-07-01), fewer than 15 years to 60: transitional.
    assert award.first_month == date(2026, 11, 1) and award.kind == "transitional"


def test_too_few_years_is_refused_with_the_shortfall(db, clerk, today):
    pid = _person(db, clerk, today, date(1966, 3, 10))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2020, 1, 1),
            grade_fen=10000,
        )
        for year in range(2020, 2026):
            record_contribution(session=s, actor=clerk, today=today, person_id=pid, year=year)
    with pytest.raises(ValidationError) as err, db.write() as s:
        award_pension(session=s, actor=clerk, today=today, person_id=pid)
    assert err.value.rules() == {"too_few_years"}
    assert "short" in err.value.errors[0].message


def _pensioner(db, clerk, today, birth, awarded_on):
    """A 60+ registered-poor person on the special basic pension: aged 56 at the scheme
    start, so 4 years were required, and none were paid."""
    pid = _person(db, clerk, today, birth, poor_since=date(2015, 1, 1))
    with db.write() as s:
        award = award_pension(session=s, actor=clerk, today=today, person_id=pid, on=awarded_on)
        assert award.kind == "special"
        return pid, award.monthly_fen, award.first_month


def test_special_pension_is_back_paid_from_2018_12(db, clerk, today):
    pid, _monthly, first = _pensioner(db, clerk, today, date(1955, 7, 1), date(2019, 3, 1))
    assert first == date(2018, 12, 1)
    with db.read() as s:
        assert award_of(session=s, person_id=pid).kind == "special"


def test_overdue_certification_suspends_and_certifying_resumes_with_back_pay(db, clerk, today):
    # Birthday in February: windows run Feb..Jan. Awarded 2024-03; certified in the
    # 2024-02..2025-01 window, never in the 2025-02..2026-01 window -> overdue since
    # 2026-02-01, so the pension is suspended from February 2026.
    pid, monthly, _ = _pensioner(db, clerk, today, date(1955, 2, 15), date(2024, 3, 5))
    with db.write() as s:
        certify(session=s, actor=clerk, today=today, person_id=pid, certified_on=date(2024, 3, 5))
        for month in range(1, 2):
            record_payment(
                session=s, actor=clerk, today=today, person_id=pid, month=date(2026, month, 1)
            )
    with db.write() as s:
        suspended = suspend_overdue(session=s, actor=clerk, today=today)
        assert [a.person_id for a in suspended] == [pid]
    with db.read() as s:
        award = award_of(session=s, person_id=pid)
        assert (award.status, award.suspended_from) == ("suspended", date(2026, 2, 1))
    with pytest.raises(ValidationError) as err, db.write() as s:
        record_payment(session=s, actor=clerk, today=today, person_id=pid, month=date(2026, 2, 1))
    assert err.value.rules() == {"award_status"}

    with db.write() as s:
        result = certify(session=s, actor=clerk, today=today, person_id=pid)
    # Back-paid: Feb..Oct 2026 = 9 months; November is paid as a regular month.
    assert result.resumed
    assert [p.month.month for p in result.back_paid] == list(range(2, 11))
    assert result.back_paid_fen == 9 * monthly
    with db.read() as s:
        assert award_of(session=s, person_id=pid).status == AwardStatus.ACTIVE.value
        state = certification_status(session=s, person_id=pid, on=today)
        assert state.status == "certified"


def test_death_stops_payment_and_shows_overpayment_and_inheritable_balance(db, clerk, today):
    pid, monthly, _ = _pensioner(db, clerk, today, date(1955, 7, 1), date(2025, 1, 1))
    with db.write() as s:
        for m in (8, 9, 10, 11):
            record_payment(
                session=s, actor=clerk, today=today, person_id=pid, month=date(2026, m, 1)
            )
    with db.write() as s:
        outcome = mark_deceased(
            session=s, actor=clerk, today=today, person_id=pid, death_date=date(2026, 9, 20)
        )
    # Died in September: payment stops from October; October and November were overpaid.
    assert outcome.settlement.stop_from == date(2026, 10, 1)
    assert outcome.settlement.overpaid_months == [date(2026, 10, 1), date(2026, 11, 1)]
    assert outcome.settlement.overpaid_fen == 2 * monthly
    with db.read() as s:
        assert award_of(session=s, person_id=pid).status == "stopped"
    with pytest.raises(ValidationError) as err, db.write() as s:
        certify(session=s, actor=clerk, today=today, person_id=pid)
    assert "deceased" in err.value.rules()


def test_entitlement_statement_for_a_contributor(db, clerk, today):
    pid = _person(db, clerk, today, date(1975, 5, 5), poor_since=date(2016, 1, 1))
    with db.write() as s:
        enrol(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            enrolled_on=date(2017, 2, 1),
            grade_fen=10000,
        )
        for year in (2017, 2018, 2019):
            record_contribution(
                session=s,
                actor=clerk,
                today=today,
                person_id=pid,
                year=year,
                paid_on=date(year, 4, 1),
            )
    with db.read() as s:
        ent = entitlement(session=s, person_id=pid, on=today)
        premiums = s.scalar(select(func.sum(PaidPremium.amount_fen)))
        payments = s.scalar(select(func.count()).select_from(BenefitPayment))
    assert [y.year for y in ent.years] == [2017, 2018, 2019]
    assert all(y.paid_premium_fen == 10000 and y.personal_fen == 0 for y in ent.years)
    assert premiums == 30000 and payments == 0
    assert ent.contribution_years == 3
    assert ent.enrolment_status == "normal"
    assert ent.award is None and ent.expected is not None
    assert not ent.eligibility.eligible and ent.eligibility.reason == "under_age"
    # 3 x 130.00 credited, compounding 2.5 % from the year after each payment to 2026.
    balance = 0
    for year in range(2017, 2027):
        balance = _half_up(Decimal(balance) * Decimal("1.025")) + (13000 if year <= 2019 else 0)
    assert ent.balance_fen == balance


def test_a_death_recorded_without_stopping_is_listed_and_then_stopped(db, clerk, today):
    from villagedesk.services.deaths import record_recovery, stop_payment_after_death
    from villagedesk.services.worklists import worklists
    from villagedesk.store.models import Person

    pid, monthly, _ = _pensioner(db, clerk, today, date(1955, 7, 1), date(2025, 1, 1))
    with db.write() as s:
        for m in (9, 10, 11):
            record_payment(
                session=s, actor=clerk, today=today, person_id=pid, month=date(2026, m, 1)
            )
        # A death that arrived as a plain edit (e.g. from an older client): nothing stopped.
        s.get(Person, pid).death_date = date(2026, 8, 30)

    def listed():
        with db.read() as s:
            lists = {wl.code: wl for wl in worklists(session=s, on=today)}
        return [i.person_id for i in lists["death_not_stopped"].items]

    assert listed() == [pid]
    with db.write() as s:
        outcome = stop_payment_after_death(session=s, actor=clerk, today=today, person_id=pid)
    # Died in August: stop from September; September to November were overpaid.
    assert outcome.settlement.stop_from == date(2026, 9, 1)
    assert outcome.settlement.overpaid_fen == 3 * monthly
    assert listed() == [pid]  # stopped, but the overpaid months are still to recover
    with db.write() as s:
        recovered = record_recovery(
            session=s, actor=clerk, today=today, person_id=pid, reason="returned by the family"
        )
    assert sum(e.amount_fen for e in recovered) == -3 * monthly
    assert listed() == []
    with db.read() as s:
        assert award_of(session=s, person_id=pid).status == "stopped"
