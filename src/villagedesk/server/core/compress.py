"""Compressed answers: zstd when the client accepts it (``Accept-Encoding: zstd``), else gzip.

zstd packs a pull page about as small as gzip -6 in a fraction of the time, and unpacks
several times faster at the counter. Without the ``zstandard`` package the county answers
with gzip only.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

try:
    import zstandard
except ImportError:  # pragma: no cover - zstandard is a dependency; gzip still works
    zstandard = None  # type: ignore[assignment]

ZSTD_LEVEL = 3


def zstd_available() -> bool:
    return zstandard is not None


def accepts_zstd(accept_encoding: str) -> bool:
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() == "zstd":
            q = params.strip()
            return not (q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"))
    return False


class CompressMiddleware:
    """zstd for clients that accept it, gzip (Starlette's GZipMiddleware) for the others."""

    def __init__(self, app: ASGIApp, minimum_size: int = 1000, gzip_level: int = 6) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=gzip_level)
        self.minimum_size = minimum_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if zstandard is None or not accepts_zstd(headers.get("accept-encoding", "")):
            await self.gzip(scope, receive, send)
            return
        await _ZstdResponder(self.app, self.minimum_size)(scope, receive, send)


class _ZstdResponder:
    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        self.app = app
        self.minimum_size = minimum_size
        self.send: Send = _unset
        self.start: Message | None = None
        self.compressing = False
        self.passthrough = False
        self.stream: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.send = send
        await self.app(scope, receive, self.on_send)

    async def on_send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            self.start = message
            headers = Headers(raw=message["headers"])
            self.passthrough = "content-encoding" in headers  # already encoded
            return
        body: bytes = message.get("body", b"")
        more: bool = message.get("more_body", False)
        if kind == "http.response.body" and self.compressing:
            await self.on_body(body, more)
            return
        if kind != "http.response.body" or self.start is None:
            await self.send(message)
            return
        start, self.start = self.start, None
        if self.passthrough or (not more and len(body) < self.minimum_size):
            await self.send(start)
            await self.send(message)
            self.passthrough = True  # the rest of this answer goes as it is
            return
        assert zstandard is not None
        headers = MutableHeaders(raw=start["headers"])
        headers["Content-Encoding"] = "zstd"
        headers.add_vary_header("Accept-Encoding")
        if not more:  # one piece (every sync answer): one frame with its size in the header
            packed = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body)
            headers["Content-Length"] = str(len(packed))
            await self.send(start)
            await self.send({"type": "http.response.body", "body": packed, "more_body": False})
            self.passthrough = True
            return
        del headers["Content-Length"]  # a stream (a download): packed as it goes
        self.stream = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compressobj()
        self.compressing = True
        await self.send(start)
        await self.on_body(body, more)

    async def on_body(self, body: bytes, more: bool) -> None:
        packed = self.stream.compress(body)
        if not more:
            packed += self.stream.flush()
        await self.send({"type": "http.response.body", "body": packed, "more_body": more})


async def _unset(_message: Message) -> None:  # pragma: no cover - replaced before use
    raise RuntimeError("no send")
