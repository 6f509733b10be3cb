"""New rows made at the county (a vacancy, an employer, a policy row, a status found by data
matching), written the way ``sync.county.county_edit`` writes an edit: the row, a change-log
entry for the villages that may see it, and a revision naming the officer. Stations receive
them on their next pull. Edits of existing rows go through ``county_edit`` itself.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import Confidence
from villagedesk.domain.policy import PolicyRow
from villagedesk.services.station import policy_row_id
from villagedesk.store.clock import HybridClock
from villagedesk.store.models import Employer, Person, PolicyRowRecord
from villagedesk.store.server_db import lock_change_log
from villagedesk.store.server_models import ChangeLogEntry, RowRevision
from villagedesk.store.wire import to_wire
from villagedesk.sync.county import COUNTY_NODE, SyncRefused, county_edit
from villagedesk.sync.tables import TABLES, BadValue, Scope, attr_to_column, from_wire


class AlreadyRegistered(ValueError):
    """An employer with this unified social credit code is registered already."""


def register_employer(
    *, session: Session, fields: dict[str, Any], by: str, clock: HybridClock
) -> str:
    """Register an employer for every station; one per unified social credit code."""
    if session.scalar(select(Employer.id).where(Employer.uscc == fields["uscc"])):
        raise AlreadyRegistered(fields["uscc"])
    row_id = str(uuid.uuid4())
    county_insert(
        session=session, table="employers", row_id=row_id, fields=fields, by=by, clock=clock
    )
    return row_id


def put_policy_row(*, session: Session, row: PolicyRow, by: str, clock: HybridClock) -> str:
    """Publish a county policy row. The same table, key, scope and date as an existing row
    is a correction of that row (its value and note), not a second row."""
    row_id = policy_row_id(row)
    if session.get(PolicyRowRecord, row_id) is None:
        county_insert(
            session=session,
            table="policy_rows",
            row_id=row_id,
            fields={
                "table": row.table,
                "effective_from": row.effective_from.isoformat(),
                "key": row.key,
                "scope": row.scope,
                "value": dict(row.value),
                "confidence": Confidence.LOCAL.value,
                "note": row.note,
            },
            by=by,
            clock=clock,
        )
    else:
        county_edit(
            session=session,
            table="policy_rows",
            row_id=row_id,
            fields={"value": dict(row.value), "note": row.note, "confidence": "local"},
            by=by,
            clock=clock,
        )
    return row_id


def county_insert(
    *,
    session: Session,
    table: str,
    row_id: str,
    fields: dict[str, Any],
    by: str,
    clock: HybridClock,
) -> int:
    """Insert one synced row at the county and log it for the stations. ``fields`` are wire
    values (checked like a push's). A county-wide row (vacancy, employer, policy row) goes to
    every station, a person's row to the person's village. Returns the rev (1).

    County-wide rows always go to every station: the per-table counts a station compares
    after each sync cover all of them, so a row told to some villages only would show as a
    count mismatch at the others."""
    lock_change_log(session)
    spec = TABLES.get(table)
    if spec is None:
        raise SyncRefused(422, "unknown_table", f"no synced table {table!r}")
    values: dict[str, Any] = {}
    for key, column in spec.columns.items():
        if key not in fields:
            continue
        try:
            values[key] = from_wire(column, fields[key])
        except BadValue as exc:
            raise SyncRefused(422, "bad_value", f"{table}: {exc}") from exc
    unknown = set(fields) - set(spec.columns)
    if unknown:
        raise SyncRefused(422, "unknown_field", f"{table} has no field {sorted(unknown)[0]!r}")
    model: Any = spec.model
    if session.get(model, row_id) is not None:
        raise SyncRefused(409, "exists", f"{table} {row_id} already exists")
    if spec.scope is Scope.COUNTY:
        targets = [""]
    elif spec.scope is Scope.PERSON:
        village = session.scalar(
            select(Person.village_code).where(Person.id == values.get("person_id"))
        )
        if village is None:
            raise SyncRefused(422, "unknown_person", f"no person {values.get('person_id')}")
        targets = [village]
    else:
        targets = [str(values["village_code"])]
    hlc = clock.now()
    row = {
        **values,
        "id": row_id,
        "rev": 1,
        "created_hlc": hlc,
        "updated_hlc": hlc,
        "origin": COUNTY_NODE,
        "deleted": False,
    }
    names = attr_to_column(spec)
    session.execute(
        insert(model.__table__), [{names[key]: value for key, value in row.items() if key in names}]
    )
    session.execute(
        insert(ChangeLogEntry),
        [
            {
                "table_name": table,
                "row_id": row_id,
                "scope": scope,
                "op": "insert",
                "rev": 1,
                "hlc": hlc,
            }
            for scope in targets
        ],
    )
    session.execute(
        insert(RowRevision),
        [
            {
                "table_name": table,
                "row_id": row_id,
                "rev": 1,
                "hlc": hlc,
                "station": COUNTY_NODE,
                "mutation_id": "",
                "fields": {"_by": by, **{k: to_wire(v) for k, v in values.items()}},
            }
        ],
    )
    return 1
