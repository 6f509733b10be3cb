"""uvicorn settings for several workers (imported only by ``villagedesk-server serve``)."""

from __future__ import annotations

import socket

import uvicorn


class TcpConfig(uvicorn.Config):
    """uvicorn makes the listening socket it shares between workers without naming the
    protocol (proto 0), and asyncio only sets TCP_NODELAY on sockets whose proto is TCP: every
    answer of a multi-worker server then waited ~40 ms for the client's delayed ACK (Nagle's
    algorithm). The workers get a socket that says it is TCP, so their connections are set
    TCP_NODELAY like a single worker's."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto == 0:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, sock.detach())
        return sock
