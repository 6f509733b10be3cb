"""Human labels for the stable codes of the core (enums, error rules), translated."""

from __future__ import annotations

from villagedesk.domain.errors import FieldError
from villagedesk.gui.i18n import N_, _

_RULES: dict[str, str] = {
    "required": N_("is required"),
    "length": N_("has the wrong number of characters"),
    "character": N_("has a character that is not allowed"),
    "date": N_("holds a birth date that does not exist"),
    "future_birth": N_("holds a birth date in the future"),
    "checksum": N_("has a wrong check character (typing error?)"),
    "address": N_("does not start with a real province code"),
    "sequence": N_("has the sequence number 000"),
    "unknown_county": N_("has a county code that is not in the table (check it)"),
    "duplicate": N_("is already registered"),
    "future": N_("must not be in the future"),
    "before_birth": N_("is before the birth date"),
    "too_long": N_("is too long"),
    "format": N_("has the wrong format"),
    "choice": N_("is not one of the allowed values"),
    "range": N_("is out of range"),
    "negative": N_("must not be negative"),
    "not_found": N_("does not exist"),
    "deceased": N_("this person is recorded as deceased"),
    "under_16": N_("the person must be at least 16"),
    "student": N_("students are not enrolled"),
    "employee_scheme": N_("already insured in the employee scheme"),
    "hukou": N_("enrols where the household registration is"),
    "already_enrolled": N_("is already enrolled"),
    "not_enrolled": N_("is not enrolled in the resident pension"),
    "grade": N_("is not a contribution grade in force"),
    "already_paid": N_("this year is already paid"),
    "over_60": N_("the person was already 60 that year"),
    "too_few_years": N_("has too few contribution years"),
    "under_age": N_("has not reached the pension age"),
    "other_pension": N_("already receives another state pension"),
    "already_awarded": N_("already receives the pension"),
    "no_award": N_("does not receive the pension"),
    "award_status": N_("the pension is suspended or stopped"),
    "one_head": N_("exactly one member must be the head of household"),
    "closed": N_("the vacancy is closed"),
    "level": N_("must be a village code (12 digits)"),
    "structure": N_("is not a valid division code"),
    "province": N_("has an unknown province"),
    "exists": N_("already holds a station"),
    "first_supervisor": N_("the first account must be a supervisor"),
    "too_short": N_("is too short"),
    "already_deceased": N_("is already recorded as deceased"),
    "already_reversed": N_("has already been corrected"),
    "filled": N_("all posts of this vacancy are filled"),
    "not_applicable": N_("does not apply here"),
    "before_start": N_("is before the start date"),
    "below_min": N_("is below the minimum"),
    "past": N_("is in the past"),
    "before_referral": N_("is before the referral date"),
    "age": N_("the person's age does not allow this"),
    "before_award": N_("is before the pension was awarded"),
    "enrolment_status": N_("the enrolment is not in force"),
    "already_awarded_month": N_("this month is already paid"),
    "overlap": N_("overlaps a status of the same kind"),
    "self": N_("you cannot do this to your own account"),
}


def rule_text(rule: str) -> str | None:
    """The translated explanation of an error rule code, or None if it has none."""
    text = _RULES.get(rule)
    return _(text) if text is not None else None


def error_text(error: FieldError, field_label: str | None = None) -> str:
    what = rule_text(error.rule) or error.message
    return f"{field_label}: {what}" if field_label else what


def sex_text(code: str) -> str:
    return _("male") if code == "male" else _("female")


_CODES: dict[str, str] = {
    # status kinds
    "registered_poor": N_("registered poor"),
    "dibao": N_("minimum living allowance"),
    "tekun": N_("extreme poverty support"),
    "disability": N_("disability"),
    "relocation": N_("relocated household"),
    "family_planning": N_("family-planning support"),
    # enrolment
    "not_enrolled": N_("not enrolled"),
    "normal": N_("normal"),
    "suspended": N_("suspended"),
    "terminated": N_("terminated"),
    # awards
    "active": N_("being paid"),
    "stopped": N_("stopped"),
    "transitional": N_("transitional"),
    "special": N_("special basic pension"),
    # ledger kinds
    "backpay": N_("back-pay"),
    "reversal": N_("reversal"),
    "recovery": N_("recovery"),
    # certification
    "certified": N_("certified"),
    "pending": N_("not yet certified"),
    "due": N_("due soon"),
    "overdue": N_("overdue"),
    "counter": N_("at the counter"),
    "home_visit": N_("home visit"),
    "self_service": N_("self-service face check"),
    "data_matching": N_("data matching"),
    # labour
    "under_16": N_("under 16"),
    "working_age": N_("working age"),
    "elderly": N_("elderly"),
    "unable_to_work": N_("unable to work"),
    "deceased": N_("deceased"),
    "missing": N_("missing"),
    "farming": N_("farming"),
    "working_away": N_("working away"),
    "local_employment": N_("local employment"),
    "self_employed": N_("self-employed"),
    "flexible": N_("flexible employment"),
    "returned_not_working": N_("returned, not working"),
    "not_transferred": N_("not transferred"),
    "government": N_("government-organised"),
    "own": N_("found own job"),
    "employer": N_("employer-organised"),
    "workshop": N_("poverty-relief workshop"),
    "public_welfare": N_("public-welfare job"),
    "guangdong": N_("Guangdong-Guangxi cooperation"),
    "other": N_("other"),
    "in_county": N_("in the county"),
    "in_region": N_("in Guangxi, outside the county"),
    "outside_region": N_("outside Guangxi"),
    # referrals
    "hired": N_("hired"),
    "rejected": N_("rejected by employer"),
    "declined": N_("declined"),
    "no_show": N_("did not go"),
    # roles
    "clerk": N_("clerk"),
    "supervisor": N_("supervisor"),
}


def code_text(code: str | None) -> str:
    """The translated label of a stored code (enum value, status); the code itself if unknown."""
    if not code:
        return ""
    text = _CODES.get(code)
    return _(text) if text is not None else code
