"""Signing, the QR code, the print log, reprints (补打) and previews."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from doc_support import DEMO_NOW, Pdf
from sqlalchemy import func, select

from villagedesk.documents import signing
from villagedesk.documents.api import (
    PrintResult,
    preview_document,
    print_document,
    printed_history,
    public_key,
    reprint_document,
)
from villagedesk.documents.registry import DocumentRequest
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.idnumber import mask_id
from villagedesk.services.context import Actor
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry, Contribution, Person, PrintedDocument

SavePdf = Callable[[bytes, str], Pdf]


def some_contributor(db: Database) -> Person:
    with db.read() as s:
        pid = s.scalar(
            select(Contribution.person_id)
            .group_by(Contribution.person_id)
            .order_by(func.count().desc(), Contribution.person_id)
        )
        person = s.get(Person, pid)
        assert person is not None
        return person


def receipt(
    db: Database, clerk: Actor, person: Person, now: datetime = DEMO_NOW, year: int | None = None
) -> PrintResult:
    return print_document(
        db=db,
        request=DocumentRequest(kind="contribution-receipt", person_id=person.id, year=year),
        clerk=clerk,
        now=now,
    )


def test_the_qr_code_reads_back_as_a_signed_token_naming_the_document(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    person = some_contributor(demo)
    result = receipt(demo, clerk, person)
    doc = result.documents[0]
    pdf = save_pdf(result.pdf, "receipt")
    assert pdf.qr_texts(page=1, dpi=300) == [doc.token]
    key = public_key(db=demo)
    assert key is not None
    checked = signing.verify_token(doc.token, key)
    assert checked.valid and checked.reason == signing.OK
    assert checked.document_id == doc.document_id
    assert checked.serial == doc.serial
    assert checked.fields["f"]["n"] == person.name
    assert checked.fields["f"]["id"] == mask_id(person.id_number)  # never the whole number
    assert checked.fields["st"] == "450422116201"
    with demo.read() as s:
        row = s.get(PrintedDocument, doc.document_id)
    assert row is not None and row.payload_hash == checked.payload_hash


def test_an_altered_payload_or_another_key_fails_verification(demo: Database, clerk: Actor) -> None:
    doc = receipt(demo, clerk, some_contributor(demo)).documents[0]
    key = public_key(db=demo)
    assert key is not None
    assert signing.verify_document(doc.payload, doc.signature, key).valid
    fields = json.loads(doc.payload)
    fields["f"]["total"] = "9999.00"  # someone raises the amount on the payload
    forged = signing.canonical_payload(fields)
    result = signing.verify_document(forged, doc.signature, key)
    assert not result.valid and result.reason == signing.BAD_SIGNATURE
    assert result.fields == {}  # nothing of a forged payload is shown as issued
    # a token carrying the forged payload with the genuine signature
    token = signing.encode_token(payload=forged, signature=doc.signature)
    assert signing.verify_token(token, key).reason == signing.BAD_SIGNATURE
    # signed by another station's key
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    other = Ed25519PrivateKey.generate()
    other_sig = other.sign(doc.payload)
    assert signing.verify_document(doc.payload, other_sig, key).reason == signing.BAD_SIGNATURE
    # garbage
    assert signing.verify_token("not a token", key).reason == signing.MALFORMED
    assert signing.verify_document(doc.payload, doc.signature, "c2hvcnQ=").reason == (
        signing.BAD_KEY
    )


def test_a_verify_url_in_the_qr_code_checks_like_the_bare_token(demo: Database) -> None:
    with demo.write() as s:
        key = signing.station_key(session=s)
    payload = signing.canonical_payload({"v": 1, "i": "x", "kid": key.key_id, "f": {}})
    token = signing.encode_token(payload=payload, signature=key.sign(payload))
    url = signing.qr_text(token=token, server_url="https://county.example/")
    assert url == f"https://county.example/verify/{token}"
    assert signing.verify_token(url, key.public_b64).valid


def test_every_print_is_logged_with_its_clerk_and_a_daily_serial(
    demo: Database, clerk: Actor
) -> None:
    person = some_contributor(demo)
    with demo.read() as s:
        before = s.scalar(select(func.count(PrintedDocument.id)))
    first = receipt(demo, clerk, person).documents[0]
    second = receipt(demo, clerk, person).documents[0]
    prefix = f"450422116201-{DEMO_NOW:%Y%m%d}-"
    assert first.serial.startswith(prefix) and second.serial.startswith(prefix)
    assert int(second.serial[len(prefix) :]) == int(first.serial[len(prefix) :]) + 1
    with demo.read() as s:
        after = s.scalar(select(func.count(PrintedDocument.id)))
        row = s.get(PrintedDocument, second.document_id)
        audit = s.scalars(
            select(AuditEntry).where(AuditEntry.target_id == second.document_id)
        ).one()
    assert after == (before or 0) + 2
    assert row is not None
    assert (row.kind, row.person_id, row.clerk, row.reprint_of) == (
        "contribution-receipt",
        person.id,
        clerk.username,
        None,
    )
    assert audit.action == "documents.print"
    history = printed_history(db=demo, person_id=person.id)
    assert {first.serial, second.serial} <= {h.serial for h in history}


def test_a_reprint_is_marked_and_points_at_the_original(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    person = some_contributor(demo)
    with demo.read() as s:
        year = s.scalar(
            select(func.min(Contribution.year)).where(Contribution.person_id == person.id)
        )
    assert year is not None
    original = receipt(demo, clerk, person, year=year).documents[0]
    later = DEMO_NOW + timedelta(days=3)
    again_request = DocumentRequest(kind="contribution-receipt", year=year)
    with pytest.raises(ValidationError) as err:  # the log does not keep the year
        reprint_document(db=demo, serial=original.serial, clerk=clerk, now=later)
    assert err.value.errors[0].field == "year"
    again = reprint_document(
        db=demo, serial=original.serial, clerk=clerk, now=later, request=again_request
    )
    copy = again.documents[0]
    assert copy.serial != original.serial
    assert copy.reprint_of == original.document_id
    pdf = save_pdf(again.pdf, "reprint")
    text = pdf.flat()
    assert "补打" in text
    assert f"原件编号{original.serial}" in text
    assert person.id_number in text  # the same receipt, rebuilt as of the original date
    assert f"（{year}年度）" in text
    assert json.loads(copy.payload)["r"] == original.serial
    assert json.loads(copy.payload)["f"] == json.loads(original.payload)["f"]  # same facts
    # a reprint of the reprint still points at the first original
    third = reprint_document(
        db=demo, serial=copy.serial, clerk=clerk, now=later, request=again_request
    ).documents[0]
    assert third.reprint_of == original.document_id
    with demo.read() as s:
        rows = {
            r.serial: r
            for r in s.scalars(
                select(PrintedDocument).where(
                    PrintedDocument.serial.in_([original.serial, copy.serial, third.serial])
                )
            )
        }
    assert rows[copy.serial].reprint_of == rows[original.serial].id
    assert rows[third.serial].reprint_of == rows[original.serial].id
    # the original print carries no reprint mark
    first_pdf = save_pdf(receipt(demo, clerk, person).pdf, "first")
    assert "补打" not in first_pdf.flat()


def test_a_reprint_must_be_of_the_same_kind_and_person(demo: Database, clerk: Actor) -> None:
    person = some_contributor(demo)
    original = receipt(demo, clerk, person).documents[0]
    with pytest.raises(ValidationError) as err:
        reprint_document(
            db=demo,
            serial=original.serial,
            clerk=clerk,
            now=DEMO_NOW,
            request=DocumentRequest(kind="enrolment-certificate", person_id=person.id),
        )
    assert err.value.errors[0].rule == "mismatch"
    with pytest.raises(ValidationError):
        reprint_document(db=demo, serial="no-such-serial", clerk=clerk, now=DEMO_NOW)


def test_a_preview_is_watermarked_unnumbered_and_not_logged(
    demo: Database, clerk: Actor, save_pdf: SavePdf
) -> None:
    person = some_contributor(demo)
    with demo.read() as s:
        before = s.scalar(select(func.count(PrintedDocument.id)))
    pdf = save_pdf(
        preview_document(
            db=demo,
            request=DocumentRequest(kind="enrolment-certificate", person_id=person.id),
            clerk=clerk,
            now=DEMO_NOW,
        ),
        "preview",
    )
    text = pdf.flat()
    assert "样张" in text and "未编号" in text
    assert person.name in text
    assert pdf.qr_texts() == []
    with demo.read() as s:
        assert s.scalar(select(func.count(PrintedDocument.id))) == before
