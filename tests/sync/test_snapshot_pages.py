"""Snapshot pages of person tables go by person (``county._person_page``): a page reads the
village's rows, not the county's. A snapshot cut anywhere — also between two rows of one
person — brings every row of the village once and nothing of another village; a station
that was mid-snapshot when the county was updated (its cursor a row id alone) finishes."""

from __future__ import annotations

from sqlalchemy import inspect, select
from sync_harness import VILLAGE_A, VILLAGE_B, County, fill_two_villages

from villagedesk.store.models import Person, PersonStatus
from villagedesk.store.server_models import CountyStation
from villagedesk.sync import county as county_service
from villagedesk.sync.tables import RANK, TABLE_ORDER


def _fill(county: County) -> dict[str, set[tuple[str, str]]]:
    """Persons with three statuses each in two villages, a printed document of no person in
    each; the (table, row id) each village must get."""
    return fill_two_villages(county, persons=12, statuses_each=3)[0]


def _snapshot(
    county: County, village: str, cursor: str = "", *, compact: bool
) -> tuple[list[tuple[str, str]], list[str]]:
    """Every row of a snapshot pulled 2 rows a page from ``cursor``; and the cursors."""
    found: list[tuple[str, str]] = []
    cursors = []
    with county.db.read() as s:
        station = s.scalar(select(CountyStation).where(CountyStation.village_code == village))
        assert station is not None
        while True:
            page = county_service.read_pull(
                session=s,
                station=station,
                cursor=cursor,
                limit=2,
                snapshot_after=50_000,
                compact=compact,
            )
            found += [(c.table, c.row_id) for c in page.changes]
            for block in page.blocks or []:
                found += [(block.table, row[0]) for row in block.rows]
            if not page.snapshot:
                return found, cursors
            cursor = page.cursor
            cursors.append(cursor)


def _person_rows(rows: list[tuple[str, str]]) -> set[tuple[str, str]]:
    return {row for row in rows if row[0] in ("persons", "person_statuses", "printed_documents")}


def test_a_snapshot_cut_between_rows_of_one_person_brings_the_village_once(
    county: County,
) -> None:
    county.add_station(VILLAGE_A)
    county.add_station(VILLAGE_B)
    wanted = _fill(county)
    for village in (VILLAGE_A, VILLAGE_B):
        for compact in (True, False):
            rows, cursors = _snapshot(county, village, compact=compact)
            assert len(rows) == len(set(rows))  # nothing twice
            assert _person_rows(rows) == wanted[village]  # all of it, no other village's
            # pages of 2 cut the three statuses of a person: the cursor names the person
            statuses = f"s:{cursors[0].split(':')[1]}:{RANK['person_statuses']}:"
            inside = [c for c in cursors if c.startswith(statuses)]
            assert inside and all("/" in c for c in inside)


def test_a_station_mid_snapshot_when_the_county_was_updated_finishes(county: County) -> None:
    """A cursor of a county before pages by person (a row id alone, rows in id order) goes
    on in id order to the end of its table, then on by person: the rest comes once."""
    county.add_station(VILLAGE_A)
    county.add_station(VILLAGE_B)
    wanted = _fill(county)
    with county.db.read() as s:
        ids = list(
            s.scalars(
                select(PersonStatus.id)
                .join(Person, Person.id == PersonStatus.person_id)
                .where(Person.village_code == VILLAGE_A)
                .order_by(PersonStatus.id)
            )
        )
    first, _ = _snapshot(county, VILLAGE_A, compact=True)
    upto = 0  # nothing in the change log: the snapshot is consistent with seq 0
    # cut after the 4th status in id order, as the county before this change paged them
    rows, _ = _snapshot(
        county, VILLAGE_A, f"s:{upto}:{RANK['person_statuses']}:{ids[3]}", compact=True
    )
    assert len(rows) == len(set(rows))
    assert [r for r in rows if r[0] == "person_statuses"] == [
        ("person_statuses", i) for i in ids[4:]
    ]
    later = set(TABLE_ORDER[RANK["person_statuses"] :])
    assert {r for r in rows if r[0] in later} == {r for r in first if r[0] in later} - {
        ("person_statuses", i) for i in ids[:4]
    }
    assert ("printed_documents", next(iter(_of(wanted[VILLAGE_A], "printed_documents")))) in rows
    # an older cursor inside the printed documents (rows of no person among them)
    rows, _ = _snapshot(county, VILLAGE_A, f"s:0:{RANK['printed_documents']}:0", compact=False)
    assert _of(set(rows), "printed_documents") == _of(wanted[VILLAGE_A], "printed_documents")


def _of(rows: set[tuple[str, str]], table: str) -> set[str]:
    return {row_id for name, row_id in rows if name == table}


def test_printed_documents_are_indexed_by_person(county: County) -> None:
    """Migration 0009: the one person table without a ``person_id`` index had each of a
    snapshot page's queries scan every printed document of the county."""
    indexes = inspect(county.db.engine).get_indexes("printed_documents")
    assert ["person_id"] in [index["column_names"] for index in indexes]
