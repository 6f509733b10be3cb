"""Labour registrations, training, employers, vacancies and referrals."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, Synced


class LabourRegistration(Synced, Base):
    """One labour survey of a person (劳动力信息登记). History: a new survey is a new row."""

    __append_only__ = True
    __tablename__ = "labour_registrations"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"))
    surveyed_on: Mapped[date] = mapped_column(Date)
    population_category: Mapped[str] = mapped_column(String(30))
    employment_status: Mapped[str | None] = mapped_column(String(30), default=None)
    job_channel: Mapped[str | None] = mapped_column(String(30), default=None)
    work_place: Mapped[str | None] = mapped_column(String(30), default=None)
    work_province: Mapped[str] = mapped_column(String(20), default="")
    employer_name: Mapped[str] = mapped_column(String(100), default="")
    industry: Mapped[str] = mapped_column(String(60), default="")
    monthly_income_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    phone: Mapped[str] = mapped_column(String(30), default="")
    wants_work: Mapped[bool] = mapped_column(default=False)
    wants_training: Mapped[bool] = mapped_column(default=False)
    training_trade: Mapped[str] = mapped_column(String(60), default="")
    wants_business: Mapped[bool] = mapped_column(default=False)
    clerk: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_labour_person_date", "person_id", "surveyed_on"),)


class TrainingNeed(Synced, Base):
    __append_only__ = True
    __tablename__ = "training_needs"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    surveyed_on: Mapped[date] = mapped_column(Date)
    trade: Mapped[str] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(Text, default="")


class TrainingRecord(Synced, Base):
    __tablename__ = "training_records"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    programme: Mapped[str] = mapped_column(String(100))
    trade: Mapped[str] = mapped_column(String(60))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    certificate: Mapped[str] = mapped_column(String(100), default="")
    employed_after: Mapped[bool | None] = mapped_column(default=None)
    monthly_wage_fen: Mapped[int | None] = mapped_column(Integer, default=None)


class Employer(Synced, Base):
    __tablename__ = "employers"

    name: Mapped[str] = mapped_column(String(120))
    uscc: Mapped[str] = mapped_column(String(18), unique=True)  # unified social credit code
    contact: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


class Vacancy(Synced, Base):
    __tablename__ = "vacancies"

    employer_id: Mapped[str] = mapped_column(ForeignKey("employers.id"), index=True)
    post: Mapped[str] = mapped_column(String(100))
    count: Mapped[int] = mapped_column(Integer)
    wage_min_fen: Mapped[int] = mapped_column(Integer)
    wage_max_fen: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(120), default="")
    requirements: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[date] = mapped_column(Date)


class Referral(Synced, Base):
    """A person referred to a vacancy; the outcome is filled in later."""

    __tablename__ = "referrals"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    vacancy_id: Mapped[str] = mapped_column(ForeignKey("vacancies.id"), index=True)
    referred_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(20), default="pending")
    outcome_on: Mapped[date | None] = mapped_column(Date, default=None)
    monthly_wage_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    clerk: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
