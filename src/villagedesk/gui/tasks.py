"""Background work that never freezes the window: a pool runs the job, results come back on
the main thread through signals. Tests use ``ImmediateTasks``, which runs jobs inline."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from villagedesk.gui.qt import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside a job when the clerk pressed Cancel."""


class TaskHandle(QObject):
    """What a job reports: progress (done, total, text), then finished(result) or failed(exc)."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def report(self, done: int, total: int, text: str = "") -> None:
        """Called from the job: emits progress and raises Cancelled if the clerk cancelled."""
        if self.cancelled:
            raise Cancelled()
        self.progress.emit(done, total, text)


Job = Callable[[TaskHandle], Any]


class _Runnable(QRunnable):
    def __init__(self, job: Job, handle: TaskHandle) -> None:
        super().__init__()
        self.job = job
        self.handle = handle

    def run(self) -> None:
        try:
            result = self.job(self.handle)
        except Exception as exc:
            exc.__dict__.setdefault("trace", traceback.format_exc())
            self.handle.failed.emit(exc)
        else:
            self.handle.finished.emit(result)


class Tasks:
    """Runs jobs on a pool; signals are queued to the receiver's (main) thread by Qt."""

    def __init__(self, *, max_threads: int = 2) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self._handles: set[TaskHandle] = set()

    def start(
        self,
        job: Job,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle()
        handle.finished.connect(on_done)
        handle.failed.connect(on_error)
        if on_progress is not None:
            handle.progress.connect(on_progress)
        self._handles.add(handle)
        handle.finished.connect(lambda _r: self._handles.discard(handle))
        handle.failed.connect(lambda _e: self._handles.discard(handle))
        self.pool.start(_Runnable(job, handle))
        return handle

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self.pool.waitForDone(msecs))


class ImmediateTasks(Tasks):
    """Runs each job inline, so a test sees its result before ``start`` returns."""

    def start(
        self,
        job: Job,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        handle = TaskHandle()
        if on_progress is not None:
            handle.progress.connect(on_progress)
        try:
            result = job(handle)
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)
        return handle
