"""Each personal document, printed from the demo village, says the right things.

Expected figures are computed from the services (never copied from a rendered PDF); the
text is read back from the PDF with pdftotext.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from doc_support import DEMO_NOW, DEMO_TODAY, Pdf
from sqlalchemy import func, select

from villagedesk.documents.api import print_document
from villagedesk.documents.registry import DocumentRequest
from villagedesk.domain import certification as cert_rules
from villagedesk.domain import unemployment
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.services.context import Actor
from villagedesk.services.facts import contribution_totals, paid_years
from villagedesk.services.pension import account_statement, award_of, enrolment_of
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.database import Database
from villagedesk.store.models import (
    BenefitAward,
    Certification,
    Contribution,
    Employer,
    LabourRegistration,
    PaidPremium,
    Person,
    Referral,
    Vacancy,
)

SavePdf = Callable[[bytes, str], Pdf]


def grouped(fen: int) -> str:
    return format_yuan(fen, grouping=True)


def person(db: Database, person_id: str) -> Person:
    with db.read() as s:
        found = s.get(Person, person_id)
        assert found is not None
        return found


def print_pdf(db: Database, clerk: Actor, save_pdf: SavePdf, request: DocumentRequest) -> Pdf:
    result = print_document(db=db, request=request, clerk=clerk, now=DEMO_NOW)
    return save_pdf(result.pdf, request.kind)


def test_enrolment_certificate_shows_the_whole_id_and_the_account(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        pid = s.scalar(
            select(Contribution.person_id)
            .group_by(Contribution.person_id)
            .order_by(func.count().desc(), Contribution.person_id)
        )
        assert pid is not None
        enrolment = enrolment_of(session=s, person_id=pid)
        balance = account_statement(session=s, person_id=pid, as_of_year=2026).closing_fen
        years = len(paid_years(contribution_totals(session=s, person_id=pid)))
    p = person(demo, pid)
    assert enrolment is not None
    pdf = print_pdf(
        demo, clerk, save_pdf, DocumentRequest(kind="enrolment-certificate", person_id=pid)
    )
    text = pdf.flat()
    assert "城乡居民基本养老保险参保登记证明" in text
    assert p.name in text
    assert p.id_number in text  # the resident's proof: whole number
    on = enrolment.enrolled_on
    assert f"{on.year}年{on.month}月{on.day}日" in text
    assert f"账户余额（2026年末）{grouped(balance)}元" in text
    assert f"累计缴费{years}年" in text
    assert "经办人" in text and "王办事员" in text


def test_receipt_splits_the_government_paid_premium_between_region_and_county(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        premium = s.scalars(
            select(PaidPremium)
            .where(PaidPremium.amount_fen > 0)
            .order_by(PaidPremium.year.desc(), PaidPremium.person_id)
        ).first()
        assert premium is not None
        pid, year = premium.person_id, premium.year
        totals = next(t for t in contribution_totals(session=s, person_id=pid) if t.year == year)
        shares = list(
            s.scalars(
                select(PaidPremium).where(PaidPremium.person_id == pid, PaidPremium.year == year)
            )
        )
    p = person(demo, pid)
    pdf = print_pdf(
        demo,
        clerk,
        save_pdf,
        DocumentRequest(kind="contribution-receipt", person_id=pid, year=year),
    )
    text = pdf.flat()
    assert p.name in text and p.id_number in text
    assert f"（{year}年度）" in text
    assert format_yuan(totals.personal_fen) in pdf.row("个人缴费", first=True)
    assert format_yuan(totals.paid_premium_fen) in pdf.row("政府代缴")
    assert format_yuan(totals.subsidy_fen) in pdf.row("政府缴费补贴")
    assert format_yuan(totals.credited_fen) in pdf.row("记入个人账户合计")
    region = sum(x.region_fen for x in shares)
    local = sum(x.local_fen for x in shares)
    assert region + local == totals.paid_premium_fen
    assert f"自治区承担{format_yuan(region)}元" in text
    assert f"承担{format_yuan(local)}元" in text


def test_receipt_of_a_year_without_contribution_is_refused(demo: Database, clerk: Actor) -> None:
    with demo.read() as s:
        pid = s.scalar(select(Contribution.person_id).limit(1))
    with pytest.raises(ValidationError) as err:
        print_document(
            db=demo,
            request=DocumentRequest(kind="contribution-receipt", person_id=pid, year=1990),
            clerk=clerk,
            now=DEMO_NOW,
        )
    assert err.value.errors[0].rule == "no_contribution"


def test_entitlement_statement_lists_every_year_and_the_pension(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        pid = s.scalar(
            select(Contribution.person_id)
            .join(BenefitAward, BenefitAward.person_id == Contribution.person_id)
            .group_by(Contribution.person_id)
            .order_by(func.count().desc(), Contribution.person_id)
        )
        assert pid is not None
        statement = account_statement(session=s, person_id=pid, as_of_year=DEMO_TODAY.year)
        totals = {t.year: t for t in contribution_totals(session=s, person_id=pid)}
        award = award_of(session=s, person_id=pid)
    assert award is not None
    p = person(demo, pid)
    pdf = print_pdf(
        demo, clerk, save_pdf, DocumentRequest(kind="entitlement-statement", person_id=pid)
    )
    text = pdf.flat()
    assert p.name in text and p.id_number in text
    for line in statement.lines:
        t = totals.get(line.year)
        row = pdf.row(f"{line.year}", first=True)
        assert format_yuan(line.closing_fen) in row, line.year
        if t is not None:
            assert format_yuan(t.personal_fen) in row and format_yuan(t.subsidy_fen) in row
    assert f"账户余额（{DEMO_TODAY.year}年末）{grouped(statement.closing_fen)}元" in text
    assert f"{grouped(award.monthly_fen)}元" in pdf.row("月养老金")


def test_certification_slip_masks_the_id_and_gives_the_next_window(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        cert = s.scalars(
            select(Certification).order_by(
                Certification.certified_on.desc(), Certification.person_id
            )
        ).first()
        assert cert is not None
        pid, on = cert.person_id, cert.certified_on
        p = s.get(Person, pid)
        assert p is not None
        rule = load_policy(session=s).certification_rule(on, county_of(p.village_code))
    _start, end = cert_rules.window_for(birth_date=p.birth_date, on=on, rule=rule)
    nxt, nxt_end = cert_rules.window_for(
        birth_date=p.birth_date, on=end + timedelta(days=1), rule=rule
    )
    pdf = print_pdf(
        demo, clerk, save_pdf, DocumentRequest(kind="certification-slip", person_id=pid)
    )
    text = pdf.flat()
    assert "待遇领取资格认证回执" in text
    assert p.name in text
    assert mask_id(p.id_number) in text
    assert p.id_number not in text  # public slip: never the whole number
    assert f"{on.year}年{on.month}月{on.day}日" in pdf.row("认证日期")
    assert f"{nxt.year}年{nxt.month}月{nxt.day}日至{nxt_end.year}年{nxt_end.month}月" in text


def test_labour_card_shows_the_latest_survey(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        survey = s.scalars(
            select(LabourRegistration)
            .where(LabourRegistration.employer_name != "")
            .order_by(LabourRegistration.surveyed_on.desc(), LabourRegistration.person_id)
        ).first()
        assert survey is not None
        latest = s.scalar(
            select(func.max(LabourRegistration.surveyed_on)).where(
                LabourRegistration.person_id == survey.person_id
            )
        )
    assert latest == survey.surveyed_on
    p = person(demo, survey.person_id)
    pdf = print_pdf(demo, clerk, save_pdf, DocumentRequest(kind="labour-card", person_id=p.id))
    text = pdf.flat()
    assert "农村劳动力登记卡" in text
    assert p.name in text and p.id_number in text
    assert "".join(survey.employer_name.split()) in text
    if survey.monthly_income_fen is not None:
        assert f"{grouped(survey.monthly_income_fen)}元" in text


def test_referral_letter_names_employer_and_post_and_masks_the_id(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        referral = s.scalars(
            select(Referral).order_by(Referral.referred_on.desc(), Referral.person_id)
        ).first()
        assert referral is not None
        vacancy = s.get(Vacancy, referral.vacancy_id)
        assert vacancy is not None
        employer = s.get(Employer, vacancy.employer_id)
        assert employer is not None
    p = person(demo, referral.person_id)
    pdf = print_pdf(
        demo,
        clerk,
        save_pdf,
        DocumentRequest(kind="referral-letter", person_id=p.id, referral_id=referral.id),
    )
    text = pdf.flat()
    assert "岗位推荐函" in text
    assert f"{employer.name}：" in text
    assert employer.uscc in text
    assert f"“{vacancy.post}”" in text
    assert mask_id(p.id_number) in text and p.id_number not in text
    wage = f"{format_yuan(vacancy.wage_min_fen)}–{format_yuan(vacancy.wage_max_fen)}元/月"
    assert wage in text
    assert "回执" in text


@pytest.mark.parametrize("years", [Decimal("6.5"), Decimal("0.5"), 17])
def test_unemployment_estimate_matches_the_rules(
    demo: Database, clerk: Actor, save_pdf: SavePdf, years: Decimal | int
) -> None:
    with demo.read() as s:
        p = s.scalars(select(Person).order_by(Person.birth_date.desc(), Person.id)).first()
        assert p is not None
        policy = load_policy(session=s)
    county = county_of(p.village_code)
    rule = policy.unemployment_rule(DEMO_TODAY, county)
    amount = unemployment.monthly_amount(
        policy=policy, on=DEMO_TODAY, county=county, contribution_years=years
    )
    months = unemployment.max_months(contribution_years=years, rule=rule, unused_prior_months=1)
    monthly = amount.amount_fen if months else 0
    pdf = print_pdf(
        demo,
        clerk,
        save_pdf,
        DocumentRequest(
            kind="unemployment-estimate",
            person_id=p.id,
            on=DEMO_TODAY,
            contribution_years=Decimal(years),
            unused_months=1,
        ),
    )
    assert f"{grouped(monthly)}元" in pdf.row("每月失业保险金")
    assert f"{months}个月" in pdf.row("最长领取期限")
    assert f"{grouped(monthly * months)}元" in pdf.row("最多可领取合计")
    assert mask_id(p.id_number) in pdf.flat()
    if months == 0:
        assert "不符合" in pdf.flat()


def test_a_person_without_the_record_gets_a_clear_refusal(demo: Database, clerk: Actor) -> None:
    with demo.read() as s:
        enrolled = select(Contribution.person_id)
        pid = s.scalar(
            select(Person.id)
            .where(Person.id.not_in(enrolled), Person.birth_date > date(2012, 1, 1))
            .limit(1)
        )
    assert pid is not None
    for kind, rule in (
        ("enrolment-certificate", "not_enrolled"),
        ("contribution-receipt", "no_contribution"),
        ("certification-slip", "no_certification"),
        ("referral-letter", "no_referral"),
    ):
        with pytest.raises(ValidationError) as err:
            print_document(
                db=demo,
                request=DocumentRequest(kind=kind, person_id=pid),
                clerk=clerk,
                now=DEMO_NOW,
            )
        assert err.value.errors[0].rule == rule, kind
