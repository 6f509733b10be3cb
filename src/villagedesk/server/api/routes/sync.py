"""``/sync/v1``: enrol, push, pull, conflicts, counts (thin over ``sync.county``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from villagedesk.server.api.deps import check_versions, clock, database, utcnow
from villagedesk.server.core.security import bearer
from villagedesk.sync import county
from villagedesk.sync.protocol import (
    DOCUMENT_KEY_HEADER,
    PROTOCOL_VERSION,
    ConflictList,
    Counts,
    DuplicateList,
    EnrolRequest,
    EnrolResult,
    ErrorBody,
    PullPage,
    PullRequest,
    PushRequest,
    PushResult,
)

ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 409, 413, 415, 422, 426)
}
router = APIRouter(
    prefix="/sync/v1", tags=["sync"], dependencies=[Depends(check_versions)], responses=ERRORS
)


def _document_key(request: Request) -> str | None:
    """The station's document-signing public key, when its counter sent one."""
    return request.headers.get(DOCUMENT_KEY_HEADER)


@router.post("/enrol", response_model=EnrolResult)
def enrol(body: EnrolRequest, request: Request) -> EnrolResult:
    key = _document_key(request)
    if key:
        county.check_document_key(key)  # refused before the token is spent
    with database(request).write() as session:
        station, secret = county.enrol(session=session, token=body.token, now=utcnow())
        county.note_document_key(session=session, station=station, key=key)
        return EnrolResult(
            village_code=station.village_code,
            station_name=station.name,
            secret=secret,
            protocol=PROTOCOL_VERSION,
            schema_revision=request.app.state.schema_revision,
        )


@router.post("/push", response_model=PushResult)
def push(body: PushRequest, request: Request) -> Response:
    with database(request).write() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        county.note_document_key(session=session, station=station, key=_document_key(request))
        result = county.apply_push(
            session=session,
            station=station,
            mutations=body.mutations,
            clock=clock(request),
            now=utcnow(),
        )
    # written once here: FastAPI would dump, validate and dump again every per-mutation answer
    return Response(result.model_dump_json(), media_type="application/json")


@router.post("/pull", response_model=PullPage)
def pull(body: PullRequest, request: Request) -> Response:
    key = _document_key(request)
    with database(request).read() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        changed = county.document_key_changed(station, key)
        page = county.read_pull(
            session=session,
            station=station,
            cursor=body.cursor,
            limit=body.limit,
            snapshot_after=request.app.state.settings.snapshot_after,
        )
        if body.conflicts and not page.has_more:
            page.conflicts = county.list_conflicts(session=session, village=station.village_code)
    if changed:  # rare: a short write of its own, so a pull stays a read
        with database(request).write() as session:
            station = county.authenticate(session=session, secret=bearer(request))
            county.note_document_key(session=session, station=station, key=key)
    # ``conflicts`` only when asked for: an answer as a counter without the field expects it
    unasked = {"conflicts"} if page.conflicts is None else None
    return Response(page.model_dump_json(exclude=unasked), media_type="application/json")


@router.get("/conflicts", response_model=ConflictList)
def conflicts(request: Request) -> ConflictList:
    with database(request).read() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        return ConflictList(
            conflicts=county.list_conflicts(session=session, village=station.village_code)
        )


@router.get("/duplicates", response_model=DuplicateList)
def duplicates(request: Request) -> DuplicateList:
    """Duplicate-person cases this village is part of, with the county's decisions."""
    with database(request).read() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        return DuplicateList(
            cases=county.list_duplicates(session=session, village=station.village_code)
        )


@router.get("/counts", response_model=Counts)
def counts(request: Request, tables: str | None = None) -> Counts:
    """Per-table count and checksum of what this station may see; ``tables`` (comma-separated
    names) limits the answer to those tables."""
    names = None if tables is None else [t for t in tables.split(",") if t]
    with database(request).read() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        return county.station_counts(session=session, village=station.village_code, tables=names)
