"""Households, persons and their dated statuses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from villagedesk.store.base import Base, Synced


class Household(Synced, Base):
    __tablename__ = "households"

    village_code: Mapped[str] = mapped_column(String(12), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    head_person_id: Mapped[str | None] = mapped_column(String(36), default=None)
    relocated: Mapped[bool] = mapped_column(default=False)  # 易地扶贫搬迁户


class Person(Synced, Base):
    __tablename__ = "persons"

    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")  # "zhangsan"
    name_initials: Mapped[str] = mapped_column(String(60), default="")  # "zs"
    sex: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[date] = mapped_column(Date)
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), default=None)
    relation: Mapped[str] = mapped_column(String(20), default="")  # to the household head
    village_code: Mapped[str] = mapped_column(String(12), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    guangxi_hukou: Mapped[bool] = mapped_column(default=True)
    student: Mapped[bool] = mapped_column(default=False)
    employee_scheme: Mapped[bool] = mapped_column(default=False)
    other_state_pension: Mapped[bool] = mapped_column(default=False)
    death_date: Mapped[date | None] = mapped_column(Date, default=None)
    death_reported_on: Mapped[date | None] = mapped_column(Date, default=None)
    death_source: Mapped[str] = mapped_column(String(30), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_persons_name", "name"),
        Index("ix_persons_initials", "name_initials"),
        Index("ix_persons_pinyin", "name_pinyin"),
        Index("ix_persons_household", "household_id"),
        Index("ix_persons_birth", "birth_date"),
    )


class PersonStatus(Synced, Base):
    """A dated status (registered-poor, 低保, 特困, disability, ...). Ended, never overwritten."""

    __tablename__ = "person_statuses"

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    level: Mapped[int | None] = mapped_column(Integer, default=None)  # grade / class
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, default=None)
    lifted_out_year: Mapped[int | None] = mapped_column(Integer, default=None)
    source: Mapped[str] = mapped_column(String(30), default="clerk")
    note: Mapped[str] = mapped_column(Text, default="")
