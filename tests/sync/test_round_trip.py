"""Two villages and the county: what each side ends up with after syncing."""

from __future__ import annotations

from sqlalchemy import func, select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.services.integrity import check_database
from villagedesk.store.models import Person, SyncState


def _persons(db_session_factory) -> dict[str, Person]:  # type: ignore[no-untyped-def]
    with db_session_factory() as s:
        return {p.id: p for p in s.scalars(select(Person))}


def test_two_villages_and_the_county_round_trip(
    county: County, village_a: Village, village_b: Village
) -> None:
    ids = [village_a.register(i, name=n) for i, n in enumerate(["张三", "李四", "王五"], 1)]
    b_id = village_b.register(10, name="赵六")

    a_sum = village_a.sync()
    b_sum = village_b.sync()
    assert a_sum.pushed == 3 and b_sum.pushed == 1
    assert a_sum.mismatches == [] and b_sum.mismatches == []

    with county.db.read() as s:
        at_county = {p.id: p.village_code for p in s.scalars(select(Person))}
    assert at_county == {**{i: VILLAGE_A for i in ids}, b_id: village_b.code}

    # the county corrects a phone number; it reaches village A only
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{ids[0]}",
        json={"fields": {"phone": "13800000000"}, "by": "county-officer"},
    )
    a_sum = village_a.sync()
    village_b.sync()
    assert a_sum.pulled >= 1
    assert _persons(village_a.db.read)[ids[0]].phone == "13800000000"
    # B never sees A's residents
    assert set(_persons(village_b.db.read)) == {b_id}
    assert a_sum.mismatches == []
    with village_a.db.read() as s:
        assert check_database(session=s, station=VILLAGE_A) == []
        acked = s.scalar(select(SyncState.value).where(SyncState.key == "outbox_acked_seq"))
        assert int(acked or 0) > 0


def test_a_reinstalled_laptop_gets_its_village_back(
    county: County, village_a: Village, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    ids = {village_a.register(i) for i in range(1, 6)}
    village_a.sync()
    again = Village.__new__(Village)
    again.county, again.code = county, VILLAGE_A
    token = county.add_station(VILLAGE_A)
    again.client = county.client()
    from villagedesk.sync.engine import enrol_station

    db, summary = enrol_station(
        db_path=tmp_path / "fresh.db",
        server_url="http://county.test",
        token=token,
        client=again.client,
    )
    with db.read() as s:
        assert set(s.scalars(select(Person.id))) == ids
        assert s.scalar(select(func.count()).select_from(Person)) == 5
        assert check_database(session=s, station=VILLAGE_A) == []
    assert summary.mismatches == []
    db.close()
