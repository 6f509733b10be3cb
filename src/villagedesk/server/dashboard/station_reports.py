"""What each station tells the county as it syncs, for the Stations page: its client version
(``X-Villagedesk-Client``), how far it has pulled (so the county can count the changes
waiting for it) and the errors it was answered.

An ASGI middleware around ``/sync/v1/push`` and ``/sync/v1/pull``: it never changes a request
or an answer, and records after the answer has gone out, in a thread, swallowing its own
failures (the Stations page may lag; a sync never fails because of it). It writes once per
sync (the last pull page) and once per refused request, never per page.
"""

from __future__ import annotations

import json
import logging
import re
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

import anyio
from sqlalchemy import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from villagedesk.store.dashboard_models import StationReport
from villagedesk.store.server_db import ServerDatabase
from villagedesk.store.server_models import CountyStation
from villagedesk.sync.county import hash_secret
from villagedesk.sync.protocol import CLIENT_HEADER

log = logging.getLogger(__name__)
_WATCHED = ("/sync/v1/push", "/sync/v1/pull")
_CURSOR = re.compile(rb'"cursor"\s*:\s*"c:(\d+)"')
_LAST_PAGE = re.compile(rb'"has_more"\s*:\s*false')
_MAX_CAPTURE = 64 * 1024 * 1024


def record(
    *,
    db: ServerDatabase,
    secret: str,
    client_version: str,
    status: int,
    pull_seq: int | None,
    error: str,
    now: datetime,
) -> None:
    with db.write() as session:
        code = session.scalar(
            select(CountyStation.village_code).where(
                CountyStation.secret_hash == hash_secret(secret)
            )
        )
        if code is None:
            return
        report = session.get(StationReport, code)
        if report is None:
            report = StationReport(village_code=code, pull_seq=0, errors=0)
            session.add(report)
        report.client_version = client_version[:40]
        report.last_request_at = now
        if status < 400:
            report.last_ok_at = now
            if pull_seq is not None:
                report.pull_seq = pull_seq
        else:
            report.errors = (report.errors or 0) + 1
            report.last_error = f"{status} {error}"[:300]
            report.last_error_at = now


def _decoded(body: bytes, encoding: bytes) -> bytes:
    """The answer's JSON when the route compressed it itself (gzip or zstd)."""
    try:
        if encoding == b"gzip":
            return zlib.decompress(body, 16 + zlib.MAX_WBITS)
        if encoding == b"zstd":
            import zstandard

            return bytes(zstandard.ZstdDecompressor().decompressobj().decompress(body))
    except Exception:  # an answer we cannot read is simply not recorded
        return b""
    return body


def _reason(body: bytes) -> str:
    try:
        detail = json.loads(body).get("detail")
    except (ValueError, AttributeError):
        return ""
    if isinstance(detail, dict):
        return str(detail.get("reason") or detail.get("code") or "")
    return str(detail or "")


class StationReportMiddleware:
    def __init__(self, app: ASGIApp, db: Callable[[], ServerDatabase]) -> None:
        self.app = app
        self.db = db

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path not in _WATCHED:
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        auth = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, secret = auth.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            await self.app(scope, receive, send)
            return
        status = 0
        encoding = b""
        chunks: list[bytes] = []
        size = 0
        keep = path.endswith("/pull")

        async def watch(message: Message) -> None:
            nonlocal status, size, encoding
            if message["type"] == "http.response.start":
                status = int(message["status"])
                for k, v in message.get("headers", []):
                    if k.lower() == b"content-encoding":
                        encoding = v.strip().lower()
            elif message["type"] == "http.response.body" and (keep or status >= 400):
                body = message.get("body", b"")
                size += len(body)
                if size <= _MAX_CAPTURE:
                    chunks.append(body)
            await send(message)

        await self.app(scope, receive, watch)
        body = _decoded(b"".join(chunks), encoding)
        pull_seq: int | None = None
        if status < 400:
            # One write per sync, not per page: the pull that ends it (nothing more to
            # fetch). A push already stamps the station's last_seen_at at the county.
            if not keep or not _LAST_PAGE.search(body[-4096:]):
                return
            found = _CURSOR.findall(body[-4096:]) or _CURSOR.findall(body)
            pull_seq = int(found[-1]) if found else None
        error = _reason(body) if status >= 400 else ""
        try:
            await anyio.to_thread.run_sync(
                lambda: record(
                    db=self.db(),
                    secret=secret.strip(),
                    client_version=headers.get(CLIENT_HEADER.lower().encode(), b"").decode(
                        "latin-1"
                    ),
                    status=status,
                    pull_seq=pull_seq,
                    error=error,
                    now=datetime.now(UTC).replace(tzinfo=None),
                )
            )
        except Exception:  # never let the Stations page break a sync
            log.warning("could not record the station's sync report", exc_info=True)
