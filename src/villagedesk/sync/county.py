"""The county side of sync: stations, push (merge), pull (change log, snapshot), conflicts,
duplicate-person cases and county edits. Pure functions over a session; the FastAPI routes in
``villagedesk.server`` only call these.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    bindparam,
    cast,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects.postgresql import BIT
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from villagedesk.domain.division import parse_village_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.policy_defaults import default_policy_rows
from villagedesk.services.station import SHIPPED, policy_record
from villagedesk.store.capture import mutation_id_for, synced_table
from villagedesk.store.clock import HybridClock
from villagedesk.store.dashboard_models import VacancyTarget
from villagedesk.store.models import Household, Person, PolicyRowRecord, Referral, Vacancy
from villagedesk.store.server_db import lock_change_log
from villagedesk.store.server_models import (
    AppliedMutation,
    ChangeLogEntry,
    ConflictRecord,
    CountyStation,
    DuplicateCase,
    HeldMutation,
    RowRevision,
)
from villagedesk.store.wire import to_wire
from villagedesk.sync.merge import merge
from villagedesk.sync.protocol import (
    Change,
    ConflictInfo,
    Counts,
    DuplicateInfo,
    Mutation,
    MutationResult,
    PullPage,
    PushResult,
    SnapshotBlock,
    TableCount,
)
from villagedesk.sync.tables import (
    RANK,
    TABLE_ORDER,
    TABLES,
    VILLAGE_ONLY_FIELDS,
    BadValue,
    Scope,
    TableSpec,
    attr_to_column,
    checksum,
    from_wire,
    row_to_wire,
    visible_ids,
)

COUNTY_NODE = "county"
# Change-log op telling one village it no longer sees a row (the person moved away, or a
# duplicate registration was merged into someone else): its counter removes its local copy.
REMOVE_OP = "remove"
# Person fields a merge never copies from the second registration onto the existing person.
_NOT_MERGED = frozenset(
    {
        "id_number",
        "village_code",
        "household_id",
        "relation",
        "name_pinyin",
        "name_initials",
        "deleted",
    }
)


class SyncRefused(Exception):
    """A request the county refuses as a whole (nothing written): HTTP ``status`` + reason."""

    def __init__(self, status: int, code: str, reason: str, *, index: int | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.index = index


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


# -- stations ------------------------------------------------------------------------------
def add_station(*, session: Session, village_code: str, name: str, now: datetime) -> str:
    """Provision (or re-provision) a village's station; returns a one-time enrolment token.

    A station already enrolled keeps its secret until the new token is used (re-enrolling a
    reinstalled laptop); a revoked station becomes pending again.
    """
    code = parse_village_code(village_code, field="village").code
    token = "vdt_" + secrets.token_urlsafe(32)
    station = session.scalar(select(CountyStation).where(CountyStation.village_code == code))
    if station is None:
        station = CountyStation(village_code=code, name=name or code, created_at=now)
        session.add(station)
    elif station.status == "revoked":
        station.status = "pending"
        station.secret_hash = ""
    if name:
        station.name = name
    station.token_hash = hash_secret(token)
    return token


def list_stations(*, session: Session) -> list[CountyStation]:
    return list(session.scalars(select(CountyStation).order_by(CountyStation.village_code)))


def revoke_station(*, session: Session, village_code: str) -> CountyStation:
    station = session.scalar(
        select(CountyStation).where(CountyStation.village_code == village_code)
    )
    if station is None:
        raise ValidationError.single("village", "not_found", f"no station for {village_code}")
    station.status = "revoked"
    station.token_hash = ""
    return station


def enrol(*, session: Session, token: str, now: datetime) -> tuple[CountyStation, str]:
    """Exchange a one-time enrolment token for the station's bearer secret."""
    digest = hash_secret(token)
    station = session.scalar(select(CountyStation).where(CountyStation.token_hash == digest))
    if station is None or not hmac.compare_digest(station.token_hash, digest):
        raise SyncRefused(401, "bad_token", "unknown or already used enrolment token")
    secret = "vds_" + secrets.token_urlsafe(32)
    station.secret_hash = hash_secret(secret)
    station.token_hash = ""
    station.status = "active"
    station.enrolled_at = now
    return station, secret


def authenticate(*, session: Session, secret: str) -> CountyStation:
    if not secret:
        raise SyncRefused(401, "no_credentials", "a station secret is required (enrol first)")
    digest = hash_secret(secret)
    station = session.scalar(select(CountyStation).where(CountyStation.secret_hash == digest))
    if station is None or not hmac.compare_digest(station.secret_hash, digest):
        raise SyncRefused(401, "bad_credentials", "unknown or revoked station credentials")
    if station.status != "active":
        raise SyncRefused(403, "station_revoked", "this station has been revoked by the county")
    return station


def check_document_key(key: str) -> str:
    """A station's document-signing public key as sent (base64 of 32 raw Ed25519 bytes);
    SyncRefused 422 for anything else."""
    import base64
    import binascii

    try:
        raw = base64.b64decode(key.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError) as exc:
        raise SyncRefused(422, "bad_document_key", "the document key is not base64") from exc
    if len(raw) != 32 or len(key) > 64:
        raise SyncRefused(422, "bad_document_key", "the document key is not an Ed25519 key")
    return key


def document_key_changed(station: CountyStation, key: str | None) -> bool:
    """Does the key a station sent differ from the one on file (checked first)?"""
    return bool(key) and check_document_key(key or "") != station.document_public_key


def note_document_key(*, session: Session, station: CountyStation, key: str | None) -> None:
    """Keep the station's document-signing public key (only written when it changed)."""
    if key and document_key_changed(station, key):
        session.execute(
            update(CountyStation)
            .where(CountyStation.id == station.id)
            .values(document_public_key=key)
        )
        station.document_public_key = key


def seed_county(*, session: Session) -> int:
    """Put the shipped policy rows in a new county database (same ids as every counter)."""
    have = set(session.scalars(select(PolicyRowRecord.id)))
    added = 0
    for row in default_policy_rows():
        record = policy_record(row, origin=SHIPPED)
        if record.id not in have:
            session.add(record)
            added += 1
    return added


# -- rows as dicts -------------------------------------------------------------------------
def _load_rows(session: Session, spec: TableSpec, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    table = spec.model.__table__  # type: ignore[attr-defined]
    names = attr_to_column(spec)
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        for row in session.execute(
            select(table).where(_among(session, table.c.id, chunk))
        ).mappings():
            out[row["id"]] = {key: row[col] for key, col in names.items()}
    return out


def _to_columns(spec: TableSpec, values: dict[str, Any]) -> dict[str, Any]:
    names = attr_to_column(spec)
    if spec.name not in _RENAMED:
        return dict(values)
    return {names[key]: value for key, value in values.items()}


# tables where an attribute key differs from its column name (``policy_rows.table``)
_RENAMED = frozenset(
    spec.name for spec in TABLES.values() if any(k != v for k, v in attr_to_column(spec).items())
)


def _among(session: Session, column: Any, values: list[str]) -> Any:
    """``column IN values`` with ONE parameter, so neither SQLAlchemy nor the driver renders
    and parses hundreds of placeholders per query: PostgreSQL ``column IN (SELECT
    json_array_elements_text(:text))``, SQLite ``column IN (SELECT value FROM
    json_each(:text))`` — both an index probe per value. (PostgreSQL planned ``column =
    ANY(:array)`` with 500 ids as a scan of the whole table, 6x slower on 70,000 rows; an
    array parameter, ``IN (SELECT unnest(:array))``, has the same plan as the JSON text but
    psycopg dumps it element by element in Python: 8.5 -> 5.4 ms per 500 ids.)"""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        ids = func.json_array_elements_text(cast(literal(json.dumps(values)), JSON))
        return column.in_(select(ids.column_valued()))
    if dialect == "sqlite":
        each = func.json_each(json.dumps(list(values))).table_valued("value")
        return column.in_(select(each.c.value))
    return column.in_(values)


_LOOKUP_CHUNK = 1000  # ids per lookup: a whole batch in one query (one JSON text parameter)


# (table, column keys) -> the statement and each column's bind processor, for _insert_many
_FAST_INSERT: dict[tuple[str, str, tuple[str, ...]], tuple[str, list[tuple[int, Any]]] | None] = {}


class _JsonText(str):
    """A JSON column's value already written as the text ``json.dumps`` gives for it (a push's
    applied-mutation answer, made from a template): ``_insert_many`` stores it as it is."""


# json.dumps' own C encoder, made once: the same text as json.dumps() with its defaults, without
# the encoder object and circular-reference bookkeeping json.dumps sets up per call (12 -> 8 us
# for a person's revision). Payloads are JSON values parsed from a body or made here, so they
# hold no cycles; values nested too deep were refused before (_digest).
_MAKE_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE = (
    _MAKE_ENCODER(
        None,
        json.JSONEncoder().default,
        json.encoder.encode_basestring_ascii,
        None,
        ": ",
        ", ",
        False,
        False,
        True,
    )
    if _MAKE_ENCODER is not None
    else None
)


def _dumps(value: Any) -> str:
    """``json.dumps(value)``, the same text."""
    if _C_ENCODE is None or not isinstance(value, dict | list):
        return json.dumps(value)
    return "".join(_C_ENCODE(value, 0))


def _json_column(dumps: Any) -> Any:
    """The bind step of a JSON column on the fast path: the JSON text (``_JsonText`` as it is)."""

    def process(value: Any) -> Any:
        return value if type(value) is _JsonText else dumps(value)

    return process


def _insert_many(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT ``rows`` with the least work per row: PostgreSQL ``COPY ... FROM STDIN``
    (psycopg), SQLite one DB-API executemany. Values go through the columns' own bind
    processors, as SQLAlchemy's executemany would; rows of different shapes, or a table with
    Python-side defaults for columns not given, take the plain Core path."""
    if not rows:
        return
    keys = tuple(rows[0])
    conn = session.connection()
    dialect = conn.dialect
    cache_key = (dialect.name, table.name, keys)
    plan = _FAST_INSERT.get(cache_key, ...)
    if plan is ...:
        plan = None
        given = set(keys)
        missing = [c for c in table.c if c.key not in given and c.default is not None]
        pg = dialect.name == "postgresql"
        if dialect.name in ("postgresql", "sqlite") and not missing:
            prep = dialect.identifier_preparer
            names = ", ".join(prep.quote(table.c[k].name) for k in keys)
            if dialect.name == "postgresql":
                sql = f"COPY {prep.format_table(table)} ({names}) FROM STDIN"
            else:
                marks = ", ".join("?" * len(keys))
                sql = f"INSERT INTO {prep.format_table(table)} ({names}) VALUES ({marks})"
            processors = []
            for i, k in enumerate(keys):
                kind = table.c[k].type
                if isinstance(kind, JSON):  # the text json.dumps gives, as the column would
                    # (SQLite: the dialect's serializer; COPY takes the JSON text as it is)
                    dumps = None if pg else getattr(dialect, "_json_serializer", None)
                    processors.append((i, _json_column(dumps or _dumps)))
                elif (f := kind._cached_bind_processor(dialect)) is not None:
                    processors.append((i, f))
            plan = (sql, processors)
        _FAST_INSERT[cache_key] = plan
    data: list[Any] | None = None
    # one shape: every row has as many keys as the first, and each of them (else KeyError)
    if plan is not None and set(map(len, rows)) == {len(keys)}:
        get = itemgetter(*keys) if len(keys) > 1 else lambda r: (r[keys[0]],)
        try:
            data = [get(r) for r in rows]
        except KeyError:
            data = None
    if plan is None or data is None:
        plain = [
            {k: json.loads(v) if type(v) is _JsonText else v for k, v in r.items()} for r in rows
        ]
        session.execute(insert(table), plain)
        return
    sql, processors = plan
    if processors:  # column by column: a processor over a list, not a loop per row and value
        columns = list(zip(*data, strict=True))
        for i, f in processors:
            column = columns[i]
            if len(set(map(id, column))) == 1:  # one object in every row (the batch's time)
                value = column[0]
                columns[i] = (None if value is None else f(value),) * len(column)
            else:
                columns[i] = tuple([None if v is None else f(v) for v in column])
        data = list(zip(*columns, strict=True))
    if dialect.name == "sqlite":
        conn.exec_driver_sql(sql, data)
        return
    raw: Any = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for values in data:
                copy.write_row(values)
    except dialect.loaded_dbapi.Error as exc:  # as SQLAlchemy would raise it (409 / 422)
        raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc


@dataclass
class _Working:
    spec: TableSpec
    values: dict[str, Any]
    exists: bool
    dirty: bool = False
    changed: set[str] = field(default_factory=set)  # keys to write back into an existing row


@dataclass
class _Batch:
    """The rows a push touches, loaded once and written once at the end."""

    session: Session
    rows: dict[tuple[str, str], _Working | None] = field(default_factory=dict)
    persons: dict[str, str | None] = field(default_factory=dict)  # person id -> village
    # ID numbers the batch mentions: the persons holding each at the county before the batch
    # (id, village), and the person rows of the batch that may carry each
    holders: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    carriers: dict[str, set[str]] = field(default_factory=dict)

    def row(self, table: str, row_id: str) -> _Working | None:
        key = (table, row_id)
        if key not in self.rows:
            spec = TABLES[table]
            loaded = _load_rows(self.session, spec, [row_id]).get(row_id)
            self.rows[key] = _Working(spec, loaded, True) if loaded is not None else None
        return self.rows[key]

    def number_holder(self, number: str, person_id: str) -> tuple[str, str] | None:
        """Another person with this ID number: at the county before this batch, else among
        the rows of this batch."""
        if number in self.holders:
            found = next(((p, v) for p, v in self.holders[number] if p != person_id), None)
        else:
            row = self.session.execute(
                select(Person.id, Person.village_code).where(
                    Person.id_number == number, Person.id != person_id
                )
            ).first()
            found = (row[0], row[1]) if row else None
        if found is not None or not self.carriers.get(number, set()) - {person_id}:
            return found
        other = next(
            (
                w
                for (t, rid), w in self.rows.items()
                if t == "persons"
                and w is not None
                and rid != person_id
                and w.values.get("id_number") == number
            ),
            None,
        )
        return (other.values["id"], other.values["village_code"]) if other else None

    def person_village(self, person_id: str) -> str | None:
        working = self.rows.get(("persons", person_id))
        if working is not None:
            return str(working.values["village_code"])
        if person_id not in self.persons:
            self.persons[person_id] = self.session.scalar(
                select(Person.village_code).where(Person.id == person_id)
            )
        return self.persons[person_id]


def _preload(batch: _Batch, mutations: list[Mutation]) -> None:
    by_table: dict[str, list[str]] = {}
    person_ids: set[str] = set()
    for mut in mutations:
        if mut.table in TABLES:
            by_table.setdefault(mut.table, []).append(mut.row_id)
            pid = mut.fields.get("person_id")
            if isinstance(pid, str):
                person_ids.add(pid)
    for table, ids in by_table.items():
        spec = TABLES[table]
        loaded = _load_rows(batch.session, spec, sorted(set(ids)))
        for row_id in ids:
            found = loaded.get(row_id)
            batch.rows[(table, row_id)] = _Working(spec, found, True) if found else None
            if found is not None and "person_id" in found and found["person_id"]:
                person_ids.add(found["person_id"])
    for mut in mutations:
        number = mut.fields.get("id_number") if mut.table == "persons" else None
        if isinstance(number, str):
            batch.carriers.setdefault(number, set()).add(mut.row_id)
    for (table, row_id), working in list(batch.rows.items()):
        if table == "persons" and working is not None:
            number = str(working.values.get("id_number"))
            batch.carriers.setdefault(number, set()).add(row_id)
    numbers = sorted(batch.carriers)
    for start in range(0, len(numbers), _LOOKUP_CHUNK):
        chunk = numbers[start : start + _LOOKUP_CHUNK]
        for number in chunk:
            batch.holders[number] = []
        for pid, village, number in batch.session.execute(
            select(Person.id, Person.village_code, Person.id_number).where(
                _among(batch.session, Person.id_number, chunk)
            )
        ):
            batch.holders[number].append((pid, village))
    wanted = sorted(pid for pid in person_ids if ("persons", pid) not in batch.rows)
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[start : start + _LOOKUP_CHUNK]
        for pid, village in batch.session.execute(
            select(Person.id, Person.village_code).where(_among(batch.session, Person.id, chunk))
        ):
            batch.persons[pid] = village
        for pid in chunk:
            batch.persons.setdefault(pid, None)


# json.dumps(..., sort_keys=True, separators=(",", ":")) without a new encoder per call
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"))


def _derived(mutation: Mutation) -> bool:
    """The mutation's id is the one its stamp, table and row give (``mutation_id_for``)."""
    m = mutation
    return m.mutation_id == mutation_id_for(hlc=m.hlc, table=m.table, row_id=m.row_id)


def _digest(mutation: Mutation, *, with_base: bool | None = None) -> str:
    """SHA-256 of the mutation's canonical JSON (keys sorted). The payloads came from JSON,
    so they are JSON values already: the same text as ``model_dump(mode="json")`` gives.

    ``base_fields`` are part of it for a random (old) id, as they always were, and left out
    for a derived id (``with_base`` None): they only serve a merge, a column-wise push does
    not carry them, and the same change may come both ways (docs/sync.md)."""
    m = mutation
    if with_base is None:
        with_base = not _derived(m)
    content = {
        "mutation_id": m.mutation_id,
        "table": m.table,
        "row_id": m.row_id,
        "op": m.op,
        "base_rev": m.base_rev,
        "new_rev": m.new_rev,
        "fields": m.fields,
        "hlc": m.hlc,
        "actor": m.actor,
    }
    if with_base:
        content["base_fields"] = m.base_fields
    for payload in (m.fields, m.base_fields):
        for value in payload.values():
            if isinstance(value, dict | list) and _depth(value) > MAX_DEPTH:
                raise ValueError(f"values nested deeper than {MAX_DEPTH} levels")
    try:
        text = _CANONICAL.encode(content)
    except TypeError:  # a payload made in Python, not parsed from JSON (a county replay)
        dumped = m.model_dump(mode="json")
        if not with_base:
            dumped.pop("base_fields")
        text = json.dumps(dumped, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _base_needed(mutation: Mutation, index: int | None) -> SyncRefused:
    """A column-wise mutation the county cannot take without the station's old values."""
    return SyncRefused(
        409,
        "base_needed",
        f"{mutation.table} {mutation.row_id}: the county needs the old values of this change; "
        "send the batch again with base_fields",
        index=index,
    )


MAX_DEPTH = 32  # nesting of a JSON value in a payload (real ones have two or three levels)


def _depth(value: Any, level: int = 1) -> int:
    """How deep a JSON value nests (stops counting past MAX_DEPTH)."""
    if level > MAX_DEPTH:
        return level
    children = value.values() if isinstance(value, dict) else value
    deepest = level
    for child in children:
        if isinstance(child, dict | list):
            deepest = max(deepest, _depth(child, level + 1))
            if deepest > MAX_DEPTH:
                break
    return deepest


def _scope(batch: _Batch, spec: TableSpec, values: dict[str, Any], station: str) -> str | None:
    """The village that sees this row ('' = everyone); None when its person is unknown."""
    if spec.scope is Scope.COUNTY:
        return ""
    if spec.scope is Scope.VILLAGE:
        return str(values["village_code"])
    pid = values.get("person_id")
    if pid is None:
        return str(values.get("origin") or station)
    return batch.person_village(str(pid))


# per table: field key -> (the wire type a value keeps as it is, longest text, column)
_CONVERT: dict[str, dict[str, tuple[type | None, int | None, Any]]] = {}
_KEEP = {"str": str, "bool": bool}


def _convert_plan(spec: TableSpec) -> dict[str, tuple[type | None, int | None, Any]]:
    plan = _CONVERT.get(spec.name)
    if plan is None:
        plan = _CONVERT[spec.name] = {
            key: (_KEEP.get(c.kind), c.length if c.kind == "str" else None, c)
            for key, c in spec.columns.items()
        }
    return plan


def _convert(spec: TableSpec, fields: dict[str, Any], index: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    plan = _convert_plan(spec)
    for key, value in fields.items():
        step = plan.get(key)
        if step is None:
            raise SyncRefused(
                422, "unknown_field", f"{spec.name} has no field {key!r}", index=index
            )
        keep, longest, column = step
        # the common cases inline (a short text without NUL, a boolean, an allowed null):
        # from_wire costs a call per field; it still says what is wrong with anything else
        wire_type = type(value)
        if wire_type is keep:
            if keep is bool or ((longest is None or len(value) <= longest) and "\x00" not in value):
                out[key] = value
                continue
        elif value is None and column.nullable:
            out[key] = None
            continue
        try:
            out[key] = from_wire(column, value)
        except BadValue as exc:
            raise SyncRefused(422, "bad_value", f"{spec.name}: {exc}", index=index) from exc
    return out


_NEW_ROW: dict[str, tuple[tuple[str, Any], ...]] = {}
_AS_IS = frozenset({str, int, float, bool, type(None)})  # exact types to_wire leaves alone


def _wire(value: Any) -> Any:
    return value if type(value) in _AS_IS else to_wire(value)


_KINDS: dict[str, tuple[tuple[str, str], ...]] = {}


def _kinds(spec: TableSpec) -> tuple[tuple[str, str], ...]:
    found = _KINDS.get(spec.name)
    if found is None:
        found = _KINDS[spec.name] = tuple((k, c.kind) for k, c in spec.columns.items())
    return found


_STAMPS: dict[str, bool] = {}


def _has_stamps(spec: TableSpec) -> bool:
    """The table has timestamp fields (stored without the zone the wire value may carry)."""
    found = _STAMPS.get(spec.name)
    if found is None:
        found = _STAMPS[spec.name] = any(kind == "datetime" for _key, kind in _kinds(spec))
    return found


def _new_row_defaults(spec: TableSpec) -> tuple[tuple[str, Any], ...]:
    """(column, default maker or None) of a new row, worked out once per table (``id`` is
    always the mutation's row id, so no uuid is made for it)."""
    found = _NEW_ROW.get(spec.name)
    if found is None:
        makers = {k: make for k, make in synced_table(spec.model).defaults if k != "id"}
        found = tuple((key, makers.get(key)) for key in {**makers, **spec.columns})
        _NEW_ROW[spec.name] = found
    return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is applied: a batch makes tens of thousands
    of short-lived dicts and tuples, and the collections they trigger walk the whole server
    heap again and again (measured: half the time of a 1,000-mutation push). Reference
    counting still frees them; the collector runs again right after. Another thread that
    paused it too is fine: whoever found it enabled turns it back on."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def apply_push(
    *,
    session: Session,
    station: CountyStation,
    mutations: list[Mutation],
    clock: HybridClock,
    now: datetime,
) -> PushResult:
    """Apply one batch in the caller's transaction. Raises SyncRefused (nothing is written:
    the caller rolls back) for a batch that may not be taken as a whole."""
    with collector_paused():
        return _apply_push(
            session=session, station=station, mutations=mutations, clock=clock, now=now
        )


def _apply_push(
    *,
    session: Session,
    station: CountyStation,
    mutations: list[Mutation],
    clock: HybridClock,
    now: datetime,
) -> PushResult:
    lock_change_log(session)
    village = station.village_code
    digests = []
    for index, mut in enumerate(mutations):
        try:
            digests.append(_digest(mut))
        except ValueError as exc:  # values nested deeper than pydantic will serialise
            raise SyncRefused(422, "bad_value", f"unreadable mutation: {exc}", index=index) from exc
    seen: dict[str, str] = {}
    for index, (mut, digest) in enumerate(zip(mutations, digests, strict=True)):
        if seen.get(mut.mutation_id, digest) != digest:
            raise SyncRefused(
                409,
                "mutation_reused",
                "a mutation id appears twice with different content",
                index=index,
            )
        seen[mut.mutation_id] = digest
    applied: dict[str, AppliedMutation] = {}
    ids = list(seen)
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        for row in session.scalars(
            select(AppliedMutation).where(
                _among(session, AppliedMutation.mutation_id, ids[start : start + _LOOKUP_CHUNK])
            )
        ):
            applied[row.mutation_id] = row
    for index, (mut, digest) in enumerate(zip(mutations, digests, strict=True)):
        known = applied.get(mut.mutation_id)
        if (
            known is not None
            and known.digest != digest
            and _digest(mut, with_base=True) != known.digest  # applied before ids were derived
        ):
            if mut._base_missing:  # the digest it was applied with holds the old values
                raise _base_needed(mut, index)
            raise SyncRefused(
                409,
                "mutation_reused",
                f"mutation {mut.mutation_id} was already applied with different content",
                index=index,
            )
        if known is not None and known.station != village:
            raise SyncRefused(
                403, "not_yours", "that mutation belongs to another station", index=index
            )

    batch = _Batch(session)
    fresh = [mut for mut in mutations if mut.mutation_id not in applied]
    _preload(batch, fresh)
    if fresh:  # the newest stamp of the batch, once (HLC stamps sort by their first 22 chars)
        clock.observe(max((m.hlc for m in fresh), key=lambda h: h[:22]))
    held_rows: dict[str, str] = {}  # row id -> case id
    held_ids = [mut.row_id for mut in mutations] + [
        str(mut.fields["person_id"])
        for mut in mutations
        if isinstance(mut.fields.get("person_id"), str)
    ]
    for start in range(0, len(held_ids), _LOOKUP_CHUNK):
        for row_id, case_id in session.execute(
            select(HeldMutation.row_id, HeldMutation.case_id).where(
                _among(session, HeldMutation.row_id, held_ids[start : start + _LOOKUP_CHUNK])
            )
        ):
            held_rows[row_id] = case_id

    results: list[MutationResult] = []
    log: list[dict[str, Any]] = []
    revisions: list[dict[str, Any]] = []
    done: list[dict[str, Any]] = []
    held: list[dict[str, Any]] = []
    done_ids: set[str] = set()

    def hold(mut: Mutation, case_id: str) -> MutationResult:
        if mut._base_missing:  # kept to be replayed later: it must be whole
            raise _base_needed(mut, None)
        held_rows[mut.row_id] = case_id
        held.append(
            {
                "mutation_id": mut.mutation_id,
                "case_id": case_id,
                "station": village,
                "table_name": mut.table,
                "row_id": mut.row_id,
                "payload": mut.model_dump(mode="json"),
            }
        )
        return MutationResult(mutation_id=mut.mutation_id, status="held", case_id=case_id)

    for index, (mut, digest) in enumerate(zip(mutations, digests, strict=True)):
        if mut.mutation_id in applied or mut.mutation_id in done_ids:
            prior = applied.get(mut.mutation_id)
            answer = dict(prior.answer) if prior is not None else {}
            results.append(
                MutationResult(
                    mutation_id=mut.mutation_id,
                    status="duplicate",
                    rev=answer.get("rev"),
                    case_id=answer.get("case_id"),
                    reason=answer.get("reason"),
                )
            )
            continue
        spec = TABLES.get(mut.table)
        if spec is None:
            raise SyncRefused(422, "unknown_table", f"no synced table {mut.table!r}", index=index)
        if not spec.village_writable:
            raise SyncRefused(
                403,
                "county_data",
                f"{spec.name} is kept by the county; a station may not change it",
                index=index,
            )
        values = _convert(spec, mut.fields, index)
        pid = mut.fields.get("person_id")
        held_case = held_rows.get(mut.row_id) or (
            held_rows.get(pid) if isinstance(pid, str) else None
        )
        if held_case is not None:
            push = _Push(batch, session, village, clock, now, log, revisions, held, hold)
            results.append(_after_case(push, spec, mut, held_case, index))
        elif not _village_may(spec.name, mut):
            results.append(_refused(mut, f"{spec.name}: the county keeps this row"))
        else:
            results.append(
                _apply_one(
                    batch,
                    spec,
                    mut,
                    values,
                    index,
                    village,
                    clock,
                    now,
                    log,
                    revisions,
                    hold,
                    session,
                    own=True,
                )
            )
        done_ids.add(mut.mutation_id)
        result = results[-1]
        stored: dict[str, Any] | _JsonText
        if (
            type(result.rev) is int
            and result.case_id is None
            and not result.reason
            and result.status != "refused"
        ):  # the usual answer, as json.dumps writes it (one call per mutation saved)
            stored = _JsonText(f'{{"rev": {result.rev}, "case_id": null}}')
        else:
            kept: dict[str, Any] = {"rev": result.rev, "case_id": result.case_id}
            if result.reason:
                kept["reason"] = result.reason
            if result.status == "refused":  # not applied, but never lost: the county keeps it
                kept["payload"] = mut.model_dump(mode="json")
            stored = kept
        done.append(
            {
                "mutation_id": mut.mutation_id,
                "station": village,
                "digest": digest,
                "status": result.status,
                "answer": stored,
                "applied_at": now,
            }
        )

    _write(batch)
    # plain Core executemany (the ORM's bulk insert costs several times more per row)
    for model, rows in (
        (ChangeLogEntry, log),
        (RowRevision, revisions),
        (HeldMutation, held),
        (AppliedMutation, done),
    ):
        if rows:
            _insert_many(session, model.__table__, rows)
    station.last_seen_at = now
    session.flush()
    server_seq = session.scalar(select(func.max(ChangeLogEntry.seq))) or 0
    return PushResult(results=results, server_seq=server_seq)


def _apply_one(
    batch: _Batch,
    spec: TableSpec,
    mut: Mutation,
    values: dict[str, Any],
    index: int,
    village: str,
    clock: HybridClock,
    now: datetime,
    log: list[dict[str, Any]],
    revisions: list[dict[str, Any]],
    hold: Any,
    session: Session,
    *,
    also: tuple[str, ...] = (),
    own: bool = False,
) -> MutationResult:
    """Apply one mutation into ``batch``. ``also``: more row ids whose removal from this
    village counts as this row's (a merged duplicate registration). ``own``: the mutation
    comes straight from the station's push, so a clean apply leaves the county's row equal to
    the station's: its change-log entry keeps the station's stamp, which tells ``read_pull``
    not to send the row back (see ``_is_echo``)."""
    if not own:  # a push observes its newest stamp once, before the first mutation
        clock.observe(mut.hlc)
    current = batch.row(spec.name, mut.row_id)
    conflict_ids: list[str] = []
    if mut.op == "insert":
        if current is not None:
            raise SyncRefused(
                409,
                "row_exists",
                f"{spec.name} {mut.row_id} already exists at the county",
                index=index,
            )
        whole = len(values) == len(spec.columns)  # every field sent (as a counter does)
        if whole:  # no default to fill; _convert let a null through only where allowed
            row: dict[str, Any] = dict(values)
        else:
            row = {
                key: (None if make is None else make())
                for key, make in _new_row_defaults(spec)
                if key not in values
            }
            row.update(values)
            for key, column in spec.columns.items():
                if row[key] is None and not column.nullable:
                    raise SyncRefused(
                        422, "missing_field", f"{spec.name}.{key} is required", index=index
                    )
        row.update(
            id=mut.row_id,
            rev=mut.new_rev,
            created_hlc=mut.hlc,
            updated_hlc=mut.hlc,
            origin=village,
        )
        scope = _scope(batch, spec, row, village)
        if scope is None:
            raise SyncRefused(
                422, "unknown_person", f"{spec.name} {mut.row_id}: no such person", index=index
            )
        if scope not in ("", village):
            moved = _moved_away(
                session, spec, mut, village, scope, (mut.row_id, row.get("person_id"), *also)
            )
            if moved is None:
                raise SyncRefused(
                    403,
                    "not_your_resident",
                    f"{spec.name} {mut.row_id} belongs to village {scope}, not {village}",
                    index=index,
                )
            if moved.status == "refused":
                return moved
        if spec.name == "persons":
            other = batch.number_holder(str(row["id_number"]), mut.row_id)
            if other is not None:
                case = DuplicateCase(
                    id_number=row["id_number"],
                    existing_person_id=other[0],
                    existing_village=other[1],
                    new_person_id=mut.row_id,
                    new_village=village,
                    created_at=now,
                )
                session.add(case)
                session.flush()
                result: MutationResult = hold(mut, case.id)
                return result
        batch.rows[(spec.name, mut.row_id)] = _Working(spec, row, False, True)
        sent = mut.fields
        rev, hlc = mut.new_rev, mut.hlc
        if whole and not _has_stamps(spec):  # what was sent is what is stored
            take = {key: sent[key] for key in spec.columns}
        else:
            take = {  # the wire values as stored (a timestamp loses its zone)
                key: sent[key] if key in sent and kind != "datetime" else to_wire(row.get(key))
                for key, kind in _kinds(spec)
            }
    else:
        if current is None:
            raise SyncRefused(
                409, "unknown_row", f"{spec.name} {mut.row_id} is not at the county", index=index
            )
        if spec.append_only:
            raise SyncRefused(
                422, "ledger", f"{spec.name} is a ledger: rows are never edited", index=index
            )
        old_scope = _scope(batch, spec, current.values, village)
        if old_scope not in ("", village):
            ids = (mut.row_id, current.values.get("person_id"), *also)
            moved = _moved_away(session, spec, mut, village, old_scope or "", ids)
            if moved is None:
                raise SyncRefused(
                    403,
                    "not_your_resident",
                    f"{spec.name} {mut.row_id} belongs to village {old_scope}, not {village}",
                    index=index,
                )
            if moved.status == "refused":
                return moved
        if mut.base_rev == current.values["rev"]:
            take = {  # only the fields sent are compared (a whole row to wire costs more)
                k: v for k, v in mut.fields.items() if _wire(current.values.get(k)) != v
            }
            clean = True
            outcome = None
        else:
            if mut._base_missing:
                raise _base_needed(mut, index)
            wire_now = row_to_wire(spec, current.values)
            outcome = merge(
                table=spec.name, current=wire_now, base=mut.base_fields, mine=mut.fields
            )
            take = outcome.take
            clean = False
        new_values = {k: values[k] for k in take}
        trial = {**current.values, **new_values}
        new_scope = _scope(batch, spec, trial, village)
        if new_scope not in ("", village, old_scope):
            raise SyncRefused(
                403,
                "not_your_resident",
                f"only the county moves {spec.name} {mut.row_id} to another village",
                index=index,
            )
        current.values.update(new_values)
        current.changed.update(new_values)
        if clean and mut.new_rev == current.values["rev"] + 1:
            rev, hlc = mut.new_rev, mut.hlc
        else:
            rev, hlc = int(current.values["rev"]) + 1, clock.now()
        current.values.update(rev=rev, updated_hlc=hlc)
        current.changed.update(("rev", "updated_hlc"))
        current.dirty = True
        if outcome is not None:
            for c in outcome.conflicts:
                record = ConflictRecord(
                    table_name=spec.name,
                    row_id=mut.row_id,
                    field=c.field,
                    scope=old_scope or "",
                    station=village,
                    mutation_id=mut.mutation_id,
                    values={"base": c.base, "village": c.village, "county": c.county},
                    created_at=now,
                )
                session.add(record)
                session.flush()
                conflict_ids.append(record.id)
    scope = _scope(batch, spec, batch.rows[(spec.name, mut.row_id)].values, village)  # type: ignore[union-attr]
    log.append(
        {
            "table_name": spec.name,
            "row_id": mut.row_id,
            "scope": scope or "",
            "op": mut.op,
            "rev": rev,
            # the station's own stamp only when the station has exactly this row already
            "hlc": hlc if own or not _is_echo(hlc, village) else clock.now(),
        }
    )
    revisions.append(
        {
            "table_name": spec.name,
            "row_id": mut.row_id,
            "rev": rev,
            "hlc": hlc,
            "station": village,
            "mutation_id": mut.mutation_id,
            "fields": take,
        }
    )
    return MutationResult(
        mutation_id=mut.mutation_id,
        status="conflict" if conflict_ids else "applied",
        rev=rev,
        conflict_ids=conflict_ids,
        case_id=None,
        reason=None,
    )


def _village_may(table: str, mut: Mutation) -> bool:
    """False for a change a station may not make to a table it only answers
    (``VILLAGE_ONLY_FIELDS``: an update of those fields, nothing else)."""
    only = VILLAGE_ONLY_FIELDS.get(table)
    return only is None or (mut.op == "update" and set(mut.fields) <= only)


def _is_echo(hlc: str, village: str) -> bool:
    """A change-log stamp made by ``village``'s own counter: the entry records a mutation of
    that station applied as it was made, so the station already has the row exactly (every
    other writer logs a county stamp)."""
    return hlc.endswith("-" + village)


def _refused(mut: Mutation, reason: str) -> MutationResult:
    """Not applied; the county keeps the mutation (``county_applied_mutations.answer``)."""
    return MutationResult(mutation_id=mut.mutation_id, status="refused", reason=reason)


def _moved_away(
    session: Session,
    spec: TableSpec,
    mut: Mutation,
    village: str,
    scope: str,
    ids: tuple[Any, ...],
) -> MutationResult | None:
    """A mutation on a row this village no longer sees. None: it never did (the batch is
    refused). An ``applied`` result: it was made before the row left the village, so it is
    taken (and reaches the village that has the person now). A ``refused`` result: made after;
    the village is told why and the county keeps it."""
    wanted = [i for i in ids if isinstance(i, str) and i]
    left = session.scalar(
        select(func.max(ChangeLogEntry.hlc)).where(
            ChangeLogEntry.scope == village,
            ChangeLogEntry.op == REMOVE_OP,
            ChangeLogEntry.row_id.in_(wanted),
        )
    )
    if left is None:
        return None
    if mut.hlc[:22] < left[:22]:
        return MutationResult(mutation_id=mut.mutation_id, status="applied")
    return _refused(
        mut,
        f"{spec.name} {mut.row_id}: the county moved this person to village {scope}; "
        "the change was not applied and is kept at the county",
    )


@dataclass
class _Push:
    """What applying mutations needs (a push batch, or the county replaying held ones)."""

    batch: _Batch
    session: Session
    village: str
    clock: HybridClock
    now: datetime
    log: list[dict[str, Any]]
    revisions: list[dict[str, Any]]
    held: list[dict[str, Any]]
    hold: Any

    def apply(
        self, spec: TableSpec, mut: Mutation, index: int, also: tuple[str, ...] = ()
    ) -> MutationResult:
        values = _convert(spec, mut.fields, index)
        return _apply_one(
            self.batch,
            spec,
            mut,
            values,
            index,
            self.village,
            self.clock,
            self.now,
            self.log,
            self.revisions,
            self.hold,
            self.session,
            also=also,
        )

    def finish(self) -> None:
        """Write rows, change log, revisions and held mutations (not applied-mutation ids)."""
        _write(self.batch)
        if self.log:
            self.session.execute(insert(ChangeLogEntry), self.log)
            self.log.clear()
        if self.revisions:
            self.session.execute(insert(RowRevision), self.revisions)
            self.revisions.clear()
        if self.held:
            self.session.execute(insert(HeldMutation), self.held)
            self.held.clear()


def _held_mutations(session: Session, case_id: str) -> list[Mutation]:
    """The mutations held with a case, in the order their station made them."""
    rows = session.scalars(select(HeldMutation).where(HeldMutation.case_id == case_id))
    found = [Mutation.model_validate(r.payload) for r in rows]
    found.sort(key=lambda m: (m.hlc[:22], RANK.get(m.table, len(RANK))))
    return found


def _one_per_person(spec: TableSpec) -> bool:
    column = spec.model.__table__.c.get("person_id")  # type: ignore[attr-defined]
    return column is not None and bool(column.unique)


def _after_case(
    push: _Push, spec: TableSpec, mut: Mutation, case_id: str, index: int
) -> MutationResult:
    """A mutation hanging from a duplicate registration: held while the case is open; after
    the decision it is redirected (merged), held until the ID number is corrected (refused),
    or applied as any other (corrected)."""
    case = push.session.get(DuplicateCase, case_id)
    if case is None or case.status == "open":
        result: MutationResult = push.hold(mut, case_id)
        return result
    if case.status == "refused":
        if (
            mut.table == "persons"
            and mut.row_id == case.new_person_id
            and "id_number" in mut.fields
        ):
            released = _release(push, case, mut, index)
            if released is not None:
                return released
        result = push.hold(mut, case_id)
        return result
    if case.status == "merged":
        return _onto_merged(push, spec, mut, case, index)
    return push.apply(spec, mut, index)


def _release(
    push: _Push, case: DuplicateCase, mut: Mutation | None, index: int
) -> MutationResult | None:
    """A refused registration whose ID number has been corrected: insert the person as the
    station has it now and replay what was held behind it. None while it still clashes."""
    session = push.session
    if push.held:
        session.execute(insert(HeldMutation), push.held)
        push.held.clear()
    earlier = _held_mutations(session, case.id)
    own = [m for m in earlier if m.table == "persons" and m.row_id == case.new_person_id]
    anchor = mut or (own[-1] if own else None)
    if anchor is None:
        return None
    fields: dict[str, Any] = {}
    for m in own:
        fields.update(m.fields)
    if mut is not None:
        fields.update(mut.fields)
    new_id = fields.get("id_number")
    if not isinstance(new_id, str) or new_id == case.id_number:
        return None
    clash = session.execute(
        select(Person.id, Person.village_code).where(
            Person.id_number == new_id, Person.id != case.new_person_id
        )
    ).first()
    if clash is not None:  # corrected into someone else's number: a new question
        case.status, case.id_number = "open", new_id
        case.existing_person_id, case.existing_village = clash[0], clash[1]
        return None
    person = Mutation(
        mutation_id=anchor.mutation_id,
        table="persons",
        row_id=case.new_person_id,
        op="insert",
        base_rev=0,
        new_rev=anchor.new_rev,
        fields=fields,
        hlc=anchor.hlc,
        actor=anchor.actor,
    )
    result = push.apply(TABLES["persons"], person, index)
    if result.status != "applied":
        return result
    for m in earlier:
        if m.table in TABLES and not (m.table == "persons" and m.row_id == case.new_person_id):
            push.apply(TABLES[m.table], m, index)
    ids = [m.mutation_id for m in earlier]
    for start in range(0, len(ids), 500):
        session.execute(
            update(AppliedMutation)
            .where(AppliedMutation.mutation_id.in_(ids[start : start + 500]))
            .values(status="applied")
        )
    case.status = "corrected"
    return result


def _onto_merged(
    push: _Push, spec: TableSpec, mut: Mutation, case: DuplicateCase, index: int
) -> MutationResult:
    """A later change to a registration the county merged into the existing person: person
    fields merge onto them (three-way, conflicts kept), new records hang from them."""
    target = case.existing_person_id
    if not _decision(case).get("keep_held", True):
        return _refused(
            mut,
            f"the county merged the two registrations of ID number {case.id_number} and "
            "did not take the second one's records",
        )
    if spec.name == "persons":
        if mut.row_id != case.new_person_id:
            return push.apply(spec, mut, index)
        fields = {k: v for k, v in mut.fields.items() if k not in _NOT_MERGED}
        if not fields:
            return MutationResult(mutation_id=mut.mutation_id, status="applied")
        onto = mut.model_copy(
            update={
                "row_id": target,
                "op": "update",
                "base_rev": 0,  # never the existing person's revision: always a field merge
                "fields": fields,
                "base_fields": {k: v for k, v in mut.base_fields.items() if k not in _NOT_MERGED},
            }
        )
        return push.apply(spec, onto, index, also=(case.new_person_id,))
    fields = dict(mut.fields)
    if fields.get("person_id") == case.new_person_id:
        fields["person_id"] = target
    exists = push.batch.row(spec.name, mut.row_id) is not None
    if mut.op != "insert" and not exists:
        return _refused(
            mut,
            f"{spec.name} {mut.row_id} was dropped when the county merged the two "
            f"registrations of ID number {case.id_number}",
        )
    if mut.op == "insert" and _one_per_person(spec):
        model: Any = spec.model
        if push.session.scalar(select(model.id).where(model.person_id == target)) is not None:
            return _refused(
                mut,
                f"the person with ID number {case.id_number} already has a record in "
                f"{spec.name} at the county",
            )
    return push.apply(
        spec, mut.model_copy(update={"fields": fields}), index, also=(case.new_person_id,)
    )


def _write(batch: _Batch) -> None:
    """Write every touched row once, parents first."""
    dirty: dict[str, list[_Working]] = {}  # per table, in the order the batch touched them
    for working in batch.rows.values():
        if working is not None and working.dirty:
            dirty.setdefault(working.spec.name, []).append(working)
    for name in TABLE_ORDER:
        rows = dirty.get(name)
        if not rows:
            continue
        spec = rows[0].spec
        table = spec.model.__table__  # type: ignore[attr-defined]
        # a new row's values are its columns (no copy) unless a key is not its column's name
        renamed = spec.name in _RENAMED
        new = [_to_columns(spec, w.values) if renamed else w.values for w in rows if not w.exists]
        if new:
            _insert_many(batch.session, table, new)
        changed: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for w in rows:
            if w.exists:  # only the columns that changed (an UPDATE of the whole row costs more)
                keys = w.changed - {"id"} or set(w.values) - {"id"}
                values = _to_columns(spec, {k: w.values[k] for k in sorted(keys)})
                values["_row_id"] = w.values["id"]
                changed.setdefault(tuple(values), []).append(values)
            else:
                w.exists = True
            w.dirty = False
            w.changed.clear()
        for params in changed.values():  # one executemany UPDATE per shape, not one per row
            if not _update_many(batch.session, table, params):
                batch.session.execute(
                    update(table).where(table.c.id == bindparam("_row_id")), params
                )


# column types a JSON text gives to PostgreSQL exactly as the driver would bind them
_JSON_SAFE = (String, Integer, Boolean, Date)
_UPDATE_FROM: dict[tuple[str, tuple[str, ...]], str | None] = {}


def _update_many(session: Session, table: Any, params: list[dict[str, Any]]) -> bool:
    """On PostgreSQL, many rows of one shape (``_row_id`` and the columns to set) in ONE
    ``UPDATE ... FROM json_to_recordset(:rows)`` instead of a statement per row (the pipelined
    executemany sent and planned 1,000 statements for a push of 1,000). False: not done (few
    rows, another database, or a column type this path does not take), use executemany."""
    if len(params) < 20:
        return False
    conn = session.connection()
    dialect = conn.dialect
    if dialect.name != "postgresql":
        return False
    keys = tuple(params[0])
    cache_key = (table.name, keys)
    sql = _UPDATE_FROM.get(cache_key, ...)
    if sql is ...:
        sql = None
        columns = [table.c.get(k) for k in keys if k != "_row_id"]
        if "_row_id" in keys and all(
            c is not None and isinstance(c.type, _JSON_SAFE) and not isinstance(c.type, DateTime)
            for c in columns
        ):
            prep = dialect.identifier_preparer
            shape = ", ".join(
                [f"{prep.quote('_row_id')} text"]
                + [f"{prep.quote(c.name)} {c.type.compile(dialect=dialect)}" for c in columns]
            )
            sets = ", ".join(f"{prep.quote(c.name)} = v.{prep.quote(c.name)}" for c in columns)
            sql = (
                f"UPDATE {prep.format_table(table)} AS t SET {sets} "
                f"FROM json_to_recordset(%(rows)s::json) AS v({shape}) "
                f"WHERE t.{prep.quote(table.c.id.name)} = v.{prep.quote('_row_id')}"
            )
        _UPDATE_FROM[cache_key] = sql
    if sql is None or any(tuple(p) != keys for p in params):
        return False
    try:
        rows = json.dumps(params, default=_iso, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):  # a value JSON does not carry as the driver would
        return False
    conn.exec_driver_sql(sql, {"rows": rows})
    return True


def _iso(value: Any) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not a JSON value: {value!r}")


# -- county edits, conflicts, duplicates ---------------------------------------------------
def county_edit(
    *,
    session: Session,
    table: str,
    row_id: str,
    fields: dict[str, Any],
    by: str,
    clock: HybridClock,
) -> int:
    """Change fields of one row at the county (an officer or data matching). Returns the rev."""
    lock_change_log(session)
    spec = TABLES.get(table)
    if spec is None:
        raise SyncRefused(422, "unknown_table", f"no synced table {table!r}")
    values = _convert(spec, fields, 0)
    batch = _Batch(session)
    current = batch.row(table, row_id)
    if current is None:
        raise SyncRefused(404, "unknown_row", f"{table} {row_id} is not at the county")
    if spec.append_only:
        raise SyncRefused(422, "ledger", f"{table} is a ledger: rows are never edited")
    old_village = str(current.values.get("village_code") or "")
    moving = table == "persons" and values.get("village_code", old_village) != old_village
    household = current.values.get("household_id")
    if moving and "household_id" not in values and household:
        there = session.scalar(select(Household.village_code).where(Household.id == household))
        if there != values["village_code"]:  # the household stays behind
            values["household_id"] = None
            values.setdefault("relation", "")
    take = {k: to_wire(v) for k, v in values.items()}
    current.values.update(values)
    rev = int(current.values["rev"]) + 1
    hlc = clock.now()
    current.values.update(rev=rev, updated_hlc=hlc)
    current.changed.update((*values, "rev", "updated_hlc"))
    current.dirty = True
    _write(batch)
    scope = _scope(batch, spec, current.values, COUNTY_NODE) or ""
    op = "delete" if values.get("deleted") is True else "update"
    session.execute(
        insert(ChangeLogEntry),
        [{"table_name": table, "row_id": row_id, "scope": scope, "op": op, "rev": rev, "hlc": hlc}],
    )
    session.execute(
        insert(RowRevision),
        [
            {
                "table_name": table,
                "row_id": row_id,
                "rev": rev,
                "hlc": hlc,
                "station": COUNTY_NODE,
                "mutation_id": "",
                "fields": {"_by": by, **take},
            }
        ],
    )
    if moving:
        _log_move(session, row_id, rev, hlc, old_village, str(values["village_code"]))
    return rev


def _child_rows(session: Session, person_id: str) -> list[tuple[str, str, int, str]]:
    """(table, id, rev, stamp) of every row hanging from a person, parents first."""
    found: list[tuple[str, str, int, str]] = []
    for name in TABLE_ORDER:
        spec = TABLES[name]
        if spec.scope is not Scope.PERSON:
            continue
        model: Any = spec.model
        for row_id, rev, hlc in session.execute(
            select(model.id, model.rev, model.updated_hlc)
            .where(model.person_id == person_id)
            .order_by(model.id)
        ):
            found.append((name, row_id, rev, hlc))
    return found


def _removals(rows: list[tuple[str, str, int]], village: str, hlc: str) -> list[dict[str, Any]]:
    """Change-log entries telling ``village`` to drop rows, dependents before parents."""
    ordered = sorted(rows, key=lambda r: -RANK.get(r[0], 0))
    return [
        {"table_name": t, "row_id": r, "scope": village, "op": REMOVE_OP, "rev": rev, "hlc": hlc}
        for t, r, rev in ordered
    ]


def _log_move(session: Session, person_id: str, rev: int, hlc: str, old: str, new: str) -> None:
    """A moved person: the old village is told to drop them and their records (the county
    keeps everything); the new village receives the records (the person row is logged by the
    edit itself). Open conflicts about them go with them."""
    children = _child_rows(session, person_id)
    entries = _removals(
        [(t, r, v) for t, r, v, _h in children] + [("persons", person_id, rev)], old, hlc
    )
    gone, come = _moved_vacancies(
        session, [r for t, r, _v, _h in children if t == "referrals"], old, new, hlc
    )
    entries += gone + come  # the vacancies before the referrals that point to them
    entries += [
        {"table_name": t, "row_id": r, "scope": new, "op": "update", "rev": v, "hlc": hlc}
        for t, r, v, _h in children
    ]
    session.execute(insert(ChangeLogEntry), entries)
    ids = [person_id] + [r for _t, r, _v, _h in children]
    for start in range(0, len(ids), 500):
        session.execute(
            update(ConflictRecord)
            .where(
                ConflictRecord.status == "open",
                ConflictRecord.row_id.in_(ids[start : start + 500]),
            )
            .values(scope=new)
        )


def _moved_vacancies(
    session: Session, referral_ids: list[str], old: str, new: str, hlc: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Vacancies published to chosen villages that a moved person's referrals point to (the
    person is already in ``new``): the old village is told to drop the ones it no longer
    sees, the new village receives the ones it sees only through these referrals, so a
    referral never reaches a counter without its vacancy."""
    if not referral_ids:
        return [], []
    found: list[tuple[str, int]] = []
    for start in range(0, len(referral_ids), 500):
        chunk = referral_ids[start : start + 500]
        found += [
            (str(vid), int(rev))
            for vid, rev in session.execute(
                select(Vacancy.id, Vacancy.rev).where(
                    Vacancy.id.in_(select(Referral.vacancy_id).where(Referral.id.in_(chunk))),
                    exists().where(VacancyTarget.vacancy_id == Vacancy.id),
                )
            )
        ]
    ids = sorted({vid for vid, _rev in found})
    revs = dict(found)
    still = vacancies_visible(session, old, ids)
    now = vacancies_visible(session, new, ids)

    def entry(vid: str, scope: str, op: str) -> dict[str, Any]:
        return {
            "table_name": "vacancies",
            "row_id": vid,
            "scope": scope,
            "op": op,
            "rev": revs[vid],
            "hlc": hlc,
        }

    return (
        [entry(vid, old, REMOVE_OP) for vid in ids if vid not in still],
        [entry(vid, new, "update") for vid in ids if vid in now],
    )


def move_person(
    *,
    session: Session,
    person_id: str,
    village_code: str,
    by: str,
    clock: HybridClock,
    household_id: str | None = None,
) -> int:
    """The county moves a person (and everything hanging from them) to another village.

    The new village receives them with all their records at its next sync; the old village
    is told to remove its copy; nothing is removed at the county. Returns the person's rev.
    """
    code = parse_village_code(village_code, field="village_code").code
    fields: dict[str, Any] = {"village_code": code}
    if household_id is not None:
        there = session.scalar(select(Household.village_code).where(Household.id == household_id))
        if there != code:
            raise SyncRefused(
                422, "bad_household", f"household {household_id} is not in village {code}"
            )
        fields["household_id"] = household_id
    return county_edit(
        session=session, table="persons", row_id=person_id, fields=fields, by=by, clock=clock
    )


def _conflict_info(record: ConflictRecord) -> ConflictInfo:
    values = record.values
    return ConflictInfo(
        id=record.id,
        table=record.table_name,
        row_id=record.row_id,
        field=record.field,
        base=values.get("base"),
        village=values.get("village"),
        county=values.get("county"),
        resolved=values.get("resolved"),
        status=record.status,
        station=record.station,
    )


def list_conflicts(
    *, session: Session, village: str | None = None, status: str | None = None
) -> list[ConflictInfo]:
    query = select(ConflictRecord).order_by(ConflictRecord.created_at, ConflictRecord.id)
    if village is not None:
        query = query.where(ConflictRecord.scope == village)
    if status is not None:
        query = query.where(ConflictRecord.status == status)
    return [_conflict_info(r) for r in session.scalars(query)]


def resolve_conflict(
    *,
    session: Session,
    conflict_id: str,
    value: Any,
    by: str,
    clock: HybridClock,
    now: datetime,
) -> ConflictInfo:
    """A person decides a conflict: ``value`` goes into the row (and so back to the village);
    the record keeps base, village and county values."""
    record = session.get(ConflictRecord, conflict_id)
    if record is None:
        raise SyncRefused(404, "unknown_conflict", f"no conflict {conflict_id}")
    if record.status != "open":
        raise SyncRefused(409, "already_resolved", f"conflict {conflict_id} is already resolved")
    county_edit(
        session=session,
        table=record.table_name,
        row_id=record.row_id,
        fields={record.field: value},
        by=by,
        clock=clock,
    )
    record.values = {**record.values, "resolved": value}
    record.status = "resolved"
    record.resolved_by = by
    record.resolved_at = now
    return _conflict_info(record)


def _decision(case: DuplicateCase) -> dict[str, Any]:
    """The decision kept in ``note`` (JSON): reason, by, at, village, kept, dropped."""
    try:
        found = json.loads(case.note) if case.note else {}
    except ValueError:
        found = {"reason": case.note}
    return found if isinstance(found, dict) else {"reason": str(found)}


def _duplicate_info(case: DuplicateCase, held: int) -> DuplicateInfo:
    decided = _decision(case)
    return DuplicateInfo(
        id=case.id,
        id_number=case.id_number,
        existing_person_id=case.existing_person_id,
        existing_village=case.existing_village,
        new_person_id=case.new_person_id,
        new_village=case.new_village,
        status=case.status,
        held_mutations=held,
        reason=str(decided.get("reason", "")),
        decided_by=str(decided.get("by", "")),
        decided_at=str(decided.get("at", "")),
        target_village=str(decided.get("village", "")),
        kept=int(decided.get("kept", 0)),
        dropped=int(decided.get("dropped", 0)),
    )


def list_duplicates(*, session: Session, village: str | None = None) -> list[DuplicateInfo]:
    """Every case (the county), or the cases a village is part of (its counter)."""
    held = dict(
        session.execute(
            select(HeldMutation.case_id, func.count()).group_by(HeldMutation.case_id)
        ).all()
    )
    query = select(DuplicateCase).order_by(DuplicateCase.created_at, DuplicateCase.id)
    if village is not None:
        query = query.where(
            or_(DuplicateCase.new_village == village, DuplicateCase.existing_village == village)
        )
    return [_duplicate_info(c, int(held.get(c.id, 0))) for c in session.scalars(query)]


def _no_hold(mut: Mutation, case_id: str) -> MutationResult:
    raise SyncRefused(409, "duplicate", f"{mut.row_id} clashes with another person")


def decide_duplicate(
    *,
    session: Session,
    case_id: str,
    decision: str,
    by: str,
    clock: HybridClock,
    now: datetime,
    village_code: str | None = None,
    keep_held: bool = True,
    reason: str = "",
) -> DuplicateInfo:
    """The county decides a duplicate-person case (see ``protocol.DuplicateDecision``).

    ``merge``: the second station is told to drop its copy of the second registration; the
    existing person is moved to ``village_code`` (default: where they are); with ``keep_held``
    the held registration's fields are re-applied onto them — empty fields filled, differing
    ones opened as conflicts — and the records held behind it hang from them now. ``refuse``:
    the second registration stays held and its station is told ``reason``; it goes through
    once its ID number is corrected there.
    """
    lock_change_log(session)
    case = session.get(DuplicateCase, case_id)
    if case is None:
        raise SyncRefused(404, "unknown_case", f"no duplicate-person case {case_id}")
    if case.status != "open":
        raise SyncRefused(409, "already_decided", f"case {case_id} is already {case.status}")
    note: dict[str, Any] = {"reason": reason.strip(), "by": by, "at": now.isoformat()}
    held = _held_mutations(session, case.id)
    push = _Push(_Batch(session), session, case.new_village, clock, now, [], [], [], _no_hold)
    if decision == "refuse":
        if not reason.strip():
            raise SyncRefused(422, "no_reason", "say why the registration is refused")
        case.status = "refused"
        case.note = json.dumps(note, ensure_ascii=False)
        if _release(push, case, None, 0) is not None:  # already corrected at the village
            note["corrected"] = True
        push.finish()
        case.note = json.dumps(note, ensure_ascii=False)
        return _duplicate_info(case, len(held))
    if decision != "merge":
        raise SyncRefused(422, "bad_decision", "decision must be merge or refuse")
    existing = session.get(Person, case.existing_person_id)
    if existing is None:
        raise SyncRefused(409, "unknown_person", "the existing person is not at the county")
    target = parse_village_code(village_code or existing.village_code, field="village_code").code
    new_id = case.new_person_id
    # 1. the second station drops its copy of the registration and of what hangs from it
    revs: dict[tuple[str, str], int] = {("persons", new_id): 0}
    for m in held:
        revs[(m.table, m.row_id)] = max(revs.get((m.table, m.row_id), 0), m.new_rev)
    session.execute(
        insert(ChangeLogEntry),
        _removals([(t, r, v) for (t, r), v in revs.items()], case.new_village, clock.now()),
    )
    # 2. the person: fields of the second registration, and the village the county chose
    person_spec = TABLES["persons"]
    view: dict[str, Any] = {}
    for m in held:
        if m.table == "persons" and m.row_id == new_id:
            view.update(m.fields)
    current = row_to_wire(person_spec, _load_rows(session, person_spec, [existing.id])[existing.id])
    take: dict[str, Any] = {}
    differ: list[tuple[str, Any, Any]] = []
    if keep_held:
        for key, value in view.items():
            if key in _NOT_MERGED or key not in person_spec.columns:
                continue
            county_value = current.get(key)
            if value == county_value:
                continue
            if county_value in (None, ""):
                take[key] = value
            else:
                differ.append((key, county_value, value))
    if target != existing.village_code:
        take["village_code"] = target
        household = view.get("household_id") if keep_held else None
        if target == case.new_village and isinstance(household, str):
            there = session.scalar(select(Household.village_code).where(Household.id == household))
            if there == target:
                take["household_id"] = household
                take["relation"] = view.get("relation", "")
    if take:
        county_edit(
            session=session, table="persons", row_id=existing.id, fields=take, by=by, clock=clock
        )
    first = next((m.mutation_id for m in held if m.row_id == new_id), "")
    for key, county_value, value in differ:
        session.add(
            ConflictRecord(
                table_name="persons",
                row_id=existing.id,
                field=key,
                scope=target,
                station=case.new_village,
                mutation_id=first,
                values={"base": None, "village": value, "county": county_value},
                created_at=now,
            )
        )
    # 3. the records held behind the registration now hang from the existing person
    kept = dropped = 0
    rows: dict[tuple[str, str], list[Mutation]] = {}
    for m in held:
        if not (m.table == "persons" and m.row_id == new_id):
            rows.setdefault((m.table, m.row_id), []).append(m)
    push.village = target
    skipped: set[str] = set()
    for (table, row_id), muts in rows.items():
        spec = TABLES.get(table)
        fields: dict[str, Any] = {}
        for m in muts:
            fields.update(m.fields)
        if fields.get("person_id") == new_id:
            fields["person_id"] = existing.id
        refs = [
            fields.get(fk.parent.name)
            for fk in (spec.model.__table__.foreign_keys if spec else ())  # type: ignore[attr-defined]
        ]
        model: Any = spec.model if spec else None
        if (
            spec is None
            or not keep_held
            or muts[0].op != "insert"
            or any(r in skipped for r in refs)
            or push.batch.row(table, row_id) is not None
            or (
                _one_per_person(spec)
                and session.scalar(select(model.id).where(model.person_id == existing.id))
                is not None
            )
        ):
            skipped.add(row_id)
            dropped += 1
            continue
        last = muts[-1]
        one = Mutation(
            mutation_id=last.mutation_id,
            table=table,
            row_id=row_id,
            op="insert",
            base_rev=0,
            new_rev=last.new_rev,
            fields=fields,
            hlc=last.hlc,
            actor=last.actor,
        )
        push.apply(spec, one, 0)
        working = push.batch.rows[(table, row_id)]
        if working is not None:
            working.values["origin"] = case.new_village
        kept += 1
    for entry in push.revisions:
        entry["station"] = case.new_village
    push.finish()
    ids = [m.mutation_id for m in held]
    for start in range(0, len(ids), 500):
        session.execute(
            update(AppliedMutation)
            .where(AppliedMutation.mutation_id.in_(ids[start : start + 500]))
            .values(status="merged" if keep_held else "dropped")
        )
    case.status = "merged"
    note.update(
        village=target, keep_held=keep_held, kept=kept, dropped=dropped, conflicts=len(differ)
    )
    case.note = json.dumps(note, ensure_ascii=False)
    return _duplicate_info(case, len(held))


# -- pull ----------------------------------------------------------------------------------
# Vacancies published to chosen villages (dashboard_vacancy_targets): a county-wide table
# whose rows each station sees or not. Snapshots and counts select them with
# ``county_visible_ids``; a ``c:N`` page decides each vacancy by what the station sees now
# (``_vacancy_changes``), so an edit logged for everyone reaches only the targets.
def vacancy_visible(village: str) -> Any:
    """A clause over ``vacancies``: ``village`` may see the vacancy. Published to every
    village (no target row), published to it, or one of its residents was referred to it (a
    village taken off the targets keeps a vacancy its referral records point to)."""
    targeted = exists().where(VacancyTarget.vacancy_id == Vacancy.id)
    chosen = exists().where(
        VacancyTarget.vacancy_id == Vacancy.id, VacancyTarget.village_code == village
    )
    referred = exists().where(
        Referral.vacancy_id == Vacancy.id,
        Referral.person_id == Person.id,
        Person.village_code == village,
    )
    return or_(~targeted, chosen, referred)


def county_visible_ids(spec: TableSpec, village: str) -> Any:
    """``tables.visible_ids`` at the county, where vacancies are filtered by their targets
    (a counter holds only the vacancies it was sent, so it counts all it has)."""
    query = visible_ids(spec, village)
    if spec.name == "vacancies":
        query = query.where(vacancy_visible(village))
    return query


def vacancies_visible(session: Session, village: str, ids: list[str]) -> set[str]:
    """Which of the vacancies ``ids`` ``village`` may see."""
    seen: set[str] = set()
    for start in range(0, len(ids), 500):
        seen.update(
            session.scalars(
                select(Vacancy.id).where(
                    Vacancy.id.in_(ids[start : start + 500]), vacancy_visible(village)
                )
            )
        )
    return seen


def _vacancy_changes(
    session: Session, village: str, entries: list[Any], last: dict[tuple[str, str], int]
) -> dict[int, Change | None]:
    """The vacancies of a ``c:N`` page (by entry index; None: nothing to send), decided by
    what the station sees now, not by the entry: the current row while it may see the
    vacancy (also for a ``remove`` logged when it was taken off the targets, if one of its
    residents has been referred to it since); a ``remove`` when it may not and the page holds
    a ``remove`` for it (a later edit, logged for everyone, must not hide that removal);
    otherwise nothing (an edit of a vacancy published to other villages). The station's
    own edits (echo) are left to the caller."""
    picked = {
        i: entries[i]
        for (table, _row), i in last.items()
        if table == "vacancies"
        and (entries[i][3] == REMOVE_OP or not _is_echo(entries[i][5], village))
    }
    if not picked:
        return {}
    spec = TABLES["vacancies"]
    ids = sorted({entry[2] for entry in picked.values()})
    rows = _load_rows(session, spec, sorted(vacancies_visible(session, village, ids)))
    removed = {e[2] for e in entries if e[1] == "vacancies" and e[3] == REMOVE_OP}
    out: dict[int, Change | None] = {}
    for i, (seq, table, row_id, op, rev, hlc) in picked.items():
        row = rows.get(row_id)
        if row is not None:
            out[i] = _change(spec, row, seq, "update" if op == REMOVE_OP else op)
        elif row_id in removed:
            out[i] = _removal(seq, table, row_id, rev, hlc)
        else:
            out[i] = None
    return out


def _vacancies_of_referrals(session: Session, village: str, changes: list[Change]) -> list[Change]:
    """Vacancies published to chosen villages that referrals in this page point to (the
    county sent the referral: a person moved or merged here), sent along in the same page so
    the counter never holds a referral without its vacancy (it checks foreign keys when the
    page commits). A row the station has already is simply written again."""
    seqs: dict[str, int] = {}
    for change in changes:
        vacancy_id = change.fields.get("vacancy_id")
        if change.table == "referrals" and change.op != REMOVE_OP and vacancy_id:
            seqs.setdefault(str(vacancy_id), change.seq)
    for change in changes:
        if change.table == "vacancies":
            seqs.pop(change.row_id, None)
    if not seqs:
        return []
    ids = sorted(seqs)
    targeted: set[str] = set()
    for start in range(0, len(ids), 500):
        targeted.update(
            session.scalars(
                select(VacancyTarget.vacancy_id).where(
                    VacancyTarget.vacancy_id.in_(ids[start : start + 500])
                )
            )
        )
    if not targeted:
        return []
    spec = TABLES["vacancies"]
    seen = vacancies_visible(session, village, sorted(targeted))
    rows = _load_rows(session, spec, sorted(seen))
    return [_change(spec, row, seqs[row_id], "update") for row_id, row in sorted(rows.items())]


def _visible(batch: _Batch, spec: TableSpec, row: dict[str, Any], village: str) -> bool:
    scope = _scope(batch, spec, row, "")
    return scope == "" or scope == village


def _removal(seq: int, table: str, row_id: str, rev: int, hlc: str) -> Change:
    """A row the station must drop (it may no longer see it); no fields travel."""
    return Change(
        seq=seq,
        table=table,
        row_id=row_id,
        op=REMOVE_OP,
        rev=rev,
        hlc=hlc,
        created_hlc=hlc,
        origin="",
        deleted=True,
        fields={},
    )


def _change(spec: TableSpec, row: dict[str, Any], seq: int, op: str) -> Change:
    return Change(
        seq=seq,
        table=spec.name,
        row_id=row["id"],
        op=op,
        rev=row["rev"],
        hlc=row["updated_hlc"],
        created_hlc=row["created_hlc"],
        origin=row["origin"],
        deleted=bool(row["deleted"]),
        fields=row_to_wire(spec, row),
    )


def read_pull(
    *,
    session: Session,
    station: CountyStation,
    cursor: str,
    limit: int,
    snapshot_after: int,
    compact: bool = False,
) -> PullPage:
    """One page of what the station may see after ``cursor``.

    Cursors: ``""`` starts a snapshot; ``c:N`` = changes after log seq N; ``s:N:T:ID`` = a
    snapshot (consistent with seq N) at table index T after row id ID (a person table:
    ``ID`` = ``<person id>/<row id>``, pages by person, ``_person_page``; a row id alone, from
    a county before that, goes on in row id order). A station more than
    ``snapshot_after`` changes behind is answered with a snapshot instead. With ``compact``
    snapshot rows come column-wise in ``PullPage.blocks`` (the counter asked for it).
    """
    village = station.village_code
    server_seq = session.scalar(select(func.max(ChangeLogEntry.seq))) or 0
    parts = cursor.split(":") if cursor else []
    try:
        if not parts:
            mode, upto, tindex, after_id = "s", server_seq, 0, ""
        elif parts[0] == "c" and len(parts) == 2:
            mode, upto, tindex, after_id = "c", int(parts[1]), 0, ""
        elif parts[0] == "s" and len(parts) == 4:
            mode, upto, tindex, after_id = "s", int(parts[1]), int(parts[2]), parts[3]
        else:
            raise ValueError(cursor)
    except ValueError as exc:
        raise SyncRefused(422, "bad_cursor", f"not a pull cursor: {cursor!r}") from exc
    if upto < 0 or upto > server_seq or not 0 <= tindex <= len(TABLE_ORDER):
        raise SyncRefused(422, "bad_cursor", f"cursor {cursor!r} is not from this county")
    batch = _Batch(session)
    entries: list[Any] = []
    more = False
    if mode == "c":
        entries = list(
            session.execute(
                select(
                    ChangeLogEntry.seq,
                    ChangeLogEntry.table_name,
                    ChangeLogEntry.row_id,
                    ChangeLogEntry.op,
                    ChangeLogEntry.rev,
                    ChangeLogEntry.hlc,
                )
                .where(
                    ChangeLogEntry.seq > upto,
                    or_(ChangeLogEntry.scope == "", ChangeLogEntry.scope == village),
                )
                .order_by(ChangeLogEntry.seq)
                .limit(limit + 1)  # one more: is there a next page (no empty last pull)
            )
        )
        more = len(entries) > limit
        del entries[limit:]
        # A page that is not full holds everything after the cursor: the station is that far
        # behind, no more (a quiet sync needs no count).
        if len(entries) >= limit or limit > snapshot_after:
            behind = (
                session.scalar(
                    select(func.count())
                    .select_from(ChangeLogEntry)
                    .where(
                        ChangeLogEntry.seq > upto,
                        or_(ChangeLogEntry.scope == "", ChangeLogEntry.scope == village),
                    )
                )
                or 0
            )
            if behind > snapshot_after:  # too far behind: a snapshot instead
                mode, upto, tindex, after_id = "s", server_seq, 0, ""
    if mode == "c":
        last: dict[tuple[str, str], int] = {}
        for i, (_seq, table, row_id, _op, _rev, _hlc) in enumerate(entries):
            last[(table, row_id)] = i
        wanted: dict[str, list[str]] = {}
        for (table, row_id), i in last.items():
            if (
                table in TABLES
                and entries[i][3] != REMOVE_OP
                and not _is_echo(entries[i][5], village)
            ):
                wanted.setdefault(table, []).append(row_id)
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for table, ids in wanted.items():
            for row_id, row in _load_rows(session, TABLES[table], ids).items():
                rows[(table, row_id)] = row
        vacancies = _vacancy_changes(session, village, entries, last)
        changes = []
        for i, (seq, table, row_id, op, rev, hlc) in enumerate(entries):
            if last[(table, row_id)] != i:
                continue
            if i in vacancies:  # by what the station sees now (published to chosen villages)
                if (vacancy := vacancies[i]) is not None:
                    changes.append(vacancy)
                continue
            if op != REMOVE_OP and _is_echo(hlc, village):
                continue  # the station's own change, applied as it made it: it has the row
            if op == REMOVE_OP:  # no longer this village's: its counter drops its copy
                changes.append(_removal(seq, table, row_id, rev, hlc))
                continue
            found_row = rows.get((table, row_id))
            if found_row is None:
                continue
            if not _visible(batch, TABLES[table], found_row, village):
                continue
            changes.append(_change(TABLES[table], found_row, seq, op))
        changes += _vacancies_of_referrals(session, village, changes)
        new_cursor = f"c:{entries[-1][0]}" if entries else f"c:{upto}"
        return PullPage(
            changes=changes,
            cursor=new_cursor,
            has_more=more,
            snapshot=False,
            server_seq=server_seq,
        )
    removes = len(TABLE_ORDER)  # the last snapshot stage: rows this village no longer sees
    if tindex == removes and after_id and not after_id.isdigit():
        raise SyncRefused(422, "bad_cursor", f"cursor {cursor!r} is not from this county")
    changes = []  # typed by the change branch above (mypy: no redefinition)
    blocks: list[SnapshotBlock] = []
    taken = 0  # rows on this page (changes and block rows)
    persons_of_page = _VillagePersons()  # the village's person ids, read once a page
    while tindex <= removes and taken < limit:
        room = limit - taken
        if tindex == removes:
            before = len(changes)
            read, last_seq = _snapshot_removes(
                session, village, int(after_id or 0), upto, room, changes
            )
            taken += len(changes) - before
            if read < room:
                tindex, after_id = tindex + 1, ""
            else:
                after_id = str(last_seq)
            continue
        spec = TABLES[TABLE_ORDER[tindex]]
        model: Any = spec.model
        table = model.__table__
        names = attr_to_column(spec)
        ids = []
        if spec.scope is Scope.PERSON and (not after_id or "/" in after_id):
            # by person: the page reads its own rows (``_person_page``); an older cursor
            # (a row id alone) goes on in id order to the end of its table
            found_rows, next_id = _person_page(
                session, spec, village, after_id, room, persons_of_page
            )
            taken += len(found_rows)
            if compact:
                if found_rows:
                    blocks.append(_block(spec, found_rows, upto))
            else:
                for found in found_rows:
                    mapped = found._mapping
                    row = {key: mapped[col] for key, col in names.items()}
                    changes.append(_change(spec, row, upto, "insert"))
            tindex, after_id = (tindex + 1, "") if next_id is None else (tindex, next_id)
            continue
        found_rows = session.connection().execute(  # the visible rows, in one query
            _snapshot_page(spec, village, after_id, room)
        )
        if compact:
            block = _block(spec, found_rows, upto)
            ids = [row[0] for row in block.rows]
            if block.rows:
                blocks.append(block)
        else:
            for found in found_rows.mappings():
                row = {key: found[col] for key, col in names.items()}
                ids.append(row["id"])
                changes.append(_change(spec, row, upto, "insert"))
        taken += len(ids)
        if len(ids) < room:
            tindex, after_id = tindex + 1, ""
        else:
            after_id = ids[-1]
    done = tindex > removes
    new_cursor = f"c:{upto}" if done else f"s:{upto}:{tindex}:{after_id}"
    return PullPage(
        changes=changes,
        cursor=new_cursor,
        has_more=True,
        snapshot=True,
        server_seq=server_seq,
        blocks=blocks if compact else None,
    )


def _snapshot_page(spec: TableSpec, village: str, after_id: str, limit: int) -> Any:
    """The next ``limit`` rows of ``spec`` that ``village`` sees after row id ``after_id``, in
    id order, all columns in the table's order: the rows of ``county_visible_ids``. Person
    tables are paged by person (``_person_page``); here only for a cursor of a county before
    that (a row id alone), to the end of its table: a join from the village's persons
    rather than ``person_id IN (village's persons) OR ...``, which PostgreSQL ran as a walk
    of the whole table's primary key (the join is planned as a hash join, about half of
    that). Rows hanging from no person (printed documents of the village itself) come from a
    second branch on ``person_id IS NULL``."""
    model: Any = spec.model
    table = model.__table__
    if spec.scope is not Scope.PERSON:
        return (
            county_visible_ids(spec, village)
            .with_only_columns(*table.c)
            .where(model.id > after_id)
            .order_by(model.id)
            .limit(limit)
        )
    by_person = (
        select(*table.c)
        .join(Person, Person.id == model.person_id)
        .where(Person.village_code == village, model.id > after_id)
    )
    if not table.c.person_id.nullable:
        return by_person.order_by(model.id).limit(limit)
    unowned = select(*table.c).where(
        model.person_id.is_(None), model.origin == village, model.id > after_id
    )
    both = union_all(by_person, unowned).subquery()
    return select(*both.c).order_by(both.c.id).limit(limit)


_PERSONS_A_QUERY = 1000  # persons whose rows one query of ``_person_page`` asks for


@dataclass
class _VillagePersons:
    """The village's person ids in the database's order (read once per pull page)."""

    ids: list[str] | None = None
    at: dict[str, int] = field(default_factory=dict)


def _person_page(
    session: Session,
    spec: TableSpec,
    village: str,
    after: str,
    limit: int,
    cache: _VillagePersons | None = None,
) -> tuple[list[Any], str | None]:
    """The next ``limit`` rows of a person table that ``village`` sees, by person: rows
    hanging from no person first (``origin`` = the village), then the rows of each of the
    village's persons in person id order, each person's by row id. ``after`` is ``""`` (the
    start) or ``"<person id>/<row id>"`` of the last row sent (person id empty: a row of no
    person). Returns the rows (all columns, the table's order) and the cursor of the next
    page, None when the table is done. ``cache`` keeps the village's person ids for the
    other tables of the same page (one read).

    The village's person ids come from ``persons.village_code`` (its index) and the rows
    from the table's ``person_id`` index, a thousand persons at a time: a page reads its
    own rows and the village's person ids, whatever the size of the county. (Keyset pages in
    row id order over ``person_id IN (village's persons)`` made PostgreSQL walk the whole
    table for each page, or hash it: 0.1-0.6 s a page in a county of 300 villages.)"""
    model: Any = spec.model
    table = model.__table__
    conn = session.connection()
    person, _, row_after = after.partition("/")
    rows: list[Any] = []
    if person == "" and table.c.person_id.nullable:
        rows = list(  # .all(): one fetch (iterating fetches row by row with psycopg)
            conn.execute(
                select(*table.c)
                .where(model.person_id.is_(None), model.origin == village, model.id > row_after)
                .order_by(model.id)
                .limit(limit)
            ).all()
        )
        if len(rows) == limit:
            return rows, f"/{rows[-1].id}"
        row_after = ""
    # the rest of this person's rows (a cut inside them), then the persons after them, in
    # the database's order of ids (no Python string order mixed in)
    known = cache if cache is not None else _VillagePersons()
    if known.ids is None:
        known.ids = list(
            conn.execute(
                select(Person.id).where(Person.village_code == village).order_by(Person.id)
            )
            .scalars()
            .all()
        )
        known.at = {pid: i for i, pid in enumerate(known.ids)}
    at = known.at.get(person)
    if not person:
        persons = known.ids
    elif at is not None:
        persons = known.ids[at:] if row_after else known.ids[at + 1 :]
    else:  # no longer the village's (moved since the last page): what follows it
        start = Person.id >= person if row_after else Person.id > person
        persons = list(
            conn.execute(
                select(Person.id).where(Person.village_code == village, start).order_by(Person.id)
            )
            .scalars()
            .all()
        )
    for first in range(0, len(persons), _PERSONS_A_QUERY):
        chunk = persons[first : first + _PERSONS_A_QUERY]
        query = select(*table.c).where(_among(session, model.person_id, chunk))
        if row_after and first == 0:
            query = query.where(or_(model.person_id != person, model.id > row_after))
        need = limit - len(rows)
        got = conn.execute(query.order_by(model.person_id, model.id).limit(need)).all()
        rows += got
        if len(got) == need:  # the page is full: go on after its last row
            last = rows[-1]
            return rows, f"{last.person_id}/{last.id}"
    return rows, None


_BLOCK_AS_IS = frozenset({str, int, float, bool, type(None)})  # what to_wire leaves alone


def _block(spec: TableSpec, result: Any, seq: int) -> SnapshotBlock:
    """Snapshot rows of ``spec`` (a result over all its columns, in the table's column order)
    column-wise: the field names once, each row a list of wire values (no model per row).
    Text, whole numbers and booleans are sent as the driver gives them; dates, timestamps and
    JSON go through ``to_wire``."""
    model: Any = spec.model
    table = model.__table__
    names = attr_to_column(spec)
    at = {col.name: i for i, col in enumerate(table.c)}
    lead = ("id", "rev", "updated_hlc", "created_hlc", "origin", "deleted")
    keys = list(spec.columns)
    pick = itemgetter(*(at[names[k]] for k in (*lead, *keys)))
    convert = [
        i
        for i, k in enumerate(keys, start=len(lead))
        if spec.columns[k].kind not in ("str", "int", "bool")
    ]
    as_is = _BLOCK_AS_IS
    rows: list[list[Any]] = []
    found_rows = result if isinstance(result, list) else result.all()
    for found in found_rows:  # one fetch: iterating fetches row by row (psycopg)
        row = list(pick(found))
        for i in convert:
            value = row[i]
            if type(value) not in as_is:
                row[i] = to_wire(value)
        rows.append(row)
    return SnapshotBlock.model_construct(table=spec.name, seq=seq, columns=keys, rows=rows)


def _snapshot_removes(
    session: Session, village: str, after: int, upto: int, room: int, changes: list[Change]
) -> tuple[int, int]:
    """The end of a snapshot: ``remove`` changes for rows that left ``village`` up to log seq
    ``upto`` and are not visible to it now (a station switched to a snapshot, or a laptop
    restored from an old backup, may still hold them; for a new laptop they are no-ops).
    Appends them to ``changes``, log seq after ``after``; returns how many log entries it
    read (fewer than ``room``: the stage is done) and the seq of the last one."""
    entries = session.execute(
        select(
            ChangeLogEntry.seq,
            ChangeLogEntry.table_name,
            ChangeLogEntry.row_id,
            ChangeLogEntry.rev,
            ChangeLogEntry.hlc,
        )
        .where(
            ChangeLogEntry.scope == village,
            ChangeLogEntry.op == REMOVE_OP,
            ChangeLogEntry.seq > after,
            ChangeLogEntry.seq <= upto,
        )
        .order_by(ChangeLogEntry.seq)
        .limit(room)
    ).all()
    by_table: dict[str, list[str]] = {}
    for _seq, table, row_id, _rev, _hlc in entries:
        if table in TABLES:
            by_table.setdefault(table, []).append(row_id)
    back: set[tuple[str, str]] = set()  # moved back here since: visible, so in the snapshot
    for table, ids in by_table.items():
        spec = TABLES[table]
        model: Any = spec.model
        for start in range(0, len(ids), 500):
            back.update(
                (table, row_id)
                for row_id in session.scalars(
                    county_visible_ids(spec, village)
                    .with_only_columns(model.id)
                    .where(model.id.in_(ids[start : start + 500]))
                )
            )
    for seq, table, row_id, rev, hlc in entries:
        if table in TABLES and (table, row_id) in back:
            continue
        changes.append(_removal(seq, table, row_id, rev, hlc))
    return len(entries), (entries[-1][0] if entries else after)


def station_counts(*, session: Session, village: str, tables: list[str] | None = None) -> Counts:
    """Count and checksum per table of what ``village`` sees (of ``tables`` when given)."""
    names = list(TABLE_ORDER) if tables is None else tables
    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise SyncRefused(422, "unknown_table", f"no synced table {unknown[0]!r}")
    postgres = session.get_bind().dialect.name == "postgresql"
    counts: dict[str, TableCount] = {}
    persons: list[str] | None = None  # the village's person ids, read once for all tables
    for name in names:
        spec = TABLES[name]
        if spec.scope is Scope.PERSON:
            if persons is None:
                persons = list(
                    session.scalars(select(Person.id).where(Person.village_code == village))
                )
            query = _person_rows(session, spec, village, persons)
            if query is None:  # no persons and no rows of no person: nothing to count
                count, digest = checksum([])
                counts[name] = TableCount(count=count, checksum=digest)
                continue
        else:
            query = county_visible_ids(spec, village)
        if postgres:
            count, digest = _pg_checksum(session, query)
        else:
            count, digest = checksum(session.execute(query))
        counts[name] = TableCount(count=count, checksum=digest)
    return Counts(tables=counts)


def _person_rows(session: Session, spec: TableSpec, village: str, persons: list[str]) -> Any | None:
    """A ``SELECT id, rev`` of the same rows as ``county_visible_ids`` for a person table, read
    by person: the rows of ``persons`` (the village's, read once by the caller through the
    ``persons.village_code`` index) through the table's ``person_id`` index, plus the
    village's rows of no person. ``person_id IN (village's persons) OR ...`` made PostgreSQL
    walk or hash the whole table (issue 4). All the persons in one ``_among`` (one JSON
    parameter), not a branch per thousand: a union of several branches was planned as a
    parallel append, slower on two CPUs than the former query. None when nothing to read."""
    model: Any = spec.model
    branches: list[Any] = []
    if persons:
        branches.append(
            select(model.id, model.rev).where(_among(session, model.person_id, persons))
        )
    if model.__table__.c.person_id.nullable:
        branches.append(
            select(model.id, model.rev).where(model.person_id.is_(None), model.origin == village)
        )
    if not branches:
        return None
    return branches[0] if len(branches) == 1 else union_all(*branches)


def _pg_checksum(session: Session, query: Any) -> tuple[int, str]:
    """``tables.checksum`` of the ``(id, rev)`` rows of ``query``, worked out by PostgreSQL
    (no row travels to Python): the same sum, modulo 2**64, of the first 8 bytes of
    sha256("id:rev") of every row. ``bit(64)::bigint`` reads those bytes as a signed
    number, which changes nothing modulo 2**64."""
    rows = query.subquery()
    key = func.convert_to(rows.c.id + ":" + cast(rows.c.rev, String), "UTF8")
    head = func.substr(func.encode(func.sha256(key), "hex"), 1, 16)
    number = cast(cast(literal("x", String) + head, BIT(64)), BigInteger)
    found = session.execute(
        select(func.count(), func.coalesce(func.sum(number), 0)).select_from(rows)
    ).one()
    return int(found[0]), f"{int(found[1]) % 2**64:016x}"
