"""Registering persons and households, editing, statuses and search, as the clerk sees them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.domain.categories import StatusKind
from villagedesk.domain.errors import ValidationError
from villagedesk.services.context import PermissionDenied
from villagedesk.services.persons import (
    MemberInput,
    add_status,
    edit_person,
    lift_out_of_poverty,
    open_statuses,
    register_household,
    register_person,
)
from villagedesk.services.search import find_by_id_number, find_persons
from villagedesk.store.models import AuditEntry, Household, OutboxEntry, Person, PersonStatus


def _counts(db):
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m))
            for m in (Person, Household, OutboxEntry, AuditEntry)
        )


def test_register_derives_birth_sex_and_pinyin_from_the_id(db, clerk, today):
    with db.write(actor="wang") as s:
        p = register_person(
            session=s, actor=clerk, today=today, id_number="450102199003070024", name="韦小红"
        )
    assert p.birth_date == date(1990, 3, 7)
    assert p.sex == "female"
    assert (p.name_initials, p.name_pinyin) == ("wxh", "weixiaohong")
    assert p.village_code == db.station_code


def test_a_lower_case_x_and_a_15_digit_number_are_stored_normalised(db, clerk, today):
    first17 = "45042219800101001"
    from villagedesk.domain.idnumber import check_char

    number = first17 + check_char(first17)
    with db.write() as s:
        p = register_person(
            session=s, actor=clerk, today=today, id_number=" 450422800101001 ", name="覃一"
        )
    assert p.id_number == number
    x_first17 = next(
        f"45042219800102{n:03d}"
        for n in range(1, 1000)
        if check_char(f"45042219800102{n:03d}") == "X"
    )
    with db.write() as s:
        q = register_person(
            session=s, actor=clerk, today=today, id_number=x_first17 + "x", name="覃二"
        )
    assert q.id_number == x_first17 + "X"


def test_an_invalid_id_is_refused_with_its_rule_and_nothing_is_written(db, clerk, today):
    before = _counts(db)
    with pytest.raises(ValidationError) as err, db.write() as s:
        register_person(
            session=s, actor=clerk, today=today, id_number="360426199101010072", name=""
        )
    assert ("id_number", "checksum") in {(e.field, e.rule) for e in err.value.errors}
    assert ("name", "required") in {(e.field, e.rule) for e in err.value.errors}
    assert _counts(db) == before


def test_the_same_id_twice_is_refused_as_duplicate(db, clerk, today):
    number = make_id(date(1975, 3, 3), 7)
    with db.write() as s:
        register_person(session=s, actor=clerk, today=today, id_number=number, name="陆大")
    with pytest.raises(ValidationError) as err, db.write() as s:
        register_person(session=s, actor=clerk, today=today, id_number=number, name="陆大")
    assert err.value.rules() == {"duplicate"}


def test_a_future_birth_date_is_refused(db, clerk, today):
    with pytest.raises(ValidationError) as err, db.write() as s:
        register_person(
            session=s, actor=clerk, today=today, id_number=make_id(date(2027, 1, 1), 1), name="未来"
        )
    assert "future_birth" in err.value.rules()


def test_household_registers_all_members_or_none(db, clerk, today):
    good = [
        MemberInput(make_id(date(1970, 1, 1), 1), "黄大山", "户主"),
        MemberInput(make_id(date(1972, 2, 2), 2, male=False), "莫小花", "配偶"),
        MemberInput(make_id(date(2001, 3, 3), 3), "黄明", "子"),
    ]
    bad = [*good[:2], MemberInput("450422200103030039", "黄错", "子")]
    before = _counts(db)
    with pytest.raises(ValidationError) as err, db.write() as s:
        register_household(session=s, actor=clerk, today=today, address="第3组12号", members=bad)
    assert "members[2].id_number" in err.value.fields()
    assert _counts(db) == before

    with db.write() as s:
        hh, people = register_household(
            session=s, actor=clerk, today=today, address="第3组12号", members=good
        )
        assert hh.head_person_id == people[0].id
    with db.read() as s:
        members = s.scalars(select(Person).where(Person.household_id == hh.id)).all()
        assert sorted(p.name for p in members) == ["莫小花", "黄大山", "黄明"]
        assert all(p.address == "第3组12号" for p in members)


def test_household_needs_exactly_one_head(db, clerk, today):
    with pytest.raises(ValidationError) as err, db.write() as s:
        register_household(
            session=s,
            actor=clerk,
            today=today,
            address="第1组",
            members=[MemberInput(make_id(date(1970, 1, 1), 1), "甲", "配偶")],
        )
    assert "one_head" in err.value.rules()


def test_only_a_supervisor_corrects_an_id_number(db, clerk, supervisor, today):
    with db.write() as s:
        p = register_person(
            session=s, actor=clerk, today=today, id_number=make_id(date(1980, 1, 1), 1), name="蒙一"
        )
    right = make_id(date(1981, 1, 1), 1)
    with pytest.raises(PermissionDenied), db.write() as s:
        edit_person(
            session=s, actor=clerk, today=today, person_id=p.id, changes={"id_number": right}
        )
    with db.write() as s:
        q = edit_person(
            session=s,
            actor=supervisor,
            today=today,
            person_id=p.id,
            changes={"id_number": right, "name": "蒙二"},
        )
        assert (q.birth_date, q.name_initials) == (date(1981, 1, 1), "me")


def test_a_new_status_of_the_same_kind_ends_the_old_one(db, clerk, today):
    with db.write() as s:
        p = register_person(
            session=s, actor=clerk, today=today, id_number=make_id(date(1950, 1, 1), 1), name="廖老"
        )
        add_status(
            session=s,
            actor=clerk,
            today=today,
            person_id=p.id,
            kind=StatusKind.DIBAO,
            level=2,
            start_date=date(2020, 1, 1),
        )
        add_status(
            session=s,
            actor=clerk,
            today=today,
            person_id=p.id,
            kind=StatusKind.DIBAO,
            level=1,
            start_date=date(2025, 1, 1),
        )
    with db.read() as s:
        rows = s.scalars(select(PersonStatus).order_by(PersonStatus.start_date)).all()
        assert [(r.level, r.end_date) for r in rows] == [(2, date(2024, 12, 31)), (1, None)]


def test_lifting_out_of_poverty_keeps_the_status_history(db, clerk, today):
    with db.write() as s:
        p = register_person(
            session=s, actor=clerk, today=today, id_number=make_id(date(1980, 1, 1), 1), name="罗一"
        )
        add_status(
            session=s,
            actor=clerk,
            today=today,
            person_id=p.id,
            kind=StatusKind.REGISTERED_POOR,
            start_date=date(2015, 1, 1),
        )
        lift_out_of_poverty(session=s, actor=clerk, today=today, person_id=p.id, year=2019)
        (status,) = open_statuses(session=s, person_id=p.id)
        assert status.lifted_out_year == 2019
    with pytest.raises(ValidationError) as err, db.write() as s:
        add_status(
            session=s,
            actor=clerk,
            today=today,
            person_id=p.id,
            kind=StatusKind.DISABILITY,
            level=7,
            start_date=date(2020, 1, 1),
        )
    assert err.value.errors[0].field == "level"


@pytest.fixture
def village(db, clerk, today):
    people = [
        ("张三", date(1960, 1, 1)),
        ("张三丰", date(1961, 1, 1)),
        ("赵四", date(1970, 1, 1)),
        ("王张氏", date(1940, 1, 1)),
    ]
    ids = {}
    with db.write() as s:
        for i, (name, birth) in enumerate(people):
            p = register_person(
                session=s, actor=clerk, today=today, id_number=make_id(birth, i + 1), name=name
            )
            ids[name] = p.id_number
    return ids


def test_search_by_name_initials_pinyin_and_id_prefix(db, village):
    with db.read() as s:

        def names(q):
            return [h.name for h in find_persons(session=s, query=q)]

        assert names("张三") == [
            "张三",
            "张三丰",
        ]
        assert names("zs") == ["张三", "赵四", "张三丰"]  # 赵四 is zhao si: zs too
        assert names("ZSF") == ["张三丰"]
        assert names("zhaosi") == ["赵四"]
        assert names("张") == ["张三", "张三丰", "王张氏"]  # prefix first, then anywhere
        assert names(village["赵四"][:10]) == ["赵四"]
        assert names("45042219") == ["王张氏", "张三", "张三丰", "赵四"]
        assert names("") == []
        assert find_by_id_number(session=s, id_number=village["赵四"] + "\n").name == "赵四"
