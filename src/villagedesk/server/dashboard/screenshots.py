"""``make screenshots`` (second half): every county dashboard page in a real headless browser.

Builds a throw-away county (SQLite) whose villages are demo stations that really enrol and sync
with it over HTTP, adds a conflict, a duplicate registration, a vacancy and a data-matching
list, then captures each page with Debian's chromium through Playwright (full page, 1366 px
wide, Chinese) into ``docs/screenshots/dashboard-*.png``.

python -m villagedesk.server.dashboard.screenshots [--out docs/screenshots] [--persons 150]
"""

from __future__ import annotations

import argparse
import os
import socket
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 27)
VILLAGES = {
    "450422116201": "大黎村就业社保服务站",
    "450422116202": "新团村就业社保服务站",
    "450422116203": "思委村就业社保服务站",
}
SILENT = {"450422116204": "石龙村就业社保服务站", "450422116205": "理冲村就业社保服务站"}
CHROMIUM = os.environ.get("VILLAGEDESK_CHROMIUM", "/usr/bin/chromium")
USER, PASSWORD = "admin", "admin-dashboard-pw"


def _now() -> datetime:
    return datetime(2026, 11, 27, 9, 30)


def build_county(folder: Path) -> str:
    """The county database and its officer; returns its URL."""
    from villagedesk.server.dashboard import auth
    from villagedesk.store.server_db import ServerDatabase
    from villagedesk.sync import county

    url = f"sqlite:///{folder / 'county.db'}"
    db = ServerDatabase(url)
    db.migrate()
    with db.write() as s:
        county.seed_county(session=s)
        auth.add_officer(
            session=s,
            username=USER,
            password=PASSWORD,
            role="admin",
            display_name="韦科长",
            now=_now(),
        )
        for code, name in SILENT.items():
            county.add_station(session=s, village_code=code, name=name, now=_now())
    db.close()
    return url


def fill(base: str, app: Any, folder: Path, persons: int) -> None:
    """Demo villages enrol and sync over HTTP; then a conflict, a duplicate, a vacancy, a
    matching list."""
    from sqlalchemy import select

    from villagedesk.domain.categories import Role
    from villagedesk.server.dashboard import matching
    from villagedesk.server.dashboard.publish import publish_vacancy
    from villagedesk.services.context import Actor
    from villagedesk.services.demo import make_demo
    from villagedesk.services.persons import edit_person, register_person
    from villagedesk.store.clock import HybridClock
    from villagedesk.store.models import Employer, Person
    from villagedesk.store.server_db import ServerDatabase
    from villagedesk.sync import county
    from villagedesk.sync.engine import client_for, enrol_station, sync_once

    cdb: ServerDatabase = app.state.db
    clock: HybridClock = app.state.clock
    actor = Actor("admin", Role.SUPERVISOR, "李主管")
    stations = {}
    for i, (code, name) in enumerate(VILLAGES.items()):
        with cdb.write() as s:
            token = county.add_station(session=s, village_code=code, name=name, now=_now())
        db, _first = enrol_station(
            db_path=folder / f"{code}.db", server_url=base, token=token, now=_now
        )
        make_demo(db=db, persons=persons, seed=i + 1, today=TODAY)
        sync_once(db=db, client=client_for(db), now=_now)
        stations[code] = db
    first, second = list(stations.values())[:2]
    # a conflict: the county corrects a name the village changes too
    with first.read() as s:
        person = s.scalars(select(Person).order_by(Person.id_number)).first()
        assert person is not None
        pid, name, number = person.id, person.name, person.id_number
    with cdb.write() as s:
        county.county_edit(
            session=s,
            table="persons",
            row_id=pid,
            fields={"name": name + "（县）"},
            by="admin",
            clock=clock,
        )
    with first.write(actor="admin") as s:
        edit_person(
            session=s, actor=actor, today=TODAY, person_id=pid, changes={"name": name + "（村）"}
        )
    sync_once(db=first, client=client_for(first), now=_now)
    # a duplicate: the same ID number registered at a second village
    with second.write(actor="admin") as s:
        register_person(session=s, actor=actor, today=TODAY, id_number=number, name=name)
    sync_once(db=second, client=client_for(second), now=_now)
    # a vacancy published to two villages
    with cdb.write() as s:
        employer = s.scalars(select(Employer).order_by(Employer.name)).first()
        if employer is not None:
            publish_vacancy(
                session=s,
                fields={
                    "employer_id": employer.id,
                    "post": "电子装配工（粤桂协作）",
                    "count": 30,
                    "wage_min_fen": 350000,
                    "wage_max_fen": 500000,
                    "place": "广东省佛山市",
                    "requirements": "18-45 岁，包食宿",
                    "valid_until": "2027-03-31",
                },
                villages=list(VILLAGES)[:2],
                by="admin",
                clock=clock,
                now=_now(),
            )
    # a death list from public security
    with cdb.write() as s:
        numbers = list(
            s.scalars(select(Person.id_number).order_by(Person.id_number).offset(5).limit(4))
        )
        rows = [{"id_number": n, "name": "", "death_date": "2026-10-0" + str(k + 1)}
                for k, n in enumerate(numbers)]  # fmt: skip
        rows.append({"id_number": "450422199001011234", "name": "查无此人"})
        proposed, unmatched = matching.preview(
            session=s, source="public_security", rows=rows, today=TODAY
        )
        matching.save_batch(
            session=s,
            source="public_security",
            filename="公安死亡名单-2026年10月.xlsx",
            proposed=proposed,
            unmatched=unmatched,
            by="admin",
            now=_now(),
        )
    for db in stations.values():
        sync_once(db=db, client=client_for(db), now=_now)
        db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--persons", type=int, default=150, help="residents per demo village")
    args = parser.parse_args(argv)

    import uvicorn
    from playwright.sync_api import sync_playwright
    from sqlalchemy import select

    from villagedesk.server.app import create_app
    from villagedesk.server.core.config import Settings
    from villagedesk.store.dashboard_models import MatchBatch

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="vd-dash-shots-"))
    url = build_county(folder)
    app = create_app(settings=Settings(db_url=url))
    app.state.dashboard_today = TODAY
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    time.sleep(0.5)
    try:
        fill(base, app, folder, args.persons)
        with app.state.db.read() as s:
            batch_id = s.scalars(select(MatchBatch.id)).first()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_context(
                viewport={"width": 1366, "height": 768}, locale="zh-CN"
            ).new_page()
            page.goto(f"{base}/dashboard/login")
            page.screenshot(path=str(out / "dashboard-login.png"), full_page=True)
            page.fill("#username", USER)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/dashboard/")
            shots = [
                ("/dashboard/", "dashboard-overview"),
                ("/dashboard/stations", "dashboard-stations"),
                ("/dashboard/conflicts", "dashboard-conflicts"),
                ("/dashboard/matching", "dashboard-matching"),
                (f"/dashboard/matching/{batch_id}", "dashboard-matching-preview"),
                ("/dashboard/vacancies", "dashboard-vacancies"),
                ("/dashboard/policy", "dashboard-policy"),
                ("/dashboard/verify?token=VD1.not-a-real-token", "dashboard-verify"),
            ]
            for path, name in shots:
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(f"{out / name}.png")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
