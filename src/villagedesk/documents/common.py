"""What several documents share: the person block, ID numbers whole or masked, the place.

Masking rule (issue 5): a document that leaves the resident's hands or is seen by others
shows the ID number masked (``4504**********0014``); one the resident keeps as proof of
their own record shows it whole. Each builder says which it is with ``PUBLIC``; the signed
facts in the QR code always carry the masked number, since anyone can read a QR code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from villagedesk.documents.labels import SEX, cn_date, label
from villagedesk.documents.model import Field
from villagedesk.domain.division import default_division_table, parse_village_code
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on, mask_id
from villagedesk.services.context import get_live
from villagedesk.store.models import Household, Person


@dataclass(frozen=True)
class PersonInfo:
    id: str
    name: str
    id_number: str
    sex: str
    birth_date: date
    address: str
    phone: str
    village_code: str
    death_date: date | None

    def id_shown(self, *, public: bool) -> str:
        return mask_id(self.id_number) if public else self.id_number

    @property
    def id_masked(self) -> str:
        return mask_id(self.id_number)

    def age(self, on: date) -> int:
        return age_on(self.birth_date, on)


def person_info(*, session: Session, person_id: str) -> PersonInfo:
    """The person with the address and phone of their household when they have none."""
    person = get_live(session, Person, person_id, field="person_id")
    address, phone = person.address, person.phone
    if person.household_id and (not address or not phone):
        household = session.get(Household, person.household_id)
        if household is not None:
            address = address or household.address
            phone = phone or household.phone
    return PersonInfo(
        id=person.id,
        name=person.name,
        id_number=person.id_number,
        sex=person.sex,
        birth_date=person.birth_date,
        address=address,
        phone=phone,
        village_code=person.village_code,
        death_date=person.death_date,
    )


def place_name(village_code: str) -> str:
    """``450422116201`` -> "广西壮族自治区梧州市藤县（区划代码 450422116201）": the names the
    division table knows, and the code for the levels it does not."""
    try:
        code = parse_village_code(village_code)
    except ValidationError:
        return village_code
    names = [name for _level, _code, name in default_division_table().describe(code) if name]
    return f"{''.join(names)}（区划代码 {village_code}）" if names else village_code


def identity_fields(info: PersonInfo, *, public: bool, on: date) -> tuple[Field, ...]:
    """Name, sex, ID number, birth date (and age): the first rows of every personal form."""
    return (
        Field("姓名", info.name),
        Field("性别", label(SEX, info.sex)),
        Field("公民身份号码", info.id_shown(public=public), mono=True),
        Field("出生日期", f"{cn_date(info.birth_date)}（{info.age(on)}周岁）"),
    )


def person_facts(info: PersonInfo) -> dict[str, str | int]:
    """The facts every personal document signs: the name and the masked ID number."""
    return {"n": info.name, "id": info.id_masked}


def not_available(field: str, rule: str, message: str) -> ValidationError:
    return ValidationError.single(field, rule, message)
