"""The audit log is hash-chained: any altered or removed entry is found."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from helpers import make_id
from villagedesk.services.persons import register_person
from villagedesk.store.audit import verify_chain


def _register_three(db, supervisor, today):
    for i, name in enumerate(["甲一", "乙二", "丙三"]):
        with db.write(actor="li") as s:
            register_person(
                session=s,
                actor=supervisor,
                today=today,
                id_number=make_id(date(1980, 1, 1 + i), i + 1),
                name=name,
            )


def test_untouched_chain_verifies(db, supervisor, today):
    _register_three(db, supervisor, today)
    with db.read() as s:
        assert verify_chain(s) == []


def test_an_altered_entry_is_found(db, supervisor, today):
    _register_three(db, supervisor, today)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor='mallory' WHERE seq=3"))
    with db.read() as s:
        faults = verify_chain(s)
    assert [f.seq for f in faults] == [3]
    assert "content" in faults[0].problem


def test_a_removed_entry_breaks_the_chain_after_it(db, supervisor, today):
    _register_three(db, supervisor, today)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq=2"))
    with db.read() as s:
        faults = verify_chain(s)
    assert [f.seq for f in faults] == [3]
    assert "previous" in faults[0].problem
