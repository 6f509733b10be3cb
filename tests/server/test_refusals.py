"""Bad requests get a 4xx with a reason and write nothing."""

from __future__ import annotations

import gzip
import uuid
from typing import Any

from sqlalchemy import func, select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.store.migrate import head_revision
from villagedesk.store.models import OutboxEntry, Person
from villagedesk.store.server_models import AppliedMutation, ChangeLogEntry
from villagedesk.sync.engine import get_state
from villagedesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER


def _headers(village: Village | None = None, **extra: str) -> dict[str, str]:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), SCHEMA_HEADER: head_revision(), **extra}
    if village is not None:
        with village.db.read() as s:
            headers["Authorization"] = f"Bearer {get_state(s, 'station_secret')}"
    return headers


def _written(county: County) -> tuple[int, int, int]:
    with county.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Person)) or 0,
            s.scalar(select(func.count()).select_from(AppliedMutation)) or 0,
            s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0,
        )


def _outbox(village: Village) -> list[dict[str, Any]]:
    with village.db.read() as s:
        return [
            {
                "mutation_id": e.mutation_id,
                "table": e.table_name,
                "row_id": e.row_id,
                "op": e.op,
                "base_rev": e.base_rev,
                "new_rev": e.new_rev,
                "fields": e.fields,
                "base_fields": e.base_fields,
                "hlc": e.hlc,
                "actor": e.actor,
            }
            for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        ]


def _push(county: County, village: Village, mutations: list[dict[str, Any]]) -> Any:
    return county.http.post(
        "/sync/v1/push", json={"mutations": mutations}, headers=_headers(village)
    )


def test_a_replayed_mutation_is_a_no_op_and_changed_content_is_refused(
    county: County, village_a: Village
) -> None:
    village_a.register(1)
    [mutation] = _outbox(village_a)
    first = _push(county, village_a, [mutation])
    assert first.status_code == 200 and first.json()["results"][0]["status"] == "applied"
    again = _push(county, village_a, [mutation])
    assert again.json()["results"][0]["status"] == "duplicate"
    before = _written(county)
    changed = {**mutation, "fields": {**mutation["fields"], "name": "李四"}}
    refused = _push(county, village_a, [changed])
    assert refused.status_code == 409
    assert refused.json()["detail"]["code"] == "mutation_reused"
    assert _written(county) == before


def test_another_villages_residents_are_403_and_nothing_is_written(
    county: County, village_a: Village, village_b: Village
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    before = _written(county)
    hlc = "0001764238000123-00000-" + village_b.code
    edit = {
        "mutation_id": str(uuid.uuid4()),
        "table": "persons",
        "row_id": pid,
        "op": "update",
        "base_rev": 1,
        "new_rev": 2,
        "fields": {"phone": "13000000000"},
        "base_fields": {"phone": ""},
        "hlc": hlc,
    }
    fresh = {
        "mutation_id": str(uuid.uuid4()),
        "table": "persons",
        "row_id": str(uuid.uuid4()),
        "op": "insert",
        "base_rev": 0,
        "new_rev": 1,
        "hlc": hlc,
        "fields": {
            **_outbox(village_a)[0]["fields"],
            "id_number": "450422196005010999",
            "village_code": VILLAGE_A,
        },
    }
    for bad in (edit, fresh):
        r = _push(county, village_b, [bad])
        assert r.status_code == 403, r.text
        assert r.json()["detail"]["code"] == "not_your_resident"
    assert _written(county) == before
    with county.db.read() as s:
        assert s.get(Person, pid).phone == ""  # type: ignore[union-attr]


def test_county_tables_revoked_stations_and_bad_credentials(
    county: County, village_a: Village
) -> None:
    policy = {
        "mutation_id": str(uuid.uuid4()),
        "table": "policy_rows",
        "row_id": str(uuid.uuid4()),
        "op": "update",
        "base_rev": 1,
        "new_rev": 2,
        "fields": {"note": "x"},
        "hlc": "0001764238000123-00000-" + VILLAGE_A,
    }
    assert _push(county, village_a, [policy]).status_code == 403
    r = county.http.post("/sync/v1/pull", json={}, headers=_headers(Authorization="Bearer nope"))
    assert r.status_code == 401
    with county.db.write() as s:
        from villagedesk.sync.county import revoke_station

        revoke_station(session=s, village_code=VILLAGE_A)
    r = county.http.post("/sync/v1/pull", json={}, headers=_headers(village_a))
    assert r.status_code == 403 and r.json()["detail"]["code"] == "station_revoked"


def test_malformed_oversized_and_skewed_requests_are_4xx(
    county: County, village_a: Village
) -> None:
    before = _written(county)
    h = _headers(village_a)
    post = county.http.post
    assert post("/sync/v1/push", content=b"{not json", headers=h).status_code == 422
    assert post("/sync/v1/push", json={"mutations": [{"x": 1}]}, headers=h).status_code == 422
    gz = {**h, "Content-Encoding": "gzip"}
    assert post("/sync/v1/push", content=b"not gzip at all", headers=gz).status_code == 400
    bomb = gzip.compress(b"{" + b" " * (20 * 1024 * 1024) + b"}")
    assert post("/sync/v1/push", content=bomb, headers=gz).status_code == 413
    big = b"x" * (17 * 1024 * 1024)
    assert post("/sync/v1/push", content=big, headers=h).status_code == 413
    no_version = {"Authorization": h["Authorization"]}
    assert post("/sync/v1/pull", json={}, headers=no_version).status_code == 400
    old = post("/sync/v1/pull", json={}, headers={**h, PROTOCOL_HEADER: "0"})
    assert old.status_code == 426 and old.json()["detail"]["min_client_version"]
    assert "install villagedesk" in old.json()["detail"]["reason"]
    bad_values = [
        {"phone": "1" * 40},  # longer than the column
        {"birth_date": "1960-13-45"},
        {"student": "yes"},
        {"no_such_field": 1},
    ]
    village_a.register(1)
    [mutation] = _outbox(village_a)
    for fields in bad_values:
        bad = {
            **mutation,
            "mutation_id": str(uuid.uuid4()),
            "fields": {**mutation["fields"], **fields},
        }
        r = _push(county, village_a, [bad])
        assert r.status_code == 422, (fields, r.text)
        assert r.json()["detail"]["reason"]
    assert post("/sync/v1/pull", json={"cursor": "zz"}, headers=h).status_code == 422
    assert _written(county) == before
    assert county.http.get("/healthz").json()["status"] == "ok"
