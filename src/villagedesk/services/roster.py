"""Importing the county's data-matching lists (数据比对名单).

The county sends lists from public security (deaths), civil affairs (低保, 特困), the poverty
office (registered poor, lifted-out year) and the disabled persons' federation (disability
grade). A list is an .xlsx workbook (first sheet) or a .csv file (UTF-8 with or without BOM,
or GB18030 as saved by Chinese Excel) with a header row and one row per person and status.

``preview_roster`` reads and checks every row and says what would change, without writing.
``apply_roster`` checks again and, only when no row has an error, applies every change through
the ordinary services (so statuses are kept as history and deaths stop the pension), in one
savepoint of the caller's transaction: all rows or none.

Within one file, changes are applied in a fixed order whatever the row order: ends first,
then new statuses, then lifted-out years, then deaths. Each person may appear at most once
per kind in a file.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import AwardStatus, StatusKind
from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.domain.idnumber import check_id_number
from villagedesk.services.context import Actor, require_supervisor
from villagedesk.services.deaths import mark_deceased
from villagedesk.services.persons import add_status, end_status, lift_out_of_poverty
from villagedesk.store.audit import append_audit
from villagedesk.store.models import BenefitAward, Person, PersonStatus

SOURCE = "roster"
MAX_NOTE = 2000
HEADER_SEARCH_ROWS = 10  # a title row or two may sit above the header
_CHUNK = 500


class RosterKind(StrEnum):
    """What one row of a data-matching list says about a person."""

    REGISTERED_POOR = "registered_poor"  # 建档立卡
    LIFTED_OUT = "lifted_out"  # 脱贫
    DIBAO = "dibao"  # 低保
    TEKUN = "tekun"  # 特困
    DISABILITY = "disability"  # 残疾
    DEATH = "death"  # 死亡
    END = "end"  # 退出


_STATUS_OF: dict[RosterKind, StatusKind] = {
    RosterKind.REGISTERED_POOR: StatusKind.REGISTERED_POOR,
    RosterKind.DIBAO: StatusKind.DIBAO,
    RosterKind.TEKUN: StatusKind.TEKUN,
    RosterKind.DISABILITY: StatusKind.DISABILITY,
}
_LABEL: dict[StatusKind, str] = {
    StatusKind.REGISTERED_POOR: "建档立卡",
    StatusKind.DIBAO: "低保",
    StatusKind.TEKUN: "特困",
    StatusKind.DISABILITY: "残疾",
}
_LEVEL_RANGE: dict[StatusKind, int] = {
    StatusKind.REGISTERED_POOR: 3,
    StatusKind.DIBAO: 3,
    StatusKind.TEKUN: 3,
    StatusKind.DISABILITY: 4,
}


def _key(text: str) -> str:
    """Header and kind words compare trimmed, case-insensitive, with ' ' and '-' as '_'."""
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


_KIND_WORDS: dict[str, RosterKind] = {
    _key(word): kind
    for kind, words in {
        RosterKind.REGISTERED_POOR: ("registered_poor", "建档立卡", "建档立卡户", "贫困户"),
        RosterKind.LIFTED_OUT: ("lifted_out", "脱贫", "已脱贫"),
        RosterKind.DIBAO: ("dibao", "低保"),
        RosterKind.TEKUN: ("tekun", "特困", "特困供养"),
        RosterKind.DISABILITY: ("disability", "残疾", "残疾人"),
        RosterKind.DEATH: ("death", "deceased", "死亡"),
        RosterKind.END: ("end", "退出"),
    }.items()
    for word in words
}
_END_WORDS = ("end", "退出")

COLUMNS: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "id_number"),
    "name": ("姓名", "name"),
    "kind": ("类别", "kind"),
    "level": ("等级", "level"),
    "date": ("日期", "date"),
    "year": ("年份", "脱贫年份", "year"),
    "note": ("备注", "note"),
}
REQUIRED_COLUMNS = ("id_number", "name", "kind")
_HEADER_WORDS: dict[str, str] = {
    _key(word): column for column, words in COLUMNS.items() for word in words
}


# -- what the caller sees --------------------------------------------------------------


Param = str | int | None


@dataclass(frozen=True)
class RosterRowError:
    """One broken rule in one row (``row`` as the spreadsheet shows it; header = row 1).

    ``message`` is English for logs and the command line; a screen renders ``rule`` with
    ``params`` in its own language.
    """

    row: int
    field: str
    rule: str
    message: str
    # ``field`` above names the column, so the function is reached through its module
    params: dict[str, Param] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"row {self.row}.{self.field}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class RosterStep:
    """One thing a row does (or why it does nothing): a stable ``code`` and its values.

    Statuses are given as ``kind`` (a StatusKind value) and ``level`` (None, or the class or
    disability grade)."""

    code: str
    params: dict[str, Param]


_STEP_TEXT: dict[str, str] = {
    "lifted_out": "lifted out of poverty in {year}",
    "lifted_out_changed": "lifted-out year {old} -> {year}",
    "already_open": "already {status} since {start}",
    "already_closed": "already {status} {start} - {end}",
    "starts": "starts {status} from {on}",
    "starts_lifted_out": "lifted out in {year}",
    "ends": "ends {status} (from {start}) on {on}",
    "already_lifted_out": "already lifted out of poverty in {year}",
    "already_ended": "already ended {status} on {on}",
    "already_deceased": "already recorded deceased on {on}",
    "deceased": "deceased on {on}",
    "pension_stops": "the pension stops",
}


def _step_english(step: RosterStep) -> str:
    values = dict(step.params)
    kind = values.get("kind")
    if isinstance(kind, str):
        level = values.get("level")
        values["status"] = _label(StatusKind(kind), level if isinstance(level, int) else None)
    return _STEP_TEXT[step.code].format(**values)


@dataclass(frozen=True)
class RosterChange:
    """What one row does to one person, or (``unchanged``) why it does nothing.

    ``steps`` say it in codes and values (for a screen to render in its language);
    ``description`` says the same in English (logs, the command line)."""

    row: int
    person_id: str
    name: str
    kind: RosterKind
    steps: tuple[RosterStep, ...]
    unchanged: bool = False
    status_kind: StatusKind | None = None  # the status started or ended, when there is one

    @property
    def description(self) -> str:
        return "; ".join(_step_english(step) for step in self.steps)


@dataclass(frozen=True)
class RosterPreview:
    file_name: str
    digest: str  # SHA-256 of the file; pass it to apply_roster as preview_digest
    header_row: int
    rows: int  # data rows read (blank rows are skipped)
    changes: list[RosterChange]
    unchanged: list[RosterChange]
    errors: list[RosterRowError]
    unknown_columns: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "changes": len(self.changes),
            "unchanged": len(self.unchanged),
            "errors": len(self.errors),
            "error_rows": len({e.row for e in self.errors}),
        }


@dataclass(frozen=True)
class RosterResult:
    file_name: str
    digest: str
    applied: list[RosterChange]
    unchanged: list[RosterChange]
    counts: dict[str, int]


class RosterCancelled(Exception):
    """The progress callback asked to stop; nothing of the import has been applied."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"roster import cancelled after {done} of {total} changes")
        self.done = done
        self.total = total


# -- reading the file ------------------------------------------------------------------

_Cell = object
_Table = list[tuple[int, list[_Cell]]]


def _decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationError.single(
            "file", "encoding", "is neither UTF-8 nor GB18030 text"
        ) from None


def _read_csv(data: bytes) -> _Table:
    text = _decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [(number, list(cells)) for number, cells in enumerate(reader, start=1)]


def _read_xlsx(data: bytes) -> _Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # A damaged or hostile workbook can fail anywhere inside openpyxl, zipfile or the XML
    # parser, with any of their exception types: each is "not a readable workbook".
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ValidationError.single(
            "file", "unreadable", f"is not a readable .xlsx workbook ({exc})"
        ) from None
    except Exception as exc:
        raise ValidationError.single(
            "file", "unreadable", f"is not a readable .xlsx workbook ({type(exc).__name__})"
        ) from None
    try:
        if not workbook.worksheets:
            raise ValidationError.single("file", "unreadable", "the workbook has no sheet")
        sheet = workbook.worksheets[0]
        return [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError.single(
            "file", "unreadable", f"the first sheet cannot be read ({type(exc).__name__})"
        ) from None
    finally:
        workbook.close()


def _read_table(data: bytes, suffix: str) -> _Table:
    suffix = suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if suffix in (".csv", ".txt"):
        return _read_csv(data)
    raise ValidationError.single(
        "file", "format", f"{suffix or 'this file'} is not supported: save it as .xlsx or .csv"
    )


def _text(value: _Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


@dataclass(frozen=True)
class _Header:
    row: int
    columns: dict[str, int]  # canonical column -> cell index
    unknown: list[str]


def _find_header(table: _Table) -> _Header:
    for number, cells in table[:HEADER_SEARCH_ROWS]:
        names = [_HEADER_WORDS.get(_key(_text(c))) for c in cells]
        if "id_number" not in names:
            continue
        columns: dict[str, int] = {}
        unknown: list[str] = []
        for index, (cell, column) in enumerate(zip(cells, names, strict=True)):
            if column is None:
                if _text(cell):
                    unknown.append(_text(cell))
                continue
            if column in columns:
                raise ValidationError.single(
                    column, "duplicate_column", f"the column {_text(cell)!r} appears twice"
                )
            columns[column] = index
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ValidationError(
                [_missing_column(c) for c in missing],
            )
        return _Header(number, columns, unknown)
    raise ValidationError(_missing_column("id_number"))


def _missing_column(column: str) -> FieldError:
    words = "/".join(COLUMNS[column][:1] + COLUMNS[column][-1:])
    return FieldError(column, "missing_column", f"the file has no {words} column")


# -- parsing cells -----------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_CN_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
_INT = re.compile(r"^[0-9]+$")


class _BadCell(ValueError):
    def __init__(self, message: str, expect: str) -> None:
        super().__init__(message)
        self.expect = expect  # "date", "real_date" or "number"


def _parse_date(value: _Cell) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = int(value)
        if number == value and 20_000 <= number <= 80_000:  # an Excel serial day number
            return _EXCEL_EPOCH + timedelta(days=number)
    text = _text(value)
    if not text:
        return None
    text = text.split()[0] if " " in text and ":" in text else text  # "2026-03-01 00:00:00"
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        raise _BadCell("must be a date like 2026-03-01 or 2026/3/1", "date")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _BadCell("is not a real date", "real_date") from None


def _parse_int(value: _Cell, suffixes: str) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value).rstrip(suffixes).strip().translate(_CN_DIGITS)
    if not text:
        return None
    if not _INT.match(text):
        raise _BadCell("must be a whole number", "number")
    return int(text)


def _parse_kind(text: str) -> tuple[RosterKind, StatusKind | None] | None:
    """``低保`` -> (DIBAO, 低保); ``退出低保`` / ``低保退出`` / ``end dibao`` -> (END, 低保)."""
    key = _key(text)
    if not key:
        return None
    kind = _KIND_WORDS.get(key)
    if kind is RosterKind.END:
        return kind, None
    if kind is not None:
        return kind, _STATUS_OF.get(kind)
    for word in _END_WORDS:
        rest: str | None = None
        if key.startswith(word):
            rest = key[len(word) :]
        elif key.endswith(word):
            rest = key[: -len(word)]
        if rest is None:
            continue
        target = _KIND_WORDS.get(rest.strip("_:：()（）"))
        if target in _STATUS_OF:
            return RosterKind.END, _STATUS_OF[target]
    return None


def _same_name(a: str, b: str) -> bool:
    def clean(s: str) -> str:
        return "".join(s.split()).translate(str.maketrans("•・．.", "····")).casefold()

    return clean(a) == clean(b)


# -- the simulated state of each person --------------------------------------------------


@dataclass
class _Status:
    id: str | None  # None: started by this file
    kind: str
    level: int | None
    start: date
    end: date | None
    lifted_out_year: int | None


@dataclass
class _Person:
    id: str
    name: str
    birth_date: date
    death_date: date | None
    has_award: bool
    statuses: list[_Status] = field(default_factory=list)

    def of_kind(self, kind: StatusKind) -> list[_Status]:
        return [s for s in self.statuses if s.kind == kind.value]

    def open_of(self, kind: StatusKind) -> list[_Status]:
        return [s for s in self.of_kind(kind) if s.end is None]


@dataclass
class _Row:
    number: int
    id_number: str
    name: str
    kind: RosterKind
    status_kind: StatusKind | None
    level: int | None
    on: date | None
    year: int | None
    note: str
    person: _Person | None = None


_PHASES = {
    RosterKind.END: 0,
    RosterKind.REGISTERED_POOR: 1,
    RosterKind.DIBAO: 1,
    RosterKind.TEKUN: 1,
    RosterKind.DISABILITY: 1,
    RosterKind.LIFTED_OUT: 2,
    RosterKind.DEATH: 3,
}


@dataclass(frozen=True)
class _Action:
    op: str  # start | lift | end | death
    row: _Row
    change: RosterChange
    status_ids: tuple[str, ...] = ()


@dataclass
class _Plan:
    digest: str
    header: _Header
    rows: int = 0
    actions: list[_Action] = field(default_factory=list)
    unchanged: list[RosterChange] = field(default_factory=list)
    errors: list[RosterRowError] = field(default_factory=list)

    def error(self, row: int, column: str, rule: str, message: str, **params: Param) -> None:
        self.errors.append(RosterRowError(row, column, rule, message, params))


def _step(code: str, status: _Status | None = None, **params: Param) -> RosterStep:
    if status is not None:
        params = {"kind": status.kind, "level": status.level, **params}
    return RosterStep(code, params)


def _label(kind: StatusKind, level: int | None) -> str:
    if level is None:
        return _LABEL.get(kind, kind.value)
    unit = "grade" if kind is StatusKind.DISABILITY else "class"
    return f"{_LABEL.get(kind, kind.value)} {unit} {level}"


def _status_label(status: _Status) -> str:
    return _label(StatusKind(status.kind), status.level)


# -- checking rows -------------------------------------------------------------------------


def _parse_row(plan: _Plan, number: int, cells: Sequence[_Cell], today: date) -> _Row | None:
    columns = plan.header.columns

    def cell(column: str) -> _Cell:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    errors_before = len(plan.errors)
    id_text = _text(cell("id_number"))
    normalized = ""
    if not id_text:
        plan.error(number, "id_number", "required", "is required")
    else:
        check = check_id_number(id_text, today=today)
        if check.valid and check.normalized is not None:
            normalized = check.normalized
        for e in check.errors:
            plan.error(number, "id_number", e.rule, e.message)
    name = _text(cell("name"))
    if not name:
        plan.error(number, "name", "required", "is required")
    kind_text = _text(cell("kind"))
    parsed_kind = _parse_kind(kind_text)
    if not kind_text:
        plan.error(number, "kind", "required", "is required")
    elif parsed_kind is None:
        plan.error(
            number, "kind", "unknown_kind", f"{kind_text!r} is not a known kind", value=kind_text
        )
    values: dict[str, int | date | None] = {}
    for column, parse in (
        ("level", lambda v: _parse_int(v, "级类等 ")),
        ("date", _parse_date),
        ("year", lambda v: _parse_int(v, "年 ")),
    ):
        try:
            values[column] = parse(cell(column))
        except _BadCell as exc:
            plan.error(number, column, "format", str(exc), expect=exc.expect)
            values[column] = None
    note = _text(cell("note"))
    if len(note) > MAX_NOTE:
        plan.error(
            number, "note", "too_long", f"must be at most {MAX_NOTE} characters", most=MAX_NOTE
        )
    if parsed_kind is None or len(plan.errors) > errors_before:
        return None
    level, on, year = values["level"], values["date"], values["year"]
    assert level is None or isinstance(level, int)
    assert on is None or isinstance(on, date)
    assert year is None or isinstance(year, int)
    return _Row(number, normalized, name, parsed_kind[0], parsed_kind[1], level, on, year, note)


def _check_fields(plan: _Plan, row: _Row, today: date) -> bool:
    """Rules that need only the row itself (and the person's birth date)."""
    before = len(plan.errors)
    n = row.number
    person = row.person
    assert person is not None
    if row.kind is RosterKind.LIFTED_OUT and row.year is None and row.on is not None:
        row.year = row.on.year
    if row.kind is RosterKind.LIFTED_OUT and row.year is None:
        plan.error(n, "year", "required", "the lifted-out year is required")
    elif row.kind is not RosterKind.LIFTED_OUT and row.on is None:
        names = {RosterKind.DEATH: "death date", RosterKind.END: "end date"}
        plan.error(n, "date", "required", f"the {names.get(row.kind, 'start date')} is required")
    if row.on is not None:
        if row.on > today:
            what = "death date" if row.kind is RosterKind.DEATH else "date"
            plan.error(n, "date", "future", f"the {what} must not be in the future")
        elif row.on < person.birth_date:
            plan.error(n, "date", "before_birth", "is before the person's birth date")
    year_kinds = (RosterKind.LIFTED_OUT, RosterKind.REGISTERED_POOR)
    if row.year is not None and row.kind in year_kinds and not 1900 <= row.year <= today.year:
        plan.error(
            n,
            "year",
            "range",
            f"must be a year between 1900 and {today.year}",
            low=1900,
            high=today.year,
        )
    if row.status_kind is not None and row.kind is not RosterKind.END:
        top = _LEVEL_RANGE[row.status_kind]
        what = "a disability grade" if row.kind is RosterKind.DISABILITY else "a class"
        if row.level is None and row.kind is RosterKind.DISABILITY:
            plan.error(n, "level", "required", "the disability grade (1 to 4) is required")
        elif row.level is not None and not 1 <= row.level <= top:
            plan.error(n, "level", "range", f"{what} is 1 to {top}", low=1, high=top)
    return len(plan.errors) == before


def _change(row: _Row, *steps: RosterStep, unchanged: bool = False) -> RosterChange:
    assert row.person is not None
    return RosterChange(
        row=row.number,
        person_id=row.person.id,
        name=row.person.name,
        kind=row.kind,
        steps=steps,
        unchanged=unchanged,
        status_kind=row.status_kind,
    )


def _lift(plan: _Plan, row: _Row, status: _Status, year: int, today: date) -> None:
    if not status.start.year <= year <= today.year:
        plan.error(
            row.number,
            "year",
            "range",
            f"must be between the start year {status.start.year} and {today.year}",
            low=status.start.year,
            high=today.year,
        )
        return
    if status.lifted_out_year is None:
        step = _step("lifted_out", year=year)
    else:
        step = _step("lifted_out_changed", old=status.lifted_out_year, year=year)
    status.lifted_out_year = year
    plan.actions.append(_Action("lift", row, _change(row, step)))


def _simulate_start(plan: _Plan, row: _Row, today: date) -> None:
    person, kind, on = row.person, row.status_kind, row.on
    assert person is not None and kind is not None and on is not None
    n = row.number
    same = person.of_kind(kind)

    def matches(s: _Status) -> bool:
        return row.level is None or s.level == row.level

    match = next((s for s in same if s.start == on and matches(s)), None)
    if match is None:
        match = next((s for s in same if s.end is None and s.start <= on and matches(s)), None)
    if match is not None:
        if (
            kind is StatusKind.REGISTERED_POOR
            and row.year is not None
            and match.end is None
            and match.lifted_out_year != row.year
        ):
            _lift(plan, row, match, row.year, today)
            return
        if match.end is None:
            step = _step("already_open", match, start=str(match.start))
        else:
            step = _step("already_closed", match, start=str(match.start), end=str(match.end))
        plan.unchanged.append(_change(row, step, unchanged=True))
        return
    if person.death_date is not None and on > person.death_date:
        plan.error(
            n,
            "date",
            "after_death",
            f"is after the person's death on {person.death_date}",
            death=str(person.death_date),
        )
        return
    later = next((s for s in same if s.end is None and s.start >= on), None)
    if later is not None:
        plan.error(
            n,
            "date",
            "overlap",
            f"a {_status_label(later)} status already starts on {later.start}",
            kind=later.kind,
            level=later.level,
            start=str(later.start),
        )
        return
    covering = next((s for s in same if s.end is not None and s.start <= on <= s.end), None)
    if covering is not None:
        plan.error(
            n,
            "date",
            "overlap",
            f"falls inside an earlier {_status_label(covering)} status "
            f"({covering.start} - {covering.end})",
            kind=covering.kind,
            level=covering.level,
            start=str(covering.start),
            end=str(covering.end),
        )
        return
    year = row.year if kind is StatusKind.REGISTERED_POOR else None
    if year is not None and not on.year <= year <= today.year:
        plan.error(
            n,
            "year",
            "range",
            f"must be between the start year {on.year} and {today.year}",
            low=on.year,
            high=today.year,
        )
        return
    steps = [_step("starts", kind=kind.value, level=row.level, on=str(on))]
    if year is not None:
        steps.append(_step("starts_lifted_out", year=year))
    day_before = on - timedelta(days=1)
    for old in person.open_of(kind):
        steps.append(_step("ends", old, start=str(old.start), on=str(day_before)))
        old.end = day_before
    person.statuses.append(_Status(None, kind.value, row.level, on, None, year))
    plan.actions.append(_Action("start", row, _change(row, *steps)))


def _simulate_lifted_out(plan: _Plan, row: _Row, today: date) -> None:
    person, year = row.person, row.year
    assert person is not None and year is not None
    current = person.open_of(StatusKind.REGISTERED_POOR)
    if not current:
        plan.error(row.number, "kind", "not_poor", "the person is not registered as poor")
        return
    status = current[0]
    if status.lifted_out_year == year:
        step = _step("already_lifted_out", year=year)
        plan.unchanged.append(_change(row, step, unchanged=True))
        return
    _lift(plan, row, status, year, today)


def _simulate_end(plan: _Plan, row: _Row) -> None:
    person, on = row.person, row.on
    assert person is not None and on is not None
    n = row.number
    kind = row.status_kind
    if kind is None:
        kinds = sorted({s.kind for s in person.statuses if s.end is None and _known(s.kind)})
        if len(kinds) > 1:
            words = ", ".join(_LABEL[StatusKind(k)] for k in kinds)
            plan.error(
                n,
                "kind",
                "ambiguous",
                f"the person has several statuses ({words}): say which",
                kinds=",".join(kinds),
            )
            return
        if kinds:
            kind = StatusKind(kinds[0])
    candidates = person.open_of(kind) if kind is not None else []
    if not candidates:
        pool = person.of_kind(kind) if kind is not None else person.statuses
        done = next((s for s in pool if s.end == on), None)
        if done is not None:
            step = _step("already_ended", done, on=str(on))
            plan.unchanged.append(_change(row, step, unchanged=True))
            return
        what = f"{_LABEL[kind]} " if kind is not None else ""
        plan.error(
            n,
            "kind",
            "not_open",
            f"the person has no open {what}status",
            kind=kind.value if kind is not None else None,
        )
        return
    for status in candidates:
        if on < status.start:
            plan.error(
                n,
                "date",
                "before_start",
                f"is before the status started on {status.start}",
                start=str(status.start),
            )
            return
    ids: list[str] = []
    steps: list[RosterStep] = []
    for status in candidates:
        assert status.id is not None  # ends are simulated before any status is started
        ids.append(status.id)
        steps.append(_step("ends", status, start=str(status.start), on=str(on)))
        status.end = on
    change = RosterChange(
        row=n,
        person_id=person.id,
        name=person.name,
        kind=row.kind,
        steps=tuple(steps),
        status_kind=kind,
    )
    plan.actions.append(_Action("end", row, change, tuple(ids)))


def _known(kind: str) -> bool:
    return any(kind == k.value for k in _LABEL)


def _simulate_death(plan: _Plan, row: _Row) -> None:
    person, on = row.person, row.on
    assert person is not None and on is not None
    if person.death_date == on:
        step = _step("already_deceased", on=str(on))
        plan.unchanged.append(_change(row, step, unchanged=True))
        return
    if person.death_date is not None:
        plan.error(
            row.number,
            "date",
            "already_deceased",
            f"the person is recorded as deceased on {person.death_date}",
            death=str(person.death_date),
        )
        return
    steps = [_step("deceased", on=str(on))]
    if person.has_award:
        steps.append(_step("pension_stops"))
    person.death_date = on
    plan.actions.append(_Action("death", row, _change(row, *steps)))


# -- loading persons -------------------------------------------------------------------------


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _load_persons(session: Session, id_numbers: Iterable[str]) -> dict[str, _Person]:
    wanted = sorted(set(id_numbers))
    by_number: dict[str, _Person] = {}
    by_id: dict[str, _Person] = {}
    for chunk in _chunks(wanted):
        for p in session.scalars(
            select(Person).where(Person.id_number.in_(chunk), Person.deleted.is_(False))
        ):
            sim = _Person(p.id, p.name, p.birth_date, p.death_date, has_award=False)
            by_number[p.id_number] = by_id[p.id] = sim
    ids = sorted(by_id)
    for chunk in _chunks(ids):
        statuses = session.scalars(
            select(PersonStatus)
            .where(PersonStatus.person_id.in_(chunk), PersonStatus.deleted.is_(False))
            .order_by(PersonStatus.start_date)
        )
        for s in statuses:
            by_id[s.person_id].statuses.append(
                _Status(s.id, s.kind, s.level, s.start_date, s.end_date, s.lifted_out_year)
            )
        awarded = session.scalars(
            select(BenefitAward.person_id).where(
                BenefitAward.person_id.in_(chunk),
                BenefitAward.status != AwardStatus.STOPPED.value,
            )
        )
        for person_id in awarded:
            by_id[person_id].has_award = True
    return by_number


# -- the plan --------------------------------------------------------------------------------


def _make_plan(session: Session, data: bytes, suffix: str, today: date) -> _Plan:
    digest = hashlib.sha256(data).hexdigest()
    table = _read_table(data, suffix)
    header = _find_header(table)
    plan = _Plan(digest, header)
    rows: list[_Row] = []
    for number, cells in table:
        if number <= header.row or not any(_text(c) for c in cells):
            continue
        plan.rows += 1
        row = _parse_row(plan, number, cells, today)
        if row is not None:
            rows.append(row)
    persons = _load_persons(session, (r.id_number for r in rows))
    seen: dict[tuple[str, RosterKind, StatusKind | None], int] = {}
    ready: list[_Row] = []
    for row in rows:
        row.person = persons.get(row.id_number)
        if row.person is None:
            plan.error(row.number, "id_number", "not_here", "no such person at this station")
            continue
        if not _same_name(row.name, row.person.name):
            plan.error(
                row.number,
                "name",
                "name_mismatch",
                f"name does not match: registered as {row.person.name}",
                registered=row.person.name,
            )
            continue
        key = (row.person.id, row.kind, row.status_kind)
        if key in seen:
            plan.error(
                row.number,
                "kind",
                "duplicate",
                f"the same person and kind already appear in row {seen[key]}",
                first=seen[key],
            )
            continue
        seen[key] = row.number
        if _check_fields(plan, row, today):
            ready.append(row)
    for row in sorted(ready, key=lambda r: (_PHASES[r.kind], r.number)):
        if row.kind is RosterKind.END:
            _simulate_end(plan, row)
        elif row.kind is RosterKind.LIFTED_OUT:
            _simulate_lifted_out(plan, row, today)
        elif row.kind is RosterKind.DEATH:
            _simulate_death(plan, row)
        else:
            _simulate_start(plan, row, today)
    plan.errors.sort(key=lambda e: e.row)
    plan.unchanged.sort(key=lambda c: c.row)
    return plan


def preview_roster(*, session: Session, path: Path, today: date) -> RosterPreview:
    """Read and check every row of a data-matching list; say what would change. No writes."""
    plan = _make_plan(session, path.read_bytes(), path.suffix, today)
    return RosterPreview(
        file_name=path.name,
        digest=plan.digest,
        header_row=plan.header.row,
        rows=plan.rows,
        changes=sorted((a.change for a in plan.actions), key=lambda c: c.row),
        unchanged=plan.unchanged,
        errors=plan.errors,
        unknown_columns=plan.header.unknown,
    )


# -- applying --------------------------------------------------------------------------------


def _apply_action(session: Session, actor: Actor, today: date, action: _Action) -> None:
    row = action.row
    assert row.person is not None
    person_id = row.person.id
    if action.op == "start":
        assert row.status_kind is not None and row.on is not None
        add_status(
            session=session,
            actor=actor,
            today=today,
            person_id=person_id,
            kind=row.status_kind,
            start_date=row.on,
            level=row.level,
            lifted_out_year=row.year if row.status_kind is StatusKind.REGISTERED_POOR else None,
            source=SOURCE,
            note=row.note,
        )
    elif action.op == "lift":
        assert row.year is not None
        lift_out_of_poverty(
            session=session, actor=actor, today=today, person_id=person_id, year=row.year
        )
    elif action.op == "end":
        assert row.on is not None
        for status_id in action.status_ids:
            end_status(
                session=session, actor=actor, today=today, status_id=status_id, end_date=row.on
            )
    elif action.op == "death":
        assert row.on is not None
        mark_deceased(
            session=session,
            actor=actor,
            today=today,
            person_id=person_id,
            death_date=row.on,
            source=SOURCE,
        )
    else:  # pragma: no cover - the plan only makes the four above
        raise AssertionError(action.op)


def apply_roster(
    *,
    session: Session,
    actor: Actor,
    path: Path,
    today: date,
    preview_digest: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> RosterResult:
    """Check the list again and apply all of it, or nothing.

    Raises ``ValidationError`` (fields ``row N.column``) when any row breaks a rule, or
    (rule ``changed``) when the file is not the one previewed; ``RosterCancelled`` when
    ``progress`` returns False. Either way nothing of the import is left in the session.
    Only a supervisor may apply a county list (``PermissionDenied``).
    """
    require_supervisor(actor, action="importing a county list")
    data = path.read_bytes()
    plan = _make_plan(session, data, path.suffix, today)
    if preview_digest is not None and preview_digest != plan.digest:
        raise ValidationError.single(
            "file", "changed", "the file has changed since it was previewed: preview it again"
        )
    if plan.errors:
        raise ValidationError(
            [FieldError(f"row {e.row}.{e.field}", e.rule, e.message) for e in plan.errors]
        )
    actions = sorted(plan.actions, key=lambda a: (_PHASES[a.row.kind], a.row.number))
    total = len(actions)
    applied = sorted((a.change for a in actions), key=lambda c: c.row)
    counts = {"rows": plan.rows, "changes": total, "unchanged": len(plan.unchanged)}
    for kind in RosterKind:
        counts[kind.value] = sum(1 for c in applied if c.kind is kind)
    if progress is not None and not progress(0, total):
        raise RosterCancelled(0, total)
    with session.begin_nested():
        for done, action in enumerate(actions, start=1):
            try:
                _apply_action(session, actor, today, action)
            except ValidationError as exc:  # the plan and the services disagree
                raise ValidationError(
                    [
                        FieldError(f"row {action.row.number}.{e.field}", e.rule, e.message)
                        for e in exc.errors
                    ]
                ) from exc
            if progress is not None and not progress(done, total):
                raise RosterCancelled(done, total)
        append_audit(
            session,
            actor=actor.username,
            action="roster.import",
            details={"file": path.name, "sha256": plan.digest, "counts": counts},
        )
    return RosterResult(
        file_name=path.name,
        digest=plan.digest,
        applied=applied,
        unchanged=plan.unchanged,
        counts=counts,
    )
