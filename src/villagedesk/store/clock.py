"""Hybrid logical clock: stamps that sort in causal order across stations and the county."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Stamps look like ``0001764238000123-00000-450422116201`` and sort as text.

    The physical part never goes backwards even if the laptop's clock does; the counter
    orders stamps within one millisecond; the node breaks ties between stations.
    """

    def __init__(self, node: str, *, wall_ms: Callable[[], int] = _wall_ms) -> None:
        self.node = node
        self._wall_ms = wall_ms
        self._last_ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> str:
        with self._lock:
            ms = self._wall_ms()
            if ms > self._last_ms:
                self._last_ms, self._counter = ms, 0
            else:
                self._counter += 1
            return self._format()

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen from elsewhere (or from this database at start-up)."""
        if not stamp:
            return
        ms_text, counter_text, _node = stamp.split("-", 2)
        ms, counter = int(ms_text), int(counter_text)
        with self._lock:
            if (ms, counter) > (self._last_ms, self._counter):
                self._last_ms, self._counter = ms, counter

    def _format(self) -> str:
        return f"{self._last_ms:016d}-{self._counter:05d}-{self.node}"
