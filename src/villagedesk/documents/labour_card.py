"""农村劳动力登记卡 — the labour registration card: the latest survey, training wishes,
trainings and referrals of one person.

The card is the registration form kept with the resident and in the village file; the clerk
and the resident both need to identify the record exactly: ID number whole.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents.common import (
    identity_fields,
    not_available,
    person_facts,
    person_info,
    place_name,
)
from villagedesk.documents.labels import (
    EMPLOYMENT_STATUS,
    JOB_CHANNEL,
    POPULATION_CATEGORY,
    REFERRAL_OUTCOME,
    WORK_PLACE,
    cn_date,
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
    Signatures,
    Table,
)
from villagedesk.services.labour import labour_history, referrals_for, trainings_for
from villagedesk.store.models import Employer, TrainingNeed, Vacancy

KIND = "labour-card"
TITLE = "农村劳动力登记卡"
PUBLIC = False  # the registration record itself: ID number whole


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("是" if value else "否")


def build_labour_card(*, session: Session, person_id: str, on: date) -> DocumentContent:
    info = person_info(session=session, person_id=person_id)
    surveys = [
        s for s in labour_history(session=session, person_id=person_id) if s.surveyed_on <= on
    ]
    if not surveys:
        raise not_available("person_id", "no_labour_survey", "has no labour survey to print")
    s = surveys[0]
    id_shown = info.id_shown(public=PUBLIC)
    place = label(WORK_PLACE, s.work_place)
    if s.work_province:
        place = f"{place}（{s.work_province}）"
    needs = list(
        session.scalars(
            select(TrainingNeed)
            .where(
                TrainingNeed.person_id == person_id,
                TrainingNeed.deleted.is_(False),
                TrainingNeed.surveyed_on <= on,
            )
            .order_by(TrainingNeed.surveyed_on.desc())
        )
    )
    wants = []
    if s.wants_work:
        wants.append("有就业意愿")
    if s.wants_training:
        wants.append(f"有培训意愿（{s.training_trade or '工种未定'}）")
    if s.wants_business:
        wants.append("有创业意愿")
    trainings = [
        t for t in trainings_for(session=session, person_id=person_id) if t.start_date <= on
    ]
    referrals = [
        r for r in referrals_for(session=session, person_id=person_id) if r.referred_on <= on
    ]
    vacancy_ids = {r.vacancy_id for r in referrals}
    vacancies = {
        v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(vacancy_ids)))
    }
    employer_ids = {v.employer_id for v in vacancies.values()}
    employers = {
        e.id: e for e in session.scalars(select(Employer).where(Employer.id.in_(employer_ids)))
    }
    referral_rows = []
    for r in referrals:
        v = vacancies.get(r.vacancy_id)
        e = employers.get(v.employer_id) if v else None
        outcome = label(REFERRAL_OUTCOME, r.outcome)
        if r.monthly_wage_fen is not None:
            outcome += f"（月薪 {plain_yuan(r.monthly_wage_fen)}）"
        referral_rows.append(
            (cn_date(r.referred_on), e.name if e else "—", v.post if v else "—", outcome)
        )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"调查日期：{cn_date(s.surveyed_on)}",
        person_id=info.id,
        as_of=on.isoformat(),
        running_head=f"姓名：{info.name}　公民身份号码：{id_shown}",
        blocks=(
            FieldGrid(
                title="一、基本情况",
                fields=(
                    *identity_fields(info, public=PUBLIC, on=on),
                    Field("联系电话", s.phone or info.phone or "—"),
                    Field("人员类别", label(POPULATION_CATEGORY, s.population_category)),
                    Field("户籍所在地", place_name(info.village_code), wide=True),
                    Field("家庭住址", info.address, wide=True),
                ),
            ),
            FieldGrid(
                title="二、就业情况",
                fields=(
                    Field("就业状态", label(EMPLOYMENT_STATUS, s.employment_status)),
                    Field("就业渠道", label(JOB_CHANNEL, s.job_channel)),
                    Field("就业地点", place),
                    Field("所属行业", s.industry or "—"),
                    Field("就业单位", s.employer_name or "—", wide=True),
                    Field("月收入", yuan(s.monthly_income_fen)),
                    Field("登记经办人", s.clerk or "—"),
                ),
            ),
            FieldGrid(
                title="三、就业、培训和创业意愿",
                fields=(
                    Field("意愿", "；".join(wants) if wants else "暂无", wide=True),
                    Field(
                        "培训需求",
                        "、".join(f"{n.trade}（{cn_date(n.surveyed_on)}）" for n in needs) or "—",
                        wide=True,
                    ),
                    Field("备注", s.note or "—", wide=True),
                ),
            ),
            Table(
                title="四、培训记录",
                columns=(
                    Column("培训项目", 2.2),
                    Column("工种", 1.2),
                    Column("起止日期", 2.2),
                    Column("证书", 1.6),
                    Column("培训后就业", 0.9, Align.CENTER),
                    Column("月工资（元）", 1.0, Align.RIGHT),
                ),
                rows=tuple(
                    (
                        t.programme,
                        t.trade,
                        f"{cn_date(t.start_date)}至{cn_date(t.end_date, empty='今')}",
                        t.certificate or "—",
                        _yes_no(t.employed_after),
                        plain_yuan(t.monthly_wage_fen) if t.monthly_wage_fen is not None else "—",
                    )
                    for t in trainings
                ),
                empty_text="暂无培训记录",
            ),
            Table(
                title="五、岗位推荐记录",
                columns=(
                    Column("推荐日期", 1.3),
                    Column("用人单位", 2.6),
                    Column("岗位", 1.6),
                    Column("结果", 1.5),
                ),
                rows=tuple(referral_rows),
                empty_text="暂无推荐记录",
            ),
            Paragraph(
                "本人确认以上信息真实；信息变化时请及时到服务站更新。",
                style="note",
            ),
            Signatures(("登记人（签字）", "经办人（签字）", "服务站（盖章）")),
        ),
        facts={**person_facts(info), "surveyed": s.surveyed_on.isoformat()},
    )
