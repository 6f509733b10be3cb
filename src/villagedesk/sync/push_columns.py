"""Push bodies: the counter's outbox written as a ``PushRequest`` (whole mutations) or as a
``PushColumns`` (runs of column-wise mutations), and the county's reading of the latter.

The column-wise body leaves out what the county can work out again (docs/sync.md, "Column-wise
push"): a derived mutation id, ``new_rev``, ``base_fields``, and the repeated table / op /
actor / field names; stamps travel as differences. For 1,000 phone-number edits that is about
as many bytes as the changed values themselves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from villagedesk.store.capture import mutation_id_for
from villagedesk.sync.protocol import (
    RUN_ROW_COLUMNS,
    Mutation,
    MutationList,
    MutationRun,
    PushColumns,
)

MAX_REV = 2**31 - 1
MAX_MS = 10**16  # the stamp's 16 digits
MAX_COUNTER = 99_999  # the stamp's 5 digits
LEAD = len(RUN_ROW_COLUMNS)


class OutboxRow(NamedTuple):
    """One outbox entry as read for a push (payloads as their stored JSON text)."""

    mutation_id: str
    table: str
    row_id: str
    op: str
    base_rev: int
    new_rev: int
    fields: str
    base_fields: str
    hlc: str
    actor: str


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def whole_json(row: OutboxRow) -> str:
    """One ``Mutation`` as JSON: the stored payloads are JSON already, so they go in as
    they are."""
    dumps = json.dumps
    return (
        f'{{"mutation_id":{dumps(row.mutation_id)},"table":{dumps(row.table)},'
        f'"row_id":{dumps(row.row_id)},"op":{dumps(row.op)},"base_rev":{int(row.base_rev)},'
        f'"new_rev":{int(row.new_rev)},"fields":{row.fields or "{}"},'
        f'"base_fields":{row.base_fields or "{}"},"hlc":{dumps(row.hlc)},'
        f'"actor":{dumps((row.actor or "")[:40], ensure_ascii=False)}}}'
    )


def push_request_json(rows: Sequence[OutboxRow]) -> bytes:
    """A ``PushRequest`` body (every county reads it)."""
    return ('{"mutations":[' + ",".join(whole_json(r) for r in rows) + "]}").encode()


def _stamp(hlc: str) -> tuple[int, int, str] | None:
    parts = hlc.split("-", 2)
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    return int(parts[0]), int(parts[1]), parts[2]


def _in_a_run(row: OutboxRow, node: str) -> tuple[int, int] | None:
    """The stamp's (ms, counter) when ``row`` can travel column-wise: everything the run
    leaves out is what the county will work out again."""
    stamp = _stamp(row.hlc)
    if stamp is None or stamp[2] != node:
        return None
    expected_rev = 1 if row.op == "insert" else int(row.base_rev) + 1
    if row.op == "insert" and int(row.base_rev) != 0:
        return None
    if int(row.new_rev) != expected_rev:
        return None
    if row.mutation_id != mutation_id_for(hlc=row.hlc, table=row.table, row_id=row.row_id):
        return None
    return stamp[0], stamp[1]


def push_columns_json(rows: Sequence[OutboxRow], *, node: str) -> bytes:
    """A ``PushColumns`` body for ``rows`` (in outbox order). Entries that cannot travel
    column-wise (an old random id, a stamp of another node) go whole, in their place."""
    runs: list[str] = []
    whole: list[str] = []
    key: tuple[str, str, str, tuple[str, ...]] | None = None
    lines: list[str] = []
    head = ""
    last_ms = 0

    def close() -> None:
        nonlocal key, lines
        if lines:
            runs.append(head + ",".join(lines) + "]}")
        if whole:
            runs.append('{"mutations":[' + ",".join(whole) + "]}")
            whole.clear()
        key, lines = None, []

    for row in rows:
        stamp = _in_a_run(row, node)
        if stamp is None:
            if lines:
                close()
            whole.append(whole_json(row))
            continue
        fields = json.loads(row.fields) if row.fields else {}
        columns = tuple(fields)
        actor = (row.actor or "")[:40]
        this = (row.table, row.op, actor, columns)
        if this != key:
            close()
            key = this
            head = (
                f'{{"table":{_dumps(row.table)},"op":{_dumps(row.op)},"actor":{_dumps(actor)},'
                f'"columns":{_dumps(list(columns))},"rows":['
            )
        ms, counter = stamp
        lines.append(
            _dumps([row.row_id, int(row.base_rev), ms - last_ms, counter, *fields.values()])
        )
        last_ms = ms
    close()
    return ('{"node":' + _dumps(node) + ',"runs":[' + ",".join(runs) + "]}").encode()


class BadRun(ValueError):
    """A column-wise push body that does not make mutations (the reason names where)."""


_FIELDS = frozenset(Mutation.model_fields)
_new = object.__new__
_set = object.__setattr__


def _mutation(values: dict[str, Any], base_missing: bool) -> Mutation:
    """A ``Mutation`` of values checked here, made as ``model_construct`` makes one (its
    share of a 1,000-insert push was as large as parsing the whole body):
    ``test_push_columns_codec`` compares every one with the validated model."""
    made: Mutation = _new(Mutation)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(_FIELDS))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", {"_base_missing": base_missing})
    return made


def _whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _run_mutations(run: MutationRun, number: int, node: str, ms: int) -> tuple[list[Mutation], int]:
    columns = run.columns
    if len(set(columns)) != len(columns) or not all(0 < len(c) <= 64 for c in columns):
        raise BadRun(f"run {number}: columns must be distinct names of 1 to 64 characters")
    width = LEAD + len(columns)
    made: list[Mutation] = []
    missing = run.op != "insert"  # an insert has no base
    for index, row in enumerate(run.rows):
        where = f"run {number}, row {index}"
        if len(row) != width:
            raise BadRun(
                f"{where}: {width} values expected ({', '.join(RUN_ROW_COLUMNS)}, "
                f"then the columns), not {len(row)}"
            )
        row_id, base_rev, step, counter = row[0], row[1], row[2], row[3]
        if not isinstance(row_id, str) or not 0 < len(row_id) <= 36:
            raise BadRun(f"{where}: row_id must be text of 1 to 36 characters")
        if not _whole_number(base_rev) or not 0 <= base_rev < MAX_REV:
            raise BadRun(f"{where}: base_rev must be a whole number from 0 to {MAX_REV - 1}")
        if run.op == "insert" and base_rev != 0:
            raise BadRun(f"{where}: an insert has base_rev 0")
        if not _whole_number(step) or not _whole_number(counter):
            raise BadRun(f"{where}: ms and counter must be whole numbers")
        ms += step
        if not 0 <= ms < MAX_MS or not 0 <= counter <= MAX_COUNTER:
            raise BadRun(f"{where}: the stamp is out of range")
        hlc = f"{ms:016d}-{counter:05d}-{node}"
        mutation = _mutation(
            {
                "mutation_id": mutation_id_for(hlc=hlc, table=run.table, row_id=row_id),
                "table": run.table,
                "row_id": row_id,
                "op": run.op,
                "base_rev": base_rev,
                "new_rev": 1 if run.op == "insert" else base_rev + 1,
                "fields": dict(zip(columns, row[LEAD:], strict=True)),
                "base_fields": {},
                "hlc": hlc,
                "actor": run.actor,
            },
            missing,
        )
        made.append(mutation)
    return made, ms


def mutations_of(body: PushColumns, *, limit: int) -> list[Mutation]:
    """The mutations of a column-wise push body, in order. Raises ``BadRun``."""
    out: list[Mutation] = []
    ms = 0
    for number, run in enumerate(body.runs):
        if isinstance(run, MutationList):
            out.extend(run.mutations)
        else:
            made, ms = _run_mutations(run, number, body.node, ms)
            out.extend(made)
        if len(out) > limit:
            raise BadRun(f"more than {limit} mutations in one push")
    return out
