"""缴费凭证 — the receipt for one year's resident-pension contribution (A5).

Shows what the person paid, the government's contribution subsidy and — for registered-poor
residents — the premium the government paid for them (政府代缴) with the region's and the
city's or county's shares. The resident keeps it as proof of payment: ID number whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents.common import not_available, person_facts, person_info
from villagedesk.documents.labels import (
    COST_LEVEL,
    ENTRY_KIND,
    INSURED_CATEGORY,
    cn_date,
    label,
    plain_yuan,
    yuan,
    yuan_in_words,
)
from villagedesk.documents.model import (
    Align,
    Column,
    DocumentContent,
    Field,
    FieldGrid,
    PageFormat,
    Paragraph,
    Signatures,
    Table,
)
from villagedesk.domain.categories import EntryKind
from villagedesk.domain.policy import PolicyMissing
from villagedesk.services.facts import sum_by_year
from villagedesk.services.pension import enrolment_of
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.models import Contribution, PaidPremium

KIND = "contribution-receipt"
TITLE = "城乡居民基本养老保险缴费凭证"
PUBLIC = False  # the resident's proof of payment: ID number whole


@dataclass(frozen=True)
class ReceiptFigures:
    """One year's contribution as printed (net of any reversal made by ``on``)."""

    year: int
    paid_on: date
    kind: str
    grade_fen: int
    personal_fen: int
    subsidy_fen: int
    paid_premium_fen: int
    collective_fen: int
    region_fen: int
    local_fen: int
    local_level: str | None

    @property
    def credited_fen(self) -> int:
        return self.personal_fen + self.subsidy_fen + self.paid_premium_fen + self.collective_fen


def receipt_figures(
    *, session: Session, person_id: str, on: date, year: int | None = None
) -> ReceiptFigures:
    """The contribution of ``year`` (default: the latest year paid by ``on``)."""
    rows = [
        c
        for c in session.scalars(
            select(Contribution).where(
                Contribution.person_id == person_id, Contribution.deleted.is_(False)
            )
        )
        if c.paid_on <= on
    ]
    totals = {t.year: t for t in sum_by_year(rows) if t.credited_fen > 0}
    if year is None:
        paid = [c for c in rows if c.year in totals and c.kind != EntryKind.REVERSAL.value]
        if not paid:
            raise not_available("person_id", "no_contribution", "has no contribution to print")
        year = max(paid, key=lambda c: (c.paid_on, c.year)).year
    if year not in totals:
        raise not_available("year", "no_contribution", f"no contribution is recorded for {year}")
    t = totals[year]
    reversed_ids = {c.reverses_id for c in rows if c.reverses_id}
    originals = [
        c
        for c in rows
        if c.year == year and c.kind != EntryKind.REVERSAL.value and c.id not in reversed_ids
    ]
    # A positive net credit always has an original entry that was not reversed.
    latest = max(originals or [c for c in rows if c.year == year], key=lambda c: c.paid_on)
    premiums = list(
        session.scalars(
            select(PaidPremium).where(
                PaidPremium.person_id == person_id,
                PaidPremium.year == year,
                PaidPremium.deleted.is_(False),
                PaidPremium.contribution_id.in_([c.id for c in rows]),
            )
        )
    )
    level = next((p.local_level for p in premiums if p.amount_fen > 0), None)
    return ReceiptFigures(
        year=year,
        paid_on=latest.paid_on,
        kind=latest.kind,
        grade_fen=latest.grade_fen,
        personal_fen=t.personal_fen,
        subsidy_fen=t.subsidy_fen,
        paid_premium_fen=t.paid_premium_fen,
        collective_fen=t.collective_fen,
        region_fen=sum(p.region_fen for p in premiums),
        local_fen=sum(p.local_fen for p in premiums),
        local_level=level,
    )


def _split_text(session: Session, village_code: str, f: ReceiptFigures) -> str:
    """ "自治区 60%、设区市 40%" from the cost-split policy in force on the payment day."""
    try:
        split = load_policy(session=session).cost_split(f.paid_on, county_of(village_code))
    except PolicyMissing:
        return ""
    level = label(COST_LEVEL, split.level.value)
    return f"（按自治区 {split.region_pct}%、{level} {split.local_pct}% 分担）"


def _premium_note(f: ReceiptFigures, split: str) -> str:
    if not f.paid_premium_fen:
        return "—"
    level = label(COST_LEVEL, f.local_level, "地方")
    return (
        f"政府为困难人员代缴；自治区承担 {plain_yuan(f.region_fen)} 元，"
        f"{level}承担 {plain_yuan(f.local_fen)} 元{split}"
    )


def build_contribution_receipt(
    *, session: Session, person_id: str, on: date, year: int | None = None
) -> DocumentContent:
    info = person_info(session=session, person_id=person_id)
    f = receipt_figures(session=session, person_id=person_id, on=on, year=year)
    enrolment = enrolment_of(session=session, person_id=person_id)
    category = label(INSURED_CATEGORY, enrolment.insured_category if enrolment else None)
    id_shown = info.id_shown(public=PUBLIC)
    rows: list[tuple[str, str, str]] = [
        ("个人缴费", plain_yuan(f.personal_fen), f"本人缴纳：{yuan_in_words(f.personal_fen)}"),
        (
            "政府代缴",
            plain_yuan(f.paid_premium_fen),
            _premium_note(f, _split_text(session, info.village_code, f)),
        ),
        ("政府缴费补贴", plain_yuan(f.subsidy_fen), "按缴费档次给予的缴费补贴，记入个人账户"),
    ]
    if f.collective_fen:
        rows.append(("集体补助", plain_yuan(f.collective_fen), "村集体经济组织补助"))
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"（{f.year}年度）",
        page_format=PageFormat.A5_LANDSCAPE,
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"缴费人：{info.name}　{id_shown}　{f.year}年度",
        blocks=(
            FieldGrid(
                fields=(
                    Field("缴费人姓名", info.name),
                    Field("公民身份号码", id_shown, mono=True),
                    Field("缴费年度", f"{f.year} 年度（{label(ENTRY_KIND, f.kind)}）"),
                    Field("缴费日期", cn_date(f.paid_on)),
                    Field("缴费档次", f"{yuan(f.grade_fen)}/年"),
                    Field("人员类别", category),
                )
            ),
            Table(
                columns=(
                    Column("项目", 1.1),
                    Column("金额（元）", 0.9, Align.RIGHT),
                    Column("说明", 4.0),
                ),
                rows=tuple(rows),
                footer=(
                    "记入个人账户合计",
                    plain_yuan(f.credited_fen),
                    yuan_in_words(f.credited_fen),
                ),
            ),
            Paragraph(
                f"本人实际缴纳 {yuan(f.personal_fen)}（{yuan_in_words(f.personal_fen)}）。"
                "请妥善保管本凭证。",
                style="small",
            ),
            Signatures(("收款经办人（签字）", "缴费人（签字）"), date_line=False),
        ),
        facts={
            **person_facts(info),
            "year": f.year,
            "personal": plain_yuan(f.personal_fen),
            "subsidy": plain_yuan(f.subsidy_fen),
            "gov": plain_yuan(f.paid_premium_fen),
            "total": plain_yuan(f.credited_fen),
        },
    )
