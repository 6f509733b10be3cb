"""The station report and its export, on a small village built with the real services.

Every figure is counted by hand in the comments from the village set up below.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, func, select

from helpers import make_id
from villagedesk.domain.categories import (
    Confidence,
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    Role,
    StatusKind,
    WorkPlace,
)
from villagedesk.domain.policy import COST_SPLIT, PolicyRow
from villagedesk.domain.uscc import uscc_check_char
from villagedesk.services import labour
from villagedesk.services.certification import certify, suspend_overdue
from villagedesk.services.context import Actor
from villagedesk.services.deaths import mark_deceased
from villagedesk.services.pension import (
    award_pension,
    enrol,
    record_contribution,
    reverse_contribution,
)
from villagedesk.services.persons import add_status, register_person
from villagedesk.services.reports import (
    ContributionYear,
    PremiumYear,
    Rate,
    Report,
    export_csv,
    export_xlsx,
    report_tables,
    station_report,
)
from villagedesk.services.station import init_station, policy_record
from villagedesk.store.database import Database
from villagedesk.store.models import PaidPremium

TODAY = date(2026, 11, 27)
VILLAGE = "450422116201"  # 藤县: region : county = 8 : 2 by default
CLERK = Actor(username="wang", role=Role.CLERK, display_name="王办事员")
SUPERVISOR = Actor(username="li", role=Role.SUPERVISOR, display_name="李主管")


@dataclass
class Village:
    db: Database
    ids: dict[str, str]


class Builder:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, str] = {}

    def person(
        self,
        label: str,
        name: str,
        birth: date,
        *,
        poor: bool = False,
        lifted: int | None = None,
        **flags: bool,
    ) -> str:
        with self.db.write() as s:
            p = register_person(
                session=s,
                actor=CLERK,
                today=TODAY,
                id_number=make_id(birth, len(self.ids) + 1),
                name=name,
                **flags,
            )
            if poor or lifted is not None:
                add_status(
                    session=s,
                    actor=CLERK,
                    today=TODAY,
                    person_id=p.id,
                    kind=StatusKind.REGISTERED_POOR,
                    start_date=date(2015, 3, 1),
                    lifted_out_year=lifted,
                )
            self.ids[label] = p.id
            return p.id

    def enrol(self, pid: str, on: date, grade_fen: int) -> None:
        with self.db.write() as s:
            enrol(
                session=s,
                actor=CLERK,
                today=TODAY,
                person_id=pid,
                enrolled_on=on,
                grade_fen=grade_fen,
            )

    def pay(self, pid: str, year: int) -> str:
        paid_on = TODAY if year == TODAY.year else date(year, 5, 1)
        with self.db.write() as s:
            r = record_contribution(
                session=s, actor=CLERK, today=TODAY, person_id=pid, year=year, paid_on=paid_on
            )
            return r.contribution.id

    def award(self, pid: str, on: date) -> None:
        with self.db.write() as s:
            award_pension(session=s, actor=CLERK, today=TODAY, person_id=pid, on=on)

    def certify(self, pid: str, on: date) -> None:
        with self.db.write() as s:
            certify(session=s, actor=CLERK, today=TODAY, person_id=pid, certified_on=on)

    def survey(self, pid: str, on: date, category: PopulationCategory, **job: object) -> None:
        with self.db.write() as s:
            labour.record_labour_survey(
                session=s,
                actor=CLERK,
                today=TODAY,
                person_id=pid,
                surveyed_on=on,
                population_category=category,
                **job,  # type: ignore[arg-type]
            )


def build_village(db: Database) -> Village:
    b = Builder(db)
    # From 2020 this county shares paid premiums with the prefecture city (6 : 4) instead
    # of bearing 2 of 10 itself - a county row published by sync.
    with db.write() as s:
        s.add(
            policy_record(
                PolicyRow(
                    table=COST_SPLIT,
                    effective_from=date(2020, 1, 1),
                    key="",
                    scope="450422",
                    value={"level": "city", "region_pct": 60, "local_pct": 40},
                    confidence=Confidence.LOCAL,
                ),
                origin=VILLAGE,
            )
        )
    # -- the pension ------------------------------------------------------------------------
    r1 = b.person("poor_paying", "韦阿妹", date(1980, 6, 1), poor=True)
    b.enrol(r1, date(2016, 1, 10), 10000)
    b.pay(r1, 2019)
    b.pay(r1, 2021)
    wrong = b.pay(r1, 2022)
    with db.write() as s:
        reverse_contribution(
            session=s, actor=SUPERVISOR, today=TODAY, contribution_id=wrong, reason="keyed twice"
        )
    b.pay(r1, 2026)
    b.person("poor_not_enrolled", "蒙小兰", date(1985, 3, 10), poor=True)
    r3 = b.person("lifted_2025_enrolled", "覃志强", date(1990, 2, 2), lifted=2025)
    b.enrol(r3, date(2016, 1, 10), 20000)
    b.pay(r3, 2026)
    b.person("lifted_2020", "黄文华", date(1991, 4, 4), lifted=2020)
    b.person("poor_student", "陆晓燕", date(2005, 9, 9), poor=True, student=True)
    b.person("poor_child", "莫小宝", date(2014, 1, 1), poor=True)
    r7 = b.person("poor_receiving", "韦老伯", date(1950, 1, 15), poor=True)
    b.award(r7, TODAY)
    b.certify(r7, TODAY)
    b.survey(r7, date(2026, 1, 5), PopulationCategory.ELDERLY)
    b.person("poor_old_waiting", "蓝阿婆", date(1952, 8, 8), poor=True)
    r9 = b.person("poor_deceased", "罗大山", date(1948, 4, 4), poor=True)
    b.survey(r9, date(2026, 1, 5), PopulationCategory.ELDERLY)
    with db.write() as s:
        mark_deceased(
            session=s, actor=CLERK, today=TODAY, person_id=r9, death_date=date(2026, 5, 1)
        )
    b.person("poor_other_pension", "何退休", date(1951, 5, 5), poor=True, other_state_pension=True)
    r11 = b.person("poor_suspended", "潘公公", date(1949, 3, 20), poor=True)
    b.award(r11, date(2024, 4, 1))
    b.certify(r11, date(2024, 5, 1))  # the next window, 2025-03..2026-02, was missed
    with db.write() as s:
        suspend_overdue(session=s, actor=CLERK, today=TODAY)
    r12 = b.person("ordinary_paying", "李明", date(1980, 7, 7))
    b.enrol(r12, date(2017, 2, 1), 30000)
    b.pay(r12, 2026)
    b.person("poor_employee", "梁建国", date(1990, 7, 7), poor=True, employee_scheme=True)
    # -- labour, training, vacancies -----------------------------------------------------------
    away = b.person("worker_away", "邓小军", date(1995, 5, 5))
    b.survey(
        away,
        date(2025, 3, 1),
        PopulationCategory.WORKING_AGE,
        employment_status=EmploymentStatus.FARMING,
    )
    b.survey(
        away,
        date(2026, 3, 1),
        PopulationCategory.WORKING_AGE,
        employment_status=EmploymentStatus.WORKING_AWAY,
        job_channel=JobChannel.GUANGDONG,
        work_place=WorkPlace.OUTSIDE_REGION,
        work_province="广东",
    )
    workshop = b.person("workshop", "钟秀英", date(1993, 3, 3))
    b.survey(
        workshop,
        date(2026, 2, 1),
        PopulationCategory.WORKING_AGE,
        employment_status=EmploymentStatus.LOCAL_EMPLOYMENT,
        job_channel=JobChannel.WORKSHOP,
        work_place=WorkPlace.IN_COUNTY,
    )
    farmer = b.person("farmer", "石大田", date(1970, 1, 1))
    b.survey(
        farmer,
        date(2026, 4, 1),
        PopulationCategory.WORKING_AGE,
        employment_status=EmploymentStatus.FARMING,
    )
    with db.write() as s:
        for pid, start, end, cert, employed, wage in (
            (away, date(2025, 3, 1), date(2025, 4, 30), "电工证", True, 330000),
            (workshop, date(2025, 6, 1), date(2025, 7, 15), "", True, 300001),
            (farmer, date(2026, 10, 1), None, "", None, None),
            (farmer, date(2024, 1, 1), date(2024, 2, 1), "", False, None),
        ):
            labour.record_training(
                session=s,
                actor=CLERK,
                today=TODAY,
                person_id=pid,
                programme="项目制培训",
                trade="电工",
                start_date=start,
                end_date=end,
                certificate=cert,
                employed_after=employed,
                monthly_wage_fen=wage,
            )
        first17 = "92450422MA5K00001"
        employer = labour.add_employer(
            session=s,
            actor=CLERK,
            today=TODAY,
            name="藤县扶贫车间",
            uscc=first17 + uscc_check_char(first17),
        )
        open_one = labour.add_vacancy(
            session=s,
            actor=CLERK,
            today=TODAY,
            employer_id=employer.id,
            post="缝纫工",
            count=5,
            wage_min_fen=200000,
            wage_max_fen=300000,
            valid_until=date(2026, 12, 31),
        )
        closed = labour.add_vacancy(
            session=s,
            actor=CLERK,
            today=TODAY,
            employer_id=employer.id,
            post="包装工",
            count=3,
            wage_min_fen=180000,
            wage_max_fen=220000,
            valid_until=date(2026, 12, 31),
        )
        hired = labour.refer_to_vacancy(
            session=s, actor=CLERK, today=TODAY, person_id=away, vacancy_id=open_one.id
        )
        labour.record_referral_outcome(
            session=s,
            actor=CLERK,
            today=TODAY,
            referral_id=hired.id,
            outcome=ReferralOutcome.HIRED,
            outcome_on=TODAY,
            monthly_wage_fen=250000,
        )
        labour.refer_to_vacancy(
            session=s, actor=CLERK, today=TODAY, person_id=workshop, vacancy_id=open_one.id
        )
        labour.close_vacancy(session=s, actor=CLERK, today=TODAY, vacancy_id=closed.id)
    return Village(db, b.ids)


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Village]:
    path = tmp_path_factory.mktemp("reports") / "station.db"
    db = init_station(
        path=path, village_code=VILLAGE, name="大黎村服务站", now=datetime(2026, 11, 27)
    )
    yield build_village(db)
    db.close()


@pytest.fixture(scope="module")
def report(village: Village) -> Report:
    with village.db.read() as s:
        return station_report(session=s, on=TODAY)


def test_participation_rate_of_the_registered_poor(report: Report) -> None:
    # Denominator - alive, 16+, not student / employee scheme, registered poor or lifted
    # out at most 2 years ago:
    #   poor_paying, poor_not_enrolled, lifted_2025_enrolled, poor_receiving,
    #   poor_old_waiting, poor_other_pension, poor_suspended                    = 7
    #   (not: lifted_2020 - support ended 2022; poor_student; poor_child; poor_employee;
    #    poor_deceased; ordinary_paying and the labour residents - not poor)
    # Numerator - enrolled or receiving:
    #   poor_paying, lifted_2025_enrolled (enrolled), poor_receiving (active award),
    #   poor_suspended (suspended award)                                          = 4
    # 4 / 7 = 57.142..% -> 57.14
    assert report.participation == Rate(4, 7)
    assert report.participation.rate == Decimal("57.14")


def test_payment_rate_of_the_eligible_poor_aged_60(report: Report) -> None:
    # Denominator - the poor above who are 60+ and may draw the pension (or already do):
    #   poor_receiving (transitional, awarded), poor_old_waiting (special basic pension:
    #   one year short), poor_suspended (awarded)                                  = 3
    #   (not: poor_other_pension - has another state pension; poor_deceased)
    # Numerator - active award: poor_receiving                                     = 1
    # 1 / 3 = 33.33%
    assert report.payment == Rate(1, 3)
    assert report.payment.rate == Decimal("33.33")


def test_a_rate_without_denominator_is_none() -> None:
    assert Rate(0, 0).rate is None
    assert Rate(2, 3).rate == Decimal("66.67")  # half-up to the hundredth
    assert Rate(3, 3).rate == Decimal("100.00")


def test_paid_premiums_by_year_and_who_bears_them(village: Village, report: Report) -> None:
    # 100 yuan a year paid by the government (grade 100: all of it; grade 200: 100 of it).
    # 2019 (region : county 8 : 2): poor_paying                 -> 80.00 + 20.00 county
    # 2021 (region : city 6 : 4 from 2020): poor_paying         -> 60.00 + 40.00 city
    # 2022 paid and reversed: nets to nothing, so no row
    # 2026: poor_paying and lifted_2025_enrolled (support runs to 2027) -> 2 x (60 + 40)
    assert report.paid_premiums == [
        PremiumYear(2019, 1, 10000, 8000, 0, 2000),
        PremiumYear(2021, 1, 10000, 6000, 4000, 0),
        PremiumYear(2026, 2, 20000, 12000, 8000, 0),
    ]
    for year in report.paid_premiums:
        assert year.region_fen + year.local_fen == year.amount_fen
        assert year.local_fen == year.city_fen + year.county_fen
    with village.db.read() as s:
        ledger = s.scalar(select(func.sum(PaidPremium.amount_fen))) or 0
    assert sum(y.amount_fen for y in report.paid_premiums) == ledger == 40000


def test_contributions_by_year(report: Report) -> None:
    # Subsidies by grade (shipped table): 100 -> 30, 200 -> 35, 300 -> 40 yuan.
    # 2019 and 2021: poor_paying, grade 100: personal 0 + subsidy 30 + premium 100.
    # 2022: paid and reversed - nothing left.
    # 2026: poor_paying    0 + 30 + 100
    #       lifted_2025  100 + 35 + 100   (grade 200, government pays 100)
    #       ordinary     300 + 40 +   0   (grade 300)
    #       -> personal 400, subsidy 105, premium 200, credited 705 yuan, 3 persons
    assert report.contributions == [
        ContributionYear(2019, 1, 0, 3000, 10000, 0),
        ContributionYear(2021, 1, 0, 3000, 10000, 0),
        ContributionYear(2026, 3, 40000, 10500, 20000, 0),
    ]
    assert report.contributions[-1].credited_fen == 70500


def test_labour_counts_each_living_persons_latest_survey(report: Report) -> None:
    # Latest surveys of the living: worker_away (2026: working away, Guangdong, outside the
    # region - not the 2025 farming one), workshop (local, workshop, in county), farmer,
    # poor_receiving (elderly, no job fields). poor_deceased's survey is left out.
    lab = report.labour
    assert lab.surveyed == 4
    assert lab.by_population_category == {"working_age": 3, "elderly": 1}
    assert lab.by_employment_status == {
        "working_away": 1,
        "local_employment": 1,
        "farming": 1,
        "": 1,
    }
    assert lab.by_job_channel == {"guangdong": 1, "workshop": 1, "": 2}
    assert lab.by_work_place == {"outside_region": 1, "in_county": 1, "": 2}
    # Living 16-64 year-olds never surveyed: poor_paying, poor_not_enrolled,
    # lifted_2025_enrolled, lifted_2020, poor_student, ordinary_paying, poor_employee = 7
    assert lab.not_surveyed_working_age == 7


def test_training_vacancies_and_certification(report: Report) -> None:
    # 4 trainings: 3 ended, 1 certificate, 2 employed afterwards at 3300.00 and 3000.01:
    # average 3150.005 -> 3150.01 yuan (half up).
    t = report.training
    assert (t.records, t.completed, t.with_certificate, t.employed_after) == (4, 3, 1, 2)
    assert t.average_wage_fen == 315001
    # One vacancy open with 5 posts (the other was closed); one referral hired, one waiting.
    v = report.vacancies
    assert (v.open_vacancies, v.open_posts) == (1, 5)
    assert v.referrals_by_outcome == {"hired": 1, "pending": 1}
    # Recipients: poor_receiving (certified today), poor_suspended (overdue, suspended).
    c = report.certification
    assert (c.recipients, c.certified, c.pending, c.due, c.overdue, c.suspended) == (
        2,
        1,
        0,
        0,
        1,
        1,
    )


def test_tables_show_money_as_yuan_text_with_chinese_headers(report: Report) -> None:
    tables = {t.name: t for t in report_tables(report)}
    assert list(tables) == [
        "report",
        "targets",
        "paid_premiums",
        "contributions",
        "labour",
        "training",
        "vacancies",
        "certification",
    ]
    targets = tables["targets"]
    assert targets.headers[0] == "指标 indicator"
    assert targets.rows == [
        ["参保率 participation", 4, 7, "57.14"],
        ["发放率 payment rate", 1, 3, "33.33"],
    ]
    assert tables["paid_premiums"].rows[-1] == [2026, 2, "200.00", "120.00", "80.00", "0.00"]
    assert tables["contributions"].rows[-1] == [
        2026,
        3,
        "400.00",
        "105.00",
        "200.00",
        "0.00",
        "705.00",
    ]
    assert ["培训人次 records", 4] in tables["training"].rows
    assert ["就业平均月工资(元) average monthly wage (yuan)", "3150.01"] in tables["training"].rows
    assert ["就业状态 employment status", "外出务工 working_away", 1] in tables["labour"].rows
    assert ["就业状态 employment status", "未填 not given", 1] in tables["labour"].rows
    assert ["推荐结果 referrals: 已录用 hired", 1] in tables["vacancies"].rows
    assert ["逾期未认证 overdue", 1] in tables["certification"].rows
    for table in tables.values():
        assert table.title_en and table.title_zh
        assert all(len(row) == len(table.headers) for row in table.rows)


def test_xlsx_opens_and_holds_the_figures(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "out" / "report.xlsx"
    export_xlsx(report, path)
    book = load_workbook(path)
    assert book.sheetnames == [t.title_zh for t in report_tables(report)]
    sheet = book["参保率与发放率"]
    assert [c.value for c in sheet[1]] == [
        "指标 indicator",
        "分子 numerator",
        "分母 denominator",
        "比率(%) rate (%)",
    ]
    assert all(c.font.bold for c in sheet[1])
    participation = [c.value for c in sheet[2]]
    assert participation[:3] == ["参保率 participation", 4, 7]
    assert Decimal(str(participation[3])) == Decimal("57.14")
    assert sheet.cell(row=2, column=4).number_format == "0.00"
    assert (sheet.column_dimensions["A"].width or 0) >= len("参保率 participation")
    premiums = book["政府代缴"]
    last = [c.value for c in premiums[premiums.max_row]]
    assert last[:2] == [2026, 2]
    assert [Decimal(str(v)) for v in last[2:]] == [Decimal(x) for x in ("200", "120", "80", "0")]
    # the shares add up in the sheet as well
    for row in premiums.iter_rows(min_row=2, values_only=True):
        amount, region, city, county = (Decimal(str(v)) for v in row[2:])
        assert region + city + county == amount


def test_csv_files_start_with_a_bom_and_have_the_chinese_header(
    report: Report, tmp_path: Path
) -> None:
    paths = export_csv(report, tmp_path / "csv")
    assert [p.name for p in paths] == [f"{t.name}.csv" for t in report_tables(report)]
    raw = (tmp_path / "csv" / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "csv" / "targets.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["指标 indicator", "分子 numerator", "分母 denominator", "比率(%) rate (%)"]
    assert rows[1] == ["参保率 participation", "4", "7", "57.14"]


def test_an_empty_station_reports_zeros_and_no_rates(tmp_path: Path) -> None:
    db = init_station(
        path=tmp_path / "empty.db", village_code=VILLAGE, name="空村", now=datetime(2026, 11, 27)
    )
    try:
        with db.read() as s:
            empty = station_report(session=s, on=TODAY)
    finally:
        db.close()
    assert empty.participation.rate is None and empty.payment.rate is None
    assert empty.paid_premiums == [] and empty.contributions == []
    assert empty.training.average_wage_fen is None
    export_xlsx(empty, tmp_path / "empty.xlsx")
    sheet = load_workbook(tmp_path / "empty.xlsx")["参保率与发放率"]
    assert [c.value for c in sheet[2]] == ["参保率 participation", 0, 0, None]
    assert export_csv(empty, tmp_path / "csv")


def _statements(db: Database) -> list[str]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.read() as s:
            station_report(session=s, on=TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def test_the_number_of_queries_does_not_grow_with_the_village(
    village: Village, tmp_path: Path
) -> None:
    empty = init_station(
        path=tmp_path / "empty.db", village_code=VILLAGE, name="空村", now=datetime(2026, 11, 27)
    )
    try:
        baseline = _statements(empty)
    finally:
        empty.close()
    # The same handful of bulk queries for an empty station and for a whole village, plus
    # three to net the contributions of the persons with a reversed entry (years for
    # eligibility; persons per year taken out, then counted exactly).
    assert len(_statements(village.db)) == len(baseline) + 3 <= 25
