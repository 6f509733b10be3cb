"""Unemployment-insurance benefit (失业保险金): eligibility, duration and monthly amount."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from villagedesk.domain.money import Fen, percent_of
from villagedesk.domain.policy import PolicySet, UnemploymentRule

# The amount is a percentage of the class-1 minimum wage whatever the county's own class.
BENEFIT_WAGE_CLASS = 1


@dataclass(frozen=True)
class UnemploymentEligibility:
    """``reasons`` lists every unmet condition as a stable code (empty when eligible):
    ``too_few_years``, ``voluntary``, ``not_registered``, ``not_seeking_work``."""

    eligible: bool
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BenefitAmount:
    wage_fen: Fen  # the class-1 minimum wage the benefit is based on
    pct: Decimal
    amount_fen: Fen


def _years(contribution_years: Decimal | int) -> Decimal:
    if isinstance(contribution_years, float):
        raise TypeError("contribution years must be an int or a Decimal")
    years = Decimal(contribution_years)
    if not years.is_finite() or years < 0:
        raise ValueError(f"contribution years must be zero or more, not {contribution_years!r}")
    return years


def eligibility(
    *,
    contribution_years: Decimal | int,
    involuntary: bool,
    registered_unemployed: bool,
    seeking_work: bool,
    rule: UnemploymentRule,
) -> UnemploymentEligibility:
    """失业保险条例 Art. 14: contributions for at least ``rule.min_years``, involuntary job loss,
    registered as unemployed and seeking work."""
    reasons: list[str] = []
    if _years(contribution_years) < rule.min_years:
        reasons.append("too_few_years")
    if not involuntary:
        reasons.append("voluntary")
    if not registered_unemployed:
        reasons.append("not_registered")
    if not seeking_work:
        reasons.append("not_seeking_work")
    return UnemploymentEligibility(eligible=not reasons, reasons=reasons)


def max_months(
    *, contribution_years: Decimal | int, rule: UnemploymentRule, unused_prior_months: int = 0
) -> int:
    """Longest benefit period: the bracket for ``contribution_years`` plus the unused months of
    an earlier claim, at most ``rule.max_total_months``; 0 below ``rule.min_years``."""
    if unused_prior_months < 0:
        raise ValueError("unused prior months cannot be negative")
    years = _years(contribution_years)
    if years < rule.min_years:
        return 0
    months = 0
    for min_years, bracket_months in rule.months:
        if years >= min_years:
            months = bracket_months
    return min(months + unused_prior_months, rule.max_total_months)


def benefit_pct(*, contribution_years: Decimal | int, rule: UnemploymentRule) -> Decimal:
    """``base_pct`` up to ``base_years``, plus ``step_pct`` per whole year above, capped."""
    whole = int(_years(contribution_years).to_integral_value(rounding=ROUND_FLOOR))
    pct = rule.base_pct + rule.step_pct * max(0, whole - rule.base_years)
    return min(pct, rule.max_pct)


def monthly_amount(
    *, policy: PolicySet, on: date, county: str, contribution_years: Decimal | int
) -> BenefitAmount:
    """Monthly benefit on ``on``: a percentage of the class-1 minimum wage.

    ``county`` selects a county's own unemployment rule row when there is one; the wage is
    always the class-1 minimum wage (Guangxi rule), not the county's class.
    """
    rule = policy.unemployment_rule(on, county)
    wage = policy.minimum_wage(on, BENEFIT_WAGE_CLASS)
    pct = benefit_pct(contribution_years=contribution_years, rule=rule)
    return BenefitAmount(wage_fen=wage, pct=pct, amount_fen=percent_of(wage, pct))
