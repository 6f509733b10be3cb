from __future__ import annotations

from fastapi import APIRouter, Request

from villagedesk.sync.protocol import APP_VERSION, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz(request: Request) -> Health:
    return Health(
        status="ok",
        protocol=PROTOCOL_VERSION,
        min_protocol=MIN_PROTOCOL_VERSION,
        schema_revision=request.app.state.schema_revision,
        version=APP_VERSION,
    )
