"""The station report: the county's targets (参保率, 发放率), money ledgers by year, labour,
training, vacancies and survival certification - with xlsx and CSV export.

Like the work-lists, the report is built from a handful of bulk queries (the pension
snapshot of ``services.worklists`` plus grouped SQL over the ledgers) and the pure rules of
``domain``, so a 20,000-person station is reported in under a second.

Who is counted (all on the report date ``on``, tombstones ignored):

* participation (参保率): denominator = living persons aged 16 or more, neither students nor
  in the employee scheme, registered poor or lifted out and still within the years of
  support (the paid-premium rule); numerator = those enrolled (normal or suspended) or
  receiving the pension (active or suspended award).
* payment rate (发放率): denominator = the same poor persons aged 60 or more who may draw the
  pension under the rules (``domain.pension.eligibility``, special basic pension included) or
  already do; numerator = those with an active award.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session

from villagedesk.domain import certification as cert_rules
from villagedesk.domain.categories import (
    AwardStatus,
    CostLevel,
    EmploymentStatus,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    WorkPlace,
)
from villagedesk.domain.money import format_yuan, round_fen
from villagedesk.services.pension import MIN_ENROL_AGE, PENSION_AGE
from villagedesk.services.station import station
from villagedesk.services.worklists import (
    ENROLLED,
    LABOUR_MAX_AGE,
    RECEIVING,
    StationSnapshot,
    chunks,
    credited_fen,
    latest_birth_for_age,
    load_snapshot,
    unusual_contributors,
)
from villagedesk.store.models import (
    Contribution,
    Employer,
    LabourRegistration,
    PaidPremium,
    Person,
    Referral,
    TrainingRecord,
    Vacancy,
)

_CENT = Decimal("0.01")


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Rate:
    """A target indicator: ``rate`` is the percentage to 2 places, None without a
    denominator."""

    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        if self.denominator == 0:
            return None
        value = Decimal(self.numerator) * 100 / Decimal(self.denominator)
        return value.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PremiumYear:
    """Government-paid premiums (政府代缴) of one contribution year, net of reversals."""

    year: int
    persons: int
    amount_fen: int
    region_fen: int
    city_fen: int  # local share borne by the prefecture city (region : city = 6 : 4)
    county_fen: int  # local share borne by the county (region : county = 8 : 2)

    @property
    def local_fen(self) -> int:
        return self.city_fen + self.county_fen


@dataclass(frozen=True)
class ContributionYear:
    """Contributions credited for one year, net of reversals."""

    year: int
    persons: int  # persons with a positive net credit for the year
    personal_fen: int
    subsidy_fen: int
    paid_premium_fen: int
    collective_fen: int

    @property
    def credited_fen(self) -> int:
        return self.personal_fen + self.subsidy_fen + self.paid_premium_fen + self.collective_fen


@dataclass(frozen=True)
class LabourSummary:
    """Counts over each living person's latest labour survey ("" = not given)."""

    surveyed: int
    not_surveyed_working_age: int  # living persons aged 16-64 never surveyed
    by_population_category: dict[str, int]
    by_employment_status: dict[str, int]
    by_job_channel: dict[str, int]
    by_work_place: dict[str, int]


@dataclass(frozen=True)
class TrainingSummary:
    records: int
    completed: int
    with_certificate: int
    employed_after: int
    average_wage_fen: int | None  # of those employed afterwards with a wage recorded


@dataclass(frozen=True)
class VacancySummary:
    open_vacancies: int
    open_posts: int
    referrals_by_outcome: dict[str, int]


@dataclass(frozen=True)
class CertificationSummary:
    recipients: int  # living persons with an active or suspended award
    certified: int  # certified in the current window
    pending: int
    due: int
    overdue: int
    suspended: int


@dataclass(frozen=True)
class Report:
    on: date
    station_code: str
    participation: Rate
    payment: Rate
    paid_premiums: list[PremiumYear]
    contributions: list[ContributionYear]
    labour: LabourSummary
    training: TrainingSummary
    vacancies: VacancySummary
    certification: CertificationSummary


def station_report(*, session: Session, on: date) -> Report:
    """Build the station report on ``on``."""
    snap = load_snapshot(session=session, on=on, targets_only=True)
    participation, payment = _targets(snap)
    return Report(
        on=on,
        station_code=station(session=session).code,
        participation=participation,
        payment=payment,
        paid_premiums=_paid_premiums(session),
        contributions=_contributions(session),
        labour=_labour(session, on),
        training=_training(session, on),
        vacancies=_vacancies(session, on),
        certification=_certification(snap),
    )


def _targets(snap: StationSnapshot) -> tuple[Rate, Rate]:
    on = snap.on
    aged_16 = latest_birth_for_age(MIN_ENROL_AGE, on)
    aged_60 = latest_birth_for_age(PENSION_AGE, on)
    enrol_num = enrol_den = pay_num = pay_den = 0
    # Only persons with a status can be registered poor.
    for pid in snap.facts:
        person = snap.persons.get(pid)
        if person is None or not person.alive_on(on) or person.birth_date > aged_16:
            continue
        if person.student or person.employee_scheme or not snap.poor_supported(person):
            continue
        enrolment = snap.enrolments.get(pid)
        award = snap.awards.get(pid)
        receiving = award is not None and award.status in RECEIVING
        enrol_den += 1
        if receiving or (enrolment is not None and enrolment.status in ENROLLED):
            enrol_num += 1
        if person.birth_date > aged_60:
            continue
        elig = snap.eligibility(person)
        if receiving or (elig is not None and elig.eligible):
            pay_den += 1
            if award is not None and award.status == AwardStatus.ACTIVE.value:
                pay_num += 1
    return Rate(enrol_num, enrol_den), Rate(pay_num, pay_den)


def _tombstoned_persons() -> Select[str]:
    return select(Person.id).where(Person.deleted.is_(True))


def _paid_premiums(session: Session) -> list[PremiumYear]:
    """Per year from the paid-premium ledger; reversals carry negative amounts."""
    per_person = (
        select(
            PaidPremium.year.label("year"),
            PaidPremium.local_level.label("level"),
            func.sum(PaidPremium.amount_fen).label("amount"),
            func.sum(PaidPremium.region_fen).label("region"),
            func.sum(PaidPremium.local_fen).label("local"),
        )
        .where(
            PaidPremium.deleted.is_(False),
            PaidPremium.person_id.not_in(_tombstoned_persons()),
        )
        .group_by(PaidPremium.person_id, PaidPremium.year, PaidPremium.local_level)
        .subquery()
    )
    q = select(
        per_person.c.year,
        per_person.c.level,
        func.count(case((per_person.c.amount > 0, 1))),
        func.sum(per_person.c.amount),
        func.sum(per_person.c.region),
        func.sum(per_person.c.local),
    ).group_by(per_person.c.year, per_person.c.level)
    acc: dict[int, list[int]] = {}
    for year, level, persons, amount, region, local in session.execute(q):
        t = acc.setdefault(year, [0, 0, 0, 0, 0])
        t[0] += int(persons)
        t[1] += int(amount or 0)
        t[2] += int(region or 0)
        t[3 if level == CostLevel.CITY.value else 4] += int(local or 0)
    # A year whose every entry was reversed leaves nothing to report.
    return [PremiumYear(y, *acc[y]) for y in sorted(acc) if any(acc[y])]


def _contributions(session: Session) -> list[ContributionYear]:
    """Net amounts per year, and the persons with a positive net credit in the year.

    Persons are counted per year from the (person, year) index; the few persons with an
    unusual entry (``unusual_contributors``) are then taken out and counted exactly.
    """
    tombstoned = _tombstoned_persons()
    sums_q = (
        select(
            Contribution.year,
            func.sum(Contribution.personal_fen),
            func.sum(Contribution.subsidy_fen),
            func.sum(Contribution.paid_premium_fen),
            func.sum(Contribution.collective_fen),
        )
        .where(Contribution.deleted.is_(False), Contribution.person_id.not_in(tombstoned))
        .group_by(Contribution.year)
    )
    sums = {year: [int(v or 0) for v in rest] for year, *rest in session.execute(sums_q)}
    per_year = select(Contribution.year, func.count(distinct(Contribution.person_id)))
    persons: Counter[int] = Counter(
        {year: int(n) for year, n in session.execute(per_year.group_by(Contribution.year))}
    )
    for chunk in chunks(unusual_contributors(session)):
        counted = per_year.where(Contribution.person_id.in_(chunk)).group_by(Contribution.year)
        for year, n in session.execute(counted):
            persons[year] -= int(n)
        exact = (
            select(Contribution.year)
            .where(
                Contribution.deleted.is_(False),
                Contribution.person_id.in_(chunk),
                Contribution.person_id.not_in(tombstoned),
            )
            .group_by(Contribution.person_id, Contribution.year)
            .having(func.sum(credited_fen()) > 0)
        )
        persons.update(session.scalars(exact))
    years = [
        ContributionYear(year, persons[year], *sums.get(year, [0, 0, 0, 0]))
        for year in sorted(set(sums) | set(persons))
    ]
    # A year whose every entry was reversed leaves nothing to report.
    return [y for y in years if y.persons or y.credited_fen or y.personal_fen or y.subsidy_fen]


def _alive_on(on: date) -> ColumnElement[bool]:
    return and_(Person.deleted.is_(False), or_(Person.death_date.is_(None), Person.death_date > on))


def _labour(session: Session, on: date) -> LabourSummary:
    """Each living person's latest survey (the newest record of the latest day), and the
    living 16-64 year-olds with no survey at all. The latest survey is picked in Python from
    one indexed scan: a window function sorting every survey cost several times more."""
    aged_16 = latest_birth_for_age(MIN_ENROL_AGE, on)
    aged_65 = latest_birth_for_age(LABOUR_MAX_AGE + 1, on)
    working_age = and_(Person.birth_date > aged_65, Person.birth_date <= aged_16)
    q = (
        select(
            LabourRegistration.person_id,
            LabourRegistration.surveyed_on,
            LabourRegistration.created_hlc,
            LabourRegistration.population_category,
            LabourRegistration.employment_status,
            LabourRegistration.job_channel,
            LabourRegistration.work_place,
            Person.birth_date,
        )
        .join(Person, Person.id == LabourRegistration.person_id)
        .where(
            LabourRegistration.deleted.is_(False),
            LabourRegistration.surveyed_on <= on,
            _alive_on(on),
        )
    )
    latest: dict[str, tuple[object, ...]] = {}
    for row in session.execute(q):
        key = (row[1], row[2])
        kept = latest.get(row[0])
        if kept is None or key > kept[0]:  # type: ignore[operator]
            latest[row[0]] = (key, *row[3:])
    categories: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    places: Counter[str] = Counter()
    surveyed_working_age = 0
    for _key, category, status, channel, place, birth in latest.values():
        categories[str(category or "")] += 1
        statuses[str(status or "")] += 1
        channels[str(channel or "")] += 1
        places[str(place or "")] += 1
        if aged_65 < birth <= aged_16:  # type: ignore[operator]
            surveyed_working_age += 1
    everyone = select(func.count(Person.id)).where(_alive_on(on), working_age)
    never = (session.scalar(everyone) or 0) - surveyed_working_age
    return LabourSummary(
        surveyed=sum(categories.values()),
        not_surveyed_working_age=never,
        by_population_category=dict(categories),
        by_employment_status=dict(statuses),
        by_job_channel=dict(channels),
        by_work_place=dict(places),
    )


def _training(session: Session, on: date) -> TrainingSummary:
    return training_totals(
        session=session, on=on, where=(TrainingRecord.person_id.not_in(_tombstoned_persons()),)
    )


def training_totals(
    *, session: Session, on: date, where: tuple[ColumnElement[bool], ...] = ()
) -> TrainingSummary:
    """Training records started by ``on`` (live ones, and only those ``where`` admits too):
    completed, with a certificate, employed after, and the average wage of those employed."""
    employed = TrainingRecord.employed_after.is_(True)
    with_wage = and_(employed, TrainingRecord.monthly_wage_fen.is_not(None))
    q = select(
        func.count(),
        func.count(
            case((and_(TrainingRecord.end_date.is_not(None), TrainingRecord.end_date <= on), 1))
        ),
        func.count(case((TrainingRecord.certificate != "", 1))),
        func.count(case((employed, 1))),
        func.count(case((with_wage, 1))),
        func.sum(case((with_wage, TrainingRecord.monthly_wage_fen))),
    ).where(TrainingRecord.deleted.is_(False), TrainingRecord.start_date <= on, *where)
    records, completed, certificate, employed_n, wages_n, wages_sum = session.execute(q).one()
    average = round_fen(Decimal(int(wages_sum)) / int(wages_n)) if wages_n else None
    return TrainingSummary(
        records=int(records),
        completed=int(completed),
        with_certificate=int(certificate),
        employed_after=int(employed_n),
        average_wage_fen=average,
    )


def _vacancies(session: Session, on: date) -> VacancySummary:
    open_q = (
        select(func.count(Vacancy.id), func.sum(Vacancy.count))
        .join(Employer, Employer.id == Vacancy.employer_id)
        .where(
            Vacancy.deleted.is_(False),
            Employer.deleted.is_(False),
            Vacancy.valid_until >= on,
        )
    )
    vacancies, posts = session.execute(open_q).one()
    outcome_q = (
        select(Referral.outcome, func.count())
        .where(Referral.deleted.is_(False), Referral.referred_on <= on)
        .group_by(Referral.outcome)
    )
    outcomes = {outcome: int(n) for outcome, n in session.execute(outcome_q)}
    return VacancySummary(
        open_vacancies=int(vacancies or 0),
        open_posts=int(posts or 0),
        referrals_by_outcome=outcomes,
    )


def _certification(snap: StationSnapshot) -> CertificationSummary:
    counts: Counter[str] = Counter()
    recipients = suspended = 0
    for pid, award in snap.awards.items():
        person = snap.persons.get(pid)
        if person is None or not person.alive_on(snap.on) or award.status not in RECEIVING:
            continue
        recipients += 1
        if award.status == AwardStatus.SUSPENDED.value:
            suspended += 1
        state = snap.certification(person)
        if state is not None:
            counts[state.status] += 1
    return CertificationSummary(
        recipients=recipients,
        certified=counts[cert_rules.CERTIFIED],
        pending=counts[cert_rules.PENDING],
        due=counts[cert_rules.DUE],
        overdue=counts[cert_rules.OVERDUE],
        suspended=suspended,
    )


# --------------------------------------------------------------------------- tables

Cell = str | int


@dataclass(frozen=True)
class Table:
    """One section of the report as rows, for export and for the GUI's table views.

    Headers and row labels are Chinese followed by English; money is yuan text ("1528.80").
    ``decimal_columns`` are the columns whose text cells are decimal numbers (money, rates),
    written as numbers to a spreadsheet.
    """

    name: str  # stable code, also the CSV file name
    title_zh: str  # the sheet name
    title_en: str
    headers: list[str]
    rows: list[list[Cell]]
    decimal_columns: tuple[int, ...] = field(default=())


_NOT_GIVEN = "未填 not given"

_POPULATION_ZH: dict[str, str] = {
    PopulationCategory.UNDER_16: "16岁以下",
    PopulationCategory.WORKING_AGE: "劳动年龄内",
    PopulationCategory.ELDERLY: "老年人",
    PopulationCategory.UNABLE_TO_WORK: "丧失劳动能力",
    PopulationCategory.DECEASED: "死亡",
    PopulationCategory.MISSING: "失踪",
}
_EMPLOYMENT_ZH: dict[str, str] = {
    EmploymentStatus.FARMING: "务农",
    EmploymentStatus.WORKING_AWAY: "外出务工",
    EmploymentStatus.LOCAL_EMPLOYMENT: "就地就近就业",
    EmploymentStatus.SELF_EMPLOYED: "自主创业",
    EmploymentStatus.FLEXIBLE: "灵活就业",
    EmploymentStatus.RETURNED_NOT_WORKING: "返乡未就业",
    EmploymentStatus.NOT_TRANSFERRED: "未转移就业",
}
_CHANNEL_ZH: dict[str, str] = {
    JobChannel.GOVERNMENT: "政府组织",
    JobChannel.OWN: "自主就业",
    JobChannel.EMPLOYER: "企业组织",
    JobChannel.WORKSHOP: "扶贫车间",
    JobChannel.PUBLIC_WELFARE: "公益性岗位",
    JobChannel.GUANGDONG: "粤桂协作",
    JobChannel.OTHER: "其他",
}
_PLACE_ZH: dict[str, str] = {
    WorkPlace.IN_COUNTY: "县内",
    WorkPlace.IN_REGION: "区内县外",
    WorkPlace.OUTSIDE_REGION: "区外",
}
_OUTCOME_ZH: dict[str, str] = {
    ReferralOutcome.PENDING: "待反馈",
    ReferralOutcome.HIRED: "已录用",
    ReferralOutcome.REJECTED: "未录用",
    ReferralOutcome.DECLINED: "本人放弃",
    ReferralOutcome.NO_SHOW: "未到场",
}


def _label(code: str, names: dict[str, str]) -> str:
    if not code:
        return _NOT_GIVEN
    zh = names.get(code)
    return f"{zh} {code}" if zh else code


def _count_rows(dimension: str, counts: dict[str, int], names: dict[str, str]) -> list[list[Cell]]:
    """Rows in the vocabulary's order, then any code it does not know, then "not given"."""
    known = [str(k) for k in names]
    order = [k for k in known if k in counts]
    order += sorted(k for k in counts if k not in known and k)
    order += [k for k in ("",) if k in counts]
    return [[dimension, _label(k, names), counts[k]] for k in order]


def _rate_text(rate: Rate) -> str:
    value = rate.rate
    return "" if value is None else f"{value:.2f}"


def report_tables(report: Report) -> list[Table]:
    """Every section of ``report`` as a table, in the order of the report."""
    yuan = format_yuan
    tables = [
        Table(
            name="report",
            title_zh="报表信息",
            title_en="Report",
            headers=["项目 item", "内容 value"],
            rows=[
                ["报表日期 report date", report.on.isoformat()],
                ["服务站 station", report.station_code],
            ],
        ),
        Table(
            name="targets",
            title_zh="参保率与发放率",
            title_en="Participation and payment rates",
            headers=["指标 indicator", "分子 numerator", "分母 denominator", "比率(%) rate (%)"],
            rows=[
                [
                    "参保率 participation",
                    report.participation.numerator,
                    report.participation.denominator,
                    _rate_text(report.participation),
                ],
                [
                    "发放率 payment rate",
                    report.payment.numerator,
                    report.payment.denominator,
                    _rate_text(report.payment),
                ],
            ],
            decimal_columns=(3,),
        ),
        Table(
            name="paid_premiums",
            title_zh="政府代缴",
            title_en="Government-paid premiums",
            headers=[
                "年度 year",
                "人数 persons",
                "代缴金额(元) amount (yuan)",
                "自治区承担(元) region (yuan)",
                "设区市承担(元) city (yuan)",
                "县(市)承担(元) county (yuan)",
            ],
            rows=[
                [
                    p.year,
                    p.persons,
                    yuan(p.amount_fen),
                    yuan(p.region_fen),
                    yuan(p.city_fen),
                    yuan(p.county_fen),
                ]
                for p in report.paid_premiums
            ],
            decimal_columns=(2, 3, 4, 5),
        ),
        Table(
            name="contributions",
            title_zh="缴费情况",
            title_en="Contributions",
            headers=[
                "年度 year",
                "人数 persons",
                "个人缴费(元) personal (yuan)",
                "政府补贴(元) subsidy (yuan)",
                "政府代缴(元) paid premium (yuan)",
                "集体补助(元) collective (yuan)",
                "记账合计(元) credited (yuan)",
            ],
            rows=[
                [
                    c.year,
                    c.persons,
                    yuan(c.personal_fen),
                    yuan(c.subsidy_fen),
                    yuan(c.paid_premium_fen),
                    yuan(c.collective_fen),
                    yuan(c.credited_fen),
                ]
                for c in report.contributions
            ],
            decimal_columns=(2, 3, 4, 5, 6),
        ),
        _labour_table(report.labour),
        _training_table(report.training),
        _vacancy_table(report.vacancies),
        _certification_table(report.certification),
    ]
    return tables


def _labour_table(labour: LabourSummary) -> Table:
    rows: list[list[Cell]] = [
        ["合计 total", "已登记 surveyed", labour.surveyed],
        ["合计 total", "16-64岁未登记 aged 16-64, never surveyed", labour.not_surveyed_working_age],
    ]
    rows += _count_rows(
        "人口类别 population category", labour.by_population_category, _POPULATION_ZH
    )
    rows += _count_rows("就业状态 employment status", labour.by_employment_status, _EMPLOYMENT_ZH)
    rows += _count_rows("就业渠道 job channel", labour.by_job_channel, _CHANNEL_ZH)
    rows += _count_rows("就业地点 work place", labour.by_work_place, _PLACE_ZH)
    return Table(
        name="labour",
        title_zh="劳动力登记",
        title_en="Labour (latest survey of each person)",
        headers=["分类 dimension", "类别 category", "人数 persons"],
        rows=rows,
    )


def _training_table(training: TrainingSummary) -> Table:
    wage = training.average_wage_fen
    return Table(
        name="training",
        title_zh="技能培训",
        title_en="Training",
        headers=["项目 item", "数值 value"],
        rows=[
            ["培训人次 records", training.records],
            ["已结业 completed", training.completed],
            ["取得证书 with certificate", training.with_certificate],
            ["培训后就业 employed afterwards", training.employed_after],
            [
                "就业平均月工资(元) average monthly wage (yuan)",
                "" if wage is None else format_yuan(wage),
            ],
        ],
        decimal_columns=(1,),
    )


def _vacancy_table(vacancies: VacancySummary) -> Table:
    rows: list[list[Cell]] = [
        ["在招岗位信息 open vacancies", vacancies.open_vacancies],
        ["在招人数 open posts", vacancies.open_posts],
    ]
    for label_row in _count_rows("", vacancies.referrals_by_outcome, _OUTCOME_ZH):
        rows.append([f"推荐结果 referrals: {label_row[1]}", label_row[2]])
    return Table(
        name="vacancies",
        title_zh="岗位与推荐",
        title_en="Vacancies and referrals",
        headers=["项目 item", "数值 value"],
        rows=rows,
    )


def _certification_table(cert: CertificationSummary) -> Table:
    return Table(
        name="certification",
        title_zh="生存认证",
        title_en="Survival certification",
        headers=["项目 item", "人数 persons"],
        rows=[
            ["领取待遇人数 recipients", cert.recipients],
            ["本期已认证 certified this window", cert.certified],
            ["未到期 not yet due", cert.pending],
            ["即将到期 due", cert.due],
            ["逾期未认证 overdue", cert.overdue],
            ["已暂停发放 suspended", cert.suspended],
        ],
    )


# --------------------------------------------------------------------------- export

_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _display_width(value: Cell) -> int:
    """Columns a cell needs: CJK characters are about two columns wide."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in str(value))


def export_xlsx(report: Report, path: Path) -> None:
    """Write the report as an Excel workbook: one sheet per table, bold header row,
    column widths set, numbers stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    used: set[str] = set()
    for table in report_tables(report):
        title = table.title_zh.translate(_SHEET_FORBIDDEN)[:31]
        while title in used:
            title = title[:29] + f"_{len(used)}"
        used.add(title)
        sheet = workbook.create_sheet(title=title)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_sheet_value(v, i in table.decimal_columns) for i, v in enumerate(row)])
        for i in table.decimal_columns:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                if isinstance(cell.value, Decimal):
                    cell.number_format = "0.00"
        for i, header in enumerate(table.headers):
            width = max([_display_width(header), *(_display_width(r[i]) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(i + 1)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _sheet_value(value: Cell, decimal: bool) -> str | int | Decimal | None:
    if isinstance(value, str) and decimal:
        return Decimal(value) if value else None
    return value


def export_csv(report: Report, directory: Path) -> list[Path]:
    """Write one CSV per table into ``directory`` (UTF-8 with a BOM, so Excel reads the
    Chinese right); returns the files in the order of the report."""
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for table in report_tables(report):
        path = directory / f"{table.name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(table.headers)
            writer.writerows(table.rows)
        paths.append(path)
    return paths
