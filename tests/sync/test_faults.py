"""Robustness over real sockets: a sync cut at random points (mid-request, after the county
committed, mid-answer) ends in exactly the state of an uncut one; a counter killed with SIGKILL
and a county server killed and restarted in the middle of a sync both recover on the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from faultproxy import KINDS, FaultProxy
from live import (
    ServerProcess,
    ThreadedServer,
    another_county_url,
    free_port,
    point_station,
    prepare_county,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sync_harness import CLERK, NOW, TODAY, VILLAGE_A, VILLAGE_B

from helpers import make_id
from villagedesk.services.persons import edit_person, register_person
from villagedesk.services.station import init_station
from villagedesk.store.bulk import BulkWriter
from villagedesk.store.database import Database, open_station_connection
from villagedesk.store.models import OutboxEntry, Person, PersonStatus
from villagedesk.store.server_db import ServerDatabase
from villagedesk.store.server_models import (
    AppliedMutation,
    ChangeLogEntry,
    ConflictRecord,
    RowRevision,
)
from villagedesk.sync import county as county_service
from villagedesk.sync.client import SyncClient, SyncError
from villagedesk.sync.engine import RESTORE_OP, SyncSummary, get_state, sync_once
from villagedesk.sync.tables import TABLE_ORDER, TABLES

GIVEN = "春夏秋冬梅兰竹菊金木水火土山石田"


def _name(i: int, prefix: str = "村民") -> str:
    """A valid name (letters only) that differs with ``i``."""
    return prefix + GIVEN[i % 16] + GIVEN[i // 16 % 16] + GIVEN[i // 256 % 16]


SECRETS = {VILLAGE_A: "vds_secret-of-village-a-for-tests", VILLAGE_B: "vds_secret-of-village-b"}
HLC_COLUMNS = ("created_hlc", "updated_hlc")


# -- the two villages' own work, done once and copied for every run ---------------------------
def _new_station(path: Path, village: str) -> Database:
    db = init_station(path=path, village_code=village, name=f"站{village[-2:]}", now=NOW)
    point_station(path, server_url="http://unused.test", secret=SECRETS[village])
    return db


def _register(db: Database, first: int, count: int, *, statuses: int) -> list[str]:
    ids = []
    with db.write(actor="wang") as s:
        for i in range(first, first + count):
            person = register_person(
                session=s,
                actor=CLERK,
                today=TODAY,
                id_number=make_id(date(1950 + i // 400, 5, 1), i),
                name=_name(i),
                phone=f"139{i:08d}",
            )
            ids.append(person.id)
    with db.write(actor="wang") as s, BulkWriter(s) as bulk:
        for pid in ids[:statuses]:
            bulk.add_row(
                PersonStatus,
                {"person_id": pid, "kind": "disability", "level": 2, "start_date": TODAY},
            )
    return ids


def _edit(db: Database, person_id: str, **changes: Any) -> None:
    with db.write(actor="wang") as s:
        edit_person(session=s, actor=CLERK, today=TODAY, person_id=person_id, changes=changes)


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A: 120 persons, 30 statuses, 50 edits, 2 tombstones; B: 70 persons, 10 statuses, 20 edits
    — about 300 mutations, all made before anything is synced."""
    folder = tmp_path_factory.mktemp("villages")
    a = _new_station(folder / "a.db", VILLAGE_A)
    b = _new_station(folder / "b.db", VILLAGE_B)
    a_ids = _register(a, 1, 120, statuses=30)
    b_ids = _register(b, 200, 70, statuses=10)
    for i, pid in enumerate(a_ids[:30]):
        _edit(a, pid, phone=f"138{i:08d}")
    for i, pid in enumerate(a_ids[30:50]):
        _edit(a, pid, address=f"大黎村{i}组")
    for pid in a_ids[50:52]:
        with a.write(actor="wang") as s:
            person = s.get(Person, pid)
            assert person is not None
            person.deleted = True
    for i, pid in enumerate(b_ids[:20]):
        _edit(b, pid, address=f"二村{i}组")
    a.close()
    b.close()
    return {"folder": folder, VILLAGE_A: a_ids, VILLAGE_B: b_ids}


# -- one run of the scenario ----------------------------------------------------------------
def _sync_until_done(db: Database, client: SyncClient, tries: int = 60) -> SyncSummary:
    """What a counter does after a failed sync: run it again (the next night, or now)."""
    for _ in range(tries):
        try:
            return sync_once(db=db, client=client, push_batch=20, page_size=30, now=lambda: NOW)
        except SyncError:
            continue
    raise AssertionError("the sync never got through")


def _rows(session: Session, table: Any, *, skip: tuple[str, ...] = HLC_COLUMNS) -> Any:
    out = {}
    for row in session.execute(select(table)).mappings():
        out[row["id"]] = tuple(sorted((k, repr(v)) for k, v in row.items() if k not in skip))
    return out


def _synced_state(session: Session) -> dict[str, Any]:
    return {name: _rows(session, TABLES[name].model.__table__) for name in TABLE_ORDER}  # type: ignore[attr-defined]


def _county_state(db: ServerDatabase) -> dict[str, Any]:
    with db.read() as s:
        state = _synced_state(s)
        applied = s.execute(select(AppliedMutation.mutation_id, AppliedMutation.status)).all()
        # mutation ids are new in every run; what must match is how many and how they went
        state["applied"] = sorted(status for _id, status in applied)
        state["applied_ids"] = sorted(mutation_id for mutation_id, _status in applied)
        state["log"] = [
            tuple(r)
            for r in s.execute(
                select(
                    ChangeLogEntry.table_name,
                    ChangeLogEntry.row_id,
                    ChangeLogEntry.rev,
                    ChangeLogEntry.scope,
                    ChangeLogEntry.op,
                ).order_by(ChangeLogEntry.seq)
            )
        ]
        state["revisions"] = sorted(
            tuple(r)
            for r in s.execute(
                select(
                    RowRevision.table_name,
                    RowRevision.row_id,
                    RowRevision.rev,
                    RowRevision.station,
                )
            )
        )
        state["conflicts"] = sorted(
            (c.table_name, c.row_id, c.field, c.status, json.dumps(c.values, sort_keys=True))
            for c in s.scalars(select(ConflictRecord))
        )
    return state


def _village_state(db: Database) -> dict[str, Any]:
    with db.read() as s:
        state = _synced_state(s)
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        top = s.scalar(select(func.max(OutboxEntry.seq))) or 0
        state["outbox_waiting"] = top - acked
        state["open_conflicts"] = get_state(s, "open_conflicts")
        state["mutations"] = sorted(
            s.scalars(select(OutboxEntry.mutation_id).where(OutboxEntry.op != RESTORE_OP))
        )
    return state


def _run(
    url: str, villages: dict[str, Any], work: Path, *, rate: float, seed: int
) -> tuple[dict[str, Any], dict[str, int]]:
    work.mkdir(parents=True)
    for name in ("a.db", "b.db"):
        shutil.copy(villages["folder"] / name, work / name)
    county_db = prepare_county(url, SECRETS)
    a, b = Database(work / "a.db"), Database(work / "b.db")
    a_ids, b_ids = villages[VILLAGE_A], villages[VILLAGE_B]
    try:
        with (
            ThreadedServer(url) as server,
            FaultProxy(("127.0.0.1", server.port), seed=seed, rate=rate) as proxy,
        ):
            clients = {
                v: SyncClient(proxy.url, secret=SECRETS[v], retries=3, sleep=lambda _s: None)
                for v in (VILLAGE_A, VILLAGE_B)
            }

            def both() -> list[SyncSummary]:
                return [
                    _sync_until_done(a, clients[VILLAGE_A]),
                    _sync_until_done(b, clients[VILLAGE_B]),
                ]

            both()
            # the county corrects names of A's residents and phones of B's; A meanwhile
            # renames four of the same persons (conflicts) and B changes addresses
            app = server.app
            with app.state.db.write() as s:
                for i, pid in enumerate(a_ids[60:68]):
                    county_service.county_edit(
                        session=s,
                        table="persons",
                        row_id=pid,
                        fields={"name": _name(i, "县改")},
                        by="officer",
                        clock=app.state.clock,
                    )
                for i, pid in enumerate(b_ids[40:43]):
                    county_service.county_edit(
                        session=s,
                        table="persons",
                        row_id=pid,
                        fields={"phone": f"137{i:08d}"},
                        by="officer",
                        clock=app.state.clock,
                    )
            for i, pid in enumerate(a_ids[60:64]):
                _edit(a, pid, name=_name(i, "村改"))
            for i, pid in enumerate(b_ids[50:60]):
                _edit(b, pid, address=f"新{i}组")
            both()
            with app.state.db.write() as s:
                [first] = [
                    c
                    for c in county_service.list_conflicts(session=s, status="open")
                    if c.row_id == a_ids[60]
                ]
                county_service.resolve_conflict(
                    session=s,
                    conflict_id=first.id,
                    value=first.village,
                    by="officer",
                    clock=app.state.clock,
                    now=NOW,
                )
            final = both()
            for client in clients.values():
                client.close()
            counts = dict(proxy.counts)
        assert [s.mismatches for s in final] == [[], []]
        assert [s.conflicts for s in final] == [3, 0]
        state = {
            "county": _county_state(county_db),
            VILLAGE_A: _village_state(a),
            VILLAGE_B: _village_state(b),
        }
    finally:
        a.close()
        b.close()
        county_db.close()
    return state, counts


@pytest.mark.slow
def test_a_sync_cut_at_random_points_ends_as_an_uncut_one(
    county_url: str, villages: dict[str, Any], tmp_path: Path
) -> None:
    clean, passed = _run(county_url, villages, tmp_path / "clean", rate=0.0, seed=0)
    assert passed.get("passed", 0) > 40 and not any(passed.get(k) for k in KINDS)
    with another_county_url(county_url, tmp_path / "cut-county") as url:
        cut, counts = _run(url, villages, tmp_path / "cut", rate=0.3, seed=20261127)
    assert all(counts.get(kind, 0) >= 3 for kind in KINDS), counts

    # nothing lost, nothing doubled: every mutation applied exactly once, every person once
    at_county = clean["county"]
    for run in (clean, cut):
        mutations = run[VILLAGE_A]["mutations"] + run[VILLAGE_B]["mutations"]
        assert run["county"].pop("applied_ids") == sorted(mutations)
    assert len(at_county["persons"]) == len(villages[VILLAGE_A]) + len(villages[VILLAGE_B])
    for village in (VILLAGE_A, VILLAGE_B):
        assert clean[village]["outbox_waiting"] == 0
        assert set(clean[village]["persons"]) == set(villages[village])
    # ...and the cut run ends exactly where the uncut one did, on both sides
    assert cut["county"].keys() == at_county.keys()
    for key in at_county:
        assert cut["county"][key] == at_county[key], f"county {key} differs"
    for village in (VILLAGE_A, VILLAGE_B):
        for key in clean[village]:
            if key != "mutations":
                assert cut[village][key] == clean[village][key], f"{village} {key} differs"


# -- killed processes -------------------------------------------------------------------------
# 2 pushes (1,000 + 500) and 2 snapshot pages (1,000 + 500): room to be killed between
PERSONS = 1500


def _big_station(path: Path, village: str, count: int = PERSONS) -> None:
    db = init_station(path=path, village_code=village, name="大站", now=NOW)
    with db.write(actor="wang") as s, BulkWriter(s) as bulk:
        for i in range(count):
            bulk.add_row(
                Person,
                {
                    "id_number": make_id(date(1940 + i // 450, 3, 1), i % 450 + 1),
                    "name": _name(i),
                    "sex": "male",
                    "birth_date": date(1940 + i // 450, 3, 1),
                    "village_code": village,
                    "phone": f"139{i:08d}",
                },
            )
    db.close()


def _applied(db: ServerDatabase) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AppliedMutation)) or 0


def _local(path: Path, sql: str) -> Any:
    con = open_station_connection(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        row = con.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _wait_for(condition: Any, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def _assert_complete(county_db: ServerDatabase, path: Path, village: str) -> None:
    with county_db.read() as s:
        persons = s.scalar(select(func.count()).select_from(Person)) or 0
        distinct = s.scalar(select(func.count(func.distinct(Person.id_number)))) or 0
        log = s.scalar(
            select(func.count()).select_from(ChangeLogEntry).where(ChangeLogEntry.scope == village)
        )
    assert persons == distinct == PERSONS
    assert log == PERSONS  # one change per person: no push was applied twice
    assert _applied(county_db) == PERSONS
    db = Database(path)
    try:
        with db.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == PERSONS
            top = s.scalar(select(func.max(OutboxEntry.seq)))
            assert get_state(s, "outbox_acked_seq") == str(top)
            assert get_state(s, "pull_cursor").startswith("c:")
    finally:
        db.close()


def _cli_sync(path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "villagedesk.cli", "sync", "--db", str(path), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def big_village(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "big.db"
    _big_station(path, VILLAGE_A)
    yield path


def _pull_cursor(path: Path) -> str:
    value = _local(path, "SELECT value FROM sync_state WHERE key = 'pull_cursor'")
    return str(value or "")


@pytest.mark.slow
def test_a_counter_killed_mid_sync_recovers_on_the_next_run(
    county_url: str, big_village: Path
) -> None:
    county_db = prepare_county(county_url, {VILLAGE_A: SECRETS[VILLAGE_A]})
    try:
        with (
            ThreadedServer(county_url) as server,
            FaultProxy(("127.0.0.1", server.port), latency=0.15) as slow_link,
        ):
            point_station(big_village, server_url=slow_link.url, secret=SECRETS[VILLAGE_A])
            # killed while pushing: after the first batch reached the county
            proc = _cli_sync(big_village)
            _wait_for(lambda: _applied(county_db) >= 300, "the first push")
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            applied = _applied(county_db)
            assert 0 < applied < PERSONS
            # killed again while pulling: after the first snapshot page was written here
            proc = _cli_sync(big_village)
            _wait_for(lambda: _pull_cursor(big_village).startswith("s:"), "a snapshot page")
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            assert _applied(county_db) == PERSONS
            # the next run finishes the pull and finds both sides equal
            again = _cli_sync(big_village)
            out, err = again.communicate(timeout=120)
            assert again.returncode == 0, err
            summary = json.loads(out)
            assert summary["mismatches"] == [] and summary["pushed"] == 0
            assert summary["pulled"] > 0
        _assert_complete(county_db, big_village, VILLAGE_A)
    finally:
        county_db.close()


@pytest.mark.slow
def test_a_server_killed_and_restarted_mid_sync_recovers(
    county_url: str, big_village: Path
) -> None:
    county_db = prepare_county(county_url, {VILLAGE_A: SECRETS[VILLAGE_A]})
    server = ServerProcess(county_url, free_port()).start()
    outcome: dict[str, Any] = {"errors": []}
    try:
        with FaultProxy(("127.0.0.1", server.port), latency=0.15) as slow_link:
            db = Database(big_village)
            client = SyncClient(slow_link.url, secret=SECRETS[VILLAGE_A], retries=2, backoff=0.2)

            def counter() -> None:
                for _ in range(30):
                    try:
                        outcome["summary"] = sync_once(db=db, client=client, now=lambda: NOW)
                        return
                    except SyncError as exc:
                        outcome["errors"].append(repr(exc))
                        time.sleep(0.5)

            thread = threading.Thread(target=counter)
            thread.start()
            _wait_for(lambda: _applied(county_db) >= 300, "the first push")
            server.kill()
            killed_at = _applied(county_db)
            time.sleep(0.5)  # the counter meets a dead county for a while
            server.start()
            thread.join(timeout=180)
            assert not thread.is_alive()
            client.close()
            db.close()
        assert 0 < killed_at < PERSONS
        assert outcome["summary"].mismatches == []
        _assert_complete(county_db, big_village, VILLAGE_A)
    finally:
        server.stop()
        county_db.close()
