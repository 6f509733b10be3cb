"""待遇领取资格认证回执 — the survival-certification slip (A5), one per certification.

It is handed over at the counter or left at the home during a visit, where others may see
it: the ID number is masked. The batch builder prints every certification of a day from a
handful of queries (one policy load, bulk person/household/award reads).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, aliased

from villagedesk.documents.common import PersonInfo, not_available, person_facts
from villagedesk.documents.labels import (
    AWARD_KIND,
    AWARD_STATUS,
    CERTIFICATION_METHOD,
    cn_date,
    label,
    yuan,
)
from villagedesk.documents.model import (
    DocumentContent,
    Field,
    FieldGrid,
    PageFormat,
    Paragraph,
    Signatures,
)
from villagedesk.domain import certification as cert_rules
from villagedesk.domain.policy import CertificationRule, PolicyMissing, PolicySet
from villagedesk.services.policy import county_of, load_policy
from villagedesk.store.models import BenefitAward, Certification, Household, Person

KIND = "certification-slip"
BATCH_KIND = "certification-slips"
TITLE = "城乡居民基本养老保险待遇领取资格认证回执"
PUBLIC = True  # may be left with relatives or neighbours on a home visit: ID masked


def _in_force() -> ColumnElement[bool]:
    """A condition: the certification is neither a reversal nor reversed."""
    reversal = aliased(Certification)
    reversed_ids = select(reversal.reverses_id).where(
        reversal.reverses_id.is_not(None), reversal.deleted.is_(False)
    )
    condition: ColumnElement[bool] = (
        Certification.deleted.is_(False)
        & Certification.reverses_id.is_(None)
        & Certification.id.not_in(reversed_ids)
    )
    return condition


def _infos(session: Session, person_ids: list[str]) -> dict[str, PersonInfo]:
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
    household_ids = {p.household_id for p in people.values() if p.household_id}
    households = {
        h.id: h for h in session.scalars(select(Household).where(Household.id.in_(household_ids)))
    }
    out: dict[str, PersonInfo] = {}
    for pid, p in people.items():
        hh = households.get(p.household_id or "")
        out[pid] = PersonInfo(
            id=p.id,
            name=p.name,
            id_number=p.id_number,
            sex=p.sex,
            birth_date=p.birth_date,
            address=p.address or (hh.address if hh else ""),
            phone=p.phone or (hh.phone if hh else ""),
            village_code=p.village_code,
            death_date=p.death_date,
        )
    return out


def _rule(policy: PolicySet, on: date, village_code: str) -> CertificationRule | None:
    try:
        return policy.certification_rule(on, county_of(village_code))
    except PolicyMissing:
        return None


def _slip(
    cert: Certification,
    info: PersonInfo,
    award: BenefitAward | None,
    rule: CertificationRule | None,
) -> DocumentContent:
    id_shown = info.id_shown(public=PUBLIC)
    fields = [
        Field("姓名", info.name),
        Field("公民身份号码", id_shown, mono=True),
        Field("认证日期", cn_date(cert.certified_on)),
        Field("认证方式", label(CERTIFICATION_METHOD, cert.method)),
    ]
    next_text = ""
    if rule is not None:
        start, end = cert_rules.window_for(
            birth_date=info.birth_date, on=cert.certified_on, rule=rule
        )
        nxt_start, nxt_end = cert_rules.window_for(
            birth_date=info.birth_date, on=end + timedelta(days=1), rule=rule
        )
        fields.append(Field("本次认证周期", f"{cn_date(start)} 至 {cn_date(end)}", wide=True))
        fields.append(
            Field("下次认证时间", f"{cn_date(nxt_start)} 至 {cn_date(nxt_end)}", wide=True)
        )
        next_text = f"请于{cn_date(nxt_start)}至{cn_date(nxt_end)}期间完成下一次认证，"
    if award is not None:
        fields.append(Field("待遇类型", label(AWARD_KIND, award.kind)))
        fields.append(Field("月养老金", yuan(award.monthly_fen)))
        fields.append(Field("待遇状态", label(AWARD_STATUS, award.status)))
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        page_format=PageFormat.A5_LANDSCAPE,
        person_id=info.id,
        as_of=cert.certified_on.isoformat(),
        running_head=f"{info.name}　{id_shown}",
        blocks=(
            FieldGrid(fields=tuple(fields)),
            Paragraph(
                f"{info.name}：您已完成本年度城乡居民基本养老保险待遇领取资格认证。{next_text}"
                "逾期未认证的将暂停发放养老金，认证后恢复并补发。",
                style="small",
            ),
            Signatures(("经办人（签字）", "被认证人/代办人（签字）"), date_line=False),
        ),
        facts={
            **person_facts(info),
            "certified": cert.certified_on.isoformat(),
            "method": cert.method,
        },
    )


def build_certification_slip(
    *, session: Session, person_id: str, on: date, certification_id: str | None = None
) -> DocumentContent:
    """The slip of one certification: ``certification_id``, or the person's latest by ``on``."""
    q = select(Certification).where(_in_force(), Certification.person_id == person_id)
    if certification_id is not None:
        q = q.where(Certification.id == certification_id)
    else:
        q = q.where(Certification.certified_on <= on)
    cert = session.scalars(
        q.order_by(Certification.certified_on.desc(), Certification.created_hlc.desc())
    ).first()
    if cert is None:
        raise not_available("person_id", "no_certification", "has no certification to print")
    return _slips(session, [cert])[0]


def build_certification_slips(*, session: Session, on: date) -> list[DocumentContent]:
    """Every certification made on ``on`` (in force), ordered by name, one slip each."""
    certs = list(
        session.scalars(select(Certification).where(_in_force(), Certification.certified_on == on))
    )
    if not certs:
        raise not_available("on", "no_certification", f"no certification was made on {on}")
    return _slips(session, certs)


def _slips(session: Session, certs: list[Certification]) -> list[DocumentContent]:
    person_ids = sorted({c.person_id for c in certs})
    infos = _infos(session, person_ids)
    awards = {
        a.person_id: a
        for a in session.scalars(
            select(BenefitAward).where(
                BenefitAward.person_id.in_(person_ids), BenefitAward.deleted.is_(False)
            )
        )
    }
    policy = load_policy(session=session)
    ordered = sorted(certs, key=lambda c: (infos[c.person_id].name, infos[c.person_id].id_number))
    return [
        _slip(
            c,
            infos[c.person_id],
            awards.get(c.person_id),
            _rule(policy, c.certified_on, infos[c.person_id].village_code),
        )
        for c in ordered
    ]
