"""Conflicts, field ownership and duplicate persons across villages."""

from __future__ import annotations

import json

from sqlalchemy import select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.store.models import Person, SyncState
from villagedesk.sync.engine import get_state


def _person(village: Village, person_id: str) -> Person:
    with village.db.read() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person


def test_same_field_edited_at_both_ends_is_a_conflict_resolved_at_the_county(
    county: County, village_a: Village
) -> None:
    pid = village_a.register(1, name="张三")
    village_a.sync()
    county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"name": "张叁"}, "by": "officer"}
    )
    village_a.edit(pid, name="张山")

    summary = village_a.sync()
    assert summary.conflicts == 1 and summary.new_conflicts == 1
    [conflict] = county.admin("GET", "/admin/v1/conflicts")["conflicts"]
    assert (conflict["base"], conflict["village"], conflict["county"]) == ("张三", "张山", "张叁")
    with village_a.db.read() as s:
        assert get_state(s, "open_conflicts") == "1"
        [local] = json.loads(get_state(s, "sync_conflicts"))
        assert local["village"] == "张山" and local["county"] == "张叁"
    assert _person(village_a, pid).name == "张叁"  # the county's value stands meanwhile

    county.admin(
        "POST",
        f"/admin/v1/conflicts/{conflict['id']}/resolve",
        json={"value": "张山", "by": "officer"},
    )
    summary = village_a.sync()
    assert summary.conflicts == 0 and summary.mismatches == []
    assert _person(village_a, pid).name == "张山"
    with village_a.db.read() as s:
        assert s.scalar(select(SyncState.value).where(SyncState.key == "open_conflicts")) == "0"
    [done] = county.admin("GET", "/admin/v1/conflicts")["conflicts"]
    assert done["status"] == "resolved" and done["village"] == "张山" and done["county"] == "张叁"


def test_owned_fields_merge_without_a_conflict(county: County, village_a: Village) -> None:
    pid = village_a.register(1, name="张三", phone="13900000000")
    village_a.sync()
    # the county changes the name, the village the phone: both kept
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{pid}",
        json={"fields": {"name": "张叁", "phone": "13911111111"}, "by": "officer"},
    )
    village_a.edit(pid, phone="13922222222")
    summary = village_a.sync()
    assert summary.conflicts == 0
    person = _person(village_a, pid)
    assert person.name == "张叁" and person.phone == "13922222222"  # the village owns phones


def test_an_id_registered_at_two_villages_opens_a_duplicate_case(
    county: County, village_a: Village, village_b: Village
) -> None:
    a_id = village_a.register(7, name="陈七")
    village_a.sync()
    b_id = village_b.register(7, name="陈七")  # same ID number, another village
    summary = village_b.sync()
    assert summary.held == 1
    [case] = county.admin("GET", "/admin/v1/duplicates")["cases"]
    assert case["existing_person_id"] == a_id and case["new_person_id"] == b_id
    assert case["existing_village"] == VILLAGE_A and case["new_village"] == village_b.code
    with county.db.read() as s:
        [person] = s.scalars(select(Person)).all()
        assert person.id == a_id and person.village_code == VILLAGE_A  # never overwritten
    # syncing again changes nothing: the held mutation is already recorded
    again = village_b.sync()
    assert again.held == 0
    assert len(county.admin("GET", "/admin/v1/duplicates")["cases"]) == 1
