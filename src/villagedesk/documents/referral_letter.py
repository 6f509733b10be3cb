"""岗位推荐函 — the letter a resident takes to an employer, with a tear-off reply (回执).

It goes to a third party (the employer), so the ID number is masked: the employer checks
the ID card itself when hiring.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents.common import not_available, person_facts, person_info
from villagedesk.documents.labels import SEX, cn_date, label, plain_yuan
from villagedesk.documents.model import (
    DocumentContent,
    Field,
    FieldGrid,
    Paragraph,
    Signatures,
    Spacer,
)
from villagedesk.services.context import get_live
from villagedesk.store.models import Employer, Referral, Vacancy

KIND = "referral-letter"
TITLE = "岗位推荐函"
PUBLIC = True  # handed to an employer: ID masked
POST_FACT_CHARS = 20  # the post name signed into the QR code, cut to keep the code small


def _referral(session: Session, person_id: str, on: date, referral_id: str | None) -> Referral:
    if referral_id is not None:
        referral = get_live(session, Referral, referral_id, field="referral_id")
        if referral.person_id != person_id:
            raise not_available("referral_id", "other_person", "is a referral of someone else")
        return referral
    found = session.scalars(
        select(Referral)
        .where(
            Referral.person_id == person_id,
            Referral.deleted.is_(False),
            Referral.referred_on <= on,
        )
        .order_by(Referral.referred_on.desc(), Referral.created_hlc.desc())
    ).first()
    if found is None:
        raise not_available("person_id", "no_referral", "has not been referred to a vacancy")
    return found


def build_referral_letter(
    *, session: Session, person_id: str, on: date, referral_id: str | None = None
) -> DocumentContent:
    """The letter for ``referral_id``, or for the person's latest referral made by ``on``."""
    info = person_info(session=session, person_id=person_id)
    referral = _referral(session, person_id, on, referral_id)
    vacancy = get_live(session, Vacancy, referral.vacancy_id, field="vacancy_id")
    employer = get_live(session, Employer, vacancy.employer_id, field="employer_id")
    id_shown = info.id_shown(public=PUBLIC)
    age = info.age(referral.referred_on)
    wage = f"{plain_yuan(vacancy.wage_min_fen)}–{plain_yuan(vacancy.wage_max_fen)} 元/月"
    body = (
        f"兹推荐我村村民 {info.name}（{label(SEX, info.sex)}，{age}岁，"
        f"公民身份号码 {id_shown}）前往贵单位应聘“{vacancy.post}”岗位。"
        "该同志已在本服务站进行劳动力登记，本人有就业意愿。请贵单位按照招聘条件予以面试，"
        "并将录用结果填写在下方回执中反馈本服务站。"
    )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"推荐日期：{cn_date(referral.referred_on)}",
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"被推荐人：{info.name}　岗位：{vacancy.post}",
        blocks=(
            Paragraph(f"{employer.name}：", style="lead"),
            Paragraph(body, emphasis=(info.name, vacancy.post)),
            FieldGrid(
                title="推荐岗位",
                fields=(
                    Field("用人单位", employer.name, wide=True),
                    Field("统一社会信用代码", employer.uscc, mono=True),
                    Field("联系人", " ".join(x for x in (employer.contact, employer.phone) if x)),
                    Field("岗位名称", vacancy.post),
                    Field("招聘人数", f"{vacancy.count} 人"),
                    Field("工资待遇", wage),
                    Field("工作地点", vacancy.place or "—"),
                    Field("岗位要求", vacancy.requirements or "—", wide=True),
                    Field("单位地址", employer.address or "—", wide=True),
                ),
            ),
            Paragraph("此致"),
            Paragraph("敬礼！", style="lead"),
            Signatures(("经办人（签字）", "推荐单位（盖章）")),
            Paragraph(
                "- - - - - - - - - - - - - - - 沿此线剪下 - - - - - - - - - - - - - - -",
                style="center",
            ),
            Spacer(2),
            Paragraph("回　执", style="center"),
            Paragraph(
                f"贵站推荐的 {info.name}（{id_shown}）应聘“{vacancy.post}”岗位，结果如下："
                "□ 录用，月工资＿＿＿＿元，上岗日期＿＿＿＿　□ 未录用　□ 未报到",
                style="lead",
                emphasis=(info.name,),
            ),
            Signatures(("用人单位（盖章）", "经办人（签字）")),
        ),
        facts={
            **person_facts(info),
            "uscc": employer.uscc,
            "post": vacancy.post[:POST_FACT_CHARS],
            "referred": referral.referred_on.isoformat(),
        },
    )
