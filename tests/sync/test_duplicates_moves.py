"""Duplicate-person cases decided at the county, and persons moved between villages."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sync_harness import CLERK, TODAY, VILLAGE_B, County, Village

from helpers import make_id
from villagedesk.domain.categories import StatusKind
from villagedesk.services.integrity import check_database
from villagedesk.services.persons import add_status
from villagedesk.store.models import Person, PersonStatus
from villagedesk.store.server_models import AppliedMutation, DuplicateCase, HeldMutation
from villagedesk.sync.engine import get_json, get_state


def _status(village: Village, person_id: str) -> str:
    with village.db.write(actor="wang") as s:
        row = add_status(
            session=s,
            actor=CLERK,
            today=TODAY,
            person_id=person_id,
            kind=StatusKind.DIBAO,
            start_date=date(2020, 1, 1),
            level=1,
        )
        return row.id


def _persons(village: Village) -> dict[str, Person]:
    with village.db.read() as s:
        return {p.id: p for p in s.scalars(select(Person))}


def _statuses(village: Village) -> dict[str, str]:
    with village.db.read() as s:
        return {r.id: r.person_id for r in s.scalars(select(PersonStatus))}


def _state(village: Village, key: str) -> Any:
    with village.db.read() as s:
        return get_json(s, key)


def _clean(village: Village) -> None:
    with village.db.read() as s:
        assert check_database(session=s, station=village.code) == []


def _case(county: County) -> dict[str, Any]:
    [case] = county.admin("GET", "/admin/v1/duplicates")["cases"]
    return dict(case)


def _decide(county: County, case_id: str, **body: Any) -> dict[str, Any]:
    return dict(
        county.admin(
            "POST", f"/admin/v1/duplicates/{case_id}/decide", json={"by": "officer", **body}
        )
    )


def test_the_same_person_twice_is_merged_and_moved_to_the_village_the_county_chooses(
    county: County, village_a: Village, village_b: Village
) -> None:
    a_id = village_a.register(7, name="陈七")
    a_status = _status(village_a, a_id)
    village_a.sync()
    b_id = village_b.register(7, name="陈柒", phone="13900000007")  # typed differently
    b_status = _status(village_b, b_id)
    assert village_b.sync().held == 2

    case = _decide(county, _case(county)["id"], decision="merge", village_code=VILLAGE_B)
    assert case["status"] == "merged" and case["target_village"] == VILLAGE_B
    assert case["kept"] == 1 and case["dropped"] == 0

    # the old village learns the person left, with their records; nothing else changes
    a_sum = village_a.sync()
    assert a_sum.removed >= 2 and a_sum.mismatches == []
    assert a_id not in _persons(village_a) and _statuses(village_a) == {}
    assert [m["person_id"] for m in _state(village_a, "sync_moved_away")] == [a_id]
    _clean(village_a)

    # the second station drops its copy and gets the existing person with every record
    b_sum = village_b.sync()
    assert b_sum.mismatches == []
    persons = _persons(village_b)
    assert set(persons) == {a_id}
    assert persons[a_id].village_code == VILLAGE_B
    assert persons[a_id].phone == "13900000007"  # empty at the county: filled in
    assert persons[a_id].name == "陈七"  # differs: the county's stays, as a conflict
    assert _statuses(village_b) == {a_status: a_id, b_status: a_id}
    [conflict] = _state(village_b, "sync_conflicts")
    assert (conflict["field"], conflict["village"], conflict["county"]) == ("name", "陈柒", "陈七")
    with village_b.db.read() as s:
        assert get_state(s, "open_conflicts") == "1"
    _clean(village_b)
    [mine] = _state(village_b, "sync_duplicates")
    assert mine["status"] == "merged" and mine["new_person_id"] == b_id

    # the county lost nothing: both records hang from the one person
    with county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
        assert {r.person_id for r in s.scalars(select(PersonStatus))} == {a_id}
        assert s.scalar(select(func.count()).select_from(PersonStatus)) == 2
        assert s.scalar(select(func.count()).select_from(HeldMutation)) == 2  # kept on file

    # a later edit made at B reaches the person wherever they are; A hears nothing more
    village_b.edit(a_id, address="大黎村二组")
    assert village_b.sync().pushed == 1
    assert village_a.sync().pulled == 0
    with county.db.read() as s:
        assert s.get(Person, a_id).address == "大黎村二组"  # type: ignore[union-attr]


def test_a_merge_that_drops_the_held_records_refuses_later_changes_to_them(
    county: County, village_a: Village, village_b: Village
) -> None:
    a_id = village_a.register(7, name="陈七")
    village_a.sync()
    b_id = village_b.register(7, name="陈七")
    village_b.sync()
    village_b.edit(b_id, phone="13911112222")  # still waiting to be sent

    _decide(county, _case(county)["id"], decision="merge", keep_held=False)
    b_sum = village_b.sync()
    assert b_sum.refused == 1 and b_sum.mismatches == []
    [refusal] = _state(village_b, "sync_refusals")
    assert refusal["row_id"] == b_id and "merged" in refusal["reason"]
    assert _persons(village_b) == {}  # the person stays with village A
    _clean(village_b)
    assert village_a.sync().mismatches == []
    assert set(_persons(village_a)) == {a_id}
    with county.db.read() as s:
        statuses = list(s.scalars(select(AppliedMutation.status)))
        refused = s.scalars(
            select(AppliedMutation).where(AppliedMutation.status == "refused")
        ).one()
        assert refused.answer["payload"]["fields"] == {"phone": "13911112222"}  # kept
    assert statuses.count("dropped") == 1


def test_different_people_are_refused_back_with_a_reason_until_the_id_is_corrected(
    county: County, village_a: Village, village_b: Village
) -> None:
    a_id = village_a.register(7, name="陈七")
    village_a.sync()
    b_id = village_b.register(7, name="林八")  # a typing error in the ID number
    b_status = _status(village_b, b_id)
    village_b.sync()

    reason = "林八 is not 陈七: check the ID card and correct the number"
    case = _decide(county, _case(county)["id"], decision="refuse", reason=reason)
    assert case["status"] == "refused" and case["reason"] == reason

    village_b.sync()
    [told] = _state(village_b, "sync_duplicates")
    assert told["status"] == "refused" and told["reason"] == reason
    assert told["new_person_id"] == b_id
    assert village_a.sync().pulled == 0  # the existing person is not touched
    assert set(_persons(village_a)) == {a_id}

    # the clerk corrects the number: the registration and what hangs from it go through
    village_b.edit(b_id, id_number=make_id(date(1960, 5, 1), 8))
    b_sum = village_b.sync()
    assert b_sum.mismatches == [] and b_sum.held == 0
    with county.db.read() as s:
        person = s.get(Person, b_id)
        assert person is not None and person.village_code == VILLAGE_B
        assert person.name == "林八"
        assert s.get(PersonStatus, b_status) is not None
        assert s.scalars(select(DuplicateCase)).one().status == "corrected"
    _clean(village_b)
    [told] = _state(village_b, "sync_duplicates")
    assert told["status"] == "corrected"


def test_a_moved_person_leaves_the_old_village_and_arrives_with_all_records(
    county: County, village_a: Village, village_b: Village
) -> None:
    moving = village_a.register(1, name="张三")
    staying = village_a.register(2, name="李四")
    status = _status(village_a, moving)
    village_a.sync()
    village_b.sync()
    village_a.edit(moving, phone="13800001111")  # made before the move, sent after it

    county.admin(
        "POST", f"/admin/v1/persons/{moving}/move", json={"village_code": VILLAGE_B, "by": "o"}
    )
    a_sum = village_a.sync()
    assert a_sum.refused == 0 and a_sum.mismatches == []
    assert set(_persons(village_a)) == {staying}
    assert _statuses(village_a) == {}
    assert [m["name"] for m in _state(village_a, "sync_moved_away")] == ["张三"]
    _clean(village_a)

    b_sum = village_b.sync()
    assert b_sum.mismatches == []
    person = _persons(village_b)[moving]
    assert person.village_code == VILLAGE_B and person.phone == "13800001111"
    assert _statuses(village_b) == {status: moving}
    _clean(village_b)
    with county.db.read() as s:  # nothing removed at the county
        assert s.scalar(select(func.count()).select_from(Person)) == 2
        assert s.get(PersonStatus, status) is not None

    # B now owns the person; A may not touch them any more
    village_b.edit(moving, address="新地址")
    assert village_b.sync().pushed == 1
    assert village_a.sync().pulled == 0


def test_a_pulled_person_whose_id_number_clashes_here_is_a_local_conflict(
    county: County, village_a: Village, village_b: Village
) -> None:
    a_id = village_a.register(7, name="陈七")
    a_status = _status(village_a, a_id)
    other = village_a.register(9, name="周九")
    village_a.sync()
    b_id = village_b.register(7, name="陈七")
    village_b.sync()  # held: a case waits at the county
    for pid in (a_id, other):  # the county moves both before deciding the case
        county.admin(
            "POST", f"/admin/v1/persons/{pid}/move", json={"village_code": VILLAGE_B, "by": "o"}
        )

    b_sum = village_b.sync()  # the page is not failed: the other person arrives
    assert b_sum.local_conflicts == 1
    assert set(_persons(village_b)) == {b_id, other}
    [local] = _state(village_b, "sync_local_conflicts")
    assert local["row_id"] == a_id and local["local_person_id"] == b_id
    assert local["field"] == "id_number"
    with village_b.db.read() as s:
        assert get_state(s, "open_conflicts") == "1"
    assert any(m.startswith("persons") for m in b_sum.mismatches)  # reported, not hidden

    _decide(county, _case(county)["id"], decision="merge", village_code=VILLAGE_B)
    b_sum = village_b.sync()
    assert b_sum.local_conflicts == 0 and b_sum.mismatches == []
    assert set(_persons(village_b)) == {a_id, other}
    assert _statuses(village_b) == {a_status: a_id}
    assert _state(village_b, "sync_local_conflicts") == []
    _clean(village_b)
