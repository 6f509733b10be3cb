"""Lists: the home-visit work-list, the report tables and a day's batch of slips."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from doc_support import DEMO_NOW, DEMO_TODAY, Pdf
from sqlalchemy import func, select

from helpers import make_id
from villagedesk.documents.api import print_document
from villagedesk.documents.home_visits import visit_rows
from villagedesk.documents.registry import DocumentRequest
from villagedesk.domain.idnumber import mask_id
from villagedesk.domain.money import format_yuan
from villagedesk.services.context import Actor
from villagedesk.services.persons import register_person
from villagedesk.services.reports import station_report
from villagedesk.store.database import Database
from villagedesk.store.models import Certification, Person, PrintedDocument

SavePdf = Callable[[bytes, str], Pdf]


def test_home_visit_list_has_everyone_to_visit_with_masked_ids(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        rows = visit_rows(session=s, on=DEMO_TODAY)
    assert rows, "the demo village always has someone to visit"
    result = print_document(
        db=demo,
        request=DocumentRequest(kind="home-visit-list", on=DEMO_TODAY),
        clerk=clerk,
        now=DEMO_NOW,
    )
    pdf = save_pdf(result.pdf, "visits")
    text = pdf.flat()
    for row in rows:
        assert row.info.name in text
        assert mask_id(row.info.id_number) in text
        assert row.info.id_number not in text
    assert f"共{len(rows)}人" in text
    assert len(result.documents) == 1 and result.documents[0].person_id is None


def test_a_sixty_name_list_continues_on_a_second_page_with_its_header(
    db: Database, clerk: Actor, save_pdf: SavePdf, today: date
) -> None:
    names = []
    with db.write(actor=clerk.username) as s:
        for i in range(60):
            # long names (up to 24 characters) must wrap inside their cell
            tag = "甲乙丙丁戊己庚辛壬癸"[i // 10] + "子丑寅卯辰巳午未申酉"[i % 10]
            name = "测试" + "长" * (i % 23) + tag
            register_person(
                session=s,
                actor=clerk,
                today=today,
                id_number=make_id(date(1980 + i % 20, 1 + i % 12, 1 + i % 28), i),
                name=name,
                address=f"藤县大黎村第{i // 10 + 1}组{i + 1}号",
            )
            names.append(name)
    result = print_document(
        db=db,
        request=DocumentRequest(kind="home-visit-list", on=today),
        clerk=clerk,
        now=datetime.combine(today, datetime.min.time()),
    )
    pdf = save_pdf(result.pdf, "sixty")
    pages = pdf.pages()
    assert result.pages >= 2 and len(pages) == result.pages
    flat = "".join(pdf.text().split())
    for name in names:
        assert name in flat
    second = "".join(pages[1].split())
    assert "入户走访工作清单（续）" in second
    assert "公民身份号码" in second and "走访事项" in second  # header repeated
    assert f"第2页共{result.pages}页" in second
    first = "".join(pages[0].split())
    assert f"共{result.pages}页" in first
    assert "60" in "".join(pages[-1].split())  # the last row number is on the last page


def test_report_tables_print_the_rates_and_money_of_the_station_report(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        report = station_report(session=s, on=DEMO_TODAY)
    result = print_document(
        db=demo,
        request=DocumentRequest(kind="report-tables", on=DEMO_TODAY),
        clerk=clerk,
        now=DEMO_NOW,
    )
    pdf = save_pdf(result.pdf, "report")
    participation = pdf.row("参保率", first=True)
    assert str(report.participation.numerator) in participation
    assert str(report.participation.denominator) in participation
    for year in report.contributions:
        row = pdf.row(f"{year.year}{year.persons}", first=True)
        assert format_yuan(year.personal_fen) in row, year.year
        assert format_yuan(year.credited_fen) in row, year.year
    assert "participation" not in pdf.text()  # the English halves of the headers are left out


def test_a_days_certification_slips_come_in_one_pdf_one_logged_slip_each(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    with demo.read() as s:
        day = s.scalar(
            select(Certification.certified_on)
            .group_by(Certification.certified_on)
            .order_by(func.count().desc(), Certification.certified_on.desc())
        )
        assert day is not None
        people = list(
            s.scalars(
                select(Person)
                .join(Certification, Certification.person_id == Person.id)
                .where(Certification.certified_on == day)
            )
        )
    result = print_document(
        db=demo,
        request=DocumentRequest(kind="certification-slips", on=day),
        clerk=clerk,
        now=DEMO_NOW,
    )
    assert len(result.documents) == len(people) == result.pages
    assert len({d.serial for d in result.documents}) == len(people)
    pdf = save_pdf(result.pdf, "slips")
    pages = ["".join(p.split()) for p in pdf.pages()]
    by_person = {d.person_id: i for i, d in enumerate(result.documents)}
    for p in people:
        page = pages[by_person[p.id]]
        assert p.name in page and mask_id(p.id_number) in page
        assert result.documents[by_person[p.id]].serial in page
    with demo.read() as s:
        logged = s.scalars(
            select(PrintedDocument).where(
                PrintedDocument.serial.in_([d.serial for d in result.documents])
            )
        ).all()
    assert {r.kind for r in logged} == {"certification-slip"}
    assert {r.person_id for r in logged} == {p.id for p in people}
