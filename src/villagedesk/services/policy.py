"""The policy tables in force at this station, read from the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import Confidence
from villagedesk.domain.policy import PolicyRow, PolicySet
from villagedesk.store.models import PolicyRowRecord


def policy_rows(*, session: Session) -> list[PolicyRow]:
    records = session.scalars(select(PolicyRowRecord).where(PolicyRowRecord.deleted.is_(False)))
    return [
        PolicyRow(
            table=r.table,
            effective_from=r.effective_from,
            key=r.key,
            scope=r.scope,
            value=r.value,
            confidence=Confidence(r.confidence),
            note=r.note,
        )
        for r in records
    ]


def load_policy(*, session: Session) -> PolicySet:
    """The policy in force, read once per session (policy rows change only through sync)."""
    cached = session.info.get("policy")
    if isinstance(cached, PolicySet):
        return cached
    policy = PolicySet(policy_rows(session=session))
    session.info["policy"] = policy
    return policy


@event.listens_for(Session, "before_flush")
def _forget_policy(session: Session, _ctx: object, _instances: object) -> None:
    # This flush writes policy rows (a sync pull): read the policy again next time.
    changed = [*session.new, *session.dirty]
    if any(isinstance(o, PolicyRowRecord) for o in changed):
        session.info.pop("policy", None)


def county_of(village_code: str) -> str:
    return village_code[:6]


def year_start(year: int) -> date:
    return date(year, 1, 1)
