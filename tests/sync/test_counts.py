"""End-of-session counts: compared for every table at the first sync of a day, then only for
the tables that moved since (a quiet sync does not recount the whole village), and a
difference is reported, not hidden."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sync_harness import NOW, County, Village

from villagedesk.store.models import Person
from villagedesk.sync.engine import local_write, sync_once
from villagedesk.sync.protocol import Counts, PullPage
from villagedesk.sync.tables import TABLE_ORDER


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
