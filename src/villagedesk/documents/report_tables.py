"""统计报表 — the station report (``services.reports``) printed as ruled tables.

Aggregates only, no person is named, so there is no ID number to mask. The report's headers
are "中文 English"; the form shows the Chinese words only.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from villagedesk.documents.labels import cn_date
from villagedesk.documents.model import (
    Align,
    Column,
    DocumentContent,
    PageFormat,
    Paragraph,
    Signatures,
    Table,
)
from villagedesk.services import reports
from villagedesk.services.station import station

KIND = "report-tables"
TITLE = "就业社保服务站统计报表"
PUBLIC = True  # no ID numbers at all

_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
_SECTION_NUMBERS = "一二三四五六七八九十"


def chinese_part(text: str) -> str:
    """ "比率(%) rate (%)" -> "比率(%)": the words with Chinese in them, or the text as it is."""
    words = [w for w in text.split(" ") if _CJK.search(w)]
    return " ".join(words) if words else text


def _is_number(cell: reports.Cell, column: int, table: reports.Table) -> bool:
    return isinstance(cell, int) or column in table.decimal_columns


def _table(index: int, table: reports.Table) -> Table:
    n = len(table.headers)
    numeric = [
        bool(table.rows) and all(_is_number(row[c], c, table) for row in table.rows if row[c] != "")
        for c in range(n)
    ]
    columns = tuple(
        Column(
            chinese_part(header),
            1.0 if numeric[c] else (2.2 if c == 0 else 1.6),
            Align.CENTER
            if header.startswith("年度")
            else (Align.RIGHT if numeric[c] else Align.LEFT),
        )
        for c, header in enumerate(table.headers)
    )
    number = _SECTION_NUMBERS[index] if index < len(_SECTION_NUMBERS) else str(index + 1)
    return Table(
        title=f"{number}、{table.title_zh}",
        columns=columns,
        rows=tuple(
            tuple(chinese_part(str(cell)) if isinstance(cell, str) else str(cell) for cell in row)
            for row in table.rows
        ),
        empty_text="无数据",
    )


def build_report_tables(*, session: Session, on: date) -> DocumentContent:
    report = reports.station_report(session=session, on=on)
    tables = [t for t in reports.report_tables(report) if t.name != "report"]
    st = station(session=session)
    rate = report.participation.rate
    pay = report.payment.rate
    return DocumentContent(
        kind=KIND,
        title=TITLE,
        subtitle=f"{st.name}　报表日期：{cn_date(on)}",
        as_of=on.isoformat(),
        running_head=f"{st.name}　报表日期：{cn_date(on)}",
        blocks=(
            *(_table(i, t) for i, t in enumerate(tables)),
            Paragraph(
                "参保率：应参保的建档立卡等困难人员中已参保（含领取待遇）的比例；发放率：其中年满60周岁"
                "符合领取条件人员中正常领取待遇的比例。金额单位：元。",
                style="note",
            ),
            Signatures(("制表人（签字）", "审核人（签字）", "服务站（盖章）")),
        ),
        page_format=PageFormat.A4,
        facts={
            "on": on.isoformat(),
            "participation": "" if rate is None else f"{rate:.2f}",
            "payment": "" if pay is None else f"{pay:.2f}",
        },
    )
