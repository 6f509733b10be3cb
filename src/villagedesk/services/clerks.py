"""Clerk accounts: argon2 password hashes, roles, lock-out after repeated failures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from villagedesk.domain.categories import Role
from villagedesk.services.context import Actor, Checks, PermissionDenied, require_supervisor
from villagedesk.store.audit import append_audit
from villagedesk.store.models import Clerk

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{2,40}$")

_hasher = PasswordHasher()


@dataclass(frozen=True)
class LoginOutcome:
    """``actor`` on success; otherwise ``reason``: wrong_credentials, locked or inactive.

    A refusal is returned, not raised, so the session still commits the failure count.
    """

    actor: Actor | None
    reason: str = ""
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.actor is not None


def clerk_count(*, session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Clerk)) or 0


def create_clerk(
    *,
    session: Session,
    actor: Actor | None,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    now: datetime,
) -> Clerk:
    """Add a clerk. Only a supervisor may, except for the very first account of a station."""
    first = clerk_count(session=session) == 0
    if not first:
        if actor is None:
            raise PermissionDenied("adding a clerk needs a supervisor")
        require_supervisor(actor, action="adding a clerk")
    checks = Checks()
    if not USERNAME_PATTERN.match(username or ""):
        checks.add("username", "format", "2-40 letters, digits, '_', '.' or '-'")
    elif session.scalar(select(Clerk.id).where(Clerk.username == username)):
        checks.add("username", "duplicate", f"{username} already exists")
    if checks.required("display_name", display_name):
        checks.max_length("display_name", display_name, 60)
    if len(password or "") < MIN_PASSWORD_LENGTH:
        checks.add("password", "too_short", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    if first and role is not Role.SUPERVISOR:
        checks.add("role", "first_supervisor", "the first account must be a supervisor")
    checks.raise_if_any()
    clerk = Clerk(
        username=username,
        display_name=display_name.strip(),
        role=role.value,
        password_hash=_hasher.hash(password),
        created_at=now,
    )
    session.add(clerk)
    session.flush()
    append_audit(
        session,
        action="clerk.create",
        target_table="clerks",
        target_id=clerk.id,
        details={"username": username, "role": role.value},
    )
    return clerk


def authenticate(*, session: Session, username: str, password: str, now: datetime) -> LoginOutcome:
    """Check a login. Failures are counted; after 5 in a row the account locks for 15 minutes."""
    clerk = session.scalar(select(Clerk).where(Clerk.username == username))
    if clerk is None:
        # Same answer as a wrong password: do not reveal which usernames exist.
        return LoginOutcome(None, "wrong_credentials")
    if not clerk.active:
        return LoginOutcome(None, "inactive")
    if clerk.locked_until is not None and clerk.locked_until > now:
        return LoginOutcome(None, "locked", clerk.locked_until)
    try:
        _hasher.verify(clerk.password_hash, password)
    except (VerificationError, InvalidHashError):
        clerk.failed_attempts += 1
        if clerk.failed_attempts >= MAX_FAILED_ATTEMPTS:
            clerk.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            clerk.failed_attempts = 0
            append_audit(session, action="clerk.locked", target_table="clerks", target_id=clerk.id)
            return LoginOutcome(None, "locked", clerk.locked_until)
        return LoginOutcome(None, "wrong_credentials")
    clerk.failed_attempts = 0
    clerk.locked_until = None
    actor = Actor(username=clerk.username, role=Role(clerk.role), display_name=clerk.display_name)
    return LoginOutcome(actor)


def set_password(*, session: Session, actor: Actor, username: str, password: str) -> None:
    """A clerk changes their own password; a supervisor may reset anyone's (and unlock it)."""
    if actor.username != username:
        require_supervisor(actor, action="resetting another clerk's password")
    clerk = session.scalar(select(Clerk).where(Clerk.username == username))
    checks = Checks()
    if clerk is None:
        checks.add("username", "not_found", f"no clerk {username}")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        checks.add("password", "too_short", f"must have at least {MIN_PASSWORD_LENGTH} characters")
    checks.raise_if_any()
    assert clerk is not None
    clerk.password_hash = _hasher.hash(password)
    clerk.failed_attempts = 0
    clerk.locked_until = None
    append_audit(session, action="clerk.password", target_table="clerks", target_id=clerk.id)


def list_clerks(*, session: Session) -> list[Clerk]:
    return list(session.scalars(select(Clerk).order_by(Clerk.username)))


def set_active(*, session: Session, actor: Actor, username: str, active: bool) -> Clerk:
    """Disable or re-enable an account (supervisor only; never one's own)."""
    require_supervisor(actor, action="disabling an account")
    clerk = session.scalar(select(Clerk).where(Clerk.username == username))
    checks = Checks()
    if clerk is None:
        checks.add("username", "not_found", f"no clerk {username}")
    elif username == actor.username and not active:
        checks.add("username", "self", "you cannot disable your own account")
    checks.raise_if_any()
    assert clerk is not None
    clerk.active = active
    append_audit(
        session,
        actor=actor.username,
        action="clerk.active",
        target_table="clerks",
        target_id=clerk.id,
        details={"active": active},
    )
    return clerk
