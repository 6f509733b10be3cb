"""New rows made at the county (a vacancy, an employer, a policy row, a status found by data
matching), written the way ``sync.county.county_edit`` writes an edit: the row, a change-log
entry for the villages that may see it, and a revision naming the officer. Stations receive
them on their next pull. Edits of existing rows go through ``county_edit`` itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import Confidence
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.policy import PolicyRow
from villagedesk.domain.uscc import check_uscc
from villagedesk.services.station import policy_row_id
from villagedesk.store.clock import HybridClock
from villagedesk.store.dashboard_models import VacancyTarget
from villagedesk.store.models import Employer, Person, PolicyRowRecord, Referral, Vacancy
from villagedesk.store.server_db import lock_change_log
from villagedesk.store.server_models import ChangeLogEntry, CountyStation, RowRevision
from villagedesk.store.wire import to_wire
from villagedesk.sync.county import COUNTY_NODE, REMOVE_OP, SyncRefused, county_edit
from villagedesk.sync.tables import TABLES, BadValue, Scope, attr_to_column, from_wire


class AlreadyRegistered(ValueError):
    """An employer with this unified social credit code is registered already."""


# What each rule of ``domain.uscc.check_uscc`` tells the officer.
_USCC_RULES = {
    "length": "应为 18 位",
    "character": "只能由数字和字母（不含 I、O、S、V、Z）组成，第 3–8 位须为数字",
    "checksum": "校验位不正确，请核对",
}


def register_employer(
    *, session: Session, fields: dict[str, Any], by: str, clock: HybridClock
) -> str:
    """Register an employer for every station; one per unified social credit code.

    Text fields are stripped and the code upper-cased. Refused with SyncRefused 422 (nothing
    written): an empty name (单位名称 required), a code that is empty or fails
    ``domain.uscc.check_uscc`` (统一社会信用代码: required, length, character, checksum)."""
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if not fields.get("name"):
        raise SyncRefused(422, "bad_value", "单位名称：必填，不能为空。")
    uscc = fields.get("uscc")
    if not isinstance(uscc, str) or not uscc:
        raise SyncRefused(422, "bad_value", "统一社会信用代码：必填，不能为空。")
    try:
        fields["uscc"] = check_uscc(uscc)
    except ValidationError as exc:
        rule = exc.errors[0].rule
        raise SyncRefused(
            422, "bad_value", f"统一社会信用代码：{_USCC_RULES.get(rule, '无效')}。"
        ) from exc
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


class BadTargets(ValueError):
    """Villages a vacancy cannot be published to. ``rule``: ``none_chosen`` (an empty list),
    ``unknown_village`` (no station of that code; ``villages`` names them), ``unknown_vacancy``
    or ``closed`` (the vacancy is gone or no longer open)."""

    def __init__(self, rule: str, villages: Iterable[str] = ()) -> None:
        super().__init__(rule)
        self.rule = rule
        self.villages = sorted(villages)


@dataclass(frozen=True)
class TargetChange:
    """What a change of a vacancy's villages does at the stations' next sync."""

    added: list[str]  # stations that receive the vacancy
    removed: list[str]  # stations told to drop it
    kept: list[str]  # taken off the targets, but they keep it: their referrals point to it


def _known_villages(session: Session, villages: list[str]) -> list[str]:
    """The chosen villages, each a known station; BadTargets otherwise."""
    chosen = sorted(set(villages))
    if not chosen:
        raise BadTargets("none_chosen")
    known = set(
        session.scalars(
            select(CountyStation.village_code).where(CountyStation.village_code.in_(chosen))
        )
    )
    if len(known) != len(chosen):
        raise BadTargets("unknown_village", set(chosen) - known)
    return chosen


def publish_vacancy(
    *,
    session: Session,
    fields: dict[str, Any],
    villages: list[str] | None,
    by: str,
    clock: HybridClock,
    now: datetime,
) -> str:
    """Publish a vacancy (wire ``fields``) to every village (``villages`` None) or to the
    chosen ones, each a known station: only their stations receive it (sync.county:
    ``vacancy_visible``). Returns its id."""
    if not session.scalar(
        select(Employer.id).where(
            Employer.id == fields.get("employer_id"), Employer.deleted.is_(False)
        )
    ):
        raise SyncRefused(422, "unknown_employer", "no registered employer of that id")
    targets = None if villages is None else _known_villages(session, villages)
    row_id = str(uuid.uuid4())
    county_insert(
        session=session,
        table="vacancies",
        row_id=row_id,
        fields=fields,
        by=by,
        clock=clock,
        scopes=targets,
    )
    for code in targets or []:
        session.add(
            VacancyTarget(vacancy_id=row_id, village_code=code, published_by=by, published_at=now)
        )
    return row_id


def _stations_seeing(
    session: Session, vacancy_id: str, targets: set[str] | None, stations: set[str]
) -> set[str]:
    """The stations that see the vacancy with these targets (None: every village): the
    targets and the villages whose residents were referred to it."""
    if targets is None:
        return set(stations)
    referred = set(
        session.scalars(
            select(Person.village_code)
            .join(Referral, Referral.person_id == Person.id)
            .where(Referral.vacancy_id == vacancy_id)
        )
    )
    return (targets | referred) & stations


def set_vacancy_targets(
    *,
    session: Session,
    vacancy_id: str,
    villages: list[str] | None,
    by: str,
    clock: HybridClock,
    now: datetime,
) -> TargetChange:
    """Publish an open vacancy to other villages (``villages`` None: to every village).

    A station that now sees it receives it at its next sync; one that no longer does is told
    to drop it (a ``remove`` in the change log, as for a person moved away) — except a village
    whose residents were referred to it: it keeps the vacancy, so its referral records still
    name the post (and it still receives the vacancy's edits, closing included)."""
    lock_change_log(session)
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.deleted:
        raise BadTargets("unknown_vacancy")
    chosen = None if villages is None else set(_known_villages(session, villages))
    rows = {
        t.village_code: t
        for t in session.scalars(
            select(VacancyTarget).where(VacancyTarget.vacancy_id == vacancy_id)
        )
    }
    stations = set(session.scalars(select(CountyStation.village_code)))
    before = _stations_seeing(session, vacancy_id, set(rows) or None, stations)
    after = _stations_seeing(session, vacancy_id, chosen, stations)
    for code, row in rows.items():
        if chosen is None or code not in chosen:
            session.delete(row)
    for code in sorted((chosen or set()) - set(rows)):
        session.add(
            VacancyTarget(
                vacancy_id=vacancy_id, village_code=code, published_by=by, published_at=now
            )
        )
    session.flush()
    added, removed = sorted(after - before), sorted(before - after)
    hlc = clock.now()
    entry = {"table_name": "vacancies", "row_id": vacancy_id, "rev": vacancy.rev, "hlc": hlc}
    entries = [{**entry, "scope": code, "op": REMOVE_OP} for code in removed]
    if chosen is None and added:  # to everyone: one entry, also for stations not yet known
        entries.append({**entry, "scope": "", "op": "update"})
    else:
        entries += [{**entry, "scope": code, "op": "update"} for code in added]
    if entries:
        session.execute(insert(ChangeLogEntry), entries)
    kept = sorted((before - chosen) & after) if chosen is not None else []
    return TargetChange(added=added, removed=removed, kept=kept)


def withdraw_vacancy(
    *, session: Session, vacancy_id: str, by: str, clock: HybridClock, today: date
) -> None:
    """Close a vacancy: it was last open yesterday (as a counter closes one), for every
    station that sees it; referrals made to it keep their post."""
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.deleted:
        raise BadTargets("unknown_vacancy")
    if vacancy.valid_until < today:
        raise BadTargets("closed")
    county_edit(
        session=session,
        table="vacancies",
        row_id=vacancy_id,
        fields={"valid_until": (today - timedelta(days=1)).isoformat()},
        by=by,
        clock=clock,
    )


def county_insert(
    *,
    session: Session,
    table: str,
    row_id: str,
    fields: dict[str, Any],
    by: str,
    clock: HybridClock,
    scopes: list[str] | None = None,
) -> int:
    """Insert one synced row at the county and log it for the stations. ``fields`` are wire
    values (checked like a push's). A county-wide row (vacancy, employer, policy row) goes to
    every station, a person's row to the person's village. Returns the rev (1).

    ``scopes``: a vacancy published to chosen villages is logged for those villages only
    (their target rows make it visible to them alone, see ``sync.county.vacancy_visible``)."""
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
    if scopes is not None:
        targets = list(scopes)
    elif spec.scope is Scope.COUNTY:
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
