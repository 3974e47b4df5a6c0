"""The card stack: transport → card (ISO 7816-4) → card applications (``kyc_desk.cards.apps``).

Start with ``docs/cards.md`` ("How to build on the card stack"). Public names:

- APDUs: :class:`CommandApdu`, :class:`ResponseApdu`, :class:`StatusWord`, :class:`Ins`;
- :class:`Card` (select/read/verify/sign, 61xx/6Cxx, cancellation) over a :class:`Transport`:
  :class:`PcscTransport` (real readers; imported lazily), :class:`HandlerTransport`,
  :class:`ScriptedTransport`, :class:`TracingTransport` (masked APDU trace);
- TLV and layouts: :func:`parse_ber`, :func:`parse_simple`, :class:`FileLayout`, :class:`Field`,
  :func:`decode`;
- detection: :func:`detect_card`, :class:`CardKind`; events: :class:`CardMonitor`;
- errors: :mod:`kyc_desk.cards.errors`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyc_desk.cards.apdu import CommandApdu, Ins, ResponseApdu, StatusWord
from kyc_desk.cards.card import Card
from kyc_desk.cards.detect import CardKind, Detection, detect_card
from kyc_desk.cards.errors import (
    CardError,
    CardStackError,
    MalformedData,
    StatusError,
    TransportError,
    error_for,
)
from kyc_desk.cards.layouts import Field, FileLayout, decode
from kyc_desk.cards.monitor import CardEvent, CardMonitor
from kyc_desk.cards.tlv import Tlv, parse_ber, parse_simple
from kyc_desk.cards.transport import HandlerTransport, ScriptedTransport, TracingTransport, Transport

if TYPE_CHECKING:
    from kyc_desk.cards.transport.pcsc import PcscTransport

__all__ = [
    "Card",
    "CardError",
    "CardEvent",
    "CardKind",
    "CardMonitor",
    "CardStackError",
    "CommandApdu",
    "Detection",
    "Field",
    "FileLayout",
    "HandlerTransport",
    "Ins",
    "MalformedData",
    "PcscTransport",
    "ResponseApdu",
    "ScriptedTransport",
    "StatusError",
    "StatusWord",
    "Tlv",
    "TracingTransport",
    "Transport",
    "TransportError",
    "decode",
    "detect_card",
    "error_for",
    "parse_ber",
    "parse_simple",
]


def __getattr__(name: str) -> Any:
    if name == "PcscTransport":
        from kyc_desk.cards.transport.pcsc import PcscTransport

        return PcscTransport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
