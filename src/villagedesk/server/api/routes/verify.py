"""``/verify/<token>``: the public page a certificate's QR code leads to.

No login: whoever holds the paper (a bank, an employer, the resident) may check it. The page
shows only what the paper itself carries (the signed facts hold a masked ID number), so it
reveals nothing the QR code does not. ``?format=json`` (or ``Accept: application/json``)
gives the same answer for programs.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from villagedesk.server.verification import VerificationResult, verify_printed

router = APIRouter(tags=["verify"])

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>凭证核验</title>
<style>
body{{font-family:"WenQuanYi Micro Hei","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
max-width:40em;margin:2em auto;padding:0 1em;color:#222}}
.verdict{{padding:1em;border-radius:6px;font-size:1.15em}}
.ok{{background:#e6f4ea;border:1px solid #34a853}}
.bad{{background:#fce8e6;border:1px solid #d93025}}
.unknown{{background:#fef7e0;border:1px solid #f9ab00}}
table{{border-collapse:collapse;margin-top:1em;width:100%}}
th,td{{text-align:left;padding:.4em;border-bottom:1px solid #ddd}} th{{width:12em;color:#555}}
form{{margin-top:2em}} input[type=text]{{width:70%}}
</style></head><body>
<h1>凭证核验</h1>
{body}
<form method="get" action="/verify"><label>粘贴二维码内容：
<input type="text" name="token" maxlength="4000"></label> <button type="submit">核验</button></form>
</body></html>"""


def _css_class(result: VerificationResult) -> str:
    if result.valid and result.outcome != "altered":
        return "ok"
    if result.outcome in ("no_key", "unknown_station", "unsupported"):
        return "unknown"
    return "bad"


def _html(result: VerificationResult | None) -> str:
    if result is None:
        return _PAGE.format(body="<p>请扫描凭证上的二维码，或把二维码内容粘贴到下方。</p>")
    rows: list[tuple[str, str]] = []
    if result.kind_title:
        rows.append(("凭证", result.kind_title))
    if result.serial:
        rows.append(("编号", result.serial))
    if result.reprint_of:
        rows.append(("补打自", result.reprint_of))
    if result.station_code:
        station = f"{result.station_name}（{result.station_code}）".strip()
        rows.append(("打印服务站", station))
    if result.printed_on:
        rows.append(("打印日期", result.printed_on))
    rows.extend(result.labelled_facts())
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    body = (
        f'<div class="verdict {_css_class(result)}" id="verdict">{escape(result.verdict)}</div>'
        + (f"<table>{table}</table>" if table else "")
    )
    return _PAGE.format(body=body)


def _wants_json(request: Request, fmt: str) -> bool:
    return fmt == "json" or "application/json" in request.headers.get("accept", "")


def _answer(request: Request, token: str | None, fmt: str) -> Response:
    result: VerificationResult | None = None
    if token:
        with request.app.state.db.read() as session:
            result = verify_printed(session, token)
    if _wants_json(request, fmt):
        if result is None:
            return JSONResponse(
                {"detail": {"code": "missing", "reason": "token: give the QR code's content"}},
                status_code=422,
            )
        return JSONResponse(result.as_json())
    return HTMLResponse(_html(result), headers={"Cache-Control": "no-store"})


@router.get("/verify", response_class=HTMLResponse)
def verify_form(
    request: Request,
    token: str | None = Query(default=None, max_length=4000),
    format: str = Query(default="html", pattern="^(html|json)$"),
) -> Response:
    return _answer(request, token, format)


@router.get("/verify/{token}", response_class=HTMLResponse)
def verify_token_page(
    request: Request,
    token: str,
    format: str = Query(default="html", pattern="^(html|json)$"),
) -> Response:
    return _answer(request, token, format)
