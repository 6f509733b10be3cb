"""Plumbing of the dashboard pages: templates, security headers, the signed-in officer,
CSRF checks, and the errors that become pages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from villagedesk.domain.money import format_yuan
from villagedesk.server.dashboard import auth
from villagedesk.store.server_db import ServerDatabase

HERE = Path(__file__).resolve().parent
PREFIX = "/dashboard"
templates = Jinja2Templates(directory=str(HERE / "templates"))

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class SecurityHeadersMiddleware:
    """Adds the security headers to every answer under ``/dashboard`` (pages, errors,
    redirects, static files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _v in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                if path.startswith(PREFIX + "/static/"):
                    extra = [(k, v) for k, v in extra if k != b"cache-control"]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, add_headers)


class NeedLogin(Exception):
    """No live session: the browser goes to the login page."""


class PageError(Exception):
    """A refusal shown as a page: HTTP ``status`` with a reason in Chinese."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today(request: Request) -> date:
    """The dashboard's "today" (tests and screenshots pin it via ``app.state``)."""
    pinned: date | None = getattr(request.app.state, "dashboard_today", None)
    return pinned or utcnow().date()


def database(request: Request) -> ServerDatabase:
    db: ServerDatabase = request.app.state.db
    return db


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def signed_in(request: Request) -> auth.SignedIn:
    """The officer of this request's session (dependency); no session → login page."""
    cookie = request.cookies.get(auth.SESSION_COOKIE, "")
    if not cookie:
        raise NeedLogin()
    with database(request).read() as session:
        officer = auth.load_session(session=session, cookie=cookie, now=utcnow())
        if session.dirty or session.deleted:
            session.commit()
    if officer is None:
        raise NeedLogin()
    return officer


def require_admin(officer: auth.SignedIn) -> None:
    if not officer.is_admin:
        raise PageError(403, "此操作需要系统管理员权限。")


def check_csrf(officer: auth.SignedIn, token: str) -> None:
    if not auth.same_token(token, officer.csrf_token):
        raise PageError(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。")


def yuan(fen: int | None) -> str:
    return "—" if fen is None else format_yuan(fen, grouping=True)


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


templates.env.filters["yuan"] = yuan
templates.env.filters["percent"] = percent


def page(
    request: Request,
    name: str,
    officer: auth.SignedIn | None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {"officer": officer, "prefix": PREFIX, "path": request.url.path, **context},
        status_code=status_code,
    )


def see_other(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def error_page(request: Request, status: int, message: str) -> Response:
    officer = None
    try:
        officer = signed_in(request)
    except NeedLogin:
        officer = None
    return page(request, "error.html", officer, status_code=status, status=status, message=message)
