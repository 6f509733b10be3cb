"""The policy rows the software ships, each with its confidence (see DOMAIN.md).

Every figure here can be overridden by a newer row or a county row; rows marked
``Confidence.DEFAULT`` are plausible placeholders that a county must confirm.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from villagedesk.domain.categories import Confidence, CostLevel
from villagedesk.domain.policy import (
    BASIC_PENSION,
    BASIC_PENSION_BONUS_KEY,
    CERTIFICATION,
    CONTRIBUTION_GRADE,
    COST_SPLIT,
    INTEREST_RATE,
    MINIMUM_WAGE,
    PAID_PREMIUM,
    PAID_PREMIUM_DISABLED_KEY,
    SCHEME,
    SCHEME_START_KEY,
    SPECIAL_PENSION,
    UNEMPLOYMENT,
    WAGE_CLASS,
    PolicyRow,
    PolicySet,
)

_NATIONAL_2014 = date(2014, 2, 21)  # 国发〔2014〕8号
_PILOT_START = date(2009, 10, 1)  # 国发〔2009〕32号, new rural pension pilot

_GRADES_YUAN = (100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000)
_SUBSIDY_YUAN = {100: 30, 200: 35, 300: 40, 400: 50}  # 500 and up: 60

# Counties shown as examples of the region : county = 8 : 2 arrangement. Which counties use
# it is not in the seed; these are placeholders for the county to confirm.
_COUNTY_SPLIT_EXAMPLES = {
    "450422": "藤县",
    "450481": "岑溪市",
    "450981": "北流市",
}

# Minimum-wage class per county: placeholders (the region default is class 3).
_WAGE_CLASS_1 = {
    # 南宁市
    "450102": "兴宁区",
    "450103": "青秀区",
    "450105": "江南区",
    "450107": "西乡塘区",
    "450108": "良庆区",
    "450109": "邕宁区",
    "450110": "武鸣区",
    # 柳州市
    "450202": "城中区",
    "450203": "鱼峰区",
    "450204": "柳南区",
    "450205": "柳北区",
    "450206": "柳江区",
    # 桂林市
    "450302": "秀峰区",
    "450303": "叠彩区",
    "450304": "象山区",
    "450305": "七星区",
    "450311": "雁山区",
    "450312": "临桂区",
    # 梧州市
    "450403": "万秀区",
    "450405": "长洲区",
    "450406": "龙圩区",
    # 北海市
    "450502": "海城区",
    "450503": "银海区",
    "450512": "铁山港区",
    # 防城港市
    "450602": "港口区",
    "450603": "防城区",
}
_WAGE_CLASS_2 = {
    "450681": "东兴市",
    "450702": "钦南区",
    "450703": "钦北区",
    "450802": "港北区",
    "450803": "港南区",
    "450881": "桂平市",
    "450902": "玉州区",
    "450981": "北流市",
    "450481": "岑溪市",
}


def _row(
    table: str,
    effective_from: date,
    value: dict[str, Any],
    confidence: Confidence,
    *,
    key: str = "",
    scope: str = "",
    note: str = "",
) -> PolicyRow:
    return PolicyRow(
        table=table,
        effective_from=effective_from,
        key=key,
        scope=scope,
        value=value,
        confidence=confidence,
        note=note,
    )


def _pension_rows() -> list[PolicyRow]:
    rows: list[PolicyRow] = [
        _row(
            CONTRIBUTION_GRADE,
            _PILOT_START,
            {"grade_fen": yuan * 100, "subsidy_fen": 3000},
            Confidence.NATIONAL,
            key=str(yuan),
            note="new rural pension pilot: grades 100-500, subsidy at least 30 (国发〔2009〕32号)",
        )
        for yuan in (100, 200, 300, 400, 500)
    ]
    for yuan in _GRADES_YUAN:
        rows.append(
            _row(
                CONTRIBUTION_GRADE,
                _NATIONAL_2014,
                {"grade_fen": yuan * 100, "subsidy_fen": _SUBSIDY_YUAN.get(yuan, 60) * 100},
                Confidence.DEFAULT,
                key=str(yuan),
                note="grade list national (国发〔2014〕8号); Guangxi list and subsidies default",
            )
        )
    rows += [
        _row(
            PAID_PREMIUM,
            date(2017, 1, 1),
            {"amount_fen": 10000, "support_years_after_lifting": 2},
            Confidence.SEED,
            note="100 yuan/year and two years after lifting from the seed; start date default",
        ),
        _row(
            PAID_PREMIUM,
            date(2017, 1, 1),
            {"disabled_full_grades": [1, 2]},
            Confidence.DEFAULT,
            key=PAID_PREMIUM_DISABLED_KEY,
            note="severely disabled (grade 1-2): lowest grade paid in full",
        ),
        _row(
            COST_SPLIT,
            date(2017, 1, 1),
            {"level": CostLevel.CITY.value, "region_pct": 60, "local_pct": 40},
            Confidence.SEED,
            note="region : prefecture city = 6 : 4 (seed); which counties use it is default",
        ),
    ]
    for code, name in _COUNTY_SPLIT_EXAMPLES.items():
        rows.append(
            _row(
                COST_SPLIT,
                date(2017, 1, 1),
                {"level": CostLevel.COUNTY.value, "region_pct": 80, "local_pct": 20},
                Confidence.DEFAULT,
                scope=code,
                note=f"{name}: region : county = 8 : 2 shown as an example; confirm",
            )
        )
    for start, fen, conf in (
        (_PILOT_START, 5500, Confidence.NATIONAL),
        (date(2014, 7, 1), 7000, Confidence.NATIONAL),
        (date(2018, 1, 1), 8800, Confidence.NATIONAL),
        (date(2020, 7, 1), 9300, Confidence.DEFAULT),
        (date(2023, 1, 1), 10300, Confidence.DEFAULT),
        (date(2024, 1, 1), 12300, Confidence.DEFAULT),
    ):
        rows.append(
            _row(
                BASIC_PENSION,
                start,
                {"amount_fen": fen},
                conf,
                note="national minimum basic pension"
                + ("" if conf is Confidence.NATIONAL else "; amount and date to confirm"),
            )
        )
    rows += [
        _row(
            BASIC_PENSION,
            _PILOT_START,
            {"bonus_per_year_fen": 200},
            Confidence.DEFAULT,
            key=BASIC_PENSION_BONUS_KEY,
            note="long-contribution bonus per year above 15, per month; placeholder",
        ),
        _row(
            SCHEME,
            _PILOT_START,
            {"pension_age": 60, "min_years": 15, "divisor": 139, "min_enrol_age": 16},
            Confidence.NATIONAL,
        ),
        _row(
            SCHEME,
            _PILOT_START,
            {"scheme_start": "2011-07-01"},
            Confidence.DEFAULT,
            key=SCHEME_START_KEY,
            note="date the resident pension started in the county; each county confirms",
        ),
        _row(
            SPECIAL_PENSION,
            date(2018, 12, 1),
            {
                "back_pay_from": "2018-12-01",
                "categories": ["registered_poor", "dibao", "tekun"],
                "min_age": 60,
                "requires_guangxi_hukou": True,
            },
            Confidence.SEED,
        ),
        _row(
            CERTIFICATION,
            date(2018, 1, 1),
            {"window": "birthday_month", "due_warning_days": 30, "back_pay_on_resume": True},
            Confidence.DEFAULT,
            note="birthday-month window and back pay on resumption are local practice",
        ),
    ]
    for year in range(2010, 2026):
        rows.append(
            _row(
                INTEREST_RATE,
                date(year, 1, 1),
                {"rate": "0.0250"},
                Confidence.DEFAULT,
                key=str(year),
                note="placeholder, not a published rate: enter the year's 记账利率",
            )
        )
    return rows


def _employment_rows() -> list[PolicyRow]:
    rows: list[PolicyRow] = []
    for cls, fen in (("1", 168000), ("2", 145000), ("3", 130000)):
        rows.append(
            _row(MINIMUM_WAGE, date(2018, 2, 1), {"amount_fen": fen}, Confidence.CONFIRMED, key=cls)
        )
    rows.append(
        _row(MINIMUM_WAGE, date(2020, 3, 1), {"amount_fen": 181000}, Confidence.CONFIRMED, key="1")
    )
    for cls, fen in (("2", 158000), ("3", 143000)):
        rows.append(
            _row(MINIMUM_WAGE, date(2020, 3, 1), {"amount_fen": fen}, Confidence.DEFAULT, key=cls)
        )
    rows.append(
        _row(
            WAGE_CLASS,
            date(2018, 2, 1),
            {"class": 3},
            Confidence.DEFAULT,
            note="region default; each county confirms its class",
        )
    )
    for classes, wage_class in ((_WAGE_CLASS_1, 1), (_WAGE_CLASS_2, 2)):
        for code, name in classes.items():
            rows.append(
                _row(
                    WAGE_CLASS,
                    date(2018, 2, 1),
                    {"class": wage_class},
                    Confidence.DEFAULT,
                    scope=code,
                    note=f"{name}: class {wage_class} assumed; confirm",
                )
            )
    rule: dict[str, Any] = {
        "min_years": 1,
        "base_pct": 90,
        "base_years": 15,
        "step_pct": 1,
        "max_pct": 99,
        "months": [[1, 12], [5, 18], [10, 24]],
        "max_total_months": 24,
    }
    rows += [
        _row(
            UNEMPLOYMENT,
            date(2019, 1, 1),
            dict(rule),
            Confidence.DEFAULT,
            note="seed: 90% of class-1 wage in deep-poverty areas from 2019-01-01 "
            "(1,512-1,663.2 yuan); applied region-wide here as a default",
        ),
        _row(
            UNEMPLOYMENT,
            date(2020, 5, 1),
            dict(rule),
            Confidence.CONFIRMED,
            note="durations national (失业保险条例 Art. 17); amount Guangxi",
        ),
    ]
    return rows


def default_policy_rows() -> list[PolicyRow]:
    """Every shipped policy row (a fresh list each call)."""
    return _pension_rows() + _employment_rows()


def default_policy() -> PolicySet:
    """The shipped rows as a :class:`PolicySet`."""
    return PolicySet(default_policy_rows())
