"""Creating a station database and reading its identity."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain.division import DivisionCode, default_division_table, parse_village_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.policy import PolicyRow
from villagedesk.domain.policy_defaults import default_policy_rows
from villagedesk.services.context import Actor, require_supervisor
from villagedesk.store.audit import append_audit
from villagedesk.store.database import Database
from villagedesk.store.models import PolicyRowRecord, Station

# Shipped policy rows get stable ids, so every station and the county agree on them.
_POLICY_NS = uuid.UUID("6f1d7a52-3c1e-4f0e-9a53-9d2f5b7c8e01")
SHIPPED = "shipped"


def policy_row_id(row: PolicyRow) -> str:
    name = f"{row.table}|{row.key}|{row.scope}|{row.effective_from.isoformat()}"
    return str(uuid.uuid5(_POLICY_NS, name))


def policy_record(row: PolicyRow, *, origin: str) -> PolicyRowRecord:
    return PolicyRowRecord(
        id=policy_row_id(row),
        table=row.table,
        effective_from=row.effective_from,
        key=row.key,
        scope=row.scope,
        value=dict(row.value),
        confidence=row.confidence.value,
        note=row.note,
        rev=1,
        origin=origin,
        created_hlc="",
        updated_hlc="",
        deleted=False,
    )


def describe_village(code: DivisionCode) -> str:
    """``450422116201`` -> "广西壮族自治区 梧州市 藤县 (116 / 201)" as far as names are known."""
    names = [name or c for _level, c, name in default_division_table().describe(code)]
    return " ".join(names)


def init_station(*, path: Path, village_code: str, name: str, now: datetime) -> Database:
    """Create a new station database at ``path`` with the shipped policy tables."""
    code = parse_village_code(village_code, field="village_code")
    station_name = (name or "").strip()
    if not station_name:
        raise ValidationError.single("name", "required", "is required")
    if len(station_name) > 100:
        raise ValidationError.single("name", "too_long", "must be at most 100 characters")
    db = Database(path)
    if db.has_station():
        raise ValidationError.single(
            "db", "exists", f"{path} already holds station {db.station_code}"
        )
    with db.bootstrap() as session:
        session.add(Station(code=code.code, name=station_name, created_at=now))
        for row in default_policy_rows():
            session.add(policy_record(row, origin=SHIPPED))
    with db.write(actor="system") as session:
        append_audit(
            session,
            action="station.init",
            target_table="station",
            target_id=code.code,
            details={"name": station_name},
        )
    return db


def station(*, session: Session) -> Station:
    st: Station | None = session.scalar(select(Station))
    if st is None:
        raise LookupError("no station in this database")
    return st


def set_server(
    *, session: Session, actor: Actor, server_url: str, enrolment_token: str = ""
) -> Station:
    """Record the county server's address (and the one-time enrolment token, if given).

    Supervisor only: the address decides where the village's records are sent."""
    require_supervisor(actor, action="changing the county server address")
    url = (server_url or "").strip()
    if url and not (url.startswith("https://") or url.startswith("http://")):
        raise ValidationError.single("server_url", "format", "must start with https://")
    if len(url) > 300:
        raise ValidationError.single("server_url", "too_long", "must be at most 300 characters")
    st = station(session=session)
    st.server_url = url
    st.enrolment_token = (enrolment_token or "").strip()
    append_audit(
        session,
        actor=actor.username,
        action="station.server",
        target_table="station",
        target_id=st.code,
        details={"server_url": url},
    )
    return st
