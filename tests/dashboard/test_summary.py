"""The overview from the per-village summary (issue 7) equals the full computation over the
whole county, after pushes, county edits, a person moved between villages and a deletion —
and the page says as of when its figures are."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Any

from dash_harness import VILLAGE_X, Dash, Figures
from sqlalchemy import func, select
from sync_harness import CLERK, TODAY, VILLAGE_A, VILLAGE_B, Village

from helpers import make_id
from villagedesk.domain.categories import (
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    StatusKind,
    WorkPlace,
)
from villagedesk.server.dashboard import queries, summary
from villagedesk.services.labour import record_labour_survey
from villagedesk.services.persons import add_status, register_person
from villagedesk.store.clock import HybridClock
from villagedesk.store.dashboard_models import DashboardSummaryState
from villagedesk.store.models import Person, PersonStatus
from villagedesk.store.server_models import ChangeLogEntry
from villagedesk.sync import county as county_service

NOW = datetime(2026, 11, 27, 10, 0)


def _both(dash: Dash, on: date = TODAY) -> tuple[queries.Overview, queries.Overview]:
    """(from the summary, refreshed first; computed in full) — without the per-worker cache."""
    db = dash.county.db
    parallel = db.is_postgres
    kept = queries.overview(read=db.read, write=db.write, on=on, now=NOW, parallel=parallel)
    full = queries.overview(read=db.read, on=on, now=NOW, parallel=parallel)
    return kept, full


def assert_same(dash: Dash, on: date = TODAY) -> queries.Overview:
    kept, full = _both(dash, on)
    assert dataclasses.replace(kept, as_of=None) == dataclasses.replace(full, as_of=None)
    return kept


def _village_of(view: queries.Overview, code: str) -> tuple[int, int, int, int]:
    for v in view.villages:
        if v.village_code == code:
            return (
                v.participation.numerator,
                v.participation.denominator,
                v.payment.numerator,
                v.payment.denominator,
            )
    return (0, 0, 0, 0)


def _poor_worker(village: Village, seq: int, status: EmploymentStatus) -> str:
    """A registered-poor person aged 36 with a labour survey, registered at the counter."""
    with village.db.write(actor="wang") as s:
        person = register_person(
            session=s, actor=CLERK, today=TODAY, id_number=make_id(date(1990, 6, 1), seq),
            name="村民" + "甲乙丙丁戊己庚辛"[seq % 8],
        )  # fmt: skip
        add_status(
            session=s, actor=CLERK, today=TODAY, person_id=person.id,
            kind=StatusKind.REGISTERED_POOR, start_date=date(2016, 1, 1),
        )  # fmt: skip
        away: dict[str, Any] = {
            "job_channel": JobChannel.GUANGDONG, "work_place": WorkPlace.OUTSIDE_REGION,
            "work_province": "广东",
        }  # fmt: skip
        record_labour_survey(
            session=s, actor=CLERK, today=TODAY, person_id=person.id, surveyed_on=TODAY,
            population_category=PopulationCategory.WORKING_AGE, employment_status=status,
            **(away if status is EmploymentStatus.WORKING_AWAY else {}),
        )  # fmt: skip
        return person.id


def _edit(dash: Dash, table: str, row_id: str, **fields: Any) -> None:
    with dash.county.db.write() as s:
        county_service.county_edit(
            session=s, table=table, row_id=row_id, fields=fields, by="test",
            clock=HybridClock("county"),
        )  # fmt: skip


def _state(dash: Dash) -> DashboardSummaryState:
    with dash.county.db.read() as s:
        state = s.get(DashboardSummaryState, summary.STATE_ID)
        assert state is not None
        s.expunge(state)
        return state


def test_the_summary_equals_the_full_computation_as_data_arrives(
    dash: Dash, county_data: Figures, village_a: Village, village_b: Village
) -> None:
    first = assert_same(dash)  # built in full (the summary was empty)
    assert (first.participation.numerator, first.participation.denominator) == (6, 8)
    assert _state(dash).villages_refreshed == 2

    # pushes: two villages register poor persons with surveys
    a1 = _poor_worker(village_a, 501, EmploymentStatus.WORKING_AWAY)
    a2 = _poor_worker(village_a, 502, EmploymentStatus.FARMING)
    b1 = _poor_worker(village_b, 503, EmploymentStatus.SELF_EMPLOYED)
    village_a.sync()
    village_b.sync()
    view = assert_same(dash)
    assert _state(dash).villages_refreshed == 2  # only A and B recomputed, not X and Y
    assert _village_of(view, VILLAGE_A) == (0, 2, 0, 0)
    assert _village_of(view, VILLAGE_B) == (0, 1, 0, 0)
    assert view.participation.denominator == 11
    assert view.by_employment_status["working_away"] == 2  # Y's one + A's one

    # one village pushes again: only it is recomputed
    _poor_worker(village_b, 504, EmploymentStatus.FARMING)
    village_b.sync()
    view = assert_same(dash)
    assert _state(dash).villages_refreshed == 1
    assert _village_of(view, VILLAGE_B) == (0, 2, 0, 0)

    # a county edit: the person becomes a student (no longer counted)
    _edit(dash, "persons", a2, student=True)
    view = assert_same(dash)
    assert _village_of(view, VILLAGE_A) == (0, 1, 0, 0)

    # the county moves a person from A to B: A loses them and their survey, B gains them
    with dash.county.db.write() as s:
        county_service.move_person(
            session=s, person_id=a1, village_code=VILLAGE_B, by="test",
            clock=HybridClock("county"),
        )  # fmt: skip
    view = assert_same(dash)
    assert _village_of(view, VILLAGE_A) == (0, 0, 0, 0)
    assert _village_of(view, VILLAGE_B) == (0, 3, 0, 0)
    assert VILLAGE_A not in [v.village_code for v in view.villages]

    # a push of a newer labour survey only: just the employment figures of B recomputed
    with village_b.db.write(actor="wang") as s:
        record_labour_survey(
            session=s, actor=CLERK, today=TODAY, person_id=b1, surveyed_on=TODAY,
            population_category=PopulationCategory.WORKING_AGE,
            employment_status=EmploymentStatus.FARMING,
        )  # fmt: skip
    village_b.sync()
    view = assert_same(dash)
    assert view.by_employment_status == {"working_away": 2, "farming": 3}

    # a deletion (tombstone) at the county
    _edit(dash, "persons", b1, deleted=True)
    view = assert_same(dash)
    assert _village_of(view, VILLAGE_B) == (0, 2, 0, 0)
    assert view.by_employment_status.get("self_employed", 0) == 0

    # nothing changed: nothing recomputed, same figures
    before = _state(dash)
    assert_same(dash)
    assert _state(dash).seq == before.seq and _state(dash).refreshed_at == before.refreshed_at

    # another day: everything recomputed (ages and dates move), still equal
    assert_same(dash, TODAY + timedelta(days=400))
    assert _state(dash).on_date == TODAY + timedelta(days=400)


def test_many_changed_villages_are_recomputed_in_one_pass(
    dash: Dash, county_data: Figures, monkeypatch: Any
) -> None:
    assert_same(dash)
    monkeypatch.setattr(summary, "FULL_ABOVE", 0)
    with dash.county.db.write() as s:  # a county edit in village X (fewer poor persons there)
        status_id = s.execute(
            select(PersonStatus.id)
            .join(Person, Person.id == PersonStatus.person_id)
            .where(Person.village_code == VILLAGE_X, Person.student.is_(False))
            .limit(1)
        ).scalar_one()
    _edit(dash, "person_statuses", status_id, deleted=True)
    view = assert_same(dash)
    assert view.participation.denominator == 7
    state = _state(dash)
    assert state.villages_refreshed == 2  # the whole county (X and Y) in one pass


def test_the_page_says_as_of_when_and_shows_a_push_at_once(
    dash: Dash, county_data: Figures, village_a: Village
) -> None:
    http = dash.client()
    page = http.get("/dashboard/").text
    assert "数据截至" in page and "应参保 <b>8</b> 人" in page
    _poor_worker(village_a, 601, EmploymentStatus.FARMING)
    village_a.sync()
    page = http.get("/dashboard/").text
    assert "应参保 <b>9</b> 人" in page  # the push shows on the next view, not a stale 8
    assert VILLAGE_A in page


def test_without_a_refresher_a_county_pass_is_never_made_in_the_request(
    dash: Dash, county_data: Figures, village_a: Village
) -> None:
    before = _state(dash)
    due_since = (before.seq, before.on_date)
    http = dash.client()  # no lifespan: no refresher, as with the interval set to 0
    page = http.get("/dashboard/").text
    assert "应参保 <b>8</b> 人" in page  # the full computation's figures
    _poor_worker(village_a, 651, EmploymentStatus.FARMING)
    village_a.sync()
    assert "应参保 <b>9</b> 人" in http.get("/dashboard/").text
    after = _state(dash)
    assert (after.seq, after.on_date) == due_since  # the summary was left for a refresher


def test_a_running_server_refreshes_the_summary_in_the_background(
    dash: Dash, county_data: Figures, village_a: Village, monkeypatch: Any
) -> None:
    import time

    from fastapi.testclient import TestClient

    from villagedesk.server.app import create_app
    from villagedesk.server.core.config import Settings

    monkeypatch.setenv("VILLAGEDESK_DASHBOARD_REFRESH_SECONDS", "0.05")
    app = create_app(settings=Settings(db_url=dash.county.url))
    app.state.dashboard_today = TODAY
    _poor_worker(village_a, 701, EmploymentStatus.FARMING)
    village_a.sync()
    with dash.county.db.read() as s:
        latest = s.scalar(select(func.max(ChangeLogEntry.seq)))
    with TestClient(app):  # the server's lifespan: the refresher runs, nobody views a page
        deadline = time.monotonic() + 20
        while _state(dash).seq != latest and time.monotonic() < deadline:
            time.sleep(0.05)
    app.state.db.close()
    state = _state(dash)
    assert state.seq == latest and state.on_date == TODAY
    kept, full = _both(dash)  # and what it made is the full computation's figures
    assert dataclasses.replace(kept, as_of=None) == dataclasses.replace(full, as_of=None)
    assert _village_of(kept, VILLAGE_A) == (0, 1, 0, 0)


def test_several_workers_refreshing_at_once_agree(
    dash: Dash, county_data: Figures, village_a: Village
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    assert_same(dash)
    _poor_worker(village_a, 801, EmploymentStatus.FARMING)
    village_a.sync()
    db = dash.county.db

    def worker(_i: int) -> queries.Overview:  # each with its own per-worker cache
        return queries.overview(
            read=db.read, write=db.write, on=TODAY, now=NOW, parallel=db.is_postgres,
            cache=queries.OverviewCache(),
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=4) as pool:
        views = list(pool.map(worker, range(4)))
    full = queries.overview(read=db.read, on=TODAY, now=NOW, parallel=db.is_postgres)
    for view in views:
        assert dataclasses.replace(view, as_of=None) == dataclasses.replace(full, as_of=None)
    assert _village_of(full, VILLAGE_A) == (0, 1, 0, 0)


def test_a_view_due_a_county_pass_shows_the_full_figures_and_wakes_the_refresher(
    dash: Dash, county_data: Figures, village_a: Village, monkeypatch: Any
) -> None:
    import time

    from dash_harness import ADMIN_PASSWORD, ADMIN_USER, login
    from fastapi.testclient import TestClient

    from villagedesk.server.app import create_app
    from villagedesk.server.core.config import Settings

    monkeypatch.setenv("VILLAGEDESK_DASHBOARD_REFRESH_SECONDS", "3600")  # only when woken
    monkeypatch.setattr(summary, "FULL_ABOVE", 0)  # any change is due a whole-county pass
    app = create_app(settings=Settings(db_url=dash.county.url))
    app.state.dashboard_today = TODAY

    def wait_for(seq: int) -> None:
        deadline = time.monotonic() + 20
        while _state(dash).seq != seq and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _state(dash).seq == seq

    def latest() -> int:
        with dash.county.db.read() as s:
            return int(s.scalar(select(func.max(ChangeLogEntry.seq))) or 0)

    import threading

    refreshed_by: list[str] = []
    refresh = summary.refresh

    def watched(**kwargs: Any) -> summary.Refreshed:
        refreshed_by.append(threading.current_thread().name)
        return refresh(**kwargs)

    monkeypatch.setattr(summary, "refresh", watched)
    with TestClient(app) as http:
        assert login(http, ADMIN_USER, ADMIN_PASSWORD).status_code == 303
        wait_for(latest())  # the refresher's first round, when the server starts
        _poor_worker(village_a, 901, EmploymentStatus.FARMING)
        village_a.sync()
        refreshed_by.clear()
        page = http.get("/dashboard/").text  # not from the summary: it is behind
        assert "应参保 <b>9</b> 人" in page and "数据截至" in page
        wait_for(latest())  # woken by the view, long before its hour
    app.state.db.close()
    assert refreshed_by and set(refreshed_by) == {"dashboard-summary"}  # not the request
    assert_same(dash)
