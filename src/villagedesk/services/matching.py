"""The county's data-matching results (数据比对) at the counter: see them, confirm or dispute.

When the county publishes a data-matching batch, each change it made to a person (a death, a
move, a new or ended status, a disability grade…) arrives at the person's village with the
next sync, together with a ``MatchNotice`` saying where it came from. The clerk confirms each
notice, or disputes it with a reason (a clerk who knows the person is alive says so); the
answer travels back with the next push and the county's data-matching page counts it.

Only the answer fields are written here (``status``, ``reason``, ``confirmed_by``,
``confirmed_at``); the county refuses any other change to a notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.domain.errors import ValidationError
from villagedesk.services.context import Actor
from villagedesk.store.audit import append_audit
from villagedesk.store.models import MatchNotice, Person
from villagedesk.store.models.matching import (
    NOTICE_CONFIRMED,
    NOTICE_DISPUTED,
    NOTICE_PENDING,
    NOTICE_STATUSES,
)

MAX_REASON = 500
MIN_REASON = 2  # "活着" is a reason; a single character is not

__all__ = [
    "MAX_REASON",
    "NOTICE_CONFIRMED",
    "NOTICE_DISPUTED",
    "NOTICE_PENDING",
    "NoticeView",
    "confirm_notices",
    "dispute_notice",
    "list_notices",
    "pending_count",
]


@dataclass(frozen=True)
class NoticeView:
    """One notice as the counter shows it."""

    id: str
    person_id: str
    name: str
    id_number: str
    source: str  # public_security | civil_affairs | poverty_office | disabled_federation
    action: str  # death | move | status_new | status_end | lifted_out | level
    description: str  # Chinese text written by the county, shown as it is
    published_at: datetime
    published_by: str
    status: str  # pending | confirmed | disputed
    reason: str
    confirmed_by: str
    confirmed_at: datetime | None


def _views(session: Session, query: Any) -> list[NoticeView]:
    return [
        NoticeView(
            id=n.id,
            person_id=n.person_id,
            name=name,
            id_number=number,
            source=n.source,
            action=n.action,
            description=n.description,
            published_at=n.published_at,
            published_by=n.published_by,
            status=n.status,
            reason=n.reason,
            confirmed_by=n.confirmed_by,
            confirmed_at=n.confirmed_at,
        )
        for n, name, number in session.execute(query)
    ]


def list_notices(
    *, session: Session, status: str | None = NOTICE_PENDING, person_id: str | None = None
) -> list[NoticeView]:
    """Notices of live persons, newest batch first; ``status=None``: all of them."""
    if status is not None and status not in NOTICE_STATUSES:
        raise ValidationError.single(
            "status", "choice", f"must be one of {', '.join(NOTICE_STATUSES)}"
        )
    query = (
        select(MatchNotice, Person.name, Person.id_number)
        .join(Person, Person.id == MatchNotice.person_id)
        .where(MatchNotice.deleted.is_(False), Person.deleted.is_(False))
    )
    if status is not None:
        query = query.where(MatchNotice.status == status)
    if person_id is not None:
        query = query.where(MatchNotice.person_id == person_id)
    query = query.order_by(MatchNotice.published_at.desc(), Person.name, MatchNotice.id)
    return _views(session, query)


def pending_count(*, session: Session) -> int:
    """How many notices wait for the clerk's answer (the home screen shows it)."""
    query = (
        select(func.count())
        .select_from(MatchNotice)
        .join(Person, Person.id == MatchNotice.person_id)
        .where(
            MatchNotice.status == NOTICE_PENDING,
            MatchNotice.deleted.is_(False),
            Person.deleted.is_(False),
        )
    )
    return session.scalar(query) or 0


def _notice(session: Session, notice_id: str) -> MatchNotice:
    notice = session.get(MatchNotice, notice_id) if isinstance(notice_id, str) else None
    if notice is None or notice.deleted:
        raise ValidationError.single("notice_id", "not_found", f"no such notice: {notice_id}")
    return notice


def confirm_notices(
    *, session: Session, actor: Actor, now: datetime, notice_ids: Iterable[str]
) -> int:
    """Confirm notices (the clerk agrees with the county's result). A notice confirmed
    already is left as it is (confirming twice is harmless); a disputed one becomes
    confirmed and its reason is kept in the audit log. Returns how many changed."""
    ids = list(dict.fromkeys(notice_ids))
    if not ids:
        raise ValidationError.single("notice_ids", "required", "choose at least one notice")
    notices = [_notice(session, i) for i in ids]  # every id checked before anything changes
    changed = 0
    for notice in notices:
        if notice.status == NOTICE_CONFIRMED:
            continue
        before = notice.status
        notice.status = NOTICE_CONFIRMED
        notice.reason = ""
        notice.confirmed_by = actor.username[:40]
        notice.confirmed_at = now
        append_audit(
            session,
            actor=actor.username,
            action="matching.confirm",
            target_table="match_notices",
            target_id=notice.id,
            details={"batch_id": notice.batch_id, "person_id": notice.person_id, "was": before},
        )
        changed += 1
    return changed


def dispute_notice(
    *, session: Session, actor: Actor, now: datetime, notice_id: str, reason: str
) -> bool:
    """Dispute one notice: the clerk says the county's result is wrong, and why (needed).
    The same dispute again changes nothing; returns whether something changed."""
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise ValidationError.single(
            "reason", "required", f"a dispute needs a reason of at least {MIN_REASON} characters"
        )
    if len(text) > MAX_REASON:
        raise ValidationError.single(
            "reason", "too_long", f"must be at most {MAX_REASON} characters"
        )
    notice = _notice(session, notice_id)
    if notice.status == NOTICE_DISPUTED and notice.reason == text:
        return False
    before = notice.status
    notice.status = NOTICE_DISPUTED
    notice.reason = text
    notice.confirmed_by = actor.username[:40]
    notice.confirmed_at = now
    append_audit(
        session,
        actor=actor.username,
        action="matching.dispute",
        target_table="match_notices",
        target_id=notice.id,
        details={
            "batch_id": notice.batch_id,
            "person_id": notice.person_id,
            "was": before,
            "reason": text,
        },
    )
    return True
