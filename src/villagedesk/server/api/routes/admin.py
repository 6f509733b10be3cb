"""``/admin/v1``: the county's own work — conflicts, duplicate cases, edits, moves."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from villagedesk.server.api.deps import clock, database, utcnow
from villagedesk.server.api.routes.sync import ERRORS
from villagedesk.server.core.security import require_admin
from villagedesk.sync import county
from villagedesk.sync.protocol import (
    ConflictInfo,
    ConflictList,
    CountyEdit,
    DuplicateList,
    MovePerson,
    ResolveRequest,
)

router = APIRouter(
    prefix="/admin/v1", tags=["admin"], dependencies=[Depends(require_admin)], responses=ERRORS
)


@router.get("/conflicts", response_model=ConflictList)
def conflicts(request: Request, status: str | None = None) -> ConflictList:
    with database(request).read() as session:
        return ConflictList(conflicts=county.list_conflicts(session=session, status=status))


@router.post("/conflicts/{conflict_id}/resolve", response_model=ConflictInfo)
def resolve(conflict_id: str, body: ResolveRequest, request: Request) -> ConflictInfo:
    with database(request).write() as session:
        return county.resolve_conflict(
            session=session,
            conflict_id=conflict_id,
            value=body.value,
            by=body.by,
            clock=clock(request),
            now=utcnow(),
        )


@router.get("/duplicates", response_model=DuplicateList)
def duplicates(request: Request) -> DuplicateList:
    with database(request).read() as session:
        return DuplicateList(cases=county.list_duplicates(session=session))


@router.patch("/rows/{table}/{row_id}", response_model=dict[str, int])
def edit_row(table: str, row_id: str, body: CountyEdit, request: Request) -> dict[str, int]:
    with database(request).write() as session:
        rev = county.county_edit(
            session=session,
            table=table,
            row_id=row_id,
            fields=body.fields,
            by=body.by,
            clock=clock(request),
        )
        return {"rev": rev}


@router.post("/persons/{person_id}/move", response_model=dict[str, int])
def move_person(person_id: str, body: MovePerson, request: Request) -> dict[str, int]:
    with database(request).write() as session:
        rev = county.county_edit(
            session=session,
            table="persons",
            row_id=person_id,
            fields={"village_code": body.village_code},
            by=body.by,
            clock=clock(request),
        )
        return {"rev": rev}
