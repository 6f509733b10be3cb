"""The demo village: reproducible from its seed, valid, and rich enough to show every list."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from villagedesk.domain.categories import AwardStatus, StatusKind
from villagedesk.domain.idnumber import age_on, check_id_number
from villagedesk.services.certification import certification_status
from villagedesk.services.demo import DemoSummary, make_demo
from villagedesk.services.station import init_station
from villagedesk.store.audit import verify_chain
from villagedesk.store.database import Database
from villagedesk.store.models import (
    AuditEntry,
    BenefitAward,
    BenefitPayment,
    Certification,
    Contribution,
    Enrolment,
    LabourRegistration,
    OutboxEntry,
    PaidPremium,
    Person,
    PersonStatus,
)

VILLAGE = "450422116201"
TODAY = date(2026, 11, 27)
PERSONS = 300

pytestmark = pytest.mark.slow


def _station(path: Path) -> Database:
    return init_station(
        path=path, village_code=VILLAGE, name="大黎村服务站", now=datetime(2026, 11, 27, 9)
    )


def _build(
    tmp_path: Path, name: str, seed: int, persons: int = PERSONS
) -> tuple[Database, DemoSummary]:
    db = _station(tmp_path / f"{name}.db")
    calls: list[tuple[int, int]] = []
    summary = make_demo(
        db=db, persons=persons, seed=seed, today=TODAY, progress=lambda d, t: calls.append((d, t))
    )
    assert calls and calls[-1] == (persons, persons)
    return db, summary


def _people(db: Database) -> list[tuple[str, str, date]]:
    with db.read() as s:
        rows = s.execute(select(Person.id_number, Person.name, Person.birth_date))
        return sorted((a, b, c) for a, b, c in rows)


def _ledgers(db: Database) -> tuple[object, ...]:
    with db.read() as s:
        contributions = s.execute(
            select(
                func.count(),
                func.sum(Contribution.personal_fen),
                func.sum(Contribution.subsidy_fen),
                func.sum(Contribution.paid_premium_fen),
            )
        ).one()
        payments = s.execute(select(func.count(), func.sum(BenefitPayment.amount_fen))).one()
        awards = s.execute(select(func.sum(BenefitAward.monthly_fen))).scalar()
        per_person = sorted(
            s.execute(
                select(Person.id_number, func.sum(Contribution.personal_fen))
                .join(Contribution, Contribution.person_id == Person.id)
                .group_by(Person.id_number)
            ).all()
        )
    return (tuple(contributions), tuple(payments), awards, tuple(map(tuple, per_person)))


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, DemoSummary]:
    return _build(tmp_path_factory.mktemp("demo"), "a", seed=7)


def test_same_seed_gives_the_same_village(
    village: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    first, summary = village
    second, again = _build(tmp_path, "b", seed=7)
    assert _people(first) == _people(second)
    assert _ledgers(first) == _ledgers(second)
    assert summary == again
    other, _ = _build(tmp_path, "c", seed=8, persons=40)
    assert not set(_people(other)) & set(_people(first))


def test_everyone_is_valid_and_ages_span_a_lifetime(
    village: tuple[Database, DemoSummary],
) -> None:
    db, summary = village
    people = _people(db)
    assert len(people) == PERSONS == summary.persons
    for number, name, birth in people:
        check = check_id_number(number, today=TODAY)
        assert check.valid, (number, check.errors)
        assert check.birth_date == birth
        assert 2 <= len(name) <= 4
    ages = [age_on(birth, TODAY) for _, _, birth in people]
    assert min(ages) <= 1
    assert max(ages) >= 90
    assert sum(1 for a in ages if 16 <= a < 60) > PERSONS // 3
    counties = {number[:6] for number, _, _ in people}
    assert VILLAGE[:6] in counties and len(counties) > 1


def test_the_village_has_every_kind_of_case(village: tuple[Database, DemoSummary]) -> None:
    db, summary = village
    with db.read() as s:
        poor = s.scalar(
            select(func.count(func.distinct(PersonStatus.person_id))).where(
                PersonStatus.kind == StatusKind.REGISTERED_POOR.value
            )
        )
        lifted = s.scalar(select(func.count()).where(PersonStatus.lifted_out_year.is_not(None)))
        enrolled = s.scalar(select(func.count()).select_from(Enrolment))
        premiums = s.scalar(select(func.count()).select_from(PaidPremium))
        awards = list(s.scalars(select(BenefitAward)))
        certifications = s.scalar(select(func.count()).select_from(Certification))
        surveys = s.scalar(select(func.count()).select_from(LabourRegistration))
        unstopped = s.execute(
            select(Person.id)
            .join(BenefitAward, BenefitAward.person_id == Person.id)
            .where(
                Person.death_date.is_not(None),
                BenefitAward.status == AwardStatus.ACTIVE.value,
            )
        ).all()
        stopped = [a for a in awards if a.status == AwardStatus.STOPPED.value]
        overdue = [
            a.person_id
            for a in awards
            if a.status == AwardStatus.ACTIVE.value
            and (state := certification_status(session=s, person_id=a.person_id, on=TODAY))
            is not None
            and state.status == "overdue"
        ]
        months_paid = list(
            s.scalars(
                select(func.count()).select_from(BenefitPayment).group_by(BenefitPayment.person_id)
            )
        )
        outbox = s.scalar(select(func.count()).select_from(OutboxEntry))
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
        chain = verify_chain(s)
    assert poor and 0 < lifted <= poor
    assert enrolled == summary.enrolled > PERSONS // 3
    assert premiums
    assert len(awards) == summary.pensioners > 0
    assert certifications == summary.certifications > 0
    assert surveys == summary.labour_records > 0
    assert summary.contributions > summary.enrolled
    assert sum(months_paid) == summary.payments
    assert max(months_paid) == 12, "pensioners are paid for the last twelve months"
    assert overdue, "at least one pensioner is overdue for survival certification"
    assert unstopped, "at least one death is recorded without the payment stopped"
    assert stopped, "some deaths went through mark_deceased and stopped the pension"
    assert outbox and audit and not chain
