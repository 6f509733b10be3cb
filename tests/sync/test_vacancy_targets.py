"""Vacancies published to chosen villages reach only those stations: in incremental pulls,
in snapshots and in the per-table counts; changing the villages later adds the vacancy at
new ones and removes it from the others, except where residents were referred to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sync_harness import BASE, CLERK, NOW, TODAY, VILLAGE_A, VILLAGE_B, County, Village

from helpers import make_uscc
from villagedesk.server.dashboard.publish import (
    publish_vacancy,
    register_employer,
    set_vacancy_targets,
)
from villagedesk.services.labour import refer_to_vacancy
from villagedesk.services.overview import person_overview
from villagedesk.store.models import Referral, Vacancy
from villagedesk.store.server_models import CountyStation
from villagedesk.sync import county as county_service
from villagedesk.sync.engine import enrol_station, local_counts

VILLAGE_C = "450422116205"


def _employer(county: County) -> str:
    with county.db.write() as s:
        return register_employer(
            session=s,
            fields={"name": "藤县扶贫车间", "uscc": make_uscc(), "contact": ""},
            by="officer",
            clock=county.app.state.clock,
        )


def _publish(county: County, employer: str, post: str, villages: list[str] | None) -> str:
    with county.db.write() as s:
        return publish_vacancy(
            session=s,
            fields={
                "employer_id": employer,
                "post": post,
                "count": 3,
                "wage_min_fen": 200000,
                "wage_max_fen": 300000,
                "valid_until": "2027-01-31",
            },
            villages=villages,
            by="officer",
            clock=county.app.state.clock,
            now=NOW,
        )


def _retarget(county: County, vacancy_id: str, villages: list[str] | None) -> Any:
    with county.db.write() as s:
        return set_vacancy_targets(
            session=s,
            vacancy_id=vacancy_id,
            villages=villages,
            by="officer",
            clock=county.app.state.clock,
            now=NOW,
        )


def _posts(village: Village) -> dict[str, str]:
    with village.db.read() as s:
        return {v.id: v.post for v in s.scalars(select(Vacancy))}


def _synced(village: Village) -> Any:
    """Sync, then compare the vacancies' count and checksum on both sides (a sync compares
    only the tables it touched, so the comparison is made here too)."""
    summary = village.sync()
    assert summary.mismatches == [], summary.mismatches
    with village.county.db.read() as s:
        there = county_service.station_counts(session=s, village=village.code)
    with village.db.read() as s:
        here = local_counts(session=s, village=village.code, tables=["vacancies"])
    mine = there.tables["vacancies"]
    assert here["vacancies"] == (mine.count, mine.checksum)
    return summary


def _refer(village: Village, person_id: str, vacancy_id: str) -> str:
    with village.db.write(actor="wang") as s:
        return refer_to_vacancy(
            session=s, actor=CLERK, today=TODAY, person_id=person_id, vacancy_id=vacancy_id
        ).id


def _snapshot(county: County, village: str, cursor: str = "") -> tuple[set[str], set[str]]:
    """Vacancy ids a full snapshot sends to ``village``: (rows, removes). From ``c:N``: a
    station that far behind (``snapshot_after`` 0) is switched to a snapshot."""
    rows: set[str] = set()
    removes: set[str] = set()
    pages = 0
    with county.db.read() as s:
        station = s.scalars(
            select(CountyStation).where(CountyStation.village_code == village)
        ).one()
        while True:
            page = county_service.read_pull(
                session=s, station=station, cursor=cursor, limit=1000, snapshot_after=0
            )
            assert page.snapshot or pages, "not a snapshot"
            pages += 1
            for change in page.changes:
                if change.table == "vacancies":
                    (removes if change.op == "remove" else rows).add(change.row_id)
            if not page.snapshot:
                break
            cursor = page.cursor
    return rows, removes


def test_a_vacancy_for_chosen_villages_reaches_only_them_and_counts_still_match(
    county: County, village_a: Village, village_b: Village
) -> None:
    employer = _employer(county)
    everyone = _publish(county, employer, "普工", None)
    for_a = _publish(county, employer, "缝纫工", [VILLAGE_A])
    assert _synced(village_a).pulled >= 3
    _synced(village_b)
    assert _posts(village_a) == {everyone: "普工", for_a: "缝纫工"}
    assert _posts(village_b) == {everyone: "普工"}

    # an edit of the targeted vacancy reaches A only; B has nothing to pull
    county.admin(
        "PATCH", f"/admin/v1/rows/vacancies/{for_a}", json={"fields": {"count": 9}, "by": "o"}
    )
    assert _synced(village_b).pulled == 0
    _synced(village_a)
    with village_a.db.read() as s:
        assert s.get(Vacancy, for_a).count == 9  # type: ignore[union-attr]
    assert for_a not in _posts(village_b)

    # a snapshot (a new laptop, or a station too far behind) selects the same way
    assert _snapshot(county, VILLAGE_A)[0] == {everyone, for_a}
    assert _snapshot(county, VILLAGE_B)[0] == {everyone}
    assert _snapshot(county, VILLAGE_B, cursor="c:0")[0] == {everyone}


def test_a_station_enrolled_later_gets_by_snapshot_only_what_is_published_to_it(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    employer = _employer(county)
    token = county.add_station(VILLAGE_C)  # known before publishing, enrolled after
    for_a = _publish(county, employer, "缝纫工", [VILLAGE_A])
    for_c = _publish(county, employer, "电工", [VILLAGE_C])
    village_c = Village.__new__(Village)
    village_c.county, village_c.code, village_c.client = county, VILLAGE_C, county.client()
    village_c.db, village_c.first = enrol_station(
        db_path=tmp_path / "c.db",
        server_url=BASE,
        token=token,
        client=village_c.client,
        now=lambda: NOW,
    )
    try:
        assert _posts(village_c) == {for_c: "电工"}
        _synced(village_c)
        assert _posts(village_c) == {for_c: "电工"}
    finally:
        village_c.close()
    _synced(village_a)
    assert _posts(village_a) == {for_a: "缝纫工"}


def test_changing_the_villages_adds_and_removes_the_vacancy_at_the_next_sync(
    county: County, village_a: Village, village_b: Village
) -> None:
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", [VILLAGE_A])
    _synced(village_a)
    _synced(village_b)

    change = _retarget(county, vacancy, [VILLAGE_B])
    assert (change.added, change.removed, change.kept) == ([VILLAGE_B], [VILLAGE_A], [])
    a_sum = _synced(village_a)
    assert a_sum.removed == 1 and _posts(village_a) == {}
    _synced(village_b)
    assert _posts(village_b) == {vacancy: "缝纫工"}
    # a restored old copy of A would drop it too: the snapshot ends with the removal
    rows, removes = _snapshot(county, VILLAGE_A)
    assert vacancy not in rows and vacancy in removes

    # back to every village: A receives it again, B keeps it
    change = _retarget(county, vacancy, None)
    assert change.added == [VILLAGE_A] and change.removed == []
    _synced(village_a)
    _synced(village_b)
    assert _posts(village_a) == _posts(village_b) == {vacancy: "缝纫工"}

    # from every village to A only: B is told to drop it
    _retarget(county, vacancy, [VILLAGE_A])
    assert _synced(village_b).removed == 1 and _posts(village_b) == {}
    _synced(village_a)
    assert _posts(village_a) == {vacancy: "缝纫工"}


def test_a_village_whose_residents_were_referred_keeps_the_vacancy_and_its_referrals(
    county: County, village_a: Village, village_b: Village
) -> None:
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", [VILLAGE_A])
    person = village_a.register(11, name="韦十一")
    _synced(village_a)
    referral = _refer(village_a, person, vacancy)
    _synced(village_a)

    change = _retarget(county, vacancy, [VILLAGE_B])
    assert change.kept == [VILLAGE_A] and change.removed == []
    assert _synced(village_a).removed == 0
    _synced(village_b)
    with village_a.db.read() as s:
        assert s.get(Referral, referral) is not None
        [line] = person_overview(session=s, person_id=person, on=TODAY).referrals
        assert line.post == "缝纫工"
    # it still receives the vacancy's edits (closing it, say): B and A both
    county.admin(
        "PATCH",
        f"/admin/v1/rows/vacancies/{vacancy}",
        json={"fields": {"valid_until": "2026-11-26"}, "by": "o"},
    )
    for village in (village_a, village_b):
        _synced(village)
        with village.db.read() as s:
            assert s.get(Vacancy, vacancy).valid_until == date(2026, 11, 26)  # type: ignore[union-attr]


def test_a_referral_made_before_the_removal_arrives_keeps_the_vacancy(
    county: County, village_a: Village
) -> None:
    """A takes the vacancy off A while A's clerk, offline, refers someone to it: the sync
    pushes the referral first, so the pull sends the vacancy back instead of removing it."""
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", [VILLAGE_A])
    person = village_a.register(12)
    _synced(village_a)
    with county.db.write() as s:
        county_service.add_station(session=s, village_code=VILLAGE_B, name="站", now=NOW)
    change = _retarget(county, vacancy, [VILLAGE_B])
    assert change.removed == [VILLAGE_A]
    _refer(village_a, person, vacancy)
    _synced(village_a)
    assert _posts(village_a) == {vacancy: "缝纫工"}
    assert vacancy in _snapshot(county, VILLAGE_A)[0]


def test_a_moved_person_takes_the_vacancies_of_their_referrals_along(
    county: County, village_a: Village, village_b: Village
) -> None:
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", [VILLAGE_A])
    person = village_a.register(13, name="覃十三")
    _synced(village_a)
    referral = _refer(village_a, person, vacancy)
    _synced(village_a)
    _synced(village_b)
    assert _posts(village_b) == {}

    county.admin(
        "POST", f"/admin/v1/persons/{person}/move", json={"village_code": VILLAGE_B, "by": "o"}
    )
    _synced(village_b)  # the referral arrives with its vacancy
    with village_b.db.read() as s:
        assert s.get(Referral, referral) is not None
        assert _posts(village_b) == {vacancy: "缝纫工"}
    _synced(village_a)  # A is still a target: it keeps the vacancy
    assert _posts(village_a) == {vacancy: "缝纫工"}

    # taken off A now that nobody there was referred: A drops it, B keeps it
    change = _retarget(county, vacancy, [VILLAGE_B])
    assert change.removed == [VILLAGE_A]
    assert _synced(village_a).removed == 1 and _posts(village_a) == {}
    _synced(village_b)
    assert _posts(village_b) == {vacancy: "缝纫工"}


def test_a_referral_merged_into_another_village_arrives_there_with_its_vacancy(
    county: County, village_a: Village, village_b: Village
) -> None:
    """B registers A's resident a second time and refers them to a vacancy for B only; the
    county merges the two into A's person, keeping B's records: A receives the referral and
    the vacancy it points to."""
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", [VILLAGE_B])
    a_person = village_a.register(14, name="莫十四")
    _synced(village_a)
    _synced(village_b)
    b_person = village_b.register(14, name="莫十四")
    referral = _refer(village_b, b_person, vacancy)
    assert village_b.sync().held == 2  # the registration and the referral hanging from it
    [case] = county.admin("GET", "/admin/v1/duplicates")["cases"]
    county.admin(
        "POST", f"/admin/v1/duplicates/{case['id']}/decide", json={"by": "o", "decision": "merge"}
    )

    _synced(village_a)
    with village_a.db.read() as s:
        kept = s.get(Referral, referral)
        assert kept is not None and kept.person_id == a_person
        [line] = person_overview(session=s, person_id=a_person, on=TODAY).referrals
        assert line.post == "缝纫工"
    _synced(village_b)
    assert _posts(village_b) == {vacancy: "缝纫工"}


def test_from_every_village_to_chosen_ones_a_referring_village_keeps_it(
    county: County, village_a: Village, village_b: Village
) -> None:
    employer = _employer(county)
    vacancy = _publish(county, employer, "缝纫工", None)
    person = village_b.register(15)
    _synced(village_a)
    _synced(village_b)
    _refer(village_b, person, vacancy)
    _synced(village_b)
    change = _retarget(county, vacancy, [VILLAGE_A])
    assert (change.added, change.removed, change.kept) == ([], [], [VILLAGE_B])
    assert _synced(village_b).removed == 0
    assert _posts(village_b) == {vacancy: "缝纫工"}
    _synced(village_a)
    assert _posts(village_a) == {vacancy: "缝纫工"}
