"""The quick paths of an incremental sync (issue 4) give the same results as the slow ones:
a push of many edits is written at the county in one statement per shape, the county works
out its checksums in SQL on PostgreSQL, and a pull page that holds the last change says so
(no empty page fetched after it)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sync_harness import NOW, County, Village

from villagedesk.store.models import Person
from villagedesk.store.server_models import ChangeLogEntry
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import SyncSummary, get_state, push_outbox, sync_once
from villagedesk.sync.tables import TABLE_ORDER, TABLES, checksum


def test_a_push_of_many_edits_lands_at_the_county_as_made(
    county: County, village_a: Village
) -> None:
    names = ["张三", "李四", "王五", "赵六", "陈七"]
    ids = [village_a.register(i, name=names[i % 5]) for i in range(1, 46)]
    assert village_a.sync().mismatches == []
    for n, pid in enumerate(ids):
        if n % 3 == 0:
            village_a.edit(pid, phone=f"1380000{n:04d}")
        elif n % 3 == 1:
            village_a.edit(pid, phone=f"1390000{n:04d}", note=f"备注“{n}”\n第二行", student=True)
        else:
            village_a.edit(pid, note="", guangxi_hukou=False, name=names[(n + 1) % 5] + "·莫")
    summary = village_a.sync()
    assert summary.pushed == 45 and summary.refused == 0 and summary.mismatches == []
    with village_a.db.read() as s:
        here = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(ids)))}
        for pid in ids:
            there = county.person(pid)
            mine = here[pid]
            assert (there.rev, there.phone, there.note, there.name) == (
                mine.rev,
                mine.phone,
                mine.note,
                mine.name,
            )
            assert (there.student, there.guangxi_hukou) == (mine.student, mine.guangxi_hukou)
            assert there.rev == 2


def test_county_checksums_are_those_of_its_rows_and_a_planted_difference_shows(
    county: County, village_a: Village
) -> None:
    ids = [village_a.register(i) for i in range(1, 31)]
    assert village_a.sync().mismatches == []
    with county.db.read() as s:
        counts = county_service.station_counts(session=s, village=village_a.code).tables
        for name in TABLE_ORDER:  # as tables.checksum works it out from the rows
            rows = s.execute(county_service.county_visible_ids(TABLES[name], village_a.code))
            assert (counts[name].count, counts[name].checksum) == checksum(rows), name
    assert counts["persons"].count == 30
    with county.db.write() as s:  # changed behind sync's back at the county
        s.execute(update(Person).where(Person.id == ids[7]).values(rev=Person.rev + 1))
    later = NOW + timedelta(days=1)  # the first sync of a day compares every table
    summary = sync_once(db=village_a.db, client=village_a.client, now=lambda: later)
    assert summary.mismatches == ["persons: here 30 rows, county 30 rows (revisions differ)"]


def test_a_page_that_holds_the_last_change_is_the_last_page(
    county: County, village_a: Village
) -> None:
    assert village_a.sync().mismatches == []
    with village_a.db.read() as s:
        cursor = get_state(s, "pull_cursor")
    for i in range(1, 6):
        village_a.register(i)
    push_outbox(db=village_a.db, client=village_a.client, summary=SyncSummary())
    with county.db.read() as s:
        after = int(cursor.split(":")[1])
        waiting = s.scalar(
            select(func.count()).select_from(ChangeLogEntry).where(ChangeLogEntry.seq > after)
        )
    assert waiting is not None and waiting >= 5
    exact = village_a.client.pull(cursor, waiting)
    assert not exact.has_more and exact.cursor != cursor
    short = village_a.client.pull(cursor, waiting - 1)
    assert short.has_more
    rest = village_a.client.pull(short.cursor, waiting)
    assert not rest.has_more and rest.cursor == exact.cursor
    sent: list[str] = []
    request = village_a.client.request

    def spy(method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(path)
        return request(method, path, *args, **kwargs)

    village_a.client.request = spy  # type: ignore[method-assign]
    summary = sync_once(db=village_a.db, client=village_a.client, page_size=waiting)
    assert summary.mismatches == []
    assert sent.count("/sync/v1/pull") == 1, sent  # a full page, and nothing after it
