"""The 同步 page driven like a clerk would, against a county server running in-process."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sync"))

from sync_harness import BASE, County

from helpers import make_id
from villagedesk.domain.idnumber import mask_id
from villagedesk.gui.pages.sync import DEFAULT_NIGHT_HOUR, SyncPage, default_client
from villagedesk.gui.qt import QMessageBox, Qt
from villagedesk.services.persons import edit_person, register_person
from villagedesk.store.models import Person
from villagedesk.sync.client import SyncClient
from villagedesk.sync.engine import get_state, local_write, set_state
from villagedesk.sync.protocol import MIN_CLIENT_VERSION

VILLAGE = "450422116201"  # the GUI fixtures' station


@pytest.fixture
def county(tmp_path: Path) -> Iterator[County]:
    c = County(f"sqlite:///{tmp_path / 'county.db'}")
    yield c
    c.close()


def _factory(county: County) -> Any:
    """The page's client factory, wired to the in-process county (no real sleeping)."""

    def make(db: Any, **kwargs: Any) -> SyncClient:
        kwargs.pop("server_url", None)
        kwargs["sleep"] = lambda _seconds: None
        with db.read() as s:
            secret = get_state(s, "station_secret")
        session = requests.Session()
        session.mount(BASE, county.adapter)
        return SyncClient(BASE, secret=secret, session=session, **kwargs)

    return make


@pytest.fixture
def page(ctx: Any, county: County, qtbot: Any) -> SyncPage:
    widget = SyncPage(ctx)
    qtbot.addWidget(widget)
    widget.client_factory = _factory(county)
    widget.refresh()
    return widget


def _enrol(page: SyncPage, county: County, qtbot: Any) -> None:
    token = county.add_station(VILLAGE)
    page.enrol_server.setText(BASE)
    page.enrol_token.setText(token)
    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Sync finished.", page.message.text()


def _register(ctx: Any, seq: int, name: str = "张三") -> str:
    with ctx.db.write(actor=ctx.user.username) as s:
        return register_person(
            session=s,
            actor=ctx.user,
            today=ctx.today(),
            id_number=make_id(date(1960, 5, 1), seq),
            name=name,
        ).id


def _cells(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def _county_persons(county: County) -> int:
    with county.db.read() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


def test_enrol_then_sync_now_pushes_the_outbox_and_shows_the_result(
    page: SyncPage, county: County, ctx: Any, qtbot: Any
) -> None:
    assert page.enrol_box.isVisibleTo(page) and not page.sync_button.isEnabled()
    _enrol(page, county, qtbot)
    assert not page.enrol_box.isVisibleTo(page) and page.sync_button.isEnabled()
    assert page.server.text() == BASE

    _register(ctx, 1)
    _register(ctx, 2, name="李四")
    page.refresh()
    assert page.pending.text() == "2"
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)

    assert page.message.text() == "Sync finished."
    assert page.pending.text() == "0"
    assert page.result.text().startswith("Sent 2 changes, received")
    assert _county_persons(county) == 2
    newest = _cells(page.history, 0)
    assert newest[1] == "Done" and newest[2] == "2" and float(newest[5]) > 0
    assert page.history.rowCount() == 2  # the enrolment's sync, then this one
    assert not page.progress.isVisibleTo(page) and page.sync_button.isEnabled()


def test_a_clerk_cannot_enrol_the_counter(clerk_ctx: Any, county: County, qtbot: Any) -> None:
    clerk_page = SyncPage(clerk_ctx)
    qtbot.addWidget(clerk_page)
    clerk_page.client_factory = _factory(county)
    clerk_page.refresh()
    assert clerk_page.enrol_box.isVisibleTo(clerk_page)
    assert not clerk_page.enrol_button.isEnabled() and not clerk_page.enrol_token.isEnabled()
    assert clerk_page.enrol_note.text() == (
        "Only a supervisor may enrol this counter with the county."
    )
    clerk_page.enrol_server.setText(BASE)
    clerk_page.enrol_token.setText(county.add_station(VILLAGE))
    clerk_page.enrol()  # even when reached around the disabled button
    assert "Only a supervisor" in clerk_page.message.text()
    with clerk_ctx.db.read() as s:
        assert get_state(s, "station_secret") == ""


def test_an_unreachable_server_is_said_in_plain_words(
    page: SyncPage, county: County, ctx: Any, qtbot: Any
) -> None:
    _enrol(page, county, qtbot)
    _register(ctx, 1)
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with local_write(ctx.db) as s:
        from villagedesk.store.models import Station

        station = s.scalar(select(Station))
        assert station is not None
        station.server_url = f"http://127.0.0.1:{port}"
    page.client_factory = default_client  # the real client, real retries

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "cannot be reached" in page.message.text()
    assert "Nothing is lost" in page.message.text()
    assert _cells(page.history, 0)[1] == "Offline"
    assert page.result.text().startswith("Offline:")
    assert page.pending.text() == "1"  # still waiting, not lost
    assert page.sync_button.isEnabled()


def test_a_conflict_appears_with_both_values_and_the_status_bar_counts_it(
    ctx: Any, county: County, qtbot: Any
) -> None:
    from villagedesk.gui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    page.client_factory = _factory(county)
    _enrol(page, county, qtbot)
    pid = _register(ctx, 1, name="张三")
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"name": "张叁"}, "by": "o"}
    )
    with ctx.db.write(actor=ctx.user.username) as s:
        edit_person(
            session=s, actor=ctx.user, today=ctx.today(), person_id=pid, changes={"name": "张山"}
        )

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.conflicts.rowCount() == 1
    record, field, base, village, at_county, status = _cells(page.conflicts, 0)
    assert field == "Name" and (base, village, at_county) == ("张三", "张山", "张叁")
    assert status == "open" and record.startswith("Person")
    assert "1 conflicts to look at" in page.result.text()
    assert window.status_conflicts.text() == "Conflicts: 1"
    assert window.status_pending.text() == "Waiting to sync: 0"


def test_a_program_too_old_for_the_county_names_the_version_to_install(
    page: SyncPage, county: County, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enrol(page, county, qtbot)
    monkeypatch.setattr("villagedesk.sync.client.PROTOCOL_VERSION", 0)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "too old" in page.message.text()
    assert f"Install villagedesk {MIN_CLIENT_VERSION} or newer" in page.message.text()
    assert _cells(page.history, 0)[1] == "Program too old"


def test_cancel_stops_the_sync_and_keeps_what_was_sent(
    page: SyncPage, county: County, ctx: Any, qtbot: Any
) -> None:
    _enrol(page, county, qtbot)
    for i in range(1, 4):
        _register(ctx, i)
    seen: list[str] = []
    moved = page._moved

    def cancel_after_first(done: int, total: int, text: str) -> None:
        moved(done, total, text)
        seen.append(page.progress_text.text())
        page.cancel()  # the clerk presses Cancel while it runs

    page._moved = cancel_after_first  # type: ignore[method-assign]
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert seen[0].startswith("Sending changes: 3 of 3 records")
    assert "KB" in seen[0]
    assert page.message.text().startswith("Sync cancelled")
    assert _cells(page.history, 0)[1] == "Cancelled"
    assert _county_persons(county) == 3 and page.pending.text() == "0"
    assert page.sync_button.isEnabled() and not page.cancel_button.isEnabled()


def test_automatic_sync_retries_and_runs_when_the_network_comes_back(
    page: SyncPage, county: County, ctx: Any, qtbot: Any
) -> None:
    _enrol(page, county, qtbot)
    clock = [datetime(2026, 11, 27, 10, 0)]
    page.auto.now = lambda: clock[0]
    page.start_auto_sync()
    assert page.auto.timer.isActive()
    _register(ctx, 1)

    county.adapter.cut_before = 1000  # the network is down
    clock[0] += timedelta(minutes=2)
    page.auto.tick()
    assert page.auto.offline and "cannot be reached" in page.message.text()
    assert page.auto.next_due == clock[0] + timedelta(minutes=1)  # retry soon
    page.auto.tick()  # still down: only a cheap probe, no sync
    assert _cells(page.history, 0)[1] == "Offline" and page.history.rowCount() == 2

    county.adapter.cut_before = 0  # it is back
    page.auto.tick()
    assert not page.auto.offline and _county_persons(county) == 1
    assert _cells(page.history, 0)[1] == "Done"
    assert page.auto.next_due == clock[0] + timedelta(minutes=30)

    # nothing due: no sync; at the night hour: one sync, once
    before = page.history.rowCount()
    page.auto.tick()
    assert page.history.rowCount() == before
    clock[0] = datetime(2026, 11, 27, DEFAULT_NIGHT_HOUR, 5)
    page.auto.tick()
    page.auto.tick()
    assert page.history.rowCount() == before + 1

    # never two at once
    page.running = True
    assert page.sync_now() is False
    page.running = False


def test_the_automatic_sync_settings_are_kept(page: SyncPage, ctx: Any) -> None:
    page.every.setValue(60)
    page.night.setValue(-1)
    with ctx.db.read() as s:
        assert get_state(s, "auto_sync_minutes") == "60"
        assert get_state(s, "auto_sync_night_hour") == "-1"
    assert page.auto.settings() == (60, -1)
    assert page.night.text() == "off"
    with local_write(ctx.db) as s:
        set_state(s, "auto_sync_minutes", "0")
    page.refresh()
    assert page.every.value() == 0


def test_duplicate_cases_and_moves_are_listed_for_the_clerk(
    page: SyncPage, county: County, ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    from sync_harness import VILLAGE_B, Village

    _enrol(page, county, qtbot)
    other = Village(county, VILLAGE_B, tmp_path / "b.db")
    try:
        other.register(7, name="陈七")
        other.sync()
        mine = _register(ctx, 7, name="林八")  # same ID number: held at the county
        leaving = _register(ctx, 8, name="周九")
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        [case] = county.admin("GET", "/admin/v1/duplicates")["cases"]
        assert case["new_person_id"] == mine
        county.admin(
            "POST",
            f"/admin/v1/duplicates/{case['id']}/decide",
            json={"decision": "refuse", "reason": "wrong ID number", "by": "o"},
        )
        county.admin(
            "POST", f"/admin/v1/persons/{leaving}/move", json={"village_code": VILLAGE_B, "by": "o"}
        )
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    finally:
        other.close()
    number, name, decision, reason, _village = _cells(page.duplicates, 0)
    assert (name, decision, reason) == ("林八", "Refused: correct the ID number", "wrong ID number")
    # the lists show masked ID numbers (the person page has the whole one)
    assert number == mask_id(make_id(date(1960, 5, 1), 7)) and "*" in number
    assert _cells(page.moved, 0)[:2] == ["周九", mask_id(make_id(date(1960, 5, 1), 8))]
    assert "1 records moved to another village" in page.result.text()


def test_a_new_version_is_shown_after_sync_and_installed_only_when_verified(
    page: SyncPage,
    county: County,
    ctx: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    auto_answer: Any,
) -> None:
    from villagedesk.sync import update_notice
    from villagedesk.sync.updates import (
        current_platform,
        load_private_key,
        new_release_key,
        publish,
    )

    pem, public = new_release_key()
    monkeypatch.setattr(update_notice, "trusted_release_keys", lambda: (public,))
    package = tmp_path / "villagedesk_9.0.0_amd64.deb"
    package.write_bytes(b"!<arch>\n" + b"x" * 5000)
    folder = tmp_path / "county-updates"
    publish(
        package=package,
        version="9.0.0",
        platform=current_platform(),
        key=load_private_key(pem),
        out=folder,
        min_client_version="9.0.0",
        notes="认证名单按屯排序",
    )
    monkeypatch.setenv("VILLAGEDESK_SERVER_UPDATES", str(folder))
    _enrol(page, county, qtbot)  # the enrolment's sync asks the county too
    assert page.update_box.isVisibleTo(page)
    text = page.update_text.text()
    assert "9.0.0" in text and "too old" in text and "认证名单按屯排序" in text

    launched: list[Path] = []
    page.launch_installer = launched.append
    auto_answer(QMessageBox.StandardButton.No)
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    assert launched == []  # the clerk said no: nothing downloaded, nothing run
    auto_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    assert len(launched) == 1, page.message.text()  # tasks run inline in these tests
    assert launched[0].read_bytes() == package.read_bytes()
    assert "verified" in page.message.text()

    # the county's copy is swapped for another file: refused, nothing started
    launched.clear()
    for old in (ctx.db.path.parent / "updates").iterdir():
        old.unlink()
    (folder / current_platform() / package.name).write_bytes(b"!<arch>\n" + b"y" * 5000)
    page.refresh()  # as when the clerk comes back to the page
    qtbot.mouseClick(page.update_button, Qt.MouseButton.LeftButton)
    assert launched == []
    assert "did not pass the check" in page.message.text()
    assert page.update_button.isEnabled()
