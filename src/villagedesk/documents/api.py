"""The Qt-free API the CLI and the GUI call: preview, print (issue), reprint, look up.

* ``preview_document`` — the PDF bytes with a 样张 watermark, no serial, no QR code and
  nothing logged: for the preview pane before the clerk decides to print.
* ``print_document`` — numbers, signs, draws and logs: each document gets a serial
  (``<station>-<YYYYMMDD>-<NNNNN>``), a QR code with its signed payload and a row in
  ``printed_documents`` (append-only), all in one write transaction — if drawing fails
  nothing is logged. A batch kind (``certification-slips``) gives one PDF of many documents.
* ``reprint_document`` — a new serial and log row pointing at the original (``reprint_of``),
  the content rebuilt as of the original's date and marked 补打 on every page.
* ``PrintResult.write(path)`` saves the PDF; ``printed_history`` lists what was printed.

Drawing a batch happens inside the write transaction (so the log and the paper agree); 500
slips take a few seconds, well inside the database's 10-second busy timeout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.documents.common import not_available
from villagedesk.documents.model import DocumentContent
from villagedesk.documents.registry import DocumentRequest, get_kind
from villagedesk.documents.render import RenderJob, Stamp, render_pdf
from villagedesk.documents.signing import (
    PAYLOAD_VERSION,
    canonical_payload,
    encode_token,
    load_station_key,
    payload_sha256,
    qr_text,
    station_key,
    station_public_key,
)
from villagedesk.services.context import Actor
from villagedesk.services.station import station
from villagedesk.store.audit import append_audit
from villagedesk.store.base import new_uuid
from villagedesk.store.database import Database
from villagedesk.store.models import PrintedDocument

SERIAL_DIGITS = 5


@dataclass(frozen=True)
class IssuedDocument:
    """One document of a print: what was logged and signed."""

    document_id: str
    serial: str
    kind: str
    title: str
    person_id: str | None
    reprint_of: str | None  # the original's document id
    token: str  # what the QR code carries (behind the verify URL when one is set)
    payload: bytes
    signature: bytes


@dataclass(frozen=True)
class PrintResult:
    pdf: bytes
    pages: int
    documents: tuple[IssuedDocument, ...]

    def write(self, path: Path | str) -> Path:
        """Save the PDF (atomically: a half-written file never replaces a good one)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(self.pdf)
        tmp.replace(target)
        return target


@dataclass(frozen=True)
class PrintedRecord:
    document_id: str
    serial: str
    kind: str
    person_id: str | None
    printed_at: datetime
    clerk: str
    reprint_of: str | None


def _clerk_name(clerk: Actor) -> str:
    return clerk.display_name or clerk.username


def build_contents(
    *, session: Session, request: DocumentRequest, today: date
) -> list[DocumentContent]:
    """The documents a request describes, read from the services (no writing)."""
    kind = get_kind(request.kind)
    return kind.build(session, request, request.on or today)


def preview_document(
    *, db: Database, request: DocumentRequest, clerk: Actor, now: datetime
) -> bytes:
    """The PDF as it will look, watermarked 样张, unnumbered, unsigned, not logged."""
    with db.read() as session:
        contents = build_contents(session=session, request=request, today=now.date())
        st = station(session=session)
        stamp = Stamp(
            station_name=st.name,
            station_code=st.code,
            serial="",
            printed_at=now,
            clerk=_clerk_name(clerk),
            preview=True,
        )
    return render_pdf([RenderJob(c, stamp) for c in contents]).pdf


def _next_number(session: Session, prefix: str) -> int:
    last = session.scalar(
        select(PrintedDocument.serial)
        .where(PrintedDocument.serial > prefix, PrintedDocument.serial < prefix + "~")
        .order_by(PrintedDocument.serial.desc())
        .limit(1)
    )
    if last is None:
        return 1
    tail = last[len(prefix) :]
    return int(tail) + 1 if tail.isdigit() else 1


def _issue(
    *,
    db: Database,
    request: DocumentRequest,
    clerk: Actor,
    now: datetime,
    original: PrintedDocument | None = None,
) -> PrintResult:
    kind = get_kind(request.kind)
    with db.read() as session:
        contents = build_contents(session=session, request=request, today=now.date())
    with db.write(actor=clerk.username) as session:
        key = station_key(session=session, actor=clerk.username)
        st = station(session=session)
        prefix = f"{st.code}-{now:%Y%m%d}-"
        number = _next_number(session, prefix)
        jobs: list[RenderJob] = []
        issued: list[IssuedDocument] = []
        for content in contents:
            document_id = new_uuid()
            serial = f"{prefix}{number:0{SERIAL_DIGITS}d}"
            number += 1
            fields: dict[str, object] = {
                "v": PAYLOAD_VERSION,
                "i": document_id,
                "k": kind.logged_as,
                "s": serial,
                "st": st.code,
                "d": now.date().isoformat(),
                "kid": key.key_id,
                "f": dict(content.facts),
            }
            if original is not None:
                fields["r"] = original.serial
            payload = canonical_payload(fields)
            signature = key.sign(payload)
            token = encode_token(payload=payload, signature=signature)
            session.add(
                PrintedDocument(
                    id=document_id,
                    kind=kind.logged_as,
                    serial=serial,
                    person_id=content.person_id,
                    printed_at=now,
                    clerk=clerk.username,
                    reprint_of=original.id if original is not None else None,
                    payload_hash=payload_sha256(payload),
                )
            )
            stamp = Stamp(
                station_name=st.name,
                station_code=st.code,
                serial=serial,
                printed_at=now,
                clerk=_clerk_name(clerk),
                qr=qr_text(token=token, server_url=st.server_url),
                reprint_of_serial=original.serial if original is not None else "",
                original_printed_at=original.printed_at if original is not None else None,
            )
            jobs.append(RenderJob(content, stamp))
            issued.append(
                IssuedDocument(
                    document_id=document_id,
                    serial=serial,
                    kind=kind.logged_as,
                    title=content.title,
                    person_id=content.person_id,
                    reprint_of=original.id if original is not None else None,
                    token=stamp.qr,
                    payload=payload,
                    signature=signature,
                )
            )
        rendered = render_pdf(jobs)
        append_audit(
            session,
            actor=clerk.username,
            action="documents.reprint" if original is not None else "documents.print",
            target_table="printed_documents",
            target_id=issued[0].document_id,
            details={
                "kind": kind.logged_as,
                "count": len(issued),
                "first_serial": issued[0].serial,
                "last_serial": issued[-1].serial,
                "reprint_of": original.serial if original is not None else None,
            },
        )
    return PrintResult(pdf=rendered.pdf, pages=rendered.pages, documents=tuple(issued))


def print_document(
    *, db: Database, request: DocumentRequest, clerk: Actor, now: datetime
) -> PrintResult:
    """Number, sign, draw and log the document(s) of ``request``; returns the PDF."""
    return _issue(db=db, request=request, clerk=clerk, now=now)


def find_printed(*, session: Session, serial_or_id: str) -> PrintedDocument:
    text = serial_or_id.strip()
    found = session.scalar(
        select(PrintedDocument).where(
            (PrintedDocument.serial == text) | (PrintedDocument.id == text),
            PrintedDocument.deleted.is_(False),
        )
    )
    if found is None:
        raise not_available("serial", "not_found", f"no printed document {text}")
    return found


def reprint_document(
    *,
    db: Database,
    serial: str,
    clerk: Actor,
    now: datetime,
    request: DocumentRequest | None = None,
) -> PrintResult:
    """Print again a document printed before (补打): a new serial pointing at the original.

    The content is rebuilt as of the original's print date. ``request`` must give again
    what the log does not hold (``DocumentKind.reprint_needs``: a receipt's year, an
    estimate's contribution years; a letter's referral when it was not that day's latest).
    """
    with db.read() as session:
        found = find_printed(session=session, serial_or_id=serial)
        original = found
        if found.reprint_of:  # a reprint of a reprint points at the first original
            original = session.get(PrintedDocument, found.reprint_of) or found
    base = request or DocumentRequest(kind=original.kind)
    if base.kind != original.kind:
        raise not_available(
            "kind", "mismatch", f"{original.serial} is a {original.kind}, not a {base.kind}"
        )
    if base.person_id not in (None, original.person_id):
        raise not_available("person_id", "mismatch", f"{original.serial} is of another person")
    for needed in get_kind(original.kind).reprint_needs:
        if getattr(base, needed) is None:
            raise not_available(
                needed,
                "required",
                f"a reprint of a {original.kind} needs {needed} again (the log does not keep it)",
            )
    base = replace(
        base,
        person_id=original.person_id,
        on=base.on or original.printed_at.date(),
    )
    return _issue(db=db, request=base, clerk=clerk, now=now, original=original)


def printed_history(
    *, db: Database, person_id: str | None = None, limit: int = 200
) -> list[PrintedRecord]:
    """What was printed, newest first (of one person when ``person_id`` is given)."""
    with db.read() as session:
        q = select(PrintedDocument).where(PrintedDocument.deleted.is_(False))
        if person_id is not None:
            q = q.where(PrintedDocument.person_id == person_id)
        rows = session.scalars(
            q.order_by(PrintedDocument.printed_at.desc(), PrintedDocument.serial.desc()).limit(
                limit
            )
        )
        return [
            PrintedRecord(
                document_id=r.id,
                serial=r.serial,
                kind=r.kind,
                person_id=r.person_id,
                printed_at=r.printed_at,
                clerk=r.clerk,
                reprint_of=r.reprint_of,
            )
            for r in rows
        ]


def public_key(*, db: Database, create: bool = False) -> str | None:
    """The station's public signing key (base64) for the county; made when ``create``."""
    if create:
        with db.write(actor="system") as session:
            if load_station_key(session=session) is None:
                return station_key(session=session).public_b64
            return station_public_key(session=session)
    with db.read() as session:
        return station_public_key(session=session)


__all__: Sequence[str] = (
    "DocumentRequest",
    "IssuedDocument",
    "PrintResult",
    "PrintedRecord",
    "build_contents",
    "find_printed",
    "preview_document",
    "print_document",
    "printed_history",
    "public_key",
    "reprint_document",
)
