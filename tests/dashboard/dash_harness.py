"""The county dashboard under test: officers, a signed-in TestClient, and county data with
known figures (two villages of registered-poor persons, premiums, labour surveys)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from sync_harness import TODAY, County

from helpers import make_id, make_uscc
from villagedesk.server.dashboard import auth
from villagedesk.store.models import (
    BenefitAward,
    Contribution,
    Enrolment,
    LabourRegistration,
    PaidPremium,
    Person,
    PersonStatus,
)

ADMIN_USER, ADMIN_PASSWORD = "zhang", "county-admin-pw"
OFFICER_USER, OFFICER_PASSWORD = "li", "county-officer-pw"
VILLAGE_X = "450422116203"  # data only (no station): the overview's figures
VILLAGE_Y = "450422116204"
USCC = make_uscc(1)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no csrf_token in the page"
    return found.group(1)


def login(http: TestClient, username: str, password: str) -> Any:
    form = http.get("/dashboard/login")
    return http.post(
        "/dashboard/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )


@dataclass
class Dash:
    county: County

    def client(self, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> TestClient:
        """A new browser, signed in."""
        http = TestClient(self.county.app)
        answer = login(http, username, password)
        assert answer.status_code == 303, answer.text
        return http

    def anonymous(self) -> TestClient:
        return TestClient(self.county.app)


@pytest.fixture
def dash(county: County) -> Iterator[Dash]:
    county.app.state.dashboard_today = TODAY
    now = datetime(2026, 11, 27, 8, 0)
    with county.db.write() as s:
        auth.add_officer(
            session=s,
            username=ADMIN_USER,
            password=ADMIN_PASSWORD,
            role="admin",
            now=now,
            display_name="张科长",
        )
        auth.add_officer(
            session=s,
            username=OFFICER_USER,
            password=OFFICER_PASSWORD,
            role="officer",
            now=now,
            display_name="李经办",
        )
    yield Dash(county)


def _person(s: Session, *, village: str, seq: int, birth: date, **extra: Any) -> str:
    pid = str(uuid.uuid4())
    s.add(
        Person(
            id=pid,
            id_number=make_id(birth, seq),
            name=f"村民{seq}",
            sex="male",
            birth_date=birth,
            village_code=village,
            **extra,
        )
    )
    s.flush()  # no ORM relationships: the person must be written before its records
    return pid


def _poor(s: Session, pid: str) -> None:
    s.add(PersonStatus(person_id=pid, kind="registered_poor", start_date=date(2016, 1, 1)))


def _enrol(s: Session, pid: str) -> None:
    s.add(
        Enrolment(
            person_id=pid,
            enrolled_on=date(2017, 1, 1),
            status="normal",
            insured_category="poor_1",
            grade_fen=10000,
        )
    )


def _award(s: Session, pid: str, status: str) -> None:
    s.add(
        BenefitAward(
            person_id=pid,
            kind="special",
            awarded_on=date(2019, 1, 1),
            first_month=date(2019, 1, 1),
            basic_fen=11800,
            account_fen=0,
            monthly_fen=11800,
            balance_at_award_fen=0,
            status=status,
        )
    )


@dataclass(frozen=True)
class Figures:
    participation: tuple[int, int]  # county numerator, denominator
    payment: tuple[int, int]


@pytest.fixture
def county_data(county: County) -> Figures:
    """Village X: 4 poor aged 30 (3 enrolled), 2 poor aged 70 (one receiving, one not),
    plus people who do not count (not poor, a student, a dead person). Village Y: 2 poor aged
    40, both enrolled. County: participation 6/8 = 75.00 %, payment 1/2 = 50.00 %."""
    seq = 100
    with county.db.write() as s:
        for i in range(4):
            seq += 1
            pid = _person(s, village=VILLAGE_X, seq=seq, birth=date(1996, 3, 1))
            _poor(s, pid)
            if i < 3:
                _enrol(s, pid)
        for receiving in (True, False):
            seq += 1
            pid = _person(s, village=VILLAGE_X, seq=seq, birth=date(1956, 3, 1))
            _poor(s, pid)
            if receiving:
                _enrol(s, pid)
                _award(s, pid, "active")
        seq += 1
        _person(s, village=VILLAGE_X, seq=seq, birth=date(1980, 1, 1))  # not poor
        seq += 1
        student = _person(s, village=VILLAGE_X, seq=seq, birth=date(2009, 1, 1), student=True)
        _poor(s, student)
        seq += 1
        dead = _person(
            s, village=VILLAGE_X, seq=seq, birth=date(1950, 1, 1), death_date=date(2025, 1, 1)
        )
        _poor(s, dead)
        enrolled_y = []
        for _ in range(2):
            seq += 1
            pid = _person(s, village=VILLAGE_Y, seq=seq, birth=date(1986, 5, 1))
            _poor(s, pid)
            _enrol(s, pid)
            enrolled_y.append(pid)
        s.flush()
        # government-paid premiums of 2025: one city-shared (6:4), one county-shared (8:2)
        for pid, level, region, local in (
            (enrolled_y[0], "city", 6000, 4000),
            (enrolled_y[1], "county", 8000, 2000),
        ):
            contribution = Contribution(
                person_id=pid,
                year=2025,
                paid_on=date(2025, 3, 1),
                kind="normal",
                grade_fen=10000,
                personal_fen=0,
                subsidy_fen=3000,
                paid_premium_fen=10000,
            )
            s.add(contribution)
            s.flush()
            s.add(
                PaidPremium(
                    person_id=pid,
                    contribution_id=contribution.id,
                    year=2025,
                    amount_fen=10000,
                    region_fen=region,
                    local_fen=local,
                    local_level=level,
                )
            )
        # labour: the latest survey counts (working away), not the older one (farming)
        for surveyed, status in ((date(2024, 1, 1), "farming"), (date(2026, 1, 1), "working_away")):
            s.add(
                LabourRegistration(
                    person_id=enrolled_y[0],
                    surveyed_on=surveyed,
                    population_category="working_age",
                    employment_status=status,
                    job_channel="guangdong",
                    work_place="outside_region",
                )
            )
    return Figures(participation=(6, 8), payment=(1, 2))
