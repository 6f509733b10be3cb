"""``villagedesk check``: is the database whole? Foreign keys, ledger arithmetic, audit chain,
and every local change present in the outbox."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from villagedesk.domain.categories import EntryKind
from villagedesk.store.audit import verify_chain
from villagedesk.store.base import Base, Synced
from villagedesk.store.capture import RESTORE_OP, RESTORED_ROWS, restored_rows
from villagedesk.store.models import BenefitPayment, Contribution, OutboxEntry, PaidPremium


@dataclass(frozen=True)
class Fault:
    check: str
    where: str
    problem: str


def _sqlite_checks(session: Session) -> list[Fault]:
    faults: list[Fault] = []
    if session.get_bind().dialect.name != "sqlite":
        return faults
    result = session.execute(text("PRAGMA quick_check")).scalars().all()
    if result != ["ok"]:
        faults.extend(Fault("integrity", "database", str(r)) for r in result)
    for row in session.execute(text("PRAGMA foreign_key_check")):
        faults.append(Fault("foreign_keys", f"{row[0]} rowid {row[1]}", f"missing {row[2]}"))
    return faults


def _reversals(
    check: str, rows: list[Contribution] | list[BenefitPayment], amounts: tuple[str, ...]
) -> list[Fault]:
    faults = []
    by_id = {r.id: r for r in rows}
    times = Counter(r.reverses_id for r in rows if r.reverses_id)
    for r in rows:
        if r.reverses_id is None:
            if r.kind == EntryKind.REVERSAL.value:
                faults.append(Fault(check, r.id, "reversal without an original"))
            continue
        original = by_id.get(r.reverses_id)
        if original is None:
            faults.append(Fault(check, r.id, "reverses a missing entry"))
            continue
        if original.person_id != r.person_id:
            faults.append(Fault(check, r.id, "reverses another person's entry"))
        for name in amounts:
            if getattr(r, name) != -getattr(original, name):
                faults.append(Fault(check, r.id, f"{name} does not cancel the original"))
        if times[r.reverses_id] > 1:
            faults.append(Fault(check, r.reverses_id, "reversed more than once"))
    return faults


def _ledger_checks(session: Session) -> list[Fault]:
    faults: list[Fault] = []
    contributions = list(session.scalars(select(Contribution)))
    faults += _reversals(
        "contributions",
        contributions,
        ("personal_fen", "subsidy_fen", "paid_premium_fen", "collective_fen"),
    )
    by_id = {c.id: c for c in contributions}
    for c in contributions:
        if (
            c.kind != EntryKind.REVERSAL.value
            and c.personal_fen + c.paid_premium_fen != c.grade_fen
        ):
            faults.append(Fault("contributions", c.id, "personal + paid premium != grade"))
    for p in session.scalars(select(PaidPremium)):
        if p.region_fen + p.local_fen != p.amount_fen:
            faults.append(Fault("paid_premiums", p.id, "region + local shares != amount"))
        source = by_id.get(p.contribution_id)
        if source is None or source.paid_premium_fen != p.amount_fen:
            faults.append(Fault("paid_premiums", p.id, "does not match its contribution"))
    faults += _reversals(
        "benefit_payments", list(session.scalars(select(BenefitPayment))), ("amount_fen",)
    )
    return faults


def _outbox_checks(session: Session, station: str) -> list[Fault]:
    """Every row last changed at this station has the outbox entry of that revision."""
    faults = []
    captured = {
        (t, r, v)
        for t, r, v in session.execute(
            select(OutboxEntry.table_name, OutboxEntry.row_id, OutboxEntry.new_rev)
        )
    }
    # rows a snapshot brought back (a reinstalled laptop), listed many to an entry
    for table, fields in session.execute(
        select(OutboxEntry.table_name, OutboxEntry.fields).where(
            OutboxEntry.op == RESTORE_OP, OutboxEntry.row_id == RESTORED_ROWS
        )
    ):
        captured.update((table, r, v) for r, v in restored_rows(fields).items())
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, Synced):
            continue
        table = cls.__tablename__  # type: ignore[attr-defined]
        rows = session.execute(select(cls.id, cls.rev).where(cls.updated_hlc.like(f"%-{station}")))
        for row_id, rev in rows:
            if (table, row_id, rev) not in captured:
                faults.append(Fault("outbox", f"{table} {row_id}", f"revision {rev} not captured"))
    return faults


def check_database(*, session: Session, station: str) -> list[Fault]:
    faults = _sqlite_checks(session)
    faults += _ledger_checks(session)
    faults += [Fault("audit", f"entry {f.seq}", f.problem) for f in verify_chain(session)]
    faults += _outbox_checks(session, station)
    return faults
