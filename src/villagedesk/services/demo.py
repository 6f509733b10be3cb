"""A realistic, deterministic demo village for an initialised station database.

``make_demo`` first *plans* the whole village from ``random.Random(seed)`` and ``today`` alone
(households, people, ID numbers, statuses, labour surveys, pension history), then *writes* the
plan, about a thousand persons per write transaction. The same seed and ``today`` therefore
give the same names, ID numbers, dates and amounts on every run. Row uuids, audit times and
HLC stamps are made by the store and are not reproducible.

Writing goes through ``store.bulk.BulkWriter``: one executemany INSERT per table per batch,
each row with the outbox mutation change capture would have written for it, and one audit
entry (``demo.generate``) per batch rather than one per event. Every money figure and derived
value is computed by the same domain and service rules the counter uses (see ``_BulkPlayer``),
and ``through_services=True`` instead plays each event through the service functions, with
``today`` set to the day it happened - some fifty times slower; the tests check that both
give the same village row for row.
"""

from __future__ import annotations

import bisect
import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import Any, NoReturn, TypeVar

from sqlalchemy.orm import Session

from villagedesk.domain import certification as cert_rules
from villagedesk.domain import pension as rules
from villagedesk.domain.categories import (
    AwardKind,
    AwardStatus,
    CertificationMethod,
    EmploymentStatus,
    EnrolmentStatus,
    EntryKind,
    JobChannel,
    PopulationCategory,
    ReferralOutcome,
    Role,
    Sex,
    StatusKind,
    WorkPlace,
)
from villagedesk.domain.division import default_division_table
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import age_on, check_char, check_id_number
from villagedesk.domain.policy import (
    CONTRIBUTION_GRADE,
    SPECIAL_PENSION,
    PaidPremiumRule,
    PolicyMissing,
    PolicySet,
)
from villagedesk.domain.uscc import ALPHABET as USCC_ALPHABET
from villagedesk.domain.uscc import check_uscc, uscc_check_char
from villagedesk.services.certification import certify
from villagedesk.services.context import Actor
from villagedesk.services.deaths import mark_deceased
from villagedesk.services.facts import YearTotals, facts_from_statuses, paid_years
from villagedesk.services.labour import (
    JOB_STATUSES,
    MIN_WORKING_AGE,
    add_employer,
    add_vacancy,
    record_labour_survey,
    record_referral_outcome,
    record_training,
    record_training_need,
    refer_to_vacancy,
)
from villagedesk.services.names import name_initials, name_pinyin
from villagedesk.services.pension import (
    MIN_ENROL_AGE,
    PENSION_AGE,
    award_pension,
    contribution_policy_day,
    enrol,
    record_contribution,
    record_payment,
    special_rule,
)
from villagedesk.services.persons import (
    HEAD,
    MemberInput,
    add_status,
    lift_out_of_poverty,
    register_household,
)
from villagedesk.services.policy import county_of, load_policy
from villagedesk.services.station import station
from villagedesk.store.audit import append_audit
from villagedesk.store.bulk import BulkWriter
from villagedesk.store.database import Database
from villagedesk.store.models import (
    BenefitAward,
    BenefitPayment,
    Certification,
    Contribution,
    Employer,
    Enrolment,
    Household,
    LabourRegistration,
    PaidPremium,
    Person,
    PersonStatus,
    Referral,
    TrainingNeed,
    TrainingRecord,
    Vacancy,
)

T = TypeVar("T")

DEMO_ACTOR = Actor(username="demo", role=Role.SUPERVISOR, display_name="演示数据")

BATCH_PERSONS = 1000  # persons per write transaction (and per bulk audit entry)
DEMO_ACTION = "demo.generate"  # the audit action of each bulk batch
PAYMENT_MONTHS = 12  # the last twelve months whose pay day has come
PAY_DAY = 10  # pensions are paid on the 10th
CERT_HISTORY_DAYS = 3 * 365  # certification history kept for about three windows
LABOUR_FROM = date(2019, 1, 1)
EARLIEST_TODAY = date(2022, 1, 1)

# --------------------------------------------------------------------------- vocabulary


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Surnames common in Guangxi, Zhuang-region ones (韦 覃 蒙 莫 黄 陆 梁 廖) weighted up.
SURNAMES: tuple[tuple[str, int], ...] = tuple(
    (item[0], int(item[1:]))
    for item in _words(
        "黄14 韦10 李9 陈8 梁7 覃6 莫5 蒙4 陆4 廖4 刘4 张4 王4 杨3 林3 罗3 周2 吴2 何2 邓2 "
        "钟2 蓝2 潘2 卢2 赵1 徐1 孙1 马1 朱1 胡1 郭1 高1"
    )
)
_SURNAME_CHOICES = tuple(s for s, _ in SURNAMES)
_SURNAME_WEIGHTS = tuple(w for _, w in SURNAMES)

# Given names by sex and era of birth (0: before 1965, 1: 1965-1989, 2: from 1990).
GIVEN_NAMES: dict[tuple[Sex, int], tuple[str, ...]] = {
    (Sex.MALE, 0): _words(
        "建国 国强 志明 福生 德贵 永福 文华 桂生 金才 有财 光明 家成 正清 绍武 树林 长青 华 福 "
        "贵 荣 寿昌 炳坤 汉文 振邦 兴旺 土生"
    ),
    (Sex.MALE, 1): _words(
        "伟 强 军 勇 斌 磊 涛 超 明 俊杰 志强 海波 建华 永辉 文斌 晓东 振宇 小龙 春生 立新 卫东 "
        "海 峰 宏 家豪 德明"
    ),
    (Sex.MALE, 2): _words(
        "浩然 子轩 宇航 俊熙 梓豪 思源 博文 一鸣 锦程 天佑 嘉豪 睿 轩 辰 宇 浩宇 铭 泽 俊宇 "
        "梓睿 皓轩 家乐 子豪 宏伟 嘉诚 振华"
    ),
    (Sex.FEMALE, 0): _words(
        "秀英 桂英 玉兰 凤英 秀珍 桂兰 玉梅 月娥 美玉 翠花 金凤 淑珍 秀兰 瑞英 桂芳 玉珍 少英 "
        "凤娟 妹 群英 月英 桂香 带娣 素芳"
    ),
    (Sex.FEMALE, 1): _words(
        "丽 芳 燕 静 娟 敏 霞 红梅 丽萍 春燕 小燕 美玲 海燕 雪梅 晓丽 丽娟 艳 玲 金莲 秋菊 彩霞 "
        "慧 小梅 少玲"
    ),
    (Sex.FEMALE, 2): _words(
        "欣怡 梓涵 诗琪 雨桐 思琪 可馨 子涵 佳怡 婉婷 若曦 语嫣 心怡 悦 雪 琳 梦瑶 紫萱 一诺 "
        "雨欣 诗涵 晓雯 丹 婷 思颖"
    ),
}

# Brothers and sisters are born at least 400 days apart.
GENERATIONS = {"子": "children", "女": "children", "孙子": "grandchildren", "孙女": "grandchildren"}
MALE_RELATIONS = frozenset({"子", "父亲", "孙子", "女婿"})
FEMALE_RELATIONS = frozenset({"女", "母亲", "孙女", "儿媳"})

PROVINCES: tuple[tuple[str, int], ...] = (
    ("广东", 70), ("浙江", 9), ("福建", 8), ("江苏", 5), ("上海", 3), ("湖南", 2), ("海南", 3),
)  # fmt: skip
CITIES = {
    "广东": ("东莞市", "深圳市", "佛山市", "广州市", "中山市", "惠州市", "江门市"),
    "浙江": ("宁波市", "温州市", "义乌市"),
    "福建": ("厦门市", "泉州市", "晋江市"),
    "江苏": ("苏州市", "昆山市"),
    "上海": ("上海市",),
    "湖南": ("长沙市",),
    "海南": ("海口市", "三亚市"),
}
REGION_CITIES = _words("南宁市 梧州市 玉林市 贵港市 柳州市 钦州市 北海市")
BRANDS = _words("鸿达 恒信 联创 金桥 兴旺 宏图 华美 新源 丰泰 盛达 永利 广源 粤桂 德兴 万达 嘉禾")
INDUSTRIES: tuple[tuple[str, str, int, int], ...] = (
    # (industry, company suffix, monthly income range in yuan outside the county)
    ("制造业", "电子有限公司", 4200, 7000),
    ("制造业", "服装有限公司", 3800, 6500),
    ("制造业", "家具有限公司", 4000, 7500),
    ("制造业", "玩具有限公司", 3800, 6000),
    ("建筑业", "建筑工程有限公司", 5000, 9000),
    ("交通运输业", "物流有限公司", 4500, 7500),
    ("住宿和餐饮业", "餐饮管理有限公司", 3500, 5500),
    ("居民服务业", "家政服务有限公司", 3500, 6500),
    ("批发和零售业", "商贸有限公司", 3200, 5200),
)
TRADES = _words(
    "电工 焊工 家政服务 育婴员 中式烹调 电子商务 挖掘机操作 汽车维修 养殖技术 美容美发 砌筑工 "
    "茶艺 缝纫工 叉车司机 种植技术 养老护理"
)
PROGRAMMES = (
    ("项目制培训", 0.45),
    ("两后生技能培训", 0.15),
    ("粤桂劳务协作订单培训", 0.15),
    ("师傅带徒弟", 0.1),
    ("创业培训", 0.15),
)
CERTIFICATES = ("初级工证书", "专项职业能力证书", "培训合格证", "")
POSTS: tuple[tuple[str, str, int, int], ...] = (
    # (post, requirements, wage range in yuan)
    ("普工", "18-45岁，身体健康，能适应两班倒", 4200, 6500),
    ("缝纫工", "会平车优先，可带徒弟", 3500, 6000),
    ("电子装配工", "视力良好，18-40岁", 4200, 6200),
    ("仓库管理员", "会电脑操作，初中以上", 3800, 5200),
    ("快递分拣员", "吃苦耐劳", 4500, 7000),
    ("家具打磨工", "有经验优先", 4500, 8000),
    ("保安", "退伍军人优先，50岁以下", 3200, 4500),
    ("厨师", "持健康证，有中式烹调经验", 4500, 7500),
    ("电工", "持电工证", 5000, 8000),
    ("焊工", "持焊工证，有经验", 5500, 9000),
    ("种植工", "熟悉果树管理", 2200, 3500),
    ("叉车司机", "持叉车证", 5000, 7000),
)
CERT_METHODS: tuple[tuple[CertificationMethod, int], ...] = (
    (CertificationMethod.COUNTER, 40),
    (CertificationMethod.SELF_SERVICE, 30),
    (CertificationMethod.HOME_VISIT, 15),
    (CertificationMethod.DATA_MATCHING, 15),
)
GRADES_YUAN: tuple[tuple[int, int], ...] = (
    (100, 70), (200, 12), (300, 8), (400, 2), (500, 5), (1000, 2), (2000, 1),
)  # fmt: skip

PHONE_PREFIXES = _words(
    "130 131 132 135 136 137 138 139 150 151 152 155 156 157 158 159 177 180 183 185 186 187 "
    "188 189 191 199"
)

# --------------------------------------------------------------------------- the summary


@dataclass(frozen=True)
class DemoSummary:
    households: int
    persons: int
    enrolled: int
    pensioners: int
    contributions: int
    payments: int
    certifications: int
    labour_records: int
    statuses: int = 0
    training_needs: int = 0
    trainings: int = 0
    employers: int = 0
    vacancies: int = 0
    referrals: int = 0
    deaths: int = 0
    deaths_not_stopped: int = 0
    overdue_certifications: int = 0


@dataclass
class _Counts:
    households: int = 0
    persons: int = 0
    enrolled: int = 0
    pensioners: int = 0
    contributions: int = 0
    payments: int = 0
    certifications: int = 0
    labour_records: int = 0
    statuses: int = 0
    training_needs: int = 0
    trainings: int = 0
    employers: int = 0
    vacancies: int = 0
    referrals: int = 0
    deaths: int = 0
    deaths_not_stopped: int = 0
    overdue_certifications: int = 0

    def frozen(self) -> DemoSummary:
        return DemoSummary(**self.__dict__)


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class _Status:
    kind: StatusKind
    start: date
    level: int | None = None


@dataclass(frozen=True)
class _Job:
    status: EmploymentStatus
    channel: JobChannel | None = None
    place: WorkPlace | None = None
    province: str = ""
    employer: str = ""
    industry: str = ""
    income_fen: int | None = None


@dataclass(frozen=True)
class _Survey:
    on: date
    category: PopulationCategory
    job: _Job | None
    wants_work: bool
    training_trade: str
    wants_business: bool
    note: str


@dataclass(frozen=True)
class _Training:
    programme: str
    trade: str
    start: date
    end: date | None
    certificate: str
    employed_after: bool | None
    wage_fen: int | None


@dataclass(frozen=True)
class _Referral:
    vacancy: int  # index into the plan's vacancies
    on: date
    outcome: ReferralOutcome
    outcome_on: date | None
    wage_fen: int | None


@dataclass(frozen=True)
class _Enrolment:
    on: date
    grade_fen: int
    paid: tuple[tuple[int, date], ...]  # (year, paid on)


@dataclass
class _Member:
    relation: str
    sex: Sex
    birth: date
    surname: str = ""
    name: str = ""
    id_number: str = ""
    phone: str = ""
    statuses: list[_Status] = field(default_factory=list)
    lifted_out_year: int | None = None
    surveys: list[_Survey] = field(default_factory=list)
    needs: list[tuple[date, str]] = field(default_factory=list)
    trainings: list[_Training] = field(default_factory=list)
    referrals: list[_Referral] = field(default_factory=list)
    enrolment: _Enrolment | None = None
    award_on: date | None = None
    certifications: list[tuple[date, CertificationMethod]] = field(default_factory=list)
    payment_months: list[date] = field(default_factory=list)
    death: date | None = None
    death_reported: date | None = None
    death_stopped: bool = True  # False: recorded without stopping the payment
    overdue: bool = False


@dataclass
class _Household:
    address: str
    phone: str
    relocated: bool
    members: list[_Member]


@dataclass(frozen=True)
class _EmployerPlan:
    name: str
    uscc: str
    contact: str
    phone: str
    address: str
    added_on: date


@dataclass(frozen=True)
class _VacancyPlan:
    employer: int
    post: str
    requirements: str
    count: int
    wage_min_fen: int
    wage_max_fen: int
    place: str
    posted_on: date
    valid_until: date


# --------------------------------------------------------------------------- date helpers


def _years_before(day: date, years: int) -> date:
    year = day.year - years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _rand_date(rng: Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _birth_for_age(rng: Random, age: int, today: date) -> date:
    lo = _years_before(today, age + 1) + timedelta(days=1)
    hi = _years_before(today, age)
    return _rand_date(rng, lo, hi)


def _pick(rng: Random, options: Sequence[tuple[T, int]]) -> T:
    values = [v for v, _ in options]
    weights = [w for _, w in options]
    return rng.choices(values, weights=weights)[0]


# --------------------------------------------------------------------------- identifiers


def _org_code(rng: Random) -> str:
    """A 9-character organisation code (GB 11714) with its own check character."""
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    values = [int(c) if c.isdigit() else ord(c) - ord("A") + 10 for c in body]
    total = sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def _uscc(rng: Random, division6: str, *, kind: str = "91") -> str:
    first17 = kind + division6 + _org_code(rng)
    assert all(c in USCC_ALPHABET for c in first17)
    return first17 + uscc_check_char(first17)


def _phone(rng: Random) -> str:
    prefix = rng.choice(PHONE_PREFIXES)
    return prefix + "".join(rng.choice("0123456789") for _ in range(8))


# --------------------------------------------------------------------------- the planner


class _Planner:
    """Makes the whole village from the random generator; touches no database."""

    def __init__(
        self,
        *,
        rng: Random,
        today: date,
        village_code: str,
        station_name: str,
        policy: PolicySet,
    ) -> None:
        self.rng = rng
        self.today = today
        self.village_code = village_code
        self.county = county_of(village_code)
        self.policy = policy
        self.scheme = policy.scheme_rule(today, self.county)
        self.special = policy.special_pension_rule(today, self.county)
        self.cert_rule = policy.certification_rule(today, self.county)
        grade_from = min(r.effective_from for r in policy.rows() if r.table == CONTRIBUTION_GRADE)
        self.enrol_from = max(grade_from, self.scheme.scheme_start)
        self.award_from = min(r.effective_from for r in policy.rows() if r.table == SPECIAL_PENSION)
        table = default_division_table()
        self.county_name = table.name(self.county) or ""
        self.village_name = _village_label(station_name)
        prefecture = table.prefecture_of(self.county)
        counties = [e.code for e in table.counties() if e.code != self.county]
        self.other_counties = counties or [self.county]
        former = table.counties(include_former=True)
        former_codes = [e.code for e in former if e.level == "county_former"]
        same_prefecture = [
            e.code for e in former if e.level == "county_former" and e.parent == prefecture
        ]
        self.former_counties = same_prefecture or former_codes or [self.county]
        self.ids: set[str] = set()
        self.houses: dict[int, int] = {}
        self.groups = 1
        self.employers: list[_EmployerPlan] = []
        self.vacancies: list[_VacancyPlan] = []
        self.hired: list[int] = []
        self.pensioner_index = 0
        self.want_overdue = False
        self.want_unstopped = False
        self.unstopped = 0

    # -- employers and vacancies ---------------------------------------------------------

    def plan_employers(self) -> None:
        rng = self.rng
        specs: list[tuple[str, str, str, str]] = [
            # (name, division code, credit-code kind, address)
            (
                f"{self.county_name}{rng.choice(BRANDS)}服装有限公司",
                self.county,
                "91",
                f"{self.county_name}扶贫车间",
            ),
            (
                f"{self.county_name}{rng.choice(BRANDS)}种养专业合作社",
                self.county,
                "93",
                f"{self.county_name}{self.village_name}",
            ),
            (f"梧州市{rng.choice(BRANDS)}电子科技有限公司", "450403", "91", "梧州市万秀区"),
            (f"南宁市{rng.choice(BRANDS)}物流有限公司", "450103", "91", "南宁市青秀区"),
            (f"东莞市{rng.choice(BRANDS)}电子有限公司", "441900", "91", "广东省东莞市长安镇"),
            (f"深圳市{rng.choice(BRANDS)}科技有限公司", "440306", "91", "广东省深圳市宝安区"),
            (f"佛山市{rng.choice(BRANDS)}家具有限公司", "440606", "91", "广东省佛山市顺德区"),
            (f"中山市{rng.choice(BRANDS)}灯饰有限公司", "442000", "91", "广东省中山市古镇"),
        ]
        for name, division, kind, address in specs:
            surname = rng.choices(_SURNAME_CHOICES, weights=_SURNAME_WEIGHTS)[0]
            self.employers.append(
                _EmployerPlan(
                    name=name,
                    uscc=_uscc(rng, division, kind=kind),
                    contact=surname + rng.choice(("经理", "主管", "女士", "先生")),
                    phone=_phone(rng),
                    address=address,
                    added_on=_rand_date(rng, date(2020, 1, 1), self.today - timedelta(days=400)),
                )
            )
        for e_index, employer in enumerate(self.employers):
            place = employer.address
            for _ in range(rng.randint(1, 3)):
                post, req, lo, hi = rng.choice(POSTS)
                if rng.random() < 0.55:  # open now
                    posted = _rand_date(rng, self.today - timedelta(days=60), self.today)
                    until = self.today + timedelta(days=rng.randint(20, 120))
                else:  # an earlier campaign, closed
                    posted = _rand_date(rng, employer.added_on, self.today - timedelta(days=150))
                    until = posted + timedelta(days=rng.randint(30, 90))
                self.vacancies.append(
                    _VacancyPlan(
                        employer=e_index,
                        post=post,
                        requirements=req,
                        count=rng.choice((3, 5, 10, 20, 30)),
                        wage_min_fen=lo * 100,
                        wage_max_fen=hi * 100,
                        place=place,
                        posted_on=posted,
                        valid_until=until,
                    )
                )
                self.hired.append(0)

    # -- households ------------------------------------------------------------------------

    def plan_household(self, room: int) -> _Household:
        """One household of at most ``room`` members (``room`` >= 1)."""
        rng = self.rng
        members = self._family()[:room]
        self._surnames(members)
        for m in members:
            m.name = m.surname + self._given_name(m)
            m.id_number = self._id_number(m)
        relocated = False
        poor = rng.random() < 0.18
        if rng.random() < (0.25 if poor else 0.01):
            relocated = True
        household_phone = _phone(rng)
        for m in members:
            age = age_on(m.birth, self.today)
            if 18 <= age <= 70 and m.relation != HEAD and rng.random() < 0.6:
                m.phone = _phone(rng)
        self._statuses(members, poor=poor, relocated=relocated)
        for m in members:
            self._death(m)
            self._labour(m)
            self._pension(m)
        return _Household(
            address=self._address(relocated),
            phone=household_phone,
            relocated=relocated,
            members=members,
        )

    def _family(self) -> list[_Member]:
        rng = self.rng
        kind = _pick(rng, (("elderly", 26), ("young", 15), ("middle", 27), ("three", 32)))
        ages: list[tuple[str, int]] = []  # (relation, age now)

        def old_age() -> int:
            decade = _pick(rng, ((60, 36), (70, 34), (80, 22), (90, 8)))
            return min(95, decade + rng.randint(0, 9))

        def parents(of: int) -> None:
            for relation in ("父亲", "母亲"):
                parent = of + rng.randint(22, 32)
                if parent <= 95 and rng.random() < 0.45:
                    ages.append((relation, parent))

        if kind == "elderly":
            head = old_age()
            ages.append((HEAD, head))
            if rng.random() < 0.55:
                ages.append(("配偶", max(58, min(95, head + rng.randint(-5, 4)))))
        elif kind == "young":
            head = rng.randint(26, 44)
            ages.append((HEAD, head))
            ages.append(("配偶", max(22, head + rng.randint(-5, 3))))
            for _ in range(_pick(rng, ((1, 25), (2, 50), (3, 25)))):
                child = head - rng.randint(20, 32)
                if child >= 0:
                    ages.append((rng.choice(("子", "女")), child))
            parents(head)
        elif kind == "middle":
            head = rng.randint(42, 62)
            ages.append((HEAD, head))
            if rng.random() < 0.9:
                ages.append(("配偶", max(38, head + rng.randint(-5, 3))))
            for _ in range(rng.randint(1, 2)):
                child = head - rng.randint(20, 32)
                if child < 0:
                    continue
                relation = rng.choice(("子", "女"))
                ages.append((relation, child))
                if relation == "子" and child >= 22 and rng.random() < 0.4:
                    ages.append(("儿媳", max(20, child + rng.randint(-4, 2))))
                    for _ in range(rng.randint(1, 2)):
                        grandchild = child - rng.randint(20, 30)
                        if grandchild >= 0:
                            ages.append((rng.choice(("孙子", "孙女")), grandchild))
            parents(head)
        else:
            head = rng.randint(56, 78)
            ages.append((HEAD, head))
            if rng.random() < 0.72:
                ages.append(("配偶", max(52, min(95, head + rng.randint(-5, 3)))))
            son = head - rng.randint(24, 32)
            # The son's family often registered elsewhere; the grandchildren stay behind.
            if rng.random() < 0.7:
                ages.append(("子", son))
                if rng.random() < 0.6:
                    ages.append(("儿媳", max(20, son + rng.randint(-4, 2))))
            for _ in range(_pick(rng, ((1, 30), (2, 45), (3, 25)))):
                grandchild = son - rng.randint(22, 30)
                if grandchild >= 0:
                    ages.append((rng.choice(("孙子", "孙女")), grandchild))
            if rng.random() < 0.2:
                ages.append(("女", head - rng.randint(20, 34)))
        members: list[_Member] = []
        last_birth: dict[str, date] = {}  # per generation, to space brothers and sisters
        for relation, age in ages[:7]:
            if relation == HEAD:
                sex = Sex.MALE if rng.random() < 0.82 else Sex.FEMALE
            elif relation == "配偶":
                sex = Sex.FEMALE if members[0].sex is Sex.MALE else Sex.MALE
            elif relation in MALE_RELATIONS:
                sex = Sex.MALE
            else:
                sex = Sex.FEMALE
            birth = _birth_for_age(rng, age, self.today)
            generation = GENERATIONS.get(relation)
            if generation is not None:
                previous = last_birth.get(generation)
                if previous is not None and abs((birth - previous).days) < 400:
                    birth = previous + timedelta(days=rng.randint(400, 1500))
                    if birth > self.today:
                        continue
                last_birth[generation] = max(birth, previous or birth)
            members.append(_Member(relation, sex, birth))
        return members

    def _surname(self) -> str:
        return self.rng.choices(_SURNAME_CHOICES, weights=_SURNAME_WEIGHTS)[0]

    def _surnames(self, members: list[_Member]) -> None:
        """Wives keep their own surnames; children take the father's (a few the mother's)."""
        rng = self.rng
        head = members[0]
        head.surname = self._surname()
        spouse = next((m for m in members if m.relation == "配偶"), None)
        if spouse is not None:
            spouse.surname = self._surname()
        father = head if head.sex is Sex.MALE or spouse is None else spouse
        mother = spouse if father is head and spouse is not None else head
        for m in members[1:]:
            if m.relation in ("子", "女"):
                m.surname = mother.surname if rng.random() < 0.06 else father.surname
            elif m.relation in ("孙子", "孙女"):
                m.surname = father.surname
            elif m.relation == "父亲":
                m.surname = head.surname
            elif m is not spouse:
                m.surname = self._surname()

    def _given_name(self, m: _Member) -> str:
        era = 0 if m.birth.year < 1965 else 1 if m.birth.year < 1990 else 2
        return self.rng.choice(GIVEN_NAMES[(m.sex, era)])

    def _id_number(self, m: _Member) -> str:
        rng = self.rng
        roll = rng.random()
        if m.birth.year < 1970 and roll < 0.06:
            county = rng.choice(self.former_counties)  # kept an old county's number
        elif roll < 0.16:
            county = rng.choice(self.other_counties)  # married or moved in from elsewhere
        else:
            county = self.county
        digits = "13579" if m.sex is Sex.MALE else "02468"
        while True:
            seq = f"{rng.randint(0, 99):02d}{rng.choice(digits)}"
            if seq == "000":
                continue
            first17 = f"{county}{m.birth:%Y%m%d}{seq}"
            number = first17 + check_char(first17)
            if number not in self.ids:
                self.ids.add(number)
                return number

    def _address(self, relocated: bool) -> str:
        rng = self.rng
        place = f"{self.county_name}{self.village_name}"
        if relocated:
            block, floor, door = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 4)
            return f"{place}易地扶贫搬迁安置点{block}栋{floor}0{door}室"
        if self.houses.get(self.groups, 0) >= 40:
            self.groups += 1
        group = rng.randint(max(1, self.groups - 2), self.groups)
        number = self.houses.get(group, 0) + 1
        self.houses[group] = number
        return f"{place}第{group}组{number}号"

    # -- statuses --------------------------------------------------------------------------

    def _statuses(self, members: list[_Member], *, poor: bool, relocated: bool) -> None:
        rng = self.rng
        today = self.today
        if poor:
            start = _rand_date(rng, date(2014, 4, 1), date(2016, 12, 31))
            lifted = _pick(
                rng,
                ((2016, 3), (2017, 7), (2018, 15), (2019, 35), (2020, 30), (None, 10)),
            )
            for m in members:
                if lifted is not None and m.birth.year > lifted:
                    continue  # born after the household was lifted out: never on the list
                begin = max(start, m.birth)
                if begin > today:
                    continue
                m.statuses.append(_Status(StatusKind.REGISTERED_POOR, begin))
                if lifted is not None and lifted >= begin.year:
                    m.lifted_out_year = min(lifted, today.year)
        if relocated:
            start = _rand_date(rng, date(2017, 3, 1), date(2019, 12, 31))
            for m in members:
                begin = max(start, m.birth)
                if begin <= today:
                    m.statuses.append(_Status(StatusKind.RELOCATION, begin))
        if rng.random() < (0.25 if poor else 0.04):
            start = _rand_date(rng, date(2015, 1, 1), min(date(2024, 12, 31), today))
            level = _pick(rng, ((1, 30), (2, 45), (3, 25)))
            for m in members:
                if m.birth <= start:
                    m.statuses.append(_Status(StatusKind.DIBAO, start, level))
        head = members[0]
        head_age = age_on(head.birth, today)
        if len(members) == 1 and head_age >= 60 and rng.random() < 0.12:
            start = _rand_date(rng, date(2016, 1, 1), min(date(2023, 12, 31), today))
            head.statuses.append(_Status(StatusKind.TEKUN, start, rng.randint(1, 3)))
        if len(members) == 2 and head_age >= 60 and rng.random() < 0.05:
            start = _rand_date(rng, date(2012, 1, 1), min(date(2020, 12, 31), today))
            for m in members:
                m.statuses.append(_Status(StatusKind.FAMILY_PLANNING, start))
        for m in members:
            earliest = max(m.birth + timedelta(days=365), date(2010, 1, 1))
            if earliest <= today and rng.random() < 0.04:
                grade = _pick(rng, ((1, 10), (2, 20), (3, 30), (4, 40)))
                m.statuses.append(
                    _Status(StatusKind.DISABILITY, _rand_date(rng, earliest, today), grade)
                )

    def _has(self, m: _Member, kind: StatusKind) -> _Status | None:
        return next((s for s in m.statuses if s.kind is kind), None)

    # -- labour ----------------------------------------------------------------------------

    def _death(self, m: _Member) -> None:
        """Deaths: mostly the old, in the last two and a half years."""
        rng = self.rng
        age = age_on(m.birth, self.today)
        if age >= 65 and rng.random() < 0.02 + (age - 65) * 0.004:
            m.death = _rand_date(
                rng, self.today - timedelta(days=900), self.today - timedelta(days=20)
            )
            m.death_reported = min(self.today, m.death + timedelta(days=rng.randint(3, 60)))

    def _last_day(self, m: _Member) -> date:
        """The last day the person can do anything at the counter."""
        return self.today if m.death is None else m.death - timedelta(days=1)

    def _labour(self, m: _Member) -> None:
        rng = self.rng
        age = age_on(m.birth, self.today)
        if not 16 <= age <= 64:
            return
        lo = max(LABOUR_FROM, rules.anniversary(m.birth, 16))
        hi = min(self._last_day(m), rules.anniversary(m.birth, 65) - timedelta(days=1))
        if lo > hi:
            return
        poor = self._has(m, StatusKind.REGISTERED_POOR) is not None
        disability = self._has(m, StatusKind.DISABILITY)
        severe = disability is not None and disability.level is not None and disability.level <= 2
        count = _pick(rng, ((1, 35), (2, 40), (3, 25)))
        days = {_rand_date(rng, lo, hi) for _ in range(count)}
        this_year = max(lo, date(self.today.year, 1, 1))
        if this_year <= hi and rng.random() < 0.6:  # most were surveyed again this year
            days.add(_rand_date(rng, this_year, hi))
        days = set(sorted(days)[-3:])
        job: _Job | None = None
        for on in sorted(days):
            survey_age = age_on(m.birth, on)
            if severe and disability is not None and disability.start <= on:
                m.surveys.append(
                    _Survey(on, PopulationCategory.UNABLE_TO_WORK, None, False, "", False, "")
                )
                continue
            if job is None or rng.random() < 0.35:
                job = self._job(survey_age, poor=poor, on=on)
            trade = rng.choice(TRADES) if rng.random() < (0.35 if poor else 0.15) else ""
            note = (
                "在校学生"
                if job.status is EmploymentStatus.NOT_TRANSFERRED and survey_age < 20
                else ""
            )
            looking = job.status in (
                EmploymentStatus.RETURNED_NOT_WORKING,
                EmploymentStatus.NOT_TRANSFERRED,
                EmploymentStatus.FARMING,
            )
            m.surveys.append(
                _Survey(
                    on=on,
                    category=PopulationCategory.WORKING_AGE,
                    job=job,
                    wants_work=looking and not note and rng.random() < 0.5,
                    training_trade=trade,
                    wants_business=rng.random() < 0.04,
                    note=note,
                )
            )
        # Every poor labourer's training needs are surveyed; some others ask too.
        if rng.random() < (0.6 if poor and age < 60 else 0.04):
            m.needs.append((_rand_date(rng, lo, hi), rng.choice(TRADES)))
        if rng.random() < (0.25 if age <= 22 else 0.12 if poor else 0.05):
            self._training(m, lo, hi, young=age <= 22)
        wants = any(s.wants_work for s in m.surveys)
        if rng.random() < (0.2 if wants else 0.02):
            self._referral(m, hi)

    def _job(self, age: int, *, poor: bool, on: date) -> _Job:
        rng = self.rng
        if age < 20 and rng.random() < 0.6:
            return _Job(EmploymentStatus.NOT_TRANSFERRED)
        if age < 46:
            weights = (
                ("away", 55),
                ("local", 14),
                ("self", 5),
                ("flex", 6),
                ("farm", 12),
                ("returned", 5),
                ("none", 3),
            )
        else:
            weights = (
                ("away", 22),
                ("local", 14),
                ("self", 4),
                ("flex", 10),
                ("farm", 40),
                ("returned", 4),
                ("none", 6),
            )
        kind = _pick(rng, weights)
        if on.year == 2020 and kind == "away" and rng.random() < 0.25:
            kind = "returned"  # stayed home in the 2020 epidemic
        if kind == "farm":
            return _Job(EmploymentStatus.FARMING)
        if kind == "returned":
            return _Job(EmploymentStatus.RETURNED_NOT_WORKING)
        if kind == "none":
            return _Job(EmploymentStatus.NOT_TRANSFERRED)
        industry, suffix, lo, hi = rng.choice(INDUSTRIES)
        if kind == "away":
            place = _pick(rng, ((WorkPlace.OUTSIDE_REGION, 72), (WorkPlace.IN_REGION, 28)))
            if place is WorkPlace.OUTSIDE_REGION:
                province = _pick(rng, PROVINCES)
                city = rng.choice(CITIES[province])
                channel = _pick(
                    rng,
                    (
                        (JobChannel.OWN, 55),
                        (JobChannel.GUANGDONG, 15 if province == "广东" else 0),
                        (JobChannel.GOVERNMENT, 10),
                        (JobChannel.EMPLOYER, 15),
                        (JobChannel.OTHER, 5),
                    ),
                )
                income = rng.randint(lo, hi)
            else:
                province = ""
                city = rng.choice(REGION_CITIES)
                channel = _pick(
                    rng,
                    (
                        (JobChannel.OWN, 60),
                        (JobChannel.GOVERNMENT, 15),
                        (JobChannel.EMPLOYER, 20),
                        (JobChannel.OTHER, 5),
                    ),
                )
                income = rng.randint(lo * 8 // 10, hi * 8 // 10)
            return _Job(
                EmploymentStatus.WORKING_AWAY,
                channel,
                place,
                province,
                f"{city}{rng.choice(BRANDS)}{suffix}",
                industry,
                income // 100 * 10000,
            )
        if kind == "local":
            channel = _pick(
                rng,
                (
                    (JobChannel.WORKSHOP, 30),
                    (JobChannel.PUBLIC_WELFARE, 25 if poor else 5),
                    (JobChannel.OWN, 35),
                    (JobChannel.GOVERNMENT, 10),
                ),
            )
            if channel is JobChannel.PUBLIC_WELFARE:
                employer = f"{self.village_name}委会"
                industry, income = "公共管理", rng.randint(800, 1500)
            elif channel is JobChannel.WORKSHOP:
                employer = f"{self.county_name}{rng.choice(BRANDS)}扶贫车间"
                income = rng.randint(1500, 2800)
            else:
                employer = f"{self.county_name}{rng.choice(BRANDS)}{suffix}"
                income = rng.randint(2000, 4000)
            return _Job(
                EmploymentStatus.LOCAL_EMPLOYMENT,
                channel,
                WorkPlace.IN_COUNTY,
                "",
                employer,
                industry,
                income // 100 * 10000,
            )
        status = EmploymentStatus.SELF_EMPLOYED if kind == "self" else EmploymentStatus.FLEXIBLE
        industry = rng.choice(
            ("批发和零售业", "住宿和餐饮业", "交通运输业", "农林牧渔业", "建筑业")
        )
        return _Job(
            status,
            JobChannel.OWN,
            WorkPlace.IN_COUNTY,
            "",
            "",
            industry,
            rng.randint(1500, 4500) // 100 * 10000,
        )

    def _training(self, m: _Member, lo: date, hi: date, *, young: bool) -> None:
        rng = self.rng
        programme = (
            "两后生技能培训"
            if young and rng.random() < 0.6
            else _pick(rng, [(p, int(w * 100)) for p, w in PROGRAMMES])
        )
        start = _rand_date(rng, lo, hi)
        end: date | None = start + timedelta(days=rng.randint(7, 90))
        certificate = ""
        employed: bool | None = None
        wage: int | None = None
        if end is not None and end > self.today:
            end = None
        else:
            certificate = rng.choice(CERTIFICATES)
            employed = rng.random() < 0.65
            if employed:
                wage = rng.randint(2500, 4500) * 100
        m.trainings.append(
            _Training(programme, rng.choice(TRADES), start, end, certificate, employed, wage)
        )

    def _referral(self, m: _Member, last: date) -> None:
        rng = self.rng
        if not self.vacancies:
            return
        sixteen = rules.anniversary(m.birth, 16)
        index = rng.randrange(len(self.vacancies))
        vacancy = self.vacancies[index]
        lo = max(vacancy.posted_on, sixteen)
        hi = min(vacancy.valid_until, last)
        if lo > hi:
            return
        on = _rand_date(rng, lo, hi)
        outcome = _pick(
            rng,
            (
                (ReferralOutcome.HIRED, 35),
                (ReferralOutcome.REJECTED, 20),
                (ReferralOutcome.DECLINED, 25),
                (ReferralOutcome.NO_SHOW, 20),
            ),
        )
        # Never fill a vacancy completely, so every referral is accepted in any order.
        if outcome is ReferralOutcome.HIRED and self.hired[index] + 1 >= vacancy.count:
            outcome = ReferralOutcome.DECLINED
        outcome_on: date | None = min(self.today, on + timedelta(days=rng.randint(2, 20)))
        if vacancy.valid_until >= self.today and rng.random() < 0.5:
            outcome, outcome_on = ReferralOutcome.PENDING, None
        wage = None
        if outcome is ReferralOutcome.HIRED:
            self.hired[index] += 1
            wage = rng.randint(vacancy.wage_min_fen // 100, vacancy.wage_max_fen // 100) * 100
        m.referrals.append(_Referral(index, on, outcome, outcome_on, wage))

    # -- pension ---------------------------------------------------------------------------

    def _pension(self, m: _Member) -> None:
        rng = self.rng
        today = self.today
        age = age_on(m.birth, today)
        pension_day = rules.anniversary(m.birth, self.scheme.pension_age)
        poor = self._has(m, StatusKind.REGISTERED_POOR) is not None
        # Enrolment: most 16-59 year-olds, and the older ones who were under 60 when the
        # scheme started.
        if 16 <= age <= 76:
            share = 0.25 if age < 20 else 1.0 if poor else 0.86
            if rng.random() < share:
                m.enrolment = self._enrolment(m, pension_day, poor=poor)
        if age >= self.scheme.pension_age:
            self._award(m, pension_day)

    def _enrolment(self, m: _Member, pension_day: date, *, poor: bool) -> _Enrolment | None:
        rng = self.rng
        today = self.today
        earliest = max(self.enrol_from, rules.anniversary(m.birth, 16))
        latest = min(self._last_day(m), pension_day - timedelta(days=1))
        if earliest > latest:
            return None
        if earliest == self.enrol_from and rng.random() < 0.75:
            # Most adults joined in the first campaigns after the scheme started.
            on = _rand_date(rng, earliest, min(latest, earliest + timedelta(days=900)))
        else:
            on = _rand_date(rng, earliest, min(latest, earliest + timedelta(days=5 * 365)))
        grades = {g.grade_fen for g in self.policy.contribution_grades(on, self.county)}
        if poor and rng.random() < 0.95 and 10000 in grades:
            grade = 10000
        else:
            grade = _pick(rng, [(y * 100, w) for y, w in GRADES_YUAN if y * 100 in grades])
        paid: list[tuple[int, date]] = []
        gap_rate = 0.02 if poor else 0.08
        for year in range(on.year, today.year + 1):
            if year < m.birth.year + 16 or age_on(m.birth, date(year, 1, 1)) >= 60:
                continue
            lo = max(on, date(year, 1, 15))
            hi = min(date(year, 12, 20), latest)
            if lo > hi:
                continue
            if year == today.year:
                if rng.random() > (0.75 if today.month >= 3 else 0.2):
                    continue  # not paid yet this year
            elif rng.random() < gap_rate:
                continue
            paid.append((year, _rand_date(rng, lo, hi)))
        if not paid:
            return None
        return _Enrolment(on, grade, tuple(paid))

    def _categories(self, m: _Member, on: date) -> set[str]:
        cats = set()
        for s in m.statuses:
            if s.start <= on and s.kind in (
                StatusKind.REGISTERED_POOR,
                StatusKind.DIBAO,
                StatusKind.TEKUN,
            ):
                cats.add(s.kind.value)
        return cats

    def _award(self, m: _Member, pension_day: date) -> None:
        rng = self.rng
        today = self.today
        years = len(m.enrolment.paid) if m.enrolment is not None else 0
        # Awards are dated from December 2018 at the earliest: award_pension asks for the
        # special-pension rule on the award day and that table starts 2018-12-01, so an older
        # award date is refused (PolicyMissing). Earlier pensioners look re-awarded then.
        start = max(pension_day, self.scheme.scheme_start, self.award_from)
        elig = self._eligibility(m, start, years)
        if elig is None or not elig.eligible:
            # Perhaps later, through a status (低保, 特困) that began after that day.
            for day in sorted(s.start for s in m.statuses if s.start > start):
                elig = self._eligibility(m, day, years)
                if elig is not None and elig.eligible:
                    start = day
                    break
            else:
                return
        on = start + timedelta(days=rng.randint(5, 75))
        if on > today:
            return
        if m.death is not None and on + timedelta(days=30) >= m.death:
            m.death = m.death_reported = None  # keep the story simple: they are still alive
        elig = self._eligibility(m, on, years)
        if elig is None or not elig.eligible or elig.kind is None or elig.first_month is None:
            return
        first_month = elig.first_month
        if elig.kind is not AwardKind.SPECIAL:
            first_month = max(first_month, rules.first_of_month(on))
        m.award_on = on
        if m.death is None:
            self.pensioner_index += 1
            if self.pensioner_index % 30 == 3:
                self.want_overdue = True
            if self.pensioner_index % 400 == 10 and self.unstopped < 3:
                self.want_unstopped = True
        self._certifications(m, first_month)
        self._payments(m, first_month)

    def _eligibility(self, m: _Member, on: date, years: int) -> rules.Eligibility | None:
        if on > self.today:
            return None
        return rules.eligibility(
            birth_date=m.birth,
            on=on,
            contribution_years=years,
            has_other_state_pension=False,
            scheme=self.scheme,
            special_categories=self._categories(m, on),
            guangxi_hukou=True,
            special=self.special,
        )

    def _certifications(self, m: _Member, first_month: date) -> None:
        rng = self.rng
        today = self.today
        assert m.award_on is not None
        current = cert_rules.window_for(birth_date=m.birth, on=today, rule=self.cert_rule)
        first = cert_rules.window_for(birth_date=m.birth, on=first_month, rule=self.cert_rule)
        previous = cert_rules.window_for(
            birth_date=m.birth, on=current[0] - timedelta(days=1), rule=self.cert_rule
        )
        if (
            self.want_overdue
            and m.death is None
            and first[0] < previous[0]
            and m.award_on < previous[0]
        ):
            m.overdue = True
            self.want_overdue = False
        elif self.want_unstopped and m.death is None and m.award_on < today - timedelta(days=200):
            # Reported dead by public security a few weeks ago; the clerk has not yet stopped
            # the payment (the work-list "deceased, payment not stopped" must show it).
            self.want_unstopped = False
            self.unstopped += 1
            m.death = _rand_date(rng, today - timedelta(days=120), today - timedelta(days=40))
            m.death_reported = min(today, m.death + timedelta(days=rng.randint(5, 25)))
            m.death_stopped = False
        window = first
        history_from = today - timedelta(days=CERT_HISTORY_DAYS)
        while window[0] <= today:
            nxt = cert_rules.window_for(
                birth_date=m.birth, on=window[1] + timedelta(days=1), rule=self.cert_rule
            )
            if window[1] < history_from:
                window = nxt
                continue
            lo = max(window[0], m.award_on)
            hi = min(window[1], today)
            if m.death is not None:
                hi = min(hi, m.death - timedelta(days=1))
            is_current = window == current
            is_previous = window == previous
            if lo <= hi:
                if m.overdue and (is_current or is_previous):
                    chance = 0.0
                elif is_current:
                    chance = 0.6
                elif is_previous:
                    chance = 1.0
                else:
                    chance = 0.97
                if rng.random() < chance:
                    m.certifications.append((_rand_date(rng, lo, hi), _pick(rng, CERT_METHODS)))
            window = nxt

    def _payments(self, m: _Member, first_month: date) -> None:
        today = self.today
        current = rules.first_of_month(today)
        stop: date | None = None
        if m.death is not None and m.death_stopped:
            stop = rules.add_months(m.death, 1)
        if m.overdue:
            previous = cert_rules.window_for(
                birth_date=m.birth,
                on=cert_rules.window_for(birth_date=m.birth, on=today, rule=self.cert_rule)[0]
                - timedelta(days=1),
                rule=self.cert_rule,
            )
            stop = previous[1] + timedelta(days=1)  # suspended from the day after
        if date(current.year, current.month, PAY_DAY) > today:
            current = rules.add_months(current, -1)  # this month's pay day is still to come
        for back in range(PAYMENT_MONTHS - 1, -1, -1):
            month = rules.add_months(current, -back)
            if month >= first_month and (stop is None or month < stop):
                m.payment_months.append(month)


def _village_label(station_name: str) -> str:
    name = station_name.strip()
    for suffix in ("就业社保服务中心", "就业社保服务站", "服务中心", "服务站", "服务窗口", "站"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------- playing it


class _ServicePlayer:
    """Plays a plan through the services, one call per event (slow: the reference that
    ``_BulkPlayer`` is tested against)."""

    def __init__(self, *, today: date, policy: PolicySet, counts: _Counts) -> None:
        self.today = today
        self.policy = policy
        self.counts = counts
        self.vacancy_ids: list[str] = []

    def employers(self, session: Session, planner: _Planner) -> None:
        actor = DEMO_ACTOR
        employer_ids: list[str] = []
        for e in planner.employers:
            employer = add_employer(
                session=session,
                actor=actor,
                today=e.added_on,
                name=e.name,
                uscc=e.uscc,
                contact=e.contact,
                phone=e.phone,
                address=e.address,
            )
            employer_ids.append(employer.id)
            self.counts.employers += 1
        for v in planner.vacancies:
            vacancy = add_vacancy(
                session=session,
                actor=actor,
                today=v.posted_on,
                employer_id=employer_ids[v.employer],
                post=v.post,
                count=v.count,
                wage_min_fen=v.wage_min_fen,
                wage_max_fen=v.wage_max_fen,
                valid_until=v.valid_until,
                place=v.place,
                requirements=v.requirements,
            )
            self.vacancy_ids.append(vacancy.id)
            self.counts.vacancies += 1

    def household(self, session: Session, plan: _Household) -> None:
        actor = DEMO_ACTOR
        today = self.today
        _household, persons = register_household(
            session=session,
            actor=actor,
            today=today,
            address=plan.address,
            members=[MemberInput(m.id_number, m.name, m.relation, m.phone) for m in plan.members],
            phone=plan.phone,
            relocated=plan.relocated,
        )
        self.counts.households += 1
        self.counts.persons += len(persons)
        for m, person in zip(plan.members, persons, strict=True):
            self._person(session, m, person)

    def _person(self, session: Session, m: _Member, person: Person) -> None:
        actor = DEMO_ACTOR
        today = self.today
        pid = person.id
        c = self.counts
        for st in m.statuses:
            add_status(
                session=session,
                actor=actor,
                today=today,
                person_id=pid,
                kind=st.kind,
                start_date=st.start,
                level=st.level,
                source="poverty_office" if st.kind is StatusKind.REGISTERED_POOR else "clerk",
            )
            c.statuses += 1
        if m.lifted_out_year is not None:
            lift_out_of_poverty(
                session=session, actor=actor, today=today, person_id=pid, year=m.lifted_out_year
            )
        for s in m.surveys:
            job = s.job
            record_labour_survey(
                session=session,
                actor=actor,
                today=today,
                person_id=pid,
                surveyed_on=s.on,
                population_category=s.category,
                employment_status=job.status if job else None,
                job_channel=job.channel if job else None,
                work_place=job.place if job else None,
                work_province=job.province if job else "",
                employer_name=job.employer if job else "",
                industry=job.industry if job else "",
                monthly_income_fen=job.income_fen if job else None,
                phone=m.phone,
                wants_work=s.wants_work,
                wants_training=bool(s.training_trade),
                training_trade=s.training_trade,
                wants_business=s.wants_business,
                note=s.note,
            )
            c.labour_records += 1
        for on, trade in m.needs:
            record_training_need(
                session=session,
                actor=actor,
                today=today,
                person_id=pid,
                surveyed_on=on,
                trade=trade,
            )
            c.training_needs += 1
        for t in m.trainings:
            record_training(
                session=session,
                actor=actor,
                today=today,
                person_id=pid,
                programme=t.programme,
                trade=t.trade,
                start_date=t.start,
                end_date=t.end,
                certificate=t.certificate,
                employed_after=t.employed_after,
                monthly_wage_fen=t.wage_fen,
            )
            c.trainings += 1
        for r in m.referrals:
            referral = refer_to_vacancy(
                session=session,
                actor=actor,
                today=r.on,
                person_id=pid,
                vacancy_id=self.vacancy_ids[r.vacancy],
            )
            if r.outcome is not ReferralOutcome.PENDING and r.outcome_on is not None:
                record_referral_outcome(
                    session=session,
                    actor=actor,
                    today=r.outcome_on,
                    referral_id=referral.id,
                    outcome=r.outcome,
                    outcome_on=r.outcome_on,
                    monthly_wage_fen=r.wage_fen,
                )
            c.referrals += 1
        if m.enrolment is not None:
            e = m.enrolment
            enrol(
                session=session,
                actor=actor,
                today=e.on,
                person_id=pid,
                enrolled_on=e.on,
                grade_fen=e.grade_fen,
                policy=self.policy,
            )
            c.enrolled += 1
            for year, paid_on in e.paid:
                record_contribution(
                    session=session,
                    actor=actor,
                    today=paid_on,
                    person_id=pid,
                    year=year,
                    paid_on=paid_on,
                    policy=self.policy,
                )
                c.contributions += 1
        if m.award_on is not None:
            award_pension(
                session=session, actor=actor, today=m.award_on, person_id=pid, on=m.award_on
            )
            c.pensioners += 1
            for on, method in m.certifications:
                certify(session=session, actor=actor, today=on, person_id=pid, method=method)
                c.certifications += 1
            for month in m.payment_months:
                record_payment(
                    session=session,
                    actor=actor,
                    today=date(month.year, month.month, PAY_DAY),
                    person_id=pid,
                    month=month,
                )
                c.payments += 1
            if m.overdue:
                c.overdue_certifications += 1
        if m.death is not None and m.death_reported is not None:
            if m.death_stopped:
                mark_deceased(
                    session=session,
                    actor=actor,
                    today=m.death_reported,
                    person_id=pid,
                    death_date=m.death,
                    source="public_security",
                )
            else:
                # Deliberately NOT mark_deceased: the death arrived in the data-matching list
                # and was written onto the person, but nobody has stopped the pension yet.
                # This is what the work-list "deceased, payment not stopped" exists for, and
                # no service records a death without stopping the award. A plain session
                # write keeps outbox capture; the audit entry says what happened.
                person.death_date = m.death
                person.death_reported_on = m.death_reported
                person.death_source = "public_security"
                append_audit(
                    session,
                    actor=actor.username,
                    action="demo.death_not_stopped",
                    target_table="persons",
                    target_id=pid,
                    details={"death_date": m.death},
                )
                c.deaths_not_stopped += 1
            c.deaths += 1


@dataclass(frozen=True)
class _CheckedId:
    normalized: str
    birth_date: date
    sex: Sex


class _PolicyMemo:
    """The policy answers the bulk player needs again and again, each worked out once.

    A dated policy table answers from the rows in force on the day asked, and which rows are
    in force changes only on a row's ``effective_from``. So two days between the same two
    change dates get the same answer, and the answers are kept per such span ("epoch").
    """

    def __init__(self, policy: PolicySet, county: str) -> None:
        self.policy = policy
        self.county = county
        self._changes = sorted({row.effective_from for row in policy.rows()})
        self._grades: dict[int, frozenset[int]] = {}
        self._premium: dict[int, PaidPremiumRule | None] = {}
        self._splits: dict[tuple[int, int, bool], rules.ContributionSplit] = {}

    def _epoch(self, on: date) -> int:
        return bisect.bisect_right(self._changes, on)

    def grades(self, on: date) -> frozenset[int]:
        """The grades in force (none when the table has no row yet)."""
        epoch = self._epoch(on)
        known = self._grades.get(epoch)
        if known is None:
            try:
                grades = self.policy.contribution_grades(on, self.county)
            except PolicyMissing:
                grades = []
            known = self._grades[epoch] = frozenset(g.grade_fen for g in grades)
        return known

    def premium_rule(self, on: date) -> PaidPremiumRule | None:
        """The government-paid premium in force, None before it existed."""
        epoch = self._epoch(on)
        if epoch not in self._premium:
            try:
                self._premium[epoch] = self.policy.paid_premium(on, self.county)
            except PolicyMissing:
                self._premium[epoch] = None
        return self._premium[epoch]

    def split(self, on: date, grade_fen: int, paid_premium: bool) -> rules.ContributionSplit:
        key = (self._epoch(on), grade_fen, paid_premium)
        known = self._splits.get(key)
        if known is None:
            known = self._splits[key] = rules.split_contribution(
                policy=self.policy,
                on=on,
                county=self.county,
                grade_fen=grade_fen,
                paid_premium=paid_premium,
            )
        return known


Row = dict[str, Any]


class _BulkPlayer:
    """Writes a plan straight into the tables through a ``BulkWriter``.

    Every derived value is worked out with the rules the services apply, in the order the
    services would meet the events: ID numbers checked and birth date and sex read from them
    (``register_household``), names' pinyin (``services.names``), the insured category from the
    statuses in force (``facts_from_statuses``), each contribution's split
    (``paid_premium_eligible`` and ``split_contribution`` on the ``contribution_policy_day`` as
    ``record_contribution``), the award's eligibility, account balance and monthly amount
    (``eligibility``, ``account_balance``, ``monthly_pension``, as ``award_pension``), the
    payment amounts, and the stop of the pension at a death (``death_settlement``, as
    ``mark_deceased``). A request the services would refuse is refused here too
    (``ValidationError``), so the demo can only hold what the counter could have written.

    A row a service edits after inserting it (a household's head, a lifted-out status, a
    referral's outcome, a death) is inserted once, with its final values. Rows are plain
    dicts (``BulkWriter.add_row``); statuses are model objects because ``facts_from_statuses``
    reads them.
    """

    def __init__(
        self, *, today: date, policy: PolicySet, counts: _Counts, station_code: str
    ) -> None:
        self.today = today
        self.policy = policy
        self.counts = counts
        self.station_code = station_code
        self.county = county_of(station_code)
        self.memo = _PolicyMemo(policy, self.county)
        self.vacancies: list[Row] = []
        self.hired: list[int] = []

    # -- employers and vacancies (add_employer, add_vacancy) -------------------------------

    def employers(self, bulk: BulkWriter, planner: _Planner) -> None:
        employer_ids: list[str] = []
        for e in planner.employers:
            employer = {
                "name": e.name.strip(),
                "uscc": check_uscc(e.uscc, field="uscc"),
                "contact": e.contact.strip(),
                "phone": e.phone.strip(),
                "address": e.address.strip(),
            }
            employer_ids.append(bulk.add_row(Employer, employer))
            self.counts.employers += 1
        for v in planner.vacancies:
            if v.valid_until < v.posted_on:
                _refuse("valid_until", "past", "must not be before the day it is posted")
            if v.wage_max_fen < v.wage_min_fen or v.count < 1:
                _refuse("vacancy", "range", "wages and count out of range")
            vacancy = {
                "employer_id": employer_ids[v.employer],
                "post": v.post.strip(),
                "count": v.count,
                "wage_min_fen": v.wage_min_fen,
                "wage_max_fen": v.wage_max_fen,
                "place": v.place.strip(),
                "requirements": v.requirements,
                "valid_until": v.valid_until,
            }
            bulk.add_row(Vacancy, vacancy)
            self.vacancies.append(vacancy)
            self.hired.append(0)
            self.counts.vacancies += 1

    # -- households and persons (register_household) ---------------------------------------

    def household(self, bulk: BulkWriter, session: Session, plan: _Household) -> None:
        if sum(1 for m in plan.members if m.relation == HEAD) != 1:
            _refuse("members", "one_head", f"exactly one member must be {HEAD}")
        address, phone = plan.address.strip(), plan.phone.strip()
        checked = [self._checked_id(m.id_number, i) for i, m in enumerate(plan.members)]
        household: Row = {
            "village_code": self.station_code,
            "address": address,
            "phone": phone,
            "relocated": plan.relocated,
            "head_person_id": None,
        }
        household_id = bulk.add_row(Household, household)
        self.counts.households += 1
        for m, c in zip(plan.members, checked, strict=True):
            name = m.name.strip()
            person: Row = {
                "id_number": c.normalized,
                "name": name,
                "name_pinyin": name_pinyin(name),
                "name_initials": name_initials(name),
                "sex": c.sex.value,
                "birth_date": c.birth_date,
                "household_id": household_id,
                "relation": m.relation,
                "village_code": self.station_code,
                "phone": m.phone.strip() or phone,
                "address": address,
                "guangxi_hukou": True,
                "student": False,
                "employee_scheme": False,
                "other_state_pension": False,
            }
            person_id = bulk.add_row(Person, person)
            if m.relation == HEAD:
                household["head_person_id"] = person_id
            self.counts.persons += 1
            self._person(bulk, session, m, person_id, c.birth_date, person)

    def _checked_id(self, number: str, index: int) -> _CheckedId:
        result = check_id_number(number, today=self.today, field=f"members[{index}].id_number")
        if not result.valid or not result.normalized or not result.birth_date or not result.sex:
            raise ValidationError(list(result.errors))
        return _CheckedId(result.normalized, result.birth_date, result.sex)

    def _person(
        self, bulk: BulkWriter, session: Session, m: _Member, pid: str, birth: date, person: Row
    ) -> None:
        statuses = self._statuses(bulk, m, pid, birth)
        self._labour(bulk, m, pid, birth)
        totals: list[YearTotals] = []  # one per year paid: a year is never paid twice
        enrolment: Row | None = None
        if m.enrolment is not None:
            enrolment = self._enrol(bulk, pid, birth, statuses, m.enrolment)
            for year, paid_on in m.enrolment.paid:
                totals.append(
                    self._contribution(bulk, pid, birth, statuses, totals, enrolment, year, paid_on)
                )
        award: Row | None = None
        if m.award_on is not None:
            award = self._award(bulk, pid, person, statuses, totals, m.award_on)
            for on, method in m.certifications:
                self._certify(bulk, pid, award, on, method)
            for month in m.payment_months:
                self._pay(bulk, pid, award, month)
            if m.overdue:
                self.counts.overdue_certifications += 1
        if m.death is not None and m.death_reported is not None:
            self._death(session, m, pid, person, enrolment, award)

    # -- statuses (add_status, lift_out_of_poverty) ----------------------------------------

    def _statuses(self, bulk: BulkWriter, m: _Member, pid: str, birth: date) -> list[PersonStatus]:
        statuses: list[PersonStatus] = []
        for st in m.statuses:
            if st.start > self.today or st.start < birth:
                _refuse("start_date", "range", "a status starts between birth and today")
            if st.kind is StatusKind.DISABILITY and (st.level is None or not 1 <= st.level <= 4):
                _refuse("level", "range", "a disability grade is 1 to 4")
            classed = st.kind in (StatusKind.TEKUN, StatusKind.DIBAO)
            if classed and st.level is not None and not 1 <= st.level <= 3:
                _refuse("level", "range", "a class is 1 to 3")
            for open_status in statuses:
                if open_status.kind == st.kind.value and open_status.end_date is None:
                    if open_status.start_date >= st.start:
                        _refuse("start_date", "overlap", "a status of this kind starts later")
                    open_status.end_date = st.start - timedelta(days=1)
            status = PersonStatus(
                person_id=pid,
                kind=st.kind.value,
                level=st.level,
                start_date=st.start,
                end_date=None,
                lifted_out_year=None,
                source="poverty_office" if st.kind is StatusKind.REGISTERED_POOR else "clerk",
                note="",
                deleted=False,
            )
            bulk.add(status)
            statuses.append(status)
            self.counts.statuses += 1
        if m.lifted_out_year is not None:
            poor = [
                s
                for s in statuses
                if s.kind == StatusKind.REGISTERED_POOR.value and s.end_date is None
            ]
            if not poor:
                _refuse("person_id", "not_poor", "is not registered as poor")
            if not poor[0].start_date.year <= m.lifted_out_year <= self.today.year:
                _refuse("year", "range", "must be between the start year and now")
            poor[0].lifted_out_year = m.lifted_out_year
        return statuses

    # -- labour (record_labour_survey, record_training_need, record_training, referrals) ---

    def _labour(self, bulk: BulkWriter, m: _Member, pid: str, birth: date) -> None:
        c = self.counts
        for s in m.surveys:
            if s.on > self.today or age_on(birth, s.on) < MIN_WORKING_AGE:
                _refuse("surveyed_on", "age", "a labour survey is of someone 16 or older")
            job = s.job
            if job is not None and job.channel is not None and job.status not in JOB_STATUSES:
                _refuse("job_channel", "not_applicable", "needs a status that is a job")
            survey = {
                "person_id": pid,
                "surveyed_on": s.on,
                "population_category": s.category.value,
                "employment_status": job.status.value if job else None,
                "job_channel": job.channel.value if job and job.channel else None,
                "work_place": job.place.value if job and job.place else None,
                "work_province": job.province.strip() if job else "",
                "employer_name": job.employer.strip() if job else "",
                "industry": job.industry.strip() if job else "",
                "monthly_income_fen": job.income_fen if job else None,
                "phone": m.phone.strip(),
                "wants_work": s.wants_work,
                "wants_training": bool(s.training_trade),
                "training_trade": s.training_trade.strip(),
                "wants_business": s.wants_business,
                "clerk": DEMO_ACTOR.username,
                "note": s.note,
            }
            bulk.add_row(LabourRegistration, survey)
            c.labour_records += 1
        for on, trade in m.needs:
            need = {"person_id": pid, "surveyed_on": on, "trade": trade.strip(), "note": ""}
            bulk.add_row(TrainingNeed, need)
            c.training_needs += 1
        for t in m.trainings:
            if t.end is not None and t.end < t.start:
                _refuse("end_date", "before_start", "is before the training started")
            training = {
                "person_id": pid,
                "programme": t.programme.strip(),
                "trade": t.trade.strip(),
                "start_date": t.start,
                "end_date": t.end,
                "certificate": t.certificate.strip(),
                "employed_after": t.employed_after,
                "monthly_wage_fen": t.wage_fen,
            }
            bulk.add_row(TrainingRecord, training)
            c.trainings += 1
        for r in m.referrals:
            vacancy = self.vacancies[r.vacancy]
            if vacancy["valid_until"] < r.on or age_on(birth, r.on) < MIN_WORKING_AGE:
                _refuse("vacancy_id", "closed", "the vacancy is closed or the person under 16")
            if self.hired[r.vacancy] >= vacancy["count"]:
                _refuse("vacancy_id", "filled", "every post of this vacancy is filled")
            done = r.outcome is not ReferralOutcome.PENDING and r.outcome_on is not None
            if done and r.outcome is ReferralOutcome.HIRED:
                self.hired[r.vacancy] += 1
            referral = {
                "person_id": pid,
                "vacancy_id": vacancy["id"],
                "referred_on": r.on,
                "outcome": r.outcome.value if done else ReferralOutcome.PENDING.value,
                "outcome_on": r.outcome_on if done else None,
                "monthly_wage_fen": r.wage_fen if done else None,
                "clerk": DEMO_ACTOR.username,
                "note": "",
            }
            bulk.add_row(Referral, referral)
            c.referrals += 1

    # -- pension (enrol, record_contribution, award_pension, certify, record_payment) -------

    def _enrol(
        self,
        bulk: BulkWriter,
        pid: str,
        birth: date,
        statuses: list[PersonStatus],
        plan: _Enrolment,
    ) -> Row:
        if age_on(birth, plan.on) < MIN_ENROL_AGE or plan.on > self.today:
            _refuse("enrolled_on", "under_16", f"must be at least {MIN_ENROL_AGE} years old")
        if plan.grade_fen not in self.memo.grades(plan.on):
            _refuse("grade_fen", "grade", "is not a contribution grade in force")
        enrolment = {
            "person_id": pid,
            "enrolled_on": plan.on,
            "status": EnrolmentStatus.NORMAL.value,
            "insured_category": facts_from_statuses(statuses, plan.on).insured_category().value,
            "grade_fen": plan.grade_fen,
            "status_changed_on": None,
            "status_reason": "",
        }
        bulk.add_row(Enrolment, enrolment)
        self.counts.enrolled += 1
        return enrolment

    def _contribution(
        self,
        bulk: BulkWriter,
        pid: str,
        birth: date,
        statuses: list[PersonStatus],
        earlier: list[YearTotals],
        enrolment: Row,
        year: int,
        paid_on: date,
    ) -> YearTotals:
        if year > paid_on.year or year < birth.year + MIN_ENROL_AGE:
            _refuse("year", "range", f"{year} is not a year this person can pay for")
        if age_on(birth, date(year, 1, 1)) >= PENSION_AGE:
            _refuse("year", "over_60", "the person was already 60 at the start of that year")
        if any(t.year == year and t.credited_fen > 0 for t in earlier):
            _refuse("year", "already_paid", f"{year} is already paid")
        grade: int = enrolment["grade_fen"]
        on = contribution_policy_day(year=year, paid_on=paid_on)
        if grade not in self.memo.grades(on):
            _refuse("grade_fen", "grade", f"{grade} fen is not a contribution grade in {year}")
        facts = facts_from_statuses(statuses, on)
        premium_rule = self.memo.premium_rule(on)
        eligible = premium_rule is not None and rules.paid_premium_eligible(
            year=year,
            registered_poor=facts.ever_registered_poor,
            lifted_out_year=facts.lifted_out_year,
            disability_grade=facts.disability_grade,
            rule=premium_rule,
        )
        split = self.memo.split(on, grade, eligible)
        kind = EntryKind.BACKPAY if year < paid_on.year else EntryKind.NORMAL
        contribution = {
            "person_id": pid,
            "year": year,
            "paid_on": paid_on,
            "kind": kind.value,
            "grade_fen": grade,
            "personal_fen": split.personal_fen,
            "subsidy_fen": split.subsidy_fen,
            "paid_premium_fen": split.paid_premium_fen,
            "collective_fen": 0,
            "reverses_id": None,
            "reason": "",
            "clerk": DEMO_ACTOR.username,
        }
        contribution_id = bulk.add_row(Contribution, contribution)
        if split.paid_premium_fen:
            assert split.local_level is not None
            premium = {
                "person_id": pid,
                "contribution_id": contribution_id,
                "year": year,
                "amount_fen": split.paid_premium_fen,
                "region_fen": split.region_fen,
                "local_fen": split.local_fen,
                "local_level": split.local_level.value,
                "reverses_id": None,
            }
            bulk.add_row(PaidPremium, premium)
        self.counts.contributions += 1
        return YearTotals(year, split.personal_fen, split.subsidy_fen, split.paid_premium_fen, 0)

    def _award(
        self,
        bulk: BulkWriter,
        pid: str,
        person: Row,
        statuses: list[PersonStatus],
        totals: list[YearTotals],
        on: date,
    ) -> Row:
        policy, county = self.policy, self.county
        years = len(paid_years(totals))
        elig = rules.eligibility(
            birth_date=person["birth_date"],
            on=on,
            contribution_years=years,
            has_other_state_pension=person["other_state_pension"],
            scheme=policy.scheme_rule(on, county),
            special_categories=facts_from_statuses(statuses, on).special_categories(),
            guangxi_hukou=person["guangxi_hukou"],
            special=special_rule(policy, on, county),
        )
        if not elig.eligible or elig.kind is None or elig.first_month is None:
            _refuse("person_id", elig.reason, f"not eligible on {on}: {elig.reason}")
        credits = [(t.year, t.credited_fen) for t in totals if t.credited_fen]
        statement = rules.account_balance(
            credits=credits, rates=policy.provisional_interest_rate, as_of_year=on.year
        )
        amount = rules.monthly_pension(
            basic=policy.basic_pension(on, county),
            balance_fen=statement.closing_fen,
            contribution_years=years,
            divisor=policy.scheme_rule(on, county).divisor,
        )
        # A late application starts from its own month; only the special basic pension is
        # back-paid to its policy date (as award_pension).
        first_month = elig.first_month
        if elig.kind is not AwardKind.SPECIAL:
            first_month = max(first_month, rules.first_of_month(on))
        award = {
            "person_id": pid,
            "kind": elig.kind.value,
            "awarded_on": on,
            "first_month": first_month,
            "basic_fen": amount.basic_fen,
            "bonus_fen": amount.bonus_fen,
            "account_fen": amount.account_fen,
            "monthly_fen": amount.total_fen,
            "balance_at_award_fen": statement.closing_fen,
            "status": AwardStatus.ACTIVE.value,
            "suspended_from": None,
            "stopped_from": None,
            "status_reason": "",
        }
        bulk.add_row(BenefitAward, award)
        self.counts.pensioners += 1
        return award

    def _certify(
        self, bulk: BulkWriter, pid: str, award: Row, on: date, method: CertificationMethod
    ) -> None:
        if on < award["awarded_on"] or on > self.today:
            _refuse("certified_on", "before_award", "is before the pension was awarded")
        # The award is never suspended while the demo is played, so nothing is back-paid.
        certification = {
            "person_id": pid,
            "certified_on": on,
            "method": method.value,
            "clerk": DEMO_ACTOR.username,
            "reverses_id": None,
            "note": "",
        }
        bulk.add_row(Certification, certification)
        self.counts.certifications += 1

    def _pay(self, bulk: BulkWriter, pid: str, award: Row, month: date) -> None:
        month = rules.first_of_month(month)
        paid_on = date(month.year, month.month, PAY_DAY)
        if month < award["first_month"]:
            _refuse("month", "before_start", "is before the pension's first month")
        if paid_on > self.today:
            _refuse("month", "future", "cannot pay a month that has not begun")
        payment = {
            "award_id": award["id"],
            "person_id": pid,
            "month": month,
            "amount_fen": award["monthly_fen"],
            "kind": EntryKind.NORMAL.value,
            "paid_on": paid_on,
            "reverses_id": None,
            "reason": "",
            "clerk": DEMO_ACTOR.username,
        }
        bulk.add_row(BenefitPayment, payment)
        self.counts.payments += 1

    # -- deaths (mark_deceased) --------------------------------------------------------------

    def _death(
        self,
        session: Session,
        m: _Member,
        pid: str,
        person: Row,
        enrolment: Row | None,
        award: Row | None,
    ) -> None:
        assert m.death is not None and m.death_reported is not None
        if m.death > m.death_reported or m.death < person["birth_date"]:
            _refuse("death_date", "range", "a death is between birth and its report")
        person["death_date"] = m.death
        person["death_reported_on"] = m.death_reported
        person["death_source"] = "public_security"
        self.counts.deaths += 1
        if not m.death_stopped:
            # Deliberately not stopped: the death arrived in the data-matching list and was
            # written onto the person, but nobody has stopped the pension yet (the work-list
            # "deceased, payment not stopped" exists for this). The audit says so.
            append_audit(
                session,
                actor=DEMO_ACTOR.username,
                action="demo.death_not_stopped",
                target_table="persons",
                target_id=pid,
                details={"death_date": m.death},
            )
            self.counts.deaths_not_stopped += 1
            return
        if enrolment is not None:
            enrolment["status"] = EnrolmentStatus.TERMINATED.value
            enrolment["status_changed_on"] = m.death_reported
            enrolment["status_reason"] = "deceased"
        if award is not None:
            # Only the stop month is stored; the inheritable balance and any overpayment are
            # worked out when the family's statement is printed.
            settlement = rules.death_settlement(death_date=m.death, balance_fen=0, paid_months=())
            award["status"] = AwardStatus.STOPPED.value
            award["status_reason"] = "deceased"
            award["stopped_from"] = settlement.stop_from


def _refuse(field: str, rule: str, message: str) -> NoReturn:
    raise ValidationError.single(field, rule, message)


# --------------------------------------------------------------------------- entry point


def make_demo(
    *,
    db: Database,
    persons: int,
    seed: int,
    today: date,
    progress: Callable[[int, int], None] | None = None,
    through_services: bool = False,
) -> DemoSummary:
    """Fill an initialised station database with a demo village of ``persons`` residents.

    The same ``seed`` and ``today`` give the same people, ID numbers, dates and amounts.
    ``progress(done, total)`` is called after each write transaction with persons done.
    ``through_services`` plays every event through the service functions instead of writing
    rows in bulk: the same village, some fifty times slower; tests use it as the reference.
    """
    if persons < 1:
        raise ValueError("persons must be at least 1")
    if today < EARLIEST_TODAY:
        raise ValueError(f"the demo history needs today on or after {EARLIEST_TODAY}, not {today}")
    with db.read() as session:
        st = station(session=session)
        village_code, station_name = st.code, st.name
        policy = load_policy(session=session)
    planner = _Planner(
        rng=Random(seed),
        today=today,
        village_code=village_code,
        station_name=station_name,
        policy=policy,
    )
    planner.plan_employers()
    households: list[_Household] = []
    planned = 0
    while planned < persons:
        household = planner.plan_household(persons - planned)
        households.append(household)
        planned += len(household.members)

    counts = _Counts()
    batches: list[list[_Household]] = []  # about BATCH_PERSONS persons each
    size = BATCH_PERSONS
    for household in households:
        if size >= BATCH_PERSONS:
            batches.append([])
            size = 0
        batches[-1].append(household)
        size += len(household.members)
    if through_services:
        _play_through_services(db, planner, batches, today, policy, counts, persons, progress)
    else:
        _play_in_bulk(db, planner, batches, today, policy, counts, persons, seed, progress)
    return counts.frozen()


def _play_through_services(
    db: Database,
    planner: _Planner,
    batches: list[list[_Household]],
    today: date,
    policy: PolicySet,
    counts: _Counts,
    persons: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    player = _ServicePlayer(today=today, policy=policy, counts=counts)
    with db.write(actor=DEMO_ACTOR.username) as session:
        player.employers(session, planner)
    done = 0
    for batch in batches:
        with db.write(actor=DEMO_ACTOR.username) as session:
            for household in batch:
                player.household(session, household)
        done += sum(len(h.members) for h in batch)
        if progress is not None:
            progress(done, persons)


def _play_in_bulk(
    db: Database,
    planner: _Planner,
    batches: list[list[_Household]],
    today: date,
    policy: PolicySet,
    counts: _Counts,
    persons: int,
    seed: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    player = _BulkPlayer(today=today, policy=policy, counts=counts, station_code=db.station_code)
    details = {"seed": seed, "today": today, "persons": persons}
    with (
        db.write(actor=DEMO_ACTOR.username) as session,
        BulkWriter(session, action=DEMO_ACTION, details={**details, "part": "employers"}) as bulk,
    ):
        player.employers(bulk, planner)
    done = 0
    for batch in batches:
        size = sum(len(h.members) for h in batch)
        part = f"persons {done + 1}-{done + size}"
        with (
            db.write(actor=DEMO_ACTOR.username) as session,
            BulkWriter(session, action=DEMO_ACTION, details={**details, "part": part}) as bulk,
        ):
            for household in batch:
                player.household(bulk, session, household)
        done += size
        if progress is not None:
            progress(done, persons)
