"""``/sync/v1``: enrol, push, pull, conflicts, counts (thin over ``sync.county``)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from villagedesk.server.api.deps import check_versions, clock, database, utcnow
from villagedesk.server.core.security import bearer
from villagedesk.sync import county
from villagedesk.sync.protocol import (
    COMPACT_ANSWER,
    DOCUMENT_KEY_HEADER,
    MAX_BATCH,
    PROTOCOL_VERSION,
    PULL_COUNTS_HEADER,
    PULL_COUNTS_NONE,
    PULL_FORMAT_COLUMNS,
    PULL_FORMAT_HEADER,
    PUSH_ANSWER_HEADER,
    PUSH_FORMAT_COLUMNS,
    PUSH_FORMAT_HEADER,
    PUSH_FORMATS_HEADER,
    ConflictList,
    Counts,
    DuplicateList,
    EnrolRequest,
    EnrolResult,
    ErrorBody,
    Mutation,
    PullPage,
    PullRequest,
    PushColumns,
    PushRequest,
    PushResult,
)
from villagedesk.sync.push_columns import BadRun, mutations_of
from villagedesk.sync.tables import TABLE_ORDER, TABLES

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


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its ``$defs`` written in place (for ``openapi_extra``)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.rsplit("/", 1)[-1]])
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(schema)
    return result


# the push body is parsed by the route itself (see push); the document still describes it:
# a PushRequest, or a PushColumns with ``X-Villagedesk-Push-Format: columns``
_PUSH_BODY = {
    "parameters": [
        {
            "name": PUSH_FORMAT_HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string", "enum": [PUSH_FORMAT_COLUMNS]},
        }
    ],
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        _inline(PushRequest.model_json_schema()),
                        _inline(PushColumns.model_json_schema()),
                    ]
                }
            }
        },
    },
}
# said on push and pull answers: the push formats this county reads besides PushRequest
_FORMATS = {PUSH_FORMATS_HEADER: PUSH_FORMAT_COLUMNS}


async def _raw_body(request: Request) -> bytes:
    return await request.body()


def _mutations(raw: bytes, columns: bool) -> list[Mutation]:
    """The body's mutations, parsed once straight from the JSON text by pydantic (FastAPI
    would build a dict of every mutation and then validate it, on the event loop); refused
    as FastAPI would refuse it (422 with the errors). ``columns``: a PushColumns body."""
    model: type[PushRequest] | type[PushColumns] = PushColumns if columns else PushRequest
    body: PushRequest | PushColumns
    try:
        body = model.model_validate_json(raw)
    except ValidationError as fast:
        refusal = fast
    else:
        return _expanded(body)
    try:  # refused: the slow way once more, so the answer is the one FastAPI gave (e.g. a
        # payload nested too deep for pydantic's parser gets the county's own 422 reason)
        body = model.model_validate(json.loads(raw))
    except ValidationError as slow:
        refusal = slow
    except (ValueError, RecursionError):
        pass
    else:
        return _expanded(body)
    errors = refusal.errors(include_url=False, include_input=False, include_context=False)
    raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors])


def _expanded(body: PushRequest | PushColumns) -> list[Mutation]:
    if isinstance(body, PushRequest):
        return body.mutations
    try:
        return mutations_of(body, limit=MAX_BATCH)
    except BadRun as exc:
        raise county.SyncRefused(422, "bad_run", str(exc)) from exc


@router.post("/push", response_model=PushResult, openapi_extra=_PUSH_BODY)
def push(request: Request, raw: bytes = Depends(_raw_body)) -> Response:
    # the body's parse and the batch make many short-lived objects: no cyclic collections
    # over the whole server heap meanwhile (they took a large share of a push)
    with county.collector_paused():
        columns = request.headers.get(PUSH_FORMAT_HEADER, "").strip().lower()
        mutations = _mutations(raw, columns == PUSH_FORMAT_COLUMNS)
        with database(request).write() as session:
            station = county.authenticate(session=session, secret=bearer(request))
            key = _document_key(request)
            county.note_document_key(session=session, station=station, key=key)
            result = county.apply_push(
                session=session,
                station=station,
                mutations=mutations,
                clock=clock(request),
                now=utcnow(),
            )
        if request.headers.get(PUSH_ANSWER_HEADER, "").strip().lower() == COMPACT_ANSWER:
            result = result.compact()  # only what was not simply applied (protocol.py)
        # written once here: FastAPI would dump, validate and dump again every answer
        return Response(result.model_dump_json(), media_type="application/json", headers=_FORMATS)


_TABLE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _counts_asked(request: Request) -> list[str] | None:
    """The tables named in PULL_COUNTS_HEADER that this county has (None: not asked). A
    name it does not have (a newer counter's table) is left out: the counter asks ``GET
    /counts`` for what the page did not count, as with an older county. Anything but table
    names is a 400 before anything is read."""
    value = request.headers.get(PULL_COUNTS_HEADER)
    if value is None:
        return None
    names = [t.strip() for t in value.split(",")]
    asked = list(dict.fromkeys(t for t in names if t not in ("", PULL_COUNTS_NONE)))
    for name in asked:
        if not _TABLE_NAME.fullmatch(name):
            raise county.SyncRefused(
                400,
                "bad_header",
                f"{PULL_COUNTS_HEADER} must list table names separated by commas, "
                f"not {name[:40]!r}",
            )
    return [t for t in asked if t in TABLES]


@router.post("/pull", response_model=PullPage)
def pull(body: PullRequest, request: Request) -> Response:
    key = _document_key(request)
    asked = _counts_asked(request)
    with database(request).read() as session:
        station = county.authenticate(session=session, secret=bearer(request))
        changed = county.document_key_changed(station, key)
        page = county.read_pull(
            session=session,
            station=station,
            cursor=body.cursor,
            limit=body.limit,
            snapshot_after=request.app.state.settings.snapshot_after,
            compact=request.headers.get(PULL_FORMAT_HEADER, "") == PULL_FORMAT_COLUMNS,
        )
        if body.conflicts and not page.has_more:
            page.conflicts = county.list_conflicts(session=session, village=station.village_code)
        if asked is not None and not page.has_more:
            # in the read that made the page: the tables named plus those the page touches,
            # which the counter adds to its own comparison when it writes the page
            touched = page.touched(TABLE_ORDER) & set(TABLE_ORDER)
            page.counts = county.station_counts(
                session=session,
                village=station.village_code,
                tables=asked + [t for t in TABLE_ORDER if t in touched and t not in asked],
            )
    if changed:  # rare: a short write of its own, so a pull stays a read
        with database(request).write() as session:
            station = county.authenticate(session=session, secret=bearer(request))
            county.note_document_key(session=session, station=station, key=key)
    # ``conflicts``, ``blocks`` and ``counts`` only when asked for: an answer as a counter
    # without the field expects it (0.2.0 refuses fields it does not know)
    return Response(
        page.model_dump_json(exclude=page.unasked_keys()),
        media_type="application/json",
        headers=_FORMATS,
    )


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
