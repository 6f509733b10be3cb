"""Change capture: the outbox row is written with the edit, and ledgers refuse edits."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.services.persons import edit_person, register_person
from villagedesk.store.capture import AppendOnlyViolation
from villagedesk.store.models import Certification, OutboxEntry, Person


def _outbox(db, row_id):
    with db.read() as s:
        return list(
            s.scalars(
                select(OutboxEntry).where(OutboxEntry.row_id == row_id).order_by(OutboxEntry.seq)
            )
        )


def test_insert_then_edit_then_tombstone_each_leave_a_mutation(db, supervisor, today):
    with db.write(actor="li") as s:
        p = register_person(
            session=s,
            actor=supervisor,
            today=today,
            id_number=make_id(date(1980, 5, 1), 1),
            name="张三",
        )
        pid = p.id
    with db.write(actor="li") as s:
        edit_person(
            session=s,
            actor=supervisor,
            today=today,
            person_id=pid,
            changes={"phone": "13800000000"},
        )
    with db.write(actor="li") as s:
        s.get(Person, pid).deleted = True

    entries = _outbox(db, pid)
    assert [e.op for e in entries] == ["insert", "update", "delete"]
    insert, update, tomb = entries
    assert insert.fields["name"] == "张三" and insert.fields["birth_date"] == "1980-05-01"
    assert (insert.base_rev, insert.new_rev) == (0, 1)
    assert update.fields == {"phone": "13800000000"}
    assert update.base_fields == {"phone": ""}
    assert (update.base_rev, update.new_rev, tomb.new_rev) == (1, 2, 3)
    assert insert.station == db.station_code and update.actor == "li"
    assert insert.hlc < update.hlc < tomb.hlc
    with db.read() as s:
        assert s.get(Person, pid).rev == 3


def test_a_ledger_entry_cannot_be_edited_and_nothing_is_written(db, supervisor, today):
    with db.write(actor="li") as s:
        p = register_person(
            session=s,
            actor=supervisor,
            today=today,
            id_number=make_id(date(1950, 5, 1), 2),
            name="李四",
        )
        c = Certification(person_id=p.id, certified_on=today, method="counter")
        s.add(c)
        s.flush()
        cid = c.id
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(OutboxEntry))
    with pytest.raises(AppendOnlyViolation), db.write() as s:
        s.get(Certification, cid).certified_on = date(2026, 1, 1)
    with pytest.raises(AppendOnlyViolation), db.write() as s:
        s.delete(s.get(Certification, cid))
    with db.read() as s:
        assert s.get(Certification, cid).certified_on == today
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == before


def test_a_failed_transaction_leaves_neither_row_nor_outbox(db, supervisor, today):
    with pytest.raises(RuntimeError), db.write(actor="li") as s:
        register_person(
            session=s,
            actor=supervisor,
            today=today,
            id_number=make_id(date(1970, 1, 1), 3),
            name="王五",
        )
        s.flush()
        raise RuntimeError("power cut simulated before commit")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0
