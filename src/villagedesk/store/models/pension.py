"""Resident pension: enrolment, contribution and payment ledgers, awards, certifications.

The ledgers are append-only; a correction is a reversing row that points at the original.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, Synced


class Enrolment(Synced, Base):
    __tablename__ = "enrolments"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), unique=True)
    enrolled_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))  # EnrolmentStatus
    insured_category: Mapped[str] = mapped_column(String(30))
    grade_fen: Mapped[int] = mapped_column(Integer)  # chosen yearly grade
    status_changed_on: Mapped[date | None] = mapped_column(Date, default=None)
    status_reason: Mapped[str] = mapped_column(String(200), default="")


class Contribution(Synced, Base):
    """One year's contribution credited to the personal account (or its reversal)."""

    __append_only__ = True
    __tablename__ = "contributions"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"))
    year: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # EntryKind
    grade_fen: Mapped[int] = mapped_column(Integer)
    personal_fen: Mapped[int] = mapped_column(Integer)
    subsidy_fen: Mapped[int] = mapped_column(Integer)
    paid_premium_fen: Mapped[int] = mapped_column(Integer)
    collective_fen: Mapped[int] = mapped_column(Integer, default=0)
    reverses_id: Mapped[str | None] = mapped_column(String(36), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    clerk: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (Index("ix_contrib_person_year", "person_id", "year"),)


class PaidPremium(Synced, Base):
    """The government-paid part of a contribution and who bears it (政府代缴)."""

    __append_only__ = True
    __tablename__ = "paid_premiums"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    contribution_id: Mapped[str] = mapped_column(ForeignKey("contributions.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
    region_fen: Mapped[int] = mapped_column(Integer)
    local_fen: Mapped[int] = mapped_column(Integer)
    local_level: Mapped[str] = mapped_column(String(10))  # CostLevel
    reverses_id: Mapped[str | None] = mapped_column(String(36), default=None)


class BenefitAward(Synced, Base):
    """The decision to pay a pension, with the amounts fixed at award."""

    __tablename__ = "benefit_awards"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # AwardKind
    awarded_on: Mapped[date] = mapped_column(Date)
    first_month: Mapped[date] = mapped_column(Date)
    basic_fen: Mapped[int] = mapped_column(Integer)
    bonus_fen: Mapped[int] = mapped_column(Integer, default=0)
    account_fen: Mapped[int] = mapped_column(Integer)
    monthly_fen: Mapped[int] = mapped_column(Integer)
    balance_at_award_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # AwardStatus
    suspended_from: Mapped[date | None] = mapped_column(Date, default=None)
    stopped_from: Mapped[date | None] = mapped_column(Date, default=None)
    status_reason: Mapped[str] = mapped_column(String(200), default="")


class BenefitPayment(Synced, Base):
    """One month's pension paid (or back-paid, reversed, recovered)."""

    __append_only__ = True
    __tablename__ = "benefit_payments"

    award_id: Mapped[str] = mapped_column(ForeignKey("benefit_awards.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"))
    month: Mapped[date] = mapped_column(Date)  # first day of the month paid for
    amount_fen: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # EntryKind
    paid_on: Mapped[date] = mapped_column(Date)
    reverses_id: Mapped[str | None] = mapped_column(String(36), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    clerk: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (Index("ix_payment_person_month", "person_id", "month"),)


class Certification(Synced, Base):
    """A survival certification (生存认证) of a pensioner."""

    __append_only__ = True
    __tablename__ = "certifications"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"))
    certified_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))  # CertificationMethod
    clerk: Mapped[str] = mapped_column(String(40), default="")
    reverses_id: Mapped[str | None] = mapped_column(String(36), default=None)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_cert_person_date", "person_id", "certified_on"),)
