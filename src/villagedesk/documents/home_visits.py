"""入户走访工作清单 — the home-visit work-list: today's work-list items, one row per person,
ordered by address so the clerk can walk from house to house.

It is carried from door to door and may be seen by neighbours: ID numbers masked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents.common import PersonInfo, not_available
from villagedesk.documents.labels import cn_date, short_date
from villagedesk.documents.model import (
    Align,
    Column,
    DocumentContent,
    PageFormat,
    Paragraph,
    Signatures,
    Table,
)
from villagedesk.domain.idnumber import mask_id
from villagedesk.services import worklists as wl
from villagedesk.store.models import Household, Person

_DIGITS = re.compile(r"(\d+)")

KIND = "home-visit-list"
TITLE = "入户走访工作清单"
PUBLIC = True  # carried door to door: ID numbers masked

# The list's Chinese title on the form; the order is the order of matters within a row.
MATTERS: dict[str, str] = {
    wl.CERTIFICATION_OVERDUE: "生存认证已逾期，上门认证",
    wl.CERTIFICATION_DUE: "生存认证即将到期，上门认证",
    wl.DEATH_NOT_STOPPED: "核实死亡情况，停发待遇",
    wl.POOR_NOT_ENROLLED: "困难人员未参保，动员参保",
    wl.TURNING_60: "即将年满60周岁，准备待遇申领",
    wl.ELIGIBLE_NOT_RECEIVING: "已符合领取条件，办理待遇申领",
    wl.PAID_PREMIUM_DUE: "政府代缴待登记",
    wl.CONTRIBUTION_UNPAID: "本年度保费未缴，提醒缴费",
    wl.LABOUR_NOT_UPDATED: "劳动力信息本年度未更新，入户登记",
}
# Deaths not stopped are office work (stop the payment); everything else needs a visit.
DEFAULT_LISTS: tuple[str, ...] = tuple(code for code in MATTERS if code != wl.DEATH_NOT_STOPPED)


@dataclass
class VisitRow:
    info: PersonInfo
    matters: list[str] = field(default_factory=list)
    due: date | None = None


def _infos(session: Session, person_ids: Sequence[str]) -> dict[str, PersonInfo]:
    out: dict[str, PersonInfo] = {}
    ids = list(person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(Person, Household)
            .outerjoin(Household, Household.id == Person.household_id)
            .where(Person.id.in_(chunk))
        )
        for p, hh in rows:
            out[p.id] = PersonInfo(
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


def visit_rows(*, session: Session, on: date, lists: Sequence[str] = ()) -> list[VisitRow]:
    """Who to visit on ``on`` and why, one row per person, in address order."""
    wanted = tuple(lists) or DEFAULT_LISTS
    unknown = [code for code in wanted if code not in MATTERS]
    if unknown:
        raise not_available("lists", "choice", f"unknown work-list(s): {', '.join(unknown)}")
    chosen = {w.code: w for w in wl.worklists(session=session, on=on) if w.code in wanted}
    by_person: dict[str, list[tuple[str, date | None]]] = {}
    for code in MATTERS:  # the matters in a row follow this order
        if code not in chosen:
            continue
        for item in chosen[code].items:
            by_person.setdefault(item.person_id, []).append((code, item.due))
    infos = _infos(session, list(by_person))
    rows: list[VisitRow] = []
    for pid, entries in by_person.items():
        row = VisitRow(info=infos[pid])
        for code, due in entries:
            text = MATTERS[code]
            row.matters.append(text)
            if due is not None and (row.due is None or due < row.due):
                row.due = due
        rows.append(row)
    rows.sort(key=lambda r: (natural_key(r.info.address), r.info.name, r.info.id_number))
    return rows


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """ "第1组2号" before "第1组10号": numbers in an address compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text) if part
    )


def build_home_visit_list(
    *, session: Session, on: date, lists: Sequence[str] = ()
) -> DocumentContent:
    rows = visit_rows(session=session, on=on, lists=lists)
    households = len({r.info.address for r in rows})
    matters = sum(len(r.matters) for r in rows)
    table = Table(
        columns=(
            Column("序号", 0.45, Align.CENTER),
            Column("姓名", 0.85),
            Column("公民身份号码", 1.9, mono=True),
            Column("住址", 2.3),
            Column("联系电话", 1.15),
            Column("走访事项", 2.9),
            Column("办理期限", 1.0, Align.CENTER),
            Column("走访结果及本人签字", 1.6),
        ),
        rows=tuple(
            (
                str(i),
                r.info.name,
                mask_id(r.info.id_number),
                r.info.address or "—",
                r.info.phone or "—",
                "；".join(r.matters),
                short_date(r.due),
                "",
            )
            for i, r in enumerate(rows, start=1)
        ),
        empty_text="今日无需入户走访",
        row_padding=3.5,
    )
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"清单日期：{cn_date(on)}　共 {len(rows)} 人、{households} 户、{matters} 项",
        page_format=PageFormat.A4_LANDSCAPE,
        as_of=on.isoformat(),
        running_head=f"清单日期：{cn_date(on)}",
        blocks=(
            table,
            Paragraph(
                "走访时请核对本人身份证件；生存认证须见到本人。结果栏填写“已办结”“未见到本人”等，"
                "并请被走访人签字。",
                style="note",
            ),
            Signatures(("走访人（签字）", "服务站负责人（签字）")),
        ),
        facts={"on": on.isoformat(), "rows": len(rows)},
    )
