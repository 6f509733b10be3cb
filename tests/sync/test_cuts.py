"""Cut connections: nothing lost, nothing doubled."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sync_harness import County, Village

from villagedesk.store.models import Person
from villagedesk.store.server_models import AppliedMutation
from villagedesk.sync.client import Offline
from villagedesk.sync.engine import get_state


def _county_persons(county: County) -> int:
    with county.db.read() as s:
        return s.scalar(select(func.count()).select_from(Person)) or 0


def test_an_answer_lost_after_the_county_committed_is_not_applied_twice(
    county: County, village_a: Village
) -> None:
    for i in range(1, 8):
        village_a.register(i)
    county.adapter.lose_answers = 1  # the push commits, its answer never arrives
    summary = village_a.sync()
    assert summary.pushed == 7 and summary.mismatches == []
    assert _county_persons(county) == 7
    with county.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AppliedMutation)) == 7


def test_offline_keeps_the_outbox_and_a_later_sync_delivers_it(
    county: County, village_a: Village
) -> None:
    village_a.register(1)
    with village_a.db.read() as s:
        before = get_state(s, "outbox_acked_seq", "0")
    county.adapter.cut_before = 100
    with pytest.raises(Offline):
        village_a.sync()
    with village_a.db.read() as s:
        assert get_state(s, "outbox_acked_seq", "0") == before
    county.adapter.cut_before = 2  # two cuts, then the retries get through
    summary = village_a.sync()
    assert summary.pushed == 1 and _county_persons(county) == 1


def test_small_batches_and_pages_resume_from_their_checkpoints(
    county: County, village_a: Village, village_b: Village
) -> None:
    ids = {village_a.register(i) for i in range(1, 13)}
    from villagedesk.sync.engine import SyncSummary, push_outbox

    county.adapter.lose_answers = 0
    push_outbox(db=village_a.db, client=village_a.client, summary=SyncSummary(), batch=5)
    assert _county_persons(county) == 12
    # a fresh laptop for A pulls them in pages of 5
    from villagedesk.sync.engine import sync_once

    summary = sync_once(db=village_a.db, client=village_a.client, page_size=5)
    assert summary.mismatches == []
    with village_a.db.read() as s:
        assert set(s.scalars(select(Person.id))) == ids
