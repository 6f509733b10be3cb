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
    DuplicateDecision,
    DuplicateInfo,
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


@router.post("/duplicates/{case_id}/decide", response_model=DuplicateInfo)
def decide_duplicate(case_id: str, body: DuplicateDecision, request: Request) -> DuplicateInfo:
    """Same person (merge into the existing one, in the village chosen) or different people
    (refuse the second registration back to its station with a reason)."""
    with database(request).write() as session:
        return county.decide_duplicate(
            session=session,
            case_id=case_id,
            decision=body.decision,
            village_code=body.village_code,
            keep_held=body.keep_held,
            reason=body.reason,
            by=body.by,
            clock=clock(request),
            now=utcnow(),
        )


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
        rev = county.move_person(
            session=session,
            person_id=person_id,
            village_code=body.village_code,
            household_id=body.household_id,
            by=body.by,
            clock=clock(request),
        )
        return {"rev": rev}
