"""Layer 1 of the card stack: moving APDU bytes (PC/SC, or in memory for unit tests).

:class:`PcscTransport` and the other PC/SC names are imported lazily, so importing this package does not
load pyscard (the CLI and the window's cold start stay fast).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyc_desk.cards.transport.base import Transport
from kyc_desk.cards.transport.memory import HandlerTransport, ScriptedTransport
from kyc_desk.cards.transport.trace import TraceEntry, TraceHook, TracingTransport, mask_command, mask_response

if TYPE_CHECKING:
    from kyc_desk.cards.transport.pcsc import (
        PcscTransport,
        ReaderState,
        StatusWatcher,
        list_readers,
        reader_states,
        wait_for_card,
    )

_PCSC_NAMES = frozenset(
    {"PcscTransport", "ReaderState", "StatusWatcher", "list_readers", "reader_states", "wait_for_card"}
)

__all__ = [
    "HandlerTransport",
    "PcscTransport",
    "ReaderState",
    "ScriptedTransport",
    "StatusWatcher",
    "TraceEntry",
    "TraceHook",
    "TracingTransport",
    "Transport",
    "list_readers",
    "mask_command",
    "mask_response",
    "reader_states",
    "wait_for_card",
]


def __getattr__(name: str) -> Any:
    if name in _PCSC_NAMES:
        from kyc_desk.cards.transport import pcsc

        return getattr(pcsc, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
