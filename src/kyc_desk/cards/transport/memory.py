"""In-memory transports for unit tests of parsers and APDU logic (style.md §2.3).

- :class:`HandlerTransport` calls a plain function with each parsed :class:`CommandApdu` (for example a
  software card's ``process``), so behaviour can be tested without pcscd.
- :class:`ScriptedTransport` replays fixed responses in order, records what was ``sent``, and answers
  ``6F00`` once the script runs out — for checking exact APDU sequences.

Integration tests go through the real pcscd and vpcd instead (see ``tests/plugins/pcsc.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kyc_desk.cards.apdu import CommandApdu, ResponseApdu


class HandlerTransport:
    """Each transmitted APDU is parsed and handed to ``handler``; its answer goes back."""

    def __init__(
        self, handler: Callable[[CommandApdu], ResponseApdu | bytes], *, supports_extended: bool = True
    ) -> None:
        self.handler = handler
        self.supports_extended = supports_extended
        self.sent: list[bytes] = []
        self.closed = False

    def transmit(self, apdu: bytes) -> bytes:
        """Parse, call the handler, return its answer as bytes."""
        self.sent.append(bytes(apdu))
        answer = self.handler(CommandApdu.parse(apdu))
        return answer.to_bytes() if isinstance(answer, ResponseApdu) else bytes(answer)

    def close(self) -> None:
        """Nothing to release."""
        self.closed = True


class ScriptedTransport:
    """Replays ``responses`` (raw bytes incl. SW) in order; then ``6F00``."""

    def __init__(self, responses: Iterable[bytes], *, supports_extended: bool = True) -> None:
        self.responses = [bytes(r) for r in responses]
        self.supports_extended = supports_extended
        self.sent: list[bytes] = []
        self.closed = False

    def transmit(self, apdu: bytes) -> bytes:
        """Record the command; answer the next scripted response."""
        self.sent.append(bytes(apdu))
        return self.responses.pop(0) if self.responses else b"\x6f\x00"

    def close(self) -> None:
        """Nothing to release."""
        self.closed = True
