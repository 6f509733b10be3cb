"""The overview as an ``.xlsx`` workbook (openpyxl), one sheet per section."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font

from villagedesk.domain.money import fen_to_yuan
from villagedesk.server.dashboard.labels import CHANNEL, EMPLOYMENT, OUTCOME, PLACE, label
from villagedesk.server.dashboard.queries import Overview


def _rate(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def overview_xlsx(view: Overview) -> bytes:
    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], first: bool = False) -> object:
        ws = book.active if first else book.create_sheet(title)
        ws.title = title
        ws.append(header)
        for cell in ws[1]:
            cell.font = bold
        return ws

    ws = sheet(
        "参保率与发放率",
        [
            "村代码",
            "村名",
            "参保人数",
            "应参保人数",
            "参保率%",
            "领取人数",
            "应领取人数",
            "发放率%",
        ],
        first=True,
    )
    ws.append(  # type: ignore[attr-defined]
        [
            "全县",
            f"统计日 {view.on.isoformat()}"
            + (f"，数据截至 {view.as_of:%Y-%m-%d %H:%M:%S}（UTC）" if view.as_of else ""),
            view.participation.numerator,
            view.participation.denominator,
            _rate(view.participation.rate),
            view.payment.numerator,
            view.payment.denominator,
            _rate(view.payment.rate),
        ]
    )
    for v in view.villages:
        ws.append(  # type: ignore[attr-defined]
            [
                v.village_code,
                v.name,
                v.participation.numerator,
                v.participation.denominator,
                _rate(v.participation.rate),
                v.payment.numerator,
                v.payment.denominator,
                _rate(v.payment.rate),
            ]
        )
    ws = sheet("政府代缴", ["年度", "人数", "代缴金额(元)", "自治区(元)", "设区市(元)", "县(元)"])
    for p in view.premiums:
        ws.append(  # type: ignore[attr-defined]
            [
                p.year,
                p.persons,
                fen_to_yuan(p.amount_fen),
                fen_to_yuan(p.region_fen),
                fen_to_yuan(p.city_fen),
                fen_to_yuan(p.county_fen),
            ]
        )
    ws = sheet("就业", ["分类", "项目", "人数"])
    for title, names, counts in (
        ("就业状态", EMPLOYMENT, view.by_employment_status),
        ("就业渠道", CHANNEL, view.by_job_channel),
        ("就业地点", PLACE, view.by_work_place),
    ):
        for key, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            ws.append([title, label(names, key), n])  # type: ignore[attr-defined]
    t = view.training
    ws = sheet("培训", ["项目", "数值"])
    for name, value in (
        ("培训人次", t.records),
        ("已结业", t.completed),
        ("取得证书", t.with_certificate),
        ("培训后就业", t.employed_after),
        (
            "就业平均月工资(元)",
            fen_to_yuan(t.average_wage_fen) if t.average_wage_fen is not None else None,
        ),
    ):
        ws.append([name, value])  # type: ignore[attr-defined]
    for trade, n, employed in view.training_by_trade:
        ws.append([f"工种：{trade}", n, employed])  # type: ignore[attr-defined]
    ws = sheet("岗位与推荐", ["项目", "数值"])
    ws.append(["在招岗位", view.vacancies.open_vacancies])  # type: ignore[attr-defined]
    ws.append(["招聘人数", view.vacancies.open_posts])  # type: ignore[attr-defined]
    for key, n in sorted(view.vacancies.referrals_by_outcome.items()):
        ws.append([f"推荐：{label(OUTCOME, key)}", n])  # type: ignore[attr-defined]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
