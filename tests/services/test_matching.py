"""The clerk's side of the county's data matching: waiting notices, confirm, dispute."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from matching_support import add_person, pulled_notice
from villagedesk.domain.errors import ValidationError
from villagedesk.services import matching
from villagedesk.services.context import Actor
from villagedesk.services.worklists import MATCH_TO_CONFIRM, worklists
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry, MatchNotice, OutboxEntry, Person

WHEN = datetime(2026, 11, 28, 10, 0)


def _outbox(db: Database) -> list[OutboxEntry]:
    with db.read() as s:
        return list(s.scalars(select(OutboxEntry).where(OutboxEntry.table_name == "match_notices")))


def test_waiting_notices_are_counted_and_listed_per_person_on_the_home_screen(
    db: Database, today: date
) -> None:
    huang = add_person(db, 1, "黄一")
    meng = add_person(db, 2, "蒙二")
    pulled_notice(db, huang)
    pulled_notice(db, huang, description="新增低保：自 2026-10-01", source="civil_affairs")
    pulled_notice(db, meng, description="残疾等级：2 → 1", source="disabled_federation")
    with db.read() as s:
        assert matching.pending_count(session=s) == 3
        lists = {wl.code: wl for wl in worklists(session=s, on=today)}
    items = {i.name: i for i in lists[MATCH_TO_CONFIRM].items}
    assert set(items) == {"黄一", "蒙二"}
    assert items["黄一"].action == "confirm_match"
    assert "死亡：2026-11-01" in items["黄一"].detail
    assert "新增低保：自 2026-10-01" in items["黄一"].detail
    assert next(iter(lists)) == MATCH_TO_CONFIRM  # the first list the home screen shows


def test_confirming_writes_only_the_answer_fields_and_twice_is_harmless(
    db: Database, clerk: Actor
) -> None:
    person = add_person(db, 1, "黄一")
    notice = pulled_notice(db, person)
    with db.write(actor=clerk.username) as s:
        changed = matching.confirm_notices(session=s, actor=clerk, now=WHEN, notice_ids=[notice])
    assert changed == 1
    with db.write(actor=clerk.username) as s:
        again = matching.confirm_notices(
            session=s, actor=clerk, now=WHEN, notice_ids=[notice, notice]
        )
    assert again == 0
    (entry,) = _outbox(db)  # one answer travels, not two
    assert entry.op == "update"
    assert set(entry.fields) == {"status", "confirmed_by", "confirmed_at"}
    assert entry.fields["status"] == "confirmed" and entry.fields["confirmed_by"] == "wang"
    with db.read() as s:
        assert matching.pending_count(session=s) == 0
        (view,) = matching.list_notices(session=s, status="confirmed")
        assert (view.confirmed_by, view.confirmed_at) == ("wang", WHEN)
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.target_id == notice)))
    assert actions == ["matching.confirm"]


@pytest.mark.parametrize("reason", ["", "   ", "活"])
def test_a_dispute_without_a_reason_is_refused_naming_the_field_and_nothing_is_written(
    db: Database, clerk: Actor, reason: str
) -> None:
    notice = pulled_notice(db, add_person(db, 1, "黄一"))
    with db.write(actor=clerk.username) as s, pytest.raises(ValidationError) as err:
        matching.dispute_notice(session=s, actor=clerk, now=WHEN, notice_id=notice, reason=reason)
    assert err.value.fields() == {"reason"} and err.value.rules() == {"required"}
    assert _outbox(db) == []
    with db.read() as s:
        assert matching.pending_count(session=s) == 1


def test_a_dispute_keeps_the_reason_and_can_later_be_confirmed(db: Database, clerk: Actor) -> None:
    notice = pulled_notice(db, add_person(db, 1, "黄一"))
    reason = "本人仍健在，  上周还来站里认证"
    with db.write(actor=clerk.username) as s:
        assert matching.dispute_notice(
            session=s, actor=clerk, now=WHEN, notice_id=notice, reason=reason
        )
    with db.write(actor=clerk.username) as s:  # the same dispute again: nothing new
        assert not matching.dispute_notice(
            session=s, actor=clerk, now=WHEN, notice_id=notice, reason=reason
        )
    with db.read() as s:
        (view,) = matching.list_notices(session=s, status="disputed")
    assert view.reason == "本人仍健在， 上周还来站里认证"  # spaces folded
    assert len(_outbox(db)) == 1
    with db.write(actor=clerk.username) as s:
        matching.confirm_notices(session=s, actor=clerk, now=WHEN, notice_ids=[notice])
    with db.read() as s:
        row = s.get(MatchNotice, notice)
        assert row is not None and (row.status, row.reason) == ("confirmed", "")
        details = s.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "matching.dispute")
        ).one()
    assert details["reason"] == "本人仍健在， 上周还来站里认证"  # the dispute stays on record


def test_bad_input_names_the_field(db: Database, clerk: Actor) -> None:
    notice = pulled_notice(db, add_person(db, 1, "黄一"))
    with db.write(actor=clerk.username) as s:
        with pytest.raises(ValidationError) as err:
            matching.dispute_notice(
                session=s, actor=clerk, now=WHEN, notice_id=notice, reason="理" * 501
            )
        assert err.value.fields() == {"reason"} and err.value.rules() == {"too_long"}
        with pytest.raises(ValidationError) as err:
            matching.confirm_notices(
                session=s, actor=clerk, now=WHEN, notice_ids=[notice, "no-such-notice"]
            )
        assert err.value.fields() == {"notice_id"}
        with pytest.raises(ValidationError) as err:
            matching.confirm_notices(session=s, actor=clerk, now=WHEN, notice_ids=[])
        assert err.value.fields() == {"notice_ids"}
        with pytest.raises(ValidationError) as err:
            matching.list_notices(session=s, status="maybe")
        assert err.value.fields() == {"status"}
    with db.read() as s:  # the good id in the refused batch was not confirmed either
        assert matching.pending_count(session=s) == 1


def test_notices_of_a_person_removed_from_the_station_are_not_listed(db: Database) -> None:
    gone = add_person(db, 1, "黄一")
    pulled_notice(db, gone)
    pulled_notice(db, add_person(db, 2, "蒙二"))
    with db.write() as s:
        row = s.get(Person, gone)
        assert row is not None
        row.deleted = True
    with db.read() as s:
        assert [n.name for n in matching.list_notices(session=s)] == ["蒙二"]
        assert matching.pending_count(session=s) == 1
