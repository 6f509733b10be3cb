"""Human labels for the stable codes of the core (enums, error rules), translated."""

from __future__ import annotations

from villagedesk.domain.errors import FieldError
from villagedesk.gui.i18n import _


def rule_text(rule: str) -> str | None:
    """The translated explanation of an error rule code, or None if it has none."""
    texts = {
        "required": _("is required"),
        "length": _("must have 15 or 18 characters"),
        "character": _("has a character that is not allowed"),
        "date": _("holds a birth date that does not exist"),
        "future_birth": _("holds a birth date in the future"),
        "checksum": _("has a wrong check character (typing error?)"),
        "address": _("does not start with a real province code"),
        "sequence": _("has the sequence number 000"),
        "unknown_county": _("has a county code that is not in the table (check it)"),
        "duplicate": _("is already registered"),
        "future": _("must not be in the future"),
        "before_birth": _("is before the birth date"),
        "too_long": _("is too long"),
        "format": _("has the wrong format"),
        "choice": _("is not one of the allowed values"),
        "range": _("is out of range"),
        "negative": _("must not be negative"),
        "not_found": _("does not exist"),
        "deceased": _("this person is recorded as deceased"),
        "under_16": _("the person must be at least 16"),
        "student": _("students are not enrolled"),
        "employee_scheme": _("already insured in the employee scheme"),
        "hukou": _("enrols where the household registration is"),
        "already_enrolled": _("is already enrolled"),
        "not_enrolled": _("is not enrolled in the resident pension"),
        "grade": _("is not a contribution grade in force"),
        "already_paid": _("this year is already paid"),
        "over_60": _("the person was already 60 that year"),
        "too_few_years": _("has too few contribution years"),
        "under_age": _("has not reached the pension age"),
        "other_pension": _("already receives another state pension"),
        "already_awarded": _("already receives the pension"),
        "no_award": _("does not receive the pension"),
        "award_status": _("the pension is suspended or stopped"),
        "one_head": _("exactly one member must be the head of household"),
        "closed": _("the vacancy is closed"),
        "level": _("must be a village code (12 digits)"),
        "structure": _("is not a valid division code"),
        "province": _("has an unknown province"),
        "exists": _("already holds a station"),
        "first_supervisor": _("the first account must be a supervisor"),
        "too_short": _("is too short"),
        "already_deceased": _("is already recorded as deceased"),
        "already_reversed": _("has already been corrected"),
    }
    return texts.get(rule)


def error_text(error: FieldError, field_label: str | None = None) -> str:
    what = rule_text(error.rule) or error.message
    return f"{field_label}: {what}" if field_label else what


def sex_text(code: str) -> str:
    return _("male") if code == "male" else _("female")


def code_text(code: str | None) -> str:
    """The translated label of a stored code (enum value, status); the code itself if unknown."""
    if not code:
        return ""
    texts = {
        # status kinds
        "registered_poor": _("registered poor"),
        "dibao": _("minimum living allowance"),
        "tekun": _("extreme poverty support"),
        "disability": _("disability"),
        "relocation": _("relocated household"),
        "family_planning": _("family-planning support"),
        # enrolment
        "not_enrolled": _("not enrolled"),
        "normal": _("normal"),
        "suspended": _("suspended"),
        "terminated": _("terminated"),
        # awards
        "active": _("being paid"),
        "stopped": _("stopped"),
        "transitional": _("transitional"),
        "special": _("special basic pension"),
        # ledger kinds
        "backpay": _("back-pay"),
        "reversal": _("reversal"),
        "recovery": _("recovery"),
        # certification
        "certified": _("certified"),
        "pending": _("not yet certified"),
        "due": _("due soon"),
        "overdue": _("overdue"),
        "counter": _("at the counter"),
        "home_visit": _("home visit"),
        "self_service": _("self-service face check"),
        "data_matching": _("data matching"),
        # labour
        "under_16": _("under 16"),
        "working_age": _("working age"),
        "elderly": _("elderly"),
        "unable_to_work": _("unable to work"),
        "deceased": _("deceased"),
        "missing": _("missing"),
        "farming": _("farming"),
        "working_away": _("working away"),
        "local_employment": _("local employment"),
        "self_employed": _("self-employed"),
        "flexible": _("flexible employment"),
        "returned_not_working": _("returned, not working"),
        "not_transferred": _("not transferred"),
        "government": _("government-organised"),
        "own": _("found own job"),
        "employer": _("employer-organised"),
        "workshop": _("poverty-relief workshop"),
        "public_welfare": _("public-welfare job"),
        "guangdong": _("Guangdong-Guangxi cooperation"),
        "other": _("other"),
        "in_county": _("in the county"),
        "in_region": _("in Guangxi, outside the county"),
        "outside_region": _("outside Guangxi"),
        # referrals
        "hired": _("hired"),
        "rejected": _("rejected by employer"),
        "declined": _("declined"),
        "no_show": _("did not go"),
        # roles
        "clerk": _("clerk"),
        "supervisor": _("supervisor"),
    }
    return texts.get(code, code)
