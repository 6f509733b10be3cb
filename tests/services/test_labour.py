"""Labour surveys, training, employers, vacancies and referrals at the counter."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from villagedesk.domain.categories import (
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    WorkPlace,
)
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import check_char
from villagedesk.domain.uscc import uscc_check_char
from villagedesk.services import labour
from villagedesk.services.context import Actor, PermissionDenied
from villagedesk.services.persons import register_person
from villagedesk.store.base import Base
from villagedesk.store.capture import AppendOnlyViolation
from villagedesk.store.database import Database
from villagedesk.store.models import (
    AuditEntry,
    Employer,
    LabourRegistration,
    OutboxEntry,
    Person,
    Referral,
    TrainingNeed,
    TrainingRecord,
    Vacancy,
)

COUNTY = "450422"


def id_number(birth: date, seq: str = "123") -> str:
    first17 = f"{COUNTY}{birth:%Y%m%d}{seq}"
    return first17 + check_char(first17)


def credit_code(org: str = "MA5K0000") -> str:
    first17 = f"92{COUNTY}{org}1"
    return first17 + uscc_check_char(first17)


def add_person(
    db: Database, clerk: Actor, today: date, *, birth: date = date(1990, 5, 1), seq: str = "123"
) -> str:
    with db.write(actor=clerk.username) as s:
        person = register_person(
            session=s, actor=clerk, today=today, id_number=id_number(birth, seq), name="韦小红"
        )
        return person.id


def count(db: Database, model: type[Base]) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def outbox_rows(db: Database, table: str) -> list[tuple[str, str]]:
    """(row id, op) of each outbox entry of a table, in order."""
    with db.read() as s:
        q = (
            select(OutboxEntry.row_id, OutboxEntry.op)
            .where(OutboxEntry.table_name == table)
            .order_by(OutboxEntry.seq)
        )
        return [(row_id, op) for row_id, op in s.execute(q)]


def survey(db: Database, actor: Actor, today: date, person_id: str, **kw: Any) -> str:
    args: dict[str, Any] = {
        "surveyed_on": today,
        "population_category": PopulationCategory.WORKING_AGE,
    }
    args.update(kw)
    with db.write(actor=actor.username) as s:
        row = labour.record_labour_survey(
            session=s, actor=actor, today=today, person_id=person_id, **args
        )
        return row.id


def add_employer(db: Database, actor: Actor, today: date, org: str = "MA5K0000") -> str:
    with db.write(actor=actor.username) as s:
        employer = labour.add_employer(
            session=s,
            actor=actor,
            today=today,
            name="梧州市恒达陶瓷有限公司",
            uscc=credit_code(org),
        )
        return employer.id


def add_vacancy(db: Database, actor: Actor, today: date, employer_id: str, **kw: Any) -> str:
    args: dict[str, Any] = {
        "post": "普工",
        "count": 5,
        "wage_min_fen": 300_000,
        "wage_max_fen": 450_000,
        "valid_until": today + timedelta(days=30),
    }
    args.update(kw)
    with db.write(actor=actor.username) as s:
        vacancy = labour.add_vacancy(
            session=s, actor=actor, today=today, employer_id=employer_id, **args
        )
        return vacancy.id


def refer(db: Database, actor: Actor, today: date, person_id: str, vacancy_id: str) -> str:
    with db.write(actor=actor.username) as s:
        referral = labour.refer_to_vacancy(
            session=s, actor=actor, today=today, person_id=person_id, vacancy_id=vacancy_id
        )
        return referral.id


def set_outcome(db: Database, actor: Actor, today: date, referral_id: str, **kw: Any) -> Referral:
    with db.write(actor=actor.username) as s:
        return labour.record_referral_outcome(
            session=s, actor=actor, today=today, referral_id=referral_id, **kw
        )


# -- labour surveys --------------------------------------------------------------------------


def test_survey_lands_in_history_with_outbox_and_audit(
    db: Database, clerk: Actor, today: date
) -> None:
    pid = add_person(db, clerk, today)
    rid = survey(
        db,
        clerk,
        today,
        pid,
        employment_status=EmploymentStatus.WORKING_AWAY,
        job_channel=JobChannel.GUANGDONG,
        work_place=WorkPlace.OUTSIDE_REGION,
        work_province="广东",
        employer_name="东莞市某电子厂",
        industry="电子",
        monthly_income_fen=420_000,
        phone="13800000000",
    )
    with db.read() as s:
        history = [r.id for r in labour.labour_history(session=s, person_id=pid)]
        latest = labour.latest_labour(session=s, person_id=pid)
        assert latest is not None
        assert latest.employment_status == "working_away"
        assert latest.work_province == "广东"
        assert latest.clerk == "wang"
        audit = s.scalars(select(AuditEntry.action).where(AuditEntry.target_id == rid)).all()
    assert history == [rid]
    assert list(audit) == ["labour.survey"]
    assert outbox_rows(db, "labour_registrations") == [(rid, "insert")]


def test_second_survey_adds_a_row_and_keeps_the_first(
    db: Database, clerk: Actor, today: date
) -> None:
    pid = add_person(db, clerk, today)
    first = survey(
        db,
        clerk,
        today,
        pid,
        surveyed_on=date(2025, 3, 1),
        employment_status=EmploymentStatus.FARMING,
    )
    second = survey(
        db,
        clerk,
        today,
        pid,
        employment_status=EmploymentStatus.LOCAL_EMPLOYMENT,
        job_channel=JobChannel.WORKSHOP,
        work_place=WorkPlace.IN_COUNTY,
    )
    with db.read() as s:
        history = [
            (r.id, r.employment_status) for r in labour.labour_history(session=s, person_id=pid)
        ]
        latest = labour.latest_labour(session=s, person_id=pid)
        assert latest is not None and latest.id == second
    assert history == [(second, "local_employment"), (first, "farming")]
    assert len(outbox_rows(db, "labour_registrations")) == 2


def test_a_survey_cannot_be_edited_afterwards(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    rid = survey(db, clerk, today, pid, employment_status=EmploymentStatus.FARMING)
    with pytest.raises(AppendOnlyViolation), db.write(actor="wang") as s:
        row = s.get(LabourRegistration, rid)
        assert row is not None
        row.employment_status = EmploymentStatus.FLEXIBLE.value
        s.flush()
    with db.read() as s:
        kept = s.get(LabourRegistration, rid)
        assert kept is not None and kept.employment_status == "farming"


BAD_SURVEYS: list[tuple[dict[str, Any], str, str]] = [
    ({"surveyed_on": date(2026, 11, 28)}, "surveyed_on", "future"),
    ({"surveyed_on": date(1990, 4, 30)}, "surveyed_on", "before_birth"),
    ({"population_category": "retired"}, "population_category", "choice"),
    (
        {
            "population_category": PopulationCategory.ELDERLY,
            "employment_status": EmploymentStatus.FARMING,
        },
        "employment_status",
        "not_applicable",
    ),
    (
        {"population_category": PopulationCategory.UNABLE_TO_WORK, "monthly_income_fen": 1000},
        "monthly_income_fen",
        "not_applicable",
    ),
    (
        {
            "employment_status": EmploymentStatus.WORKING_AWAY,
            "work_place": WorkPlace.OUTSIDE_REGION,
        },
        "work_province",
        "required",
    ),
    (
        {
            "employment_status": EmploymentStatus.FARMING,
            "job_channel": JobChannel.GOVERNMENT,
        },
        "job_channel",
        "not_applicable",
    ),
    ({"job_channel": JobChannel.OWN}, "job_channel", "not_applicable"),
    (
        {"work_place": WorkPlace.IN_COUNTY, "work_province": "广东"},
        "work_province",
        "not_applicable",
    ),
    ({"monthly_income_fen": -1}, "monthly_income_fen", "negative"),
    ({"monthly_income_fen": 10_000_001}, "monthly_income_fen", "range"),
    ({"wants_training": True}, "training_trade", "required"),
    ({"phone": "call me"}, "phone", "format"),
    ({"population_category": PopulationCategory.UNDER_16}, "population_category", "age"),
]


@pytest.mark.parametrize(("changes", "field", "rule"), BAD_SURVEYS)
def test_bad_survey_is_refused_and_nothing_is_written(
    db: Database, clerk: Actor, today: date, changes: dict[str, Any], field: str, rule: str
) -> None:
    pid = add_person(db, clerk, today)
    before = (count(db, LabourRegistration), count(db, OutboxEntry), count(db, AuditEntry))
    with pytest.raises(ValidationError) as exc:
        survey(db, clerk, today, pid, **changes)
    assert (field, rule) in {(e.field, e.rule) for e in exc.value.errors}
    after = (count(db, LabourRegistration), count(db, OutboxEntry), count(db, AuditEntry))
    assert after == before


def test_every_broken_rule_is_reported_at_once(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    with pytest.raises(ValidationError) as exc:
        survey(db, clerk, today, pid, monthly_income_fen=-5, wants_training=True, phone="x")
    assert exc.value.fields() == {"monthly_income_fen", "training_trade", "phone"}


def test_child_must_be_surveyed_as_under_16(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today, birth=date(2012, 1, 1))
    with pytest.raises(ValidationError) as exc:
        survey(db, clerk, today, pid)
    assert exc.value.rules() == {"age"}
    survey(db, clerk, today, pid, population_category=PopulationCategory.UNDER_16)
    assert count(db, LabourRegistration) == 1


def test_deceased_person_cannot_be_surveyed(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    with db.write(actor="wang") as s:
        person = s.get(Person, pid)
        assert person is not None
        person.death_date = date(2026, 6, 1)
    with pytest.raises(ValidationError) as exc:
        survey(db, clerk, today, pid, surveyed_on=date(2026, 1, 1))
    assert ("person_id", "deceased") in {(e.field, e.rule) for e in exc.value.errors}
    assert count(db, LabourRegistration) == 0


# -- training ------------------------------------------------------------------------------


def test_training_need_and_training_with_outcome(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    with db.write(actor="wang") as s:
        labour.record_training_need(
            session=s, actor=clerk, today=today, person_id=pid, surveyed_on=today, trade="电工"
        )
        record = labour.record_training(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            programme="项目制培训 2026 第二期",
            trade="电工",
            start_date=date(2026, 9, 1),
        )
        tid = record.id
    with db.write(actor="wang") as s:
        labour.update_training_outcome(
            session=s,
            actor=clerk,
            today=today,
            training_id=tid,
            end_date=date(2026, 10, 31),
            certificate="低压电工作业证",
            employed_after=True,
            monthly_wage_fen=330_000,
        )
    with db.read() as s:
        [done] = labour.trainings_for(session=s, person_id=pid)
        assert done.employed_after is True
        assert done.monthly_wage_fen == 330_000
    assert count(db, TrainingNeed) == 1
    assert [op for _, op in outbox_rows(db, "training_records")] == ["insert", "update"]
    assert len(outbox_rows(db, "training_needs")) == 1


def test_training_outcome_rules(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    with db.write(actor="wang") as s:
        tid = labour.record_training(
            session=s,
            actor=clerk,
            today=today,
            person_id=pid,
            programme="两后生 技工学校",
            trade="汽修",
            start_date=date(2026, 9, 1),
        ).id
    outbox = count(db, OutboxEntry)
    with pytest.raises(ValidationError) as exc, db.write(actor="wang") as s:
        labour.update_training_outcome(
            session=s,
            actor=clerk,
            today=today,
            training_id=tid,
            end_date=date(2026, 8, 31),
            employed_after=False,
            monthly_wage_fen=200_000,
        )
    assert {(e.field, e.rule) for e in exc.value.errors} == {
        ("end_date", "before_start"),
        ("monthly_wage_fen", "not_applicable"),
    }
    assert count(db, OutboxEntry) == outbox
    with db.read() as s:
        record = s.get(TrainingRecord, tid)
        assert record is not None and record.end_date is None


def test_training_need_needs_a_trade(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    with pytest.raises(ValidationError) as exc, db.write(actor="wang") as s:
        labour.record_training_need(
            session=s, actor=clerk, today=today, person_id=pid, surveyed_on=today, trade=" "
        )
    assert {(e.field, e.rule) for e in exc.value.errors} == {("trade", "required")}
    assert count(db, TrainingNeed) == 0


# -- employers and vacancies ---------------------------------------------------------------


def test_employer_with_bad_credit_code_is_refused(db: Database, clerk: Actor, today: date) -> None:
    good = credit_code()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc, db.write(actor="wang") as s:
        labour.add_employer(session=s, actor=clerk, today=today, name="某公司", uscc=bad)
    assert {(e.field, e.rule) for e in exc.value.errors} == {("uscc", "checksum")}
    assert count(db, Employer) == 0
    assert count(db, OutboxEntry) == 0


def test_employer_credit_code_is_registered_once(db: Database, clerk: Actor, today: date) -> None:
    add_employer(db, clerk, today)
    with pytest.raises(ValidationError) as exc, db.write(actor="wang") as s:
        labour.add_employer(
            session=s, actor=clerk, today=today, name="另一家", uscc=credit_code().lower()
        )
    assert exc.value.rules() == {"duplicate"}
    assert count(db, Employer) == 1
    assert len(outbox_rows(db, "employers")) == 1


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"count": 0}, "count", "range"),
        ({"wage_min_fen": 500_000}, "wage_max_fen", "below_min"),
        ({"wage_min_fen": -1}, "wage_min_fen", "negative"),
        ({"valid_until": date(2026, 11, 26)}, "valid_until", "past"),
        ({"post": ""}, "post", "required"),
    ],
)
def test_bad_vacancy_is_refused_and_nothing_is_written(
    db: Database, clerk: Actor, today: date, changes: dict[str, Any], field: str, rule: str
) -> None:
    eid = add_employer(db, clerk, today)
    outbox = count(db, OutboxEntry)
    with pytest.raises(ValidationError) as exc:
        add_vacancy(db, clerk, today, eid, **changes)
    assert (field, rule) in {(e.field, e.rule) for e in exc.value.errors}
    assert count(db, Vacancy) == 0
    assert count(db, OutboxEntry) == outbox


def test_closed_vacancy_is_no_longer_open_and_takes_no_referral(
    db: Database, clerk: Actor, today: date
) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    keep = add_vacancy(db, clerk, today, eid, post="包装工")
    vid = add_vacancy(db, clerk, today, eid)
    with db.write(actor="wang") as s:
        labour.close_vacancy(session=s, actor=clerk, today=today, vacancy_id=vid)
    with db.read() as s:
        assert [v.id for v in labour.open_vacancies(session=s, on=today)] == [keep]
    assert [op for row, op in outbox_rows(db, "vacancies") if row == vid] == ["insert", "update"]
    with pytest.raises(ValidationError) as exc:
        refer(db, clerk, today, pid, vid)
    assert {(e.field, e.rule) for e in exc.value.errors} == {("vacancy_id", "closed")}
    assert count(db, Referral) == 0


def test_expired_vacancy_takes_no_referral(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    vid = add_vacancy(db, clerk, today, eid, valid_until=today)
    later = today + timedelta(days=1)
    with db.read() as s:
        assert labour.open_vacancies(session=s, on=later) == []
    with pytest.raises(ValidationError) as exc:
        refer(db, clerk, later, pid, vid)
    assert exc.value.rules() == {"closed"}


# -- referrals -----------------------------------------------------------------------------


def test_referral_is_recorded_once_while_pending(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    vid = add_vacancy(db, clerk, today, eid)
    rid = refer(db, clerk, today, pid, vid)
    with pytest.raises(ValidationError) as exc:
        refer(db, clerk, today, pid, vid)
    assert {(e.field, e.rule) for e in exc.value.errors} == {("vacancy_id", "duplicate")}
    with db.read() as s:
        [referral] = labour.referrals_for(session=s, person_id=pid)
        assert referral.id == rid and referral.outcome == "pending" and referral.clerk == "wang"
    assert len(outbox_rows(db, "referrals")) == 1


def test_deceased_person_is_not_referred(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    vid = add_vacancy(db, clerk, today, eid)
    with db.write(actor="wang") as s:
        person = s.get(Person, pid)
        assert person is not None
        person.death_date = date(2026, 11, 1)
    with pytest.raises(ValidationError) as exc:
        refer(db, clerk, today, pid, vid)
    assert exc.value.rules() == {"deceased"}
    assert count(db, Referral) == 0


def test_hired_outcome_needs_a_wage(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    rid = refer(db, clerk, date(2026, 11, 20), pid, add_vacancy(db, clerk, date(2026, 11, 20), eid))
    outbox = count(db, OutboxEntry)
    with pytest.raises(ValidationError) as exc:
        set_outcome(db, clerk, today, rid, outcome=ReferralOutcome.HIRED, outcome_on=today)
    assert {(e.field, e.rule) for e in exc.value.errors} == {("monthly_wage_fen", "required")}
    assert count(db, OutboxEntry) == outbox
    done = set_outcome(
        db,
        clerk,
        today,
        rid,
        outcome=ReferralOutcome.HIRED,
        outcome_on=today,
        monthly_wage_fen=380_000,
    )
    assert done.outcome == "hired" and done.monthly_wage_fen == 380_000
    assert [op for _, op in outbox_rows(db, "referrals")] == ["insert", "update"]


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"outcome": ReferralOutcome.PENDING}, "outcome", "choice"),
        ({"outcome_on": date(2026, 11, 19)}, "outcome_on", "before_referral"),
        ({"outcome_on": date(2026, 11, 28)}, "outcome_on", "future"),
        ({"monthly_wage_fen": 100_000}, "monthly_wage_fen", "not_applicable"),
    ],
)
def test_bad_outcome_is_refused(
    db: Database, clerk: Actor, today: date, changes: dict[str, Any], field: str, rule: str
) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    rid = refer(db, clerk, date(2026, 11, 20), pid, add_vacancy(db, clerk, date(2026, 11, 20), eid))
    args: dict[str, Any] = {"outcome": ReferralOutcome.REJECTED, "outcome_on": today}
    args.update(changes)
    with pytest.raises(ValidationError) as exc:
        set_outcome(db, clerk, today, rid, **args)
    assert (field, rule) in {(e.field, e.rule) for e in exc.value.errors}
    with db.read() as s:
        referral = s.get(Referral, rid)
        assert referral is not None and referral.outcome == "pending"


def test_clerk_cannot_overwrite_an_outcome_but_supervisor_can(
    db: Database, clerk: Actor, supervisor: Actor, today: date
) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    rid = refer(db, clerk, today, pid, add_vacancy(db, clerk, today, eid))
    set_outcome(db, clerk, today, rid, outcome=ReferralOutcome.NO_SHOW, outcome_on=today)
    with pytest.raises(PermissionDenied):
        set_outcome(
            db,
            clerk,
            today,
            rid,
            outcome=ReferralOutcome.HIRED,
            outcome_on=today,
            monthly_wage_fen=350_000,
        )
    with db.read() as s:
        referral = s.get(Referral, rid)
        assert referral is not None and referral.outcome == "no_show"
    fixed = set_outcome(
        db,
        supervisor,
        today,
        rid,
        outcome=ReferralOutcome.HIRED,
        outcome_on=today,
        monthly_wage_fen=350_000,
    )
    assert fixed.outcome == "hired"
    with db.read() as s:
        actions = s.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "referral.outcome")
        ).all()
    assert list(actions) == ["wang", "li"]


def test_filled_vacancy_takes_no_more_referrals(db: Database, clerk: Actor, today: date) -> None:
    first = add_person(db, clerk, today, seq="123")
    second = add_person(db, clerk, today, seq="135")
    eid = add_employer(db, clerk, today)
    vid = add_vacancy(db, clerk, today, eid, count=1)
    rid = refer(db, clerk, today, first, vid)
    set_outcome(
        db,
        clerk,
        today,
        rid,
        outcome=ReferralOutcome.HIRED,
        outcome_on=today,
        monthly_wage_fen=300_000,
    )
    with pytest.raises(ValidationError) as exc:
        refer(db, clerk, today, second, vid)
    assert exc.value.rules() == {"filled"}


# -- matching ------------------------------------------------------------------------------


def test_match_ranks_the_wanted_trade_first_then_by_wage(
    db: Database, clerk: Actor, today: date
) -> None:
    pid = add_person(db, clerk, today)
    survey(db, clerk, today, pid, wants_training=True, training_trade="电工")
    eid = add_employer(db, clerk, today)
    low_pay = add_vacancy(db, clerk, today, eid, post="保洁", wage_max_fen=300_000)
    high_pay = add_vacancy(db, clerk, today, eid, post="普工", wage_max_fen=600_000)
    trade = add_vacancy(
        db, clerk, today, eid, post="维修工", requirements="持电工证优先", wage_max_fen=400_000
    )
    with db.read() as s:
        matched = [v.id for v in labour.match_vacancies(session=s, person_id=pid, on=today)]
    assert matched == [trade, high_pay, low_pay]


def test_match_without_survey_orders_by_wage(db: Database, clerk: Actor, today: date) -> None:
    pid = add_person(db, clerk, today)
    eid = add_employer(db, clerk, today)
    low_pay = add_vacancy(db, clerk, today, eid, post="保洁", wage_max_fen=300_000)
    high_pay = add_vacancy(db, clerk, today, eid, post="普工", wage_max_fen=600_000)
    with db.read() as s:
        matched = [v.id for v in labour.match_vacancies(session=s, person_id=pid, on=today)]
    assert matched == [high_pay, low_pay]
