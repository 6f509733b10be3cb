"""What the rules need to know about a person on a date, read from statuses and ledgers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import InsuredCategory, StatusKind
from villagedesk.store.models import Contribution, PersonStatus


@dataclass(frozen=True)
class StatusFacts:
    """The statuses in force on a date (a status with an end date before it is over)."""

    registered_poor: bool = False
    lifted_out_year: int | None = None
    dibao_level: int | None = None
    tekun_level: int | None = None
    disability_grade: int | None = None
    relocation: bool = False
    family_planning: bool = False
    # registered-poor at any time (lifted or not): the paid premium continues after lifting.
    ever_registered_poor: bool = False

    @property
    def dibao(self) -> bool:
        return self.dibao_level is not None

    @property
    def tekun(self) -> bool:
        return self.tekun_level is not None

    def special_categories(self) -> set[str]:
        """Categories that qualify for the special basic pension (DOMAIN.md)."""
        cats: set[str] = set()
        if self.registered_poor or self.ever_registered_poor:
            cats.add(StatusKind.REGISTERED_POOR.value)
        if self.dibao:
            cats.add(StatusKind.DIBAO.value)
        if self.tekun:
            cats.add(StatusKind.TEKUN.value)
        return cats

    def insured_category(self) -> InsuredCategory:
        """The category for subsidy and paid-premium rules, most supportive first."""
        if self.disability_grade is not None and self.disability_grade <= 3:
            return InsuredCategory(f"disabled_{self.disability_grade}")
        if self.tekun_level is not None:
            return InsuredCategory(f"tekun_{min(max(self.tekun_level, 1), 3)}")
        if self.registered_poor:
            return InsuredCategory.POOR_1
        if self.dibao_level is not None:
            return InsuredCategory(f"dibao_{min(max(self.dibao_level, 1), 3)}")
        if self.family_planning:
            return InsuredCategory.FAMILY_PLANNING
        return InsuredCategory.ORDINARY


def facts_from_statuses(statuses: Iterable[PersonStatus], on: date) -> StatusFacts:
    values: dict[str, object] = {}
    for st in sorted(statuses, key=lambda s: s.start_date):
        if st.deleted or st.start_date > on:
            continue
        if st.kind == StatusKind.REGISTERED_POOR.value:
            values["ever_registered_poor"] = True
            values["lifted_out_year"] = st.lifted_out_year
        current = st.end_date is None or st.end_date >= on
        if not current:
            continue
        match StatusKind(st.kind):
            case StatusKind.REGISTERED_POOR:
                lifted = st.lifted_out_year is not None and st.lifted_out_year < on.year
                values["registered_poor"] = not lifted
            case StatusKind.DIBAO:
                values["dibao_level"] = st.level or 1
            case StatusKind.TEKUN:
                values["tekun_level"] = st.level or 1
            case StatusKind.DISABILITY:
                values["disability_grade"] = st.level
            case StatusKind.RELOCATION:
                values["relocation"] = True
            case StatusKind.FAMILY_PLANNING:
                values["family_planning"] = True
    return StatusFacts(**values)  # type: ignore[arg-type]


def status_facts(*, session: Session, person_id: str, on: date) -> StatusFacts:
    rows = session.scalars(select(PersonStatus).where(PersonStatus.person_id == person_id))
    return facts_from_statuses(rows, on)


def all_status_facts(*, session: Session, on: date) -> dict[str, StatusFacts]:
    """Facts for every person with any status, in one query (for work-lists and reports)."""
    by_person: dict[str, list[PersonStatus]] = defaultdict(list)
    for st in session.scalars(select(PersonStatus).where(PersonStatus.deleted.is_(False))):
        by_person[st.person_id].append(st)
    return {pid: facts_from_statuses(rows, on) for pid, rows in by_person.items()}


@dataclass(frozen=True)
class YearTotals:
    year: int
    personal_fen: int
    subsidy_fen: int
    paid_premium_fen: int
    collective_fen: int

    @property
    def credited_fen(self) -> int:
        return self.personal_fen + self.subsidy_fen + self.paid_premium_fen + self.collective_fen


def sum_by_year(rows: Iterable[Contribution]) -> list[YearTotals]:
    """Net credit per year; reversals carry negative amounts and cancel their originals."""
    acc: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for c in rows:
        if c.deleted:
            continue
        t = acc[c.year]
        t[0] += c.personal_fen
        t[1] += c.subsidy_fen
        t[2] += c.paid_premium_fen
        t[3] += c.collective_fen
    return [YearTotals(y, *acc[y]) for y in sorted(acc)]


def contribution_totals(*, session: Session, person_id: str) -> list[YearTotals]:
    rows = session.scalars(select(Contribution).where(Contribution.person_id == person_id))
    return sum_by_year(rows)


def paid_years(totals: Iterable[YearTotals]) -> list[int]:
    """Years that count as contribution years: a positive net credit."""
    return [t.year for t in totals if t.credited_fen > 0]
