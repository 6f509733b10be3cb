"""On the vacancies page an officer changes which villages a vacancy is published to, or
withdraws it; the stations follow at their next sync. Bad choices are refused, nothing
written."""

from __future__ import annotations

import re
from datetime import date

from dash_harness import OFFICER_PASSWORD, OFFICER_USER, USCC, Dash, csrf_of
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sync_harness import CLERK, TODAY, VILLAGE_A, VILLAGE_B, Village

from villagedesk.services.labour import refer_to_vacancy
from villagedesk.store.dashboard_models import VacancyTarget
from villagedesk.store.models import Vacancy
from villagedesk.store.server_models import ChangeLogEntry


def _publish(http: TestClient, token: str, villages: list[str]) -> str:
    answer = http.post(
        "/dashboard/employers",
        data={"name": "藤县扶贫车间", "uscc": USCC, "csrf_token": token},
    )
    found = re.search(r'<option value="([0-9a-f-]+)">藤县扶贫车间', answer.text)
    assert found, answer.text
    answer = http.post(
        "/dashboard/vacancies",
        data={
            "csrf_token": token,
            "employer_id": found.group(1),
            "post": "缝纫工",
            "count": "5",
            "wage_min": "2800",
            "wage_max": "3500",
            "valid_until": "2027-01-31",
            "scope": "chosen" if villages else "all",
            "villages": villages,
        },
    )
    assert answer.status_code == 200 and "岗位已发布" in answer.text
    action = re.search(r'action="/dashboard/vacancies/([0-9a-f-]+)/targets"', answer.text)
    assert action, "no targets form on the vacancies page"
    return action.group(1)


def _posts(village: Village) -> list[str]:
    summary = village.sync()
    assert summary.mismatches == []
    with village.db.read() as s:
        return [v.post for v in s.scalars(select(Vacancy))]


def test_an_officer_moves_a_vacancy_to_other_villages_and_withdraws_it(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    http = dash.client(OFFICER_USER, OFFICER_PASSWORD)
    token = csrf_of(http.get("/dashboard/vacancies").text)
    vacancy = _publish(http, token, [VILLAGE_A])
    assert _posts(village_a) == ["缝纫工"] and _posts(village_b) == []

    page = http.get("/dashboard/vacancies").text
    assert f'value="{VILLAGE_A}" checked' in page  # the current targets are ticked

    answer = http.post(
        f"/dashboard/vacancies/{vacancy}/targets",
        data={"csrf_token": token, "scope": "chosen", "villages": [VILLAGE_B]},
    )
    assert answer.status_code == 200 and "发布范围已更改" in answer.text
    assert _posts(village_a) == [] and _posts(village_b) == ["缝纫工"]

    # withdrawn: closed yesterday where it is seen, still listed by the counters' referrals
    answer = http.post(f"/dashboard/vacancies/{vacancy}/withdraw", data={"csrf_token": token})
    assert answer.status_code == 200 and "岗位已撤回" in answer.text
    assert "缝纫工" not in answer.text.split('id="vacancies"')[1].split("</table>")[0]
    assert _posts(village_b) == ["缝纫工"]
    with village_b.db.read() as s:
        assert s.scalars(select(Vacancy.valid_until)).one() == date(2026, 11, 26)
    again = http.post(f"/dashboard/vacancies/{vacancy}/withdraw", data={"csrf_token": token})
    assert again.status_code == 409 and "已截止" in again.text


def test_a_village_with_referrals_is_told_it_keeps_the_vacancy(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    http = dash.client()
    token = csrf_of(http.get("/dashboard/vacancies").text)
    vacancy = _publish(http, token, [VILLAGE_A])
    person = village_a.register(21, name="黄二一")
    village_a.sync()
    with village_a.db.write(actor="wang") as s:
        refer_to_vacancy(session=s, actor=CLERK, today=TODAY, person_id=person, vacancy_id=vacancy)
    village_a.sync()
    answer = http.post(
        f"/dashboard/vacancies/{vacancy}/targets",
        data={"csrf_token": token, "scope": "chosen", "villages": [VILLAGE_B]},
    )
    assert answer.status_code == 200 and "保留该岗位" in answer.text
    assert _posts(village_a) == ["缝纫工"] and _posts(village_b) == ["缝纫工"]


def test_bad_target_changes_are_refused_with_nothing_written(
    dash: Dash, village_a: Village
) -> None:
    http = dash.client()
    token = csrf_of(http.get("/dashboard/vacancies").text)
    vacancy = _publish(http, token, [VILLAGE_A])
    with dash.county.db.read() as s:
        log_before = s.scalar(select(func.count()).select_from(ChangeLogEntry))
    for path, form, status, reason in (
        (f"{vacancy}/targets", {"scope": "chosen"}, 422, "至少选择一个村"),
        (f"{vacancy}/targets", {"scope": "chosen", "villages": ["999999999999"]}, 422, "未登记"),
        (
            f"{vacancy}/targets",
            {"scope": "chosen", "villages": [VILLAGE_A, "450422116299"]},
            422,
            "450422116299",
        ),
        (f"{vacancy}/targets", {"scope": "some"}, 422, "发布范围"),
        ("no-such-vacancy/targets", {"scope": "all"}, 404, "没有这个岗位"),
        ("no-such-vacancy/withdraw", {}, 404, "没有这个岗位"),
        (f"{vacancy}/targets", {"scope": "all", "csrf_token": "forged"}, 403, "CSRF"),
    ):
        answer = http.post(f"/dashboard/vacancies/{path}", data={"csrf_token": token, **form})
        assert answer.status_code == status and reason in answer.text, (form, answer.text)
    with dash.county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == log_before
        assert s.scalars(select(VacancyTarget.village_code)).all() == [VILLAGE_A]
