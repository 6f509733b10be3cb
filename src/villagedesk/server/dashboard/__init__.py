"""The county dashboard: server-rendered pages for county officers under ``/dashboard``.

``install(app)`` adds the routes, the static files, the security headers, the station sync
reports and the error pages to the county server's FastAPI app.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from villagedesk.server.dashboard.station_reports import StationReportMiddleware
from villagedesk.server.dashboard.web import (
    HERE,
    PREFIX,
    NeedLogin,
    PageError,
    SecurityHeadersMiddleware,
    error_page,
    see_other,
    utcnow,
)
from villagedesk.store.server_db import ServerDatabase


def install(app: FastAPI) -> None:
    from fastapi.exception_handlers import http_exception_handler
    from fastapi.exceptions import RequestValidationError

    from villagedesk.server.dashboard.routes import router

    app.include_router(router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="dashboard-static")

    def db() -> ServerDatabase:
        value: ServerDatabase = app.state.db
        return value

    app.add_middleware(StationReportMiddleware, db=db)
    app.add_middleware(SecurityHeadersMiddleware)
    _refresh_in_background(app)

    @app.exception_handler(NeedLogin)
    def need_login(_request: Request, _exc: NeedLogin) -> Response:
        return see_other(f"{PREFIX}/login")

    @app.exception_handler(PageError)
    def page_error(request: Request, exc: PageError) -> Response:
        return error_page(request, exc.status, exc.message)

    previous_validation = app.exception_handlers.get(RequestValidationError)

    @app.exception_handler(RequestValidationError)
    async def invalid_form(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith(PREFIX + "/"):
            return error_page(request, 422, "提交的内容不符合要求（过长或缺少必填项）。")
        if previous_validation is not None:
            return await previous_validation(request, exc)  # type: ignore[no-any-return,misc]
        from fastapi.exception_handlers import request_validation_exception_handler

        return await request_validation_exception_handler(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(PREFIX + "/") and exc.status_code in (404, 405):
            return error_page(request, exc.status_code, "没有这个页面。")
        return await http_exception_handler(request, exc)


def _refresh_in_background(app: FastAPI) -> None:
    """While the server runs (its lifespan), keep the overview's per-village summary up to
    date in a background thread (``summary.Refresher``); every
    ``VILLAGEDESK_DASHBOARD_REFRESH_SECONDS`` (default 60, 0 = only when the overview is
    shown)."""
    from villagedesk.server.dashboard.summary import Refresher

    interval = float(os.environ.get("VILLAGEDESK_DASHBOARD_REFRESH_SECONDS", "60") or 0)
    previous = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        db: ServerDatabase = app.state.db
        refresher = Refresher(
            read=db.read,
            write=db.write,
            today=lambda: getattr(app.state, "dashboard_today", None) or utcnow().date(),
            now=utcnow,
            parallel=db.is_postgres,
            interval=interval,
        )
        refresher.start()
        app.state.dashboard_refresher = refresher  # the overview wakes it (routes._overview)
        try:
            async with previous(a) as state:
                yield state
        finally:
            app.state.dashboard_refresher = None
            refresher.stop()

    app.router.lifespan_context = lifespan


__all__ = ["install"]
