"""Resident-pension arithmetic: contributions, account, eligibility, amounts, stops."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagedesk.domain.categories import AwardKind, CostLevel
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.pension import (
    AccountLine,
    BackPay,
    Eligibility,
    account_balance,
    age_on,
    anniversary,
    back_pay,
    contribution_years,
    death_settlement,
    eligibility,
    monthly_pension,
    months_between,
    paid_premium_eligible,
    split_contribution,
)
from villagedesk.domain.policy import BasicPensionRule, PaidPremiumRule, SchemeRule
from villagedesk.domain.policy_defaults import default_policy

POLICY = default_policy()
CITY_COUNTY = "450921"  # 容县: region : city = 6 : 4
TENG_XIAN = "450422"  # 藤县: region : county = 8 : 2
RULE = PaidPremiumRule(amount_fen=10000, support_years_after_lifting=2, disabled_full_grades=(1, 2))
SCHEME = POLICY.scheme_rule(date(2019, 6, 1))  # start 2011-07-01, age 60, 15 years, 139
SPECIAL = POLICY.special_pension_rule(date(2019, 6, 1))  # back pay from 2018-12-01


def assert_money_is_int(obj: object) -> None:
    """Every *_fen field is a genuine int (no float, no Decimal, no bool)."""
    fields = [f.name for f in dataclasses.fields(obj) if f.name.endswith("_fen")]  # type: ignore[arg-type]
    assert fields, "no money fields found"
    for name in fields:
        value = getattr(obj, name)
        assert type(value) is int, f"{name} is {type(value).__name__}"


# --------------------------------------------------------------------------- paid premium


@pytest.mark.parametrize(
    ("year", "poor", "lifted", "disability", "expected"),
    [
        (2019, True, None, None, True),  # registered poor, not lifted
        (2019, False, None, None, False),  # ordinary
        (2019, True, 2017, None, True),  # lifted 2017: supported through 2019
        (2020, True, 2017, None, False),  # ... but not in 2020
        (2020, False, 2018, None, True),  # a lifted-out year implies registration
        (2019, False, None, 1, True),  # severely disabled
        (2019, False, None, 2, True),
        (2019, False, None, 3, False),
    ],
)
def test_paid_premium_eligible(
    year: int, poor: bool, lifted: int | None, disability: int | None, expected: bool
) -> None:
    assert (
        paid_premium_eligible(
            year=year,
            registered_poor=poor,
            lifted_out_year=lifted,
            disability_grade=disability,
            rule=RULE,
        )
        is expected
    )


# --------------------------------------------------------------------------- contributions


def test_registered_poor_grade_100_in_a_city_split_county() -> None:
    # 2019, grade 100 yuan = 10000 fen, paid premium 100 yuan covers it all: personal 0.
    # Region 60% of 10000 = 6000, city 40% = 4000. Subsidy at grade 100 = 30 yuan = 3000.
    # Credited = 0 + 3000 + 10000 = 13000 fen.
    s = split_contribution(
        policy=POLICY, on=date(2019, 3, 1), county=CITY_COUNTY, grade_fen=10000, paid_premium=True
    )
    assert (s.personal_fen, s.paid_premium_fen, s.subsidy_fen) == (0, 10000, 3000)
    assert (s.region_fen, s.local_fen, s.local_level) == (6000, 4000, CostLevel.CITY)
    assert s.total_credited_fen == 13000
    assert_money_is_int(s)


def test_registered_poor_grade_100_in_a_county_split_county() -> None:
    # same person in 藤县 (8 : 2): region 80% of 10000 = 8000, county 2000
    s = split_contribution(
        policy=POLICY, on=date(2019, 3, 1), county=TENG_XIAN, grade_fen=10000, paid_premium=True
    )
    assert (s.region_fen, s.local_fen, s.local_level) == (8000, 2000, CostLevel.COUNTY)
    assert s.total_credited_fen == 13000


def test_grade_500_with_paid_premium() -> None:
    # grade 500 yuan = 50000: government pays 10000, the person 50000 - 10000 = 40000;
    # subsidy at 500 = 60 yuan = 6000; credited 40000 + 6000 + 10000 = 56000
    s = split_contribution(
        policy=POLICY, on=date(2019, 3, 1), county=CITY_COUNTY, grade_fen=50000, paid_premium=True
    )
    assert (s.personal_fen, s.paid_premium_fen, s.subsidy_fen) == (40000, 10000, 6000)
    assert s.total_credited_fen == 56000


def test_ordinary_contribution_has_no_government_premium() -> None:
    s = split_contribution(
        policy=POLICY, on=date(2019, 3, 1), county=CITY_COUNTY, grade_fen=20000, paid_premium=False
    )
    assert (s.personal_fen, s.subsidy_fen, s.paid_premium_fen) == (20000, 3500, 0)
    assert (s.region_fen, s.local_fen, s.local_level) == (0, 0, None)
    assert s.total_credited_fen == 23500


def test_unlisted_grade_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        split_contribution(
            policy=POLICY, on=date(2019, 3, 1), county=CITY_COUNTY, grade_fen=12345,
            paid_premium=True,
        )  # fmt: skip
    assert exc.value.fields() == {"grade_fen"}


GRADES = [g.grade_fen for g in POLICY.contribution_grades(date(2019, 1, 1))]
KNOWN_COUNTIES = [CITY_COUNTY, TENG_XIAN, "450481", "450981", "450102", ""]


@given(
    grade=st.sampled_from(GRADES),
    county=st.one_of(
        st.sampled_from(KNOWN_COUNTIES), st.from_regex(r"\A45[0-9]{4}\Z", fullmatch=True)
    ),
    paid=st.booleans(),
    on=st.dates(min_value=date(2017, 1, 1), max_value=date(2030, 12, 31)),
)
def test_contribution_shares_always_add_up(grade: int, county: str, paid: bool, on: date) -> None:
    s = split_contribution(policy=POLICY, on=on, county=county, grade_fen=grade, paid_premium=paid)
    assert s.region_fen + s.local_fen == s.paid_premium_fen
    assert s.personal_fen + s.paid_premium_fen == grade
    assert s.total_credited_fen == s.personal_fen + s.subsidy_fen + s.paid_premium_fen
    assert min(s.personal_fen, s.region_fen, s.local_fen, s.subsidy_fen) >= 0
    assert (s.paid_premium_fen > 0) is paid
    assert_money_is_int(s)


def test_contribution_years_counts_distinct_years_with_positive_net() -> None:
    assert contribution_years([2015, 2016, 2016, 2018]) == 3
    # a 2016 payment reversed in full and a zero entry in 2017 do not make years
    entries = [(2015, 10000), (2016, 10000), (2016, -10000), (2017, 0), (2018, 3000)]
    assert contribution_years(entries) == 2
    assert contribution_years([]) == 0


# --------------------------------------------------------------------------- account


def test_account_balance_worked_example() -> None:
    # 130 yuan credited in 2019 and again in 2020, 2.50 % in 2020:
    #   end-2019 = 0 + 13000 = 13000 (money paid in a year earns from the next year)
    #   end-2020 = round(13000 x 1.025) = 13325, + 13000 = 26325 fen
    st_ = account_balance(
        credits=[(2019, 13000), (2020, 13000)],
        rates=lambda year: Decimal("0.0250"),
        as_of_year=2020,
    )
    assert st_.closing_fen == 26325
    assert st_.lines == (
        AccountLine(2019, 0, Decimal(0), 0, 13000, 13000),
        AccountLine(2020, 13000, Decimal("0.0250"), 325, 13000, 26325),
    )
    assert_money_is_int(st_)
    for line in st_.lines:
        assert_money_is_int(line)


def test_account_interest_rounds_half_up_and_uses_each_years_rate() -> None:
    # opening 20 fen at 2.5 %: 20 x 1.025 = 20.5 -> 21 (half-up; banker's rounding gives 20)
    st_ = account_balance(
        credits=[], rates=lambda y: Decimal("0.0250"), as_of_year=2020, opening_fen=20,
        first_year=2020,
    )  # fmt: skip
    assert st_.closing_fen == 21
    # 2019 at 8.31 %: 100000 x 1.0831 = 108310; 2020 at 7.12 %: 108310 x 1.0712
    #   = 116021.672 -> 116022
    rates = {2019: Decimal("0.0831"), 2020: Decimal("0.0712")}
    st2 = account_balance(
        credits=[], rates=rates.__getitem__, as_of_year=2020, opening_fen=100000,
        first_year=2019,
    )  # fmt: skip
    assert [line.closing_fen for line in st2.lines] == [108310, 116022]


def test_account_asks_no_rate_for_empty_years_and_ignores_later_credits() -> None:
    asked: list[int] = []

    def rates(year: int) -> Decimal:
        asked.append(year)
        return Decimal("0.0250")

    st_ = account_balance(
        credits=[(2019, 13000), (2022, 5000)], rates=rates, as_of_year=2020, first_year=2017
    )
    assert asked == [2020]  # 2017-2019 start empty
    assert st_.closing_fen == 13325
    with pytest.raises(ValueError, match="before the first year"):
        account_balance(credits=[(2016, 100)], rates=rates, as_of_year=2020, first_year=2017)


def test_account_with_policy_rates() -> None:
    # three years of 13000 at the shipped 2.50 %:
    #   2018: 13000; 2019: round(13000 x 1.025) = 13325 + 13000 = 26325;
    #   2020: round(26325 x 1.025) = round(26983.125) = 26983 + 13000 = 39983
    st_ = account_balance(
        credits=[(2018, 13000), (2019, 13000), (2020, 13000)],
        rates=POLICY.interest_rate,
        as_of_year=2020,
    )
    assert st_.closing_fen == 39983


# --------------------------------------------------------------------------- eligibility


def elig(
    birth: date,
    on: date,
    years: int,
    *,
    other: bool = False,
    categories: frozenset[str] = frozenset(),
    hukou: bool = True,
    scheme: SchemeRule = SCHEME,
) -> Eligibility:
    return eligibility(
        birth_date=birth,
        on=on,
        contribution_years=years,
        has_other_state_pension=other,
        scheme=scheme,
        special_categories=set(categories),
        guangxi_hukou=hukou,
        special=SPECIAL,
    )


def test_normal_award_after_fifteen_years() -> None:
    # 60 on 1970-03-15 + 60 = 2030-03-15, 18 years after the 2011-07-01 start: NORMAL
    e = elig(date(1970, 3, 15), date(2030, 4, 1), 15)
    assert (e.eligible, e.kind, e.reason) == (True, AwardKind.NORMAL, "ok")
    assert e.required_years == 15 and e.years_short == 0
    assert e.first_month == date(2030, 4, 1)
    short = elig(date(1970, 3, 15), date(2030, 4, 1), 12)
    assert (short.eligible, short.reason, short.years_short) == (False, "too_few_years", 3)
    assert short.may_back_pay_years == 0


def test_transitional_short_of_fifteen_years_to_sixty() -> None:
    # 60 on 2015-03-10; from 2011-07-01 that is 3 years 8 months -> 3 whole years required
    e = elig(date(1955, 3, 10), date(2019, 1, 1), 2)
    assert (e.eligible, e.reason, e.required_years, e.years_short) == (
        False, "too_few_years", 3, 1
    )  # fmt: skip
    assert e.may_back_pay_years == 13  # up to 15 in total
    ok = elig(date(1955, 3, 10), date(2019, 1, 1), 3)
    assert (ok.eligible, ok.kind, ok.reason) == (True, AwardKind.TRANSITIONAL, "ok")
    assert ok.first_month == date(2015, 4, 1)
    assert ok.may_back_pay_years == 12


def test_already_sixty_at_scheme_start_needs_no_years() -> None:
    # 60 on 2010-01-01, before the 2011-07-01 start: paid from the start month, no years
    e = elig(date(1950, 1, 1), date(2019, 1, 1), 0)
    assert (e.eligible, e.kind, e.required_years, e.years_short) == (
        True, AwardKind.TRANSITIONAL, 0, 0
    )  # fmt: skip
    assert e.first_month == date(2011, 7, 1)


def test_under_age_until_the_sixtieth_birthday() -> None:
    # 60 on 2020-05-15; 8 whole years from 2011-07-01 required
    before = elig(date(1960, 5, 15), date(2020, 5, 14), 8)
    assert (before.eligible, before.reason, before.first_month) == (False, "under_age", None)
    on_day = elig(date(1960, 5, 15), date(2020, 5, 15), 8)
    assert (on_day.eligible, on_day.kind) == (True, AwardKind.TRANSITIONAL)
    assert on_day.first_month == date(2020, 6, 1)


def test_other_state_pension_excludes() -> None:
    e = elig(date(1950, 1, 1), date(2019, 1, 1), 0, other=True, categories=frozenset({"dibao"}))
    assert (e.eligible, e.reason, e.kind) == (False, "other_pension", None)


def test_special_pension_back_paid_from_december_2018() -> None:
    # registered poor, 60 on 2015-03-10, no contributions: SPECIAL from max(2015-04, 2018-12)
    e = elig(date(1955, 3, 10), date(2019, 6, 1), 0, categories=frozenset({"registered_poor"}))
    assert (e.eligible, e.kind, e.reason) == (True, AwardKind.SPECIAL, "special")
    assert e.first_month == date(2018, 12, 1)
    assert e.years_short == 3
    # 低保 recipient turning 60 on 2019-03-10: from the month after, 2019-04
    later = elig(date(1959, 3, 10), date(2019, 6, 1), 0, categories=frozenset({"dibao"}))
    assert (later.kind, later.first_month) == (AwardKind.SPECIAL, date(2019, 4, 1))


def test_special_pension_needs_hukou_age_and_category() -> None:
    no_hukou = elig(
        date(1955, 3, 10), date(2019, 6, 1), 0, categories=frozenset({"tekun"}), hukou=False
    )
    assert (no_hukou.eligible, no_hukou.reason) == (False, "too_few_years")
    ordinary = elig(date(1955, 3, 10), date(2019, 6, 1), 0, categories=frozenset({"disability"}))
    assert ordinary.eligible is False
    young = elig(date(1960, 3, 10), date(2019, 6, 1), 0, categories=frozenset({"tekun"}))
    assert (young.eligible, young.reason) == (False, "under_age")


def test_feb_29_birthday_counts_in_february() -> None:
    assert anniversary(date(1956, 2, 29), 61) == date(2017, 2, 28)
    assert anniversary(date(1956, 2, 29), 60) == date(2016, 2, 29)
    assert age_on(date(1956, 2, 29), date(2017, 2, 27)) == 60
    assert age_on(date(1956, 2, 29), date(2017, 2, 28)) == 61
    scheme61 = dataclasses.replace(SCHEME, pension_age=61)
    e = elig(date(1956, 2, 29), date(2017, 3, 1), 15, scheme=scheme61)
    assert e.first_month == date(2017, 3, 1)


# --------------------------------------------------------------------------- amounts


BASIC = BasicPensionRule(amount_fen=8800, bonus_per_year_fen=200)


def test_monthly_pension_even_division() -> None:
    # 2,780,000 fen / 139 = 20,000 exactly; + 8,800 basic = 28,800 fen
    p = monthly_pension(basic=BASIC, balance_fen=2780000, contribution_years=15)
    assert (p.basic_fen, p.bonus_fen, p.account_fen, p.total_fen) == (8800, 0, 20000, 28800)
    assert_money_is_int(p)


def test_monthly_pension_rounds_half_up_and_adds_the_bonus() -> None:
    # 139 x 7194 = 999,966. 1,000,000 / 139 = 7194 + 34/139 = 7194.24 -> 7194
    assert monthly_pension(basic=BASIC, balance_fen=1000000, contribution_years=1).account_fen == (
        7194
    )
    # 1,000,070 / 139 = 7194 + 104/139 = 7194.75 -> 7195; 20 years: 5 above 15 x 200 = 1000
    p = monthly_pension(basic=BASIC, balance_fen=1000070, contribution_years=20)
    assert (p.account_fen, p.bonus_fen, p.total_fen) == (7195, 1000, 8800 + 1000 + 7195)
    with pytest.raises(ValueError):
        monthly_pension(basic=BASIC, balance_fen=-1, contribution_years=15)


def test_months_between_inclusive() -> None:
    assert months_between(date(2019, 11, 15), date(2020, 2, 3)) == [
        date(2019, 11, 1),
        date(2019, 12, 1),
        date(2020, 1, 1),
        date(2020, 2, 1),
    ]
    assert months_between(date(2020, 2, 1), date(2020, 2, 29)) == [date(2020, 2, 1)]
    assert months_between(date(2020, 3, 1), date(2020, 2, 1)) == []


def test_back_pay_after_resumption() -> None:
    # suspended from March, certified on 10 July: March-June back-paid (4 x 12000 = 48000),
    # July is paid as a regular month
    bp = back_pay(monthly_fen=12000, suspended_from=date(2020, 3, 1), resumed_on=date(2020, 7, 10))
    assert bp == BackPay(
        [date(2020, 3, 1), date(2020, 4, 1), date(2020, 5, 1), date(2020, 6, 1)], 48000
    )
    same = back_pay(
        monthly_fen=12000, suspended_from=date(2020, 3, 1), resumed_on=date(2020, 3, 20)
    )
    assert same == BackPay([], 0)


def test_death_settlement_recovers_payments_after_death() -> None:
    # died 17 May 2020: May is still due; June and July payments (2 x 12000) are recovered
    paid = [(date(2020, m, 10), 12000) for m in (3, 4, 5, 6, 7)]
    d = death_settlement(death_date=date(2020, 5, 17), balance_fen=500000, paid_months=paid)
    assert d.stop_from == date(2020, 6, 1)
    assert d.overpaid_months == [date(2020, 6, 1), date(2020, 7, 1)]
    assert (d.overpaid_fen, d.inheritable_fen, d.net_to_heirs_fen) == (24000, 500000, 476000)
    assert_money_is_int(d)
    dec = death_settlement(death_date=date(2020, 12, 31), balance_fen=0, paid_months=paid)
    assert (dec.stop_from, dec.overpaid_fen) == (date(2021, 1, 1), 0)
