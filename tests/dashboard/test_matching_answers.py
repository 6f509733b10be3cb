"""Data matching, the county's view of the villages' answers: after a batch is published and
the stations have synced, the data-matching page and the batch page show per village how many
results were confirmed, disputed or are still waiting, and the disputes with their reasons."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from dash_harness import Dash, csrf_of
from sync_harness import Village

from helpers import make_id
from villagedesk.domain.categories import Role
from villagedesk.services import matching
from villagedesk.services.context import Actor

CLERK = Actor(username="huang", role=Role.CLERK, display_name="黄")
WHEN = datetime(2026, 11, 28, 9, 0)


def _rows(page: str, table_id: str) -> list[list[str]]:
    """The text of each cell of a table of the page, row by row (header rows included)."""
    found = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.S)
    assert found, f"no table {table_id}"
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_the_batch_page_shows_each_villages_answers_and_the_disputes(
    dash: Dash, village_a: Village, village_b: Village
) -> None:
    a1 = village_a.register(1, name="黄一")
    village_a.register(2, name="黄二")
    village_b.register(3, name="蒙三")
    village_a.sync()
    village_b.sync()
    numbers = [make_id(date(1960, 5, 1), seq) for seq in (1, 2, 3)]  # as the harness makes
    lines = "".join(f"{n},2026-11-01\n" for n in numbers)
    admin = dash.client()
    token = csrf_of(admin.get("/dashboard/matching").text)
    answer = admin.post(
        "/dashboard/matching/upload",
        data={"source": "public_security", "csrf_token": token},
        files={"file": ("deaths.csv", f"身份证号,死亡日期\n{lines}".encode(), "text/csv")},
    )
    batch_path = str(answer.url.path)
    preview = admin.get(batch_path).text
    assert 'id="answers-table"' not in preview  # nothing sent to the villages yet
    admin.post(batch_path + "/publish", data={"csrf_token": token})

    published = admin.get(batch_path).text
    assert _rows(published, "answers-table")[1:] == [
        [village_a.code, "站", "2", "0", "0", "2"],
        [village_b.code, "站", "1", "0", "0", "1"],
        ["合计", "3", "0", "0", "3"],
    ]
    assert "暂无异议" in published

    village_a.sync()
    with village_a.db.read() as s:
        by_person = {n.person_id: n for n in matching.list_notices(session=s)}
    with village_a.db.write(actor="huang") as s:
        matching.dispute_notice(
            session=s,
            actor=CLERK,
            now=WHEN,
            notice_id=by_person[a1].id,
            reason="本人健在，<b>昨天</b>还见过",
        )
        matching.confirm_notices(
            session=s,
            actor=CLERK,
            now=WHEN,
            notice_ids=[n.id for p, n in by_person.items() if p != a1],
        )
    # answered at the counter but not synced yet: the county still waits
    assert _rows(admin.get(batch_path).text, "answers-table")[1][3:] == ["0", "0", "2"]
    village_a.sync()

    page = admin.get(batch_path).text
    assert _rows(page, "answers-table")[1:] == [
        [village_a.code, "站", "2", "1", "1", "0"],
        [village_b.code, "站", "1", "0", "0", "1"],
        ["合计", "3", "1", "1", "1"],
    ]
    assert _rows(page, "disputes-table")[1:] == [
        [
            village_a.code,
            "黄一",
            numbers[0],
            "死亡：2026-11-01",
            "本人健在，<b>昨天</b>还见过",
            "huang",
            "2026-11-28 09:00",
        ]
    ]
    assert "<b>昨天</b>" not in page  # the clerk's text is shown, never run as markup

    listing = admin.get("/dashboard/matching").text
    header, first = _rows(listing, "batches")[:2]
    assert header[-4:-1] == ["已确认", "有异议", "待确认"]
    assert first[-4:-1] == ["1", "1", "1"]
