"""Protocol 2: no echo of a station's own changes, removals at the end of a snapshot, the
station's document-signing key at the county, the CA bundle, the version window."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter
from sqlalchemy import select
from sync_harness import BASE, VILLAGE_A, VILLAGE_B, County, Village

from villagedesk.store.migrate import head_revision
from villagedesk.store.models import Person
from villagedesk.store.server_models import CountyStation
from villagedesk.sync.client import SyncClient
from villagedesk.sync.engine import enrol_station, get_json, local_write, set_state, sync_once
from villagedesk.sync.protocol import (
    DOCUMENT_KEY_HEADER,
    DOCUMENT_KEY_STATE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    PullPage,
)


def _persons(village: Village) -> set[str]:
    with village.db.read() as s:
        return set(s.scalars(select(Person.id)))


def _move(county: County, person_id: str, village: str) -> None:
    county.admin(
        "POST", f"/admin/v1/persons/{person_id}/move", json={"village_code": village, "by": "o"}
    )


def _pages(village: Village, monkeypatch: pytest.MonkeyPatch) -> list[PullPage]:
    """Record the pages the next syncs pull."""
    seen: list[PullPage] = []
    pull = village.client.pull

    def recording(cursor: str, limit: int, **kwargs: Any) -> PullPage:
        page = pull(cursor, limit, **kwargs)
        seen.append(page)
        return page

    monkeypatch.setattr(village.client, "pull", recording)
    return seen


def test_a_station_does_not_get_its_own_changes_back(
    county: County, village_a: Village, village_b: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = village_a.register(1, name="张三")
    pages = _pages(village_a, monkeypatch)
    assert village_a.sync().pushed == 1
    village_a.edit(pid, phone="13800000001")
    summary = village_a.sync()
    assert summary.pushed == 1 and summary.pulled == 0 and summary.mismatches == []
    assert all(c.row_id != pid for p in pages for c in p.changes)

    # a county edit still arrives, and so does a change the county merged (not as made here)
    county.admin(
        "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"address": "县里"}, "by": "o"}
    )
    village_a.edit(pid, phone="13800000002")  # made on the old revision: merged at the county
    summary = village_a.sync()
    assert summary.mismatches == []
    village_a.sync()
    with village_a.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None
        assert (person.address, person.phone) == ("县里", "13800000002")
    # the other village sees nothing of A's resident, A's pulls stay empty
    assert pid not in _persons(village_b)
    pages.clear()
    assert village_a.sync().pulled == 0
    assert all(not p.changes for p in pages)


def test_a_snapshot_ends_with_the_removals_the_station_missed(
    county: County, village_a: Village, village_b: Village
) -> None:
    moving = village_a.register(1, name="张三")
    staying = village_a.register(2, name="李四")
    village_a.sync()
    _move(county, moving, VILLAGE_B)
    # A is switched to a snapshot (too far behind) before it pulled the removal
    with local_write(village_a.db) as s:
        set_state(s, "pull_cursor", "")
    summary = village_a.sync()
    assert summary.mismatches == [] and summary.removed == 1
    assert _persons(village_a) == {staying}
    assert [m["name"] for m in get_json_state(village_a, "sync_moved_away")] == ["张三"]
    # moved back: the snapshot brings the person again and does not remove them
    _move(county, moving, VILLAGE_A)
    with local_write(village_a.db) as s:
        set_state(s, "pull_cursor", "")
    summary = village_a.sync()
    assert summary.mismatches == [] and summary.removed == 0
    assert _persons(village_a) == {staying, moving}


def get_json_state(village: Village, key: str) -> Any:
    with village.db.read() as s:
        return get_json(s, key)


def test_a_laptop_enrolled_by_snapshot_follows_later_moves(
    county: County, village_a: Village, tmp_path: Path
) -> None:
    gone_before = village_a.register(1, name="张三")
    later = village_a.register(2, name="李四")
    village_a.sync()
    _move(county, gone_before, VILLAGE_B)
    village_a.sync()
    # a reinstalled laptop of village A: its snapshot has the removal of a row it never had
    token = county.add_station(VILLAGE_A)
    client = county.client()
    laptop, first = enrol_station(
        db_path=tmp_path / "laptop.db", server_url=BASE, token=token, client=client
    )
    try:
        assert first.mismatches == [] and first.removed == 0
        with laptop.read() as s:
            assert set(s.scalars(select(Person.id))) == {later}
        _move(county, later, VILLAGE_B)
        again = sync_once(db=laptop, client=client)
        assert again.removed == 1 and again.mismatches == []
        with laptop.read() as s:
            assert set(s.scalars(select(Person.id))) == set()
    finally:
        laptop.close()


def _key(seed: int) -> str:
    return base64.b64encode(bytes([seed]) * 32).decode()


def _county_key(county: County, village: str) -> str:
    with county.db.read() as s:
        station = s.scalar(select(CountyStation).where(CountyStation.village_code == village))
        assert station is not None
        return station.document_public_key


class _Counting(BaseAdapter):
    """Counts the requests that carry a document key, then hands them to the app."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner
        self.keys: list[str] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.keys.append(request.headers.get(DOCUMENT_KEY_HEADER, ""))
        return self.inner.send(request, **kwargs)  # type: ignore[no-any-return]

    def close(self) -> None:
        pass


def test_the_station_document_key_reaches_the_county(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _county_key(county, VILLAGE_A) == ""  # no key made yet: nothing sent
    with local_write(village_a.db) as s:
        set_state(s, DOCUMENT_KEY_STATE, _key(1))
    village_a.sync()
    assert _county_key(county, VILLAGE_A) == _key(1)

    # sent with every request, written only when it changed
    counting = _Counting(county.adapter)
    village_a.client.http.mount(BASE, counting)
    writes: list[str] = []
    from villagedesk.sync import county as county_service

    note = county_service.note_document_key

    def noting(**kwargs: Any) -> None:
        if kwargs["key"] and kwargs["key"] != kwargs["station"].document_public_key:
            writes.append(kwargs["key"])
        note(**kwargs)

    monkeypatch.setattr(county_service, "note_document_key", noting)
    village_a.register(1)
    village_a.sync()
    assert counting.keys and set(counting.keys) == {_key(1)} and writes == []
    with local_write(village_a.db) as s:  # a new key (the station made another)
        set_state(s, DOCUMENT_KEY_STATE, _key(2))
    village_a.sync()  # a pull only: nothing to push
    assert _county_key(county, VILLAGE_A) == _key(2) and writes == [_key(2)]

    # a key that is not an Ed25519 public key is refused
    bad = county.http.post(
        "/sync/v1/pull",
        json={},
        headers={
            "Authorization": f"Bearer {village_a.client.secret}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: head_revision(),
            DOCUMENT_KEY_HEADER: "not base64!",
        },
    )
    assert bad.status_code == 422 and bad.json()["detail"]["code"] == "bad_document_key"
    assert _county_key(county, VILLAGE_A) == _key(2)


def test_a_new_laptop_sends_its_key_at_enrolment(county: County, tmp_path: Path) -> None:
    first = Village(county, VILLAGE_A, tmp_path / "a.db")
    try:
        with local_write(first.db) as s:
            set_state(s, DOCUMENT_KEY_STATE, _key(3))
    finally:
        first.close()
    token = county.add_station(VILLAGE_A)  # re-enrol the same database (a new secret)
    client = county.client()
    seen: list[str] = []
    inner = client.http.get_adapter(BASE)

    class Spy(BaseAdapter):
        def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
            if request.url and request.url.endswith("/sync/v1/enrol"):
                seen.append(request.headers.get(DOCUMENT_KEY_HEADER, ""))
            return inner.send(request, **kw)  # type: ignore[no-any-return]

        def close(self) -> None:
            pass

    client.http.mount(BASE, Spy())
    db, _summary = enrol_station(
        db_path=tmp_path / "a.db", server_url=BASE, token=token, client=client
    )
    db.close()
    assert seen == [_key(3)] and _county_key(county, VILLAGE_A) == _key(3)


def test_the_ca_bundle_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "county-ca.pem"
    bundle.write_text("not used: the adapter below answers\n")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "other.pem"))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(tmp_path / "other.pem"))
    verified: list[Any] = []

    class Answer(BaseAdapter):
        def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
            verified.append(kw.get("verify"))
            response = requests.Response()
            response.status_code = 200
            response._content = (
                b'{"status":"ok","protocol":2,"min_protocol":2,"schema_revision":"x",'
                b'"version":"0.1.0"}'
            )
            response.request = request
            return response

        def close(self) -> None:
            pass

    client = SyncClient("https://county.example", verify=str(bundle))
    client.http.mount("https://", Answer())
    client.health()
    assert verified == [str(bundle)]
    # without a bundle the environment's (the system's) setting is still honoured
    plain = SyncClient("https://county.example")
    plain.http.mount("https://", Answer())
    plain.health()
    assert verified[-1] == os.environ["REQUESTS_CA_BUNDLE"]


def test_a_protocol_1_counter_is_told_to_update(county: County, village_a: Village) -> None:
    assert PROTOCOL_VERSION >= 2
    answer = county.http.post(
        "/sync/v1/pull",
        json={},
        headers={
            "Authorization": f"Bearer {village_a.client.secret}",
            PROTOCOL_HEADER: "1",
            SCHEMA_HEADER: head_revision(),
        },
    )
    assert answer.status_code == 426
    detail = answer.json()["detail"]
    assert detail["code"] == "upgrade_required" and detail["min_client_version"]


def _post(county: County, village: Village, body: bytes, encoding: str) -> Any:
    return county.http.post(
        "/sync/v1/push",
        content=body,
        headers={
            "Authorization": f"Bearer {village.client.secret}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: head_revision(),
            "Content-Type": "application/json",
            "Content-Encoding": encoding,
        },
    )


def test_bodies_travel_as_zstd_and_broken_ones_are_refused(
    county: County, village_a: Village
) -> None:
    import zstandard

    pack = zstandard.ZstdCompressor(level=3).compress
    ok = _post(county, village_a, pack(b'{"mutations":[]}'), "zstd")
    assert ok.status_code == 200, ok.text
    cut = _post(county, village_a, pack(b'{"mutations":[]}' + b" " * 5000)[:-4], "zstd")
    assert cut.status_code == 400 and cut.json()["detail"]["code"] == "bad_zstd"
    assert _post(county, village_a, b"not zstd at all", "zstd").status_code == 400
    bomb = pack(b'{"mutations":[' + b" " * (17 * 1024 * 1024) + b"]}")  # 17 MiB of blanks
    assert len(bomb) < 10_000
    big = _post(county, village_a, bomb, "zstd")
    assert big.status_code == 413 and big.json()["detail"]["code"] == "too_large"
    assert _post(county, village_a, b"{}", "br").status_code == 415

    # answers: zstd when accepted, gzip otherwise
    secret = village_a.client.secret
    headers = {
        "Authorization": f"Bearer {secret}",
        PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        SCHEMA_HEADER: head_revision(),
    }
    for accept, expected in (("zstd, gzip", "zstd"), ("gzip", "gzip")):
        raw = county.http.post(
            "/sync/v1/pull", json={}, headers={**headers, "Accept-Encoding": accept}
        )
        assert raw.status_code == 200 and raw.headers["content-encoding"] == expected


def test_a_county_without_zstd_gets_gzip(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    from villagedesk.server.core import body as body_module

    monkeypatch.setattr(body_module, "zstd_available", lambda: False)
    client = village_a.client
    sent: list[str] = []
    inner = client.http.get_adapter(BASE)

    class Spy(BaseAdapter):
        def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:
            sent.append(request.headers.get("Content-Encoding", ""))
            return inner.send(request, **kw)  # type: ignore[no-any-return]

        def close(self) -> None:
            pass

    client.http.mount(BASE, Spy())
    for i in range(1, 30):
        village_a.register(i, name="王五")
    summary = village_a.sync()
    assert summary.pushed == 29 and summary.mismatches == []
    assert sent[:2] == ["zstd", "gzip"] and client.zstd is False


def test_a_station_too_far_behind_gets_a_snapshot(
    county: County, village_a: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    ids = [village_a.register(i, name="赵六") for i in range(1, 6)]
    village_a.sync()
    settings = county.app.state.settings
    monkeypatch.setattr(
        county.app.state, "settings", dataclasses.replace(settings, snapshot_after=3)
    )
    pages = _pages(village_a, monkeypatch)
    county.admin(  # one change behind: ordinary pages
        "PATCH", f"/admin/v1/rows/persons/{ids[0]}", json={"fields": {"address": "甲"}, "by": "o"}
    )
    assert village_a.sync().pulled == 1
    assert pages and not any(p.snapshot for p in pages)
    for pid in ids:  # five behind, more than the county's limit: a snapshot
        county.admin(
            "PATCH", f"/admin/v1/rows/persons/{pid}", json={"fields": {"address": "乙"}, "by": "o"}
        )
    pages.clear()
    summary = village_a.sync()
    assert summary.mismatches == [] and pages[0].snapshot
    with village_a.db.read() as s:
        assert {p.address for p in s.scalars(select(Person))} == {"乙"}
