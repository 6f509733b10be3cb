"""The acceptance path in a real headless browser: an officer logs in, reads the overview,
resolves a conflict and publishes vacancies, one of them to a chosen village only; the
villages' next syncs receive what is theirs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser import browser_page, need_browser, serve
from dash_harness import ADMIN_PASSWORD, ADMIN_USER, USCC, Dash, Figures
from sqlalchemy import select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.store.models import Person, Vacancy
from villagedesk.store.server_models import ConflictRecord

pytestmark = pytest.mark.slow


@pytest.fixture
def county(tmp_path: Path) -> Iterator[County]:
    """One SQLite county (the browser path does not depend on the database kind; the pages'
    queries run on PostgreSQL in test_pages and test_actions)."""
    c = County(f"sqlite:///{tmp_path / 'county.db'}")
    yield c
    c.close()


def test_an_officer_reads_resolves_and_publishes_and_the_village_receives_it(
    dash: Dash, county_data: Figures, village_a: Village, village_b: Village
) -> None:
    need_browser()
    # a conflict: the county and the village renamed the same person differently
    pid = village_a.register(1, name="张三")
    village_a.sync()
    dash.county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"name": "张叁"}, "by": "o"}
    )
    village_a.edit(pid, name="张山")
    assert village_a.sync().new_conflicts == 1

    with serve(dash.county.app) as url, browser_page() as page:
        refused: list[str] = []  # anything the Content-Security-Policy blocked
        page.on(
            "console",
            lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
        )
        page.goto(f"{url}/dashboard/")
        assert page.url.endswith("/dashboard/login")  # a stranger is sent to the login
        page.fill("#username", ADMIN_USER)
        page.fill("#password", ADMIN_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/dashboard/")

        # the overview: the county's participation and payment rates with their counts
        participation = page.inner_text("#kpi-participation")
        assert "75.00%" in participation
        num, den = county_data.participation
        assert f"已参保 {num} 人 / 应参保 {den} 人" in participation
        payment = page.inner_text("#kpi-payment")
        assert "50.00%" in payment and "已发放 1 人 / 应发放 2 人" in payment
        assert "66.67%" in page.inner_text("#village-rates")

        # the conflict, both values side by side; the officer takes the village's
        page.click("text=冲突与重复人员")
        card = page.locator(".conflict").first
        assert card.locator(".value-village").inner_text() == "张山"
        assert card.locator(".value-county").inner_text() == "张叁"
        card.locator("button[value=village]").click()
        page.wait_for_selector("text=冲突已处理")
        assert page.locator("#no-conflicts").is_visible()

        # an employer, then a vacancy for every village
        page.click("text=岗位与用工单位")
        page.fill("#e-name", "藤县扶贫车间")
        page.fill("#e-uscc", USCC)
        page.click("text=登记单位")
        page.wait_for_selector("text=用工单位已登记")
        page.select_option("#employer_id", label="藤县扶贫车间")
        page.fill("#post", "电子装配工")
        page.fill("#count", "8")
        page.fill("#wage_min", "3000")
        page.fill("#wage_max", "4200")
        page.fill("#valid_until", "2027-02-28")
        page.fill("#place", "梧州市")
        page.click("#vacancy-form button[type=submit]")
        page.wait_for_selector("text=岗位已发布")
        assert "电子装配工" in page.inner_text("#vacancies")

        # a second vacancy, for village A only
        page.select_option("#employer_id", label="藤县扶贫车间")
        page.fill("#post", "采茶工")
        page.fill("#count", "3")
        page.fill("#wage_min", "2500")
        page.fill("#wage_max", "3000")
        page.check("#vacancy-form input[name=scope][value=chosen]")
        page.check(f"#vacancy-form input[name=villages][value='{VILLAGE_A}']")
        page.click("#vacancy-form button[type=submit]")
        page.wait_for_selector("text=岗位已发布")
        row = page.locator("#vacancies tr", has_text="采茶工")
        assert VILLAGE_A in row.inner_text()  # the list shows where it is published
        assert refused == []  # the pages need no inline script or style

    with dash.county.db.read() as s:
        assert s.scalars(select(ConflictRecord.status)).one() == "resolved"
    summary = village_a.sync()
    assert summary.conflicts == 0 and summary.mismatches == []
    with village_a.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None and person.name == "张山"
        posts = {v.post: v for v in s.scalars(select(Vacancy))}
        assert set(posts) == {"电子装配工", "采茶工"}
        vacancy = posts["电子装配工"]
        assert (vacancy.post, vacancy.count, vacancy.wage_max_fen) == ("电子装配工", 8, 420000)
        assert vacancy.valid_until == date(2027, 2, 28)
    # the other village receives the vacancy for every village, not the one for A
    assert village_b.sync().mismatches == []
    with village_b.db.read() as s:
        assert s.scalars(select(Vacancy.post)).all() == ["电子装配工"]
