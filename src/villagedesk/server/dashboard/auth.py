"""County officers: argon2 passwords, sessions that expire, CSRF tokens and a login rate limit.

Officers are not stations and not counter clerks: their own table, their own credentials.
Sessions live in the database (several uvicorn workers share them); the browser holds a random
cookie whose SHA-256 is the session's key. Every form of a session carries its CSRF token; the
login form, before there is a session, uses a double-submit cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from villagedesk.domain.errors import ValidationError
from villagedesk.store.dashboard_models import (
    DashboardLoginAttempt,
    DashboardOfficer,
    DashboardSession,
)

ROLES: dict[str, str] = {"officer": "业务经办", "admin": "系统管理员"}
SESSION_COOKIE = "vd_dashboard"
LOGIN_CSRF_COOKIE = "vd_login_csrf"
IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
# Failed logins allowed in the window, per user name and per client address.
LOGIN_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 30
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,40}$")

_hasher = PasswordHasher()
# Verified against when the user name is unknown, so a wrong name costs as long as a wrong
# password (no user-name probing by timing).
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _check_username(username: str) -> str:
    name = username.strip()
    if not _USERNAME.match(name):
        raise ValidationError.single("username", "invalid", "2-40 letters, digits, '_', '.' or '-'")
    return name


def add_officer(
    *,
    session: Session,
    username: str,
    password: str,
    role: str,
    now: datetime,
    display_name: str = "",
) -> DashboardOfficer:
    """A new officer (or a disabled one re-enabled with a new password and role)."""
    name = _check_username(username)
    if role not in ROLES:
        raise ValidationError.single("role", "invalid", f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise ValidationError.single("password", "too_short", f"at least {MIN_PASSWORD} characters")
    if len(password) > 200:
        raise ValidationError.single("password", "too_long", "at most 200 characters")
    officer = session.scalar(select(DashboardOfficer).where(DashboardOfficer.username == name))
    if officer is not None and officer.active:
        raise ValidationError.single("username", "exists", f"officer {name} already exists")
    if officer is None:
        officer = DashboardOfficer(username=name, created_at=now)
        session.add(officer)
    officer.display_name = display_name.strip()[:60] or name
    officer.role = role
    officer.password_hash = hash_password(password)
    officer.active = True
    return officer


def list_officers(*, session: Session) -> list[DashboardOfficer]:
    return list(session.scalars(select(DashboardOfficer).order_by(DashboardOfficer.username)))


def disable_officer(*, session: Session, username: str) -> DashboardOfficer:
    """Disable an officer and end their sessions at once."""
    officer = session.scalar(
        select(DashboardOfficer).where(DashboardOfficer.username == username.strip())
    )
    if officer is None:
        raise ValidationError.single("username", "not_found", f"no officer {username}")
    officer.active = False
    session.execute(delete(DashboardSession).where(DashboardSession.officer_id == officer.id))
    return officer


@dataclass(frozen=True)
class LoginResult:
    officer: DashboardOfficer | None
    status: int  # 200 signed in, 401 wrong name or password, 429 too many failures
    reason: str


def _failures(session: Session, column: Any, value: str, since: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(DashboardLoginAttempt)
            .where(
                column == value,
                DashboardLoginAttempt.ok.is_(False),
                DashboardLoginAttempt.at >= since,
            )
        )
        or 0
    )


def check_login(
    *, session: Session, username: str, password: str, client: str, now: datetime
) -> LoginResult:
    """Check a sign-in and record the attempt (the caller commits either way)."""
    name = username.replace("\x00", "").strip()[:40]  # PostgreSQL text holds no NUL
    client = client.replace("\x00", "")[:64]
    since = now - LOGIN_WINDOW
    if (
        _failures(session, DashboardLoginAttempt.username, name, since) >= MAX_FAILURES_PER_USER
        or _failures(session, DashboardLoginAttempt.client, client, since)
        >= MAX_FAILURES_PER_CLIENT
    ):
        return LoginResult(None, 429, "登录失败次数过多，请 15 分钟后再试。")
    officer = session.scalar(select(DashboardOfficer).where(DashboardOfficer.username == name))
    ok = False
    try:
        ok = _hasher.verify(officer.password_hash if officer else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        ok = False
    ok = ok and officer is not None and officer.active
    session.add(DashboardLoginAttempt(username=name, client=client, ok=ok, at=now))
    # keep the attempts table small: a day is far more than the window needs
    session.execute(
        delete(DashboardLoginAttempt).where(DashboardLoginAttempt.at < now - timedelta(days=1))
    )
    if not ok or officer is None:
        return LoginResult(None, 401, "用户名或密码错误，或该账号已停用。")
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = hash_password(password)
    officer.last_login_at = now
    return LoginResult(officer, 200, "")


def open_session(*, session: Session, officer: DashboardOfficer, now: datetime) -> str:
    """A new session for ``officer``; returns the cookie value (shown to the browser only)."""
    cookie = secrets.token_urlsafe(32)
    session.add(
        DashboardSession(
            id=digest(cookie),
            officer_id=officer.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_TIMEOUT,
        )
    )
    session.execute(delete(DashboardSession).where(DashboardSession.expires_at < now))
    return cookie


@dataclass(frozen=True)
class SignedIn:
    officer_id: str
    username: str
    display_name: str
    role: str
    csrf_token: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_title(self) -> str:
        return ROLES.get(self.role, self.role)


def load_session(*, session: Session, cookie: str, now: datetime) -> SignedIn | None:
    """The signed-in officer of a cookie, or None when absent, expired, idle or disabled.
    A live session's idle clock restarts (written at most once a minute)."""
    if not cookie or len(cookie) > 100:
        return None
    row = session.get(DashboardSession, digest(cookie))
    if row is None:
        return None
    if row.expires_at <= now or row.last_seen_at + IDLE_TIMEOUT <= now:
        session.delete(row)
        return None
    officer = session.get(DashboardOfficer, row.officer_id)
    if officer is None or not officer.active:
        session.delete(row)
        return None
    if now - row.last_seen_at > timedelta(minutes=1):
        row.last_seen_at = now
    return SignedIn(
        officer_id=officer.id,
        username=officer.username,
        display_name=officer.display_name or officer.username,
        role=officer.role,
        csrf_token=row.csrf_token,
    )


def close_session(*, session: Session, cookie: str) -> None:
    if cookie:
        session.execute(delete(DashboardSession).where(DashboardSession.id == digest(cookie)))


def same_token(given: str, expected: str) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
