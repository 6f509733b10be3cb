"""Document benchmark (issue 5): 500 survival-certification slips printed in one batch.

    .venv/bin/python bench/bench_documents.py [PERSONS]

The station is a cached demo village (default 4,000 persons, built once into bench/.cache);
the benchmark certifies 500 of its pensioners on one day and then prints that day's slips as
one PDF through the real path (build from the services, number, sign, log in
printed_documents, draw, QR codes). Beside it, a baseline measured in the same run: 500 bare
A5 pages of the same text drawn with the same embedded font and no table, QR code,
signature or database — what reportlab alone costs on this machine.
Target: <= 10 s for the 500 slips.
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_station

PERSONS = int(sys.argv[1]) if len(sys.argv) > 1 else 4_000
SLIPS = 500
TARGET_S = 10.0


def certify_day(db_path: Path, day: date, count: int) -> int:
    """Certify ``count`` pensioners on ``day`` (those not yet certified that day)."""
    from sqlalchemy import select

    from villagedesk.domain.categories import AwardStatus, CertificationMethod, Role
    from villagedesk.services.certification import certify
    from villagedesk.services.context import Actor
    from villagedesk.store.database import Database
    from villagedesk.store.models import BenefitAward, Certification, Person

    db = Database(db_path)
    actor = Actor("bench", Role.CLERK, "基准测试")
    with db.write(actor="bench") as s:
        already = set(
            s.scalars(select(Certification.person_id).where(Certification.certified_on == day))
        )
        candidates = list(
            s.scalars(
                select(BenefitAward.person_id)
                .join(Person, Person.id == BenefitAward.person_id)
                .where(
                    BenefitAward.status != AwardStatus.STOPPED.value,
                    BenefitAward.awarded_on <= day,
                    Person.death_date.is_(None),
                )
                .order_by(BenefitAward.person_id)
            )
        )
        todo = [pid for pid in candidates if pid not in already][: max(0, count - len(already))]
        for pid in todo:
            certify(
                session=s,
                actor=actor,
                today=day,
                person_id=pid,
                method=CertificationMethod.COUNTER,
            )
    db.close()
    return len(already) + len(todo)


def bench_slips(db_path: Path, day: date) -> tuple[float, int, int, int]:
    from villagedesk.documents.api import print_document
    from villagedesk.documents.registry import DocumentRequest
    from villagedesk.domain.categories import Role
    from villagedesk.services.context import Actor
    from villagedesk.store.database import Database

    db = Database(db_path)
    clerk = Actor("wang", Role.CLERK, "王丽华")
    start = time.perf_counter()
    result = print_document(
        db=db,
        request=DocumentRequest(kind="certification-slips", on=day),
        clerk=clerk,
        now=datetime(day.year, day.month, day.day, 16, 0),
    )
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed, len(result.documents), result.pages, len(result.pdf)


def bench_baseline(pages: int) -> tuple[float, int]:
    """Bare reportlab: the slip's words on A5 pages with the same font, nothing else."""
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from villagedesk.documents.fonts import FONT, register_fonts

    register_fonts()
    lines = [
        "城乡居民基本养老保险待遇领取资格认证回执",
        "姓名 黄秀英  公民身份号码 4504**********0014",
        "认证日期 2026年11月27日  认证方式 窗口认证",
        "本次认证周期 2026年5月1日 至 2027年4月30日",
        "下次认证时间 2027年5月1日 至 2028年4月30日",
        "待遇类型 按月领取基本养老金  月养老金 143.13 元  待遇状态 正常发放",
        "您已完成本年度城乡居民基本养老保险待遇领取资格认证。",
        "经办人：王丽华 打印时间：2026年11月27日 16:00  第 1 页 共 1 页",
    ]
    start = time.perf_counter()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A5), pageCompression=1, initialFontName=FONT)
    for _ in range(pages):
        y = 130 * mm
        for i, line in enumerate(lines):
            canvas.setFont(FONT, 15 if i == 0 else 9.5)
            canvas.drawString(12 * mm, y, line)
            y -= 9 * mm
        canvas.showPage()
    canvas.save()
    return time.perf_counter() - start, len(buffer.getvalue())


def main() -> int:
    day = TODAY
    path = demo_station(PERSONS)
    certified = certify_day(path, day, SLIPS)
    if certified < SLIPS:
        print(f"only {certified} pensioners to certify; run with more persons", file=sys.stderr)
    baseline_s, baseline_bytes = bench_baseline(certified)
    slips_s, docs, pages, size = bench_slips(path, day)
    verdict = "OK" if slips_s <= TARGET_S * docs / SLIPS else "SLOW"
    print(f"documents benchmark ({PERSONS:,}-person demo station, {day})")
    print(
        f"  {docs} certification slips, one batch : {slips_s:6.2f} s  "
        f"({slips_s / docs * 1000:5.1f} ms/slip, {pages} pages, {size / 1e6:.1f} MB)  "
        f"target <= {TARGET_S:.0f} s  {verdict}"
    )
    print(
        f"  baseline: {docs} bare A5 pages, same font: {baseline_s:6.2f} s  "
        f"({baseline_bytes / 1e6:.1f} MB)  ratio {slips_s / baseline_s:5.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
