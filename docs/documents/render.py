"""Render every document kind from a demo village to PNG, for looking at (``make documents``).

    .venv/bin/python docs/documents/render.py [--persons 300] [--dpi 80] [--keep-pdf]

Builds a fresh demo station in a temporary folder, prints each kind for a resident who has
something to show (a paid premium, a pension, a referral...), plus a reprint (补打) and a
preview (样张), and turns each page into ``docs/documents/<kind>[-<page>].png`` with
``pdftoppm`` (Debian package ``poppler-utils``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.documents.api import (
    PrintResult,
    preview_document,
    print_document,
    reprint_document,
)
from villagedesk.documents.registry import KINDS, DocumentRequest
from villagedesk.domain.categories import ReferralOutcome, Role
from villagedesk.services.context import Actor
from villagedesk.services.demo import make_demo
from villagedesk.services.station import init_station
from villagedesk.store.database import Database
from villagedesk.store.models import (
    BenefitAward,
    Certification,
    Contribution,
    LabourRegistration,
    PaidPremium,
    Referral,
    TrainingRecord,
)

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 10, 15)
VILLAGE = "450422116201"
STATION = "大黎村就业社保服务站"
CLERK = Actor(username="wang", role=Role.CLERK, display_name="王丽华")


def _first(session: Session, query: object) -> str:
    value = session.scalar(query)  # type: ignore[call-overload]
    if value is None:
        raise SystemExit(f"the demo village has nobody for: {query}")
    return str(value)


def pick_people(db: Database) -> dict[str, str]:
    """A resident for each kind who has something to show on it."""
    with db.read() as s:
        poor = _first(
            s,
            select(PaidPremium.person_id)
            .group_by(PaidPremium.person_id)
            .order_by(func.count().desc(), PaidPremium.person_id)
            .limit(1),
        )
        premium_year = _first(
            s,
            select(func.max(PaidPremium.year)).where(
                PaidPremium.person_id == poor, PaidPremium.amount_fen > 0
            ),
        )
        pensioner = _first(
            s,
            select(Contribution.person_id)
            .join(BenefitAward, BenefitAward.person_id == Contribution.person_id)
            .group_by(Contribution.person_id)
            .order_by(func.count().desc(), Contribution.person_id)
            .limit(1),
        )
        certified = _first(
            s,
            select(Certification.person_id)
            .order_by(Certification.certified_on.desc(), Certification.person_id)
            .limit(1),
        )
        trained = _first(
            s,
            select(TrainingRecord.person_id)
            .join(LabourRegistration, LabourRegistration.person_id == TrainingRecord.person_id)
            .order_by(TrainingRecord.start_date.desc(), TrainingRecord.person_id)
            .limit(1),
        )
        referred = _first(
            s,
            select(Referral.person_id)
            .where(Referral.outcome == ReferralOutcome.PENDING.value)
            .order_by(Referral.referred_on.desc(), Referral.person_id)
            .limit(1),
        )
        cert_day = _first(
            s,
            select(Certification.certified_on)
            .group_by(Certification.certified_on)
            .order_by(func.count().desc(), Certification.certified_on.desc())
            .limit(1),
        )
    return {
        "poor": poor,
        "premium_year": premium_year,
        "pensioner": pensioner,
        "certified": certified,
        "trained": trained,
        "referred": referred,
        "cert_day": cert_day,
    }


def to_png(pdf: Path, name: str, dpi: int) -> list[Path]:
    """Each page of ``pdf`` as ``<name>.png`` (one page) or ``<name>-<n>.png``."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])
    out: list[Path] = []
    for page in range(1, pages + 1):
        stem = HERE / (name if pages == 1 else f"{name}-{page}")
        pages_arg = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), *pages_arg, "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        out.append(stem.with_suffix(".png"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--dpi", type=int, default=80)
    parser.add_argument("--keep-pdf", action="store_true", help="also keep the PDFs here")
    parser.add_argument(
        "--db", type=Path, help="render from a copy of this demo database instead of a new one"
    )
    args = parser.parse_args(argv)
    for tool in ("pdftoppm", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install poppler-utils", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="vd-documents-"))
    started = time.perf_counter()
    if args.db is not None:
        shutil.copy(args.db, work / "station.db")
        db = Database(work / "station.db")
    else:
        db = init_station(path=work / "station.db", village_code=VILLAGE, name=STATION, now=NOW)
        make_demo(db=db, persons=args.persons, seed=1, today=TODAY)
        print(f"demo village of {args.persons} persons in {time.perf_counter() - started:.1f} s")
    who = pick_people(db)
    cert_day = date.fromisoformat(who["cert_day"])

    jobs: list[tuple[str, Callable[[], PrintResult | bytes]]] = [
        (
            "enrolment-certificate",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="enrolment-certificate", person_id=who["poor"]),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "contribution-receipt",
            lambda: print_document(
                db=db,
                request=DocumentRequest(
                    kind="contribution-receipt",
                    person_id=who["poor"],
                    year=int(who["premium_year"]),
                ),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "entitlement-statement",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="entitlement-statement", person_id=who["pensioner"]),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "certification-slip",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="certification-slip", person_id=who["certified"]),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "certification-slips",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="certification-slips", on=cert_day),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "labour-card",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="labour-card", person_id=who["trained"]),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "referral-letter",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="referral-letter", person_id=who["referred"]),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "unemployment-estimate",
            lambda: print_document(
                db=db,
                request=DocumentRequest(
                    kind="unemployment-estimate",
                    person_id=who["trained"],
                    contribution_years=Decimal("6.5"),
                    unused_months=2,
                ),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "home-visit-list",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="home-visit-list", on=TODAY),
                clerk=CLERK,
                now=NOW,
            ),
        ),
        (
            "report-tables",
            lambda: print_document(
                db=db,
                request=DocumentRequest(kind="report-tables", on=TODAY),
                clerk=CLERK,
                now=NOW,
            ),
        ),
    ]
    for old in [*HERE.glob("*.png"), *HERE.glob("*.pdf")]:
        old.unlink()
    receipt_serial = ""
    for name, job in jobs:
        result = job()
        assert isinstance(result, PrintResult)
        if name == "contribution-receipt":
            receipt_serial = result.documents[0].serial
        pdf = work / f"{name}.pdf"
        result.write(pdf)
        pngs = to_png(pdf, name, args.dpi)
        print(
            f"{name:24} {len(result.documents):3} doc(s) {result.pages:3} page(s) -> "
            + ", ".join(p.name for p in pngs)
        )
        if args.keep_pdf:
            shutil.copy(pdf, HERE / pdf.name)
    again = reprint_document(
        db=db,
        serial=receipt_serial,
        clerk=CLERK,
        now=NOW,
        request=DocumentRequest(kind="contribution-receipt", year=int(who["premium_year"])),
    )
    again.write(work / "reprint.pdf")
    print(
        "reprint (补打)            -> "
        + ", ".join(
            p.name for p in to_png(work / "reprint.pdf", "contribution-receipt-reprint", args.dpi)
        )
    )
    preview = preview_document(
        db=db,
        request=DocumentRequest(kind="enrolment-certificate", person_id=who["poor"]),
        clerk=CLERK,
        now=NOW,
    )
    (work / "preview.pdf").write_bytes(preview)
    print(
        "preview (样张)            -> "
        + ", ".join(
            p.name for p in to_png(work / "preview.pdf", "enrolment-certificate-preview", args.dpi)
        )
    )
    missing = set(KINDS) - {name for name, _ in jobs}
    if missing:
        print(f"not rendered: {', '.join(sorted(missing))}", file=sys.stderr)
        return 1
    db.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
