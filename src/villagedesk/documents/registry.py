"""The kinds of document the counter prints: ``KINDS[code] -> DocumentKind``.

A ``DocumentRequest`` says what to print (kind, person, date and the few options a kind
reads); each kind's ``build`` turns it into one or more ``DocumentContent`` from the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from villagedesk.documents import (
    certification_slip,
    enrolment,
    home_visits,
    labour_card,
    receipt,
    referral_letter,
    report_tables,
    statement,
    unemployment_estimate,
)
from villagedesk.documents.common import not_available
from villagedesk.documents.model import DocumentContent, PageFormat


@dataclass(frozen=True)
class DocumentRequest:
    """What to print. ``on`` is the date the content describes (default: today)."""

    kind: str
    person_id: str | None = None
    on: date | None = None
    year: int | None = None  # contribution-receipt: the contribution year
    contribution_years: Decimal | None = None  # unemployment-estimate
    unused_months: int = 0  # unemployment-estimate: unused months of an earlier claim
    referral_id: str | None = None  # referral-letter (default: the latest referral)
    certification_id: str | None = None  # certification-slip (default: the latest)
    lists: tuple[str, ...] = ()  # home-visit-list: work-list codes (default: all visits)


Builder = Callable[[Session, DocumentRequest, date], list[DocumentContent]]


@dataclass(frozen=True)
class DocumentKind:
    code: str
    title: str  # the Chinese title printed on the form
    description: str  # one English line for `villagedesk print --list`
    page_format: PageFormat
    per_person: bool  # needs --person
    masked_id: bool  # ID numbers masked (a public document) or whole
    options: tuple[str, ...]  # request fields it reads besides person and date
    build: Builder
    logged_as: str  # the kind written to printed_documents for each document
    # Request fields a reprint must be given again: printed_documents does not keep them.
    reprint_needs: tuple[str, ...] = ()

    @property
    def batch(self) -> bool:
        return self.logged_as != self.code


def _person(request: DocumentRequest) -> str:
    if not request.person_id:
        raise not_available("person_id", "required", f"{request.kind} needs a person")
    return request.person_id


def _enrolment(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [enrolment.build_enrolment_certificate(session=s, person_id=_person(r), on=on)]


def _receipt(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [receipt.build_contribution_receipt(session=s, person_id=_person(r), on=on, year=r.year)]


def _statement(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [statement.build_entitlement_statement(session=s, person_id=_person(r), on=on)]


def _slip(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [
        certification_slip.build_certification_slip(
            session=s, person_id=_person(r), on=on, certification_id=r.certification_id
        )
    ]


def _slips(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return certification_slip.build_certification_slips(session=s, on=on)


def _labour(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [labour_card.build_labour_card(session=s, person_id=_person(r), on=on)]


def _referral(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [
        referral_letter.build_referral_letter(
            session=s, person_id=_person(r), on=on, referral_id=r.referral_id
        )
    ]


def _estimate(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    if r.contribution_years is None:
        raise not_available(
            "contribution_years", "required", "the estimate needs the contribution years"
        )
    return [
        unemployment_estimate.build_unemployment_estimate(
            session=s,
            person_id=_person(r),
            on=on,
            contribution_years=r.contribution_years,
            unused_prior_months=r.unused_months,
        )
    ]


def _visits(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [home_visits.build_home_visit_list(session=s, on=on, lists=r.lists)]


def _report(s: Session, r: DocumentRequest, on: date) -> list[DocumentContent]:
    return [report_tables.build_report_tables(session=s, on=on)]


_A4, _A5L, _A4L = PageFormat.A4, PageFormat.A5_LANDSCAPE, PageFormat.A4_LANDSCAPE

KINDS: dict[str, DocumentKind] = {
    k.code: k
    for k in (
        DocumentKind(
            enrolment.KIND,
            enrolment.TITLE,
            "enrolment certificate of the resident pension (A4)",
            _A4,
            True,
            enrolment.PUBLIC,
            (),
            _enrolment,
            enrolment.KIND,
        ),
        DocumentKind(
            receipt.KIND,
            receipt.TITLE,
            "receipt of one year's contribution: personal part, subsidy, government-paid "
            "part with region/local shares (A5; --year, default the latest paid)",
            _A5L,
            True,
            receipt.PUBLIC,
            ("year",),
            _receipt,
            receipt.KIND,
            ("year",),
        ),
        DocumentKind(
            statement.KIND,
            statement.TITLE,
            "entitlement statement: contributions by year, account, pension, certification (A4)",
            _A4,
            True,
            statement.PUBLIC,
            (),
            _statement,
            statement.KIND,
        ),
        DocumentKind(
            certification_slip.KIND,
            certification_slip.TITLE,
            "survival-certification slip of the person's latest certification (A5)",
            _A5L,
            True,
            certification_slip.PUBLIC,
            ("certification_id",),
            _slip,
            certification_slip.KIND,
        ),
        DocumentKind(
            certification_slip.BATCH_KIND,
            certification_slip.TITLE,
            "batch: a slip for every certification made on --on, in one PDF (A5)",
            _A5L,
            False,
            certification_slip.PUBLIC,
            (),
            _slips,
            certification_slip.KIND,
        ),
        DocumentKind(
            labour_card.KIND,
            labour_card.TITLE,
            "labour registration card: latest survey, wishes, training, referrals (A4)",
            _A4,
            True,
            labour_card.PUBLIC,
            (),
            _labour,
            labour_card.KIND,
        ),
        DocumentKind(
            referral_letter.KIND,
            referral_letter.TITLE,
            "referral letter to the employer with a tear-off reply (A4; --referral, default "
            "the latest)",
            _A4,
            True,
            referral_letter.PUBLIC,
            ("referral_id",),
            _referral,
            referral_letter.KIND,
        ),
        DocumentKind(
            unemployment_estimate.KIND,
            unemployment_estimate.TITLE,
            "unemployment-benefit estimate for --years of contributions (A4)",
            _A4,
            True,
            unemployment_estimate.PUBLIC,
            ("contribution_years", "unused_months"),
            _estimate,
            unemployment_estimate.KIND,
            ("contribution_years",),
        ),
        DocumentKind(
            home_visits.KIND,
            home_visits.TITLE,
            "home-visit work-list of --on, one row per person in address order (A4 landscape; "
            "--lists CODES)",
            _A4L,
            False,
            home_visits.PUBLIC,
            ("lists",),
            _visits,
            home_visits.KIND,
        ),
        DocumentKind(
            report_tables.KIND,
            report_tables.TITLE,
            "the station report (rates, contributions, paid premiums, labour...) as tables (A4)",
            _A4,
            False,
            report_tables.PUBLIC,
            (),
            _report,
            report_tables.KIND,
        ),
    )
}


def get_kind(code: str) -> DocumentKind:
    kind = KINDS.get(code)
    if kind is None:
        raise not_available("kind", "choice", f"unknown document kind {code!r}; see --list")
    return kind


def describe_kinds() -> str:
    """The ``--list`` text: code, Chinese title, what it is, whether IDs are masked."""
    width = max(len(code) for code in KINDS)
    lines = []
    for kind in KINDS.values():
        ids = "ID masked" if kind.masked_id else "ID whole"
        who = "--person" if kind.per_person else "--on"
        lines.append(f"{kind.code:<{width}}  {kind.title}")
        lines.append(f"{'':<{width}}  {kind.description}; {who}; {ids}")
    return "\n".join(lines)
