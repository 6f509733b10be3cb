"""Unemployment benefit: eligibility, duration and the Guangxi amount rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from villagedesk.domain.policy_defaults import default_policy
from villagedesk.domain.unemployment import (
    BenefitAmount,
    eligibility,
    max_months,
    monthly_amount,
)

POLICY = default_policy()
RULE = POLICY.unemployment_rule(date(2020, 6, 1))
COUNTY = "450921"  # class-3 county: the benefit still uses the class-1 wage


def amount(years: int, on: date = date(2019, 6, 1), county: str = COUNTY) -> BenefitAmount:
    return monthly_amount(policy=POLICY, on=on, county=county, contribution_years=years)


def test_fifteen_years_gets_ninety_percent_of_1680() -> None:
    # 90 % x 168000 = 151200 fen = 1,512.00 yuan (the seed's 2019 minimum)
    a = amount(15)
    assert a == BenefitAmount(wage_fen=168000, pct=Decimal(90), amount_fen=151200)


def test_sixteen_years_adds_one_point() -> None:
    # 16 years: 90 + 1 x (16 - 15) = 91 %; 91 % x 168000 = 152880 fen = 1,528.80
    a = amount(16)
    assert (a.pct, a.amount_fen) == (Decimal(91), 152880)


def test_thirty_years_capped_below_one_hundred_percent() -> None:
    # 90 + 15 = 105 % -> capped at 99 %; 99 % x 168000 = 166320 fen = 1,663.20 (seed maximum)
    a = amount(30)
    assert (a.pct, a.amount_fen) == (Decimal(99), 166320)


def test_2021_uses_the_2020_class_one_wage() -> None:
    # from 2020-03-01 class 1 = 1,810: 90 % x 181000 = 162900 fen
    a = amount(10, on=date(2021, 1, 1))
    assert (a.wage_fen, a.amount_fen) == (181000, 162900)


def test_county_class_does_not_change_the_wage_base() -> None:
    assert POLICY.wage_class(date(2019, 6, 1), COUNTY) == 3
    assert amount(15, county=COUNTY).wage_fen == amount(15, county="450102").wage_fen == 168000


def test_amount_is_int_fen() -> None:
    a = amount(17)
    assert type(a.amount_fen) is int and type(a.wage_fen) is int
    assert isinstance(a.pct, Decimal)


def test_fractional_years_count_whole_years_for_the_percentage() -> None:
    # 16.9 years: one whole year above 15 -> 91 %
    a = monthly_amount(
        policy=POLICY, on=date(2019, 6, 1), county=COUNTY, contribution_years=Decimal("16.9")
    )
    assert a.pct == Decimal(91)


@pytest.mark.parametrize(("years", "months"), [(3, 12), (7, 18), (12, 24)])
def test_duration_brackets(years: int, months: int) -> None:
    assert max_months(contribution_years=years, rule=RULE) == months


def test_duration_bracket_edges() -> None:
    assert max_months(contribution_years=Decimal("0.9"), rule=RULE) == 0
    assert max_months(contribution_years=1, rule=RULE) == 12
    assert max_months(contribution_years=Decimal("4.99"), rule=RULE) == 12
    assert max_months(contribution_years=5, rule=RULE) == 18
    assert max_months(contribution_years=Decimal("9.5"), rule=RULE) == 18
    assert max_months(contribution_years=10, rule=RULE) == 24


def test_unused_prior_months_are_added_up_to_24() -> None:
    assert max_months(contribution_years=3, rule=RULE, unused_prior_months=6) == 18
    assert max_months(contribution_years=12, rule=RULE, unused_prior_months=6) == 24
    assert max_months(contribution_years=7, rule=RULE, unused_prior_months=10) == 24
    with pytest.raises(ValueError):
        max_months(contribution_years=3, rule=RULE, unused_prior_months=-1)


def test_eligibility_lists_every_missing_condition() -> None:
    ok = eligibility(
        contribution_years=1,
        involuntary=True,
        registered_unemployed=True,
        seeking_work=True,
        rule=RULE,
    )
    assert (ok.eligible, ok.reasons) == (True, [])
    bad = eligibility(
        contribution_years=Decimal("0.5"),
        involuntary=False,
        registered_unemployed=False,
        seeking_work=False,
        rule=RULE,
    )
    assert bad.eligible is False
    assert bad.reasons == ["too_few_years", "voluntary", "not_registered", "not_seeking_work"]
    quit_job = eligibility(
        contribution_years=8,
        involuntary=False,
        registered_unemployed=True,
        seeking_work=True,
        rule=RULE,
    )
    assert (quit_job.eligible, quit_job.reasons) == (False, ["voluntary"])


def test_float_years_and_negative_years_refused() -> None:
    with pytest.raises(TypeError):
        max_months(contribution_years=3.0, rule=RULE)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        max_months(contribution_years=-1, rule=RULE)


@given(
    years=st.integers(min_value=0, max_value=60),
    on=st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
)
def test_benefit_is_always_below_the_wage_and_never_below_the_base(years: int, on: date) -> None:
    a = amount(years, on=on)
    base = POLICY.unemployment_rule(on).base_pct
    assert base <= a.pct < 100
    assert a.amount_fen < a.wage_fen
    assert type(a.amount_fen) is int
