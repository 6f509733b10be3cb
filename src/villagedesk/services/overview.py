"""Everything the person page shows, gathered in one call (the GUI holds no queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.services.context import get_live
from villagedesk.services.entitlement import Entitlement, entitlement
from villagedesk.store.models import (
    BenefitPayment,
    Certification,
    Household,
    LabourRegistration,
    Person,
    PersonStatus,
    PrintedDocument,
    Referral,
    TrainingRecord,
    Vacancy,
)


@dataclass(frozen=True)
class ReferralLine:
    referral: Referral
    post: str


@dataclass(frozen=True)
class PersonOverview:
    person: Person
    household: Household | None
    members: list[Person]
    statuses: list[PersonStatus]
    labour: list[LabourRegistration]  # newest first
    training: list[TrainingRecord]
    referrals: list[ReferralLine]
    certifications: list[Certification]  # newest first
    payments: list[BenefitPayment]  # newest first
    documents: list[PrintedDocument]
    entitlement: Entitlement


def person_overview(*, session: Session, person_id: str, on: date) -> PersonOverview:
    person = get_live(session, Person, person_id, field="person_id")
    household = session.get(Household, person.household_id) if person.household_id else None
    members = (
        list(
            session.scalars(
                select(Person)
                .where(Person.household_id == person.household_id, Person.deleted.is_(False))
                .order_by(Person.birth_date)
            )
        )
        if person.household_id
        else [person]
    )

    def of(model: Any, order: Any) -> list[Any]:
        return list(
            session.scalars(select(model).where(model.person_id == person_id).order_by(order))
        )

    referrals = [
        ReferralLine(r, v.post if (v := session.get(Vacancy, r.vacancy_id)) else "")
        for r in of(Referral, Referral.referred_on.desc())
    ]
    return PersonOverview(
        person=person,
        household=household,
        members=members,
        statuses=of(PersonStatus, PersonStatus.start_date),
        labour=of(LabourRegistration, LabourRegistration.surveyed_on.desc()),
        training=of(TrainingRecord, TrainingRecord.start_date.desc()),
        referrals=referrals,
        certifications=of(Certification, Certification.certified_on.desc()),
        payments=of(BenefitPayment, BenefitPayment.month.desc()),
        documents=of(PrintedDocument, PrintedDocument.printed_at.desc()),
        entitlement=entitlement(session=session, person_id=person_id, on=on),
    )
