"""What holds for every kind: the font is embedded, Chinese has glyphs, nothing runs off the
page, and the frame names the station, the serial, the date and the clerk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

import pytest
from doc_support import DEMO_NOW, DEMO_TODAY, Pdf
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from sqlalchemy import func, select

from villagedesk.documents.api import build_contents, print_document
from villagedesk.documents.fonts import FONT, FONT_MONO, register_fonts
from villagedesk.documents.registry import KINDS, DocumentRequest, describe_kinds
from villagedesk.services.context import Actor
from villagedesk.store.database import Database
from villagedesk.store.models import (
    BenefitAward,
    Certification,
    Contribution,
    LabourRegistration,
    PaidPremium,
    Referral,
)

SavePdf = Callable[[bytes, str], Pdf]


def request_for(db: Database, kind: str) -> DocumentRequest:
    """A request of ``kind`` for a demo resident who has what the document shows."""
    with db.read() as s:

        def first(q: Any) -> Any:
            value = s.scalar(q.limit(1))
            assert value is not None, kind
            return value

        match kind:
            case "enrolment-certificate" | "entitlement-statement":
                pid = first(
                    select(Contribution.person_id)
                    .join(BenefitAward, BenefitAward.person_id == Contribution.person_id)
                    .group_by(Contribution.person_id)
                    .order_by(func.count().desc(), Contribution.person_id)
                )
                return DocumentRequest(kind=kind, person_id=pid)
            case "contribution-receipt":
                p = s.scalars(select(PaidPremium).order_by(PaidPremium.year.desc())).first()
                assert p is not None
                return DocumentRequest(kind=kind, person_id=p.person_id, year=p.year)
            case "certification-slip":
                pid = first(select(Certification.person_id).order_by(Certification.person_id))
                return DocumentRequest(kind=kind, person_id=pid)
            case "certification-slips":
                day = first(
                    select(Certification.certified_on)
                    .group_by(Certification.certified_on)
                    .order_by(func.count().desc())
                )
                return DocumentRequest(kind=kind, on=day)
            case "labour-card":
                pid = first(
                    select(LabourRegistration.person_id).order_by(LabourRegistration.person_id)
                )
                return DocumentRequest(kind=kind, person_id=pid)
            case "referral-letter":
                pid = first(select(Referral.person_id).order_by(Referral.person_id))
                return DocumentRequest(kind=kind, person_id=pid)
            case "unemployment-estimate":
                pid = first(
                    select(LabourRegistration.person_id).order_by(LabourRegistration.person_id)
                )
                return DocumentRequest(kind=kind, person_id=pid, contribution_years=Decimal(7))
            case "home-visit-list" | "report-tables":
                return DocumentRequest(kind=kind, on=DEMO_TODAY)
    raise AssertionError(f"no request for {kind}")


def strings(value: object) -> Iterator[str]:
    """Every string inside a document's content."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from strings(getattr(value, f.name))


def test_the_list_describes_every_kind() -> None:
    text = describe_kinds()
    for kind in KINDS.values():
        assert kind.code in text and kind.title in text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_document_embeds_its_font_and_stays_on_the_page(
    demo: Database, clerk: Actor, save_pdf: SavePdf, kind: str
) -> None:
    request = request_for(demo, kind)
    result = print_document(db=demo, request=request, clerk=clerk, now=DEMO_NOW)
    pdf = save_pdf(result.pdf, kind)
    fonts = pdf.fonts()
    assert fonts, "a document with no font"
    for font in fonts:
        assert "WenQuanYiMicroHei" in font["name"], font
        assert font["emb"] == "yes" and font["sub"] == "yes", font
    words = pdf.words()
    assert words
    # inside what any printer prints: 8 mm at the sides (the formats keep 12 mm or more),
    # 5 mm at the top and the bottom
    side, edge = 8 * mm, 5 * mm
    for page, width, height, x0, y0, x1, y1, word in words:
        assert side <= x0 and x1 <= width - side, (page, word, x0, x1)
        assert edge <= y0 and y1 <= height - edge, (page, word, y0, y1)
    pages = ["".join(p.split()) for p in pdf.pages()]
    assert len(pages) == result.pages
    for doc, page in zip(result.documents, pages, strict=False):
        assert "大黎村就业社保服务站" in page and "450422116201" in page
        assert doc.serial in page
        assert "2026年11月27日" in page
        assert "王办事员" in page
        assert doc.title in page


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_character_of_every_document_has_a_glyph(demo: Database, kind: str) -> None:
    """No box for a missing glyph: the shipped font covers every character printed."""
    register_fonts()
    with demo.read() as s:
        contents = build_contents(session=s, request=request_for(demo, kind), today=DEMO_TODAY)
    covered = set(pdfmetrics.getFont(FONT).face.charToGlyph)
    covered_mono = set(pdfmetrics.getFont(FONT_MONO).face.charToGlyph)
    text = "".join(strings(contents))
    missing = {ch for ch in text if ord(ch) not in covered and not ch.isspace()}
    assert not missing, f"{kind}: no glyph for {sorted(missing)}"
    assert covered_mono >= {ord(c) for c in "0123456789X*-"}
