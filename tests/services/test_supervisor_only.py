"""Supervisor-only actions are refused in the services themselves (not only hidden in the
GUI): a clerk gets PermissionDenied and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from villagedesk.domain.categories import Role
from villagedesk.services import backups, certification, clerks, pension, roster, station
from villagedesk.services.context import Actor, PermissionDenied
from villagedesk.store.database import Database
from villagedesk.store.models import AuditEntry

NOW = datetime(2026, 11, 27, 9, 30)
MISSING = "00000000-0000-0000-0000-000000000000"


def _roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "county.csv"
    path.write_text("身份证号,类别\n", encoding="utf-8")
    return path


ACTIONS: dict[str, Callable[[Any, Actor, Database, Path], object]] = {
    "add a clerk": lambda s, a, db, tmp: clerks.create_clerk(
        session=s,
        actor=a,
        username="newbie",
        display_name="新人",
        role=Role.CLERK,
        password="long-enough-1",
        now=NOW,
    ),
    "reset another clerk's password": lambda s, a, db, tmp: clerks.set_password(
        session=s, actor=a, username="li", password="long-enough-1"
    ),
    "disable an account": lambda s, a, db, tmp: clerks.set_active(
        session=s, actor=a, username="li", active=False
    ),
    "reverse a contribution": lambda s, a, db, tmp: pension.reverse_contribution(
        session=s, actor=a, today=NOW.date(), contribution_id=MISSING, reason="wrong person"
    ),
    "reverse a payment": lambda s, a, db, tmp: pension.reverse_payment(
        session=s, actor=a, today=NOW.date(), payment_id=MISSING, reason="wrong person"
    ),
    "cancel a certification": lambda s, a, db, tmp: certification.reverse_certification(
        session=s, actor=a, today=NOW.date(), certification_id=MISSING, reason="wrong person"
    ),
    "apply a county list": lambda s, a, db, tmp: roster.apply_roster(
        session=s, actor=a, path=_roster_file(tmp), today=NOW.date()
    ),
    "resume sync after a restore": lambda s, a, db, tmp: backups.confirm_sync_after_restore(
        session=s, actor=a
    ),
    "change the county server address": lambda s, a, db, tmp: station.set_server(
        session=s, actor=a, server_url="https://elsewhere.example"
    ),
    "restore a backup": lambda s, a, db, tmp: backups.restore_backup(
        db=db, actor=a, backup=backups.make_backup(db=db).path, now=NOW
    ),
}


@pytest.fixture
def staffed(db: Database, supervisor: Actor) -> Database:
    with db.write(actor="setup") as s:
        clerks.create_clerk(
            session=s,
            actor=None,
            username="li",
            display_name="李主管",
            role=Role.SUPERVISOR,
            password="long-enough-1",
            now=NOW,
        )
    return db


def _audit(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_clerk_is_refused(action: str, staffed: Database, clerk: Actor, tmp_path: Path):
    before = _audit(staffed)
    with (
        pytest.raises(PermissionDenied, match="needs a supervisor"),
        staffed.write(actor=clerk.username) as s,
    ):
        ACTIONS[action](s, clerk, staffed, tmp_path)
    assert _audit(staffed) == before


def test_adding_a_clerk_without_anyone_logged_in_is_refused(staffed: Database):
    with pytest.raises(PermissionDenied), staffed.write() as s:
        clerks.create_clerk(
            session=s,
            actor=None,
            username="sneaky",
            display_name="x",
            role=Role.SUPERVISOR,
            password="long-enough-1",
            now=NOW,
        )
