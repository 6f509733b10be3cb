"""Data matching, end to end: the county publishes a batch, each village receives notices of
the changes to its own residents, the clerk confirms or disputes them, the county counts the
answers after the next sync (SQLite and PostgreSQL county)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from sync_harness import NOW, TODAY, County, Village

from helpers import make_id
from villagedesk.domain.categories import Role
from villagedesk.domain.errors import ValidationError
from villagedesk.server.dashboard import matching as county_matching
from villagedesk.services import matching
from villagedesk.services.context import Actor
from villagedesk.store.models import CountyStation, MatchNotice, Person
from villagedesk.sync import county as county_service
from villagedesk.sync.protocol import Mutation

CLERK = Actor(username="li", role=Role.CLERK, display_name="李")


def _publish_deaths(county: County, numbers: list[str]) -> str:
    rows = [{"id_number": n, "name": "", "death_date": "2026-11-01"} for n in numbers]
    app = county.app
    with app.state.db.write() as s:
        proposed, unmatched = county_matching.preview(
            session=s, source="public_security", rows=rows, today=TODAY
        )
        assert not unmatched
        batch = county_matching.save_batch(
            session=s,
            source="public_security",
            filename="deaths.csv",
            proposed=proposed,
            unmatched=unmatched,
            by="wei",
            now=NOW,
        )
        county_matching.publish(session=s, batch=batch, by="wei", clock=app.state.clock, now=NOW)
        return batch.id


def _answers(county: County, batch_id: str) -> dict[str, tuple[int, int, int]]:
    with county.db.read() as s:
        rows = county_matching.confirmations(session=s, batch_ids=[batch_id])[batch_id]
    return {r.village: (r.confirmed, r.disputed, r.pending) for r in rows}


def test_publish_confirm_dispute_and_the_county_sees_the_answers(
    county: County, village_a: Village, village_b: Village
) -> None:
    alive = village_a.register(1, name="黄一")
    dead = village_a.register(2, name="黄二")
    other = village_b.register(3, name="蒙三")
    village_a.sync()
    village_b.sync()
    batch_id = _publish_deaths(county, [make_id(date(1960, 5, 1), seq) for seq in (1, 2, 3)])
    assert _answers(county, batch_id) == {
        village_a.code: (0, 0, 2),
        village_b.code: (0, 0, 1),
    }

    summary = village_a.sync()
    assert not summary.mismatches
    with village_a.db.read() as s:
        waiting = matching.list_notices(session=s)
        assert matching.pending_count(session=s) == 2
        # the death itself arrived with the notice
        assert s.get(Person, dead).death_date == date(2026, 11, 1)  # type: ignore[union-attr]
    assert {n.person_id for n in waiting} == {alive, dead}  # only its own residents
    assert all(n.source == "public_security" and n.action == "death" for n in waiting)
    assert all(n.description == "死亡：2026-11-01" for n in waiting)
    by_person = {n.person_id: n for n in waiting}

    when = datetime(2026, 11, 28, 10, 0)
    with village_a.db.write(actor="li") as s:
        assert (
            matching.confirm_notices(
                session=s, actor=CLERK, now=when, notice_ids=[by_person[dead].id]
            )
            == 1
        )
        matching.dispute_notice(
            session=s,
            actor=CLERK,
            now=when,
            notice_id=by_person[alive].id,
            reason="本人仍健在，11月20日来站里办过认证",
        )
    summary = village_a.sync()
    assert summary.refused == 0 and not summary.mismatches
    village_b.sync()
    with village_b.db.read() as s:
        assert [n.person_id for n in matching.list_notices(session=s)] == [other]

    assert _answers(county, batch_id) == {
        village_a.code: (1, 1, 0),
        village_b.code: (0, 0, 1),
    }
    with county.db.read() as s:
        disputes = county_matching.disputes(session=s, batch_id=batch_id)
    assert [(d.name, d.reason, d.confirmed_by) for d in disputes] == [
        ("黄一", "本人仍健在，11月20日来站里办过认证", "li")
    ]
    # answered notices leave the clerk's waiting list, and stay answered after a sync
    with village_a.db.read() as s:
        assert matching.pending_count(session=s) == 0
        assert {n.status for n in matching.list_notices(session=s, status=None)} == {
            "confirmed",
            "disputed",
        }


def test_a_station_may_only_answer_a_notice(county: County, village_a: Village) -> None:
    person = village_a.register(1)
    village_a.sync()
    batch_id = _publish_deaths(county, [make_id(date(1960, 5, 1), 1)])
    with county.db.read() as s:
        notice = s.scalars(select(MatchNotice)).one()
        notice_id, description = notice.id, notice.description
    with county.db.write() as s:
        station = s.scalars(
            select(CountyStation).where(CountyStation.village_code == village_a.code)
        ).one()
        stamp = f"{2_000_000_000_000_000:016d}-00000-{village_a.code}"
        mutations = [
            Mutation(  # rewriting what the county found
                mutation_id="00000000-0000-4000-8000-000000000001",
                table="match_notices",
                row_id=notice_id,
                op="update",
                base_rev=1,
                new_rev=2,
                fields={"description": "没有死亡", "status": "confirmed"},
                hlc=stamp,
            ),
            Mutation(  # making up a notice of its own
                mutation_id="00000000-0000-4000-8000-000000000002",
                table="match_notices",
                row_id="00000000-0000-4000-8000-0000000000aa",
                op="insert",
                base_rev=0,
                new_rev=1,
                fields={
                    "person_id": person,
                    "batch_id": batch_id,
                    "source": "public_security",
                    "action": "death",
                    "description": "伪造",
                    "target_table": "persons",
                    "target_id": person,
                    "change": {},
                    "published_at": "2026-11-27T09:30:00",
                    "published_by": "me",
                    "status": "confirmed",
                    "reason": "",
                    "confirmed_by": "",
                    "confirmed_at": None,
                    "deleted": False,
                },
                hlc=stamp,
            ),
        ]
        result = county_service.apply_push(
            session=s, station=station, mutations=mutations, clock=county.app.state.clock, now=NOW
        )
    assert [r.status for r in result.results] == ["refused", "refused"]
    assert all("county keeps" in (r.reason or "") for r in result.results)
    with county.db.read() as s:
        rows = list(s.scalars(select(MatchNotice)))
    assert [(r.description, r.status) for r in rows] == [(description, "pending")]


def test_a_dispute_needs_a_reason_and_confirming_twice_is_harmless(
    county: County, village_a: Village
) -> None:
    village_a.register(1)
    village_a.sync()
    _publish_deaths(county, [make_id(date(1960, 5, 1), 1)])
    village_a.sync()
    with village_a.db.read() as s:
        (notice,) = matching.list_notices(session=s)
    with village_a.db.write(actor="li") as s, pytest.raises(ValidationError) as err:
        matching.dispute_notice(session=s, actor=CLERK, now=NOW, notice_id=notice.id, reason=" ")
    assert err.value.fields() == {"reason"}
    with village_a.db.read() as s:
        assert matching.pending_count(session=s) == 1  # nothing written
    with village_a.db.write(actor="li") as s:
        assert matching.confirm_notices(session=s, actor=CLERK, now=NOW, notice_ids=[notice.id])
    with village_a.db.write(actor="li") as s:
        again = matching.confirm_notices(session=s, actor=CLERK, now=NOW, notice_ids=[notice.id])
    assert again == 0
    summary = village_a.sync()
    assert summary.pushed == 1 and summary.refused == 0  # one answer, not two


def test_a_person_moved_by_the_list_is_confirmed_by_the_village_they_moved_to(
    county: County, village_a: Village, village_b: Village
) -> None:
    moved = village_a.register(1, name="覃一")
    village_a.sync()
    village_b.sync()
    rows = [{"id_number": make_id(date(1960, 5, 1), 1), "village_code": village_b.code}]
    app = county.app
    with app.state.db.write() as s:
        proposed, _unmatched = county_matching.preview(
            session=s, source="public_security", rows=rows, today=TODAY
        )
        batch = county_matching.save_batch(
            session=s,
            source="public_security",
            filename="moves.csv",
            proposed=proposed,
            unmatched=[],
            by="wei",
            now=NOW,
        )
        county_matching.publish(session=s, batch=batch, by="wei", clock=app.state.clock, now=NOW)
    assert village_a.sync().removed >= 1
    village_b.sync()
    with village_a.db.read() as s:
        assert matching.list_notices(session=s, status=None) == []
    with village_b.db.read() as s:
        (notice,) = matching.list_notices(session=s)
    assert (notice.person_id, notice.action) == (moved, "move")
    assert notice.description == f"户籍迁移：{village_a.code} → {village_b.code}"
