"""The Qt binding itself must keep Python's reference counts: the desk emits signals all day long.

PySide6 6.12.0 dropped one reference to ``True`` on every ``SignalInstance.emit()`` (the emit's return
value was handed back without a reference). After a few thousand signals ``True`` was "deallocated" and
the process died: CI saw it as a Bus error inside ``processEvents`` two thirds into the suite, at a
different test each time. pyproject excludes that release; these tests fail on any binding that leaks
or over-releases references on the paths the desk uses (queued signals across threads, direct signals,
object and int payloads).
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from pytestqt.qtbot import QtBot

EMITS = 500


class _Emitter(QObject):
    number = Signal(int)
    value = Signal(object)


def _counts() -> tuple[int, int]:
    return sys.getrefcount(True), sys.getrefcount(False)


def _assert_kept(before: tuple[int, int]) -> None:
    """Other code running meanwhile may take or drop a few references; a leak is one per emit."""
    after = _counts()
    assert all(abs(a - b) < EMITS // 10 for a, b in zip(after, before, strict=True)), (before, after)


def test_emitting_keeps_reference_counts(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append, Qt.ConnectionType.DirectConnection)
    emitter.value.connect(received.append, Qt.ConnectionType.QueuedConnection)
    before = _counts()
    for i in range(EMITS):
        emitter.number.emit(i)
        emitter.value.emit(None)
    QCoreApplication.processEvents()
    assert len(received) == 2 * EMITS
    received.clear()
    _assert_kept(before)


def test_signals_from_worker_threads_keep_reference_counts(qtbot: QtBot) -> None:
    """What the card monitor, the remote pull and the task pool do: emit from their own threads."""
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append, Qt.ConnectionType.QueuedConnection)
    before = _counts()
    workers = [threading.Thread(target=lambda: [emitter.value.emit(False) for _ in range(EMITS)])
               for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    qtbot.waitUntil(lambda: len(received) == 2 * EMITS, timeout=30000)
    received.clear()
    _assert_kept(before)
