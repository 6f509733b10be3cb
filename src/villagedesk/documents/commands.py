"""The ``villagedesk print`` sub-command; ``cli.py`` wires it in with ``add_print_parser``.

    villagedesk print --list
    villagedesk print KIND --person ID --out FILE.pdf [--on DATE] [--clerk USER]
    villagedesk print certification-slips --on 2026-11-27 --out all.pdf     # a day's slips
    villagedesk print contribution-receipt --person ID --reprint SERIAL --out again.pdf

Exit status as the rest of the CLI: 0 done, 2 bad input (the ``ValidationError`` raised here
is reported by ``cli.main``); nothing is logged unless the PDF was made.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import select

from villagedesk.documents.api import (
    PrintResult,
    preview_document,
    print_document,
    reprint_document,
)
from villagedesk.documents.registry import DocumentRequest, describe_kinds, get_kind
from villagedesk.domain.categories import Role
from villagedesk.domain.errors import ValidationError
from villagedesk.services.context import Actor
from villagedesk.services.search import find_by_id_number
from villagedesk.store.database import Database
from villagedesk.store.models import Clerk

EXIT_OK = 0
CLI_CLERK = Actor(username="cli", role=Role.CLERK, display_name="命令行打印")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def _years(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"not a number of years: {text}") from exc
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"not a number of years: {text}")
    return value


def add_print_parser(
    subparsers: Any,  # argparse._SubParsersAction (private type)
    common_parent: argparse.ArgumentParser,
) -> None:
    """Add ``print`` to the CLI's sub-commands; ``common_parent`` carries ``--db``."""
    p = subparsers.add_parser(
        "print",
        parents=[common_parent],
        help="print certificates, receipts, statements and lists to PDF",
        description="Print a document to a PDF: numbered, signed (QR code) and logged.",
        epilog="document kinds:\n" + describe_kinds(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", nargs="?", help="document kind (see --list)")
    p.add_argument("--list", action="store_true", dest="list_kinds", help="list the kinds")
    p.add_argument("--person", help="the person's ID number or record id")
    p.add_argument("--out", help="the PDF file to write")
    p.add_argument(
        "--on", type=_date, help="the date the document describes; a batch's day (default today)"
    )
    p.add_argument("--clerk", help="username of the clerk printing (default: cli)")
    p.add_argument("--year", type=int, help="contribution-receipt: the contribution year")
    p.add_argument(
        "--years", type=_years, help="unemployment-estimate: contribution years (e.g. 6.5)"
    )
    p.add_argument(
        "--unused-months", type=int, default=0, help="unemployment-estimate: unused months"
    )
    p.add_argument("--referral", help="referral-letter: the referral's record id")
    p.add_argument("--certification", help="certification-slip: the certification's id")
    p.add_argument(
        "--worklists", help="home-visit-list: comma-separated work-list codes (default: visits)"
    )
    p.add_argument("--reprint", metavar="SERIAL", help="reprint (补打) the document SERIAL")
    p.add_argument(
        "--preview", action="store_true", help="a 样张 preview: no serial, nothing logged"
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.set_defaults(func=cmd_print)


def _open(path_text: str) -> Database:
    path = Path(path_text)
    if not path.exists():
        raise ValidationError.single("db", "missing", f"{path} does not exist; run init first")
    return Database(path)


def _person_id(db: Database, text: str | None) -> str | None:
    if not text:
        return None
    with db.read() as session:
        person = find_by_id_number(session=session, id_number=text)
    return person.id if person is not None else text.strip()


def _clerk(db: Database, username: str | None) -> Actor:
    if not username:
        return CLI_CLERK
    with db.read() as session:
        row = session.scalar(select(Clerk).where(Clerk.username == username))
    if row is None or not row.active:
        raise ValidationError.single("clerk", "not_found", f"no active clerk {username!r}")
    return Actor(username=row.username, role=Role(row.role), display_name=row.display_name)


def _report(result: PrintResult, out: Path, as_json: bool) -> None:
    docs = result.documents
    if as_json:
        data = {
            "out": str(out),
            "pages": result.pages,
            "documents": [
                {
                    "serial": d.serial,
                    "kind": d.kind,
                    "document_id": d.document_id,
                    "person_id": d.person_id,
                    "reprint_of": d.reprint_of,
                }
                for d in docs
            ],
        }
        print(json.dumps(data, ensure_ascii=False))
        return
    serials = docs[0].serial if len(docs) == 1 else f"{docs[0].serial} .. {docs[-1].serial}"
    reprint = " (补打 reprint)" if docs[0].reprint_of else ""
    print(f"{out}: {len(docs)} document(s), {result.pages} page(s), {serials}{reprint}")


def cmd_print(args: argparse.Namespace) -> int:
    if args.list_kinds:
        print(describe_kinds())
        return EXIT_OK
    if not args.kind:
        raise ValidationError.single("kind", "required", "name a document kind (see --list)")
    kind = get_kind(args.kind)
    if not args.out:
        raise ValidationError.single("out", "required", "give the PDF file with --out")
    if kind.per_person and not args.person and not args.reprint:
        raise ValidationError.single("person", "required", f"{kind.code} needs --person")
    db = _open(args.db)
    try:
        request = DocumentRequest(
            kind=kind.code,
            person_id=_person_id(db, args.person),
            on=args.on,
            year=args.year,
            contribution_years=args.years,
            unused_months=args.unused_months,
            referral_id=args.referral,
            certification_id=args.certification,
            lists=tuple(c.strip() for c in (args.worklists or "").split(",") if c.strip()),
        )
        clerk = _clerk(db, args.clerk)
        now = datetime.now()
        out = Path(args.out)
        if args.preview:
            pdf = preview_document(db=db, request=request, clerk=clerk, now=now)
            out.write_bytes(pdf)
            print(f"{out}: preview (样张), nothing logged", file=sys.stderr)
            return EXIT_OK
        if args.reprint:
            result = reprint_document(
                db=db, serial=args.reprint, clerk=clerk, now=now, request=request
            )
        else:
            result = print_document(db=db, request=request, clerk=clerk, now=now)
        result.write(out)
        _report(result, out, args.json)
        return EXIT_OK
    finally:
        db.close()
