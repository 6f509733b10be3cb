"""Registering and editing persons and households, and their dated statuses."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import Sex, StatusKind
from villagedesk.domain.division import default_division_table
from villagedesk.domain.errors import FieldError, ValidationError
from villagedesk.domain.idnumber import check_id_number
from villagedesk.services.context import Actor, Checks, get_live, require_supervisor
from villagedesk.services.names import name_initials, name_pinyin
from villagedesk.store.audit import append_audit
from villagedesk.store.models import Household, Person, PersonStatus, Station

_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")
_NAME_FORBIDDEN = re.compile(r"[0-9<>{}\[\]\\/@#$%^&*=+|~`\"]")


def _station_code(session: Session) -> str:
    known = session.info.get("station")
    if isinstance(known, str):
        return known
    code: str | None = session.scalar(select(Station.code))
    if code is None:
        raise LookupError("no station")
    return code


def _known_county(code6: str) -> bool:
    return default_division_table().vouches_for(code6)


def check_name(checks: Checks, field: str, name: str) -> None:
    if checks.required(field, name):
        checks.max_length(field, name.strip(), 60)
        if _NAME_FORBIDDEN.search(name):
            checks.add(field, "character", "may hold letters, '·' and spaces only")


def check_phone(checks: Checks, field: str, phone: str) -> None:
    if phone and not _PHONE.match(phone.strip()):
        checks.add(field, "format", "must be 7-20 digits (spaces and '-' allowed)")


@dataclass(frozen=True)
class CheckedId:
    normalized: str
    birth_date: date
    sex: Sex
    warnings: tuple[FieldError, ...]


def check_new_id(
    checks: Checks, session: Session, field: str, id_number: str, *, today: date
) -> CheckedId | None:
    """Validate an ID number for a new person; refuses one already registered here."""
    if not checks.required(field, id_number):
        return None
    result = check_id_number(id_number, today=today, field=field, known_county=_known_county)
    if not result.valid:
        checks.errors.extend(result.errors)
        return None
    assert result.normalized and result.birth_date and result.sex
    existing = session.scalar(select(Person.id).where(Person.id_number == result.normalized))
    if existing is not None:
        checks.add(field, "duplicate", f"already registered here (person {existing})")
        return None
    return CheckedId(result.normalized, result.birth_date, result.sex, result.warnings)


def register_person(
    *,
    session: Session,
    actor: Actor,
    today: date,
    id_number: str,
    name: str,
    household_id: str | None = None,
    relation: str = "",
    phone: str = "",
    address: str = "",
    guangxi_hukou: bool = True,
    student: bool = False,
    employee_scheme: bool = False,
    other_state_pension: bool = False,
) -> Person:
    checks = Checks()
    checked = check_new_id(checks, session, "id_number", id_number, today=today)
    check_name(checks, "name", name)
    check_phone(checks, "phone", phone)
    checks.max_length("address", address, 200)
    checks.max_length("relation", relation, 20)
    if household_id is not None:
        hh = session.get(Household, household_id)
        if hh is None or hh.deleted:
            checks.add("household_id", "not_found", "no such household")
    checks.raise_if_any()
    assert checked is not None
    person = _new_person(
        session,
        checked=checked,
        name=name.strip(),
        household_id=household_id,
        relation=relation,
        phone=phone.strip(),
        address=address.strip(),
        flags={
            "guangxi_hukou": guangxi_hukou,
            "student": student,
            "employee_scheme": employee_scheme,
            "other_state_pension": other_state_pension,
        },
    )
    append_audit(
        session,
        actor=actor.username,
        action="person.register",
        target_table="persons",
        target_id=person.id,
        details={"warnings": [w.rule for w in checked.warnings]},
    )
    return person


def _new_person(
    session: Session,
    *,
    checked: CheckedId,
    name: str,
    household_id: str | None,
    relation: str,
    phone: str,
    address: str,
    flags: dict[str, bool],
) -> Person:
    person = Person(
        id_number=checked.normalized,
        name=name,
        name_pinyin=name_pinyin(name),
        name_initials=name_initials(name),
        sex=checked.sex.value,
        birth_date=checked.birth_date,
        household_id=household_id,
        relation=relation,
        village_code=_station_code(session),
        phone=phone,
        address=address,
        **flags,
    )
    session.add(person)
    session.flush()
    return person


@dataclass(frozen=True)
class MemberInput:
    id_number: str
    name: str
    relation: str  # 户主 for the head, 配偶, 子, 女, ...
    phone: str = ""


HEAD = "户主"


def register_household(
    *,
    session: Session,
    actor: Actor,
    today: date,
    address: str,
    members: Sequence[MemberInput],
    phone: str = "",
    relocated: bool = False,
) -> tuple[Household, list[Person]]:
    """Register a household and all its members in one go: all of them or none."""
    checks = Checks()
    checks.required("address", address)
    checks.max_length("address", address, 200)
    check_phone(checks, "phone", phone)
    if not members:
        checks.add("members", "required", "a household needs at least one member")
    heads = [m for m in members if m.relation == HEAD]
    if members and len(heads) != 1:
        checks.add("members", "one_head", f"exactly one member must be {HEAD}")
    checked: list[CheckedId | None] = []
    seen: set[str] = set()
    for i, m in enumerate(members):
        field = f"members[{i}]"
        c = check_new_id(checks, session, f"{field}.id_number", m.id_number, today=today)
        if c is not None and c.normalized in seen:
            checks.add(f"{field}.id_number", "duplicate", "appears twice in this household")
        if c is not None:
            seen.add(c.normalized)
        checked.append(c)
        check_name(checks, f"{field}.name", m.name)
        check_phone(checks, f"{field}.phone", m.phone)
    checks.raise_if_any()
    household = Household(
        village_code=_station_code(session),
        address=address.strip(),
        phone=phone.strip(),
        relocated=relocated,
    )
    session.add(household)
    session.flush()
    persons: list[Person] = []
    for m, c in zip(members, checked, strict=True):
        assert c is not None
        person = _new_person(
            session,
            checked=c,
            name=m.name.strip(),
            household_id=household.id,
            relation=m.relation,
            phone=m.phone.strip() or phone.strip(),
            address=address.strip(),
            flags={},
        )
        persons.append(person)
        if m.relation == HEAD:
            household.head_person_id = person.id
    append_audit(
        session,
        actor=actor.username,
        action="household.register",
        target_table="households",
        target_id=household.id,
        details={"members": [p.id for p in persons]},
    )
    return household, persons


_EDITABLE: dict[str, Callable[[Checks, str, Any], None]] = {
    "name": lambda c, f, v: check_name(c, f, v),
    "phone": lambda c, f, v: check_phone(c, f, v),
    "address": lambda c, f, v: c.max_length(f, v, 200),
    "relation": lambda c, f, v: c.max_length(f, v, 20),
    "household_id": lambda c, f, v: None,
    "guangxi_hukou": lambda c, f, v: None,
    "student": lambda c, f, v: None,
    "employee_scheme": lambda c, f, v: None,
    "other_state_pension": lambda c, f, v: None,
    "note": lambda c, f, v: c.max_length(f, v, 2000),
}


def edit_person(
    *, session: Session, actor: Actor, today: date, person_id: str, changes: dict[str, Any]
) -> Person:
    """Change some fields of a person. The ID number may only be corrected by a supervisor."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    new_id: CheckedId | None = None
    for field, value in changes.items():
        if field == "id_number":
            require_supervisor(actor, action="correcting an ID number")
            new_id = check_new_id(checks, session, "id_number", value, today=today)
        elif field in _EDITABLE:
            _EDITABLE[field](checks, field, value)
        else:
            checks.add(field, "not_editable", "cannot be changed here")
    if "household_id" in changes and changes["household_id"] is not None:
        hh = session.get(Household, changes["household_id"])
        if hh is None or hh.deleted:
            checks.add("household_id", "not_found", "no such household")
    checks.raise_if_any()
    before = {f: getattr(person, f) for f in changes}
    for field, value in changes.items():
        if field == "id_number":
            continue
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    if new_id is not None:
        person.id_number = new_id.normalized
        person.birth_date = new_id.birth_date
        person.sex = new_id.sex.value
    if "name" in changes:
        person.name_pinyin = name_pinyin(person.name)
        person.name_initials = name_initials(person.name)
    append_audit(
        session,
        actor=actor.username,
        action="person.edit",
        target_table="persons",
        target_id=person.id,
        details={"before": before, "after": {f: getattr(person, f) for f in changes}},
    )
    return person


def add_status(
    *,
    session: Session,
    actor: Actor,
    today: date,
    person_id: str,
    kind: StatusKind,
    start_date: date,
    level: int | None = None,
    lifted_out_year: int | None = None,
    source: str = "clerk",
    note: str = "",
) -> PersonStatus:
    """Start a dated status. An open status of the same kind is ended the day before."""
    person = get_live(session, Person, person_id, field="person_id")
    checks = Checks()
    checks.not_future("start_date", start_date, today)
    if start_date < person.birth_date:
        checks.add("start_date", "before_birth", "is before the person's birth date")
    if kind is StatusKind.DISABILITY and (level is None or not 1 <= level <= 4):
        checks.add("level", "range", "a disability grade is 1 to 4")
    if kind in (StatusKind.TEKUN, StatusKind.DIBAO) and level is not None and not 1 <= level <= 3:
        checks.add("level", "range", "a class is 1 to 3")
    if lifted_out_year is not None:
        if kind is not StatusKind.REGISTERED_POOR:
            checks.add("lifted_out_year", "not_applicable", "only for registered-poor status")
        elif not start_date.year <= lifted_out_year <= today.year:
            checks.add("lifted_out_year", "range", "must be between the start year and now")
    checks.raise_if_any()
    for open_status in open_statuses(session=session, person_id=person_id, kind=kind):
        if open_status.start_date >= start_date:
            raise ValidationError.single(
                "start_date", "overlap", "a status of this kind already starts on or after it"
            )
        open_status.end_date = date.fromordinal(start_date.toordinal() - 1)
    status = PersonStatus(
        person_id=person_id,
        kind=kind.value,
        level=level,
        start_date=start_date,
        lifted_out_year=lifted_out_year,
        source=source,
        note=note,
    )
    session.add(status)
    session.flush()
    append_audit(
        session,
        actor=actor.username,
        action="status.add",
        target_table="person_statuses",
        target_id=status.id,
        details={"person": person_id, "kind": kind.value, "level": level},
    )
    return status


def open_statuses(
    *, session: Session, person_id: str, kind: StatusKind | None = None
) -> list[PersonStatus]:
    q = select(PersonStatus).where(
        PersonStatus.person_id == person_id,
        PersonStatus.end_date.is_(None),
        PersonStatus.deleted.is_(False),
    )
    if kind is not None:
        q = q.where(PersonStatus.kind == kind.value)
    return list(session.scalars(q))


def lift_out_of_poverty(
    *, session: Session, actor: Actor, today: date, person_id: str, year: int
) -> PersonStatus:
    """Mark a registered-poor person as lifted out in ``year`` (support continues 2 years)."""
    current = open_statuses(session=session, person_id=person_id, kind=StatusKind.REGISTERED_POOR)
    if not current:
        raise ValidationError.single("person_id", "not_poor", "is not registered as poor")
    status = current[0]
    if not status.start_date.year <= year <= today.year:
        raise ValidationError.single("year", "range", "must be between the start year and now")
    status.lifted_out_year = year
    append_audit(
        session,
        actor=actor.username,
        action="status.lifted_out",
        target_table="person_statuses",
        target_id=status.id,
        details={"year": year},
    )
    return status


def end_status(
    *, session: Session, actor: Actor, today: date, status_id: str, end_date: date
) -> PersonStatus:
    status = get_live(session, PersonStatus, status_id, field="status_id")
    checks = Checks()
    checks.not_future("end_date", end_date, today)
    if end_date < status.start_date:
        checks.add("end_date", "before_start", "is before the status started")
    if status.end_date is not None:
        checks.add("status_id", "already_ended", "this status has already ended")
    checks.raise_if_any()
    status.end_date = end_date
    append_audit(
        session,
        actor=actor.username,
        action="status.end",
        target_table="person_statuses",
        target_id=status.id,
        details={"end_date": end_date},
    )
    return status
