"""Bulk inserts: the same rows and outbox mutations as the ORM capture path, all or nothing."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from helpers import make_id
from villagedesk.domain.categories import EntryKind, StatusKind
from villagedesk.services.integrity import check_database
from villagedesk.services.station import init_station
from villagedesk.store.base import Synced
from villagedesk.store.bulk import BulkWriter
from villagedesk.store.database import Database
from villagedesk.store.models import (
    AuditEntry,
    Contribution,
    Household,
    OutboxEntry,
    PaidPremium,
    Person,
    PersonStatus,
)

VILLAGE = "450422116201"
HOUSEHOLD_ID = "00000000-0000-4000-8000-000000000001"
PERSON_ID = "00000000-0000-4000-8000-000000000002"


def _rows(person_number: str) -> list[Synced]:
    """A small household with a pensioner's ledger; many columns left to their defaults."""
    household = Household(
        id=HOUSEHOLD_ID, village_code=VILLAGE, address="大黎村第1组1号", head_person_id=PERSON_ID
    )
    person = Person(
        id=PERSON_ID,
        id_number=person_number,
        name="韦秀英",
        sex="female",
        birth_date=date(1958, 3, 1),
        household_id=HOUSEHOLD_ID,
        relation="户主",
        village_code=VILLAGE,
    )
    status = PersonStatus(
        id="00000000-0000-4000-8000-000000000004",
        person_id=PERSON_ID,
        kind=StatusKind.DIBAO.value,
        level=2,
        start_date=date(2019, 6, 1),
    )
    contribution = Contribution(
        id="00000000-0000-4000-8000-000000000003",
        person_id=PERSON_ID,
        year=2017,
        paid_on=date(2017, 4, 1),
        kind=EntryKind.NORMAL.value,
        grade_fen=10000,
        personal_fen=0,
        subsidy_fen=3000,
        paid_premium_fen=10000,
    )
    premium = PaidPremium(
        id="00000000-0000-4000-8000-000000000005",
        person_id=PERSON_ID,
        contribution_id=contribution.id,
        year=2017,
        amount_fen=10000,
        region_fen=8000,
        local_fen=2000,
        local_level="county",
    )
    # Children first: the writer puts the tables in foreign-key order itself.
    return [premium, contribution, status, person, household]


def _second_station(tmp_path: Path) -> Database:
    return init_station(
        path=tmp_path / "other.db",
        village_code=VILLAGE,
        name="大黎村服务站",
        now=datetime(2026, 1, 1),
    )


def _outbox(db: Database) -> list[OutboxEntry]:
    with db.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def _stored(db: Database, rows: list[Synced]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every column of the rows as stored, but the HLC stamps."""
    out = {}
    with db.read() as s:
        for row in rows:
            model = type(row)
            stored = s.get(model, row.id)
            assert stored is not None
            columns = model.__table__.columns.keys()  # type: ignore[attr-defined]
            out[(model.__tablename__, row.id)] = {  # type: ignore[attr-defined]
                c: getattr(stored, c) for c in columns if not c.endswith("_hlc")
            }
    return out


def _count(db: Database, model: type[Any]) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_bulk_inserts_write_what_orm_capture_writes(db: Database, tmp_path: Path) -> None:
    number = make_id(date(1958, 3, 1), 7, male=False)
    orm_rows, bulk_rows = _rows(number), _rows(number)
    other = _second_station(tmp_path)
    with db.write(actor="li") as s:
        for row in orm_rows[::-1]:  # the ORM needs parents flushed first (no relationships)
            s.add(row)
            s.flush()
    with other.write(actor="li") as s, BulkWriter(s) as bulk:
        for row in bulk_rows:
            bulk.add(row)
    orm_out = {(e.table_name, e.row_id): e for e in _outbox(db)}
    bulk_out = {(e.table_name, e.row_id): e for e in _outbox(other)}
    assert orm_out.keys() == bulk_out.keys() and len(bulk_out) == 5
    for key, orm_entry in orm_out.items():
        entry = bulk_out[key]
        assert entry.fields == orm_entry.fields, key
        assert (entry.op, entry.base_rev, entry.new_rev) == ("insert", 0, 1)
        assert entry.base_fields == orm_entry.base_fields == {}
        assert (entry.station, entry.actor) == (orm_entry.station, orm_entry.actor)
    assert _stored(other, bulk_rows) == _stored(db, orm_rows)
    # Parents are written (and stamped) before their children.
    entries = _outbox(other)
    assert [e.table_name for e in entries[:2]] == ["households", "persons"]
    assert [e.hlc for e in entries] == sorted(e.hlc for e in entries)
    with other.read() as s:
        person = s.get(Person, PERSON_ID)
        assert person is not None and person.rev == 1 and person.origin == VILLAGE
        assert person.created_hlc == person.updated_hlc == entries[1].hlc
    other.close()


def test_dict_rows_travel_like_objects(db: Database) -> None:
    number = make_id(date(1960, 1, 1), 9)
    values = {
        "id_number": number,
        "name": "黄建国",
        "sex": "male",
        "birth_date": date(1960, 1, 1),
        "village_code": VILLAGE,
    }
    with db.write(actor="li") as s, BulkWriter(s) as bulk:
        row_id = bulk.add_row(Person, dict(values))
    with db.write(actor="li") as s:
        twin = Person(**{**values, "id_number": make_id(date(1960, 1, 1), 10)})
        s.add(twin)
        s.flush()
        twin_id = twin.id
    entries = {e.row_id: e for e in _outbox(db)}
    bulk_fields = dict(entries[row_id].fields, id_number=None)
    orm_fields = dict(entries[twin_id].fields, id_number=None)
    assert bulk_fields == orm_fields
    assert bulk_fields["guangxi_hukou"] is True and bulk_fields["deleted"] is False


def test_a_batch_is_audited_once_and_the_database_stays_whole(db: Database) -> None:
    rows = _rows(make_id(date(1958, 3, 1), 7, male=False))
    with db.write(actor="li") as s:
        bulk = BulkWriter(s, action="demo.generate", details={"seed": 1})
        for row in rows:
            bulk.add(row)
        assert bulk.pending == 5
        batch = bulk.flush()
        assert bulk.pending == 0 and bulk.flush() is None
    assert batch is not None and batch.rows == 5
    with db.read() as s:
        assert check_database(session=s, station=VILLAGE) == []
        audit = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "demo.generate")))
    assert len(audit) == 1
    details = audit[0].details
    assert details["seed"] == 1
    assert details["counts"] == {
        "households": 1,
        "persons": 1,
        "contributions": 1,
        "paid_premiums": 1,
        "person_statuses": 1,
    }
    assert details["first"]["persons"] == details["last"]["persons"] == PERSON_ID


def test_a_failure_mid_batch_leaves_no_row_outbox_or_audit(db: Database) -> None:
    number = make_id(date(1958, 3, 1), 7, male=False)
    with db.write(actor="li") as s:
        s.add(Person(id_number=number, name="韦秀英", sex="female",
                     birth_date=date(1958, 3, 1), village_code=VILLAGE))  # fmt: skip
    before = (_count(db, OutboxEntry), _count(db, AuditEntry), _count(db, Person))
    # The household is inserted before the person whose ID number is taken, then it fails.
    with pytest.raises(IntegrityError), db.write(actor="li") as s, BulkWriter(s) as bulk:
        for row in _rows(number):
            bulk.add(row)
    assert (_count(db, OutboxEntry), _count(db, AuditEntry), _count(db, Person)) == before
    assert _count(db, Household) == 0

    # Caught inside a transaction, the failed batch is undone alone; the rest commits.
    with db.write(actor="li") as s:
        bulk = BulkWriter(s)
        for row in _rows(number):
            bulk.add(row)
        with pytest.raises(IntegrityError):
            bulk.flush()
        assert bulk.pending == 0
        s.add(Household(village_code=VILLAGE, address="大黎村第2组3号"))
    assert _count(db, Household) == 1
    assert _count(db, Contribution) == _count(db, PaidPremium) == 0
    assert _count(db, OutboxEntry) == before[0] + 1
    with db.read() as s:
        assert check_database(session=s, station=VILLAGE) == []


def test_the_writer_takes_only_new_synced_rows_in_a_capturing_session(db: Database) -> None:
    with db.read() as s, pytest.raises(RuntimeError):
        BulkWriter(s)
    with db.write(actor="li") as s:
        bulk = BulkWriter(s)
        with pytest.raises(KeyError):
            bulk.add_row(Person, {"id_number": "x", "shoe_size": 42})
        with pytest.raises(TypeError):
            bulk.add(AuditEntry(action="x"))  # type: ignore[arg-type]
        household = Household(village_code=VILLAGE, address="a")
        s.add(household)
        s.flush()
        with pytest.raises(ValueError):
            bulk.add(household)
        assert bulk.pending == 0
