"""A fault-injecting HTTP/1.1 proxy on 127.0.0.1, driven by a seeded RNG.

Each request that passes through may be cut at one of three points:

- ``request``: only a random prefix of the request reaches the server (nothing is committed);
- ``commit``: the whole request reaches the server, which answers (so it has committed), and
  the connection to the client is closed before a byte of the answer is passed on;
- ``response``: the answer is cut after a random number of bytes.

Otherwise the exchange is passed on untouched. ``latency`` delays every request (a slow link),
which lets a test kill a process reliably in the middle of a sync. The proxy understands just
enough HTTP to find where a message ends (``Content-Length`` or chunked), so the cuts land
inside a given request or answer and the draws are the same from run to run.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import Counter
from types import TracebackType

KINDS = ("request", "commit", "response")


class _Closed(Exception):
    """The peer closed the connection between messages."""


class _Reader:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise _Closed
        self.buffer += chunk

    def until(self, delimiter: bytes) -> bytes:
        while delimiter not in self.buffer:
            self._fill()
        index = self.buffer.index(delimiter) + len(delimiter)
        data, self.buffer = self.buffer[:index], self.buffer[index:]
        return data

    def exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            self._fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def rest(self) -> bytes:
        """Everything until the peer closes (an answer without a length)."""
        with contextlib.suppress(_Closed):
            while True:
                self._fill()
        data, self.buffer = self.buffer, b""
        return data


def _read_message(reader: _Reader, *, request: bool, method: bytes = b"") -> tuple[bytes, bytes]:
    """One whole HTTP message as raw bytes, and its request method (requests only)."""
    head = reader.until(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    start = lines[0]
    headers: dict[bytes, bytes] = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name:
            headers[name.strip().lower()] = value.strip()
    if request:
        method = start.split(b" ", 1)[0].upper()
    else:
        status = int(start.split(b" ")[1])
        if method == b"HEAD" or status in (204, 304) or 100 <= status < 200:
            return head, method
    if b"chunked" in headers.get(b"transfer-encoding", b"").lower():
        body = b""
        while True:
            size_line = reader.until(b"\r\n")
            body += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:  # trailers, up to the empty line
                    line = reader.until(b"\r\n")
                    body += line
                    if line == b"\r\n":
                        return head + body, method
            body += reader.exact(size + 2)
    if b"content-length" in headers:
        return head + reader.exact(int(headers[b"content-length"])), method
    if request:
        return head, method
    return head + reader.rest(), method


class FaultProxy:
    """``FaultProxy(("127.0.0.1", port), seed=7, rate=0.3)``; ``url`` is where to connect.

    ``rate`` is the chance that a request is cut, at a point drawn among ``kinds``.
    ``counts`` tells how many exchanges passed and how many were cut at each point.
    """

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        seed: int = 0,
        rate: float = 0.0,
        kinds: tuple[str, ...] = KINDS,
        latency: float = 0.0,
    ) -> None:
        self.upstream = upstream
        self.rng = random.Random(seed)
        self.rate = rate
        self.kinds = kinds
        self.latency = latency
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="faultproxy", daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            for sock in list(self._sockets):
                _shut(sock)
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self,
        _t: type[BaseException] | None,
        _e: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def cuts(self) -> int:
        return sum(self.counts[kind] for kind in KINDS)

    # -- work ----------------------------------------------------------------------------------
    def _draw(self) -> tuple[str | None, float]:
        """The fault for the next request and where to cut (a fraction), under the lock so the
        sequence of draws depends only on the seed and the order of requests."""
        with self._lock:
            if self.rate <= 0 or self.rng.random() >= self.rate:
                return None, 0.0
            return self.rng.choice(self.kinds), self.rng.random()

    def _accept(self) -> None:
        self._listener.settimeout(0.05)  # to notice close() soon
        while not self._stop.is_set():
            try:
                client, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _track(self, sock: socket.socket) -> None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._sockets.add(sock)

    def _serve(self, client: socket.socket) -> None:
        self._track(client)
        upstream: socket.socket | None = None
        try:
            from_client = _Reader(client)
            while True:
                request, method = _read_message(from_client, request=True)
                if self.latency:
                    time.sleep(self.latency)
                fault, where = self._draw()
                if upstream is None:
                    upstream = socket.create_connection(self.upstream, timeout=120)
                    self._track(upstream)
                    from_server = _Reader(upstream)
                if fault == "request":
                    upstream.sendall(request[: int(len(request) * where)])
                    self._count("request")
                    return
                upstream.sendall(request)
                response, _ = _read_message(from_server, request=False, method=method)
                if fault == "commit":
                    self._count("commit")
                    return
                if fault == "response":
                    client.sendall(response[: int(len(response) * where)])
                    self._count("response")
                    return
                client.sendall(response)
                self._count("passed")
        except (_Closed, OSError, ValueError, IndexError):
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    _shut(sock)
                    with self._lock:
                        self._sockets.discard(sock)

    def _count(self, what: str) -> None:
        with self._lock:
            self.counts[what] += 1


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
