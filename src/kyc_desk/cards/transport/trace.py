"""The APDU trace hook: what went to the card and what came back, safe to show and to log.

:class:`TracingTransport` wraps any transport and calls ``hook(TraceEntry)`` after every exchange. The
entry's text is masked so a trace can be attached to a support request:

- command data is shown only for plain SELECT (AIDs and file ids); all other command data — VERIFY and
  CHANGE REFERENCE DATA (PINs), MUTUAL AUTHENTICATE, secure-messaging payloads (card numbers, codes),
  signing input — appears as ``‹N bytes›``;
- response data is never shown, only its length and the status word: files hold personal data, and
  the trace cannot know which do.

Timing (``elapsed`` seconds) is kept for diagnosing slow readers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from kyc_desk.cards.apdu import CommandApdu, Ins, StatusWord
from kyc_desk.cards.errors import MalformedData
from kyc_desk.cards.transport.base import Transport


@dataclass(frozen=True)
class TraceEntry:
    """One exchange, already masked."""

    command: str
    response: str
    sw: StatusWord | None
    elapsed: float

    def __str__(self) -> str:
        return f"> {self.command}\n< {self.response} ({self.elapsed * 1000:.1f} ms)"


TraceHook = Callable[[TraceEntry], None]


def mask_command(raw: bytes) -> str:
    """The command as hex, data blanked unless it is a plain SELECT."""
    try:
        cmd = CommandApdu.parse(raw)
    except MalformedData:
        return f"‹malformed command, {len(raw)} bytes›"
    head = f"{cmd.cla:02X} {cmd.ins:02X} {cmd.p1:02X} {cmd.p2:02X}"
    if cmd.data:
        if cmd.ins == Ins.SELECT and cmd.cla == 0x00:
            head += f" Lc={len(cmd.data)} " + cmd.data.hex(" ").upper()
        else:
            head += f" Lc={len(cmd.data)} ‹{len(cmd.data)} bytes›"
    if cmd.le is not None:
        head += f" Le={cmd.le}"
    return head


def mask_response(raw: bytes) -> tuple[str, StatusWord | None]:
    """Only the data length and the status word."""
    if len(raw) < 2:
        return f"‹malformed response, {len(raw)} bytes›", None
    sw = StatusWord.of(raw[-2], raw[-1])
    data = f"‹{len(raw) - 2} bytes› " if len(raw) > 2 else ""
    return f"{data}SW={sw} ({sw.description})", sw


class TracingTransport:
    """Wraps a transport; calls ``hook`` with a masked :class:`TraceEntry` after each exchange."""

    def __init__(self, inner: Transport, hook: TraceHook) -> None:
        self.inner = inner
        self.hook = hook

    @property
    def supports_extended(self) -> bool:
        """As the wrapped transport."""
        return self.inner.supports_extended

    def transmit(self, apdu: bytes) -> bytes:
        """Transmit through the inner transport and report the exchange."""
        start = time.perf_counter()
        answer = self.inner.transmit(apdu)
        text, sw = mask_response(answer)
        self.hook(TraceEntry(mask_command(apdu), text, sw, time.perf_counter() - start))
        return answer

    def close(self) -> None:
        """Close the inner transport."""
        self.inner.close()
