"""The county's counts come with the last pull page (``X-Villagedesk-Pull-Counts``): a sync
with nothing to push is one request, a sync of many changes two (push + pull), and a
difference between the two sides is still reported. A county that does not know the header
sends no counts (the counter asks ``GET /counts`` as before); a counter that does not send it
(0.2.0) gets pages without the key."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, update
from sync_harness import CLERK, NOW, TODAY, VILLAGE_A, County, Village

from helpers import make_id
from villagedesk.server.api.routes import sync as sync_routes
from villagedesk.services.persons import MemberInput, register_household
from villagedesk.store.migrate import head_revision
from villagedesk.store.models import Person
from villagedesk.sync.client import SyncClient
from villagedesk.sync.engine import get_state, sync_once
from villagedesk.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_COUNTS_HEADER,
    SCHEMA_HEADER,
    Counts,
    PullPage,
)
from villagedesk.sync.tables import TABLE_ORDER

# the keys of a 0.2.0 counter's PullPage; it refuses any other (extra="forbid")
OLD_PAGE_KEYS = {"changes", "cursor", "has_more", "snapshot", "server_seq", "conflicts"}


class Spy:
    """What a sync asked the county: ``GET /counts`` calls, and the counts that came with
    pull pages (table names; None for a page without counts)."""

    def __init__(self, village: Village, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[list[str] | None] = []
        self.with_pages: list[list[str] | None] = []
        counts, pull = village.client.counts, village.client.pull

        def counts_spy(tables: Any = None) -> Counts:
            self.asked.append(None if tables is None else list(tables))
            return counts(tables)

        def pull_spy(*args: Any, **kwargs: Any) -> PullPage:
            page = pull(*args, **kwargs)
            if not page.has_more:
                self.with_pages.append(None if page.counts is None else list(page.counts.tables))
            return page

        monkeypatch.setattr(village.client, "counts", counts_spy)
        monkeypatch.setattr(village.client, "pull", pull_spy)


def _sync(village: Village, *, days: int = 0, page_size: int = 1000) -> Any:
    when = NOW + timedelta(days=days)
    trips = village.client.round_trips
    summary = sync_once(db=village.db, client=village.client, page_size=page_size, now=lambda: when)
    summary.round_trips -= trips  # this sync's requests (the client counts them all)
    return summary


def _new_phones(village: Village, ids: list[str]) -> None:
    """Edits made at the counter (captured in the outbox; no audit entry to send)."""
    with village.db.write(actor="wang") as s:
        for i, pid in enumerate(ids):
            person = s.get(Person, pid)
            assert person is not None
            person.phone = f"139{i:08d}"


def _at_county(county: County, statement: Any) -> None:
    """A change made at the county behind sync's back (no change log): the counts differ."""
    with county.db.write() as s:
        s.execute(statement)


def test_a_sync_with_nothing_to_push_is_one_request_and_fifty_changes_two(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [village_a.register(i) for i in range(1, 51)]
    assert _sync(village_a).mismatches == []
    spy = Spy(village_a, monkeypatch)
    _new_phones(village_a, ids)
    summary = _sync(village_a)
    assert summary.pushed == 50 and summary.mismatches == []
    assert summary.round_trips == 2  # push + pull; the county's counts came with the pull
    assert spy.asked == [] and spy.with_pages == [["persons"]]

    nothing = _sync(village_a)
    assert nothing.round_trips == 1 and nothing.mismatches == []
    assert spy.asked == [] and spy.with_pages[-1] == []  # nothing moved: nothing counted

    # the first sync of a day compares every table, still in the one request
    next_day = _sync(village_a, days=1)
    assert next_day.round_trips == 1 and next_day.mismatches == []
    assert spy.asked == [] and spy.with_pages[-1] == list(TABLE_ORDER)


def test_a_row_lost_at_the_county_is_still_reported(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [village_a.register(i) for i in range(1, 4)]
    assert _sync(village_a).mismatches == []
    spy = Spy(village_a, monkeypatch)
    _at_county(county, delete(Person).where(Person.id == ids[0]))
    _new_phones(village_a, ids[1:])
    summary = _sync(village_a)
    assert summary.round_trips == 2 and spy.asked == []
    assert summary.mismatches == ["persons: here 3 rows, county 2 rows"]
    with village_a.db.read() as s:
        assert get_state(s, "counts_equal_day") == ""  # so the next sync compares everything
    again = _sync(village_a)
    assert again.round_trips == 1 and spy.asked == []
    assert again.mismatches == ["persons: here 3 rows, county 2 rows"]


def test_tables_only_an_earlier_page_touched_are_counted_with_the_last(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    with village_a.db.write(actor="wang") as s:
        household, members = register_household(
            session=s,
            actor=CLERK,
            today=TODAY,
            address="第3组12号",
            members=[
                MemberInput(make_id(date(1960, 5, 1), 1), "张三", "户主"),
                MemberInput(make_id(date(1962, 5, 1), 2), "李四", "配偶"),
            ],
        )
        household_id, head, spouse = household.id, members[0].id, members[1].id
    assert _sync(village_a).mismatches == []
    # the county edits a person, then the household: with pages of one change, the person
    # comes on the first page and the household on the last
    county.admin(
        "PATCH", f"/admin/v1/rows/persons/{head}", json={"fields": {"address": "县里"}, "by": "o"}
    )
    county.admin(
        "PATCH",
        f"/admin/v1/rows/households/{household_id}",
        json={"fields": {"phone": "13900000000"}, "by": "o"},
    )
    _at_county(county, update(Person).where(Person.id == spouse).values(rev=Person.rev + 5))
    spy = Spy(village_a, monkeypatch)
    summary = _sync(village_a, page_size=1)
    assert summary.pulled == 2
    # persons came on the first page only; the county still counted them with the last one
    assert spy.asked == [] and spy.with_pages == [["persons", "households"]]
    assert summary.mismatches == ["persons: here 2 rows, county 2 rows (revisions differ)"]


def test_a_county_that_does_not_know_the_header_is_asked_for_counts_as_before(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [village_a.register(i) for i in range(1, 4)]
    assert _sync(village_a).mismatches == []
    # an older county: it does not read the header, so its pages carry no counts
    monkeypatch.setattr(sync_routes, "PULL_COUNTS_HEADER", "X-Villagedesk-Not-Known")
    spy = Spy(village_a, monkeypatch)
    _new_phones(village_a, ids)
    summary = _sync(village_a)
    assert summary.mismatches == [] and summary.round_trips == 3  # push, pull, GET /counts
    assert spy.with_pages == [None] and spy.asked == [["persons"]]
    _at_county(county, delete(Person).where(Person.id == ids[0]))
    summary = _sync(village_a, days=1)
    assert summary.mismatches == ["persons: here 3 rows, county 2 rows"]
    assert spy.asked[-1] is None  # every table, as before


def _pull(county: County, village: Village, cursor: str, limit: int, **headers: str) -> Any:
    answer = county.http.post(
        "/sync/v1/pull",
        json={"cursor": cursor, "limit": limit, "conflicts": True},
        headers={
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: head_revision(),
            "Authorization": f"Bearer {village.client.secret}",
            **headers,
        },
    )
    return answer


def test_an_old_counter_gets_its_pages_as_before_and_a_bad_header_is_refused(
    county: County, village_a: Village
) -> None:
    for i in range(1, 4):
        village_a.register(i)
    assert _sync(village_a).mismatches == []
    county.admin("PATCH", "/admin/v1/rows/persons/" + _any_person(village_a), json=_edit("甲"))
    with village_a.db.read() as s:
        cursor = get_state(s, "pull_cursor")
    # a 0.2.0 counter never sends the header: only the keys it knows, on every page
    old = _pull(county, village_a, cursor, 1000)
    assert old.status_code == 200, old.text
    assert set(old.json()) == OLD_PAGE_KEYS and not old.json()["has_more"]

    asked = {PULL_COUNTS_HEADER: "households,pets"}  # pets: a newer counter's table
    new = _pull(county, village_a, cursor, 1000, **asked).json()
    assert set(new) == OLD_PAGE_KEYS | {"counts"}
    # the tables named that this county has, and the ones the page brings
    assert list(new["counts"]["tables"]) == ["households", "persons"]
    assert new["counts"]["tables"]["persons"]["count"] == 3

    # a page with more to come carries no counts
    county.admin("PATCH", "/admin/v1/rows/persons/" + _any_person(village_a), json=_edit("乙"))
    first = _pull(county, village_a, cursor, 1, **asked).json()
    assert first["has_more"] and "counts" not in first

    bad = _pull(county, village_a, cursor, 1000, **{PULL_COUNTS_HEADER: "persons;drop"})
    assert bad.status_code == 400
    assert bad.json()["detail"]["code"] == "bad_header"
    assert PULL_COUNTS_HEADER in bad.json()["detail"]["reason"]


def _any_person(village: Village) -> str:
    with village.db.read() as s:
        found = s.query(Person.id).order_by(Person.id).first()
        assert found is not None
        return str(found[0])


def _edit(address: str) -> dict[str, Any]:
    return {"fields": {"address": address}, "by": "officer"}


def test_an_enrolment_compares_every_table_with_the_last_snapshot_page(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for i in range(1, 6):
        village_a.register(i)
    assert _sync(village_a).mismatches == []
    asked: list[Any] = []
    counts = SyncClient.counts

    def counts_spy(self: SyncClient, tables: Any = None) -> Counts:
        asked.append(tables)
        return counts(self, tables)

    monkeypatch.setattr(SyncClient, "counts", counts_spy)
    # a reinstalled laptop of village A: a snapshot, every table compared
    laptop = Village(county, VILLAGE_A, tmp_path / "laptop.db")
    assert laptop.first.pulled >= 5 and laptop.first.mismatches == []
    assert asked == []  # the county's counts came with the snapshot's last page
    laptop.close()
