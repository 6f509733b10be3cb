"""The county dashboard's pages through FastAPI's TestClient: login, sessions, CSRF, the rate
limit, the security headers, and each page's figures and actions."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from dash_harness import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    OFFICER_PASSWORD,
    OFFICER_USER,
    USCC,
    VILLAGE_X,
    VILLAGE_Y,
    Dash,
    Figures,
    csrf_of,
    login,
)
from openpyxl import load_workbook
from sqlalchemy import func, select
from sync_harness import VILLAGE_A

from villagedesk import __version__
from villagedesk.server.dashboard import auth
from villagedesk.store.dashboard_models import DashboardLoginAttempt, DashboardSession

PAGES = [
    "/dashboard/",
    "/dashboard/stations",
    "/dashboard/conflicts",
    "/dashboard/matching",
    "/dashboard/vacancies",
    "/dashboard/policy",
    "/dashboard/verify",
    "/dashboard/overview.xlsx",
]


# -- login, sessions, CSRF, rate limit -----------------------------------------------------
def test_the_login_form_has_the_fields_and_signs_in_to_the_overview(dash: Dash) -> None:
    http = dash.anonymous()
    form = http.get("/dashboard/login")
    assert form.status_code == 200
    for needle in ('name="username"', 'name="password"', 'name="csrf_token"'):
        assert needle in form.text
    assert 'action="/dashboard/login"' in form.text
    answer = login(http, ADMIN_USER, ADMIN_PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/"
    cookie = answer.headers["set-cookie"]
    assert auth.SESSION_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    overview = http.get("/dashboard/")
    assert overview.status_code == 200 and "全县总览" in overview.text and "张科长" in overview.text


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_a_stranger_to_the_login(dash: Dash, path: str) -> None:
    answer = dash.anonymous().get(path, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/login"


def test_a_wrong_password_is_refused_and_opens_no_session(dash: Dash) -> None:
    http = dash.anonymous()
    answer = login(http, ADMIN_USER, "wrong-password")
    assert answer.status_code == 401 and "用户名或密码错误" in answer.text
    assert auth.SESSION_COOKIE not in answer.headers.get("set-cookie", "")
    unknown = login(http, "nobody", "whatever-pw")
    assert unknown.status_code == 401
    with dash.county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(DashboardSession)) == 0


def test_a_login_without_the_form_token_is_refused(dash: Dash) -> None:
    http = dash.anonymous()
    http.get("/dashboard/login")
    for token in ("", "forged-token-forged-token"):
        answer = http.post(
            "/dashboard/login",
            data={"username": ADMIN_USER, "password": ADMIN_PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert answer.status_code == 403
    # another site's page cannot know the cookie: a fresh browser posting a token fails too
    stranger = dash.anonymous()
    answer = stranger.post(
        "/dashboard/login",
        data={"username": ADMIN_USER, "password": ADMIN_PASSWORD, "csrf_token": "x" * 43},
        follow_redirects=False,
    )
    assert answer.status_code == 403


def test_repeated_failures_lock_the_user_name_for_a_while(dash: Dash) -> None:
    http = dash.anonymous()
    for _ in range(auth.MAX_FAILURES_PER_USER):
        assert login(http, OFFICER_USER, "wrong-password").status_code == 401
    locked = login(http, OFFICER_USER, OFFICER_PASSWORD)  # even the right password now
    assert locked.status_code == 429 and "登录失败次数过多" in locked.text
    assert login(http, ADMIN_USER, ADMIN_PASSWORD).status_code == 303  # others unaffected
    # the window passes: the officer may sign in again
    with dash.county.db.write() as s:
        for attempt in s.scalars(select(DashboardLoginAttempt)):
            attempt.at -= auth.LOGIN_WINDOW + timedelta(minutes=1)
    assert login(http, OFFICER_USER, OFFICER_PASSWORD).status_code == 303


def test_failures_from_one_address_are_limited_across_user_names(dash: Dash) -> None:
    http = dash.anonymous()
    for i in range(auth.MAX_FAILURES_PER_CLIENT):
        login(http, f"probe{i}", "wrong-password")
    assert login(http, ADMIN_USER, ADMIN_PASSWORD).status_code == 429


def test_sessions_expire_when_idle_and_after_the_absolute_limit(dash: Dash) -> None:
    http = dash.client()
    assert http.get("/dashboard/stations").status_code == 200
    with dash.county.db.write() as s:
        for row in s.scalars(select(DashboardSession)):
            row.last_seen_at -= auth.IDLE_TIMEOUT
    answer = http.get("/dashboard/stations", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/login"

    http = dash.client()
    with dash.county.db.write() as s:
        for row in s.scalars(select(DashboardSession)):
            row.expires_at = row.created_at - timedelta(seconds=1)
    assert http.get("/dashboard/", follow_redirects=False).status_code == 303


def test_logout_needs_the_token_and_ends_the_session(dash: Dash) -> None:
    http = dash.client()
    token = csrf_of(http.get("/dashboard/").text)
    assert http.post("/dashboard/logout", data={"csrf_token": "nope"}).status_code == 403
    answer = http.post("/dashboard/logout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    assert http.get("/dashboard/", follow_redirects=False).status_code == 303


def test_a_disabled_officer_is_signed_out_at_once(dash: Dash) -> None:
    http = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    with dash.county.db.write() as s:
        auth.disable_officer(session=s, username=OFFICER_USER)
    assert http.get("/dashboard/", follow_redirects=False).status_code == 303
    assert login(dash.anonymous(), OFFICER_USER, OFFICER_PASSWORD).status_code == 401


@pytest.mark.parametrize(
    "path",
    ["/dashboard/login", "/dashboard/", "/dashboard/nope", "/dashboard/static/dashboard.css"],
)
def test_every_dashboard_answer_carries_the_security_headers(dash: Dash, path: str) -> None:
    answer = dash.client().get(path, follow_redirects=False)
    headers = answer.headers
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_redirects_and_refusals_carry_the_headers_too(dash: Dash) -> None:
    redirect = dash.anonymous().get("/dashboard/", follow_redirects=False)
    assert redirect.headers["x-frame-options"] == "DENY"
    refused = dash.client().post("/dashboard/logout", data={"csrf_token": "bad"})
    assert refused.status_code == 403 and refused.headers["x-frame-options"] == "DENY"


def test_the_sync_api_is_left_without_page_headers(dash: Dash) -> None:
    assert "content-security-policy" not in dash.anonymous().get("/health").headers


# -- overview ------------------------------------------------------------------------------
def test_the_overview_shows_the_rates_with_numerators_and_denominators(
    dash: Dash, county_data: Figures
) -> None:
    page = dash.client().get("/dashboard/").text
    assert "75.00%" in page and "已参保 <b>6</b> 人 / 应参保 <b>8</b> 人" in page
    assert "50.00%" in page and "已发放 <b>1</b> 人 / 应发放 <b>2</b> 人" in page
    # per village: X 4/6 = 66.67 %, Y 2/2 = 100 %; the lowest rate first
    assert "4 / 6" in page and "66.67%" in page and "2 / 2" in page and "100.00%" in page
    assert page.index(VILLAGE_X) < page.index(VILLAGE_Y)
    # premiums of 2025: 200 yuan, region 140, city 40, county 20
    assert "200.00" in page and "140.00" in page and "40.00" in page and "20.00" in page
    # employment counts the latest survey only
    assert "外出务工" in page and "务农" not in page and "粤桂协作" in page and "区外" in page
    assert "<svg" in page  # charts drawn on the server


def test_the_overview_exports_to_xlsx(dash: Dash, county_data: Figures) -> None:
    answer = dash.client().get("/dashboard/overview.xlsx")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    book = load_workbook(io.BytesIO(answer.content))
    rates = book["参保率与发放率"]
    county_row = [c.value for c in rates[2]]
    assert county_row[0] == "全县" and county_row[2:5] == [6, 8, 75.0]
    assert "数据截至" in county_row[1]  # as of when the figures are
    assert county_row[5:8] == [1, 2, 50.0]
    villages = {row[0].value: row for row in rates.iter_rows(min_row=3)}
    assert villages[VILLAGE_X][4].value == 66.67
    premiums = book["政府代缴"]
    assert [c.value for c in premiums[2]][:2] == [2025, 2]


# -- stations ------------------------------------------------------------------------------
def test_stations_show_version_and_pending_with_the_overdue_first(dash: Dash, village_a) -> None:
    from sync_harness import NOW

    from villagedesk.sync import county as county_service

    with dash.county.db.write() as s:
        county_service.add_station(
            session=s, village_code="450422116299", name="从未同步站", now=NOW
        )
    village_a.register(1)
    village_a.sync()
    page = dash.client().get("/dashboard/stations").text
    assert page.index("从未同步站") < page.index(VILLAGE_A)  # never synced: overdue, first
    assert __version__ in page  # the client version the station sent
    row = page[page.index(VILLAGE_A) :]
    assert "逾期" not in row.split("</tr>")[0]


def test_stations_count_the_changes_waiting_and_the_errors_answered(dash: Dash, village_a) -> None:
    from datetime import datetime

    from villagedesk.server.dashboard import queries
    from villagedesk.server.dashboard.publish import county_insert

    village_a.register(1)
    village_a.sync()
    with dash.county.db.read() as s:
        [row] = queries.station_rows(session=s, now=datetime.now())
    assert row.pending == 0 and row.errors == 0 and not row.overdue
    with dash.county.db.write() as s:
        county_insert(
            session=s,
            table="employers",
            row_id="e0000000-0000-4000-8000-000000000001",
            fields={"name": "某厂", "uscc": USCC},
            by="test",
            clock=dash.county.app.state.clock,
        )
    # a push the county refuses (an unknown table) is counted against the station
    from villagedesk.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SCHEMA_HEADER

    with village_a.db.read() as s:
        from villagedesk.sync.engine import get_state

        secret = get_state(s, "station_secret")
    answer = dash.county.http.post(
        "/sync/v1/push",
        json={"mutations": [{"id": "x"}]},
        headers={
            "Authorization": f"Bearer {secret}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: "0004",
        },
    )
    assert answer.status_code == 422
    with dash.county.db.read() as s:
        [row] = queries.station_rows(session=s, now=datetime.now())
    assert row.pending == 1 and row.errors == 1 and row.last_error.startswith("422")
    village_a.sync()
    with dash.county.db.read() as s:
        [row] = queries.station_rows(session=s, now=datetime.now())
    assert row.pending == 0


def _waiting(dash: Dash) -> dict[str, str]:
    """The Stations page's 待下发 cell per village code, as the officer reads it."""
    import re

    page = dash.client().get("/dashboard/stations").text
    header = re.findall(r"<th[^>]*>(.*?)</th>", page)
    column = header.index("待下发")
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S) for tr in body.split("</tr>")[:-1]]
    return {cells[0]: cells[column] for cells in rows}


def test_stations_count_an_edit_of_a_vacancy_only_for_the_villages_it_was_published_to(
    dash: Dash, village_a, village_b
) -> None:
    from sync_harness import NOW, VILLAGE_B

    from villagedesk.server.dashboard.publish import publish_vacancy, register_employer

    clock = dash.county.app.state.clock
    with dash.county.db.write() as s:
        employer = register_employer(
            session=s, fields={"name": "某厂", "uscc": USCC}, by="officer", clock=clock
        )
        vacancy = {
            "employer_id": employer,
            "count": 3,
            "wage_min_fen": 200000,
            "wage_max_fen": 300000,
            "valid_until": "2027-01-31",
        }
        for_a = publish_vacancy(
            session=s,
            fields={**vacancy, "post": "缝纫工"},
            villages=[VILLAGE_A],
            by="officer",
            clock=clock,
            now=NOW,
        )
        for_all = publish_vacancy(
            session=s,
            fields={**vacancy, "post": "普工"},
            villages=None,
            by="officer",
            clock=clock,
            now=NOW,
        )
    village_a.sync()
    village_b.sync()
    assert _waiting(dash) == {VILLAGE_A: "0", VILLAGE_B: "0"}
    dash.county.admin(
        "PATCH", f"/admin/v1/rows/vacancies/{for_a}", json={"fields": {"count": 4}, "by": "o"}
    )
    # village B never receives this vacancy: nothing waits for it
    assert _waiting(dash) == {VILLAGE_A: "1", VILLAGE_B: "0"}
    dash.county.admin(
        "PATCH", f"/admin/v1/rows/vacancies/{for_all}", json={"fields": {"count": 4}, "by": "o"}
    )
    assert _waiting(dash) == {VILLAGE_A: "2", VILLAGE_B: "1"}
    assert village_a.sync().pulled == 2 and village_b.sync().pulled == 1  # what waited came
    assert _waiting(dash) == {VILLAGE_A: "0", VILLAGE_B: "0"}


def test_stations_count_an_edit_of_a_vacancy_for_a_village_that_kept_it_for_its_referrals(
    dash: Dash, village_a, village_b
) -> None:
    from sync_harness import CLERK, NOW, TODAY, VILLAGE_B

    from villagedesk.server.dashboard import queries
    from villagedesk.server.dashboard.publish import (
        publish_vacancy,
        register_employer,
        set_vacancy_targets,
    )
    from villagedesk.services.labour import refer_to_vacancy
    from villagedesk.store.dashboard_models import StationReport
    from villagedesk.store.models import Vacancy
    from villagedesk.store.server_models import ChangeLogEntry
    from villagedesk.sync.county import vacancies_visible

    clock = dash.county.app.state.clock
    with dash.county.db.write() as s:
        employer = register_employer(
            session=s, fields={"name": "某厂", "uscc": USCC}, by="officer", clock=clock
        )
        vacancy_id = publish_vacancy(
            session=s,
            fields={
                "employer_id": employer,
                "post": "缝纫工",
                "count": 3,
                "wage_min_fen": 200000,
                "wage_max_fen": 300000,
                "valid_until": "2027-01-31",
            },
            villages=None,
            by="officer",
            clock=clock,
            now=NOW,
        )
    village_a.sync()
    person = village_b.register(3)
    village_b.sync()
    with village_b.db.write(actor="wang") as s:
        refer_to_vacancy(
            session=s, actor=CLERK, today=TODAY, person_id=person, vacancy_id=vacancy_id
        )
    village_b.sync()
    with dash.county.db.write() as s:  # B is taken off, but keeps it for its referral
        change = set_vacancy_targets(
            session=s, vacancy_id=vacancy_id, villages=[VILLAGE_A], by="o", clock=clock, now=NOW
        )
    assert change.kept == [VILLAGE_B]
    village_a.sync()
    village_b.sync()
    assert _waiting(dash) == {VILLAGE_A: "0", VILLAGE_B: "0"}
    dash.county.admin(
        "PATCH", f"/admin/v1/rows/vacancies/{vacancy_id}", json={"fields": {"count": 4}, "by": "o"}
    )
    assert _waiting(dash) == {VILLAGE_A: "1", VILLAGE_B: "1"}
    # the page's count agrees with the rule a pull applies (sync.county.vacancy_visible)
    with dash.county.db.read() as s:
        rows = {r.village_code: r.pending for r in queries.station_rows(session=s, now=NOW)}
        for code, position in s.execute(select(StationReport.village_code, StationReport.pull_seq)):
            logged = s.scalars(
                select(ChangeLogEntry.row_id).where(
                    ChangeLogEntry.seq > position, ChangeLogEntry.table_name == "vacancies"
                )
            ).all()
            assert rows[code] == len(vacancies_visible(s, code, logged)), code
    assert village_b.sync().pulled == 1
    with village_b.db.read() as s:
        assert s.scalars(select(Vacancy.count)).one() == 4


def test_the_overview_is_recomputed_when_the_change_log_moves(
    dash: Dash, county_data: Figures
) -> None:
    from datetime import date

    from dash_harness import _enrol, _person, _poor

    from villagedesk.store.server_models import ChangeLogEntry

    http = dash.client()
    assert "已参保 <b>6</b> 人 / 应参保 <b>8</b> 人" in http.get("/dashboard/").text
    with dash.county.db.write() as s:
        pid = _person(s, village=VILLAGE_Y, seq=400, birth=date(1990, 1, 1))
        _poor(s, pid)
        _enrol(s, pid)
    # written behind the change log's back: the cached figures stand
    assert "应参保 <b>8</b> 人" in http.get("/dashboard/").text
    with dash.county.db.write() as s:
        s.add(
            ChangeLogEntry(
                table_name="persons", row_id=pid, scope=VILLAGE_Y, op="insert", rev=1, hlc="x"
            )
        )
    assert "已参保 <b>7</b> 人 / 应参保 <b>9</b> 人" in http.get("/dashboard/").text


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/conflicts/no-such-conflict/resolve",
        "/dashboard/duplicates/no-such-case/decide",
        "/dashboard/matching/no-such-batch/publish",
        "/dashboard/matching/no-such-batch/discard",
        "/dashboard/matching/upload",
        "/dashboard/vacancies",
        "/dashboard/employers",
        "/dashboard/policy",
        "/dashboard/logout",
        "/dashboard/login",
    ],
)
def test_hostile_posts_are_refused_with_a_reason_never_a_crash(dash: Dash, path: str) -> None:
    http = dash.client()
    token = csrf_of(http.get("/dashboard/").text)
    bodies: list[dict[str, object]] = [
        {"content": b"csrf_token=" + token.encode() + b"&choice=%ED%A0%80&x=%FF%FE"},
        {
            "content": b"\x00\xff" * 100,
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
        {
            "data": {
                "csrf_token": token,
                "choice": "custom",
                "custom": "\x00",
                "decision": "merge",
                "village_code": "x" * 20,
                "post": "p",
                "count": "1" * 400,
                "value": "{" * 3000,
                "effective_from": "9999-99-99",
                "source": "public_security",
            }
        },
        {
            "data": {
                "csrf_token": token,
                "count": "1e9",
                "wage_min": "NaN",
                "wage_max": "Infinity",
                "valid_until": "2027-01-01",
                "employer_id": "' OR 1=1 --",
                "table": "x" * 41,
            }
        },
        {
            "content": b"--b\r\nbroken multipart",
            "headers": {"content-type": "multipart/form-data; boundary=b"},
        },
    ]
    for body in bodies:
        answer = http.post(path, follow_redirects=False, **body)  # type: ignore[arg-type]
        assert answer.status_code < 500, (body, answer.text[:300])
        assert answer.headers["x-frame-options"] == "DENY"


def test_odd_addresses_and_queries_are_4xx(dash: Dash) -> None:
    http = dash.client()
    for path in (
        "/dashboard/matching/" + "x" * 500,
        "/dashboard/matching/%00",
        "/dashboard/verify?token=%00%ff",
        "/dashboard/verify?token=" + "%ED%A0%80",
        "/dashboard/static/../auth.py",
        "/dashboard/static/nothing.css",
    ):
        answer = http.get(path)
        assert answer.status_code < 500, (path, answer.text[:300])


def test_a_login_with_a_nul_or_odd_text_is_just_a_failed_login(dash: Dash) -> None:
    http = dash.anonymous()
    for name in ("a\x00b", "名" * 200):
        form = http.get("/dashboard/login")
        answer = http.post(
            "/dashboard/login",
            data={"username": name, "password": "x\x00y", "csrf_token": csrf_of(form.text)},
        )
        assert answer.status_code in (401, 422), answer.text[:300]
        assert "用户名或密码" in answer.text or "不符合要求" in answer.text
