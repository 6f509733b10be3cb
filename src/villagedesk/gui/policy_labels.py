"""Words for the policy tables on the 设置 page: which table, which row, what the value means.

The stored rows keep stable English codes (``contribution_grade``, ``subsidy_fen``); a clerk
reads 缴费档次 and 政府补贴 30.00 元.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from villagedesk.domain.money import format_yuan
from villagedesk.gui.i18n import N_, _

TABLES = {
    "contribution_grade": N_("Contribution grades"),
    "paid_premium": N_("Government-paid premium"),
    "cost_split": N_("Cost sharing"),
    "basic_pension": N_("Basic pension"),
    "scheme": N_("Scheme rules"),
    "special_pension": N_("Pension without contributions (over 60)"),
    "certification": N_("Survival certification"),
    "interest_rate": N_("Account interest rate"),
    "minimum_wage": N_("Minimum wage"),
    "wage_class": N_("Minimum-wage class of this county"),
    "unemployment": N_("Unemployment benefit"),
}

KEYS = {
    "disabled": N_("severely disabled"),
    "bonus": N_("bonus per year of contributions"),
    "start": N_("scheme start"),
}

FIELDS = {
    "grade_fen": N_("grade"),
    "subsidy_fen": N_("subsidy"),
    "amount_fen": N_("amount"),
    "support_years_after_lifting": N_("years still paid after leaving poverty"),
    "disabled_full_grades": N_("disability grades paid in full"),
    "level": N_("local share paid by"),
    "region_pct": N_("region"),
    "local_pct": N_("local"),
    "bonus_per_year_fen": N_("per year over 15"),
    "pension_age": N_("pension age"),
    "min_years": N_("minimum years"),
    "divisor": N_("account divisor (months)"),
    "min_enrol_age": N_("minimum enrolment age"),
    "scheme_start": N_("start"),
    "back_pay_from": N_("back pay from"),
    "categories": N_("categories"),
    "min_age": N_("minimum age"),
    "requires_guangxi_hukou": N_("needs Guangxi hukou"),
    "window": N_("window"),
    "due_warning_days": N_("warn days before"),
    "back_pay_on_resume": N_("back pay when resumed"),
    "rate": N_("rate"),
    "class": N_("class"),
    "base_pct": N_("rate at the base years"),
    "base_years": N_("base years"),
    "step_pct": N_("step per year"),
    "max_pct": N_("highest rate"),
    "months": N_("months by years paid"),
    "max_total_months": N_("at most months"),
}

WORDS = {
    "city": N_("city"),
    "county": N_("county"),
    "birthday_month": N_("birthday month"),
    "registered_poor": N_("registered poor"),
    "dibao": N_("minimum living allowance"),
    "tekun": N_("extremely poor"),
}

CONFIDENCE = {
    "national": N_("national rule"),
    "confirmed": N_("confirmed by the county"),
    "default": N_("default, to be confirmed"),
    "seed": N_("from the seed document"),
}


def _label(table: Mapping[str, str], code: str) -> str:
    text = table.get(code)
    return _(text) if text is not None else code


def _shown(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_fen") and isinstance(value, int):
        return _("{yuan} yuan").format(yuan=format_yuan(value, grouping=True))
    if name.endswith("_pct"):
        return f"{value}%"
    if name == "rate":
        try:
            return f"{float(value) * 100:.2f}%"
        except (TypeError, ValueError):
            return str(value)
    if name == "months" and isinstance(value, list):
        return ", ".join(
            _("{years}+ years: {months} months").format(years=p[0], months=p[1])
            for p in value
            if isinstance(p, list) and len(p) == 2
        )
    if isinstance(value, list):
        return ", ".join(_label(WORDS, str(v)) for v in value)
    if isinstance(value, str):
        return _label(WORDS, value)
    return str(value)


def table_text(table: str) -> str:
    return _label(TABLES, table)


def key_text(table: str, key: str) -> str:
    if not key:
        return ""
    if table == "contribution_grade":
        return _("{yuan} yuan").format(yuan=key)
    return _label(KEYS, key)


def value_text(value: Mapping[str, Any]) -> str:
    return _("; ").join(f"{_label(FIELDS, k)} {_shown(k, v)}" for k, v in value.items())


def confidence_text(code: str) -> str:
    return _label(CONFIDENCE, code)
