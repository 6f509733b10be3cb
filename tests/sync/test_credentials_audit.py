"""A stolen laptop's credentials are refused at once (even mid-sync) and can be rotated; the
station's audit log reaches the county, where a tampered entry is found as it is at home."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from sqlalchemy import select, text, update
from sync_harness import BASE, VILLAGE_A, County, Village

from villagedesk.domain.categories import Role
from villagedesk.server import cli as server_cli
from villagedesk.services.context import SYSTEM, Actor, PermissionDenied
from villagedesk.services.integrity import check_database
from villagedesk.store.audit import entry_hash
from villagedesk.store.models import AuditEntry
from villagedesk.store.security_models import CountyAuditEntry
from villagedesk.sync import county as county_service
from villagedesk.sync.audit_sync import verify_station_audit
from villagedesk.sync.client import Refused
from villagedesk.sync.engine import enrol_database, get_state


def _secret(v: Village) -> str:
    with v.db.read() as s:
        return get_state(s, "station_secret")


def test_a_station_revoked_between_two_requests_of_one_sync_is_refused_at_once(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    village_a.edit(pid, phone="13900000001")
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{pid}",
        json={"fields": {"name": "李四"}, "by": "officer"},
    )
    with village_a.db.read() as s:
        cursor = get_state(s, "pull_cursor")
    seen: list[str] = []
    send = county.adapter.send

    def send_then_revoke(request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        answer = send(request, **kwargs)
        seen.append(f"{request.url} {answer.status_code}")
        # once the push went through, the laptop is reported stolen (the phone edit meets
        # the county's name edit: a column-wise push is first asked for its old values, 409)
        if str(request.url).endswith("/sync/v1/push") and answer.status_code == 200:
            county.admin("POST", f"/admin/v1/stations/{VILLAGE_A}/revoke")
        return answer

    monkeypatch.setattr(county.adapter, "send", send_then_revoke)
    with pytest.raises(Refused) as exc:
        village_a.sync()
    assert exc.value.status == 403 and exc.value.code == "station_revoked"
    assert seen[-2].endswith("/sync/v1/push 200")
    assert seen[-1].endswith(" 403")  # the very next request
    with village_a.db.read() as s:
        assert get_state(s, "pull_cursor") == cursor  # nothing more was taken
    # a revoked station cannot push either
    village_a.edit(pid, phone="13900000002")
    with pytest.raises(Refused, match="revoked"):
        village_a.sync()


def test_rotation_keeps_the_old_secret_until_re_enrolment_or_ends_it_at_once(
    county: County, village_a: Village, capsys: pytest.CaptureFixture[str]
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    old = _secret(village_a)
    assert server_cli.main(["--db", county.url, "station", "rotate", "--village", VILLAGE_A]) == 0
    assert "stops working when the station re-enrols" in capsys.readouterr().out
    token = county.admin("POST", f"/admin/v1/stations/{VILLAGE_A}/rotate")["token"]
    village_a.edit(pid, phone="13900000003")
    assert village_a.sync().pushed == 1  # the old secret still works
    enrol_database(
        db=village_a.db, server_url=BASE, token=token, client=village_a.client, actor=SYSTEM
    )
    new = _secret(village_a)
    assert new != old
    with county.db.read() as s:
        with pytest.raises(county_service.SyncRefused):
            county_service.authenticate(session=s, secret=old)
        assert county_service.authenticate(session=s, secret=new).village_code == VILLAGE_A

    argv = ["--db", county.url, "station", "rotate", "--village", VILLAGE_A, "--now", "--json"]
    assert server_cli.main(argv) == 0
    token = json.loads(capsys.readouterr().out)["token"]
    village_a.edit(pid, phone="13900000004")
    with pytest.raises(Refused) as exc:
        village_a.sync()
    assert exc.value.status == 401
    enrol_database(
        db=village_a.db, server_url=BASE, token=token, client=village_a.client, actor=SYSTEM
    )
    with county.db.read() as s:
        phone = s.scalar(text("SELECT phone FROM persons WHERE id = :id"), {"id": pid})
    assert phone == "13900000004"  # the edit made while refused was kept and sent after

    county.admin("POST", f"/admin/v1/stations/{VILLAGE_A}/revoke")
    assert server_cli.main(["--db", county.url, "station", "rotate", "--village", VILLAGE_A]) == 2
    assert "provision it again" in capsys.readouterr().err


def _county_audit(county: County) -> Any:
    with county.db.read() as s:
        return verify_station_audit(session=s, village=VILLAGE_A)


def test_a_clerk_cannot_enrol_the_counter_and_the_token_stays_unused(
    county: County, village_a: Village
) -> None:
    pid = village_a.register(1)
    village_a.sync()
    old = _secret(village_a)
    token = county.admin("POST", f"/admin/v1/stations/{VILLAGE_A}/rotate")["token"]
    clerk = Actor(username="clerk1", role=Role.CLERK)
    with pytest.raises(PermissionDenied, match="supervisor"):
        enrol_database(
            db=village_a.db, server_url=BASE, token=token, client=village_a.client, actor=clerk
        )
    assert _secret(village_a) == old
    village_a.edit(pid, phone="13900000009")
    assert village_a.sync().pushed == 1  # nothing changed: the old credentials still work
    enrol_database(  # the token was not spent by the refused attempt
        db=village_a.db, server_url=BASE, token=token, client=village_a.client, actor=SYSTEM
    )
    assert _secret(village_a) != old


def test_the_audit_log_reaches_the_county_and_verifies(county: County, village_a: Village) -> None:
    for i in range(1, 4):
        village_a.register(i)
    village_a.sync()
    with village_a.db.read() as s:
        local = s.scalars(select(AuditEntry.hash).order_by(AuditEntry.seq)).all()
    result = _county_audit(county)
    assert result.entries == len(local) >= 3 and result.faults == []
    with county.db.read() as s:
        stored = s.scalars(
            select(CountyAuditEntry.hash)
            .where(CountyAuditEntry.village_code == VILLAGE_A)
            .order_by(CountyAuditEntry.seq)
        ).all()
    assert stored == local
    assert server_cli.main(["--db", county.url, "audit", "verify", "--village", VILLAGE_A]) == 0
    # a quiet sync sends nothing more
    village_a.sync()
    assert _county_audit(county).entries == len(local)


def test_an_entry_tampered_before_sync_is_found_at_home_and_at_the_county(
    county: County, village_a: Village
) -> None:
    village_a.register(1)
    village_a.register(2)
    with village_a.db.read() as s:
        seq = s.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)).all()[-1]
    with village_a.db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(actor="nobody"))
    with village_a.db.read() as s:
        local = check_database(session=s, station=VILLAGE_A)
    assert [f.check for f in local] == ["audit"] and str(seq) in local[0].where
    village_a.sync()
    faults = _county_audit(county).faults
    assert [f.seq for f in faults] == [seq]
    assert "content does not match its hash" in faults[0].problem
    admin = county.admin("GET", f"/admin/v1/audit/{VILLAGE_A}")
    assert [f["seq"] for f in admin["faults"]] == [seq]
    assert server_cli.main(["--db", county.url, "audit", "verify", "--village", VILLAGE_A]) == 3


def test_a_chain_rewritten_after_sync_is_found_at_the_county(
    county: County, village_a: Village
) -> None:
    """Whoever holds the laptop may rewrite an entry and every hash after it: the local check
    passes, but the chain no longer joins the copy the county already has."""
    village_a.register(1)
    village_a.register(2)
    village_a.sync()
    with village_a.db.engine.begin() as conn:
        from sqlalchemy.orm import Session

        with Session(bind=conn) as s:
            entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
            entries[0].actor = "nobody"
            prev = entries[0].prev_hash
            for e in entries:
                e.prev_hash = prev
                e.hash = entry_hash(e)
                prev = e.hash
            s.flush()
    with village_a.db.read() as s:
        assert check_database(session=s, station=VILLAGE_A) == []  # fooled at home
    assert _county_audit(county).faults == []
    village_a.register(3)  # the next action appends an entry to the rewritten chain
    village_a.sync()
    faults = _county_audit(county).faults
    assert faults and "does not follow the previous entry" in faults[0].problem
