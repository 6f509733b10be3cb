"""Bearer credentials: stations (hashed secrets, see ``sync.county``) and the county admin."""

from __future__ import annotations

import hmac

from fastapi import Request

from villagedesk.sync.county import SyncRefused


def bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return ""
    return value.strip()


def require_admin(request: Request) -> None:
    expected: str = request.app.state.settings.admin_token
    if not expected:
        raise SyncRefused(403, "admin_disabled", "the county admin API is not configured")
    if not hmac.compare_digest(bearer(request).encode(), expected.encode()):
        raise SyncRefused(401, "bad_admin_token", "a valid county admin token is required")
