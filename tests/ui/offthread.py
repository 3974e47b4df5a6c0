"""Which thread ran the desk's blocking calls — the behaviour a responsive window depends on.

A card's APDUs, a face comparison and the endpoint's HTTP calls each block for as long as the card, the
model or the network takes. The window stays responsive because none of them runs on the UI thread: it
hands them to its workers and takes the result back as a signal. :class:`BlockingCalls` wraps such
functions for one test and records, for every call, whether it ran on the UI thread (the thread that made
the ``QApplication``: pytest's main thread). A test then asserts that each guarded function *was* called
(so the guard watched the real path, not nothing) and never on the UI thread.

This replaces a UI-thread watchdog that timed gaps between timer ticks: a timing figure says as much about
the machine's load as about the desk, and a busy CI machine made it fail. Where a call runs is a fact.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import pytest


class BlockingCalls:
    """Records the thread of every call to the functions :meth:`watch` wrapped."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        #: per watched label, one entry per call: True when it ran on the UI thread
        self.on_ui_thread: dict[str, list[bool]] = {}

    def watch(self, owner: object, name: str) -> None:
        """Wrap ``owner.name`` (a function of a module, or a method of a class) for this test."""
        label = f"{getattr(owner, '__name__', owner)}.{name}"
        original: Callable[..., Any] = getattr(owner, name)
        calls = self.on_ui_thread.setdefault(label, [])

        @functools.wraps(original)
        def recorded(*args: Any, **kwargs: Any) -> Any:
            calls.append(threading.current_thread() is threading.main_thread())
            return original(*args, **kwargs)

        self._monkeypatch.setattr(owner, name, recorded)

    def assert_all_off_ui_thread(self) -> None:
        """Every watched function ran at least once, and never on the UI thread."""
        for label, calls in self.on_ui_thread.items():
            assert calls, f"{label} was never called: the test did not exercise what it guards"
            on_ui = sum(calls)
            assert not on_ui, f"{label} ran {on_ui} of {len(calls)} times on the UI thread"
