"""Issue 8 routes: the stations' audit upload (``POST /sync/v1/audit``), and for the county
admin: USB package import, audit verification, credential rotation and revocation."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from villagedesk.server.api.deps import check_versions, clock, database, utcnow
from villagedesk.server.api.routes.sync import ERRORS
from villagedesk.server.core.security import bearer, require_admin
from villagedesk.sync import county
from villagedesk.sync.audit_sync import (
    AuditReceipt,
    AuditUpload,
    AuditVerification,
    receive_audit,
    verify_station_audit,
)
from villagedesk.sync.stations import rotate_station
from villagedesk.sync.usb import UsbRefused, county_import

sync_router = APIRouter(
    prefix="/sync/v1", tags=["sync"], dependencies=[Depends(check_versions)], responses=ERRORS
)
admin_router = APIRouter(
    prefix="/admin/v1", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS
)

PACKAGE_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class UsbImportAnswer(BaseModel):
    status: str  # imported | already_imported
    village_code: str
    sequence: int
    applied: int
    duplicate: int
    conflicts: int
    held: int
    refused: int
    pulled: int
    audit: int
    audit_faults: int
    notes: list[str]
    answer_name: str
    answer: str = Field(description="the answer package file, base64")


class Rotation(BaseModel):
    village_code: str
    token: str
    immediate: bool


class Revocation(BaseModel):
    village_code: str
    status: str


@sync_router.post("/audit", response_model=AuditReceipt)
def upload_audit(body: AuditUpload, request: Request) -> AuditReceipt:
    """The station's audit entries the county has not seen yet (kept as sent, verified)."""
    with database(request).write() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        return receive_audit(
            session=session, village=station.village_code, entries=body.entries, now=utcnow()
        )


@admin_router.post("/usb/import", response_model=UsbImportAnswer, openapi_extra=PACKAGE_BODY)
async def usb_import(request: Request) -> UsbImportAnswer:
    """A station's USB outbox package (the file's bytes as the body): applied like a push;
    the answer package for the station comes back base64 in ``answer``."""
    data = await request.body()
    try:
        report, answer, name = county_import(
            db=database(request),
            data=data,
            clock=clock(request),
            now=utcnow(),
            snapshot_after=request.app.state.settings.snapshot_after,
        )
    except UsbRefused as exc:
        status = 403 if exc.code in ("station_revoked", "bad_signature", "wrong_key") else 422
        if exc.code in ("replay", "gap"):
            status = 409
        raise county.SyncRefused(status, exc.code, exc.reason) from exc
    return UsbImportAnswer(
        status=report.status,
        village_code=report.village_code,
        sequence=report.sequence,
        applied=report.applied,
        duplicate=report.duplicate,
        conflicts=report.conflicts,
        held=report.held,
        refused=report.refused,
        pulled=report.pulled,
        audit=report.audit,
        audit_faults=report.audit_faults,
        notes=report.notes,
        answer_name=name,
        answer=base64.b64encode(answer).decode(),
    )


@admin_router.get("/audit/{village_code}", response_model=AuditVerification)
def audit_verify(village_code: str, request: Request) -> AuditVerification:
    """Recompute a station's audit chain as the county holds it."""
    with database(request).read() as session:
        return verify_station_audit(session=session, village=village_code)


@admin_router.post("/stations/{village_code}/rotate", response_model=Rotation)
def rotate(village_code: str, request: Request, immediate: bool = False) -> Rotation:
    """A new one-time enrolment token; the old secret stops at re-enrolment (or now)."""
    with database(request).write() as session:
        token = rotate_station(
            session=session, village_code=village_code, now=utcnow(), immediate=immediate
        )
    return Rotation(village_code=village_code, token=token, immediate=immediate)


@admin_router.post("/stations/{village_code}/revoke", response_model=Revocation)
def revoke(village_code: str, request: Request) -> Revocation:
    """A stolen laptop: its credentials are refused from the next request on."""
    with database(request).write() as session:
        station = county.revoke_station(session=session, village_code=village_code)
        return Revocation(village_code=station.village_code, status=station.status)
