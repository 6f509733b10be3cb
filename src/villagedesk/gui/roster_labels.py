"""The county-list import's changes and row errors in the GUI's language.

The service says what a row does in codes and values (``RosterStep``, ``RosterRowError.rule``
and ``params``); this module turns them into sentences, so that the clerk never reads the
English the command line prints.
"""

from __future__ import annotations

from villagedesk.domain.errors import FieldError
from villagedesk.gui.i18n import N_, _
from villagedesk.gui.labels import code_text, rule_text
from villagedesk.services.roster import Param, RosterChange, RosterRowError, RosterStep

_COLUMNS: dict[str, str] = {
    "id_number": N_("ID number"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "level": N_("Level"),
    "date": N_("Date"),
    "year": N_("Year"),
    "note": N_("Note"),
    "file": N_("File"),
}

_STEPS: dict[str, str] = {
    "lifted_out": N_("lifted out of poverty in {year}"),
    "lifted_out_changed": N_("lifted-out year {old} changed to {year}"),
    "already_open": N_("already {status} since {start}"),
    "already_closed": N_("already {status} from {start} to {end}"),
    "starts": N_("{status} from {on}"),
    "starts_lifted_out": N_("lifted out in {year}"),
    "ends": N_("{status} (since {start}) ends on {on}"),
    "already_lifted_out": N_("already lifted out of poverty in {year}"),
    "already_ended": N_("{status} already ended on {on}"),
    "already_deceased": N_("already recorded as deceased on {on}"),
    "deceased": N_("deceased on {on}"),
    "pension_stops": N_("the pension stops"),
}

# Rules whose sentence needs the row's values; the others read well from labels.rule_text.
_ROW_RULES: dict[str, str] = {
    "unknown_kind": N_("“{value}” is not a kind this list may hold"),
    "too_long": N_("is longer than {most} characters"),
    "range": N_("must be between {low} and {high}"),
    "after_death": N_("is after the person's death on {death}"),
    "overlap": N_("overlaps {status} starting {start}"),
    "ambiguous": N_("the person has several statuses ({kinds}): say which one ends"),
    "not_open": N_("the person has no open {status} status"),
    "before_start": N_("is before the status started on {start}"),
    "already_deceased": N_("the person is already recorded as deceased on {death}"),
    "name_mismatch": N_("does not match the registered name {registered}"),
    "duplicate": N_("the same person and kind are already in row {first}"),
    "not_here": N_("no such person is registered at this station"),
    "not_poor": N_("the person is not registered as poor"),
    "missing_column": N_("the file has no such column"),
    "duplicate_column": N_("the column appears twice"),
    "unreadable": N_("cannot be read: save it again as .xlsx or .csv"),
    "changed": N_("has changed since it was checked: check it again"),
}
_OVERLAP_INSIDE = N_("falls inside {status} from {start} to {end}")
_FORMATS: dict[str, str] = {
    "date": N_("must be a date such as 2026-03-01 or 2026/3/1"),
    "real_date": N_("is not a real date"),
    "number": N_("must be a whole number"),
}


def status_text(kind: Param, level: Param) -> str:
    """``低保（2类）``, ``残疾（3级）``; the kind alone when there is no level."""
    name = code_text(str(kind)) if kind else _("status")
    if not isinstance(level, int):
        return name
    if kind == "disability":
        return _("{kind} (grade {level})").format(kind=name, level=level)
    return _("{kind} (class {level})").format(kind=name, level=level)


def _values(params: dict[str, Param]) -> dict[str, Param]:
    values = dict(params)
    values["status"] = status_text(params.get("kind"), params.get("level"))
    kinds = params.get("kinds")
    if isinstance(kinds, str):
        values["kinds"] = _(", ").join(code_text(k) for k in kinds.split(",") if k)
    return values


def step_text(step: RosterStep) -> str:
    template = _STEPS.get(step.code)
    if template is None:
        return step.code
    return _(template).format(**_values(step.params))


def change_text(change: RosterChange) -> str:
    return _("; ").join(step_text(step) for step in change.steps)


def column_text(column: str) -> str:
    """A list's column (or ``row N.column`` from the apply step) in words."""
    row, dot, name = column.partition(".")
    if dot and row.startswith("row "):
        return _("row {row}, {column}").format(row=row[4:], column=column_text(name))
    label = _COLUMNS.get(column)
    return _(label) if label is not None else column


def row_error_text(error: RosterRowError) -> str:
    if error.rule == "format" and isinstance(error.params.get("expect"), str):
        return _(_FORMATS[str(error.params["expect"])])
    if error.rule == "overlap" and "end" in error.params:
        return _(_OVERLAP_INSIDE).format(**_values(error.params))
    template = _ROW_RULES.get(error.rule)
    if template is not None:
        try:
            return _(template).format(**_values(error.params))
        except KeyError:  # a rule used without the values its sentence needs
            pass
    return rule_text(error.rule) or error.message


def file_error_text(error: FieldError) -> str:
    """An error about the whole file (before any row is read), with its column in words."""
    what = row_error_text(RosterRowError(0, error.field, error.rule, error.message))
    return f"{column_text(error.field)}: {what}"
