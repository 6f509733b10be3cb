"""城乡居民基本养老保险参保登记证明 — the enrolment certificate.

The resident shows it to other offices as proof of enrolment, so the ID number (which is
also the social-security number) is printed whole.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from villagedesk.documents.common import (
    identity_fields,
    not_available,
    person_facts,
    person_info,
    place_name,
)
from villagedesk.documents.labels import (
    ENROLMENT_STATUS,
    INSURED_CATEGORY,
    cn_date,
    label,
    yuan,
)
from villagedesk.documents.model import (
    DocumentContent,
    Field,
    FieldGrid,
    Paragraph,
    Signatures,
    Spacer,
)
from villagedesk.services.facts import contribution_totals, paid_years
from villagedesk.services.pension import account_statement, enrolment_of

KIND = "enrolment-certificate"
TITLE = "城乡居民基本养老保险参保登记证明"
PUBLIC = False  # proof the resident presents: ID number whole


def build_enrolment_certificate(*, session: Session, person_id: str, on: date) -> DocumentContent:
    info = person_info(session=session, person_id=person_id)
    enrolment = enrolment_of(session=session, person_id=person_id)
    if enrolment is None or enrolment.enrolled_on > on:
        raise not_available("person_id", "not_enrolled", "is not enrolled in the resident pension")
    years = paid_years(contribution_totals(session=session, person_id=person_id))
    counted = [y for y in years if y <= on.year]
    statement = account_statement(session=session, person_id=person_id, as_of_year=on.year)
    status = label(ENROLMENT_STATUS, enrolment.status)
    id_shown = info.id_shown(public=PUBLIC)
    enrolled_on = cn_date(enrolment.enrolled_on)
    body = (
        f"兹证明 {info.name}（公民身份号码：{id_shown}）于{enrolled_on}在本服务站办理"
        f"城乡居民基本养老保险参保登记，参保状态为“{status}”，"
        f"截至{cn_date(on)}累计缴费 {len(counted)} 年。"
    )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"证明日期：{cn_date(on)}",
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"参保人：{info.name}　公民身份号码：{id_shown}",
        blocks=(
            FieldGrid(
                title="一、参保人基本信息",
                fields=(
                    *identity_fields(info, public=PUBLIC, on=on),
                    Field("户籍所在地", place_name(info.village_code), wide=True),
                    Field("住址", info.address, wide=True),
                ),
            ),
            FieldGrid(
                title="二、参保登记信息",
                fields=(
                    Field("参保险种", "城乡居民基本养老保险"),
                    Field("参保日期", enrolled_on),
                    Field("参保状态", status),
                    Field("人员类别", label(INSURED_CATEGORY, enrolment.insured_category)),
                    Field("缴费档次", f"{yuan(enrolment.grade_fen)}/年"),
                    Field("累计缴费年限", f"{len(counted)} 年"),
                    Field("最近缴费年度", f"{max(counted)} 年度" if counted else "尚未缴费"),
                    Field(f"账户余额（{on.year}年末）", yuan(statement.closing_fen)),
                ),
            ),
            Spacer(3),
            Paragraph(body, emphasis=(info.name,)),
            Paragraph("特此证明。"),
            Paragraph(
                "本证明仅证明参保登记情况；养老保险待遇以社会保险经办机构核定为准。",
                style="note",
            ),
            Signatures(("经办人（签字）", "服务站（盖章）")),
        ),
        facts={
            **person_facts(info),
            "enrolled": enrolment.enrolled_on.isoformat(),
            "status": enrolment.status,
            "years": len(counted),
        },
    )
