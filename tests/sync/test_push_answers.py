"""Push answers: a counter that asks for it (``X-Villagedesk-Push-Answer: compact``) gets only
the mutations that were not simply applied; an old counter (0.2.0) sends the same body without
the header and gets every mutation back, as before; a replayed id with other content is still
refused."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_harness import NOW, County, Village

from villagedesk.store.models import OutboxEntry, Person
from villagedesk.store.server_models import AppliedMutation
from villagedesk.sync.engine import _read_batch, get_json, get_state, sync_once
from villagedesk.sync.protocol import (
    PushResult,
)
from villagedesk.sync.push_columns import push_request_json


def _body(village: Village) -> bytes:
    """The next push body of ``village``, as its counter would send it."""
    with village.db.read() as s:
        acked = int(get_state(s, "outbox_acked_seq", "0"))
    batch = _read_batch(village.db, acked, 1000)
    assert batch is not None and batch.rows
    return push_request_json(batch.rows)


def _push(county: County, village: Village, body: bytes, *, compact: bool) -> Any:
    return county.push(village.client.secret, body, compact=compact)


def _persons_at_county(county: County) -> int:
    with county.db.read() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


def test_an_old_counter_gets_every_mutation_back_a_new_one_only_the_exceptions(
    county: County, village_a: Village, village_b: Village
) -> None:
    before = _persons_at_county(county)
    village_a.register(1, name="张三")
    village_a.sync()
    # B registers A's resident again (held as a duplicate) and two people of its own
    village_b.register(1, name="张三")
    village_b.register(2, name="李四")
    village_b.register(3, name="王五")
    body = _body(village_b)
    sent = [m["mutation_id"] for m in json.loads(body)["mutations"]]
    assert len(sent) == 3

    old = _push(county, village_b, body, compact=False)  # the 0.2.0 shape, no header
    assert old.status_code == 200, old.text
    full = PushResult.model_validate_json(old.content)
    assert [r.mutation_id for r in full.results] == sent
    assert sorted(r.status for r in full.results) == ["applied", "applied", "held"]
    assert all(r.rev == 1 for r in full.results if r.status == "applied")
    assert _persons_at_county(county) == before + 3  # A's person and B's two; one held

    # the same batch again, compact: every mutation is a plain replay except the held one
    again = _push(county, village_b, body, compact=True)
    assert again.status_code == 200, again.text
    compact = PushResult.model_validate_json(again.content)
    assert [(r.mutation_id, r.status) for r in compact.results] == [(sent[0], "duplicate")]
    assert compact.results[0].case_id == full.results[0].case_id is not None
    assert compact.server_seq == full.server_seq
    assert _persons_at_county(county) == before + 3  # nothing doubled


def test_a_compact_answer_moves_the_acknowledged_position_past_the_whole_batch(
    county: County, village_a: Village, village_b: Village, monkeypatch: pytest.MonkeyPatch
) -> None:
    village_a.register(1, name="张三")
    village_a.sync()
    village_b.register(1, name="张三")  # held
    for seq in range(2, 6):
        village_b.register(seq, name="李四")
    answers: list[PushResult] = []
    push_json = village_b.client.push_json

    def recording(body: bytes, **kwargs: Any) -> PushResult:
        result = push_json(body, **kwargs)
        answers.append(result)
        return result

    monkeypatch.setattr(village_b.client, "push_json", recording)
    summary = village_b.sync()
    assert summary.pushed == 5 and summary.held == 1
    assert [r.status for a in answers for r in a.results] == ["held"]  # 4 applied, implied
    with village_b.db.read() as s:
        top = s.scalar(select(func.max(OutboxEntry.seq)))
        assert get_state(s, "outbox_acked_seq") == str(top)
        assert get_json(s, "sync_duplicates")  # the held registration is listed here
    with county.db.read() as s:
        done = s.scalar(
            select(func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.station == village_b.code)
        )
    assert done == 5
    # the next sync has nothing left to push
    assert village_b.sync().pushed == 0


def test_a_replayed_mutation_id_with_other_content_is_refused_in_both_shapes(
    county: County, village_a: Village
) -> None:
    pid = village_a.register(1, name="张三")
    body = _body(village_a)
    assert _push(county, village_a, body, compact=True).status_code == 200
    data = json.loads(body)
    data["mutations"][0]["fields"]["name"] = "张四"
    changed = json.dumps(data).encode()
    for compact in (True, False):
        refused = _push(county, village_a, changed, compact=compact)
        assert refused.status_code == 409, refused.text
        assert refused.json()["detail"]["code"] == "mutation_reused"
    with county.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None and person.name == "张三"


def test_the_api_document_still_describes_the_push_body(county: County) -> None:
    document = county.http.get("/openapi.json").json()
    body = document["paths"]["/sync/v1/push"]["post"]["requestBody"]
    whole, columns = body["content"]["application/json"]["schema"]["anyOf"]
    mutation = whole["properties"]["mutations"]["items"]
    assert {"mutation_id", "table", "row_id", "op", "fields", "hlc"} <= set(mutation["properties"])
    assert body["required"] is True
    assert {"node", "runs"} <= set(columns["properties"])  # with X-Villagedesk-Push-Format


def test_a_malformed_push_body_is_refused_with_the_field_named(
    county: County, village_a: Village
) -> None:
    village_a.register(1)
    data = json.loads(_body(village_a))
    data["mutations"][0]["op"] = "upsert"
    r = _push(county, village_a, json.dumps(data).encode(), compact=True)
    assert r.status_code == 422
    assert any(e["loc"][:4] == ["body", "mutations", 0, "op"] for e in r.json()["detail"])
    assert _push(county, village_a, b"\x80 not json", compact=True).status_code == 422
    assert _persons_at_county(county) == 0


class _Stop(Exception):
    pass


def test_a_sync_cancelled_after_a_batch_leaves_no_push_in_flight(
    county: County, village_a: Village
) -> None:
    for seq in range(1, 6):
        village_a.register(seq, name="李四")

    def cancel_after_first(stage: str, done: int, _total: int) -> None:
        if stage == "push" and done >= 2:
            raise _Stop  # what the 同步 page's Cancel does from its progress hook

    with pytest.raises(_Stop):
        sync_once(
            db=village_a.db,
            client=village_a.client,
            push_batch=2,
            progress=cancel_after_first,
            now=lambda: NOW,
        )
    with county.db.read() as s:  # the first batch only: the second was never sent
        done = s.scalar(
            select(func.count())
            .select_from(AppliedMutation)
            .where(AppliedMutation.station == village_a.code)
        )
    assert done == 2
    with village_a.db.read() as s:
        first_two = list(s.scalars(select(OutboxEntry.seq).order_by(OutboxEntry.seq).limit(2)))
        assert get_state(s, "outbox_acked_seq") == str(first_two[-1])  # answered: acknowledged
    summary = village_a.sync()
    assert summary.pushed == 3 and summary.mismatches == []
    assert _persons_at_county(county) == 5
