"""Request bodies: a size limit and zstd / gzip decoding, before FastAPI sees them."""

from __future__ import annotations

import json
import re
import zlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from villagedesk.server.core.compress import zstd_available

# A JSON escape of a UTF-16 surrogate. Pairs are fine (json decodes them into one character);
# a lone one cannot be encoded as UTF-8, so no database could store it.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def lone_surrogates(body: bytes) -> bool:
    """Does this JSON body hold a string with a lone surrogate? (Only parsed when an escape
    of one appears at all, which ordinary bodies never have.)"""
    if not _SURROGATE_ESCAPE.search(body):
        return False
    try:
        json.dumps(json.loads(body), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (ValueError, RecursionError):
        return False  # not JSON: FastAPI answers that with a 422
    return False


class _TooLarge(Exception):
    pass


def _unzstd(data: bytes, limit: int) -> bytes:
    """Unpack a zstd body, never more than ``limit`` bytes (a small body may unpack to a
    huge one); ValueError for a broken or cut stream."""
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(data)
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = reader.read(1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise _TooLarge
            parts.append(chunk)
        # the reader stops quietly at a cut: the whole frame must be there (bounded by now)
        check = zstandard.ZstdDecompressor().decompressobj()
        check.decompress(data)
        if not check.eof:
            raise ValueError("truncated zstd stream")
    except zstandard.ZstdError as exc:
        raise ValueError(str(exc)) from exc
    return b"".join(parts)


async def _refuse(send: Send, status: int, code: str, reason: str) -> None:
    body = json.dumps({"detail": {"code": code, "reason": reason}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyMiddleware:
    """Refuses bodies over ``max_bytes`` (413, before or after unpacking), undoes
    ``Content-Encoding: gzip`` or ``zstd`` (a broken stream is a 400), refuses other
    encodings (415) and text that is not Unicode (a lone surrogate escape, 422)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        try:
            if length is not None and int(length) > self.max_bytes:
                await _refuse(send, 413, "too_large", f"body over {self.max_bytes} bytes")
                return
        except ValueError:
            await _refuse(send, 400, "bad_length", "Content-Length is not a number")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _refuse(send, 413, "too_large", f"body over {self.max_bytes} bytes")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        encoding = headers.get(b"content-encoding", b"identity").strip().lower()
        if encoding == b"gzip":
            try:
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                body = inflater.decompress(body, self.max_bytes + 1)
                if len(body) > self.max_bytes or inflater.unconsumed_tail:
                    await _refuse(send, 413, "too_large", "body over the limit once unpacked")
                    return
                if not inflater.eof:
                    raise zlib.error("truncated gzip stream")
            except zlib.error as exc:
                await _refuse(send, 400, "bad_gzip", f"body is not valid gzip: {exc}")
                return
        elif encoding == b"zstd" and zstd_available():
            try:
                body = _unzstd(body, self.max_bytes)
            except _TooLarge:
                await _refuse(send, 413, "too_large", "body over the limit once unpacked")
                return
            except ValueError as exc:
                await _refuse(send, 400, "bad_zstd", f"body is not valid zstd: {exc}")
                return
        elif encoding not in (b"identity", b""):
            await _refuse(send, 415, "bad_encoding", "bodies may be zstd, gzip or uncompressed")
            return
        if lone_surrogates(body):
            await _refuse(send, 422, "bad_text", "text holds a lone UTF-16 surrogate")
            return
        new_headers: list[tuple[bytes, bytes]] = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": new_headers}, replay, send)
