"""A first push of many new rows (issue 4) through the county's quick paths: rows, change log,
revisions and the answers kept for replays are what the station sent, bad values are still
refused naming the field, and a batch of 1,000 reads the county's rows, ID numbers and held
mutations in one query each."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Text, cast, event, select
from sync_harness import NOW, VILLAGE_A, VILLAGE_B, County

from helpers import make_id
from villagedesk.store.clock import HybridClock
from villagedesk.store.models import Person
from villagedesk.store.server_models import (
    AppliedMutation,
    ChangeLogEntry,
    CountyStation,
    RowRevision,
)
from villagedesk.sync import county as county_service
from villagedesk.sync.protocol import Mutation, PushResult
from villagedesk.sync.tables import TABLES

_MS = 1_795_804_239_252  # a station's clock, ms


def _whole(seq: int, village: str = VILLAGE_A) -> dict[str, Any]:
    """Every field of a new person, as a counter sends it."""
    birth = date(1950, 1, 1) + timedelta(days=seq // 500)
    return {
        "id_number": make_id(birth, seq),
        "name": "张三",
        "name_pinyin": "zhangsan",
        "name_initials": "zs",
        "sex": "male",
        "birth_date": birth.isoformat(),
        "household_id": None,
        "relation": "户主",
        "village_code": village,
        "phone": f"1380000{seq:04d}",
        "address": "大黎镇大黎村3组",
        "guangxi_hukou": True,
        "student": seq % 2 == 0,
        "employee_scheme": False,
        "other_state_pension": False,
        "death_date": None,
        "death_reported_on": None,
        "death_source": "",
        "note": "",
        "deleted": False,
    }


def _insert(seq: int, fields: dict[str, Any], village: str = VILLAGE_A) -> Mutation:
    return Mutation(
        mutation_id=str(uuid.uuid4()),
        table="persons",
        row_id=str(uuid.uuid4()),
        op="insert",
        base_rev=0,
        new_rev=1,
        fields=fields,
        hlc=f"{_MS + seq:016d}-00000-{village}",
        actor="wang",
    )


def _push(county: County, village: str, mutations: list[Mutation]) -> PushResult:
    with county.db.write() as s:
        station = s.scalar(select(CountyStation).where(CountyStation.village_code == village))
        if station is None:
            county_service.add_station(session=s, village_code=village, name="站", now=NOW)
            station = s.scalar(select(CountyStation).where(CountyStation.village_code == village))
        assert station is not None
        return county_service.apply_push(
            session=s,
            station=station,
            mutations=mutations,
            clock=HybridClock(county_service.COUNTY_NODE),
            now=NOW,
        )


def test_a_first_push_is_kept_as_sent_and_its_replay_is_answered_the_same(
    county: County,
) -> None:
    taken = _insert(0, _whole(0, VILLAGE_B), VILLAGE_B)
    assert [r.status for r in _push(county, VILLAGE_B, [taken]).results] == ["applied"]
    whole = [_insert(i, _whole(i)) for i in range(1, 41)]
    # an older counter's insert without the fields that have defaults
    short = {k: _whole(41)[k] for k in ("id_number", "name", "sex", "birth_date")}
    partial = _insert(41, {**short, "village_code": VILLAGE_A})
    # village B registered this ID number first: held with a duplicate case
    same_number = _insert(42, _whole(0))
    batch = [*whole[:20], partial, same_number, *whole[20:]]

    first = _push(county, VILLAGE_A, batch)
    assert [r.status for r in first.results] == ["applied"] * 21 + ["held"] + ["applied"] * 20
    case_id = first.results[21].case_id
    assert case_id

    with county.db.read() as s:
        people = {
            p.id: p for p in s.scalars(select(Person).where(Person.village_code == VILLAGE_A))
        }
        assert len(people) == 41 and same_number.row_id not in people
        for mut in whole:
            person = people[mut.row_id]
            sent = mut.fields
            assert (person.name, person.phone, person.student, person.birth_date.isoformat()) == (
                sent["name"],
                sent["phone"],
                sent["student"],
                sent["birth_date"],
            )
            assert (person.rev, person.origin, person.created_hlc) == (1, VILLAGE_A, mut.hlc)
        filled = people[partial.row_id]
        assert (filled.phone, filled.relation, filled.guangxi_hukou, filled.deleted) == (
            "",
            "",
            True,
            False,
        )
        # the change log in the order the station made the changes
        logged = s.scalars(
            select(ChangeLogEntry.row_id)
            .where(ChangeLogEntry.scope == VILLAGE_A)
            .order_by(ChangeLogEntry.seq)
        ).all()
        assert logged == [m.row_id for m in batch if m is not same_number]
        revisions = {
            r.row_id: r.fields
            for r in s.scalars(select(RowRevision).where(RowRevision.station == VILLAGE_A))
        }
        assert all(revisions[m.row_id] == m.fields for m in whole)
        assert revisions[partial.row_id] == {
            **{k: None for k in TABLES["persons"].columns},
            "name_pinyin": "",
            "name_initials": "",
            "relation": "",
            "phone": "",
            "address": "",
            "guangxi_hukou": True,
            "student": False,
            "employee_scheme": False,
            "other_state_pension": False,
            "death_source": "",
            "note": "",
            "deleted": False,
            **partial.fields,
        }
        answers = {
            a.mutation_id: a.answer
            for a in s.scalars(select(AppliedMutation).where(AppliedMutation.station == VILLAGE_A))
        }
        assert answers[whole[0].mutation_id] == {"rev": 1, "case_id": None}
        assert answers[same_number.mutation_id] == {"rev": None, "case_id": case_id}
        # stored as the same JSON text as ever (json.dumps), whichever way it was written
        texts = dict(
            s.execute(
                select(RowRevision.row_id, cast(RowRevision.fields, Text)).where(
                    RowRevision.station == VILLAGE_A
                )
            ).all()
        )
        assert all(texts[m.row_id] == json.dumps(m.fields) for m in whole)
        answer_text = s.scalar(
            select(cast(AppliedMutation.answer, Text)).where(
                AppliedMutation.mutation_id == whole[0].mutation_id
            )
        )
        assert answer_text == json.dumps({"rev": 1, "case_id": None})

    again = _push(county, VILLAGE_A, batch)
    assert [r.status for r in again.results] == ["duplicate"] * len(batch)
    assert [(r.rev, r.case_id) for r in again.results] == [
        (r.rev, r.case_id) for r in first.results
    ]


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("name", "张" * 61, "name is longer than 60 characters"),
        ("name", "张\x00三", "name holds a NUL character"),
        # looked up among the county's ID numbers before the batch is checked field by field
        ("id_number", "4504221960\x00501123", "id_number holds a NUL character"),
        ("name", None, "name may not be null"),
        ("student", "yes", "student must be true or false"),
        ("birth_date", "1960-13-01", "birth_date must be a date (YYYY-MM-DD)"),
    ],
)
def test_a_bad_value_in_a_first_push_is_refused_naming_the_field(
    county: County, field: str, value: Any, reason: str
) -> None:
    batch = [_insert(i, _whole(i)) for i in range(5)]
    batch[3] = _insert(3, {**_whole(3), field: value})
    with pytest.raises(county_service.SyncRefused) as refused:
        _push(county, VILLAGE_A, batch)
    assert (refused.value.status, refused.value.code, refused.value.index) == (422, "bad_value", 3)
    assert reason in refused.value.reason
    with county.db.read() as s:  # nothing of the batch was written
        assert s.scalar(select(Person.id).where(Person.village_code == VILLAGE_A)) is None


def test_a_batch_of_1000_reads_rows_numbers_and_held_mutations_in_one_query_each(
    county: County,
) -> None:
    batch = [_insert(i, _whole(i)) for i in range(1000)]
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(county.db.engine, "before_cursor_execute", note)
    try:
        result = _push(county, VILLAGE_A, batch)
    finally:
        event.remove(county.db.engine, "before_cursor_execute", note)
    assert [r.status for r in result.results] == ["applied"] * 1000
    reads = [q for q in statements if q.startswith("SELECT")]
    assert len([q for q in reads if "FROM persons WHERE persons.id IN" in q]) == 1
    assert len([q for q in reads if "WHERE persons.id_number IN" in q]) == 1
    assert len([q for q in reads if "FROM county_held_mutations" in q]) == 1
    with county.db.read() as s:
        assert len(s.scalars(select(Person.id)).all()) == 1000
