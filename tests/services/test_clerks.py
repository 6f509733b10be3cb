"""Clerk accounts: first supervisor, roles, argon2 hashes, lock-out after five failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from villagedesk.domain.categories import Role
from villagedesk.domain.errors import ValidationError
from villagedesk.services.clerks import authenticate, create_clerk, set_password
from villagedesk.services.context import PermissionDenied
from villagedesk.store.models import Clerk


@pytest.fixture
def accounts(db, now):
    with db.write() as s:
        create_clerk(
            session=s,
            actor=None,
            username="li",
            display_name="李主管",
            role=Role.SUPERVISOR,
            password="supervisor-pw",
            now=now,
        )
    with db.write() as s:
        boss = authenticate(session=s, username="li", password="supervisor-pw", now=now).actor
        create_clerk(
            session=s,
            actor=boss,
            username="wang",
            display_name="王办事员",
            role=Role.CLERK,
            password="clerk-pass",
            now=now,
        )
    return boss


def _login(db, user, pw, when):
    with db.write() as s:
        return authenticate(session=s, username=user, password=pw, now=when)


def test_password_is_stored_as_an_argon2_hash(db, accounts):
    with db.read() as s:
        stored = s.scalar(select(Clerk.password_hash).where(Clerk.username == "wang"))
    assert stored.startswith("$argon2") and "clerk-pass" not in stored


def test_first_account_must_be_a_supervisor(db, now):
    with pytest.raises(ValidationError) as err, db.write() as s:
        create_clerk(
            session=s,
            actor=None,
            username="x1",
            display_name="x",
            role=Role.CLERK,
            password="long-enough",
            now=now,
        )
    assert err.value.rules() == {"first_supervisor"}


def test_a_clerk_cannot_add_accounts(db, accounts, now):
    clerk = _login(db, "wang", "clerk-pass", now).actor
    assert clerk is not None and clerk.role is Role.CLERK
    with pytest.raises(PermissionDenied), db.write() as s:
        create_clerk(
            session=s,
            actor=clerk,
            username="zhao",
            display_name="赵",
            role=Role.CLERK,
            password="whatever1",
            now=now,
        )


def test_five_wrong_passwords_lock_the_account_for_15_minutes(db, accounts, now):
    outcomes = [_login(db, "wang", "wrong", now).reason for _ in range(5)]
    assert outcomes == ["wrong_credentials"] * 4 + ["locked"]
    # Even the right password is refused while locked...
    assert _login(db, "wang", "clerk-pass", now + timedelta(minutes=14)).reason == "locked"
    # ...and accepted once the lock has run out.
    assert _login(db, "wang", "clerk-pass", now + timedelta(minutes=16)).ok


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(db, accounts, now):
    assert _login(db, "nobody", "x", now).reason == "wrong_credentials"


def test_supervisor_resets_a_password_and_unlocks(db, accounts, now):
    for _ in range(5):
        _login(db, "wang", "wrong", now)
    with db.write() as s:
        set_password(session=s, actor=accounts, username="wang", password="new-pass-1")
    assert _login(db, "wang", "new-pass-1", now).ok
    assert not _login(db, "wang", "clerk-pass", now).ok
