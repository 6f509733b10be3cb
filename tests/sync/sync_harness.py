"""A county server in-process (FastAPI TestClient) and village counters that sync with it.

The counters' ``requests`` sessions are wired to the app through ``AppAdapter``, which can
also cut a request before it reaches the server or lose the answer after the server has
committed. Each test gets a fresh county database: a SQLite file, or (with
``VILLAGEDESK_TEST_PG_URL``) its own PostgreSQL schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi.testclient import TestClient
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from sqlalchemy import create_engine, insert, text

from helpers import make_id
from villagedesk.domain.categories import Role
from villagedesk.server.app import create_app
from villagedesk.server.core.config import Settings
from villagedesk.services.context import Actor
from villagedesk.services.persons import edit_person, register_person
from villagedesk.store.migrate import head_revision
from villagedesk.store.models import Person, PersonStatus, PrintedDocument
from villagedesk.store.server_db import ServerDatabase
from villagedesk.sync import county as county_service
from villagedesk.sync.client import SyncClient
from villagedesk.sync.engine import SyncSummary, enrol_station, sync_once
from villagedesk.sync.protocol import (
    COMPACT_ANSWER,
    PROTOCOL_HEADER,
    PUSH_ANSWER_HEADER,
    PUSH_FORMAT_COLUMNS,
    PUSH_FORMAT_HEADER,
    SCHEMA_HEADER,
)

VILLAGE_A = "450422116201"
VILLAGE_B = "450422116202"
ADMIN = "county-admin-token-for-tests"
BASE = "http://county.test"
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 30)
CLERK = Actor(username="wang", role=Role.SUPERVISOR, display_name="王")

PG_URL = os.environ.get("VILLAGEDESK_TEST_PG_URL", "")
PG_REQUIRED = os.environ.get("CI", "").lower() == "true"


def _pg_param() -> Any:
    return pytest.param("pg", marks=pytest.mark.pg, id="pg")


BACKENDS = ["sqlite", _pg_param()]


@pytest.fixture(params=BACKENDS)
def county_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'county.db'}"
        return
    if not PG_URL:
        if PG_REQUIRED:
            pytest.fail("CI=true but VILLAGEDESK_TEST_PG_URL is not set")
        pytest.skip("VILLAGEDESK_TEST_PG_URL not set")
    schema = f"vdtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


class AppAdapter(BaseAdapter):
    """Sends requests' requests to the in-process app. ``cut_before`` drops the next N
    requests before the server sees them; ``lose_answers`` lets the server finish the next N
    and then drops the connection (the answer is lost)."""

    def __init__(self, client: TestClient) -> None:
        super().__init__()
        self.client = client
        self.cut_before = 0
        self.lose_answers = 0
        self.calls = 0

    def send(self, request: requests.PreparedRequest, **_kwargs: Any) -> requests.Response:
        self.calls += 1
        if self.cut_before:
            self.cut_before -= 1
            raise requests.ConnectionError("cut before the server saw it")
        body = request.body
        if isinstance(body, str):
            body = body.encode()
        answer = self.client.request(
            request.method or "GET",
            request.url or "",
            content=body,
            headers={k: v for k, v in request.headers.items() if k.lower() != "accept-encoding"},
        )
        if self.lose_answers:
            self.lose_answers -= 1
            raise requests.ConnectionError("connection lost after the server committed")
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = CaseInsensitiveDict(
            {k: v for k, v in answer.headers.items() if k.lower() != "content-encoding"}
        )
        response._content = answer.content
        response._content_consumed = True  # a streamed download reads the body already here
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass


class County:
    def __init__(self, url: str) -> None:
        self.url = url
        self.db = ServerDatabase(url)
        self.db.migrate()
        with self.db.write() as s:
            county_service.seed_county(session=s)
        self.app = create_app(settings=Settings(db_url=url, admin_token=ADMIN))
        self.http = TestClient(self.app)
        self.adapter = AppAdapter(self.http)

    def close(self) -> None:
        self.http.close()
        self.app.state.db.close()
        self.db.close()

    def add_station(self, village: str) -> str:
        with self.db.write() as s:
            return county_service.add_station(session=s, village_code=village, name="站", now=NOW)

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        r = self.http.request(method, path, headers={"Authorization": f"Bearer {ADMIN}"}, **kwargs)
        assert r.status_code < 300, r.text
        return r.json()

    def person(self, person_id: str) -> Person:
        """The county's row of a person, detached."""
        with self.db.read() as s:
            person = s.get(Person, person_id)
            assert person is not None
            s.expunge(person)
            return person

    def push(self, secret: str, body: bytes, *, compact: bool, columns: bool = False) -> Any:
        """``body`` pushed as a counter sends it (a 0.2.0 counter: no ``compact``, no
        ``columns``), straight to the app."""
        headers = {
            "Authorization": f"Bearer {secret}",
            PROTOCOL_HEADER: "2",
            SCHEMA_HEADER: head_revision(),
            "Content-Type": "application/json",
        }
        if compact:
            headers[PUSH_ANSWER_HEADER] = COMPACT_ANSWER
        if columns:
            headers[PUSH_FORMAT_HEADER] = PUSH_FORMAT_COLUMNS
        return self.http.post("/sync/v1/push", content=body, headers=headers)

    def client(self, secret: str = "") -> SyncClient:
        session = requests.Session()
        session.mount(BASE, self.adapter)
        return SyncClient(BASE, secret=secret, session=session, sleep=lambda _s: None)


def fill_two_villages(
    county: County, *, persons: int, statuses_each: int
) -> tuple[dict[str, set[tuple[str, str]]], list[str]]:
    """Straight into the county: ``persons`` persons taking turns between villages A and B
    (A first), each with ``statuses_each`` statuses (revisions 1, 2, ...), and a printed
    document of no person in each village. Returns the (table, row id) of each village's
    rows, and the person ids in the order made."""
    sync = {"rev": 1, "created_hlc": "", "updated_hlc": "", "deleted": False}
    wanted: dict[str, set[tuple[str, str]]] = {VILLAGE_A: set(), VILLAGE_B: set()}
    people, statuses, documents = [], [], []
    for n in range(persons):
        village = (VILLAGE_A, VILLAGE_B)[n % 2]
        pid = str(uuid.uuid4())
        people.append(
            {
                **sync,
                "id": pid,
                "origin": village,
                "id_number": f"45042219600501{n:03d}X",
                "name": f"村民{n}",
                "sex": "male",
                "birth_date": date(1960, 5, 1),
                "village_code": village,
            }
        )
        wanted[village].add(("persons", pid))
        for k in range(statuses_each):
            sid = str(uuid.uuid4())
            statuses.append(
                {
                    **sync,
                    "rev": 1 + k,
                    "id": sid,
                    "origin": village,
                    "person_id": pid,
                    "kind": "dibao",
                    "start_date": date(2020 + k, 1, 1),
                }
            )
            wanted[village].add(("person_statuses", sid))
    for i, village in enumerate((VILLAGE_A, VILLAGE_B)):
        did = str(uuid.uuid4())
        documents.append(
            {
                **sync,
                "id": did,
                "origin": village,
                "kind": "monthly_report",
                "serial": f"R-{i}",
                "person_id": None,  # the village's own report: seen by its origin
                "printed_at": datetime(2026, 11, 1, 9, 0),
                "clerk": "wang",
            }
        )
        wanted[village].add(("printed_documents", did))
    with county.db.write() as s:
        s.execute(insert(Person), people)
        s.execute(insert(PersonStatus), statuses)
        s.execute(insert(PrintedDocument), documents)
    return wanted, [p["id"] for p in people]


class Village:
    def __init__(self, county: County, code: str, path: Path) -> None:
        self.county = county
        self.code = code
        token = county.add_station(code)
        self.client = county.client()
        self.db, self.first = enrol_station(
            db_path=path, server_url=BASE, token=token, client=self.client, now=lambda: NOW
        )

    def register(self, seq: int, name: str = "张三", phone: str = "") -> str:
        with self.db.write(actor="wang") as s:
            person = register_person(
                session=s,
                actor=CLERK,
                today=TODAY,
                id_number=make_id(date(1960, 5, 1), seq),
                name=name,
                phone=phone,
            )
            return person.id

    def edit(self, person_id: str, **changes: Any) -> None:
        with self.db.write(actor="wang") as s:
            edit_person(session=s, actor=CLERK, today=TODAY, person_id=person_id, changes=changes)

    def sync(self) -> SyncSummary:
        return sync_once(db=self.db, client=self.client, now=lambda: NOW)

    def close(self) -> None:
        self.db.close()


@pytest.fixture
def county(county_url: str) -> Iterator[County]:
    c = County(county_url)
    yield c
    c.close()


@pytest.fixture
def village_a(county: County, tmp_path: Path) -> Iterator[Village]:
    v = Village(county, VILLAGE_A, tmp_path / "a.db")
    yield v
    v.close()


@pytest.fixture
def village_b(county: County, tmp_path: Path) -> Iterator[Village]:
    v = Village(county, VILLAGE_B, tmp_path / "b.db")
    yield v
    v.close()
