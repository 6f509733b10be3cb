"""The column-wise push body (``PushColumns``): what the counter writes is read back by the
county as exactly the mutations the whole body holds, minus only the old values; entries it
cannot derive travel whole in their place; malformed runs are refused naming the row."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from villagedesk.store.capture import MUTATION_NAMESPACE, mutation_id_for
from villagedesk.sync.protocol import PushColumns, PushRequest
from villagedesk.sync.push_columns import (
    BadRun,
    OutboxRow,
    mutations_of,
    push_columns_json,
    push_request_json,
)

NODE = "450422116201"
TABLES = ("persons", "households", "contributions")
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=2),
)


@st.composite
def outboxes(draw: st.DrawFn) -> list[OutboxRow]:
    rows = []
    ms = draw(st.integers(min_value=10**12, max_value=2 * 10**12))
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        ms += draw(st.integers(min_value=0, max_value=5000))
        counter = draw(st.integers(min_value=0, max_value=99_999))
        node = draw(st.sampled_from([NODE, NODE, NODE, "county"]))
        hlc = f"{ms:016d}-{counter:05d}-{node}"
        table = draw(st.sampled_from(TABLES))
        row_id = str(uuid.UUID(int=draw(st.integers(min_value=0, max_value=2**128 - 1))))
        op = draw(st.sampled_from(["insert", "update", "update", "delete"]))
        base_rev = 0 if op == "insert" else draw(st.integers(min_value=1, max_value=9))
        new_rev = draw(st.sampled_from([1 if op == "insert" else base_rev + 1] * 3 + [7]))
        keys = draw(st.lists(st.sampled_from(["phone", "name", "note", "deleted"]), unique=True))
        fields = {k: draw(values) for k in keys}
        base = {k: draw(values) for k in keys} if op != "insert" else {}
        derived = mutation_id_for(hlc=hlc, table=table, row_id=row_id)
        mid = draw(st.sampled_from([derived, derived, derived, str(uuid.uuid4())]))
        actor = draw(st.sampled_from(["wang", "王小明", ""]))
        rows.append(
            OutboxRow(
                mid,
                table,
                row_id,
                op,
                base_rev,
                new_rev,
                json.dumps(fields, ensure_ascii=False),
                json.dumps(base, ensure_ascii=False),
                hlc,
                actor,
            )
        )
    return rows


@settings(max_examples=150, deadline=None)
@given(outboxes())
def test_the_county_reads_back_every_mutation_in_order(rows: list[OutboxRow]) -> None:
    whole = PushRequest.model_validate_json(push_request_json(rows)).mutations
    body = PushColumns.model_validate_json(push_columns_json(rows, node=NODE))
    read = mutations_of(body, limit=1000)
    assert len(read) == len(whole)
    for got, sent in zip(read, whole, strict=True):
        missing = got._base_missing
        # only the old values of a column-wise update/delete are left out
        expected = sent.model_dump()
        if missing:
            expected["base_fields"] = {}
        assert got.model_dump() == expected
        column_wise = (
            sent.hlc.endswith(NODE)
            and sent.mutation_id
            == mutation_id_for(hlc=sent.hlc, table=sent.table, row_id=sent.row_id)
            and sent.new_rev == (1 if sent.op == "insert" else sent.base_rev + 1)
        )
        assert missing == (column_wise and sent.op != "insert")


def _phone_edits(n: int) -> tuple[list[OutboxRow], bytes]:
    rng = random.Random(5)
    rows, changed = [], []
    ms = 1_764_238_000_123
    for i in range(n):
        row_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        new, old = (f"13{rng.randrange(10**9):09d}" for _ in range(2))
        hlc = f"{ms + i // 7:016d}-{i % 7:05d}-{NODE}"
        rows.append(
            OutboxRow(
                mutation_id_for(hlc=hlc, table="persons", row_id=row_id),
                "persons",
                row_id,
                "update",
                1,
                2,
                json.dumps({"phone": new}),
                json.dumps({"phone": old}),
                hlc,
                "wang",
            )
        )
        changed.append({"id": row_id, "phone": new})
    return rows, json.dumps(changed, separators=(",", ":")).encode()


def test_a_thousand_phone_edits_cost_about_the_changed_values_themselves() -> None:
    rows, changed = _phone_edits(1000)
    zstd = zstandard.ZstdCompressor(level=3)
    floor = len(zstd.compress(changed))
    whole = len(zstd.compress(push_request_json(rows)))
    columns = len(zstd.compress(push_columns_json(rows, node=NODE)))
    assert whole > 2 * floor  # what a 0.2.0 counter sends
    assert columns < 1.1 * floor, (columns, floor)


def _body(run: dict[str, Any]) -> PushColumns:
    return PushColumns.model_validate({"node": NODE, "runs": [run]})


@pytest.mark.parametrize(
    ("row", "columns", "op", "says"),
    [
        (["p1", 1, 5], ["phone"], "update", "5 values expected"),
        (["p1", 1, 5, 0, "139", "x"], ["phone"], "update", "5 values expected"),
        ([7, 1, 5, 0, "139"], ["phone"], "update", "row_id must be text"),
        (["", 1, 5, 0, "139"], ["phone"], "update", "row_id must be text"),
        (["p1", -1, 5, 0, "139"], ["phone"], "update", "base_rev must be a whole number"),
        (["p1", True, 5, 0, "139"], ["phone"], "update", "base_rev must be a whole number"),
        (["p1", 2**31 - 1, 5, 0, "139"], ["phone"], "update", "base_rev"),
        (["p1", 1, 5, 0, "139"], ["phone"], "insert", "an insert has base_rev 0"),
        (["p1", 1, 5.5, 0, "139"], ["phone"], "update", "ms and counter must be whole"),
        (["p1", 1, -6, 0, "139"], ["phone"], "update", "stamp is out of range"),
        (["p1", 1, 10**16, 0, "139"], ["phone"], "update", "stamp is out of range"),
        (["p1", 1, 5, 100_000, "139"], ["phone"], "update", "stamp is out of range"),
        (["p1", 1, 5, 0, "139", "x"], ["phone", "phone"], "update", "distinct names"),
        (["p1", 1, 5, 0, "139"], [""], "update", "distinct names"),
    ],
)
def test_a_malformed_run_is_refused_naming_the_row(
    row: list[Any], columns: list[str], op: str, says: str
) -> None:
    run = {
        "table": "persons",
        "op": op,
        "columns": columns,
        "rows": [["p0", 0 if op == "insert" else 1, 5, 0, *(["x"] * len(columns))], row],
    }
    with pytest.raises(BadRun, match=says) as refused:
        mutations_of(_body(run), limit=1000)
    if "distinct" not in says:
        assert "run 0, row 1" in str(refused.value)


def test_more_mutations_than_a_push_may_hold_are_refused() -> None:
    rows = [[f"p{i}", 1, 1, 0, "139"] for i in range(600)]
    body = PushColumns.model_validate(
        {
            "node": NODE,
            "runs": [
                {"table": "persons", "op": "update", "columns": ["phone"], "rows": rows},
                {"table": "persons", "op": "update", "columns": ["phone"], "rows": rows},
            ],
        }
    )
    with pytest.raises(BadRun, match="more than 1000"):
        mutations_of(body, limit=1000)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**16 - 1),
    st.integers(min_value=0, max_value=99_999),
    st.sampled_from(TABLES),
    st.uuids(),
)
def test_a_derived_id_is_the_rfc_4122_name_based_uuid_of_the_change(
    ms: int, counter: int, table: str, row: uuid.UUID
) -> None:
    """The county derives the id again with the same function: both must be uuid5 exactly
    (a hand-written shortcut of it must not drift)."""
    hlc = f"{ms:016d}-{counter:05d}-{NODE}"
    expected = uuid.uuid5(MUTATION_NAMESPACE, f"{hlc}/{table}/{row}")
    assert mutation_id_for(hlc=hlc, table=table, row_id=str(row)) == str(expected)
    assert expected.version == 5
