"""End-of-session counts: compared for every table at the first sync of a day, then only for
the tables that moved since (a quiet sync does not recount the whole village), and a
difference is reported, not hidden."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sync_harness import NOW, VILLAGE_A, VILLAGE_B, County, Village, fill_two_villages

from villagedesk.store.models import Person
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import local_write, sync_once
from villagedesk.sync.protocol import Counts, PullPage
from villagedesk.sync.tables import TABLE_ORDER, TABLES, Scope, checksum


def _sync(village: Village, asked: list[Any], *, days: int = 0) -> Any:
    """Sync, noting the tables the county counted (None: all of them), whether with the
    last pull page or asked for with ``GET /counts``."""
    counts = village.client.counts
    pull = village.client.pull

    def spy(tables: Any = None) -> Counts:
        asked.append(None if tables is None else list(tables))
        return counts(tables)

    def pull_spy(*args: Any, **kwargs: Any) -> PullPage:
        page = pull(*args, **kwargs)
        if page.counts is not None and page.counts.tables:
            names = list(page.counts.tables)
            asked.append(None if len(names) == len(TABLE_ORDER) else names)
        return page

    village.client.counts = spy  # type: ignore[method-assign]
    village.client.pull = pull_spy  # type: ignore[method-assign]
    try:
        when = NOW + timedelta(days=days)
        return sync_once(db=village.db, client=village.client, now=lambda: when)
    finally:
        village.client.counts = counts  # type: ignore[method-assign]
        village.client.pull = pull  # type: ignore[method-assign]


def test_counts_are_compared_for_what_moved_and_fully_each_day(
    county: County, village_a: Village
) -> None:
    asked: list[Any] = []
    village_a.register(1)
    assert _sync(village_a, asked).mismatches == []
    assert asked == [["persons"]]  # enrolment compared everything today; then persons moved

    trips = village_a.client.round_trips
    assert _sync(village_a, asked).mismatches == []
    assert asked == [["persons"]]  # nothing moved: nothing recounted
    assert village_a.client.round_trips - trips == 1  # one pull (it brings the conflicts)

    # a row changed behind sync's back (not through the outbox) is found the next day
    with local_write(village_a.db) as s:
        s.execute(update(Person).values(rev=Person.rev + 5))
    assert _sync(village_a, asked).mismatches == []
    summary = _sync(village_a, asked, days=1)
    assert asked[-1] is None  # the first sync of the day compares every table
    assert summary.mismatches and summary.mismatches[0].startswith("persons")
    _sync(village_a, asked, days=1)
    assert asked[-1] is None  # and keeps doing so while they differ


def test_the_county_counts_the_tables_asked_for(county: County, village_a: Village) -> None:
    some = village_a.client.counts(["persons", "households"]).tables
    assert sorted(some) == ["households", "persons"]
    assert sorted(village_a.client.counts().tables) == sorted(TABLE_ORDER)
    from villagedesk.sync.client import Refused

    with pytest.raises(Refused) as refused:
        village_a.client.counts(["persons", "no_such_table"])
    assert refused.value.status == 422


def test_a_villages_counts_are_those_of_exactly_its_rows_in_a_county_of_two(
    county: County,
) -> None:
    """Two villages, a person moved from A to B with their records, a printed document of no
    person in each: each village's counts are ``tables.checksum`` over exactly its rows, read
    by person id (issue 4: a subquery over persons made PostgreSQL walk whole tables)."""

    county.add_station(VILLAGE_A)
    county.add_station(VILLAGE_B)
    _rows, persons = fill_two_villages(county, persons=9, statuses_each=2)
    moving = persons[0]  # of A, with its statuses (origin A): B's now
    county.admin(
        "POST", f"/admin/v1/persons/{moving}/move", json={"village_code": VILLAGE_B, "by": "o"}
    )

    with county.db.read() as s:
        home = dict(s.execute(select(Person.id, Person.village_code)).all())
        assert home[moving] == VILLAGE_B
        for village in (VILLAGE_A, VILLAGE_B):
            counts = county_service.station_counts(session=s, village=village).tables
            for name in TABLE_ORDER:
                model: Any = TABLES[name].model
                table = model.__table__
                rows = s.execute(select(table)).mappings().all()
                if TABLES[name].scope is Scope.PERSON:
                    mine = [
                        r
                        for r in rows
                        if home.get(r["person_id"]) == village
                        or (r["person_id"] is None and r["origin"] == village)
                    ]
                elif TABLES[name].scope is Scope.VILLAGE:
                    mine = [r for r in rows if r["village_code"] == village]
                else:  # county-wide (no vacancy targets here): every row
                    mine = list(rows)
                expected = checksum((r["id"], r["rev"]) for r in mine)
                assert (counts[name].count, counts[name].checksum) == expected, (village, name)
            assert counts["persons"].count == {VILLAGE_A: 4, VILLAGE_B: 5}[village]  # moved
            assert counts["person_statuses"].count == 2 * counts["persons"].count
            assert counts["printed_documents"].count == 1
