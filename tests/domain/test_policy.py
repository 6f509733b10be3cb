"""Dated, county-editable policy tables: lookup rules, shipped defaults, row validation."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from villagedesk.domain.categories import Confidence, CostLevel
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.policy import (
    BASIC_PENSION,
    BASIC_PENSION_BONUS_KEY,
    CONTRIBUTION_GRADE,
    COST_SPLIT,
    INTEREST_RATE,
    KNOWN_TABLES,
    MINIMUM_WAGE,
    SCHEME,
    SCHEME_START_KEY,
    UNEMPLOYMENT,
    CostSplit,
    PolicyMissing,
    PolicyRow,
    PolicySet,
    validate_policy_row,
)
from villagedesk.domain.policy_defaults import default_policy, default_policy_rows

CITY_COUNTY = "450921"  # 容县: no override, so the region's 6 : 4 applies
TENG_XIAN = "450422"  # 藤县: shipped 8 : 2 example


def row(
    table: str,
    effective_from: date,
    value: Mapping[str, Any],
    *,
    key: str = "",
    scope: str = "",
    confidence: Confidence = Confidence.LOCAL,
) -> PolicyRow:
    return PolicyRow(table, effective_from, key, scope, value, confidence)


def split_row(effective_from: date, level: CostLevel, region: int, scope: str = "") -> PolicyRow:
    value = {"level": level.value, "region_pct": region, "local_pct": 100 - region}
    return row(COST_SPLIT, effective_from, value, scope=scope)


def rule_of(exc: pytest.ExceptionInfo[ValidationError]) -> set[tuple[str, str]]:
    return {(e.field, e.rule) for e in exc.value.errors}


# --------------------------------------------------------------------------- shipped rows


def test_every_shipped_row_is_valid_and_covers_every_table() -> None:
    rows = default_policy_rows()
    for r in rows:
        validate_policy_row(r)
    assert {r.table for r in rows} == KNOWN_TABLES


def _floats(v: object) -> list[object]:
    if isinstance(v, float):
        return [v]
    if isinstance(v, Mapping):
        return [f for item in v.values() for f in _floats(item)]
    if isinstance(v, list | tuple):
        return [f for item in v for f in _floats(item)]
    return []


def test_no_float_in_any_shipped_value() -> None:
    assert [r for r in default_policy_rows() if _floats(r.value)] == []


def test_shipped_confidence_marks() -> None:
    p = default_policy()
    on = date(2019, 6, 1)
    basic = p.basic_pension(on, CITY_COUNTY)
    assert (basic.amount_fen, basic.confidence) == (8800, Confidence.NATIONAL)
    assert (basic.bonus_per_year_fen, basic.bonus_confidence) == (200, Confidence.DEFAULT)
    premium = p.paid_premium(on)
    assert (premium.amount_fen, premium.support_years_after_lifting) == (10000, 2)
    assert premium.confidence == Confidence.SEED
    assert premium.disabled_full_grades == (1, 2)
    assert premium.disabled_confidence == Confidence.DEFAULT
    assert p.cost_split(on, CITY_COUNTY).confidence == Confidence.SEED
    assert p.cost_split(on, TENG_XIAN).confidence == Confidence.DEFAULT
    assert {g.confidence for g in p.contribution_grades(on)} == {Confidence.DEFAULT}
    scheme = p.scheme_rule(on)
    assert (scheme.confidence, scheme.start_confidence) == (Confidence.NATIONAL, Confidence.DEFAULT)
    assert p.unemployment_rule(date(2020, 5, 1)).confidence == Confidence.CONFIRMED
    assert p.unemployment_rule(date(2020, 4, 30)).confidence == Confidence.DEFAULT
    rates = [r for r in default_policy_rows() if r.table == INTEREST_RATE]
    assert rates and {r.confidence for r in rates} == {Confidence.DEFAULT}


def test_default_grades_and_subsidies() -> None:
    p = default_policy()
    grades = p.contribution_grades(date(2019, 1, 1))
    assert [g.grade_fen // 100 for g in grades] == [
        100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000,
    ]  # fmt: skip
    subsidy_yuan = {g.grade_fen // 100: g.subsidy_fen // 100 for g in grades}
    assert subsidy_yuan == {
        100: 30, 200: 35, 300: 40, 400: 50, 500: 60, 600: 60,
        700: 60, 800: 60, 900: 60, 1000: 60, 1500: 60, 2000: 60,
    }  # fmt: skip
    assert p.subsidy_for(date(2019, 1, 1), 40000) == 5000


def test_subsidy_for_refuses_an_unlisted_grade() -> None:
    with pytest.raises(ValidationError) as exc:
        default_policy().subsidy_for(date(2019, 1, 1), 25000)
    assert rule_of(exc) == {("grade_fen", "choice")}


def test_grades_before_2014_are_the_pilot_list_and_before_the_pilot_none() -> None:
    # 国发〔2009〕32号: grades 100-500 yuan, subsidy 30 yuan each, from the pilot start.
    pilot = default_policy().contribution_grades(date(2014, 2, 20))
    assert [(g.grade_fen, g.subsidy_fen) for g in pilot] == [
        (10000, 3000),
        (20000, 3000),
        (30000, 3000),
        (40000, 3000),
        (50000, 3000),
    ]
    with pytest.raises(PolicyMissing):
        default_policy().contribution_grades(date(2009, 9, 30))


def test_basic_pension_in_force_by_date() -> None:
    p = default_policy()
    assert p.basic_pension(date(2009, 10, 1)).amount_fen == 5500
    assert p.basic_pension(date(2014, 6, 30)).amount_fen == 5500
    assert p.basic_pension(date(2014, 7, 1)).amount_fen == 7000
    assert p.basic_pension(date(2017, 12, 31)).amount_fen == 7000
    assert p.basic_pension(date(2018, 1, 1)).amount_fen == 8800
    assert p.basic_pension(date(2020, 6, 30)).amount_fen == 8800
    assert p.basic_pension(date(2020, 7, 1)).amount_fen == 9300
    assert p.basic_pension(date(2024, 1, 1)).amount_fen == 12300
    with pytest.raises(PolicyMissing):
        p.basic_pension(date(2009, 9, 30))


def test_policy_missing_names_table_key_and_date() -> None:
    with pytest.raises(PolicyMissing) as exc:
        default_policy().minimum_wage(date(2018, 1, 31), 2)
    assert isinstance(exc.value, LookupError)
    text = str(exc.value)
    assert "minimum_wage" in text and "'2'" in text and "2018-01-31" in text
    assert (exc.value.table, exc.value.key, exc.value.on) == (MINIMUM_WAGE, "2", date(2018, 1, 31))


def test_minimum_wage_by_class_and_date() -> None:
    p = default_policy()
    assert [p.minimum_wage(date(2019, 6, 1), c) for c in (1, 2, 3)] == [168000, 145000, 130000]
    assert p.minimum_wage(date(2020, 2, 29), 1) == 168000
    assert [p.minimum_wage(date(2020, 3, 1), c) for c in (1, 2, 3)] == [181000, 158000, 143000]


def test_wage_class_per_county_with_region_default() -> None:
    p = default_policy()
    on = date(2021, 1, 1)
    assert p.wage_class(on, "450102") == 1  # 南宁 兴宁区
    assert p.wage_class(on, "450206") == 1  # 柳州 柳江区
    assert p.wage_class(on, "450702") == 2  # 钦州 钦南区
    assert p.wage_class(on, CITY_COUNTY) == 3
    assert p.wage_class(on, "") == 3


def test_shipped_cost_split_region_city_and_county_example() -> None:
    p = default_policy()
    on = date(2019, 6, 1)
    assert p.cost_split(on, CITY_COUNTY) == CostSplit(
        CostLevel.CITY, 60, 40, date(2017, 1, 1), Confidence.SEED
    )
    teng = p.cost_split(on, TENG_XIAN)
    assert (teng.level, teng.region_pct, teng.local_pct) == (CostLevel.COUNTY, 80, 20)


def test_cost_split_shares_always_add_up() -> None:
    # 6 : 4 on 10001 fen: region 60% = 6000.6 -> 6001, the city takes the rest, 4000
    assert CostSplit(CostLevel.CITY, 60, 40).shares(10001) == (6001, 4000)
    # 8 : 2 on 10001 fen: region 80% = 8000.8 -> 8001, the county takes 2000
    assert CostSplit(CostLevel.COUNTY, 80, 20).shares(10001) == (8001, 2000)
    assert CostSplit(CostLevel.CITY, 60, 40).shares(10000) == (6000, 4000)


def test_interest_rate_per_year() -> None:
    p = default_policy()
    assert p.interest_rate(2020) == Decimal("0.0250")
    assert isinstance(p.interest_rate(2020), Decimal)
    with pytest.raises(PolicyMissing):
        p.interest_rate(2009)  # no account existed before the pilot
    with pytest.raises(PolicyMissing):
        p.interest_rate(2026)  # not yet published
    # ...so statements use the latest published rate as a provisional figure
    assert p.provisional_interest_rate(2026) == p.interest_rate(2025)
    with pytest.raises(PolicyMissing):
        p.provisional_interest_rate(2009)
    corrected = p.with_rows([row(INTEREST_RATE, date(2021, 3, 1), {"rate": "0.0604"}, key="2020")])
    # the rate of 2020 published in 2021 replaces the placeholder, whatever the lookup date
    assert corrected.interest_rate(2020) == Decimal("0.0604")
    assert corrected.interest_rate(2019) == Decimal("0.0250")


def test_unemployment_rule_starts_2019_as_in_the_seed() -> None:
    p = default_policy()
    rule = p.unemployment_rule(date(2019, 1, 1))
    assert (rule.base_pct, rule.step_pct, rule.max_pct) == (Decimal(90), Decimal(1), Decimal(99))
    assert rule.months == ((1, 12), (5, 18), (10, 24))
    assert rule.max_total_months == 24
    # the seed says deep-poverty areas got 80% before 2019: no 90% rule is shipped for 2018
    with pytest.raises(PolicyMissing):
        p.unemployment_rule(date(2018, 12, 31))


def test_certification_and_special_pension_rules() -> None:
    p = default_policy()
    cert = p.certification_rule(date(2020, 1, 1))
    assert (cert.window, cert.due_warning_days, cert.back_pay_on_resume) == (
        "birthday_month",
        30,
        True,
    )
    special = p.special_pension_rule(date(2019, 6, 1))
    assert special.back_pay_from == date(2018, 12, 1)
    assert set(special.categories) == {"registered_poor", "dibao", "tekun"}
    assert (special.min_age, special.requires_guangxi_hukou) == (60, True)
    scheme = p.scheme_rule(date(2019, 6, 1))
    assert (scheme.scheme_start, scheme.pension_age, scheme.min_years) == (date(2011, 7, 1), 60, 15)
    assert (scheme.divisor, scheme.min_enrol_age) == (139, 16)


# --------------------------------------------------------------------------- lookup rules


def test_county_override_applies_only_from_its_own_date() -> None:
    p = PolicySet(
        [
            split_row(date(2017, 1, 1), CostLevel.CITY, 60),
            split_row(date(2020, 1, 1), CostLevel.COUNTY, 80, scope="450123"),
        ]
    )
    assert p.cost_split(date(2019, 12, 31), "450123").level == CostLevel.CITY
    assert p.cost_split(date(2020, 1, 1), "450123").level == CostLevel.COUNTY
    assert p.cost_split(date(2020, 1, 1), "450124").level == CostLevel.CITY
    assert p.cost_split(date(2020, 1, 1), "").level == CostLevel.CITY
    with pytest.raises(PolicyMissing):
        p.cost_split(date(2016, 12, 31), "450123")


def test_county_override_outlives_a_newer_region_default() -> None:
    p = PolicySet(
        [
            split_row(date(2017, 1, 1), CostLevel.CITY, 60),
            split_row(date(2018, 1, 1), CostLevel.COUNTY, 80, scope="450123"),
            split_row(date(2021, 1, 1), CostLevel.CITY, 70),
        ]
    )
    assert p.cost_split(date(2022, 1, 1), "450123").region_pct == 80
    assert p.cost_split(date(2022, 1, 1), "450124").region_pct == 70
    assert p.cost_split(date(2020, 12, 31), "450124").region_pct == 60


def test_county_can_override_its_scheme_start_only() -> None:
    p = default_policy().with_rows(
        [
            row(
                SCHEME,
                date(2009, 10, 1),
                {"scheme_start": "2010-01-01"},
                key=SCHEME_START_KEY,
                scope="450123",
            )
        ]
    )
    assert p.scheme_rule(date(2019, 1, 1), "450123").scheme_start == date(2010, 1, 1)
    assert p.scheme_rule(date(2019, 1, 1), "450123").start_confidence == Confidence.LOCAL
    assert p.scheme_rule(date(2019, 1, 1), "450124").scheme_start == date(2011, 7, 1)
    assert p.scheme_rule(date(2019, 1, 1), "450123").divisor == 139


def test_a_grade_can_be_withdrawn_from_a_date() -> None:
    p = default_policy().with_rows(
        [
            row(
                CONTRIBUTION_GRADE,
                date(2022, 1, 1),
                {"grade_fen": 10000, "subsidy_fen": 3000, "active": False},
                key="100",
            )
        ]
    )
    assert p.contribution_grades(date(2021, 12, 31))[0].grade_fen == 10000
    assert p.contribution_grades(date(2022, 1, 1))[0].grade_fen == 20000
    with pytest.raises(ValidationError):
        p.subsidy_for(date(2022, 1, 1), 10000)


def test_bad_county_code_is_refused() -> None:
    with pytest.raises(ValueError, match="6-digit"):
        default_policy().cost_split(date(2019, 1, 1), "4504")


def test_conflicting_duplicate_rows_are_refused_identical_ones_merged() -> None:
    a = row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 8800})
    same = row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 8800})
    other = row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 9000})
    assert len(PolicySet([a, same]).rows()) == 1
    with pytest.raises(ValidationError) as exc:
        PolicySet([a, other])
    assert ("effective_from", "duplicate") in rule_of(exc)


def test_policy_set_refuses_invalid_rows() -> None:
    with pytest.raises(ValidationError) as exc:
        PolicySet([row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": "8800"})])
    assert ("value.amount_fen", "type") in rule_of(exc)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("table", "key", "value", "expected"),
    [
        (BASIC_PENSION, "", {}, ("value.amount_fen", "required")),
        (BASIC_PENSION, "", {"amount_fen": "8800"}, ("value.amount_fen", "type")),
        (BASIC_PENSION, "", {"amount_fen": 88.0}, ("value.amount_fen", "type")),
        (BASIC_PENSION, "", {"amount_fen": True}, ("value.amount_fen", "type")),
        (BASIC_PENSION, "", {"amount_fen": 0}, ("value.amount_fen", "range")),
        (BASIC_PENSION, "x", {"amount_fen": 8800}, ("key", "format")),
        (BASIC_PENSION, BASIC_PENSION_BONUS_KEY, {"bonus_per_year_fen": -1}, (
            "value.bonus_per_year_fen", "range")),
        (CONTRIBUTION_GRADE, "100", {"grade_fen": 20000, "subsidy_fen": 3000}, (
            "value.grade_fen", "consistency")),
        (CONTRIBUTION_GRADE, "1.5", {"grade_fen": 150, "subsidy_fen": 0}, ("key", "format")),
        (COST_SPLIT, "", {"level": "city", "region_pct": 60, "local_pct": 30}, (
            "value.local_pct", "consistency")),
        (COST_SPLIT, "", {"level": "town", "region_pct": 60, "local_pct": 40}, (
            "value.level", "choice")),
        (INTEREST_RATE, "2020", {"rate": "abc"}, ("value.rate", "format")),
        (INTEREST_RATE, "2020", {"rate": 0.025}, ("value.rate", "type")),
        (INTEREST_RATE, "2020", {"rate": "1.5"}, ("value.rate", "range")),
        (INTEREST_RATE, "20", {"rate": "0.02"}, ("key", "format")),
        (SCHEME, SCHEME_START_KEY, {"scheme_start": "2011-13-01"}, (
            "value.scheme_start", "format")),
        (UNEMPLOYMENT, "", {
            "min_years": 1, "base_pct": 90, "base_years": 15, "step_pct": 1, "max_pct": 100,
            "months": [[1, 12]], "max_total_months": 24,
        }, ("value.max_pct", "range")),
        (UNEMPLOYMENT, "", {
            "min_years": 1, "base_pct": 90, "base_years": 15, "step_pct": 1, "max_pct": 99,
            "months": [[5, 18], [1, 12]], "max_total_months": 24,
        }, ("value.months", "consistency")),
        (UNEMPLOYMENT, "", {
            "min_years": 1, "base_pct": 90, "base_years": 15, "step_pct": 1, "max_pct": 99,
            "months": [[1, 12], [5]], "max_total_months": 24,
        }, ("value.months", "type")),
    ],
)  # fmt: skip
def test_validation_names_field_and_rule(
    table: str, key: str, value: dict[str, Any], expected: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as exc:
        validate_policy_row(row(table, date(2020, 1, 1), value, key=key))
    assert expected in rule_of(exc)


def test_validation_of_the_row_envelope() -> None:
    good = row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 8800})
    validate_policy_row(good)
    with pytest.raises(ValidationError) as exc:
        validate_policy_row(row("pensions", date(2018, 1, 1), {"amount_fen": 8800}))
    assert rule_of(exc) == {("table", "choice")}
    with pytest.raises(ValidationError) as exc:
        validate_policy_row(row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 1}, scope="45"))
    assert rule_of(exc) == {("scope", "format")}
    with pytest.raises(ValidationError) as exc:
        validate_policy_row(row(INTEREST_RATE, date(2019, 1, 1), {"rate": "0.02"}, key="2020"))
    assert rule_of(exc) == {("effective_from", "range")}


def test_extra_fields_allowed_but_never_floats() -> None:
    validate_policy_row(row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 8800, "memo": "x"}))
    with pytest.raises(ValidationError) as exc:
        validate_policy_row(
            row(BASIC_PENSION, date(2018, 1, 1), {"amount_fen": 8800, "extra": [1, 2.5]})
        )
    assert rule_of(exc) == {("value.extra[1]", "type")}
