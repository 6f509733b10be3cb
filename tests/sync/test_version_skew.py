"""Version skew: the county serves a window [min, current] of client protocols, refuses older
ones with a 426 naming the release to install, and an older counter (one that does not know a
newer column) never blanks that column, whichever way its edits reach the county.

An "older counter" is simulated the way it looks on the wire: mutations and pulled rows without
the column it does not know (``persons.note`` plays the newer column), or, the other way round,
pulled rows carrying a column this counter does not have.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select
from sync_harness import VILLAGE_A, County, Village

from villagedesk.server.api import deps
from villagedesk.store.migrate import head_revision
from villagedesk.store.models import OutboxEntry, Person
from villagedesk.sync import protocol
from villagedesk.sync.client import Refused
from villagedesk.sync.engine import get_state
from villagedesk.sync.protocol import PROTOCOL_HEADER, SCHEMA_HEADER, PullPage
from villagedesk.sync.tables import TABLES, row_to_wire

NEWER = "note"  # the column the older counter does not know
COUNTY_NOTE = "县里补录：2025年迁入"


def _county_person(county: County, pid: str) -> Person:
    with county.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None
        return person


def _push(county: County, village: Village, mutation: dict[str, Any]) -> Any:
    with village.db.read() as s:
        secret = get_state(s, "station_secret")
    headers = {
        PROTOCOL_HEADER: str(protocol.MIN_PROTOCOL_VERSION),  # the oldest counter served
        SCHEMA_HEADER: "0001",  # an older schema revision than the county's
        "Authorization": f"Bearer {secret}",
    }
    return county.http.post("/sync/v1/push", json={"mutations": [mutation]}, headers=headers)


def _old_counter_edit(county: County, pid: str, *, changes: dict[str, Any]) -> dict[str, Any]:
    """What an older counter sends after editing the row as the county has it now: every
    field it knows (some counters send whole rows) with its changes, the values it started
    from, and nothing about the newer column."""
    person = _county_person(county, pid)
    spec = TABLES["persons"]
    known = row_to_wire(spec, {k: getattr(person, k) for k in spec.columns})
    known.pop(NEWER)
    return {
        "mutation_id": str(uuid.uuid4()),
        "table": "persons",
        "row_id": pid,
        "op": "update",
        "base_rev": person.rev,
        "new_rev": person.rev + 1,
        "fields": {**known, **changes},
        "base_fields": known,
        "hlc": "0001764238000999-00000-" + VILLAGE_A,
    }


@pytest.mark.parametrize("stale", [False, True], ids=["same-base", "merged"])
def test_an_older_counter_never_blanks_a_field_it_does_not_know(
    county: County, village_a: Village, stale: bool
) -> None:
    pid = village_a.register(1, name="张三", phone="13900000000")
    village_a.sync()
    county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {NEWER: COUNTY_NOTE}, "by": "x"}
    )
    edit = _old_counter_edit(county, pid, changes={"phone": "13911111111"})
    if stale:  # the county changes the name and the address meanwhile: merged field by field
        county.admin(
            "PATCH",
            f"/admin/v1/rows/persons/{pid}",
            json={"fields": {"name": "张叁", "address": "新村"}, "by": "x"},
        )
    r = _push(county, village_a, edit)
    assert r.status_code == 200, r.text
    assert r.json()["results"][0]["status"] == "applied"  # no conflict: nothing clashed
    person = _county_person(county, pid)
    assert person.phone == "13911111111"
    assert person.note == COUNTY_NOTE  # untouched: the old counter never mentioned it
    # fields the counter sent unchanged do not undo the county's newer values
    assert (person.name, person.address) == (("张叁", "新村") if stale else ("张三", ""))


def test_rows_from_a_newer_county_keep_what_this_counter_knows(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = village_a.register(1, name="张三")
    village_a.sync()
    county.admin(
        "PATCH",
        f"/admin/v1/rows/persons/{pid}",
        json={"fields": {"phone": "13800000000"}, "by": "x"},
    )
    pull = village_a.client.pull

    def newer_county(cursor: str, limit: int, **kwargs: Any) -> PullPage:
        page = pull(cursor, limit, **kwargs)
        for change in page.changes:  # a column (and a table) this counter has never heard of
            change.fields["shoe_size"] = 42
        page.changes.append(page.changes[0].model_copy(update={"table": "pets", "fields": {}}))
        return page

    monkeypatch.setattr(village_a.client, "pull", newer_county)
    summary = village_a.sync()
    assert summary.mismatches == []
    with village_a.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None and person.phone == "13800000000"
        # applying the county's rows is not an edit here: nothing goes back
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        assert s.scalars(select(OutboxEntry).where(OutboxEntry.seq > acked)).all() == []


def test_the_county_serves_a_window_of_client_versions(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a county one protocol ahead that still serves the previous one (this counter's)
    mine = protocol.PROTOCOL_VERSION
    monkeypatch.setattr(deps, "PROTOCOL_VERSION", mine + 1)
    monkeypatch.setattr(deps, "MIN_PROTOCOL_VERSION", mine)
    with village_a.db.read() as s:
        secret = get_state(s, "station_secret")
    auth = {"Authorization": f"Bearer {secret}", SCHEMA_HEADER: head_revision()}

    def pull(version: int) -> Any:
        return county.http.post(
            "/sync/v1/pull", json={}, headers={**auth, PROTOCOL_HEADER: str(version)}
        )

    assert pull(mine).status_code == 200  # one lower: inside the window
    assert pull(mine + 1).status_code == 200
    too_new = pull(mine + 2)
    assert too_new.status_code == 400 and too_new.json()["detail"]["code"] == "server_too_old"
    village_a.register(1)
    assert village_a.sync().pushed == 1  # this counter (one protocol behind) still syncs

    # the county moves on: this counter's protocol is out of the window
    monkeypatch.setattr(deps, "MIN_PROTOCOL_VERSION", mine + 1)
    monkeypatch.setattr(deps, "MIN_CLIENT_VERSION", "0.2.0")
    monkeypatch.setattr(protocol, "MIN_CLIENT_VERSION", "0.2.0")
    old = pull(mine)
    assert old.status_code == 426
    detail = old.json()["detail"]
    assert detail["code"] == "upgrade_required" and detail["min_client_version"] == "0.2.0"
    assert "install villagedesk 0.2.0" in detail["reason"]
    village_a.register(2)
    with pytest.raises(Refused) as refused:
        village_a.sync()
    assert refused.value.status == 426 and "0.2.0" in refused.value.reason
    with village_a.db.read() as s:  # nothing was taken: the edit waits for the update
        acked = int(get_state(s, "outbox_acked_seq", "0"))
        assert len(s.scalars(select(OutboxEntry).where(OutboxEntry.seq > acked)).all()) == 1
