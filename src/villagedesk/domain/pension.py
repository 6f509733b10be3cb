"""Resident-pension arithmetic (城乡居民基本养老保险): pure functions over policy rules.

Money is integer fen; every division is rounded half-up to the fen with ``round_fen``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from villagedesk.domain.categories import AwardKind, CostLevel
from villagedesk.domain.money import Fen, round_fen
from villagedesk.domain.policy import (
    BasicPensionRule,
    PaidPremiumRule,
    PolicySet,
    SchemeRule,
    SpecialPensionRule,
)

# --------------------------------------------------------------------------- dates


def first_of_month(d: date) -> date:
    return d.replace(day=1)


def add_months(month: date, n: int) -> date:
    """The first day of the month ``n`` months after ``month``'s month (``n`` may be negative)."""
    index = month.year * 12 + (month.month - 1) + n
    return date(index // 12, index % 12 + 1, 1)


def anniversary(birth_date: date, years: int) -> date:
    """The day ``birth_date`` turns ``years`` old; 29 February counts as 28 February in
    common years, so the anniversary always falls in the birth month (social-security
    practice counts ages by birth year and month)."""
    year = birth_date.year + years
    day = min(birth_date.day, calendar.monthrange(year, birth_date.month)[1])
    return date(year, birth_date.month, day)


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on ``on`` (the same rule as ``domain.idnumber.age_on``)."""
    age = on.year - birth_date.year
    return age if on >= anniversary(birth_date, age) else age - 1


def _completed_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (0 when ``end`` is not after ``start``)."""
    if end <= start:
        return 0
    years = end.year - start.year
    return years if end >= anniversary(start, years) else years - 1


def months_between(start_month: date, end_month: date) -> list[date]:
    """First-of-month dates from ``start_month``'s month through ``end_month``'s, inclusive."""
    months: list[date] = []
    month = first_of_month(start_month)
    last = first_of_month(end_month)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


# --------------------------------------------------------------------------- contributions


def paid_premium_eligible(
    *,
    year: int,
    registered_poor: bool,
    lifted_out_year: int | None,
    disability_grade: int | None,
    rule: PaidPremiumRule,
) -> bool:
    """Whether the government pays the premium (政府代缴) for ``year``.

    Registered-poor persons (建档立卡) not marked as lifted out qualify; a person lifted out in
    year L qualifies through ``L + support_years_after_lifting``. A lifted-out year implies
    the person was registered. Severely disabled persons qualify by disability grade.
    """
    if disability_grade is not None and disability_grade in rule.disabled_full_grades:
        return True
    if lifted_out_year is not None:
        return year <= lifted_out_year + rule.support_years_after_lifting
    return registered_poor


@dataclass(frozen=True)
class ContributionSplit:
    """Who pays what of one year's contribution, and what is credited to the account."""

    grade_fen: Fen
    personal_fen: Fen
    subsidy_fen: Fen
    paid_premium_fen: Fen
    region_fen: Fen  # region's share of the paid premium
    local_fen: Fen  # city's or county's share of the paid premium
    local_level: CostLevel | None  # None when no premium is paid by the government
    total_credited_fen: Fen  # personal + subsidy + paid premium


def split_contribution(
    *, policy: PolicySet, on: date, county: str, grade_fen: int, paid_premium: bool
) -> ContributionSplit:
    """Split a contribution at ``grade_fen`` paid on ``on`` in ``county``.

    With a government-paid premium the government pays ``min(grade, premium amount)`` (its
    cost shared region : city or county per the county's cost split) and the person the rest.
    Raises ``ValidationError`` (field ``grade_fen``) for a grade that is not listed.
    """
    subsidy = policy.subsidy_for(on, grade_fen, county)
    paid = 0
    region = 0
    local = 0
    level: CostLevel | None = None
    if paid_premium:
        paid = min(grade_fen, policy.paid_premium(on, county).amount_fen)
        split = policy.cost_split(on, county)
        region, local = split.shares(paid)
        level = split.level
    personal = grade_fen - paid
    return ContributionSplit(
        grade_fen=grade_fen,
        personal_fen=personal,
        subsidy_fen=subsidy,
        paid_premium_fen=paid,
        region_fen=region,
        local_fen=local,
        local_level=level,
        total_credited_fen=personal + subsidy + paid,
    )


def contribution_years(years_paid: Iterable[int | tuple[int, Fen]]) -> int:
    """Number of distinct contribution years.

    Accepts plain years, or ``(year, fen)`` ledger entries; with entries a year counts only
    when its net credit is positive (a reversed payment does not make a year).
    """
    net: dict[int, int] = {}
    for item in years_paid:
        if isinstance(item, tuple):
            year, fen = item
            net[year] = net.get(year, 0) + fen
        else:
            net.setdefault(item, 1)
    return sum(1 for total in net.values() if total > 0)


# --------------------------------------------------------------------------- account


@dataclass(frozen=True)
class AccountLine:
    year: int
    opening_fen: Fen
    rate: Decimal
    interest_fen: Fen
    credited_fen: Fen
    closing_fen: Fen


@dataclass(frozen=True)
class AccountStatement:
    lines: tuple[AccountLine, ...]
    closing_fen: Fen


def account_balance(
    *,
    credits: Iterable[tuple[int, Fen]],
    rates: Callable[[int], Decimal],
    as_of_year: int,
    opening_fen: int = 0,
    first_year: int | None = None,
) -> AccountStatement:
    """Yearly personal-account statement up to the end of ``as_of_year``.

    ``closing(Y) = round_fen(closing(Y-1) * (1 + rate(Y))) + credits in Y``: money credited in
    a year earns interest from the next year on. ``opening_fen`` is the balance at the start
    of ``first_year`` (default: the first credited year). Credits after ``as_of_year`` are
    left out; credits before ``first_year`` are refused. ``rates`` is only asked for years
    that start with a non-zero balance.
    """
    per_year: dict[int, int] = {}
    for year, fen in credits:
        per_year[year] = per_year.get(year, 0) + fen
    start = first_year
    if start is None:
        start = min(per_year) if per_year else as_of_year
    early = [y for y in per_year if y < start]
    if early:
        raise ValueError(f"credits in {min(early)} come before the first year {start}")
    lines: list[AccountLine] = []
    balance = opening_fen
    for year in range(start, as_of_year + 1):
        rate = rates(year) if balance != 0 else Decimal(0)
        with_interest = round_fen(Decimal(balance) * (1 + rate))
        credited = per_year.get(year, 0)
        closing = with_interest + credited
        lines.append(
            AccountLine(
                year=year,
                opening_fen=balance,
                rate=rate,
                interest_fen=with_interest - balance,
                credited_fen=credited,
                closing_fen=closing,
            )
        )
        balance = closing
    return AccountStatement(lines=tuple(lines), closing_fen=balance)


# --------------------------------------------------------------------------- eligibility


@dataclass(frozen=True)
class Eligibility:
    """Whether a person may draw the resident pension on a date, and why.

    ``reason`` is a stable code: ``ok``, ``special``, ``under_age``, ``too_few_years`` or
    ``other_pension``. ``kind`` and ``first_month`` are set only when ``eligible``.
    ``required_years``/``years_short``/``may_back_pay_years`` are reported in every case.
    """

    eligible: bool
    kind: AwardKind | None
    reason: str
    required_years: int
    years_short: int
    may_back_pay_years: int
    first_month: date | None


def eligibility(
    *,
    birth_date: date,
    on: date,
    contribution_years: int,
    has_other_state_pension: bool,
    scheme: SchemeRule,
    special_categories: set[str],
    guangxi_hukou: bool,
    special: SpecialPensionRule,
) -> Eligibility:
    """Resident-pension eligibility on ``on`` (国发〔2014〕8号 and the Guangxi special pension).

    * already at pension age when the scheme started: TRANSITIONAL, no years required;
    * fewer than ``min_years`` whole years from scheme start to pension age: TRANSITIONAL,
      required = those whole years; the person may back-pay up to ``min_years`` in total;
    * otherwise NORMAL with ``min_years`` required (national rules grant no back-payment
      here, so ``may_back_pay_years`` is 0; ``years_short`` shows the shortfall);
    * a person short of years who is at least ``special.min_age``, in one of
      ``special.categories``, with a Guangxi household registration (when required) and no
      other state pension gets the SPECIAL pension, paid from ``special.back_pay_from`` at
      the earliest.

    The pension is paid from the month after the pension-age birthday month, but not before
    the scheme started in the county.
    """
    pension_day = anniversary(birth_date, scheme.pension_age)
    if pension_day <= scheme.scheme_start:
        kind = AwardKind.TRANSITIONAL
        required = 0
        may_back_pay = 0
    else:
        to_pension_age = _completed_years(scheme.scheme_start, pension_day)
        if to_pension_age < scheme.min_years:
            kind = AwardKind.TRANSITIONAL
            required = to_pension_age
            may_back_pay = max(0, scheme.min_years - contribution_years)
        else:
            kind = AwardKind.NORMAL
            required = scheme.min_years
            may_back_pay = 0
    short = max(0, required - contribution_years)

    def result(
        eligible: bool, reason: str, award: AwardKind | None, first: date | None
    ) -> Eligibility:
        return Eligibility(
            eligible=eligible,
            kind=award,
            reason=reason,
            required_years=required,
            years_short=short,
            may_back_pay_years=may_back_pay,
            first_month=first,
        )

    if has_other_state_pension:
        return result(False, "other_pension", None, None)
    age = age_on(birth_date, on)
    if short == 0 and age >= scheme.pension_age:
        first = max(add_months(pension_day, 1), first_of_month(scheme.scheme_start))
        return result(True, "ok", kind, first)
    special_ok = (
        age >= special.min_age
        and bool(special_categories & set(special.categories))
        and (guangxi_hukou or not special.requires_guangxi_hukou)
    )
    if special_ok:
        first = max(
            add_months(anniversary(birth_date, special.min_age), 1),
            first_of_month(special.back_pay_from),
        )
        return result(True, "special", AwardKind.SPECIAL, first)
    if age < scheme.pension_age:
        return result(False, "under_age", None, None)
    return result(False, "too_few_years", None, None)


# --------------------------------------------------------------------------- amounts


@dataclass(frozen=True)
class PensionAmount:
    basic_fen: Fen
    bonus_fen: Fen
    account_fen: Fen
    total_fen: Fen


def monthly_pension(
    *,
    basic: BasicPensionRule,
    balance_fen: int,
    contribution_years: int,
    divisor: int = 139,
    bonus_after_years: int = 15,
) -> PensionAmount:
    """Basic pension + bonus per contribution year above ``bonus_after_years`` +
    ``round_fen(balance / divisor)``."""
    if balance_fen < 0:
        raise ValueError("the account balance cannot be negative")
    if divisor <= 0:
        raise ValueError("the divisor must be positive")
    bonus = basic.bonus_per_year_fen * max(0, contribution_years - bonus_after_years)
    account = round_fen(Decimal(balance_fen) / divisor)
    return PensionAmount(
        basic_fen=basic.amount_fen,
        bonus_fen=bonus,
        account_fen=account,
        total_fen=basic.amount_fen + bonus + account,
    )


@dataclass(frozen=True)
class BackPay:
    months: list[date]
    amount_fen: Fen


def back_pay(*, monthly_fen: Fen, suspended_from: date, resumed_on: date) -> BackPay:
    """Months suspended and owed on resumption.

    Every month from ``suspended_from``'s month through the month before ``resumed_on``'s
    month is back-paid; the resumption month itself is paid as a regular month.
    """
    months = months_between(suspended_from, add_months(first_of_month(resumed_on), -1))
    return BackPay(months=months, amount_fen=monthly_fen * len(months))


@dataclass(frozen=True)
class DeathSettlement:
    stop_from: date  # first day of the month after death
    inheritable_fen: Fen  # the personal-account balance
    overpaid_months: list[date]
    overpaid_fen: Fen  # paid for months from stop_from on: to recover

    @property
    def net_to_heirs_fen(self) -> Fen:
        """Inheritable balance less the overpayment (negative: still to recover)."""
        return self.inheritable_fen - self.overpaid_fen


def death_settlement(
    *, death_date: date, balance_fen: int, paid_months: Iterable[tuple[date, Fen]]
) -> DeathSettlement:
    """Payment stops from the month after death; payments for later months are recovered."""
    stop_from = add_months(death_date, 1)
    over: dict[date, int] = {}
    for month, fen in paid_months:
        m = first_of_month(month)
        if m >= stop_from:
            over[m] = over.get(m, 0) + fen
    months = sorted(m for m, fen in over.items() if fen != 0)
    return DeathSettlement(
        stop_from=stop_from,
        inheritable_fen=balance_fen,
        overpaid_months=months,
        overpaid_fen=sum(over[m] for m in months),
    )


def last_day_of_month(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)
