"""Work off the UI thread as ``QRunnable`` tasks (napari's workers, style.md §2.7).

A :class:`Task` runs one plain function on a small dedicated :class:`QThreadPool` and reports through
its :class:`TaskSignals`: ``returned(result)``, ``errored(KycDeskError)``, ``finished()``. The function
gets no Qt object and returns a frozen value (a record, a face match), never a widget.

Anything that is not a :class:`~kyc_desk.errors.KycDeskError` is a bug: it is logged with its traceback
and reported to the window as a generic internal error, so the user never sees a traceback and the
window keeps working.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from kyc_desk.errors import KycDeskError

log = logging.getLogger(__name__)


class InternalError(KycDeskError):
    """A bug below the window; details are in the log file only."""

    default_ja = "内部エラーが発生しました。詳細はログファイルに記録されました。"


class TaskSignals(QObject):
    """What a task reports (queued to the receiver's thread)."""

    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class Task(QRunnable):
    """Run ``fn()`` on a pool thread; connect to :attr:`signals` before starting."""

    def __init__(self, name: str, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.name = name
        self._fn = fn
        self.signals = TaskSignals()
        self.setAutoDelete(False)  # TaskRunner keeps it until finished, then drops it

    def run(self) -> None:
        try:
            result = self._fn()
        except KycDeskError as exc:
            log.info("task %s failed: %s", self.name, type(exc).__name__)
            self.signals.errored.emit(exc)
        except Exception:
            log.exception("task %s: internal error", self.name)
            self.signals.errored.emit(InternalError("internal error; the details are in the log file"))
        else:
            self.signals.returned.emit(result)
        finally:
            self.signals.finished.emit()


class TaskRunner(QObject):
    """A small dedicated pool (face work and database calls), so card and UI threads are never starved."""

    def __init__(self, threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[Task] = set()

    def start(
        self,
        name: str,
        fn: Callable[[], Any],
        *,
        returned: Callable[[Any], None],
        errored: Callable[[KycDeskError], None],
    ) -> Task:
        """Run ``fn`` on the pool; ``returned``/``errored`` are called on this object's thread."""
        task = Task(name, fn)
        task.signals.returned.connect(returned)
        task.signals.errored.connect(errored)
        self._running.add(task)
        task.signals.finished.connect(lambda: self._running.discard(task))
        self.pool.start(task)
        return task

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for every task (shutdown, tests)."""
        return bool(self.pool.waitForDone(msecs))

    @property
    def busy(self) -> bool:
        return bool(self._running)
