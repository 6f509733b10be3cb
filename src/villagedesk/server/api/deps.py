"""What every route needs: the database, the clock, and the version check."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request

from villagedesk.store.clock import HybridClock
from villagedesk.store.server_db import ServerDatabase
from villagedesk.sync.county import SyncRefused
from villagedesk.sync.protocol import (
    MIN_CLIENT_VERSION,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
)


def database(request: Request) -> ServerDatabase:
    db: ServerDatabase = request.app.state.db
    return db


def clock(request: Request) -> HybridClock:
    value: HybridClock = request.app.state.clock
    return value


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def check_versions(request: Request) -> None:
    """Every sync request names its protocol and schema; too old a client gets a 426 that
    names the release to install, a newer one than this server a 400."""
    raw = request.headers.get(PROTOCOL_HEADER)
    if raw is None or request.headers.get(SCHEMA_HEADER) is None:
        raise SyncRefused(
            400, "no_version", f"requests must carry {PROTOCOL_HEADER} and {SCHEMA_HEADER}"
        )
    try:
        protocol = int(raw)
    except ValueError as exc:
        raise SyncRefused(400, "bad_version", f"{PROTOCOL_HEADER} must be a number") from exc
    if protocol < MIN_PROTOCOL_VERSION:
        raise SyncRefused(
            426,
            "upgrade_required",
            f"this counter speaks sync protocol {protocol}; the county needs "
            f"{MIN_PROTOCOL_VERSION} or newer: install villagedesk {MIN_CLIENT_VERSION} or newer",
        )
    if protocol > PROTOCOL_VERSION:
        raise SyncRefused(
            400,
            "server_too_old",
            f"this county server speaks protocol {PROTOCOL_VERSION}; ask the county to update",
        )
