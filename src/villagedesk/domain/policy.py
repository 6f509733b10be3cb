"""Dated, county-editable policy tables.

Every figure that carries money or eligibility is a :class:`PolicyRow`: a table name, a key
inside the table, the date it takes effect, a scope (``""`` for the region-wide default or a
6-digit county code that overrides it) and a JSON-able value. The database stores these rows
and the county publishes them by sync, so the row format stays generic; the typed accessors of
:class:`PolicySet` turn the rows in force on a date into frozen rule objects.

Lookup rule ("in force on date D"): for a (table, key), the row with the greatest
``effective_from <= D`` is chosen, preferring a row scoped to the given county over the
region default. A county override applies only from its own ``effective_from``; before that
the region row applies. Once in force, a county override keeps applying until the county
publishes a newer row, even if the region publishes a newer default.

Value encoding: fen as JSON integers, percentages as integers or decimal strings, rates as
decimal strings (``"0.0250"``), dates as ISO strings, lists as JSON arrays. Floats are refused.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from villagedesk.domain.categories import Confidence, CostLevel
from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.domain.money import Fen, percent_of

# Table names (stable codes stored in the database).
CONTRIBUTION_GRADE = "contribution_grade"
PAID_PREMIUM = "paid_premium"
COST_SPLIT = "cost_split"
BASIC_PENSION = "basic_pension"
INTEREST_RATE = "interest_rate"
MINIMUM_WAGE = "minimum_wage"
WAGE_CLASS = "wage_class"
UNEMPLOYMENT = "unemployment"
CERTIFICATION = "certification"
SPECIAL_PENSION = "special_pension"
SCHEME = "scheme"

# Secondary keys of tables that keep figures of different confidence in separate rows.
PAID_PREMIUM_DISABLED_KEY = "disabled"
BASIC_PENSION_BONUS_KEY = "bonus"
SCHEME_START_KEY = "start"

CERTIFICATION_WINDOWS = ("birthday_month",)

_COUNTY_RE = re.compile(r"^[0-9]{6}$")
_YEAR_RE = re.compile(r"^[0-9]{4}$")
_YUAN_RE = re.compile(r"^[1-9][0-9]{0,6}$")
_CLASS_RE = re.compile(r"^[1-9]$")


class PolicyMissing(LookupError):
    """No row of a policy table is in force for the asked key and date."""

    def __init__(self, table: str, key: str, on: date | None, county: str = "") -> None:
        self.table = table
        self.key = key
        self.on = on
        self.county = county
        when = f"on {on.isoformat()}" if on is not None else "at any date"
        where = f" for county {county}" if county else ""
        super().__init__(f"no policy in force: table {table!r}, key {key!r}, {when}{where}")


@dataclass(frozen=True)
class PolicyRow:
    """One dated row of a policy table, as stored and synced."""

    table: str
    effective_from: date
    key: str
    scope: str
    value: Mapping[str, Any]
    confidence: Confidence
    note: str = ""


# --------------------------------------------------------------------------- rule objects


@dataclass(frozen=True)
class Grade:
    """A contribution grade (yuan/year, in fen) and the government subsidy paid with it."""

    grade_fen: Fen
    subsidy_fen: Fen
    confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class PaidPremiumRule:
    """Government-paid premium (政府代缴) for registered-poor and severely disabled persons."""

    amount_fen: Fen
    support_years_after_lifting: int
    disabled_full_grades: tuple[int, ...]
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT
    disabled_confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class CostSplit:
    """How the region shares the cost of a paid premium with the city or county."""

    level: CostLevel
    region_pct: int
    local_pct: int
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT

    def shares(self, amount_fen: Fen) -> tuple[Fen, Fen]:
        """``(region_fen, local_fen)``; the local share takes the rounding so both add up."""
        region = percent_of(amount_fen, self.region_pct)
        return region, amount_fen - region


@dataclass(frozen=True)
class BasicPensionRule:
    """Monthly basic pension and the monthly bonus per contribution year above the minimum."""

    amount_fen: Fen
    bonus_per_year_fen: Fen
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT
    bonus_confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class UnemploymentRule:
    """Unemployment-insurance duration and amount rules.

    ``months`` is ascending ``(min_years, months)`` pairs: ``((1, 12), (5, 18), (10, 24))``
    means 1 to under 5 years give 12 months, 5 to under 10 give 18, 10 and more give 24.
    """

    min_years: int
    base_pct: Decimal
    base_years: int
    step_pct: Decimal
    max_pct: Decimal
    months: tuple[tuple[int, int], ...]
    max_total_months: int
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class CertificationRule:
    """Yearly survival certification: the window kind and when to warn."""

    window: str
    due_warning_days: int
    back_pay_on_resume: bool
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class SpecialPensionRule:
    """Special basic pension for 60+ registered-poor, 低保 and 特困 persons."""

    back_pay_from: date
    categories: tuple[str, ...]
    min_age: int
    requires_guangxi_hukou: bool
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT


@dataclass(frozen=True)
class SchemeRule:
    """Resident-pension scheme parameters; ``scheme_start`` is per county."""

    scheme_start: date
    pension_age: int
    min_years: int
    divisor: int
    min_enrol_age: int
    effective_from: date | None = None
    confidence: Confidence = Confidence.DEFAULT
    start_confidence: Confidence = Confidence.DEFAULT


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class _Field:
    kind: str  # fen, int, pct, decimal, bool, date, choice, str_list, int_list, int_pairs
    required: bool = True
    lo: Decimal | int | None = None
    hi: Decimal | int | None = None
    hi_exclusive: bool = False
    choices: tuple[str, ...] = ()


_Schema = dict[str, _Field]


def _schema(table: str, key: str) -> tuple[_Schema | None, str]:
    """The value schema for a (table, key), or ``(None, message)`` when the key is invalid."""
    if table == CONTRIBUTION_GRADE:
        if not _YUAN_RE.match(key):
            return None, "key must be the grade in whole yuan, e.g. '100'"
        return {
            "grade_fen": _Field("fen", lo=1),
            "subsidy_fen": _Field("fen", lo=0),
            "active": _Field("bool", required=False),
        }, ""
    if table == PAID_PREMIUM:
        if key == "":
            return {
                "amount_fen": _Field("fen", lo=1),
                "support_years_after_lifting": _Field("int", lo=0, hi=20),
            }, ""
        if key == PAID_PREMIUM_DISABLED_KEY:
            return {"disabled_full_grades": _Field("int_list", lo=1, hi=4)}, ""
        return None, f"key must be '' or {PAID_PREMIUM_DISABLED_KEY!r}"
    if table == COST_SPLIT:
        if key != "":
            return None, "key must be ''"
        return {
            "level": _Field("choice", choices=tuple(c.value for c in CostLevel)),
            "region_pct": _Field("int", lo=0, hi=100),
            "local_pct": _Field("int", lo=0, hi=100),
        }, ""
    if table == BASIC_PENSION:
        if key == "":
            return {"amount_fen": _Field("fen", lo=1)}, ""
        if key == BASIC_PENSION_BONUS_KEY:
            return {"bonus_per_year_fen": _Field("fen", lo=0)}, ""
        return None, f"key must be '' or {BASIC_PENSION_BONUS_KEY!r}"
    if table == INTEREST_RATE:
        if not _YEAR_RE.match(key):
            return None, "key must be a four-digit year"
        return {"rate": _Field("decimal", lo=Decimal(0), hi=Decimal(1), hi_exclusive=True)}, ""
    if table == MINIMUM_WAGE:
        if not _CLASS_RE.match(key):
            return None, "key must be the wage class, '1' to '9'"
        return {"amount_fen": _Field("fen", lo=1)}, ""
    if table == WAGE_CLASS:
        if key != "":
            return None, "key must be ''"
        return {"class": _Field("int", lo=1, hi=9)}, ""
    if table == UNEMPLOYMENT:
        if key != "":
            return None, "key must be ''"
        return {
            "min_years": _Field("int", lo=0, hi=50),
            "base_pct": _Field("pct", lo=Decimal(0), hi=Decimal(100), hi_exclusive=True),
            "base_years": _Field("int", lo=0, hi=60),
            "step_pct": _Field("pct", lo=Decimal(0), hi=Decimal(100)),
            "max_pct": _Field("pct", lo=Decimal(0), hi=Decimal(100), hi_exclusive=True),
            "months": _Field("int_pairs", lo=0, hi=120),
            "max_total_months": _Field("int", lo=1, hi=120),
        }, ""
    if table == CERTIFICATION:
        if key != "":
            return None, "key must be ''"
        return {
            "window": _Field("choice", choices=CERTIFICATION_WINDOWS),
            "due_warning_days": _Field("int", lo=0, hi=366),
            "back_pay_on_resume": _Field("bool"),
        }, ""
    if table == SPECIAL_PENSION:
        if key != "":
            return None, "key must be ''"
        return {
            "back_pay_from": _Field("date"),
            "categories": _Field("str_list"),
            "min_age": _Field("int", lo=0, hi=120),
            "requires_guangxi_hukou": _Field("bool"),
        }, ""
    if table == SCHEME:
        if key == "":
            return {
                "pension_age": _Field("int", lo=16, hi=100),
                "min_years": _Field("int", lo=0, hi=60),
                "divisor": _Field("int", lo=1, hi=1000),
                "min_enrol_age": _Field("int", lo=0, hi=100),
            }, ""
        if key == SCHEME_START_KEY:
            return {"scheme_start": _Field("date")}, ""
        return None, f"key must be '' or {SCHEME_START_KEY!r}"
    raise AssertionError(table)  # pragma: no cover - callers check KNOWN_TABLES first


KNOWN_TABLES: frozenset[str] = frozenset(
    {
        CONTRIBUTION_GRADE,
        PAID_PREMIUM,
        COST_SPLIT,
        BASIC_PENSION,
        INTEREST_RATE,
        MINIMUM_WAGE,
        WAGE_CLASS,
        UNEMPLOYMENT,
        CERTIFICATION,
        SPECIAL_PENSION,
        SCHEME,
    }
)


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _find_floats(v: object, path: str, out: list[FieldError]) -> None:
    if isinstance(v, float):
        out.append(FieldError(path, "type", "floats are not allowed; use integers or strings"))
    elif isinstance(v, Mapping):
        for k, item in v.items():
            if not isinstance(k, str):
                out.append(FieldError(path, "type", "object keys must be strings"))
            _find_floats(item, f"{path}.{k}", out)
    elif isinstance(v, list | tuple):
        for i, item in enumerate(v):
            _find_floats(item, f"{path}[{i}]", out)
    elif v is not None and not isinstance(v, str | int):
        out.append(FieldError(path, "type", f"not a JSON value: {type(v).__name__}"))


def _parse_decimal(v: object) -> Decimal | None:
    if _is_int(v):
        return Decimal(v)  # type: ignore[arg-type]
    if not isinstance(v, str):
        return None
    try:
        d = Decimal(v.strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _check_range(path: str, f: _Field, n: Decimal | int, out: list[FieldError]) -> None:
    if f.lo is not None and n < f.lo:
        out.append(FieldError(path, "range", f"must be at least {f.lo}"))
    if f.hi is not None and (n >= f.hi if f.hi_exclusive else n > f.hi):
        bound = "below" if f.hi_exclusive else "at most"
        out.append(FieldError(path, "range", f"must be {bound} {f.hi}"))


def _check_field(path: str, f: _Field, v: object, out: list[FieldError]) -> None:
    if f.kind in ("fen", "int"):
        if not _is_int(v):
            out.append(FieldError(path, "type", "must be an integer"))
            return
        _check_range(path, f, v, out)  # type: ignore[arg-type]
    elif f.kind in ("pct", "decimal"):
        if f.kind == "decimal" and not isinstance(v, str):
            out.append(FieldError(path, "type", "must be a decimal string, e.g. '0.0250'"))
            return
        if not (_is_int(v) or isinstance(v, str)):
            out.append(FieldError(path, "type", "must be an integer or a decimal string"))
            return
        d = _parse_decimal(v)
        if d is None:
            out.append(FieldError(path, "format", f"not a decimal number: {v!r}"))
            return
        _check_range(path, f, d, out)
    elif f.kind == "bool":
        if not isinstance(v, bool):
            out.append(FieldError(path, "type", "must be true or false"))
    elif f.kind == "date":
        if not isinstance(v, str):
            out.append(FieldError(path, "type", "must be an ISO date string"))
            return
        try:
            date.fromisoformat(v)
        except ValueError:
            out.append(FieldError(path, "format", f"not an ISO date (YYYY-MM-DD): {v!r}"))
    elif f.kind == "choice":
        if not isinstance(v, str):
            out.append(FieldError(path, "type", "must be a string"))
        elif v not in f.choices:
            out.append(FieldError(path, "choice", f"must be one of {', '.join(f.choices)}"))
    elif f.kind == "str_list":
        if not isinstance(v, list | tuple) or not all(isinstance(x, str) for x in v):
            out.append(FieldError(path, "type", "must be a list of strings"))
    elif f.kind == "int_list":
        if not isinstance(v, list | tuple) or not all(_is_int(x) for x in v):
            out.append(FieldError(path, "type", "must be a list of integers"))
            return
        for i, x in enumerate(v):
            _check_range(f"{path}[{i}]", f, x, out)
    elif f.kind == "int_pairs":
        ok = isinstance(v, list | tuple) and all(
            isinstance(p, list | tuple) and len(p) == 2 and all(_is_int(x) for x in p) for p in v
        )
        if not ok:
            out.append(FieldError(path, "type", "must be a list of [integer, integer] pairs"))
            return
        for i, (years, months) in enumerate(cast("list[tuple[int, int]]", v)):
            _check_range(f"{path}[{i}]", f, years, out)
            _check_range(f"{path}[{i}]", f, months, out)
    else:  # pragma: no cover - schema typo
        raise AssertionError(f.kind)


def _check_consistency(row: PolicyRow, out: list[FieldError]) -> None:
    """Cross-field rules, run only once every field has the right type."""
    v = row.value
    if row.table == CONTRIBUTION_GRADE:
        if v["grade_fen"] != int(row.key) * 100:
            out.append(
                FieldError("value.grade_fen", "consistency", f"must equal the key {row.key} yuan")
            )
    elif row.table == COST_SPLIT:
        if v["region_pct"] + v["local_pct"] != 100:
            out.append(
                FieldError("value.local_pct", "consistency", "region_pct + local_pct must be 100")
            )
    elif row.table == INTEREST_RATE:
        if row.effective_from.year < int(row.key):
            out.append(
                FieldError(
                    "effective_from", "range", "a year's rate cannot take effect before that year"
                )
            )
    elif row.table == UNEMPLOYMENT:
        if Decimal(v["base_pct"]) > Decimal(v["max_pct"]):
            out.append(FieldError("value.max_pct", "consistency", "must not be below base_pct"))
        pairs = [(int(p[0]), int(p[1])) for p in v["months"]]
        if not pairs:
            out.append(FieldError("value.months", "required", "at least one bracket is needed"))
        years = [p[0] for p in pairs]
        if years != sorted(set(years)):
            out.append(FieldError("value.months", "consistency", "brackets must ascend by years"))
        if any(m > v["max_total_months"] for _, m in pairs):
            out.append(
                FieldError("value.months", "range", "no bracket may exceed max_total_months")
            )


def validate_policy_row(row: PolicyRow) -> None:
    """Raise :class:`ValidationError` naming every broken field of ``row``.

    Unknown tables are refused (field ``table``, rule ``choice``): a client that receives a
    table it does not know should keep the row aside rather than guess what it means. Extra
    fields in ``value`` are allowed (newer releases may add some) but must be JSON-able.
    """
    errors: list[FieldError] = []
    if not isinstance(row.table, str) or row.table not in KNOWN_TABLES:
        errors.append(FieldError("table", "choice", f"unknown policy table: {row.table!r}"))
    if not isinstance(row.effective_from, date) or type(row.effective_from) is not date:
        errors.append(FieldError("effective_from", "type", "must be a date"))
    if not isinstance(row.key, str):
        errors.append(FieldError("key", "type", "must be a string"))
    if not isinstance(row.scope, str) or (row.scope != "" and not _COUNTY_RE.match(row.scope)):
        errors.append(FieldError("scope", "format", "must be '' or a 6-digit county code"))
    if row.confidence not in set(Confidence):
        errors.append(FieldError("confidence", "choice", f"unknown confidence: {row.confidence!r}"))
    if not isinstance(row.note, str):
        errors.append(FieldError("note", "type", "must be a string"))
    if not isinstance(row.value, Mapping):
        errors.append(FieldError("value", "type", "must be an object"))
    if errors:
        raise ValidationError(errors)

    _find_floats(row.value, "value", errors)
    schema, key_problem = _schema(row.table, row.key)
    if schema is None:
        errors.append(FieldError("key", "format", key_problem))
        raise ValidationError(errors)
    for name, spec in schema.items():
        path = f"value.{name}"
        if name not in row.value:
            if spec.required:
                errors.append(FieldError(path, "required", "is required"))
            continue
        _check_field(path, spec, row.value[name], errors)
    if not errors:
        _check_consistency(row, errors)
    if errors:
        raise ValidationError(errors)


# --------------------------------------------------------------------------- the set


def _check_county(county: str) -> None:
    if county != "" and not _COUNTY_RE.match(county):
        raise ValueError(f"county must be '' or a 6-digit county code, not {county!r}")


def _conf(row: PolicyRow) -> Confidence:
    return Confidence(row.confidence)


class PolicySet:
    """All policy rows, answering "what is in force on this date (for this county)"."""

    def __init__(self, rows: Iterable[PolicyRow]) -> None:
        self._rows: list[PolicyRow] = []
        # (table, key, scope) -> rows sorted by effective_from, with a parallel list of dates
        self._index: dict[tuple[str, str, str], list[PolicyRow]] = {}
        errors: list[FieldError] = []
        seen: dict[tuple[str, str, str, date], PolicyRow] = {}
        for n, row in enumerate(rows):
            try:
                validate_policy_row(row)
            except ValidationError as exc:
                where = f"row {n} ({row.table!r}, key {row.key!r}, scope {row.scope!r})"
                errors.extend(
                    FieldError(e.field, e.rule, f"{where}: {e.message}") for e in exc.errors
                )
                continue
            ident = (row.table, row.key, row.scope, row.effective_from)
            earlier = seen.get(ident)
            if earlier is not None:
                if dict(earlier.value) != dict(row.value):
                    errors.append(
                        FieldError(
                            "effective_from",
                            "duplicate",
                            f"row {n}: two different rows for {row.table!r} key {row.key!r} "
                            f"scope {row.scope!r} from {row.effective_from.isoformat()}",
                        )
                    )
                continue
            seen[ident] = row
            self._rows.append(row)
        if errors:
            raise ValidationError(errors)
        for row in self._rows:
            self._index.setdefault((row.table, row.key, row.scope), []).append(row)
        for lst in self._index.values():
            lst.sort(key=lambda r: r.effective_from)

    # ---- generic access

    def rows(self) -> list[PolicyRow]:
        """Every row, in the order given (duplicates removed)."""
        return list(self._rows)

    def with_rows(self, extra: Iterable[PolicyRow]) -> PolicySet:
        """A new set with ``extra`` rows added (e.g. the county's own edits)."""
        return PolicySet([*self._rows, *extra])

    def keys(self, table: str) -> list[str]:
        """The distinct keys of ``table``, sorted."""
        return sorted({k for (t, k, _s) in self._index if t == table})

    def _latest(self, table: str, key: str, scope: str, on: date) -> PolicyRow | None:
        lst = self._index.get((table, key, scope))
        if not lst:
            return None
        i = bisect.bisect_right([r.effective_from for r in lst], on)
        return lst[i - 1] if i else None

    def find(self, table: str, key: str, on: date, county: str = "") -> PolicyRow | None:
        """The row in force on ``on``, the county's own row first; ``None`` if there is none."""
        _check_county(county)
        if county:
            row = self._latest(table, key, county, on)
            if row is not None:
                return row
        return self._latest(table, key, "", on)

    def lookup(self, table: str, key: str, on: date, county: str = "") -> PolicyRow:
        """Like :meth:`find` but raises :class:`PolicyMissing` when nothing is in force."""
        row = self.find(table, key, on, county)
        if row is None:
            raise PolicyMissing(table, key, on, county)
        return row

    # ---- resident pension

    def contribution_grades(self, on: date, county: str = "") -> list[Grade]:
        """The grades offered on ``on``, lowest first."""
        grades: list[Grade] = []
        for key in self.keys(CONTRIBUTION_GRADE):
            row = self.find(CONTRIBUTION_GRADE, key, on, county)
            if row is None or not row.value.get("active", True):
                continue
            grades.append(Grade(row.value["grade_fen"], row.value["subsidy_fen"], _conf(row)))
        if not grades:
            raise PolicyMissing(CONTRIBUTION_GRADE, "*", on, county)
        return sorted(grades, key=lambda g: g.grade_fen)

    def subsidy_for(self, on: date, grade_fen: Fen, county: str = "") -> Fen:
        """The government subsidy paid with ``grade_fen``; refuses a grade that is not listed."""
        for grade in self.contribution_grades(on, county):
            if grade.grade_fen == grade_fen:
                return grade.subsidy_fen
        raise ValidationError.single(
            "grade_fen", "choice", f"{grade_fen} fen is not a contribution grade on {on}"
        )

    def paid_premium(self, on: date, county: str = "") -> PaidPremiumRule:
        main = self.lookup(PAID_PREMIUM, "", on, county)
        disabled = self.find(PAID_PREMIUM, PAID_PREMIUM_DISABLED_KEY, on, county)
        grades = tuple(disabled.value["disabled_full_grades"]) if disabled else ()
        return PaidPremiumRule(
            amount_fen=main.value["amount_fen"],
            support_years_after_lifting=main.value["support_years_after_lifting"],
            disabled_full_grades=grades,
            effective_from=main.effective_from,
            confidence=_conf(main),
            disabled_confidence=_conf(disabled) if disabled else Confidence.DEFAULT,
        )

    def cost_split(self, on: date, county: str) -> CostSplit:
        row = self.lookup(COST_SPLIT, "", on, county)
        return CostSplit(
            level=CostLevel(row.value["level"]),
            region_pct=row.value["region_pct"],
            local_pct=row.value["local_pct"],
            effective_from=row.effective_from,
            confidence=_conf(row),
        )

    def basic_pension(self, on: date, county: str = "") -> BasicPensionRule:
        main = self.lookup(BASIC_PENSION, "", on, county)
        bonus = self.lookup(BASIC_PENSION, BASIC_PENSION_BONUS_KEY, on, county)
        return BasicPensionRule(
            amount_fen=main.value["amount_fen"],
            bonus_per_year_fen=bonus.value["bonus_per_year_fen"],
            effective_from=main.effective_from,
            confidence=_conf(main),
            bonus_confidence=_conf(bonus),
        )

    def interest_rate(self, year: int) -> Decimal:
        """The account interest rate credited for ``year``.

        A year's rate is usually published after the year, so the latest row for the year is
        used whatever its date; a year without a row raises :class:`PolicyMissing`.
        """
        row = self.find(INTEREST_RATE, str(year), date.max)
        if row is None:
            raise PolicyMissing(INTEREST_RATE, str(year), None)
        return Decimal(row.value["rate"])

    def interest_rates(self) -> Callable[[int], Decimal]:
        """:meth:`interest_rate` as a plain function, for :func:`pension.account_balance`."""
        return self.interest_rate

    def provisional_interest_rate(self, year: int) -> Decimal:
        """The year's rate, or - for a year not yet published - the latest earlier one.

        Statements and expected pensions need a figure for the running year before its rate
        is announced; a published row replaces the estimate as soon as it is synced.
        """
        try:
            return self.interest_rate(year)
        except PolicyMissing:
            earlier = [int(k) for k in self.keys(INTEREST_RATE) if k.isdigit() and int(k) < year]
            if not earlier:
                raise
            return self.interest_rate(max(earlier))

    def scheme_rule(self, on: date, county: str = "") -> SchemeRule:
        main = self.lookup(SCHEME, "", on, county)
        start = self.lookup(SCHEME, SCHEME_START_KEY, on, county)
        return SchemeRule(
            scheme_start=date.fromisoformat(start.value["scheme_start"]),
            pension_age=main.value["pension_age"],
            min_years=main.value["min_years"],
            divisor=main.value["divisor"],
            min_enrol_age=main.value["min_enrol_age"],
            effective_from=main.effective_from,
            confidence=_conf(main),
            start_confidence=_conf(start),
        )

    def special_pension_rule(self, on: date, county: str = "") -> SpecialPensionRule:
        row = self.lookup(SPECIAL_PENSION, "", on, county)
        return SpecialPensionRule(
            back_pay_from=date.fromisoformat(row.value["back_pay_from"]),
            categories=tuple(row.value["categories"]),
            min_age=row.value["min_age"],
            requires_guangxi_hukou=row.value["requires_guangxi_hukou"],
            effective_from=row.effective_from,
            confidence=_conf(row),
        )

    def certification_rule(self, on: date, county: str = "") -> CertificationRule:
        row = self.lookup(CERTIFICATION, "", on, county)
        return CertificationRule(
            window=row.value["window"],
            due_warning_days=row.value["due_warning_days"],
            back_pay_on_resume=row.value["back_pay_on_resume"],
            effective_from=row.effective_from,
            confidence=_conf(row),
        )

    # ---- unemployment and wages

    def minimum_wage(self, on: date, wage_class: int) -> Fen:
        row = self.lookup(MINIMUM_WAGE, str(wage_class), on)
        amount: Fen = row.value["amount_fen"]
        return amount

    def wage_class(self, on: date, county: str) -> int:
        row = self.lookup(WAGE_CLASS, "", on, county)
        cls: int = row.value["class"]
        return cls

    def unemployment_rule(self, on: date, county: str = "") -> UnemploymentRule:
        row = self.lookup(UNEMPLOYMENT, "", on, county)
        v = row.value
        return UnemploymentRule(
            min_years=v["min_years"],
            base_pct=Decimal(v["base_pct"]),
            base_years=v["base_years"],
            step_pct=Decimal(v["step_pct"]),
            max_pct=Decimal(v["max_pct"]),
            months=tuple((int(p[0]), int(p[1])) for p in v["months"]),
            max_total_months=v["max_total_months"],
            effective_from=row.effective_from,
            confidence=_conf(row),
        )
