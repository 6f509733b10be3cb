"""The counter's work-lists, on a small village built with the real services.

Each list must hold exactly the persons who need that work, and none of the others; the
bulk computation must agree with the per-person services it stands in for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, select

from helpers import make_id
from villagedesk.domain.categories import (
    AwardStatus,
    PopulationCategory,
    Role,
    StatusKind,
)
from villagedesk.domain.money import format_yuan
from villagedesk.services.certification import (
    certification_status,
    certify,
    reverse_certification,
    suspend_overdue,
)
from villagedesk.services.context import Actor
from villagedesk.services.deaths import mark_deceased
from villagedesk.services.labour import record_labour_survey
from villagedesk.services.pension import (
    award_of,
    award_pension,
    check_eligibility,
    enrol,
    record_contribution,
    record_payment,
    reverse_contribution,
    reverse_payment,
)
from villagedesk.services.persons import add_status, register_person
from villagedesk.services.station import init_station
from villagedesk.services.worklists import (
    CERTIFICATION_DUE,
    CERTIFICATION_OVERDUE,
    CONTRIBUTION_UNPAID,
    DEATH_NOT_STOPPED,
    ELIGIBLE_NOT_RECEIVING,
    LABOUR_NOT_UPDATED,
    MATCH_TO_CONFIRM,
    PAID_PREMIUM_DUE,
    POOR_NOT_ENROLLED,
    TURNING_60,
    WorkList,
    latest_birth_for_age,
    worklists,
)
from villagedesk.store.database import Database
from villagedesk.store.models import BenefitPayment, Person

TODAY = date(2026, 11, 27)
VILLAGE = "450422116201"
CLERK = Actor(username="wang", role=Role.CLERK, display_name="王办事员")
SUPERVISOR = Actor(username="li", role=Role.SUPERVISOR, display_name="李主管")
POOR_SINCE = date(2015, 3, 1)
SURVEYED = date(2026, 3, 1)


@dataclass
class Village:
    db: Database
    ids: dict[str, str]  # label -> person id

    def label_of(self, person_id: str) -> str:
        return next(label for label, pid in self.ids.items() if pid == person_id)

    def labels(self, wl: WorkList) -> set[str]:
        return {self.label_of(item.person_id) for item in wl.items}


class Builder:
    """Registers persons through the services, one write transaction per step."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, str] = {}
        self.seq = 0

    def person(
        self,
        label: str,
        name: str,
        birth: date,
        *,
        poor: bool = False,
        lifted: int | None = None,
        survey: bool = True,
        **flags: bool,
    ) -> str:
        self.seq += 1
        with self.db.write(actor=CLERK.username) as s:
            p = register_person(
                session=s,
                actor=CLERK,
                today=TODAY,
                id_number=make_id(birth, self.seq),
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
                    start_date=POOR_SINCE,
                    lifted_out_year=lifted,
                )
            age = TODAY.year - birth.year
            if survey and 16 <= age <= 64:
                record_labour_survey(
                    session=s,
                    actor=CLERK,
                    today=TODAY,
                    person_id=p.id,
                    surveyed_on=SURVEYED,
                    population_category=PopulationCategory.WORKING_AGE,
                )
            self.ids[label] = p.id
            return p.id

    def enrol(self, pid: str, on: date, grade_fen: int = 10000) -> None:
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

    def certify(self, pid: str, on: date) -> str:
        with self.db.write() as s:
            return certify(
                session=s, actor=CLERK, today=TODAY, person_id=pid, certified_on=on
            ).certification.id

    def pay_months(self, pid: str, months: list[date]) -> list[str]:
        with self.db.write() as s:
            return [
                record_payment(session=s, actor=CLERK, today=TODAY, person_id=pid, month=m).id
                for m in months
            ]


def _months(year: int, first: int, last: int) -> list[date]:
    return [date(year, m, 1) for m in range(first, last + 1)]


def build_village(db: Database) -> Village:
    b = Builder(db)
    # -- registered poor of working age --------------------------------------------------
    b.person("poor_adult", "韦阿妹", date(1980, 6, 1), poor=True, survey=False)  # not enrolled
    enrolled = b.person("poor_enrolled", "蒙小兰", date(1985, 3, 10), poor=True)
    b.enrol(enrolled, date(2016, 1, 10))
    b.pay(enrolled, 2026)
    b.person("lifted_2025", "覃志强", date(1990, 2, 2), lifted=2025)  # supported to 2027
    b.person("lifted_2020", "黄文华", date(1991, 4, 4), lifted=2020)  # support ended 2022
    b.person("poor_student", "陆晓燕", date(2005, 9, 9), poor=True, student=True)
    b.person("poor_employee", "梁建国", date(1987, 7, 7), poor=True, employee_scheme=True)
    b.person("poor_child", "莫小宝", date(2014, 1, 1), poor=True)
    dead_poor = b.person("poor_deceased", "罗大山", date(1975, 5, 5), poor=True, survey=False)
    with db.write() as s:
        mark_deceased(
            session=s, actor=CLERK, today=TODAY, person_id=dead_poor, death_date=date(2026, 3, 1)
        )
    b.person("ordinary_adult", "李明", date(1988, 8, 8))
    # -- turning 60 (the horizon is 2027-02-27) -------------------------------------------
    soon = b.person("turning_soon", "周桂英", date(1967, 1, 15))
    b.enrol(soon, date(2012, 3, 1))
    b.pay(soon, 2026)
    later = b.person("turning_later", "吴振华", date(1967, 3, 15))
    b.enrol(later, date(2012, 3, 1))
    b.pay(later, 2026)
    b.person("turning_not_enrolled", "郑美玲", date(1967, 1, 20))
    # -- aged 60 and over -------------------------------------------------------------------
    b.person("poor_60plus", "韦老伯", date(1950, 7, 7), poor=True)  # 60 before the scheme
    b.person("old_ordinary", "蓝阿婆", date(1950, 9, 9))  # no years needed either
    b.person("old_other_pension", "何退休", date(1949, 3, 3), other_state_pension=True)
    short = b.person("sixty_short", "杨短缴", date(1965, 6, 1))  # 13 years needed, 3 paid
    b.enrol(short, date(2012, 1, 5))
    for year in (2012, 2013, 2014):
        b.pay(short, year)
    # -- recipients and survival certification (warning: 30 days) -------------------------
    pending = b.person("cert_pending", "覃老汉", date(1948, 2, 10))
    b.award(pending, TODAY)  # window to 2027-01-31: 65 days left
    due = b.person("cert_due", "黄奶奶", date(1950, 12, 5))
    b.award(due, date(2025, 12, 10))  # window 2025-12-01..2026-11-30, not certified
    ok = b.person("cert_ok", "陈爷爷", date(1949, 12, 1))
    b.award(ok, date(2025, 12, 5))
    b.certify(ok, date(2026, 10, 1))
    cancelled = b.person("cert_reversed", "林婆婆", date(1950, 12, 20))
    b.award(cancelled, date(2025, 12, 21))
    wrong = b.certify(cancelled, date(2026, 6, 1))
    with db.write() as s:
        reverse_certification(
            session=s,
            actor=SUPERVISOR,
            today=TODAY,
            certification_id=wrong,
            reason="certified the wrong person",
        )
    suspended = b.person("cert_suspended", "卢阿公", date(1951, 4, 25))
    b.award(suspended, date(2024, 5, 1))
    with db.write() as s:  # never certified: the window 2024-04..2025-03 passed
        suspend_overdue(session=s, actor=CLERK, today=TODAY)
    overdue = b.person("cert_overdue", "潘公公", date(1951, 3, 20))
    b.award(overdue, date(2024, 4, 1))
    b.certify(overdue, date(2024, 5, 1))  # covers 2024-03..2025-02; 2025-03..2026-02 missed
    # -- contributions of the year ------------------------------------------------------------
    poor_unpaid = b.person("poor_unpaid", "蒙阿强", date(1982, 2, 2), poor=True)
    b.enrol(poor_unpaid, date(2016, 1, 10))
    b.pay(poor_unpaid, 2025)
    plain_unpaid = b.person("ordinary_unpaid", "张小红", date(1983, 3, 3))
    b.enrol(plain_unpaid, date(2017, 2, 1))
    b.pay(plain_unpaid, 2025)
    reversed_ = b.person("reversed_2026", "刘大勇", date(1984, 4, 4))
    b.enrol(reversed_, date(2017, 2, 1))
    paid = b.pay(reversed_, 2026)
    with db.write() as s:
        reverse_contribution(
            session=s, actor=SUPERVISOR, today=TODAY, contribution_id=paid, reason="paid twice"
        )
    lifted_unpaid = b.person("lifted_2023_unpaid", "谢春花", date(1986, 6, 6), lifted=2023)
    b.enrol(lifted_unpaid, date(2016, 1, 10))  # support ended 2025: pays 2026 herself
    # -- labour surveys -----------------------------------------------------------------------
    stale = b.person("surveyed_2025", "邓小军", date(1979, 9, 9), survey=False)
    with db.write() as s:
        record_labour_survey(
            session=s,
            actor=CLERK,
            today=TODAY,
            person_id=stale,
            surveyed_on=date(2025, 4, 1),
            population_category=PopulationCategory.WORKING_AGE,
        )
    b.person("aged_64", "钟六四", date(1962, 1, 10), survey=False)
    b.person("aged_65", "钟六五", date(1961, 11, 20), survey=False)
    # -- deaths -----------------------------------------------------------------------------
    overpaid = b.person("dead_overpaid", "石老爹", date(1945, 5, 5))
    b.award(overpaid, date(2026, 1, 10))
    b.pay_months(overpaid, _months(2026, 1, 10))
    with db.write() as s:  # died in August: September and October were paid too many
        mark_deceased(
            session=s, actor=CLERK, today=TODAY, person_id=overpaid, death_date=date(2026, 8, 15)
        )
    settled = b.person("dead_recovered", "江老太", date(1946, 5, 5))
    b.award(settled, date(2026, 1, 10))
    payments = b.pay_months(settled, _months(2026, 1, 10))
    with db.write() as s:
        mark_deceased(
            session=s, actor=CLERK, today=TODAY, person_id=settled, death_date=date(2026, 8, 20)
        )
        for payment_id in payments[8:]:  # September and October
            reverse_payment(
                session=s,
                actor=SUPERVISOR,
                today=TODAY,
                payment_id=payment_id,
                reason="paid after death",
            )
    synced = b.person("dead_by_sync", "孔大伯", date(1946, 6, 6))
    b.award(synced, date(2026, 1, 10))
    b.pay_months(synced, _months(2026, 10, 10))
    with db.write() as s:
        # The county's data matching reports the death; it arrives by sync with the person
        # row only - the award is still active at this counter.
        person = s.get(Person, synced)
        assert person is not None
        person.death_date = date(2026, 10, 3)
        person.death_source = "public_security"
    return Village(db, b.ids)


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Village]:
    path: Path = tmp_path_factory.mktemp("worklists") / "station.db"
    db = init_station(
        path=path, village_code=VILLAGE, name="大黎村服务站", now=datetime(2026, 11, 27)
    )
    yield build_village(db)
    db.close()


@pytest.fixture(scope="module")
def lists(village: Village) -> dict[str, WorkList]:
    with village.db.read() as s:
        return {wl.code: wl for wl in worklists(session=s, on=TODAY)}


EXPECTED: dict[str, set[str]] = {
    # notices of the county's data matching (none here: see tests/services/test_matching.py)
    MATCH_TO_CONFIRM: set(),
    # registered poor 16-59 (or lifted out and still supported), not student or employee
    # scheme, not enrolled, alive
    POOR_NOT_ENROLLED: {"poor_adult", "lifted_2025"},
    # enrolled, 60th birthday after today and by 2027-02-27
    TURNING_60: {"turning_soon"},
    # 60+, eligible by the rules, no award
    ELIGIBLE_NOT_RECEIVING: {"poor_60plus", "old_ordinary"},
    CERTIFICATION_DUE: {"cert_due", "cert_reversed"},
    CERTIFICATION_OVERDUE: {"cert_overdue", "cert_suspended"},
    # enrolled, under 60 on 2026-01-01, nothing (net) paid for 2026
    CONTRIBUTION_UNPAID: {"poor_unpaid", "ordinary_unpaid", "reversed_2026", "lifted_2023_unpaid"},
    PAID_PREMIUM_DUE: {"poor_unpaid"},
    # 16-64, alive, no survey since 2026-01-01
    LABOUR_NOT_UPDATED: {"poor_adult", "surveyed_2025", "aged_64"},
    DEATH_NOT_STOPPED: {"dead_overpaid", "dead_by_sync"},
}


def test_every_list_is_there_in_home_screen_order(lists: dict[str, WorkList]) -> None:
    assert list(lists) == list(EXPECTED)
    for wl in lists.values():
        assert wl.title_en
        assert wl.count == len(wl.items)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_each_list_holds_exactly_the_right_persons(
    village: Village, lists: dict[str, WorkList], code: str
) -> None:
    assert village.labels(lists[code]) == EXPECTED[code]


def test_items_say_which_form_handles_them_and_by_when(
    village: Village, lists: dict[str, WorkList]
) -> None:
    actions = {code: {item.action for item in wl.items} for code, wl in lists.items()}
    assert actions == {
        MATCH_TO_CONFIRM: set(),
        POOR_NOT_ENROLLED: {"enrol"},
        TURNING_60: {"award"},
        ELIGIBLE_NOT_RECEIVING: {"award"},
        CERTIFICATION_DUE: {"certify"},
        CERTIFICATION_OVERDUE: {"certify"},
        CONTRIBUTION_UNPAID: {"contribute"},
        PAID_PREMIUM_DUE: {"contribute"},
        LABOUR_NOT_UPDATED: {"survey"},
        DEATH_NOT_STOPPED: {"stop_payment"},
    }
    (soon,) = lists[TURNING_60].items
    assert (soon.name, soon.due) == ("周桂英", date(2027, 1, 15))
    with village.db.read() as s:
        person = s.get(Person, soon.person_id)
        assert person is not None and soon.id_number == person.id_number
    # Both December-born recipients must certify by the end of November.
    assert {i.due for i in lists[CERTIFICATION_DUE].items} == {date(2026, 11, 30)}
    overdue = {village.label_of(i.person_id): i for i in lists[CERTIFICATION_OVERDUE].items}
    assert overdue["cert_overdue"].due == date(2026, 2, 28)
    assert "suspend from 2026-03" in overdue["cert_overdue"].detail
    assert "payment suspended" in overdue["cert_suspended"].detail
    assert {i.due for i in lists[CONTRIBUTION_UNPAID].items} == {date(2026, 12, 31)}
    deaths = {i.name: i.detail for i in lists[DEATH_NOT_STOPPED].items}
    # Paid for September and October after an August death: two months at the award's
    # monthly amount are to be recovered.
    with village.db.read() as s:
        award = award_of(session=s, person_id=village.ids["dead_overpaid"])
        assert award is not None
    owed = format_yuan(2 * award.monthly_fen)
    assert f"2 month(s) paid after death, {owed} yuan to recover" in deaths["石老爹"]
    assert "award still active" in deaths["孔大伯"]
    labour = {i.name: i.detail for i in lists[LABOUR_NOT_UPDATED].items}
    assert labour == {
        "韦阿妹": "never surveyed",
        "钟六四": "never surveyed",
        "邓小军": "last surveyed 2025-04-01",
    }


def test_items_are_ordered_by_due_date_then_name(lists: dict[str, WorkList]) -> None:
    for wl in lists.values():
        keys = [(i.due or date.max, i.name, i.id_number) for i in wl.items]
        assert keys == sorted(keys)


def test_deceased_persons_appear_only_on_the_death_list(
    village: Village, lists: dict[str, WorkList]
) -> None:
    dead = {"poor_deceased", "dead_overpaid", "dead_recovered", "dead_by_sync"}
    for code, wl in lists.items():
        if code != DEATH_NOT_STOPPED:
            assert not village.labels(wl) & dead, code


def test_bulk_lists_agree_with_the_per_person_services(
    village: Village, lists: dict[str, WorkList]
) -> None:
    eligible = village.labels(lists[ELIGIBLE_NOT_RECEIVING])
    due = village.labels(lists[CERTIFICATION_DUE])
    overdue = village.labels(lists[CERTIFICATION_OVERDUE])
    with village.db.read() as s:
        for label, pid in village.ids.items():
            person = s.get(Person, pid)
            assert person is not None
            if person.death_date is not None:
                continue
            award = award_of(session=s, person_id=pid)
            if person.birth_date <= latest_birth_for_age(60, TODAY):
                elig = check_eligibility(session=s, person_id=pid, on=TODAY)
                assert (elig.eligible and award is None) == (label in eligible), label
            state = certification_status(session=s, person_id=pid, on=TODAY)
            status = state.status if state is not None else None
            assert (status == "due") == (label in due), label
            assert (status == "overdue") == (label in overdue), label


def test_a_suspended_award_is_suspended_and_the_recovered_death_is_settled(
    village: Village,
) -> None:
    # Guards for the set-up itself: the lists above rely on these service outcomes.
    with village.db.read() as s:
        award = award_of(session=s, person_id=village.ids["cert_suspended"])
        assert award is not None and award.status == AwardStatus.SUSPENDED.value
        net = {}
        for p in s.scalars(
            select(BenefitPayment).where(BenefitPayment.person_id == village.ids["dead_recovered"])
        ):
            net[p.month] = net.get(p.month, 0) + p.amount_fen
        assert net[date(2026, 9, 1)] == net[date(2026, 10, 1)] == 0


def test_lists_on_an_earlier_date_see_the_world_of_that_date(village: Village) -> None:
    # On 2026-07-01 the August deaths had not happened: nobody is on the death list, and
    # the person who died in March 2026 was still alive on 2026-02-01.
    with village.db.read() as s:
        july = {wl.code: wl for wl in worklists(session=s, on=date(2026, 7, 1))}
        february = {wl.code: wl for wl in worklists(session=s, on=date(2026, 2, 1))}
    assert village.labels(july[DEATH_NOT_STOPPED]) == set()
    assert "poor_deceased" in village.labels(february[POOR_NOT_ENROLLED])


def _statements(db: Database) -> list[str]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.read() as s:
            worklists(session=s, on=TODAY)
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
    # one to net the contribution years of the persons with a reversed entry.
    assert len(_statements(village.db)) == len(baseline) + 1 <= 20


def test_an_empty_station_has_empty_lists(tmp_path: Path) -> None:
    db = init_station(
        path=tmp_path / "empty.db", village_code=VILLAGE, name="空村", now=datetime(2026, 11, 27)
    )
    try:
        with db.read() as s:
            result = worklists(session=s, on=TODAY)
    finally:
        db.close()
    assert [wl.code for wl in result] == list(EXPECTED)
    assert all(wl.count == 0 for wl in result)
