"""Hostile values inside well-formed requests: refused with a 4xx, nothing written, and nothing
stored that would break a later answer (a stored lone surrogate used to make every later
conflict list of the village fail with a 500)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.store.migrate import head_revision
from villagedesk.store.server_models import AppliedMutation, ChangeLogEntry, ConflictRecord
from villagedesk.sync.engine import get_state
from villagedesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER
from villagedesk.sync.tables import TABLES


def _headers(village: Village) -> dict[str, str]:
    with village.db.read() as s:
        secret = get_state(s, "station_secret")
    return {
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        SCHEMA_HEADER: head_revision(),
        "Authorization": f"Bearer {secret}",
        "Content-Type": "application/json",
    }


def _edit(person_id: str, fields: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    return {
        "mutation_id": str(uuid.uuid4()),
        "table": "persons",
        "row_id": person_id,
        "op": "update",
        "base_rev": 0,  # an old base: the county merges, and may keep a conflict
        "new_rev": 2,
        "fields": fields,
        "base_fields": base,
        "hlc": "0001764238000123-00000-" + VILLAGE_A,
    }


def _written(county: County) -> tuple[int, int, int]:
    with county.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(AppliedMutation)) or 0,
            s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0,
            s.scalar(select(func.count()).select_from(ConflictRecord)) or 0,
        )


def _still_answers(county: County, headers: dict[str, str]) -> None:
    for path in ("/sync/v1/conflicts", "/sync/v1/counts"):
        assert county.http.get(path, headers=headers).status_code == 200
    assert county.http.post("/sync/v1/pull", json={}, headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("fields", "base"),
    [
        ({"name": "\ud800"}, {"name": "张三"}),  # a lone surrogate: not Unicode
        ({"note": "好"}, {"note": "\udfff"}),  # ...also where only the conflict would keep it
        ({"note": "好"}, {"note": [[[[[[]]]]]] * 2 + [json.loads("[" * 300 + "]" * 300)]}),
    ],
    ids=["surrogate", "surrogate-in-base", "deep-nesting"],
)
def test_text_that_is_not_unicode_and_absurd_nesting_are_refused(
    county: County, village_a: Village, fields: dict[str, Any], base: dict[str, Any]
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    headers = _headers(village_a)
    before = _written(county)
    body = json.dumps({"mutations": [_edit(pid, fields, base)]})  # escapes as \\udxxx
    r = county.http.post("/sync/v1/push", content=body, headers=headers)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]["reason"]
    assert _written(county) == before
    _still_answers(county, headers)


def test_cursors_with_absurd_numbers_or_text_are_422(county: County, village_a: Village) -> None:
    headers = _headers(village_a)
    for cursor in ("c:" + "9" * 30, "s:1:" + "9" * 30 + ":x", "s:0:0:\ud800", "c:-5"):
        r = county.http.post(
            "/sync/v1/pull", content=json.dumps({"cursor": cursor}), headers=headers
        )
        assert r.status_code == 422, (cursor, r.text)


# any JSON value, including the awkward ones: huge and negative numbers, floats, NUL and
# non-BMP characters, long strings, nested containers
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec="utf-8"), max_size=300)
    | st.sampled_from(["", "1960-05-01", "2026-02-30", "2026-11-27T09:30:00+08:00", "男"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
PERSON_FIELDS = sorted(TABLES["persons"].columns)


@pytest.mark.slow
def test_any_values_for_real_fields_get_an_answer_and_leave_the_county_readable(
    county: County, village_a: Village
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    headers = _headers(village_a)

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        fields=st.dictionaries(st.sampled_from(PERSON_FIELDS), JSON_VALUES, min_size=1),
        base=st.dictionaries(st.sampled_from(PERSON_FIELDS), JSON_VALUES),
    )
    def push(fields: dict[str, Any], base: dict[str, Any]) -> None:
        body = json.dumps({"mutations": [_edit(pid, fields, base)]})
        r = county.http.post("/sync/v1/push", content=body, headers=headers)
        assert r.status_code in (200, 409, 422), r.text

    push()
    _still_answers(county, headers)
