"""Search as you type: by name, pinyin initials ("zs" finds 张三), full pinyin or ID prefix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from villagedesk.store.models import Person

_ID_PREFIX = re.compile(r"^[0-9]{1,17}[0-9Xx]?$")
_LATIN = re.compile(r"^[A-Za-z]+$")
_MAX_LIMIT = 200


@dataclass(frozen=True)
class PersonHit:
    id: str
    name: str
    id_number: str
    sex: str
    birth_date: date
    village_code: str
    deceased: bool


def _prefix(column: Any, text: str) -> ColumnElement[bool]:
    # A range on the plain index: SQLite's LIKE would not use it (case-insensitive LIKE).
    condition: ColumnElement[bool] = (column >= text) & (column < text + "\uffff")
    return condition


def _query(text: str) -> Select[Any]:
    base = select(Person).where(Person.deleted.is_(False))
    if _ID_PREFIX.match(text):
        return base.where(_prefix(Person.id_number, text.upper())).order_by(Person.id_number)
    if _LATIN.match(text):
        low = text.lower()
        return base.where(
            or_(_prefix(Person.name_initials, low), _prefix(Person.name_pinyin, low))
        ).order_by(Person.name_initials, Person.name)
    return base.where(_prefix(Person.name, text)).order_by(Person.name)


def find_persons(*, session: Session, query: str, limit: int = 50) -> list[PersonHit]:
    """Persons matching ``query``; names match by prefix first, then anywhere in the name."""
    text = (query or "").strip().replace(" ", "")
    if not text:
        return []
    limit = max(1, min(limit, _MAX_LIMIT))
    rows: list[Person] = list(session.scalars(_query(text).limit(limit)))
    if len(rows) < limit and not _ID_PREFIX.match(text) and not _LATIN.match(text):
        seen = {p.id for p in rows}
        more = session.scalars(
            select(Person)
            .where(Person.deleted.is_(False), Person.name.contains(text, autoescape=True))
            .order_by(Person.name)
            .limit(limit)
        )
        rows.extend(p for p in more if p.id not in seen)
        rows = rows[:limit]
    return [
        PersonHit(
            id=p.id,
            name=p.name,
            id_number=p.id_number,
            sex=p.sex,
            birth_date=p.birth_date,
            village_code=p.village_code,
            deceased=p.death_date is not None,
        )
        for p in rows
    ]


def find_by_id_number(*, session: Session, id_number: str) -> Person | None:
    """Exact lookup, as a scanner or ID-card reader types the whole number."""
    return session.scalar(
        select(Person).where(
            Person.id_number == id_number.strip().upper(), Person.deleted.is_(False)
        )
    )
