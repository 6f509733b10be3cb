"""The county dashboard: server-rendered pages for county officers under ``/dashboard``.

``install(app)`` adds the routes, the static files, the security headers, the station sync
reports and the error pages to the county server's FastAPI app.
"""

from __future__ import annotations

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


__all__ = ["install"]
