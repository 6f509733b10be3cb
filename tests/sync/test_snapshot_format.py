"""Snapshot pages column-wise (``X-Villagedesk-Pull-Format: columns``): a reinstalled laptop
gets its village back the same as with whole rows, also after a cut half-way; a counter that
does not ask (0.2.0) keeps getting whole-row pages it can read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_harness import BASE, NOW, VILLAGE_A, County, Village

from villagedesk.services.context import SYSTEM
from villagedesk.services.integrity import check_database
from villagedesk.services.station import init_station
from villagedesk.store.database import Database
from villagedesk.store.migrate import head_revision
from villagedesk.store.models import Household, OutboxEntry, Person
from villagedesk.sync.client import Offline, ServerFailed, SyncClient
from villagedesk.sync.engine import RESTORE_OP, apply_page, enrol_database, get_state, local_write
from villagedesk.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_FORMAT_COLUMNS,
    PULL_FORMAT_HEADER,
    SCHEMA_HEADER,
    PullPage,
)

NAMES = ["张三", "李四", "王五", "赵六", "陈七"]
# what a 0.2.0 counter's PullPage holds; it refuses any other key (extra="forbid")
OLD_PAGE_KEYS = {"changes", "cursor", "has_more", "snapshot", "server_seq"}


def _pull_all(county: County, secret: str, *, columns: bool) -> tuple[list[dict[str, Any]], int]:
    """Every page of a snapshot through the route, as raw JSON; and the rows they carry."""
    headers = {
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        SCHEMA_HEADER: head_revision(),
        "Authorization": f"Bearer {secret}",
    }
    if columns:
        headers[PULL_FORMAT_HEADER] = PULL_FORMAT_COLUMNS
    pages, rows, cursor = [], 0, ""
    while True:
        answer = county.http.post(
            "/sync/v1/pull", json={"cursor": cursor, "limit": 7}, headers=headers
        )
        assert answer.status_code == 200, answer.text
        page = answer.json()
        pages.append(page)
        rows += len(page["changes"]) + sum(len(b["rows"]) for b in page.get("blocks") or [])
        if not page["snapshot"]:
            return pages, rows
        cursor = page["cursor"]


def _rows(pages: list[dict[str, Any]]) -> set[tuple[str, str, int, str]]:
    """(table, row id, rev, hlc) of every row the pages carry, whichever form."""
    found = set()
    for page in pages:
        for c in page["changes"]:
            found.add((c["table"], c["row_id"], c["rev"], c["hlc"]))
        for block in page.get("blocks") or []:
            for row in block["rows"]:
                assert len(row) == 6 + len(block["columns"])
                found.add((block["table"], row[0], row[1], row[2]))
    return found


def test_a_counter_that_does_not_ask_gets_whole_rows_and_both_forms_carry_the_same(
    county: County, village_a: Village
) -> None:
    for i in range(1, 6):
        village_a.register(i)
    village_a.sync()
    with village_a.db.read() as s:
        secret = get_state(s, "station_secret")
    old, old_count = _pull_all(county, secret, columns=False)
    new, new_count = _pull_all(county, secret, columns=True)
    # the answer a 0.2.0 counter gets has only the keys it knows, rows as whole changes
    for page in old:
        assert set(page) == OLD_PAGE_KEYS
        PullPage.model_validate(page)
    assert any(c["table"] == "persons" for p in old for c in p["changes"])
    # asked for columns: the snapshot's rows come in blocks, fewer bytes of field names
    assert any(p.get("blocks") for p in new)
    assert all(not p["changes"] for p in new[:-1] if p.get("blocks"))
    assert old_count == new_count > 5
    assert _rows(old) == _rows(new)
    # the same cursors, so a counter may switch form between pages
    assert [p["cursor"] for p in old] == [p["cursor"] for p in new]


def _laptop(path: Path) -> Database:
    return init_station(path=path, village_code=VILLAGE_A, name="村", now=NOW)


def _enrol(county: County, db: Database, client: SyncClient) -> Any:
    return enrol_database(
        db=db,
        server_url=BASE,
        token=county.add_station(VILLAGE_A),
        client=client,
        actor=SYSTEM,
        now=lambda: NOW,
    )


def _same_village(laptop: Database, village: Village) -> None:
    with village.db.read() as s:
        want = {
            "persons": set(s.execute(select(Person.id, Person.rev, Person.name))),
            "households": set(s.execute(select(Household.id, Household.rev))),
        }
    with laptop.read() as s:
        assert set(s.execute(select(Person.id, Person.rev, Person.name))) == want["persons"]
        assert set(s.execute(select(Household.id, Household.rev))) == want["households"]
        # the restored rows are noted as captured ("villagedesk check" stays clean) ...
        assert check_database(session=s, station=VILLAGE_A) == []
        # ... with a few entries, not one per row, all acknowledged and never pushed
        restores = s.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.op == RESTORE_OP)
        )
        assert 0 < (restores or 0) < len(want["persons"])
        top = s.scalar(select(func.max(OutboxEntry.seq)))
        assert int(get_state(s, "outbox_acked_seq", "0")) == top


@pytest.mark.parametrize("columns", [True, False], ids=["columns", "whole-rows"])
def test_a_reinstalled_laptop_gets_its_village_back_either_form(
    county: County, village_a: Village, tmp_path: Path, columns: bool
) -> None:
    for i in range(1, 31):
        village_a.register(i, name=NAMES[i % len(NAMES)])
    assert village_a.sync().mismatches == []
    client = county.client()
    if not columns:  # a county that does not know the header answers like this
        plain = client.pull
        client.pull = lambda cursor, limit, **_k: plain(cursor, limit, columns=False)  # type: ignore[method-assign]
    laptop = _laptop(tmp_path / "laptop.db")
    summary = _enrol(county, laptop, client)
    assert summary.mismatches == [] and summary.pulled >= 30
    _same_village(laptop, village_a)
    # a sync after it has nothing to do and pushes nothing back
    again = _sync(laptop, client)
    assert again.pushed == 0 and again.pulled == 0 and again.mismatches == []
    laptop.close()


def _sync(db: Database, client: SyncClient) -> Any:
    from villagedesk.sync.engine import sync_once

    return sync_once(db=db, client=client, page_size=4, now=lambda: NOW)


def test_a_column_wise_snapshot_cut_half_way_resumes_and_ends_equal(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    for i in range(1, 41):
        village_a.register(i, name=NAMES[i % len(NAMES)])
    assert village_a.sync().mismatches == []
    client = county.client()
    pages = 0
    plain = client.pull

    def pull(cursor: str, limit: int, **kwargs: Any) -> PullPage:
        nonlocal pages
        pages += 1
        if pages == 4:  # the network goes away after three pages
            county.adapter.cut_before = 1000
        return plain(cursor, 4, **kwargs)  # small pages: a snapshot of many

    client.pull = pull  # type: ignore[method-assign]
    laptop = _laptop(tmp_path / "laptop.db")
    with pytest.raises(Offline):
        _enrol(county, laptop, client)
    with laptop.read() as s:
        cursor = get_state(s, "pull_cursor")
    assert cursor.startswith("s:")  # stopped inside the snapshot, at a committed page
    county.adapter.cut_before = 0
    _pages, whole = _pull_all(county, client.secret, columns=True)
    summary = _sync(laptop, client)
    assert summary.mismatches == []
    assert summary.pulled == whole - 3 * 4  # went on after the three pages it had
    with laptop.read() as s:
        assert get_state(s, "pull_cursor").startswith("c:")
    _same_village(laptop, village_a)
    laptop.close()


def test_a_block_with_a_column_this_counter_does_not_know_is_applied_without_it(
    tmp_path: Path,
) -> None:
    """A newer county sends a column this counter lacks: the rest of the row is written; a
    column the county does not send (an older county) gets its default in a new row and is
    never blanked in a row already here."""
    db = _laptop(tmp_path / "c.db")
    stamp = f"{int(datetime(2026, 11, 27).timestamp() * 1000):016d}-00000-{VILLAGE_A}"
    page = PullPage.model_validate(
        {
            "changes": [],
            "cursor": "s:1:1:",
            "has_more": True,
            "snapshot": True,
            "server_seq": 1,
            "blocks": [
                {
                    "table": "households",
                    "seq": 1,
                    "columns": ["village_code", "address", "future_column"],
                    "rows": [
                        ["h-1", 3, stamp, stamp, VILLAGE_A, False, VILLAGE_A, "一组", "x"],
                    ],
                }
            ],
        }
    )
    with local_write(db) as s:
        applied, skipped, top = apply_page(session=s, page=page, station=VILLAGE_A)
    assert (applied, skipped, top) == (1, 0, stamp)
    with db.read() as s:
        row = s.get(Household, "h-1")
        assert row is not None and row.address == "一组" and row.rev == 3
        assert check_database(session=s, station=VILLAGE_A) == []
    # an older county that does not know ``address`` sends the row again: the address stays
    older = page.model_copy(deep=True)
    assert older.blocks is not None
    older.blocks[0].columns = ["village_code", "phone"]
    older.blocks[0].rows = [["h-1", 4, stamp, stamp, VILLAGE_A, False, VILLAGE_A, "138"]]
    with local_write(db) as s:
        assert apply_page(session=s, page=older, station=VILLAGE_A)[0] == 1
    with db.read() as s:
        row = s.get(Household, "h-1")
        assert row is not None and (row.address, row.phone, row.rev) == ("一组", "138", 4)
    # a row that does not match its block's columns fails the page: nothing of it is kept
    broken = older.model_copy(deep=True)
    assert broken.blocks is not None
    broken.blocks[0].rows = [
        ["h-2", 1, stamp, stamp, VILLAGE_A, False, VILLAGE_A, "139"],
        ["h-3", 1, stamp, stamp, VILLAGE_A, False, VILLAGE_A],
    ]
    with (
        pytest.raises(ServerFailed, match="households snapshot row of 7 values, not 8"),
        local_write(db) as s,
    ):
        apply_page(session=s, page=broken, station=VILLAGE_A)
    with db.read() as s:
        assert s.get(Household, "h-2") is None
    db.close()
