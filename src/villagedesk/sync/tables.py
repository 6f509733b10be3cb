"""Which tables travel, in what order, who may see and write them, and who owns which field.

Shared by the county (``sync.county``) and the counter (``sync.engine``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy import inspect as sa_inspect

from villagedesk.store import models as m
from villagedesk.store.base import Synced
from villagedesk.store.models.matching import NOTICE_VILLAGE_FIELDS
from villagedesk.store.wire import to_wire


class Scope(Enum):
    VILLAGE = "village"  # the row carries village_code (persons, households)
    PERSON = "person"  # the row hangs from a person (person_id)
    COUNTY = "county"  # county-wide reference data every station receives


class Owner(Enum):
    COUNTY = "county"
    VILLAGE = "village"


@dataclass(frozen=True)
class Column:
    key: str
    kind: str  # str | int | bool | date | datetime | json
    nullable: bool
    length: int | None


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[Synced]
    scope: Scope
    village_writable: bool  # may a village counter push changes to it
    append_only: bool
    columns: dict[str, Column]  # the payload fields (everything but the sync columns)


# Parents before children: inserts are written in this order.
_ORDER: tuple[tuple[type[Synced], Scope, bool], ...] = (
    (m.PolicyRowRecord, Scope.COUNTY, False),
    (m.Employer, Scope.COUNTY, True),
    (m.Vacancy, Scope.COUNTY, True),
    (m.Household, Scope.VILLAGE, True),
    (m.Person, Scope.VILLAGE, True),
    (m.PersonStatus, Scope.PERSON, True),
    (m.LabourRegistration, Scope.PERSON, True),
    (m.TrainingNeed, Scope.PERSON, True),
    (m.TrainingRecord, Scope.PERSON, True),
    (m.Referral, Scope.PERSON, True),
    (m.Enrolment, Scope.PERSON, True),
    (m.Contribution, Scope.PERSON, True),
    (m.PaidPremium, Scope.PERSON, True),
    (m.BenefitAward, Scope.PERSON, True),
    (m.BenefitPayment, Scope.PERSON, True),
    (m.Certification, Scope.PERSON, True),
    (m.PrintedDocument, Scope.PERSON, True),
    # last, so the index of every older table in a snapshot cursor stays what it was
    (m.MatchNotice, Scope.PERSON, True),  # village may only answer: VILLAGE_ONLY_FIELDS
)

# Who owns a field when both sides changed it (DESIGN.md, Sync): the owner's value is taken
# without opening a conflict. Fields not listed become a conflict for a person to resolve.
OWNERSHIP: dict[tuple[str, str], Owner] = {
    # contact details: the village knows them
    ("persons", "phone"): Owner.VILLAGE,
    ("persons", "address"): Owner.VILLAGE,
    ("households", "phone"): Owner.VILLAGE,
    ("households", "address"): Owner.VILLAGE,
    ("labour_registrations", "phone"): Owner.VILLAGE,
    # results of the county's data matching (数据比对)
    ("persons", "death_date"): Owner.COUNTY,
    ("persons", "death_source"): Owner.COUNTY,
    ("persons", "village_code"): Owner.COUNTY,
    ("persons", "guangxi_hukou"): Owner.COUNTY,
    ("persons", "employee_scheme"): Owner.COUNTY,
    ("persons", "other_state_pension"): Owner.COUNTY,
    ("households", "village_code"): Owner.COUNTY,
    ("person_statuses", "end_date"): Owner.COUNTY,
    ("person_statuses", "level"): Owner.COUNTY,
    ("person_statuses", "lifted_out_year"): Owner.COUNTY,
    ("enrolments", "status"): Owner.COUNTY,
    # data-matching notices: the village answers (confirmed / disputed), the county wrote
    # the rest when it published the batch
    **{("match_notices", f): Owner.VILLAGE for f in NOTICE_VILLAGE_FIELDS},
}

# Tables a station may only update, and only these fields of (no insert, no tombstone):
# the county makes the rows, the village answers them. Anything else is refused per mutation.
VILLAGE_ONLY_FIELDS: dict[str, frozenset[str]] = {"match_notices": NOTICE_VILLAGE_FIELDS}


def owner_of(table: str, field: str) -> Owner | None:
    return OWNERSHIP.get((table, field))


def _kind(column: Any) -> tuple[str, int | None]:
    t = column.type
    if isinstance(t, Boolean):
        return "bool", None
    if isinstance(t, Integer):
        return "int", None
    if isinstance(t, DateTime):
        return "datetime", None
    if isinstance(t, Date):
        return "date", None
    if isinstance(t, JSON):
        return "json", None
    if isinstance(t, Text):
        return "str", None
    if isinstance(t, String):
        return "str", t.length
    raise TypeError(f"no wire kind for column type {t!r}")


def _spec(model: type[Synced], scope: Scope, writable: bool) -> TableSpec:
    columns: dict[str, Column] = {}
    for attr in sa_inspect(model).column_attrs:
        if attr.key in Synced.SYNC_COLUMNS:
            continue
        col = attr.columns[0]
        kind, length = _kind(col)
        columns[attr.key] = Column(attr.key, kind, bool(col.nullable), length)
    return TableSpec(
        name=model.__tablename__,  # type: ignore[attr-defined]
        model=model,
        scope=scope,
        village_writable=writable,
        append_only=model.__append_only__,
        columns=columns,
    )


TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (_spec(*t) for t in _ORDER)}
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
RANK: dict[str, int] = {name: i for i, name in enumerate(TABLE_ORDER)}


class BadValue(ValueError):
    """A wire value that does not fit its column."""


def from_wire(column: Column, value: Any) -> Any:
    """A wire value as the Python value of ``column``; BadValue if it does not fit."""
    if value is None:
        if not column.nullable:
            raise BadValue(f"{column.key} may not be null")
        return None
    kind = column.kind
    if kind == "str":
        if not isinstance(value, str):
            raise BadValue(f"{column.key} must be text")
        if column.length is not None and len(value) > column.length:
            raise BadValue(f"{column.key} is longer than {column.length} characters")
        if "\x00" in value:
            raise BadValue(f"{column.key} holds a NUL character")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadValue(f"{column.key} must be a whole number")
        if not -(2**31) <= value < 2**31:
            raise BadValue(f"{column.key} is out of range")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise BadValue(f"{column.key} must be true or false")
        return value
    if kind == "date":
        if not isinstance(value, str):
            raise BadValue(f"{column.key} must be a date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise BadValue(f"{column.key} must be a date (YYYY-MM-DD)") from exc
    if kind == "datetime":
        if not isinstance(value, str):
            raise BadValue(f"{column.key} must be a timestamp")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise BadValue(f"{column.key} must be a timestamp") from exc
        return parsed.replace(tzinfo=None) if parsed.tzinfo is not None else parsed
    if kind == "json":
        if not isinstance(value, dict | list):
            raise BadValue(f"{column.key} must be an object")
        return value
    raise BadValue(f"{column.key}: unknown kind {kind}")  # pragma: no cover


_AS_IS = frozenset({str, int, float, bool, type(None)})  # exact types to_wire leaves alone


def row_to_wire(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    """The payload fields of a row (attribute keys → wire values)."""
    out: dict[str, Any] = {}
    for key in spec.columns:
        value = row.get(key)
        out[key] = value if type(value) in _AS_IS else to_wire(value)
    return out


_COLUMN_NAMES: dict[str, dict[str, str]] = {}


def attr_to_column(spec: TableSpec) -> dict[str, str]:
    """Attribute key → database column name (they differ for ``policy_rows.table``).
    Worked out once per table; the dict is shared, do not change it."""
    names = _COLUMN_NAMES.get(spec.name)
    if names is None:
        mapper = sa_inspect(spec.model)
        names = {attr.key: attr.columns[0].name for attr in mapper.column_attrs}
        _COLUMN_NAMES[spec.name] = names
    return names


def visible_ids(spec: TableSpec, village: str) -> Any:
    """A ``SELECT id, rev`` of the rows of ``spec`` a station of ``village`` may see."""
    from sqlalchemy import and_, or_, select

    model: Any = spec.model
    query = select(model.id, model.rev)
    if spec.scope is Scope.VILLAGE:
        return query.where(model.village_code == village)
    if spec.scope is Scope.PERSON:
        persons = select(m.Person.id).where(m.Person.village_code == village)
        return query.where(
            or_(
                model.person_id.in_(persons),
                and_(model.person_id.is_(None), model.origin == village),
            )
        )
    return query


def checksum(rows: Any) -> tuple[int, str]:
    """Order-independent count and checksum of ``(id, rev)`` pairs."""
    import hashlib

    total = 0
    count = 0
    for row_id, rev in rows:
        digest = hashlib.sha256(f"{row_id}:{rev}".encode()).digest()
        total = (total + int.from_bytes(digest[:8], "big")) % 2**64
        count += 1
    return count, f"{total:016x}"
