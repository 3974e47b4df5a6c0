"""The transport protocol: bytes in, bytes out (the command APDU, the response with SW1 SW2).

Status words are data here, not errors: interpreting them is :class:`~kyc_desk.cards.card.Card`'s job.
A transport raises only :class:`~kyc_desk.cards.errors.TransportError` subclasses (reader gone, card
removed…). ``supports_extended`` tells the card layer whether extended-length APDUs can be sent.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Transport(Protocol):
    """Something that carries APDUs to a card: PC/SC, or an in-memory stand-in for unit tests."""

    @property
    def supports_extended(self) -> bool:
        """True when extended-length APDUs (Lc > 255 or Le > 256) reach the card."""
        ...

    def transmit(self, apdu: bytes) -> bytes:
        """Send one command APDU; return the response data followed by SW1 SW2."""
        ...

    def close(self) -> None:
        """Release the card (idempotent)."""
        ...
