"""HTTP client of the county server: a requests Session with timeouts, retries with backoff,
gzip bodies, byte counting and a progress hook. Pushing is idempotent by mutation id, so every
request may be retried after a cut connection.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from villagedesk.store.migrate import head_revision
from villagedesk.sync.protocol import (
    APP_VERSION,
    CLIENT_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_HEADER,
    ConflictList,
    Counts,
    DuplicateList,
    EnrolRequest,
    EnrolResult,
    Health,
    Mutation,
    PullPage,
    PullRequest,
    PushRequest,
    PushResult,
)

T = TypeVar("T", bound=BaseModel)
Progress = Callable[[str, int, int], None]  # stage, done, total (0 = unknown)

RETRY_STATUS = frozenset({502, 503, 504})
GZIP_OVER = 1024  # bytes: smaller bodies are sent as they are
# A connection cut before, during or after the request; an answer cut in its body (an
# incomplete read, or a gzip stream that ends early). Every request may simply be sent again.
CUT = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
    requests.exceptions.ContentDecodingError,
)


class SyncError(Exception):
    """Base of the errors a sync can end with."""


class Offline(SyncError):
    """The county could not be reached (after the retries)."""


class Refused(SyncError):
    """The county answered 4xx: nothing was written; ``code`` and ``reason`` say why."""

    def __init__(self, status: int, code: str, reason: str, detail: dict[str, Any]) -> None:
        super().__init__(f"{status} {code}: {reason}")
        self.status = status
        self.code = code
        self.reason = reason
        self.detail = detail


class ServerFailed(SyncError):
    """The county answered 5xx, or an answer that is not the protocol."""


class SyncClient:
    def __init__(
        self,
        base_url: str,
        *,
        secret: str = "",
        timeout: tuple[float, float] = (5.0, 120.0),
        retries: int = 4,
        backoff: float = 0.5,
        verify: bool | str = True,
        progress: Progress | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.secret = secret
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.progress = progress
        self.sleep = sleep
        self.http = session or requests.Session()
        self.http.verify = verify
        self.bytes_sent = 0
        self.bytes_received = 0
        self.round_trips = 0
        self._schema = head_revision()

    def close(self) -> None:
        self.http.close()

    def _headers(self) -> dict[str, str]:
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: self._schema,
            CLIENT_HEADER: APP_VERSION,
            "Accept-Encoding": "gzip",
            "Content-Type": "application/json",
        }
        if self.secret:
            headers["Authorization"] = f"Bearer {self.secret}"
        return headers

    def request(self, method: str, path: str, body: BaseModel | None, answer: type[T]) -> T:
        headers = self._headers()
        data: bytes | None = None
        if body is not None:
            data = body.model_dump_json().encode()
            if len(data) > GZIP_OVER:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        url = self.base_url + path
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.http.request(
                    method, url, data=data, headers=headers, timeout=self.timeout
                )
                content = response.content
            except CUT as exc:
                last = exc
                continue
            self.round_trips += 1
            self.bytes_sent += len(data or b"")
            wire = response.headers.get("content-length")
            self.bytes_received += int(wire) if wire and wire.isdigit() else len(content)
            if response.status_code in RETRY_STATUS:
                last = ServerFailed(f"{response.status_code} from {url}")
                continue
            if 400 <= response.status_code < 500:
                raise _refused(response.status_code, content)
            if response.status_code >= 300:
                raise ServerFailed(f"{response.status_code} from {url}: {content[:200]!r}")
            try:
                return answer.model_validate_json(content)
            except ValidationError as exc:
                raise ServerFailed(f"{url} answered outside the protocol: {exc}") from exc
        if isinstance(last, ServerFailed):
            raise last
        raise Offline(f"cannot reach {self.base_url}: {last}")

    # -- the protocol ------------------------------------------------------------------
    def health(self) -> Health:
        return self.request("GET", "/healthz", None, Health)

    def enrol(self, token: str) -> EnrolResult:
        return self.request("POST", "/sync/v1/enrol", EnrolRequest(token=token), EnrolResult)

    def push(self, mutations: list[Mutation]) -> PushResult:
        return self.request("POST", "/sync/v1/push", PushRequest(mutations=mutations), PushResult)

    def pull(self, cursor: str, limit: int) -> PullPage:
        return self.request(
            "POST", "/sync/v1/pull", PullRequest(cursor=cursor, limit=limit), PullPage
        )

    def conflicts(self) -> ConflictList:
        return self.request("GET", "/sync/v1/conflicts", None, ConflictList)

    def counts(self, tables: Iterable[str] | None = None) -> Counts:
        """Per-table count and checksum of what this station may see (of ``tables`` only,
        when given; a county that cannot choose answers with all of them)."""
        query = f"?tables={','.join(tables)}" if tables is not None else ""
        return self.request("GET", "/sync/v1/counts" + query, None, Counts)

    def duplicates(self) -> DuplicateList:
        return self.request("GET", "/sync/v1/duplicates", None, DuplicateList)


def _refused(status: int, content: bytes) -> Refused:
    import json

    detail: dict[str, Any] = {}
    try:
        parsed = json.loads(content)
        if isinstance(parsed, dict) and isinstance(parsed.get("detail"), dict):
            detail = parsed["detail"]
        elif isinstance(parsed, dict):
            detail = {"code": "invalid", "reason": str(parsed.get("detail"))[:500]}
    except ValueError:
        detail = {"code": "http", "reason": content[:200].decode(errors="replace")}
    return Refused(status, str(detail.get("code", "http")), str(detail.get("reason", "")), detail)
