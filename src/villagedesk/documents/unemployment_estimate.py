"""失业保险金测算单 — an estimate of the unemployment benefit for a number of contribution
years: the monthly amount, the longest period and the most that can be drawn.

An estimate, not a decision, that the resident may show around: ID number masked.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from villagedesk.documents.common import not_available, person_facts, person_info, place_name
from villagedesk.documents.labels import SEX, cn_date, label, plain_yuan, yuan
from villagedesk.documents.model import (
    Align,
    Column,
    DocumentContent,
    Field,
    FieldGrid,
    Paragraph,
    Table,
)
from villagedesk.domain import unemployment
from villagedesk.services.policy import county_of, load_policy

KIND = "unemployment-estimate"
TITLE = "失业保险金测算单"
PUBLIC = True  # an estimate the resident may show to others: ID masked


def _years_text(years: Decimal) -> str:
    return f"{years.normalize():f}"


def build_unemployment_estimate(
    *,
    session: Session,
    person_id: str,
    on: date,
    contribution_years: Decimal | int,
    unused_prior_months: int = 0,
) -> DocumentContent:
    if isinstance(contribution_years, bool) or not isinstance(contribution_years, int | Decimal):
        raise not_available("contribution_years", "type", "must be a whole or decimal number")
    years = Decimal(contribution_years)
    if not years.is_finite() or years < 0 or years > 60:
        raise not_available("contribution_years", "range", "must be from 0 to 60 years")
    if unused_prior_months < 0:
        raise not_available("unused_prior_months", "negative", "must not be negative")
    info = person_info(session=session, person_id=person_id)
    policy = load_policy(session=session)
    county = county_of(info.village_code)
    rule = policy.unemployment_rule(on, county)
    amount = unemployment.monthly_amount(
        policy=policy, on=on, county=county, contribution_years=years
    )
    months = unemployment.max_months(
        contribution_years=years, rule=rule, unused_prior_months=unused_prior_months
    )
    eligible = years >= rule.min_years
    monthly = amount.amount_fen if eligible else 0
    total = monthly * months
    id_shown = info.id_shown(public=PUBLIC)
    pct = f"{amount.pct.normalize():f}%"
    months_note = f"（含以前未领完的 {unused_prior_months} 个月）" if unused_prior_months else ""
    verdict = (
        "按所填缴费年限，符合领取失业保险金的缴费年限条件。"
        if eligible
        else f"缴费不满 {rule.min_years} 年，不符合领取失业保险金的缴费年限条件。"
    )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"测算日期：{cn_date(on)}",
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"姓名：{info.name}　{id_shown}",
        blocks=(
            FieldGrid(
                title="一、基本情况",
                fields=(
                    Field("姓名", info.name),
                    Field("公民身份号码", id_shown, mono=True),
                    Field("性别", label(SEX, info.sex)),
                    Field("年龄", f"{info.age(on)} 周岁"),
                    Field("户籍所在地", place_name(info.village_code), wide=True),
                ),
            ),
            FieldGrid(
                title="二、测算依据",
                fields=(
                    Field("累计缴费年限", f"{_years_text(years)} 年"),
                    Field("计发基数", f"{yuan(amount.wage_fen)}/月（一类最低工资标准）"),
                    Field("计发比例", pct),
                    Field("以前未领完月数", f"{unused_prior_months} 个月"),
                ),
            ),
            Table(
                title="三、测算结果",
                columns=(
                    Column("项目", 1.4),
                    Column("金额/期限", 1.2, Align.RIGHT),
                    Column("说明", 3),
                ),
                rows=(
                    (
                        "每月失业保险金",
                        yuan(monthly),
                        f"{yuan(amount.wage_fen)} × {pct}" if eligible else "—",
                    ),
                    ("最长领取期限", f"{months} 个月", months_note or "按累计缴费年限确定"),
                    (
                        "最多可领取合计",
                        yuan(total),
                        f"每月 {yuan(monthly)} × {months} 个月",
                    ),
                ),
            ),
            Paragraph(verdict, style="lead"),
            Paragraph(
                f"领取条件：（一）失业前用人单位和本人已经缴纳失业保险费满 {rule.min_years} 年；"
                "（二）非因本人意愿中断就业；（三）已经进行失业登记，并有求职要求。",
                style="small",
            ),
            Paragraph(
                "本测算单根据现行政策和本人所述缴费年限测算，仅供参考；实际领取金额和期限"
                "以失业保险经办机构核定为准。",
                style="note",
            ),
        ),
        facts={
            **person_facts(info),
            "years": _years_text(years),
            "monthly": plain_yuan(monthly),
            "months": months,
        },
    )
