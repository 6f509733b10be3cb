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
    COMPACT_ANSWER,
    DOCUMENT_KEY_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    PULL_COUNTS_HEADER,
    PULL_COUNTS_NONE,
    PULL_FORMAT_COLUMNS,
    PULL_FORMAT_HEADER,
    PUSH_ANSWER_HEADER,
    PUSH_FORMAT_COLUMNS,
    PUSH_FORMAT_HEADER,
    PUSH_FORMATS_HEADER,
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

try:
    import zstandard
except ImportError:  # pragma: no cover - a dependency; without it the county gets gzip
    zstandard = None  # type: ignore[assignment]

RETRY_STATUS = frozenset({502, 503, 504})
GZIP_OVER = 1024  # bytes: smaller bodies are sent as they are
ZSTD_LEVEL = 3  # packs a push batch smaller than gzip -5, several times faster
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
        # passed with every request: a Session's own ``verify`` loses to REQUESTS_CA_BUNDLE /
        # CURL_CA_BUNDLE from the environment, a per-request value does not
        self.verify = verify
        self.http.verify = verify
        self.document_key = ""  # base64 public key sent in DOCUMENT_KEY_HEADER when set
        self.pull_conflicts = False  # ask for the village's conflicts with the last pull page
        self.bytes_sent = 0
        self.bytes_received = 0
        self.round_trips = 0
        self._schema = head_revision()
        # zstd bodies until the county says it cannot read them (415): then gzip
        self.zstd = zstandard is not None
        # the county reads column-wise push bodies: said by its answers (PUSH_FORMATS_HEADER)
        # and kept by the engine in sync_state for the next session
        self.push_columns = False

    def close(self) -> None:
        self.http.close()

    def _headers(self) -> dict[str, str]:
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            SCHEMA_HEADER: self._schema,
            CLIENT_HEADER: APP_VERSION,
            "Accept-Encoding": "zstd, gzip" if zstandard is not None else "gzip",
            "Content-Type": "application/json",
        }
        if self.secret:
            headers["Authorization"] = f"Bearer {self.secret}"
        if self.document_key:
            headers[DOCUMENT_KEY_HEADER] = self.document_key
        return headers

    def request(
        self,
        method: str,
        path: str,
        body: BaseModel | bytes | None,
        answer: type[T],
        *,
        extra: dict[str, str] | None = None,
    ) -> T:
        """Send ``body`` (a model, or JSON text already made) and read the answer as
        ``answer``; retried after a cut connection or a 502/503/504. ``extra``: more headers."""
        plain: bytes | None = None
        if body is not None:
            plain = body if isinstance(body, bytes) else body.model_dump_json().encode()
        headers, data = self._pack(plain, extra)
        url = self.base_url + path
        last: Exception | None = None
        attempt = 0
        while attempt <= self.retries:
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            attempt += 1
            try:
                response = self.http.request(
                    method,
                    url,
                    data=data,
                    headers=headers,
                    timeout=self.timeout,
                    verify=self.verify,
                )
                content = _unpack(response)
            except CUT as exc:
                last = exc
                continue
            if response.status_code == 415 and headers.get("Content-Encoding") == "zstd":
                self.zstd = False  # a county without zstd: gzip from now on, sent again
                headers, data = self._pack(plain, extra)
                attempt -= 1
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
            formats = response.headers.get(PUSH_FORMATS_HEADER)
            if formats is not None:
                self.push_columns = PUSH_FORMAT_COLUMNS in formats.replace(" ", "").split(",")
            try:
                return answer.model_validate_json(content)
            except ValidationError as exc:
                raise ServerFailed(f"{url} answered outside the protocol: {exc}") from exc
        if isinstance(last, ServerFailed):
            raise last
        raise Offline(f"cannot reach {self.base_url}: {last}")

    def _pack(
        self, plain: bytes | None, extra: dict[str, str] | None = None
    ) -> tuple[dict[str, str], bytes | None]:
        """Headers and the body as sent: zstd (or gzip) above GZIP_OVER bytes."""
        headers = {**self._headers(), **(extra or {})}
        if plain is None or len(plain) <= GZIP_OVER:
            return headers, plain
        if self.zstd and zstandard is not None:
            headers["Content-Encoding"] = "zstd"
            return headers, zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(plain)
        headers["Content-Encoding"] = "gzip"
        return headers, gzip.compress(plain, compresslevel=5)

    # -- the protocol ------------------------------------------------------------------
    def health(self) -> Health:
        return self.request("GET", "/healthz", None, Health)

    def enrol(self, token: str) -> EnrolResult:
        return self.request("POST", "/sync/v1/enrol", EnrolRequest(token=token), EnrolResult)

    def push(self, mutations: list[Mutation]) -> PushResult:
        return self.request("POST", "/sync/v1/push", PushRequest(mutations=mutations), PushResult)

    def push_json(self, body: bytes, *, compact: bool = True, columns: bool = False) -> PushResult:
        """Push a ``PushRequest`` already written as JSON (the outbox, without parsing and
        re-encoding every stored payload), or with ``columns`` a ``PushColumns``.
        ``compact``: ask for an answer that lists only the mutations not simply applied (a
        county that does not know the header answers in full, which reads the same way)."""
        extra = {PUSH_ANSWER_HEADER: COMPACT_ANSWER} if compact else {}
        if columns:
            extra[PUSH_FORMAT_HEADER] = PUSH_FORMAT_COLUMNS
        return self.request("POST", "/sync/v1/push", body, PushResult, extra=extra or None)

    def pull(
        self,
        cursor: str,
        limit: int,
        *,
        columns: bool = True,
        counts: Iterable[str] | None = None,
    ) -> PullPage:
        """One page after ``cursor``. ``columns``: ask for snapshot rows column-wise
        (``PullPage.blocks``); a county that does not know the header sends whole-row
        changes, which read the same way. ``counts``: ask for the counts of these tables and
        of the ones the page touches on the last page (``PullPage.counts``; None from a
        county that does not know the header)."""
        body = PullRequest(cursor=cursor, limit=limit, conflicts=self.pull_conflicts)
        extra = {PULL_FORMAT_HEADER: PULL_FORMAT_COLUMNS} if columns else {}
        if counts is not None:
            extra[PULL_COUNTS_HEADER] = ",".join(counts) or PULL_COUNTS_NONE
        return self.request("POST", "/sync/v1/pull", body, PullPage, extra=extra or None)

    def conflicts(self) -> ConflictList:
        return self.request("GET", "/sync/v1/conflicts", None, ConflictList)

    def counts(self, tables: Iterable[str] | None = None) -> Counts:
        """Per-table count and checksum of what this station may see (of ``tables`` only,
        when given; a county that cannot choose answers with all of them)."""
        query = f"?tables={','.join(tables)}" if tables is not None else ""
        return self.request("GET", "/sync/v1/counts" + query, None, Counts)

    def duplicates(self) -> DuplicateList:
        return self.request("GET", "/sync/v1/duplicates", None, DuplicateList)


def _unpack(response: requests.Response) -> bytes:
    """The answer's body; a zstd body is unpacked here (requests only knows gzip). A cut
    zstd stream counts as a cut connection: the request is sent again."""
    content = response.content
    if response.headers.get("content-encoding", "").strip().lower() != "zstd":
        return content
    if zstandard is None:  # pragma: no cover - never asked for without zstandard
        raise requests.exceptions.ContentDecodingError("zstd answer without zstandard")
    try:
        unpacker = zstandard.ZstdDecompressor().decompressobj()
        out = unpacker.decompress(content)
    except zstandard.ZstdError as exc:
        raise requests.exceptions.ContentDecodingError(f"broken zstd answer: {exc}") from exc
    if not unpacker.eof:
        raise requests.exceptions.ContentDecodingError("zstd answer cut short")
    return out


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
