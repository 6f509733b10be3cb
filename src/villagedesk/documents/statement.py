"""个人权益记录单 — the entitlement statement (权益查询): contributions by year, the account,
the expected or awarded monthly pension and the certification status.

The resident's own record: ID number whole.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from villagedesk.documents.common import identity_fields, person_facts, person_info
from villagedesk.documents.labels import (
    AWARD_KIND,
    AWARD_STATUS,
    CERT_STATUS,
    ENROLMENT_STATUS,
    INSURED_CATEGORY,
    cn_date,
    cn_month,
    label,
    plain_yuan,
    yuan,
)
from villagedesk.documents.model import (
    Align,
    Column,
    DocumentContent,
    Field,
    FieldGrid,
    Paragraph,
    Table,
)
from villagedesk.domain.pension import Eligibility
from villagedesk.services.entitlement import Entitlement, entitlement

KIND = "entitlement-statement"
TITLE = "城乡居民基本养老保险个人权益记录单"
PUBLIC = False  # the resident's own record: ID number whole

_ELIGIBILITY_REASON = {
    "ok": "已符合按月领取条件",
    "special": "符合特殊基础养老金领取条件",
    "under_age": "未到领取年龄",
    "too_few_years": "缴费年限不足",
    "other_pension": "已享受其他国家基本养老保险待遇",
}


def _rate(rate: Decimal, opening_fen: int) -> str:
    """A yearly rate (a fraction) as a percentage; "—" in a year that began with nothing."""
    if opening_fen == 0:
        return "—"
    return f"{(rate * 100).quantize(Decimal('0.01'))}%"


def _account_table(ent: Entitlement) -> Table:
    by_year = {t.year: t for t in ent.years}
    rows: list[tuple[str, ...]] = []
    sums = [0, 0, 0, 0, 0, 0]
    for line in ent.account.lines:
        t = by_year.get(line.year)
        personal = t.personal_fen if t else 0
        subsidy = t.subsidy_fen if t else 0
        paid = t.paid_premium_fen if t else 0
        collective = t.collective_fen if t else 0
        for i, v in enumerate(
            (personal, subsidy, paid, collective, line.credited_fen, line.interest_fen)
        ):
            sums[i] += v
        rows.append(
            (
                str(line.year),
                plain_yuan(personal),
                plain_yuan(subsidy),
                plain_yuan(paid),
                plain_yuan(collective),
                plain_yuan(line.credited_fen),
                _rate(line.rate, line.opening_fen),
                plain_yuan(line.interest_fen),
                plain_yuan(line.closing_fen),
            )
        )
    money = Align.RIGHT
    return Table(
        title="二、缴费及个人账户记录（单位：元）",
        columns=(
            Column("年度", 0.7, Align.CENTER),
            Column("个人缴费", 1.0, money),
            Column("政府补贴", 1.0, money),
            Column("政府代缴", 1.0, money),
            Column("集体补助", 1.0, money),
            Column("当年记账", 1.05, money),
            Column("记账利率", 0.85, money),
            Column("当年利息", 0.95, money),
            Column("年末余额", 1.15, money),
        ),
        rows=tuple(rows),
        footer=(
            "合计",
            *(plain_yuan(v) for v in sums[:5]),
            "",
            plain_yuan(sums[5]),
            plain_yuan(ent.balance_fen),
        ),
        empty_text="尚无缴费记录",
    )


def _eligibility_text(e: Eligibility, years: int) -> str:
    reason = _ELIGIBILITY_REASON.get(e.reason, e.reason)
    text = f"{reason}。已缴费 {years} 年"
    if e.required_years:
        text += f"，需缴满 {e.required_years} 年"
    if e.years_short:
        text += f"，尚差 {e.years_short} 年"
    if e.may_back_pay_years:
        text += f"，可补缴 {e.may_back_pay_years} 年"
    return text + "。"


def _pension_grid(ent: Entitlement) -> FieldGrid:
    if ent.award is not None:
        a = ent.award
        parts = f"基础养老金 {plain_yuan(a.basic_fen)} + 个人账户养老金 {plain_yuan(a.account_fen)}"
        bonus = a.monthly_fen - a.basic_fen - a.account_fen
        if bonus:
            parts += f" + 长缴多得 {plain_yuan(bonus)}"
        fields = (
            Field("待遇类型", label(AWARD_KIND, a.kind)),
            Field("待遇状态", label(AWARD_STATUS, a.status)),
            Field("月养老金", f"{yuan(a.monthly_fen)}（{parts}）", wide=True),
            Field("首次领取月份", cn_month(a.first_month)),
            Field("最近发放月份", cn_month(ent.last_paid_month)),
            Field("累计已领取", yuan(ent.paid_total_fen)),
            Field(
                "暂停/终止",
                cn_month(a.suspended_from or a.stopped_from, empty="无"),
            ),
        )
        return FieldGrid(title="三、养老金待遇", fields=fields)
    fields_list = [
        Field("领取资格", _eligibility_text(ent.eligibility, ent.contribution_years), wide=True),
    ]
    if ent.eligibility.first_month is not None:
        fields_list.append(Field("可领取起始月份", cn_month(ent.eligibility.first_month)))
    if ent.expected is not None:
        x = ent.expected
        parts = f"基础养老金 {plain_yuan(x.basic_fen)} + 个人账户养老金 {plain_yuan(x.account_fen)}"
        if x.bonus_fen:
            parts += f" + 长缴多得 {plain_yuan(x.bonus_fen)}"
        fields_list.append(
            Field("按现有余额测算月养老金", f"{yuan(x.total_fen)}（{parts}）", wide=True)
        )
    if ent.deceased_on is not None:
        fields_list.append(Field("死亡日期", cn_date(ent.deceased_on)))
    return FieldGrid(title="三、养老金待遇", fields=tuple(fields_list))


def build_entitlement_statement(*, session: Session, person_id: str, on: date) -> DocumentContent:
    info = person_info(session=session, person_id=person_id)
    ent = entitlement(session=session, person_id=person_id, on=on)
    id_shown = info.id_shown(public=PUBLIC)
    blocks: list[FieldGrid | Table | Paragraph] = [
        FieldGrid(
            title="一、基本信息",
            fields=(
                *identity_fields(info, public=PUBLIC, on=on),
                Field("参保状态", label(ENROLMENT_STATUS, ent.enrolment_status)),
                Field("参保日期", cn_date(ent.enrolled_on)),
                Field("人员类别", label(INSURED_CATEGORY, ent.insured_category)),
                Field(
                    "缴费档次",
                    f"{yuan(ent.grade_fen)}/年" if ent.grade_fen is not None else "—",
                ),
                Field("累计缴费年限", f"{ent.contribution_years} 年"),
                Field(f"账户余额（{on.year}年末）", yuan(ent.balance_fen)),
            ),
        ),
        _account_table(ent),
        _pension_grid(ent),
    ]
    if ent.certification is not None:
        c = ent.certification
        start, end = c.current_window
        blocks.append(
            FieldGrid(
                title="四、待遇领取资格认证",
                fields=(
                    Field("认证状态", label(CERT_STATUS, c.status)),
                    Field("下次认证截止", cn_date(c.due_by)),
                    Field("本认证周期", f"{cn_date(start)} 至 {cn_date(end)}", wide=True),
                ),
            )
        )
    blocks.append(
        Paragraph(
            f"说明：个人账户余额按各年度记账利率计算至{on.year}年末；测算月养老金按现行基础养老金"
            "标准和现有账户余额计算，仅供参考，实际待遇以社会保险经办机构核定为准。",
            style="note",
        )
    )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"查询日期：{cn_date(on)}",
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"姓名：{info.name}　公民身份号码：{id_shown}　查询日期：{cn_date(on)}",
        blocks=tuple(blocks),
        facts={
            **person_facts(info),
            "years": ent.contribution_years,
            "balance": plain_yuan(ent.balance_fen),
        },
    )
