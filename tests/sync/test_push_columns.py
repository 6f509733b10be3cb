"""Column-wise pushes between a counter and the county (SQLite and PostgreSQL counties).

A counter pushes column-wise once the county has said it reads them; an edit that meets a
county edit is sent again with its old values (the merge needs them); the same change sent
both ways is applied once; a county that cannot read them gets whole mutations; a malformed
body is refused naming the row, with nothing written."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import requests
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sync_harness import County, Village

from villagedesk.server.api.routes import sync as sync_routes
from villagedesk.store.models import OutboxEntry
from villagedesk.store.server_models import AppliedMutation, ConflictRecord
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import PUSH_FORMAT_STATE, _read_batch, get_state, set_state
from villagedesk.sync.protocol import (
    PUSH_FORMAT_COLUMNS,
    PUSH_FORMAT_HEADER,
    PushRequest,
)
from villagedesk.sync.push_columns import push_columns_json, push_request_json

NAMES = ("张三", "李四", "王五")


def _record(county: County, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, Any]]:
    """Every push the county is sent: (format, status, body as JSON)."""
    seen: list[tuple[str, int, Any]] = []
    send = county.adapter.send

    def recording(request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        answer = send(request, **kwargs)
        if str(request.url).endswith("/sync/v1/push"):
            raw = request.body if isinstance(request.body, bytes) else b""
            if request.headers.get("Content-Encoding") == "zstd":
                raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
            form = request.headers.get(PUSH_FORMAT_HEADER, "whole")
            seen.append((form, answer.status_code, json.loads(raw)))
        return answer

    monkeypatch.setattr(county.adapter, "send", recording)
    return seen


def _acked(village: Village) -> bool:
    with village.db.read() as s:
        top = s.scalar(select(func.max(OutboxEntry.seq)))
        return get_state(s, "outbox_acked_seq") == str(top)


def test_an_enrolled_counter_pushes_column_wise_and_the_county_has_every_change(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    with village_a.db.read() as s:  # the enrolment's pull said so
        assert get_state(s, PUSH_FORMAT_STATE) == PUSH_FORMAT_COLUMNS
    seen = _record(county, monkeypatch)
    ids = [village_a.register(seq, name=name) for seq, name in enumerate(NAMES, start=1)]
    for n, pid in enumerate(ids):
        village_a.edit(pid, phone=f"1390000000{n}")
    summary = village_a.sync()
    assert summary.pushed == 6 and summary.refused == 0
    assert [(form, status) for form, status, _ in seen] == [(PUSH_FORMAT_COLUMNS, 200)]
    body = seen[0][2]
    text = json.dumps(body)
    assert "mutation_id" not in text and "base_fields" not in text
    assert [(r["op"], len(r["rows"])) for r in body["runs"]] == [("insert", 3), ("update", 3)]
    for n, pid in enumerate(ids):
        person = county.person(pid)
        assert (person.name, person.phone, person.rev) == (NAMES[n], f"1390000000{n}", 2)
    assert _acked(village_a)
    assert village_a.sync().pushed == 0


def test_an_edit_that_meets_a_county_edit_is_sent_again_with_its_old_values(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = village_a.register(1, name="张三", phone="13900000000")
    other = village_a.register(2, name="李四", phone="13700000000")
    village_a.sync()
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{pid}",
        json={"fields": {"name": "张叁"}, "by": "officer"},
    )
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{other}",
        json={"fields": {"name": "李肆"}, "by": "officer"},
    )
    seen = _record(county, monkeypatch)
    village_a.edit(pid, phone="13900000001")  # another field: merged
    village_a.edit(other, name="李思")  # the same field: a conflict
    summary = village_a.sync()
    assert [(form, status) for form, status, _ in seen] == [
        (PUSH_FORMAT_COLUMNS, 409),
        ("whole", 200),
    ]
    assert seen[1][2]["mutations"][1]["base_fields"] == {"name": "李四"}
    assert summary.new_conflicts == 1
    merged = county.person(pid)
    assert (merged.name, merged.phone) == ("张叁", "13900000001")
    with county.db.read() as s:
        conflict = s.scalars(select(ConflictRecord).where(ConflictRecord.row_id == other)).one()
        assert conflict.values == {"base": "李四", "village": "李思", "county": "李肆"}
    assert _acked(village_a)
    with village_a.db.read() as s:  # still column-wise next time
        assert get_state(s, PUSH_FORMAT_STATE) == PUSH_FORMAT_COLUMNS


def _post(county: County, village: Village, body: bytes, *, columns: bool) -> Any:
    return county.push(village.client.secret, body, compact=True, columns=columns)


def _applied(county: County) -> int:
    with county.db.read() as s:
        return s.scalar(select(func.count()).select_from(AppliedMutation)) or 0


def test_the_same_change_sent_whole_and_column_wise_is_applied_once(
    county: County, village_a: Village
) -> None:
    pid = village_a.register(1, phone="13900000000")
    village_a.sync()
    village_a.edit(pid, phone="13900000001")
    village_a.edit(pid, name="张三丰")
    batch = _read_batch(village_a.db, _acked_seq(village_a), 1000)
    assert batch is not None and len(batch.rows) == 2
    before = _applied(county)
    columns = push_columns_json(batch.rows, node=village_a.code)
    whole = push_request_json(batch.rows)
    first = _post(county, village_a, columns, columns=True)
    assert first.status_code == 200, first.text
    assert first.json()["results"] == []  # all applied
    for body, as_columns in ((whole, False), (columns, True)):
        again = _post(county, village_a, body, columns=as_columns)
        assert again.status_code == 200, again.text
        assert again.json()["results"] == []  # quiet duplicates
    assert _applied(county) == before + 2
    person = county.person(pid)
    assert (person.phone, person.name, person.rev) == ("13900000001", "张三丰", 3)
    # another content under the same (derived) id is still refused
    changed = json.loads(whole)
    changed["mutations"][0]["fields"]["phone"] = "13900000009"
    refused = _post(county, village_a, json.dumps(changed).encode(), columns=False)
    assert refused.status_code == 409 and refused.json()["detail"]["code"] == "mutation_reused"


def _acked_seq(village: Village) -> int:
    with village.db.read() as s:
        return int(get_state(s, "outbox_acked_seq", "0"))


def test_a_change_an_older_county_applied_is_recognised_when_sent_again(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer to a push was lost, and the county was updated before the counter sent
    it again: the county had taken the old values into the digest (as 0.2 did)."""
    pid = village_a.register(1, phone="13900000000")
    village_a.sync()
    start = _acked_seq(village_a)
    village_a.edit(pid, phone="13900000001")
    village_a.sync()
    batch = _read_batch(village_a.db, start, 1000)
    assert batch is not None
    [mutation] = PushRequest.model_validate_json(push_request_json(batch.rows)).mutations
    with county.db.write() as s:
        s.execute(
            update(AppliedMutation)
            .where(AppliedMutation.mutation_id == mutation.mutation_id)
            .values(digest=county_service._digest(mutation, with_base=True))
        )
    with village_a.db.write() as s:  # the answer never came: the counter sends it again
        set_state(s, "outbox_acked_seq", str(start))
    seen = _record(county, monkeypatch)
    before = _applied(county)
    summary = village_a.sync()
    assert [(form, status) for form, status, _ in seen] == [
        (PUSH_FORMAT_COLUMNS, 409),
        ("whole", 200),
    ]
    assert summary.refused == 0 and _acked(village_a)
    assert _applied(county) == before
    assert county.person(pid).rev == 2


def test_a_county_that_cannot_read_column_wise_pushes_gets_whole_ones(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole_only = sync_routes._mutations
    monkeypatch.setattr(sync_routes, "_mutations", lambda raw, columns: whole_only(raw, False))
    monkeypatch.setattr(sync_routes, "_FORMATS", {})  # and it never says it reads them
    seen = _record(county, monkeypatch)
    pid = village_a.register(1, phone="13900000000")
    summary = village_a.sync()
    assert summary.pushed == 1
    assert [(form, status) for form, status, _ in seen] == [
        (PUSH_FORMAT_COLUMNS, 422),
        ("whole", 200),
    ]
    with village_a.db.read() as s:
        assert get_state(s, PUSH_FORMAT_STATE) == ""
    village_a.edit(pid, phone="13900000001")
    village_a.sync()
    assert [form for form, _, _ in seen[2:]] == ["whole"]
    assert county.person(pid).phone == "13900000001"


def test_entries_made_before_ids_were_derived_travel_whole_in_their_place(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [village_a.register(seq, name=name) for seq, name in enumerate(NAMES, start=1)]
    old_id = str(uuid.uuid4())
    with village_a.db.write() as s:  # the middle registration came from 0.2 (a random id)
        s.execute(
            update(OutboxEntry).where(OutboxEntry.row_id == ids[1]).values(mutation_id=old_id)
        )
    seen = _record(county, monkeypatch)
    assert village_a.sync().pushed == 3
    [(form, status, body)] = seen
    assert (form, status) == (PUSH_FORMAT_COLUMNS, 200)
    assert [
        len(r["rows"]) if "rows" in r else r["mutations"][0]["mutation_id"] for r in body["runs"]
    ] == [
        1,
        old_id,
        1,
    ]
    with county.db.read() as s:
        assert s.scalar(
            select(func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.mutation_id == old_id)
        )
    for n, pid in enumerate(ids):
        assert county.person(pid).name == NAMES[n]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            {
                "node": "450422116201",
                "runs": [
                    {
                        "table": "persons",
                        "op": "update",
                        "columns": ["phone"],
                        "rows": [["p1", 1, 5]],
                    }
                ],
            },
            "run 0, row 0: 5 values expected",
        ),
        (
            {
                "node": "450422116201",
                "runs": [
                    {
                        "table": "persons",
                        "op": "update",
                        "columns": ["phone", "phone"],
                        "rows": [["p1", 1, 5, 0, "1", "2"]],
                    }
                ],
            },
            "distinct names",
        ),
        (
            {
                "node": "450422116201",
                "runs": [
                    {"table": "persons", "op": "insert", "columns": [], "rows": [["p1", 2, 5, 0]]}
                ],
            },
            "an insert has base_rev 0",
        ),
    ],
)
def test_a_malformed_column_wise_body_is_refused_naming_the_row(
    county: County, village_a: Village, body: dict[str, Any], says: str
) -> None:
    before = _applied(county)
    r = _post(county, village_a, json.dumps(body).encode(), columns=True)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]["code"] == "bad_run" and says in r.json()["detail"]["reason"]
    assert _applied(county) == before


def test_a_column_wise_body_of_the_wrong_shape_gets_the_field_named(
    county: County, village_a: Village
) -> None:
    r = _post(county, village_a, json.dumps({"runs": []}).encode(), columns=True)
    assert r.status_code == 422
    assert any(e["loc"][:2] == ["body", "node"] for e in r.json()["detail"])
    unknown = {
        "node": "450422116201",
        "runs": [
            {
                "table": "persons",
                "op": "update",
                "columns": ["shoe_size"],
                "rows": [["p1", 1, 5, 0, 42]],
            }
        ],
    }
    r = _post(county, village_a, json.dumps(unknown).encode(), columns=True)
    assert 400 <= r.status_code < 500, r.text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
runs = st.fixed_dictionaries(
    {
        "table": st.sampled_from(["persons", "households", "referrals", "policy_rows", "x"]),
        "op": st.sampled_from(["insert", "update", "delete"]),
        "columns": st.lists(
            st.sampled_from(["name", "phone", "deleted", "person_id", "zz"]), max_size=3
        ),
        "rows": st.lists(
            st.lists(json_values, min_size=3, max_size=7)
            | st.builds(
                lambda lead, rest: [*lead, *rest],
                st.tuples(
                    st.sampled_from(["p1", "x" * 36]) | st.text(min_size=1, max_size=36),
                    st.integers(min_value=0, max_value=3),
                    st.integers(min_value=0, max_value=10**13),
                    st.integers(min_value=0, max_value=99_999),
                ),
                st.lists(json_values, max_size=3),
            ),
            min_size=1,
            max_size=4,
        ),
    }
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.fixed_dictionaries(
        {"node": st.just("450422116201"), "runs": st.lists(runs, max_size=3)}
    )
)
def test_no_column_wise_body_makes_the_county_fail(
    county: County, village_a: Village, body: dict[str, Any]
) -> None:
    r = _post(county, village_a, json.dumps(body).encode(), columns=True)
    assert r.status_code < 500, r.text
