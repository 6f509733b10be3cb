"""``/dashboard``: the county officers' web pages (server-rendered, Chinese)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from villagedesk.domain.categories import Confidence
from villagedesk.domain.errors import ValidationError
from villagedesk.domain.money import yuan_to_fen
from villagedesk.domain.policy import KNOWN_TABLES, PolicyRow, validate_policy_row
from villagedesk.server import verification
from villagedesk.server.dashboard import auth, matching, queries
from villagedesk.server.dashboard.export import overview_xlsx
from villagedesk.server.dashboard.labels import (
    CHANNEL,
    EMPLOYMENT,
    FIELDS,
    OUTCOME,
    PLACE,
    POLICY_TABLES,
    STATION_STATUS,
    TABLES,
    label,
    show,
)
from villagedesk.server.dashboard.publish import (
    AlreadyRegistered,
    BadTargets,
    publish_vacancy,
    put_policy_row,
    register_employer,
    set_vacancy_targets,
    withdraw_vacancy,
)
from villagedesk.server.dashboard.web import (
    PREFIX,
    PageError,
    check_csrf,
    client_address,
    database,
    page,
    require_admin,
    see_other,
    signed_in,
    today,
    utcnow,
)
from villagedesk.store.clock import HybridClock
from villagedesk.store.dashboard_models import MatchBatch
from villagedesk.store.models import Person, PolicyRowRecord
from villagedesk.store.server_models import CountyStation, HeldMutation
from villagedesk.sync import county
from villagedesk.sync.county import SyncRefused

router = APIRouter(prefix=PREFIX, include_in_schema=False)
Officer = Annotated[auth.SignedIn, Depends(signed_in)]
Csrf = Annotated[str, Form()]
SHOWN = 200  # open conflicts on one page, oldest first

DONE: dict[str, str] = {
    "resolved": "冲突已处理，结果将在该村下次同步时送达。",
    "decided": "重复人员已处理，结果将在相关村下次同步时送达。",
    "vacancy": "岗位已发布，所选的村将在下次同步时收到。",
    "targets": "发布范围已更改：新加入的村下次同步时收到该岗位，移出的村下次同步时删除。",
    "targets_kept": (
        "发布范围已更改；移出的村中已有居民被推荐到该岗位的，保留该岗位（推荐记录仍显示岗位名称）。"
    ),
    "withdrawn": "岗位已撤回（截止到昨天），收到该岗位的村将在下次同步时更新。",
    "employer": "用工单位已登记。",
    "policy": "政策参数已添加，各村将在下次同步时收到。",
    "published": "比对结果已发布，各村将在下次同步时收到并确认。",
    "discarded": "比对批次已作废。",
}


def _clock(request: Request) -> HybridClock:
    value: HybridClock = request.app.state.clock
    return value


def _refused(exc: SyncRefused) -> PageError:
    return PageError(exc.status if 400 <= exc.status < 500 else 409, exc.reason)


def _invalid(exc: ValidationError) -> PageError:
    return PageError(422, "；".join(f"{e.field}：{e.message}" for e in exc.errors))


def _done(request: Request) -> str:
    return DONE.get(request.query_params.get("done", ""), "")


# -- login ---------------------------------------------------------------------------------
def _login_page(
    request: Request, *, error: str = "", status_code: int = 200, username: str = ""
) -> HTMLResponse:
    token = request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")
    if not (20 <= len(token) <= 100):
        token = secrets.token_urlsafe(32)
    response = page(
        request,
        "login.html",
        None,
        status_code=status_code,
        csrf_token=token,
        error=error,
        username=username,
    )
    response.set_cookie(
        auth.LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=PREFIX,
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    if not auth.same_token(csrf_token, request.cookies.get(auth.LOGIN_CSRF_COOKIE, "")):
        return _login_page(
            request, error="登录表单已过期，请重新输入。", status_code=403, username=username
        )
    now = utcnow()
    with database(request).write() as session:
        result = auth.check_login(
            session=session,
            username=username,
            password=password,
            client=client_address(request),
            now=now,
        )
        cookie = (
            auth.open_session(session=session, officer=result.officer, now=now)
            if result.officer is not None
            else ""
        )
    if not cookie:
        return _login_page(
            request, error=result.reason, status_code=result.status, username=username[:40]
        )
    response = see_other(f"{PREFIX}/")
    response.set_cookie(
        auth.SESSION_COOKIE,
        cookie,
        max_age=int(auth.ABSOLUTE_TIMEOUT.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=PREFIX,
    )
    return response


@router.post("/logout")
def logout(request: Request, officer: Officer, csrf_token: Csrf = "") -> Response:
    check_csrf(officer, csrf_token)
    with database(request).write() as session:
        auth.close_session(session=session, cookie=request.cookies.get(auth.SESSION_COOKIE, ""))
    response = see_other(f"{PREFIX}/login")
    response.delete_cookie(auth.SESSION_COOKIE, path=PREFIX)
    return response


# -- overview ------------------------------------------------------------------------------
def _overview(request: Request, on: date) -> queries.Overview:
    db = database(request)
    cache = getattr(request.app.state, "dashboard_cache", None)
    if cache is None:
        cache = request.app.state.dashboard_cache = queries.OverviewCache()
    refresher = getattr(request.app.state, "dashboard_refresher", None)
    running = refresher is not None and refresher.running
    return queries.overview(
        read=db.read,
        write=db.write,
        on=on,
        now=utcnow(),
        parallel=db.is_postgres,
        cache=cache,
        # A whole-county pass (about twice the full computation) is never made in an
        # officer's request: with no refresher running (interval 0) such a view shows the
        # full computation, so the summary serves only where a refresher keeps it.
        wake=refresher.wake if running else _nobody_to_wake,
    )


def _nobody_to_wake() -> None:
    return None


def _bars(counts: dict[str, int], names: Any) -> list[tuple[str, int]]:
    return [(label(names, k), n) for k, n in sorted(counts.items(), key=lambda kv: -kv[1])]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, officer: Officer) -> HTMLResponse:
    view = _overview(request, today(request))
    return page(
        request,
        "overview.html",
        officer,
        view=view,
        employment=_bars(view.by_employment_status, EMPLOYMENT),
        channels=_bars(view.by_job_channel, CHANNEL),
        places=_bars(view.by_work_place, PLACE),
        outcomes=_bars(view.vacancies.referrals_by_outcome, OUTCOME),
    )


@router.get("/overview.xlsx")
def overview_export(request: Request, officer: Officer) -> Response:
    on = today(request)
    view = _overview(request, on)
    return Response(
        overview_xlsx(view),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="county-overview-{on}.xlsx"'},
    )


# -- stations ------------------------------------------------------------------------------
@router.get("/stations", response_class=HTMLResponse)
def stations(request: Request, officer: Officer) -> HTMLResponse:
    with database(request).read() as session:
        rows = queries.station_rows(session=session, now=utcnow())
    return page(
        request,
        "stations.html",
        officer,
        rows=rows,
        overdue_days=queries.OVERDUE_DAYS,
        statuses=STATION_STATUS,
    )


# -- conflicts and duplicates --------------------------------------------------------------
@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(request: Request, officer: Officer) -> HTMLResponse:
    with database(request).read() as session:
        every_open = county.list_conflicts(session=session, status="open")
        open_conflicts = every_open[:SHOWN]
        done_conflicts = county.list_conflicts(session=session, status="resolved")[-20:]
        cases = county.list_duplicates(session=session)
        ids = {c.row_id for c in open_conflicts} | {c.existing_person_id for c in cases}
        persons = {
            p.id: p for p in session.scalars(select(Person).where(Person.id.in_(sorted(ids))))
        }
        held: dict[str, dict[str, Any]] = {}
        for h in session.scalars(
            select(HeldMutation).where(
                HeldMutation.table_name == "persons",
                HeldMutation.case_id.in_([c.id for c in cases]),
            )
        ):
            held[h.case_id] = dict(h.payload.get("fields", {}))
    return page(
        request,
        "conflicts.html",
        officer,
        conflicts=open_conflicts,
        conflict_total=len(every_open),
        done_conflicts=list(reversed(done_conflicts)),
        cases=cases,
        persons=persons,
        held=held,
        fields=FIELDS,
        tables=TABLES,
        show=show,
        done=_done(request),
    )


@router.post("/conflicts/{conflict_id}/resolve")
def resolve_conflict(
    conflict_id: str,
    request: Request,
    officer: Officer,
    csrf_token: Csrf = "",
    choice: Annotated[str, Form(max_length=10)] = "",
    custom: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    check_csrf(officer, csrf_token)
    if choice not in ("village", "county", "custom"):
        raise PageError(422, "请选择采用村级值、县级值或填写新值。")
    try:
        with database(request).write() as session:
            found = [c for c in county.list_conflicts(session=session) if c.id == conflict_id]
            if not found:
                raise PageError(404, "没有这条冲突记录。")
            info = found[0]
            value: Any = {"village": info.village, "county": info.county}.get(choice, custom)
            county.resolve_conflict(
                session=session,
                conflict_id=conflict_id,
                value=value,
                by=officer.username,
                clock=_clock(request),
                now=utcnow(),
            )
    except SyncRefused as exc:
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/conflicts?done=resolved")


@router.post("/duplicates/{case_id}/decide")
def decide_duplicate(
    case_id: str,
    request: Request,
    officer: Officer,
    csrf_token: Csrf = "",
    decision: Annotated[str, Form(max_length=10)] = "",
    village_code: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    check_csrf(officer, csrf_token)
    if decision not in ("merge", "refuse"):
        raise PageError(422, "请选择“同一人，合并”或“不同人，退回”。")
    if decision == "refuse" and not reason.strip():
        raise PageError(422, "退回时请填写原因，村服务站将看到它。")
    code = village_code.strip() or None
    if code is not None and not (len(code) == 12 and code.isdigit()):
        raise PageError(422, "村代码应为 12 位数字。")
    try:
        with database(request).write() as session:
            county.decide_duplicate(
                session=session,
                case_id=case_id,
                decision=decision,
                village_code=code,
                reason=reason,
                by=officer.username,
                clock=_clock(request),
                now=utcnow(),
            )
    except SyncRefused as exc:
        raise _refused(exc) from exc
    except ValidationError as exc:
        raise _invalid(exc) from exc
    return see_other(f"{PREFIX}/conflicts?done=decided")


# -- data matching -------------------------------------------------------------------------
@router.get("/matching", response_class=HTMLResponse)
def matching_page(request: Request, officer: Officer) -> HTMLResponse:
    with database(request).read() as session:
        batches = list(
            session.scalars(select(MatchBatch).order_by(MatchBatch.created_at.desc()).limit(30))
        )
        answers = matching.confirmations(session=session, batch_ids=[b.id for b in batches])
    return page(
        request,
        "matching.html",
        officer,
        batches=batches,
        answers={b: matching.answers_total(rows) for b, rows in answers.items()},
        sources=matching.SOURCES,
        max_mb=matching.MAX_UPLOAD_BYTES // (1024 * 1024),
        done=_done(request),
    )


@router.post("/matching/upload")
async def matching_upload(
    request: Request,
    officer: Officer,
    file: Annotated[UploadFile, File()],
    csrf_token: Csrf = "",
    source: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    check_csrf(officer, csrf_token)
    if source not in matching.SOURCES:
        raise PageError(422, "请选择数据来源。")
    data = await file.read(matching.MAX_UPLOAD_BYTES + 1)
    filename = (file.filename or "")[:200]
    try:
        rows = matching.read_table(data, filename)
    except matching.ListError as exc:
        raise PageError(422 if len(data) <= matching.MAX_UPLOAD_BYTES else 413, str(exc)) from exc
    with database(request).write() as session:
        try:
            proposed, unmatched = matching.preview(
                session=session, source=source, rows=rows, today=today(request)
            )
        except matching.ListError as exc:
            raise PageError(422, str(exc)) from exc
        batch = matching.save_batch(
            session=session,
            source=source,
            filename=filename,
            proposed=proposed,
            unmatched=unmatched,
            by=officer.username,
            now=utcnow(),
        )
        batch_id = batch.id
    return see_other(f"{PREFIX}/matching/{batch_id}")


def _batch(session: Any, batch_id: str) -> MatchBatch:
    batch = session.get(MatchBatch, batch_id) if len(batch_id) <= 36 else None
    if batch is None:
        raise PageError(404, "没有这个比对批次。")
    assert isinstance(batch, MatchBatch)
    return batch


@router.get("/matching/{batch_id}", response_class=HTMLResponse)
def matching_batch(batch_id: str, request: Request, officer: Officer) -> HTMLResponse:
    with database(request).read() as session:
        batch = _batch(session, batch_id)
        names = dict(session.execute(select(CountyStation.village_code, CountyStation.name)).all())
        answers = matching.confirmations(session=session, batch_ids=[batch.id]).get(batch.id, [])
        disputes = matching.disputes(session=session, batch_id=batch.id)
    return page(
        request,
        "matching_batch.html",
        officer,
        batch=batch,
        answers=answers,
        answers_total=matching.answers_total(answers),
        disputes=disputes,
        source=matching.SOURCES.get(batch.source, batch.source),
        villages=matching.by_village(batch.changes),
        names=names,
        actions=matching.ACTIONS,
        done=_done(request),
    )


@router.post("/matching/{batch_id}/publish")
def matching_publish(
    batch_id: str, request: Request, officer: Officer, csrf_token: Csrf = ""
) -> Response:
    check_csrf(officer, csrf_token)
    require_admin(officer)
    try:
        with database(request).write() as session:
            batch = _batch(session, batch_id)
            matching.publish(
                session=session,
                batch=batch,
                by=officer.username,
                clock=_clock(request),
                now=utcnow(),
            )
    except matching.ListError as exc:
        raise PageError(409, str(exc)) from exc
    except SyncRefused as exc:
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/matching/{batch_id}?done=published")


@router.post("/matching/{batch_id}/discard")
def matching_discard(
    batch_id: str, request: Request, officer: Officer, csrf_token: Csrf = ""
) -> Response:
    check_csrf(officer, csrf_token)
    with database(request).write() as session:
        batch = _batch(session, batch_id)
        if batch.status != "preview":
            raise PageError(409, "该批次已发布或已作废。")
        batch.status = "discarded"
    return see_other(f"{PREFIX}/matching?done=discarded")


# -- vacancies and employers ---------------------------------------------------------------
@router.get("/vacancies", response_class=HTMLResponse)
def vacancies(request: Request, officer: Officer) -> HTMLResponse:
    on = today(request)
    with database(request).read() as session:
        rows = queries.vacancy_rows(session=session, on=on)
        employers = queries.employers(session=session)
        stations = county.list_stations(session=session)
    return page(
        request,
        "vacancies.html",
        officer,
        rows=rows,
        employers=employers,
        stations=stations,
        station_names={s.village_code: s.name for s in stations},
        outcomes=OUTCOME,
        default_until=(on + timedelta(days=60)).isoformat(),
        done=_done(request),
    )


@router.post("/employers")
def add_employer(
    request: Request,
    officer: Officer,
    csrf_token: Csrf = "",
    name: Annotated[str, Form(max_length=120)] = "",
    uscc: Annotated[str, Form(max_length=40)] = "",
    contact: Annotated[str, Form(max_length=60)] = "",
    phone: Annotated[str, Form(max_length=30)] = "",
    address: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    check_csrf(officer, csrf_token)
    try:  # the service checks the fields (SyncRefused 422 names the field and the rule)
        with database(request).write() as session:
            register_employer(
                session=session,
                fields={
                    "name": name,
                    "uscc": uscc,
                    "contact": contact,
                    "phone": phone,
                    "address": address,
                },
                by=officer.username,
                clock=_clock(request),
            )
    except AlreadyRegistered as exc:
        raise PageError(409, "该统一社会信用代码的单位已登记。") from exc
    except SyncRefused as exc:
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/vacancies?done=employer")


def _fen(text: str, what: str) -> int:
    try:
        fen = yuan_to_fen(text)
    except (ValueError, TypeError) as exc:
        raise PageError(422, f"{what}应为金额（元）。") from exc
    if not 0 <= fen <= 100_000_000:
        raise PageError(422, f"{what}超出范围。")
    return fen


@router.post("/vacancies")
async def vacancy_publish(request: Request, officer: Officer) -> Response:
    form = await request.form(max_files=0, max_fields=2000)
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(officer, text.get("csrf_token", ""))
    post = text.get("post", "").strip()
    if not post or len(post) > 100:
        raise PageError(422, "请填写岗位名称（100 字以内）。")
    try:
        count = int(text.get("count", ""))
    except ValueError as exc:
        raise PageError(422, "招聘人数应为整数。") from exc
    if not 1 <= count <= 100_000:
        raise PageError(422, "招聘人数应在 1 到 100000 之间。")
    wage_min = _fen(text.get("wage_min", ""), "最低月工资")
    wage_max = _fen(text.get("wage_max", ""), "最高月工资")
    if wage_max < wage_min:
        raise PageError(422, "最高月工资不能低于最低月工资。")
    try:
        until = date.fromisoformat(text.get("valid_until", ""))
    except ValueError as exc:
        raise PageError(422, "有效期应为日期（YYYY-MM-DD）。") from exc
    on = today(request)
    if until < on or until > on + timedelta(days=730):
        raise PageError(422, "有效期应在今天到两年之内。")
    place = text.get("place", "").strip()
    requirements = text.get("requirements", "").strip()
    if len(place) > 120 or len(requirements) > 2000:
        raise PageError(422, "工作地点或要求过长。")
    villages = _chosen_villages(form)
    try:
        with database(request).write() as session:
            publish_vacancy(
                session=session,
                fields={
                    "employer_id": text.get("employer_id", ""),
                    "post": post,
                    "count": count,
                    "wage_min_fen": wage_min,
                    "wage_max_fen": wage_max,
                    "place": place,
                    "requirements": requirements,
                    "valid_until": until.isoformat(),
                },
                villages=villages,
                by=officer.username,
                clock=_clock(request),
                now=utcnow(),
            )
    except BadTargets as exc:
        raise _bad_targets(exc) from exc
    except SyncRefused as exc:
        if exc.code == "unknown_employer":
            raise PageError(422, "用工单位：请选择已登记的用工单位。") from exc
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/vacancies?done=vacancy")


def _chosen_villages(form: Any) -> list[str] | None:
    """The form's publishing range: None for every village, else the ticked villages."""
    scope = form.get("scope", "all")
    if scope not in ("all", "chosen"):
        raise PageError(422, "发布范围：应为“全部村”或“指定村”。")
    if scope == "all":
        return None
    return sorted({v.strip() for v in form.getlist("villages") if isinstance(v, str)})


def _bad_targets(exc: BadTargets) -> PageError:
    if exc.rule == "none_chosen":
        return PageError(422, "发布范围：请至少选择一个村，或选择“全部村”。")
    if exc.rule == "unknown_village":
        shown = "、".join(v[:12] for v in exc.villages[:5])
        return PageError(422, f"发布范围：所选村中有未登记的服务站（{shown}）。")
    if exc.rule == "closed":
        return PageError(409, "该岗位已截止，无需再撤回。")
    return PageError(404, "没有这个岗位，或它已被删除。")


@router.post("/vacancies/{vacancy_id}/targets")
async def vacancy_targets(vacancy_id: str, request: Request, officer: Officer) -> Response:
    form = await request.form(max_files=0, max_fields=2000)
    token = form.get("csrf_token", "")
    check_csrf(officer, token if isinstance(token, str) else "")
    try:
        with database(request).write() as session:
            change = set_vacancy_targets(
                session=session,
                vacancy_id=vacancy_id,
                villages=_chosen_villages(form),
                by=officer.username,
                clock=_clock(request),
                now=utcnow(),
            )
    except BadTargets as exc:
        raise _bad_targets(exc) from exc
    done = "targets_kept" if change.kept else "targets"
    return see_other(f"{PREFIX}/vacancies?done={done}")


@router.post("/vacancies/{vacancy_id}/withdraw")
def vacancy_withdraw(
    vacancy_id: str, request: Request, officer: Officer, csrf_token: Csrf = ""
) -> Response:
    check_csrf(officer, csrf_token)
    try:
        with database(request).write() as session:
            withdraw_vacancy(
                session=session,
                vacancy_id=vacancy_id,
                by=officer.username,
                clock=_clock(request),
                today=today(request),
            )
    except BadTargets as exc:
        raise _bad_targets(exc) from exc
    except SyncRefused as exc:
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/vacancies?done=withdrawn")


# -- policy tables -------------------------------------------------------------------------
@router.get("/policy", response_class=HTMLResponse)
def policy(request: Request, officer: Officer) -> HTMLResponse:
    with database(request).read() as session:
        rows = list(
            session.scalars(
                select(PolicyRowRecord)
                .where(PolicyRowRecord.deleted.is_(False))
                .order_by(
                    PolicyRowRecord.table,
                    PolicyRowRecord.key,
                    PolicyRowRecord.scope,
                    PolicyRowRecord.effective_from,
                )
            )
        )
    return page(
        request,
        "policy.html",
        officer,
        rows=rows,
        tables=sorted(KNOWN_TABLES),
        names=POLICY_TABLES,
        done=_done(request),
    )


@router.post("/policy")
def add_policy_row(
    request: Request,
    officer: Officer,
    csrf_token: Csrf = "",
    table: Annotated[str, Form(max_length=40)] = "",
    key: Annotated[str, Form(max_length=40)] = "",
    scope: Annotated[str, Form(max_length=12)] = "",
    effective_from: Annotated[str, Form(max_length=20)] = "",
    value: Annotated[str, Form(max_length=4000)] = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    import json

    check_csrf(officer, csrf_token)
    require_admin(officer)
    try:
        start = date.fromisoformat(effective_from)
    except ValueError as exc:
        raise PageError(422, "生效日期应为日期（YYYY-MM-DD）。") from exc
    try:
        parsed = json.loads(value, parse_float=lambda s: s)
    except ValueError as exc:
        raise PageError(422, '参数值应为 JSON 对象，如 {"amount_fen": 10000}。') from exc
    if not isinstance(parsed, dict):
        raise PageError(422, "参数值应为 JSON 对象。")
    row = PolicyRow(
        table=table,
        effective_from=start,
        key=key.strip(),
        scope=scope.strip(),
        value=parsed,
        confidence=Confidence.LOCAL,
        note=note.strip(),
    )
    try:
        validate_policy_row(row)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    try:
        with database(request).write() as session:
            put_policy_row(session=session, row=row, by=officer.username, clock=_clock(request))
    except SyncRefused as exc:
        raise _refused(exc) from exc
    return see_other(f"{PREFIX}/policy?done=policy")


# -- verify --------------------------------------------------------------------------------
@router.get("/verify", response_class=HTMLResponse)
def verify(request: Request, officer: Officer, token: str = "") -> HTMLResponse:
    token = token.strip()
    result = None
    if token:
        if len(token) > verification.MAX_TOKEN_CHARS:
            raise PageError(422, "凭证码过长，不是本系统打印的凭证。")
        with database(request).read() as session:
            result = verification.verify_printed(session, token)
    return page(request, "verify.html", officer, token=token, result=result)
