"""``create_app(db_url)``: the county server's FastAPI application."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import event, func, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError

from villagedesk.domain.errors import ValidationError
from villagedesk.server.api.routes import admin, health, sync, updates, verify
from villagedesk.server.core.body import BodyMiddleware
from villagedesk.server.core.compress import CompressMiddleware
from villagedesk.server.core.config import Settings
from villagedesk.server.dashboard import install as install_dashboard
from villagedesk.store.clock import HybridClock
from villagedesk.store.migrate import current_revision, head_revision
from villagedesk.store.server_db import ServerDatabase
from villagedesk.store.server_models import ChangeLogEntry
from villagedesk.sync.county import COUNTY_NODE, SyncRefused
from villagedesk.sync.protocol import APP_VERSION


def _error(status: int, code: str, reason: str, **extra: object) -> JSONResponse:
    return JSONResponse({"detail": {"code": code, "reason": reason, **extra}}, status_code=status)


def _custom_plans(dbapi_connection: Any, _record: Any) -> None:
    """psycopg prepares a statement after a few runs, and PostgreSQL may then keep one generic
    plan for it, made while the county was still empty: a sequential scan. The push's lookups
    of ID numbers and rows then slowed down with every batch (seconds per batch at 100,000
    persons). Planning each statement for its values keeps the indexes in use."""
    dbapi_connection.prepare_threshold = None


def create_app(db_url: str | None = None, *, settings: Settings | None = None) -> FastAPI:
    """The app over an already migrated database (``villagedesk-server migrate``)."""
    settings = settings or Settings.from_env(db_url)
    db = ServerDatabase(settings.db_url)
    if db.is_postgres:
        event.listen(db.engine, "connect", _custom_plans)
    schema = current_revision(db.engine)
    if schema != head_revision():
        raise RuntimeError(
            f"county database is at schema {schema}, this server needs {head_revision()}: "
            "run `villagedesk-server migrate`"
        )
    clock = HybridClock(COUNTY_NODE)
    with db.read() as session:
        last = session.scalar(select(func.max(ChangeLogEntry.hlc)))
    clock.observe(last or "")

    app = FastAPI(
        title="villagedesk county server",
        version=APP_VERSION,
        description="Village ⇄ county sync (/sync/v1) and the county's admin API (/admin/v1).",
    )
    app.state.db = db
    app.state.clock = clock
    app.state.settings = settings
    app.state.schema_revision = schema
    app.include_router(health.router)
    app.include_router(sync.router)
    app.include_router(admin.router)
    from villagedesk.server.api.routes import usb

    app.include_router(usb.sync_router)
    app.include_router(usb.admin_router)
    app.include_router(updates.router)
    install_dashboard(app)  # /dashboard: the county officers' pages
    app.include_router(verify.router)
    # level 6: a 1,000-row pull page packs 2.5x faster than at 9 for 4 % more bytes
    # zstd for counters that accept it (protocol 2), gzip for everyone else
    app.add_middleware(CompressMiddleware, minimum_size=1000, gzip_level=6)
    app.add_middleware(BodyMiddleware, max_bytes=settings.max_body_bytes)

    @app.exception_handler(SyncRefused)
    def refused(_request: Request, exc: SyncRefused) -> JSONResponse:
        extra: dict[str, object] = {}
        if exc.index is not None:
            extra["index"] = exc.index
        if exc.status == 426:
            from villagedesk.sync.protocol import MIN_CLIENT_VERSION

            extra["min_client_version"] = MIN_CLIENT_VERSION
        return _error(exc.status, exc.code, exc.reason, **extra)

    @app.exception_handler(ValidationError)
    def invalid(_request: Request, exc: ValidationError) -> JSONResponse:
        reason = "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
        return _error(422, "invalid", reason)

    @app.exception_handler(IntegrityError)
    def integrity(_request: Request, exc: IntegrityError) -> JSONResponse:
        return _error(409, "integrity", f"refused by the database: {exc.orig}")

    @app.exception_handler(DataError)
    def data_error(_request: Request, exc: DataError) -> JSONResponse:
        return _error(422, "bad_value", f"refused by the database: {exc.orig}")

    @app.exception_handler(UnicodeEncodeError)
    def not_unicode(_request: Request, _exc: UnicodeEncodeError) -> JSONResponse:
        # a lone surrogate in a path or query parameter: no database can store or search it
        return _error(422, "bad_text", "text holds a character that is not Unicode")

    @app.exception_handler(OverflowError)
    def overflow(_request: Request, _exc: OverflowError) -> JSONResponse:
        # a number too large for the database's integers (SQLite raises before sending it)
        return _error(422, "bad_value", "a number is out of range")

    @app.exception_handler(OperationalError)
    def busy(_request: Request, exc: OperationalError) -> JSONResponse:
        return _error(503, "busy", f"the county database is busy, retry: {exc.orig}")

    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (each worker builds its own app)."""
    return create_app(os.environ.get("VILLAGEDESK_SERVER_DB"))
