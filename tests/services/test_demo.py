"""The demo village: reproducible from its seed, valid, and rich enough to show every list."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from villagedesk.domain.categories import AwardStatus, StatusKind
from villagedesk.domain.idnumber import age_on, check_id_number
from villagedesk.services.certification import certification_status
from villagedesk.services.demo import DEMO_ACTION, DemoSummary, make_demo
from villagedesk.services.integrity import check_database
from villagedesk.services.reports import station_report
from villagedesk.services.station import init_station
from villagedesk.services.worklists import CERTIFICATION_OVERDUE, DEATH_NOT_STOPPED, worklists
from villagedesk.store.audit import verify_chain
from villagedesk.store.base import Base, Synced
from villagedesk.store.capture import synced_table
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
    PolicyRowRecord,
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
    assert poor and lifted is not None and 0 < lifted <= poor
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


# --------------------------------------------------------------------------- bulk = services

REFERENCES = {  # column -> the table whose natural key replaces the row id
    "person_id": "persons",
    "head_person_id": "persons",
    "household_id": "households",
    "employer_id": "employers",
    "vacancy_id": "vacancies",
    "award_id": "benefit_awards",
    "contribution_id": "contributions",
}


def _content(db: Database) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every synced row's fields, row ids replaced by natural keys, counted per table.

    Ids, revisions and stamps differ between runs (and revisions between the two paths: the
    services insert then edit, the bulk path inserts the final values), so they are left out.
    """
    with db.read() as s:
        raw: dict[str, list[dict[str, Any]]] = {}
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            if issubclass(cls, Synced) and cls is not PolicyRowRecord:
                table = synced_table(cls)
                raw[table.name] = [
                    {key: getattr(obj, key) for key in ("id", *table.fields)}
                    for obj in s.scalars(select(cls))
                ]
    keys: dict[str, dict[Any, Any]] = {
        "persons": {r["id"]: r["id_number"] for r in raw["persons"]},
        "employers": {r["id"]: r["uscc"] for r in raw["employers"]},
    }
    members: dict[Any, list[str]] = {}
    for r in raw["persons"]:
        members.setdefault(r["household_id"], []).append(r["id_number"])
    keys["households"] = {hid: tuple(sorted(ids)) for hid, ids in members.items()}
    keys["vacancies"] = {
        r["id"]: (keys["employers"][r["employer_id"]], r["post"], r["valid_until"], r["count"])
        for r in raw["vacancies"]
    }
    keys["benefit_awards"] = {
        r["id"]: keys["persons"][r["person_id"]] for r in raw["benefit_awards"]
    }
    keys["contributions"] = {
        r["id"]: (keys["persons"][r["person_id"]], r["year"], r["kind"])
        for r in raw["contributions"]
    }
    return {
        name: Counter(
            tuple(
                (k, keys[REFERENCES[k]][v] if k in REFERENCES and v is not None else v)
                for k, v in r.items()
                if k != "id"
            )
            for r in rows
        )
        for name, rows in raw.items()
    }


def test_bulk_writes_what_the_services_write(tmp_path: Path) -> None:
    """The bulk path and the service path give the same village, row for row and fen for fen,
    and both pass the integrity check."""
    bulk_db = _station(tmp_path / "bulk.db")
    services_db = _station(tmp_path / "services.db")
    bulk = make_demo(db=bulk_db, persons=160, seed=11, today=TODAY)
    served = make_demo(db=services_db, persons=160, seed=11, today=TODAY, through_services=True)
    assert bulk == served
    assert bulk.pensioners and bulk.contributions and bulk.deaths and bulk.referrals
    expected = _content(services_db)
    actual = _content(bulk_db)
    assert actual.keys() == expected.keys()
    for table in expected:
        assert actual[table] == expected[table], table
    for db in (bulk_db, services_db):
        with db.read() as s:
            assert check_database(session=s, station=VILLAGE) == []


def test_the_demo_village_is_whole_and_the_lists_and_report_run_on_it(
    village: tuple[Database, DemoSummary],
) -> None:
    db, summary = village
    with db.read() as s:
        assert check_database(session=s, station=VILLAGE) == []
        lists = {w.code: w for w in worklists(session=s, on=TODAY)}
        report = station_report(session=s, on=TODAY)
        batches = list(s.scalars(select(AuditEntry).where(AuditEntry.action == DEMO_ACTION)))
        outbox = s.scalar(select(func.count()).select_from(OutboxEntry))
        synced_rows = sum(
            s.scalar(select(func.count()).select_from(m.class_)) or 0
            for m in Base.registry.mappers
            if issubclass(m.class_, Synced) and m.class_ is not PolicyRowRecord
        )
    assert lists[CERTIFICATION_OVERDUE].count >= summary.overdue_certifications > 0
    assert lists[DEATH_NOT_STOPPED].count == summary.deaths_not_stopped > 0
    assert report.participation.denominator > 0 and report.payment.denominator > 0
    assert report.paid_premiums and report.contributions
    assert batches, "each bulk batch is audited"
    assert sum(sum(b.details["counts"].values()) for b in batches) == synced_rows
    assert outbox == synced_rows, "one insert mutation per row written"
